"""Header shapes of real WhatsApp exports that the structural header pattern must read (see ``_wa_regex``).

Each export is built here in the shape real exports have (the sources are named per test; no third-party
file is copied): the time before the date (iOS in Vietnamese), a Buddhist-era year with its "BE" suffix and
a Japanese-era year in the last place (iOS with those calendars), Hebrew AM/PM words. Every export must be
claimed, every header must start a message, each time as written is kept and read to the right local time,
and the era conversions and the date order are written down as decisions.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from evidence.chats._wa_regex import header_regex
from tests.unit.chats.test_whatsapp_locales import parse


def facts(text: str) -> tuple[list[str | None], list[str], list[str]]:
    conv = parse(text)  # asserts the file is claimed and every text is its bytes
    return [m.sender for m in conv.messages], [m.time.local for m in conv.messages], list(conv.decisions)


def test_time_before_date_ios_vietnamese() -> None:
    # starkdmi/whats_json test/data/languages/vietnamese_ios.txt:
    # "[14:56:01, 3/18/22] Musk Elon: Tin nhắn ..."
    text = ("[14:56:01, 3/18/22] Musk Elon: Tin nhắn và cuộc gọi được mã hóa đầu cuối.\n"
            "[21:41:35, 3/27/22] Dmitry Starkov: Hello World\n"
            "[21:41:55, 3/27/22] Dmitry Starkov: dòng một\ndòng hai\n"
            "[23:32:30, 1/7/23] Musk Elon: Tin nhắn này đã bị xóa\n")
    conv = parse(text)
    assert [m.sender for m in conv.messages] == ["Musk Elon", "Dmitry Starkov", "Dmitry Starkov", "Musk Elon"]
    assert [m.time.local for m in conv.messages] == [
        "2022-03-18T14:56:01", "2022-03-27T21:41:35", "2022-03-27T21:41:55", "2023-01-07T23:32:30"]
    assert [m.time.as_written for m in conv.messages] == [
        "14:56:01, 3/18/22", "21:41:35, 3/27/22", "21:41:55, 3/27/22", "23:32:30, 1/7/23"]
    assert conv.messages[2].text == "dòng một\ndòng hai"
    assert any(d.startswith("date order month-first: 3/18/22 at line 1") for d in conv.decisions)


def test_time_before_date_with_ampm_and_day_first() -> None:
    senders, times, decisions = facts("[2:56:01 PM, 18/3/22] An: a\n[9:05:00 AM, 19/3/22] Bình: b\n")
    assert senders == ["An", "Bình"]
    assert times == ["2022-03-18T14:56:01", "2022-03-19T09:05:00"]
    assert any(d.startswith("date order day-first: 18/3/22") for d in decisions)


def test_buddhist_era_suffix_ios() -> None:
    # starkdmi/whats_json test/data/calendars/Buddhist iOS.txt: "[3/18/2565 BE, 14:56:01] Elon Musk: ..."
    text = ("[3/18/2565 BE, 14:56:01] Elon Musk: Messages and calls are end-to-end encrypted. No one "
            "outside of this chat, not even WhatsApp, can read or listen to them.\n"
            "[3/27/2565 BE, 21:41:35] Dmitry Starkov: Hello World\n"
            "[1/12/2566 BE, 15:35:15] Dmitry Starkov: audio omitted\n")
    conv = parse(text)
    assert [m.sender for m in conv.messages] == ["Elon Musk", "Dmitry Starkov", "Dmitry Starkov"]
    assert [m.time.local for m in conv.messages] == [
        "2022-03-18T14:56:01", "2022-03-27T21:41:35", "2023-01-12T15:35:15"]
    assert conv.messages[1].time.as_written == "3/27/2565 BE, 21:41:35"
    assert [m.kind for m in conv.messages] == ["system", "user", "media"]
    assert "Buddhist-era year 2565 BE read as 2022" in conv.decisions
    assert "Buddhist-era year 2566 BE read as 2023" in conv.decisions
    assert any(d.startswith("date order month-first: 3/18/2565 BE at line 1") for d in conv.decisions)


def test_era_conversions_are_written_once_per_year_not_per_day() -> None:
    days = [date(2022, 3, 1) + timedelta(days=i) for i in range(40)]
    text = "".join(f"[{d.month}/{d.day}/{d.year + 543} BE, 10:00:00] A: x\n" for d in days)
    text += "".join(f"[{d.month}/{d.day}/R{d.year - 2018}, 11:00:00] A: y\n" for d in days)
    conv = parse(text)
    assert len(conv.messages) == 80
    assert [d for d in conv.decisions if "era year" in d] == [
        "Buddhist-era year 2565 BE read as 2022", "Japanese-era year R4 read as 2022"]


def test_japanese_era_before_the_last_group_ios() -> None:
    # starkdmi/whats_json test/data/chats_unique/Japanese iOS.txt: "[3/18/R4, 14:56:01] Elon Musk: ..." and
    # "[1/7/R5, 23:32:30]" (Reiwa 4 = 2022, Reiwa 5 = 2023)
    text = ("[3/18/R4, 14:56:01] Elon Musk: Messages and calls are end-to-end encrypted.\n"
            "[3/27/R4, 21:41:35] Dmitry S: Hello World\n"
            "[1/7/R5, 23:32:30] Elon Musk: Your security code with Elon changed.\n")
    conv = parse(text)
    assert [m.sender for m in conv.messages] == ["Elon Musk", "Dmitry S", "Elon Musk"]
    assert [m.time.local for m in conv.messages] == [
        "2022-03-18T14:56:01", "2022-03-27T21:41:35", "2023-01-07T23:32:30"]
    assert conv.messages[2].time.as_written == "1/7/R5, 23:32:30"
    assert "Japanese-era year R4 read as 2022" in conv.decisions
    assert "Japanese-era year R5 read as 2023" in conv.decisions
    assert any(d.startswith("date order month-first: 3/18/R4") and "9/9/R9" in d for d in conv.decisions)


@pytest.mark.parametrize("quote", ['"', "\u05f4"], ids=["ascii-quote", "gershayim"])
def test_hebrew_am_pm(quote: str) -> None:
    # A Hebrew iOS export shape ("[15.9.2026, 8:46:00 אחה"צ] דנה: ..."); CLDR writes the words with U+05F4.
    pm, am = f"אחה{quote}צ", f"לפנה{quote}צ"
    text = (f"[15.9.2026, 20:45:12] דנה: שלום\n"
            f"[15.9.2026, 8:46:00 {pm}] דנה: תביא את המסמכים מחר\n"
            f"[16.9.2026, 12:05:00 {am}] יוסי: בסדר\n"
            f"[16.9.2026, 12:10:00 {pm}] יוסי: צהריים\n")
    conv = parse(text)
    assert [m.sender for m in conv.messages] == ["דנה", "דנה", "יוסי", "יוסי"]
    assert [m.time.local for m in conv.messages] == [
        "2026-09-15T20:45:12", "2026-09-15T20:46:00", "2026-09-16T00:05:00", "2026-09-16T12:10:00"]
    assert conv.messages[1].time.as_written == f"15.9.2026, 8:46:00 {pm}"


def test_group_numbers_of_the_header_pattern_are_kept() -> None:
    """``_linescan`` reads groups 1-8 by number; ``aw`` covers the date and the time in either order."""
    rx = header_regex(False)
    assert list(rx.groupindex) == ["pre", "br", "aw", "date", "ap1", "time", "ap2", "term"]
    first = rx.match(b"\n\xe2\x80\x8e[2:56:01 PM, 3/18/22] A: x")
    assert first is not None
    assert first.group(1, 2, 3, 4, 5, 6, 7, 8) == (
        b"\xe2\x80\x8e", b"[", b"2:56:01 PM, 3/18/22", b"3/18/22", None, b"2:56:01", b"PM", None)
    plain = rx.match(b"\n18/03/2022, 2:56 pm - A: x")
    assert plain is not None
    assert plain.group(3, 4, 6, 7, 8) == (b"18/03/2022, 2:56 pm", b"18/03/2022", b"2:56", b"pm", b" - ")


def test_time_first_only_in_brackets_and_digits_of_a_date_are_not_split() -> None:
    """No real export writes an unbracketed time-first header, so such a line stays message text; and a date
    whose digits run into the time ("3/18/2214:56") is not cut into a date and a time."""
    text = ("18/03/2022, 14:56 - A: first\n"
            "14:56, 18/03/2022 - A: quoted\n"
            "3/18/2214:56 - A: glued\n"
            "18/03/2022, 14:57 - B: second\n")
    conv = parse(text)
    assert [m.sender for m in conv.messages] == ["A", "B"]
    assert conv.messages[0].text == "first\n14:56, 18/03/2022 - A: quoted\n3/18/2214:56 - A: glued"


def _arabic_digits(s: str) -> str:
    return s.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@pytest.mark.parametrize("where", ["deep", "continuation"])
def test_other_digits_deep_in_a_large_file_are_read_as_the_whole_file_reading_would(where, monkeypatch) -> None:
    """The ASCII-digit header pattern reads a file until a line starts with another digit; from there the
    general one reads (``_linescan.Scan``). Headers written in Arabic-Indic digits only after the first
    30,000 lines (or such a digit starting a continuation line) must be read exactly as when the general
    pattern reads the whole file."""
    from evidence.chats import _lines
    from tests.unit.chats.wa_generate import generate_android

    head = generate_android(30_000).decode()
    if where == "deep":
        odd = "".join(_arabic_digits(f"1{d}/02/2030، 9:0{d} - أحمد: رسالة {d}\n") for d in range(5))
    else:
        odd = "01/01/2030, 10:00 - Ann: a list\n" + _arabic_digits("3") + " items\n"
    text = head + odd + "01/03/2030, 11:00 - Ann: after\n"
    conv = parse(text, timezone="Asia/Muscat")
    got = [(m.offset, m.length, m.sender, m.kind, m.time.as_written, m.time.local, m.time.utc) for m in conv.messages]
    real = _lines.header_regex

    def general_only(any_digits: bool = True):  # noqa: ANN202
        return real(True)

    monkeypatch.setattr(_lines, "header_regex", general_only)
    ref = parse(text, timezone="Asia/Muscat")
    want = [(m.offset, m.length, m.sender, m.kind, m.time.as_written, m.time.local, m.time.utc) for m in ref.messages]
    assert got == want
    assert (conv.warnings, conv.decisions) == (ref.warnings, ref.decisions)
    if where == "deep":
        assert [m.text for m in conv.messages[-6:-1]] == [f"رسالة {_arabic_digits(str(d))}" for d in range(5)]
        assert conv.messages[-6].time.local == "2030-02-10T09:00:00"
    else:
        assert conv.messages[-2].text == "a list\n" + _arabic_digits("3") + " items"
