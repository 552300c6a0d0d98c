"""Times as found, with UTC beside them where the offset is known."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

RELEASE_DATE = datetime(2026, 11, 1, tzinfo=timezone.utc)  # this version's release: a clock before it is wrong


def local_zone_name() -> str | None:
    try:
        import tzlocal

        return str(tzlocal.get_localzone_name())
    except Exception:  # tzlocal raises several types on misconfigured machines; the zone is then unknown
        return None


def iso_utc(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def now_record() -> dict[str, Any]:
    """The acquisition clock: UTC, local time with offset, IANA zone, and a plausibility check."""
    now = datetime.now(timezone.utc)
    local = now.astimezone()
    rec: dict[str, Any] = {
        "utc": iso_utc(now),
        "local": local.isoformat(timespec="microseconds"),
        "zone": local_zone_name(),
        "findings": [],
    }
    if now < RELEASE_DATE:
        rec["findings"].append({
            "kind": "implausible-clock",
            "message": f"the computer's clock says {rec['utc']}, earlier than this tool's release "
                       f"({RELEASE_DATE.date()}): acquisition times from this machine are unreliable",
        })
    return rec


def epoch_record(seconds: float | None, ns: int | None = None) -> dict[str, Any] | None:
    """A file-system time (stored by the OS as an instant) in UTC and with this machine's offset."""
    if seconds is None:
        return None
    if ns is not None:
        seconds_int, frac = divmod(ns, 1_000_000_000)
        dt = datetime.fromtimestamp(seconds_int, timezone.utc).replace(microsecond=frac // 1000)
    else:
        dt = datetime.fromtimestamp(seconds, timezone.utc)
    return {"utc": iso_utc(dt), "local": dt.astimezone().isoformat(timespec="microseconds"),
            **({"ns": ns} if ns is not None else {})}
