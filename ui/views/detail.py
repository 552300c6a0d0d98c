"""The detail pane: Preview, Metadata, Hashes, Custody, Notes and tags.

Loading an item is one read on a reader thread (``workbench.queries.item_detail``); every change (a note,
a tag, sensitivity, a "viewed" event) is one write on the writer thread and one custody event.
"""

from __future__ import annotations

import json
from typing import Any

from workbench import operations, queries
from workbench.preview import PreviewPool

from ..errors import show_error
from ..qt import (
    QApplication,
    QCheckBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..tasks import TaskManager
from .preview import PreviewPanel


def _copy_button(parent: QWidget, get: Any, tip: str) -> QPushButton:
    b = QPushButton(parent.tr("Copy"))
    b.setToolTip(tip)
    b.clicked.connect(lambda: QApplication.clipboard().setText(get()))
    return b


def _value(v: Any) -> str:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return "" if v is None else str(v)


class DetailPane(QTabWidget):
    changed = Signal(str)  # an item was changed (tags, notes, sensitivity): refresh the table
    verified = Signal(str, str)  # exhibit, state ("verified" / "changed")
    show_original = Signal(object)
    open_exhibit = Signal(str)

    def __init__(self, tasks: TaskManager, pool: PreviewPool, case: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.tasks, self.case = tasks, case
        self.detail: dict[str, Any] | None = None
        self._gen = 0
        self.preview = PreviewPanel(tasks, pool, case)
        self.preview.sensitive_shown.connect(self._sensitive_shown)
        self.preview.show_original.connect(self.show_original)
        self.preview.open_exhibit.connect(self.open_exhibit)
        self.addTab(self.preview, self.tr("&Preview"))
        self.addTab(self._metadata_tab(), self.tr("&Metadata"))
        self.addTab(self._hashes_tab(), self.tr("&Hashes"))
        self.addTab(self._custody_tab(), self.tr("C&ustody"))
        self.addTab(self._notes_tab(), self.tr("&Notes and tags"))
        self.setTabToolTip(0, self.tr("The item as it looks (rendered in memory)"))
        self.setTabToolTip(3, self.tr("Every custody event about this item"))
        self.title = ""
        self.clear()

    # -- tabs ---------------------------------------------------------------------------------------------
    def _metadata_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.meta_title = QLabel(objectName="metaTitle")
        self.meta_title.setWordWrap(True)
        lay.addWidget(self.meta_title)
        gps = QHBoxLayout()
        self.gps = QLineEdit(objectName="gpsText")
        self.gps.setReadOnly(True)
        self.gps_copy = _copy_button(self, self.gps.text, self.tr("Copy the coordinates"))
        gps.addWidget(QLabel(self.tr("GPS:")))
        gps.addWidget(self.gps, 1)
        gps.addWidget(self.gps_copy)
        lay.addLayout(gps)
        self.meta = QTreeWidget(objectName="metadataTree")
        self.meta.setColumnCount(3)
        self.meta.setHeaderLabels([self.tr("Field"), self.tr("Value"), self.tr("Where / by")])
        self.meta.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.meta.setAlternatingRowColors(True)
        self.meta.setWordWrap(True)
        lay.addWidget(self.meta, 1)
        return w

    def _hashes_tab(self) -> QWidget:
        w = QWidget()
        self.hash_form = QFormLayout(w)
        self.hash_fields: dict[str, QLineEdit] = {}
        for algo, label in (("sha256", "SHA-256"), ("md5", "MD5"), ("sha1", "SHA-1"), ("sha512", "SHA-512")):
            e = QLineEdit(objectName=f"hash_{algo}")
            e.setReadOnly(True)
            e.setFont(_mono(e))
            row = QHBoxLayout()
            row.addWidget(e, 1)
            row.addWidget(_copy_button(self, e.text, self.tr("Copy the %s hash") % label))
            self.hash_form.addRow(label + ":", row)
            self.hash_fields[algo] = e
        self.verify_btn = QPushButton(self.tr("&Verify now"), objectName="verifyItem")
        self.verify_btn.setToolTip(self.tr("Decrypt this item's original and hash it again; the result is "
                                           "recorded in the custody log"))
        self.verify_btn.clicked.connect(self.verify_now)
        self.verify_result = QLabel(objectName="verifyItemResult")
        self.verify_result.setWordWrap(True)
        self.hash_form.addRow(self.verify_btn)
        self.hash_form.addRow(self.verify_result)
        return w

    def _custody_tab(self) -> QWidget:
        self.custody = QTreeWidget(objectName="itemCustody")
        self.custody.setHeaderLabels([self.tr("Seq"), self.tr("Time (UTC)"), self.tr("Action"), self.tr("Examiner"),
                                      self.tr("Details")])
        self.custody.setRootIsDecorated(False)
        self.custody.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return self.custody

    def _notes_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(QLabel(self.tr("Notes (each save is a custody event):")))
        self.notes = QPlainTextEdit(objectName="notes")
        lay.addWidget(self.notes, 1)
        self.save_notes = QPushButton(self.tr("&Save notes"), objectName="saveNotes")
        self.save_notes.setToolTip(self.tr("Save the notes (Ctrl+S)"))
        self.save_notes.setShortcut("Ctrl+S")
        self.save_notes.clicked.connect(self._save_notes)
        lay.addWidget(self.save_notes, 0, Qt.AlignmentFlag.AlignTrailing)
        lay.addWidget(QLabel(self.tr("Tags:")))
        self.tag_list = QListWidget(objectName="tagList")
        self.tag_list.setMaximumHeight(110)
        lay.addWidget(self.tag_list)
        row = QHBoxLayout()
        self.tag_edit = QLineEdit(objectName="tagEdit")
        self.tag_edit.setPlaceholderText(self.tr("new tag"))
        self.tag_edit.returnPressed.connect(self._add_tag)
        self.completer = QCompleter([])
        self.tag_edit.setCompleter(self.completer)
        add = QPushButton(self.tr("&Add tag"), objectName="addTag")
        add.clicked.connect(self._add_tag)
        rm = QPushButton(self.tr("&Remove tag"), objectName="removeTag")
        rm.setToolTip(self.tr("Remove the selected tag"))
        rm.clicked.connect(self._remove_tag)
        row.addWidget(self.tag_edit, 1)
        row.addWidget(add)
        row.addWidget(rm)
        lay.addLayout(row)
        self.sensitive = QCheckBox(self.tr("Sensitive (graphic or abusive material: blur previews)"),
                                   objectName="sensitive")
        self.sensitive.clicked.connect(self._set_sensitive)
        lay.addWidget(self.sensitive)
        return w

    # -- loading -----------------------------------------------------------------------------------------
    def clear(self) -> None:
        self._gen += 1
        self.detail = None
        self.preview.clear()
        self.meta.clear()
        self.meta_title.setText(self.tr("No item selected."))
        self.gps.clear()
        for e in self.hash_fields.values():
            e.clear()
        self.custody.clear()
        self.notes.clear()
        self.tag_list.clear()
        self.verify_result.clear()
        self.setEnabled(False)

    def show_item(self, exhibit: str, *, conversation_id: int | None = None, seq: int | None = None) -> Any:
        self._gen += 1
        gen = self._gen

        def load(conn: Any) -> tuple[dict[str, Any], list[dict[str, Any]], list[tuple[str, int]]]:
            return queries.item_detail(conn, exhibit), queries.conversations(conn, exhibit), queries.tags(conn)

        op = self.tasks.read(load, label="item detail", urgent=True)
        op.succeeded.connect(lambda r: self._loaded(gen, r, conversation_id, seq))
        op.failed.connect(lambda exc: show_error(self, exc) if gen == self._gen else None)
        return op

    def _loaded(self, gen: int, r: Any, conversation_id: int | None, seq: int | None) -> None:
        if gen != self._gen:
            return
        d, convs, all_tags = r
        self.detail = d
        self.setEnabled(True)
        self.preview.show_item(d, conversations=convs, around_seq=seq, conversation_id=conversation_id)
        self._fill_metadata(d)
        for i, (algo, e) in enumerate(self.hash_fields.items()):
            e.setText(d.get(algo) or "")
            self.hash_form.setRowVisible(i, bool(d.get(algo)))
        self.verify_result.clear()
        self.verify_btn.setEnabled(d["status"] == "active")
        self.custody.clear()
        for ev in d["custody"]:
            e = ev.event
            QTreeWidgetItem(self.custody, [str(e["seq"]), e["time"], e["action"], e["examiner"],
                                           _value(e["details"])[:300]])
        self.notes.setPlainText(d.get("notes") or "")
        self.tag_list.clear()
        for t in d.get("tags", []):
            self.tag_list.addItem(QListWidgetItem(t))
        self.completer.model().setStringList([t for t, _ in all_tags])  # type: ignore[attr-defined]
        self.sensitive.setChecked(bool(d["sensitive"]))
        if d["status"] == "active":
            ex = d["exhibit"]
            self.tasks.write(lambda c: c.log_viewed(ex), label="log viewed", preempt=False)

    def _fill_metadata(self, d: dict[str, Any]) -> None:
        self.meta.clear()
        self.meta_title.setText(f"<b>{_esc(d['exhibit'])}</b> · {_esc(d['name'])}")
        item = QTreeWidgetItem(self.meta, [self.tr("Item")])
        for k in ("mime", "mime_description", "size", "status", "parent", "path_in_parent", "duplicate_of",
                  "created_utc"):
            if d.get(k) not in (None, ""):
                QTreeWidgetItem(item, [k, _value(d[k]), ""])
        if d.get("retraction"):
            r = d["retraction"]
            QTreeWidgetItem(item, ["retraction", f"{r['retracted_utc']} by {r['retracted_by']}: {r['reason']}", ""])
        for a in d.get("acquisitions", []):
            acq = QTreeWidgetItem(self.meta, [self.tr("Acquisition")])
            for k in ("source_path", "source_text", "method", "examiner", "host", "acquired_utc", "acquired_local",
                      "tz_name", "fs_type", "tool", "tool_version"):
                if a.get(k):
                    QTreeWidgetItem(acq, [k, _value(a[k]), ""])
            for k, v in (a.get("fs_times") or {}).items():
                if isinstance(v, dict):
                    QTreeWidgetItem(acq, [f"fs {k}", f"{v.get('utc')} (local {v.get('local')})", ""])
                elif v:
                    QTreeWidgetItem(acq, [f"fs {k}", _value(v), ""])
            for f in a.get("findings") or []:
                QTreeWidgetItem(acq, [self.tr("finding"), _value(f.get("message", f)), _value(f.get("kind"))])
        if d.get("findings"):
            fi = QTreeWidgetItem(self.meta, [self.tr("Findings")])
            for f in d["findings"]:
                QTreeWidgetItem(fi, [f["kind"], f["message"], f"{f.get('location') or ''} · {f.get('extractor') or ''}"])
            fi.setExpanded(True)
        if d.get("fields"):
            fl = QTreeWidgetItem(self.meta, [self.tr("Extracted fields")])
            for f in d["fields"]:
                QTreeWidgetItem(fl, [f["key"], _value(f["value"])[:2000],
                                     f"{f.get('location') or ''} · {f['extractor']} {f['version']}"])
            fl.setExpanded(True)
        if d.get("warnings"):
            wl = QTreeWidgetItem(self.meta, [self.tr("Warnings")])
            for w in d["warnings"]:
                QTreeWidgetItem(wl, [w.get("source") or "", w["message"], w.get("location") or ""])
            wl.setExpanded(True)
        for cv in d.get("conversations", []):
            c = QTreeWidgetItem(self.meta, [self.tr("Conversation"), f"{cv['app']} · {cv['message_count']} messages"])
            for dec in cv.get("decisions", []):
                QTreeWidgetItem(c, [self.tr("decision"), _value(dec), ""])
            for w in cv.get("warnings", [])[:50]:
                QTreeWidgetItem(c, [self.tr("parser warning"), _value(w), ""])
        if d.get("children"):
            QTreeWidgetItem(self.meta, [self.tr("Children"), ", ".join(d["children"][:50])])
        item.setExpanded(True)
        vals = {f["key"]: f["value"] for f in d.get("fields", [])}
        lat, lon = vals.get("gps.latitude"), vals.get("gps.longitude")
        if lat is not None and lon is not None:
            self.gps.setText(f"{lat}, {lon}")
        else:
            self.gps.setText("")
            self.gps.setPlaceholderText(self.tr("no GPS coordinates"))
        self.gps_copy.setEnabled(bool(self.gps.text()))

    # -- actions ------------------------------------------------------------------------------------------
    def _after_write(self, op: Any, exhibit: str) -> None:
        op.failed.connect(lambda exc: show_error(self, exc))
        op.succeeded.connect(lambda _: (self.changed.emit(exhibit), self.show_item(exhibit)
                                        if self.detail and self.detail["exhibit"] == exhibit else None))

    def _save_notes(self) -> None:
        if not self.detail:
            return
        ex, text = self.detail["exhibit"], self.notes.toPlainText()
        self._after_write(self.tasks.write(lambda c: operations.set_notes(c, ex, text), label="notes"), ex)

    def _add_tag(self) -> None:
        tag = self.tag_edit.text().strip()
        if not self.detail or not tag:
            return
        ex = self.detail["exhibit"]
        self.tag_edit.clear()
        self._after_write(self.tasks.write(lambda c: operations.add_tag(c, ex, tag), label="tag"), ex)

    def _remove_tag(self) -> None:
        it = self.tag_list.currentItem()
        if not self.detail or it is None:
            return
        ex, tag = self.detail["exhibit"], it.text()
        self._after_write(self.tasks.write(lambda c: operations.remove_tag(c, ex, tag), label="untag"), ex)

    def _set_sensitive(self, on: bool) -> None:
        if not self.detail:
            return
        ex = self.detail["exhibit"]
        op = self.tasks.write(lambda c: operations.set_sensitive(c, ex, on), label="sensitive")
        op.succeeded.connect(lambda _r: self.preview.thumbs.clear())  # attachment thumbnails blur (or not) anew
        self._after_write(op, ex)

    def _sensitive_shown(self, exhibit: str) -> None:
        op = self.tasks.write(lambda c: c.log("sensitive-viewed", exhibit, {"shown": "preview"}),
                              label="sensitive viewed")
        op.failed.connect(lambda exc: show_error(self, exc))

    def verify_now(self) -> Any:
        """Re-hash this item's object off the UI thread; record the result as a custody event."""
        if not self.detail or not self.detail.get("object"):
            return None
        d = self.detail
        ex, obj = d["exhibit"], d["object"]
        recorded = {a: d[a] for a in self.case.hash_algorithms}
        self.verify_btn.setEnabled(False)
        self.verify_result.setText(self.tr("Hashing the original again…"))

        def rehash(conn: Any) -> tuple[bool, dict[str, str]]:
            digests, _size = self.case.vault.rehash(obj, self.case.hash_algorithms)
            return digests == recorded, digests

        op = self.tasks.read(rehash, label="verify item")

        def hashed(r: tuple[bool, dict[str, str]]) -> None:
            ok, digests = r
            w = self.tasks.write(lambda c: c.log("verified", ex, {"ok": ok, "scope": "item",
                                                                  "sha256": digests.get("sha256", "")}),
                                 label="log verified")
            w.failed.connect(lambda exc: show_error(self, exc))
            w.succeeded.connect(lambda _: self.show_item(ex) if self.detail and self.detail["exhibit"] == ex else None)
            self.verified.emit(ex, "verified" if ok else "changed")
            self.verify_btn.setEnabled(True)
            self.verify_result.setText(self.tr("✔ The original matches its recorded hashes.") if ok else
                                       self.tr("✘ The original does NOT match its recorded hashes. Run Verify case "
                                               "and keep this laptop as it is."))

        def failed(exc: BaseException) -> None:
            self.verify_btn.setEnabled(True)
            self.verify_result.setText(self.tr("✘ The encrypted original could not be read: %s") % type(exc).__name__)
            self.verified.emit(ex, "changed")

        op.succeeded.connect(hashed)
        op.failed.connect(failed)
        return op


def _mono(w: QWidget) -> Any:
    from ..qt import QFontDatabase

    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
