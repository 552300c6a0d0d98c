"""The main window: filters and tags (left), the evidence table (centre), the detail pane (right), a
search box over the full-text index (top), running work and the status bar (bottom).

Every core call runs through ``ui.tasks.TaskManager``: writes on the one writer thread, reads on reader
threads with their own connections. Results of import, export and verification that finish while the
case is locked are shown after unlocking.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench import queries
from workbench.preview import PreviewPool
from workbench.session import IdleLock

from . import operations_ui as ops
from .errors import show_error
from .jobs_panel import JobsPanel
from .lock import LockScreen
from .models.evidence import EvidenceModel
from .qt import (
    QAbstractItemView,
    QDialog,
    QEvent,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QObject,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .settings import Settings
from .tasks import TaskManager
from .views.detail import DetailPane
from .views.filters import FilterTree
from .views.search import SearchResults

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.MouseMove}


class _ActivityFilter(QObject):
    def __init__(self, idle: IdleLock) -> None:
        super().__init__()
        self.idle = idle

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() in ACTIVITY:
            self.idle.touch()
        return False


class MainWindow(QMainWindow):
    closed = Signal()
    import_finished = Signal(object)  # ImportResult
    export_finished = Signal(object)  # (result, summary) or the exception
    verify_finished = Signal(object)  # VerifyReport
    search_finished = Signal(object)  # list of hits
    locked_changed = Signal(bool)

    def __init__(self, case: Any, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.case, self.settings = case, settings
        self.setWindowTitle(self.tr("%1 (%2) — Evidence Workbench").replace("%1", case.name)
                            .replace("%2", case.number))
        self.tasks = TaskManager(case, parent=self)
        self.pool = PreviewPool()
        self.tasks.thread(self.pool.start, label="start preview worker")
        self.idle = IdleLock(settings.idle_minutes)
        self.locked = False
        self._deferred: list[Callable[[], None]] = []
        self._hidden_dialogs: list[QWidget] = []
        self._close_state: str | None = None  # None, "waiting", "done"
        self._shown_exhibit: str | None = None
        self._pending_row: int | None = None
        self._last_refresh = 0.0
        self.last_summary: Any = None

        self.filters = FilterTree(self.tasks)
        self.results = SearchResults()
        self.left = QTabWidget(objectName="leftTabs")
        self.left.addTab(self.filters, self.tr("Filters"))
        self.left.addTab(self.results, self.tr("Search results"))
        self.model = EvidenceModel(self.tasks)
        self.table = QTableView(objectName="evidenceTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        for col, w in enumerate((82, 190, 110, 62, 132, 96, 80, 110)):
            self.table.setColumnWidth(col, w)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = DetailPane(self.tasks, self.pool, case)
        split = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        split.addWidget(self.left)
        self.empty = QLabel(self.tr("No evidence yet.\n\nDrag files or folders onto this window, or use "
                                    "Import files (Ctrl+I) or Import folder (Ctrl+Shift+I)."), objectName="emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid); font-size: 14pt")
        self.centre = QStackedWidget()
        self.centre.addWidget(self.table)
        self.centre.addWidget(self.empty)
        split.addWidget(self.centre)
        split.addWidget(self.detail)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([190, 740, 510])
        self.jobs = JobsPanel()
        page = QWidget()
        pl = QVBoxLayout(page)
        pl.setContentsMargins(4, 4, 4, 4)
        pl.addWidget(split, 1)
        pl.addWidget(self.jobs)
        self.lock_screen = LockScreen(self.tasks, case)
        self.lock_screen.unlocked.connect(self.unlock)
        self.stack = QStackedWidget()
        self.stack.addWidget(page)
        self.stack.addWidget(self.lock_screen)
        self.main_page = page
        self.setCentralWidget(self.stack)

        self.search = QLineEdit(objectName="searchBox")
        self.search.setPlaceholderText(self.tr("Search text and chat messages (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(self.tr("Words to find in extracted text, OCR and chat messages; Enter to search"))
        self.search.returnPressed.connect(self.run_search)
        ops.build_actions(self)
        self._status_bar()

        self.filters.filter_changed.connect(self.model.set_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.block_loaded.connect(self._block_loaded)
        self.model.count_changed.connect(self._count_changed)
        self.results.jump.connect(self.jump)
        self.detail.changed.connect(self._item_changed)
        self.detail.verified.connect(self._item_verified)
        self.detail.show_original.connect(lambda m: ops.show_original(self, m))
        self.detail.open_exhibit.connect(lambda ex: self.jump({"exhibit": ex}))
        self.tasks.changed.connect(self._tasks_changed)
        self.setTabOrder(self.search, self.left)
        self.setTabOrder(self.left, self.table)
        self.setTabOrder(self.table, self.detail)

        self._activity = _ActivityFilter(self.idle)
        from .qt import QApplication

        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(5000)
        self.idle_timer.timeout.connect(self._check_idle)
        self.idle_timer.start()
        self.setAcceptDrops(True)
        self.resize(1440, 860)
        self.model.reload()
        self.filters.refresh()
        self.refresh_status()
        QTimer.singleShot(1500, lambda: ops.start_background(self))

    # -- status bar ----------------------------------------------------------------------------------------
    def _status_bar(self) -> None:
        sb = self.statusBar()
        self.st_case = QLabel(f"{self.case.name} · {self.case.number}")
        self.st_items = QLabel(objectName="statusItems")
        self.st_enc = QLabel(self.tr("encrypted"))
        self.st_enc.setToolTip(self.tr("Originals are age-encrypted; the database is SQLCipher-encrypted"))
        self.st_verify = QLabel(objectName="statusVerify")
        self.st_bg = QLabel(objectName="statusBackground")
        self.st_bg_bar = QProgressBar()
        self.st_bg_bar.setMaximumWidth(120)
        self.st_bg_bar.setVisible(False)
        for w in (self.st_case, self.st_items, self.st_enc, self.st_verify):
            sb.addWidget(w)
        sb.addPermanentWidget(self.st_bg)
        sb.addPermanentWidget(self.st_bg_bar)

    def refresh_status(self) -> Any:
        def read(c: Any) -> tuple[int, Any]:
            return queries.count_items(c), queries.last_verification(c)

        op = self.tasks.read(read, label="status")
        op.succeeded.connect(self._status)
        return op

    def _status(self, r: tuple[int, Any]) -> None:
        n, v = r
        self.st_items.setText(self.tr("%d items") % n)
        if v is None:
            self.st_verify.setText(self.tr("not verified yet"))
        elif v["ok"]:
            self.st_verify.setText(self.tr("verified %s: clean") % v["time"][:16].replace("T", " "))
        else:
            self.st_verify.setText(self.tr("verified %1: %2 problem(s)").replace("%1", v["time"][:16].replace("T", " "))
                                   .replace("%2", str(v["problems"])))

    def _count_changed(self, n: int) -> None:
        empty = n == 0 and self.model.filter == "all"
        self.centre.setCurrentWidget(self.empty if empty else self.table)

    def _tasks_changed(self) -> None:
        if self._close_state == "waiting" and not self.tasks.busy():
            QTimer.singleShot(0, self.close)

    # -- selection and jumping ---------------------------------------------------------------------------
    def _row_changed(self, cur: Any, _prev: Any) -> None:
        if not cur.isValid():
            return
        r = self.model.row(cur.row())
        if r is None:
            self._pending_row = cur.row()
            return
        self._pending_row = None
        if r["exhibit"] != self._shown_exhibit:
            self.show_exhibit(r["exhibit"])

    def _block_loaded(self, first: int) -> None:
        if self._pending_row is not None and first <= self._pending_row < first + 256:
            idx = self.model.index(self._pending_row, 0)
            self._pending_row = None
            self._row_changed(idx, None)

    def show_exhibit(self, exhibit: str, *, conversation_id: int | None = None, seq: int | None = None) -> Any:
        self._shown_exhibit = exhibit
        return self.detail.show_item(exhibit, conversation_id=conversation_id, seq=seq)

    def jump(self, hit: dict[str, Any]) -> Any:
        """Show a search hit (or an attachment's exhibit): the item, at the message if there is one."""
        ex = hit["exhibit"]
        op = self.show_exhibit(ex, conversation_id=hit.get("conversation"), seq=hit.get("seq"))
        kw = {"sort": self.model.sort_key, "descending": self.model.descending, "filter": self.model.filter,
              "tag": self.model.tag}
        pos = self.tasks.read(lambda c: queries.position(c, ex, **kw), label="position", urgent=True)  # type: ignore[arg-type]
        pos.succeeded.connect(self._select_row)
        return op

    def _select_row(self, row: int | None) -> None:
        if row is None or row >= self.model.rowCount():
            return
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows)
        self.table.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)

    def selected_exhibits(self) -> list[str]:
        out = []
        for idx in self.table.selectionModel().selectedRows():
            r = self.model.row(idx.row())
            if r is not None:
                out.append(r["exhibit"])
        return out

    def _item_changed(self, exhibit: str) -> None:
        self.model.refresh()
        self.filters.refresh()

    def _item_verified(self, exhibit: str, state: str) -> None:
        self.model.overlay[exhibit] = state
        self.model.refresh()

    # -- search ------------------------------------------------------------------------------------------
    def run_search(self) -> Any:
        q = self.search.text().strip()
        if not q:
            return None
        t0 = time.perf_counter()
        op = self.tasks.read(lambda c: queries.search(c, q), label="search", urgent=True)
        self.left.setCurrentWidget(self.results)
        self.results.set_message(self.tr("Searching…"))

        def done(hits: list[dict[str, Any]]) -> None:
            self.results.set_hits(q, hits, (time.perf_counter() - t0) * 1000)
            self.search_finished.emit(hits)

        def failed(exc: BaseException) -> None:
            from workbench.errors import UserError

            if isinstance(exc, UserError):
                self.results.set_message(exc.message)
            else:
                show_error(self, exc)
            self.search_finished.emit([])

        op.succeeded.connect(done)
        op.failed.connect(failed)
        return op

    # -- deferred results (while locked) -------------------------------------------------------------------
    def when_unlocked(self, fn: Callable[[], None]) -> None:
        if self.locked:
            self._deferred.append(fn)
        else:
            fn()

    # -- lock ------------------------------------------------------------------------------------------------
    def _check_idle(self) -> None:
        self.idle.minutes = self.settings.idle_minutes
        if self.idle.due():
            self.lock()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.idle.lock()
        for d in self.findChildren(QDialog):
            if d.isVisible():
                d.hide()
                self._hidden_dialogs.append(d)
        self.detail.preview.forget_revealed()
        self.detail.clear()
        self._shown_exhibit = None
        self.stack.setCurrentWidget(self.lock_screen)
        running = [o.label for o in self.tasks.long_running()]
        self.lock_screen.set_work(self.tr("Still running: %s. Its result will be shown after unlocking.")
                                  % ", ".join(running) if running else "")
        self.lock_screen.prepare()
        for a in self.lockable_actions:
            a.setEnabled(False)
        self.search.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.idle.unlock()
        self.stack.setCurrentWidget(self.main_page)
        for a in self.lockable_actions:
            a.setEnabled(True)
        self.search.setEnabled(True)
        self.menuBar().setEnabled(True)
        for d in self._hidden_dialogs:
            d.show()
        self._hidden_dialogs.clear()
        deferred, self._deferred = self._deferred, []
        for fn in deferred:
            fn()
        cur = self.table.currentIndex()
        if cur.isValid():
            self._row_changed(cur, None)
        self.locked_changed.emit(False)

    # -- drag and drop -----------------------------------------------------------------------------------------
    def dragEnterEvent(self, e: Any) -> None:
        md = e.mimeData()
        if not self.locked and md.hasUrls() and all(u.isLocalFile() for u in md.urls()):
            e.acceptProposedAction()

    def dropEvent(self, e: Any) -> None:
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if paths and not self.locked:
            e.acceptProposedAction()
            ops.ask_import(self, paths)

    # -- closing ---------------------------------------------------------------------------------------------------
    def request_close(self, mode: str = "wait") -> None:
        """Close after running work: "wait" lets it finish, "cancel" stops it (committed items stay)."""
        if mode == "cancel":
            self.tasks.cancel_all()
        for o in self.tasks.busy():
            if o.background:
                o.cancel.cancel()
        self._close_state = "waiting"
        self.statusBar().showMessage(self.tr("Closing when the running work has stopped…"))
        if not self.tasks.busy():
            QTimer.singleShot(0, self.close)

    def closeEvent(self, e: Any) -> None:
        if self._close_state == "done":
            e.accept()
            return
        busy = self.tasks.long_running()
        if busy and self._close_state != "waiting":
            e.ignore()
            box = QMessageBox(self)
            box.setObjectName("closeBusyBox")
            box.setWindowTitle(self.tr("Work is running"))
            box.setText(self.tr("Still running: %s.") % ", ".join(o.label for o in busy))
            box.setInformativeText(self.tr("Wait for it to finish, or cancel it? Items already imported stay "
                                           "committed either way."))
            wait = box.addButton(self.tr("&Wait, then close"), QMessageBox.ButtonRole.AcceptRole)
            cancel = box.addButton(self.tr("&Cancel the work and close"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("&Keep working"), QMessageBox.ButtonRole.RejectRole)
            wait.clicked.connect(lambda: self.request_close("wait"))
            cancel.clicked.connect(lambda: self.request_close("cancel"))
            box.open()
            return
        if self.tasks.busy():
            e.ignore()
            self.pool.close()  # a render in progress stops at once
            self.request_close("wait")
            return
        self._close_state = "done"
        from .qt import QApplication

        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._activity)
        self.idle_timer.stop()
        self.pool.close()
        self.tasks.shutdown()
        e.accept()
        self.closed.emit()
