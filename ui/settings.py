"""User settings (QSettings): the recent-cases list (only stored while enabled), idle lock, language.

On a seized laptop a list of recent cases reveals which cases exist, so the list can be turned off; turning
it off erases it, and nothing is stored while it is off.
"""

from __future__ import annotations

from pathlib import Path

from workbench.session import DEFAULT_IDLE_MINUTES

from .qt import QSettings

MAX_RECENT = 10


class Settings:
    def __init__(self, qs: QSettings | None = None) -> None:
        self.qs = qs or QSettings()

    # -- recent cases --------------------------------------------------------------------------------
    @property
    def recent_enabled(self) -> bool:
        return str(self.qs.value("recent/enabled", "true")).lower() == "true"

    def set_recent_enabled(self, on: bool) -> None:
        self.qs.setValue("recent/enabled", "true" if on else "false")
        if not on:
            self.clear_recent()
        self.qs.sync()

    def recent(self) -> list[str]:
        if not self.recent_enabled:
            return []
        v = self.qs.value("recent/cases", [])
        if isinstance(v, str):
            v = [v]
        return [str(x) for x in (v or []) if x]

    def add_recent(self, case_dir: Path) -> None:
        if not self.recent_enabled:
            return
        p = str(Path(case_dir).resolve())
        items = [x for x in self.recent() if x != p]
        self.qs.setValue("recent/cases", [p, *items][:MAX_RECENT])
        self.qs.sync()

    def clear_recent(self) -> None:
        self.qs.remove("recent/cases")
        self.qs.sync()

    # -- idle lock ---------------------------------------------------------------------------------------
    @property
    def idle_minutes(self) -> float:
        try:
            return float(self.qs.value("safety/idle_minutes", DEFAULT_IDLE_MINUTES))
        except (TypeError, ValueError):
            return float(DEFAULT_IDLE_MINUTES)

    def set_idle_minutes(self, minutes: float) -> None:
        self.qs.setValue("safety/idle_minutes", float(minutes))
        self.qs.sync()

    # -- language -----------------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return str(self.qs.value("ui/language", "") or "")

    def set_language(self, lang: str) -> None:
        self.qs.setValue("ui/language", lang)
        self.qs.sync()
