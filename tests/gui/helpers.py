"""Small helpers for driving the window in tests."""

from __future__ import annotations

from typing import Any

from ui.qt import Qt


def load_rows(qtbot: Any, w: Any, n: int, timeout: int = 30000) -> list[dict[str, Any]]:
    """Wait until the table has ``n`` rows loaded (asking the model for them, as the view would)."""
    m = w.model

    def ready() -> bool:
        if m.rowCount() < n:
            return False
        for r in range(m.rowCount()):
            m.data(m.index(r, 0))
        return all(m.row(r) is not None for r in range(m.rowCount()))

    qtbot.waitUntil(ready, timeout=timeout)
    return [m.row(r) for r in range(m.rowCount())]


def select(qtbot: Any, w: Any, name: str) -> dict[str, Any]:
    rows = load_rows(qtbot, w, 1)
    for r, row in enumerate(rows):
        if row["name"] == name:
            w.table.selectRow(r)
            qtbot.waitUntil(lambda: w.detail.detail is not None and w.detail.detail["name"] == name, timeout=30000)
            return row
    raise AssertionError(f"{name} is not in the table")


def import_through_dialog(qtbot: Any, w: Any, paths: list[Any], *, timezone: str | None = None,
                          timeout: int = 120000) -> Any:
    from ui import operations_ui as ops
    from ui.qt import QDialogButtonBox

    dlg = ops.ask_import(w, paths)
    qtbot.waitExposed(dlg)
    dlg.source.setText("phone of witness A")
    if timezone:
        dlg.zone.setEditText(timezone)
    with qtbot.waitSignal(w.import_finished, timeout=timeout) as blocker:
        qtbot.mouseClick(dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    return blocker.args[0]
