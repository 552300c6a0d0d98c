"""Running long operations (import, export, verify), each with a progress bar, numbers and Cancel.

Progress is data (``workbench.jobs.Progress``); this is the GUI's rendering of it, as the CLI has its
terminal bar: files, bytes, rate and remaining time.
"""

from __future__ import annotations

from workbench.jobs import Progress

from .models.evidence import human_size
from .qt import (
    QCoreApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .tasks import Op


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    if s < 60:
        return QCoreApplication.translate("JobRow", "%1 s").replace("%1", str(s))
    if s < 3600:
        return (QCoreApplication.translate("JobRow", "%1 min %2 s").replace("%1", str(s // 60))
                .replace("%2", f"{s % 60:02d}"))
    return (QCoreApplication.translate("JobRow", "%1 h %2 min").replace("%1", str(s // 3600))
            .replace("%2", f"{(s % 3600) // 60:02d}"))


class JobRow(QFrame):
    def __init__(self, op: Op, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.op = op
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        self.title = QLabel(title)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMinimumWidth(200)
        self.text = QLabel(self.tr("starting…"))
        self.text.setObjectName("jobText")
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("jobCancel")
        self.cancel.setToolTip(self.tr("Stop as soon as possible; everything already committed stays committed"))
        self.cancel.clicked.connect(self._cancel)
        lay.addWidget(self.title)
        lay.addWidget(self.bar, 1)
        lay.addWidget(self.text, 2)
        lay.addWidget(self.cancel)
        op.progressed.connect(self.update_progress)

    def _cancel(self) -> None:
        self.op.cancel.cancel()
        self.cancel.setEnabled(False)
        self.text.setText(self.tr("cancelling…"))

    def update_progress(self, p: Progress) -> None:
        if self.op.cancel.cancelled:
            return
        self.text.setText(describe_progress(p))
        if p.total:
            self.bar.setRange(0, 1000)
            if p.bytes_total:
                self.bar.setValue(int(1000 * p.bytes_done / max(1, p.bytes_total)))
            else:
                self.bar.setValue(int(1000 * p.done / max(1, p.total)))
        else:
            self.bar.setRange(0, 0)


def describe_progress(p: Progress) -> str:
    """Files, bytes, rate and remaining time, in words (context "JobRow" for the translations)."""
    phases = {
        "preserving": QCoreApplication.translate("JobRow", "Preserving"),
        "extracting": QCoreApplication.translate("JobRow", "Extracting metadata"),
        "verifying": QCoreApplication.translate("JobRow", "Verifying"),
        "exporting": QCoreApplication.translate("JobRow", "Exporting"),
        "ocr": QCoreApplication.translate("JobRow", "OCR"),
        "scanning": QCoreApplication.translate("JobRow", "Scanning"),
    }
    parts = [phases.get(p.phase, p.phase)]
    if p.total is not None:
        parts.append(QCoreApplication.translate("JobRow", "%1 of %2 files").replace("%1", str(p.done))
                     .replace("%2", str(p.total)))
    if p.bytes_total:
        parts.append(f"\u2066{human_size(p.bytes_done)} / {human_size(p.bytes_total)}\u2069")
        if p.rate > 0:
            parts.append(f"\u2066{human_size(int(p.rate))}/s\u2069")
        left = p.remaining_seconds
        if left is not None and p.bytes_done < p.bytes_total:
            parts.append(QCoreApplication.translate("JobRow", "about %s left") % duration(left))
    return " · ".join(parts)


class JobsPanel(QWidget):
    """Rows for the running long operations; hidden when none runs."""

    emptied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobsPanel")
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.rows: list[JobRow] = []
        self.setVisible(False)

    def add(self, op: Op, title: str) -> JobRow:
        row = JobRow(op, title, self)
        self.rows.append(row)
        self.lay.addWidget(row)
        self.setVisible(True)
        op.finished.connect(lambda: self._remove(row))
        return row

    def _remove(self, row: JobRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        if not self.rows:
            self.setVisible(False)
            self.emptied.emit()
