"""WhatsApp exports generated here in many locales and styles; every fact is asserted by hand."""

from __future__ import annotations

import pytest

from evidence.chats.whatsapp import WhatsAppText
from tests.unit.chats.wa_generate import generate_android


def parse(text: str, **options: str):
    data = text.encode("utf-8")
    assert WhatsAppText.sniff(data[:65536], "_chat.txt")
    conv = WhatsAppText().parse(data, name="_chat.txt", options=options)[0]
    for m in conv.messages:
        assert data[m.offset:m.offset + m.length].decode("utf-8") == m.text
    return conv


LOCALES = [
    # (name, export text, expected (local, sender, text, kind) of the second message)
    ("de android", "13.02.20, 21:05 - Anna: Hallo\n14.02.20, 08:00 - Ben: <Medien ausgeschlossen>\n",
     ("2020-02-14T08:00:00", "Ben", "<Medien ausgeschlossen>", "media")),
    ("fr", "13/02/2020 à 21:05 - Anna: Salut\n14/02/2020 à 08:00 - Ben: Ce message a été supprimé\n",
     ("2020-02-14T08:00:00", "Ben", "Ce message a été supprimé", "deleted")),
    ("es 12h", "13/2/20, 9:05 p. m. - Ana: Hola\n14/2/20, 12:10 a. m. - Beto: <Multimedia omitido>\n",
     ("2020-02-14T00:10:00", "Beto", "<Multimedia omitido>", "media")),
    ("pt ios", "[13/02/2020 21:05:11] Ana: Oi\n[14/02/2020 08:00:00] Beto: \u200eimagem ocultada\n",
     ("2020-02-14T08:00:00", "Beto", "imagem ocultada", "media")),
    ("ru", "13.02.2020, 21:05 - Анна: Привет\n14.02.2020, 08:00 - Борис: Данное сообщение удалено\n",
     ("2020-02-14T08:00:00", "Борис", "Данное сообщение удалено", "deleted")),
    ("ar digits and marks", "١٣\u200f/٢\u200f/٢٠٢٠، ٩:٠٥ م - أحمد: مرحبا\n١٤\u200f/٢\u200f/٢٠٢٠، ٨:٠٠ ص - سارة: تم حذف هذه الرسالة\n",
     ("2020-02-14T08:00:00", "سارة", "تم حذف هذه الرسالة", "deleted")),
    ("hi", "13/02/20, 9:05 pm - राम: नमस्ते\n14/02/20, 8:00 am - सीता: आपने यह मैसेज डिलीट किया\n",
     ("2020-02-14T08:00:00", "सीता", "आपने यह मैसेज डिलीट किया", "deleted")),
    ("th buddhist", "13/2/2563 21:05 - สมชาย: สวัสดี\n14/2/2563 08:00 - สมหญิง: ข้อความนี้ถูกลบแล้ว\n",
     ("2020-02-14T08:00:00", "สมหญิง", "ข้อความนี้ถูกลบแล้ว", "deleted")),
    ("vi", "13/02/2020 21:05 - An: Chào\n14/02/2020 08:00 - Bình: Tin nhắn này đã bị xóa\n",
     ("2020-02-14T08:00:00", "Bình", "Tin nhắn này đã bị xóa", "deleted")),
    ("ja 午後", "2020/02/13 午後9:05 - 太郎: こんにちは\n2020/02/14 午前8:00 - 花子: このメッセージは削除されました\n",
     ("2020-02-14T08:00:00", "花子", "このメッセージは削除されました", "deleted")),
    ("ja era", "R2/02/13 21:05 - 太郎: こんにちは\nR2/02/14 08:00 - 花子: はい\n",
     ("2020-02-14T08:00:00", "花子", "はい", "user")),
    ("de vorm", "13.02.20, 9:05 nachm. - Anna: Hallo\n14.02.20, 8:00 vorm. - Ben: ok\n",
     ("2020-02-14T08:00:00", "Ben", "ok", "user")),
    # AM/PM words and native digits of further locales (CLDR's abbreviated day periods and default digits):
    ("ta", "13/02/20, 9:05 பிற்பகல் - ராம்: வணக்கம்\n14/02/20, 8:00 முற்பகல் - சீதா: சரி\n",
     ("2020-02-14T08:00:00", "சீதா", "சரி", "user")),
    ("mr devanagari", "१३/२/२०, ९:०५ म.उ. - राम: नमस्कार\n१४/२/२०, ८:०० म.पू. - सीता: हो\n",
     ("2020-02-14T08:00:00", "सीता", "हो", "user")),
    ("ms", "13/02/2020, 9:05 PTG - Ali: Hai\n14/02/2020, 8:00 PG - Siti: <Media dikecualikan>\n",
     ("2020-02-14T08:00:00", "Siti", "<Media dikecualikan>", "media")),
    ("uk", "13.02.20, 9:05 пп - Анна: Привіт\n14.02.20, 8:00 дп - Богдан: так\n",
     ("2020-02-14T08:00:00", "Богдан", "так", "user")),
    ("sq", "13.2.20, 9:05 e pasdites - Ana: Përshëndetje\n14.2.20, 8:00 e paradites - Besa: po\n",
     ("2020-02-14T08:00:00", "Besa", "po", "user")),
    ("my myanmar digits", "၁၃/၂/၂၀, ၉:၀၅ ညနေ - ကိုကို: မင်္ဂလာပါ\n၁၄/၂/၂၀, ၈:၀၀ နံနက် - မမ: ဟုတ်ကဲ့\n",
     ("2020-02-14T08:00:00", "မမ", "ဟုတ်ကဲ့", "user")),
    ("km khmer digits", "១៣/២/២០ ២១:០៥ - សុខ: សួស្តី\n១៤/២/២០ ០៨:០០ - ដារ៉ា: បាទ\n",
     ("2020-02-14T08:00:00", "ដារ៉ា", "បាទ", "user")),
    ("ko", "2020. 2. 13. 오후 9:05 - 철수: 안녕\n2020. 2. 14. 오전 8:00 - 영희: 사진\n",
     ("2020-02-14T08:00:00", "영희", "사진", "user")),
    ("zh", "2020/2/13 下午9:05 - 小明: 你好\n2020/2/14 上午8:00 - 小红: 好的\n",
     ("2020-02-14T08:00:00", "小红", "好的", "user")),
    ("tr", "13.02.2020 21:05 - Ali: Merhaba\n14.02.2020 08:00 - Ayşe: <Medya dahil edilmedi>\n",
     ("2020-02-14T08:00:00", "Ayşe", "<Medya dahil edilmedi>", "media")),
    ("id dotted time", "13/02/20 21.05 - Budi: Halo\n14/02/20 08.00 - Sari: <Media tidak disertakan>\n",
     ("2020-02-14T08:00:00", "Sari", "<Media tidak disertakan>", "media")),
    ("fi klo", "13.2.2020 klo 21.05 - Anna: Moi\n14.2.2020 klo 8.00 - Ben: <Media jätettiin pois>\n",
     ("2020-02-14T08:00:00", "Ben", "<Media jätettiin pois>", "media")),
    ("hu", "2020. 02. 13. 21:05 - Anna: Szia\n2020. 02. 14. 8:00 - Béla: <Média elhagyva>\n",
     ("2020-02-14T08:00:00", "Béla", "<Média elhagyva>", "media")),
    ("he", "13.2.2020, 21:05 - אנה: שלום\n14.2.2020, 8:00 - בן: <המדיה לא נכללה>\n",
     ("2020-02-14T08:00:00", "בן", "<המדיה לא נכללה>", "media")),
    ("fa", "۱۳/۲/۲۰۲۰، ۲۱:۰۵ - علی: سلام\n۱۴/۲/۲۰۲۰، ۸:۰۰ - مریم: <رسانه حذف شد>\n",
     ("2020-02-14T08:00:00", "مریم", "<رسانه حذف شد>", "media")),
    ("el", "13/2/20, 9:05 μ.μ. - Άννα: Γεια\n14/2/20, 8:00 π.μ. - Νίκος: ok\n",
     ("2020-02-14T08:00:00", "Νίκος", "ok", "user")),
    ("us ios nnbsp", "[2/13/20, 9:05:11\u202fPM] Ann: hi\n\u200e[2/14/20, 8:00:00\u202fAM] Bob: \u200e<attached: 00000012-PHOTO-2020-02-14.jpg>\n",
     ("2020-02-14T08:00:00", "Bob", "<attached: 00000012-PHOTO-2020-02-14.jpg>", "media")),
]


@pytest.mark.parametrize("name,text,expected", LOCALES, ids=[x[0] for x in LOCALES])
def test_locales(name: str, text: str, expected: tuple) -> None:
    conv = parse(text)
    assert len(conv.messages) == 2
    m = conv.messages[1]
    assert (m.time.local, m.sender, m.text, m.kind) == expected
    assert conv.messages[0].time.local.startswith("2020-02-13T21:05")
    assert m.time.utc is None and "no zone" in m.time.utc_reason


def test_buddhist_and_order_decisions_are_written() -> None:
    conv = parse("13/2/2563 21:05 - a: x\n14/2/2563 08:00 - b: y\n")
    assert any("Buddhist" in d for d in conv.decisions)
    assert any("day-first" in d and "line 1" in d for d in conv.decisions)


def test_attachment_with_caption_and_multiline() -> None:
    conv = parse("01/02/2021, 10:00 - Ann: IMG-20210201-WA0001.jpg (file attached)\nmy passport\n\n"
                 "01/02/2021, 10:01 - Bob: line one\nline two\n13/02/2021: not a header\n")
    a, b = conv.messages
    assert [x.name for x in a.attachments] == ["IMG-20210201-WA0001.jpg"] and a.text.endswith("my passport")
    assert b.text == "line one\nline two\n13/02/2021: not a header"


def test_system_messages_and_group_name_notices() -> None:
    conv = parse(
        "01/02/2021, 10:00 - Work Group: Messages and calls are end-to-end encrypted. No one outside of this chat, "
        "not even WhatsApp, can read or listen to them.\n"
        "01/02/2021, 10:00 - Ann created group \"Work Group\"\n"
        "01/02/2021, 10:01 - Ann: hello\n"
        "01/02/2021, 10:02 - Bob: hi\n")
    kinds = [m.kind for m in conv.messages]
    assert kinds == ["system", "system", "user", "user"]
    assert conv.participants == ["Ann", "Bob"]


def test_lines_before_first_header_are_kept_with_warning() -> None:
    conv = parse("exported by someone\n01/02/2021, 10:00 - Ann: hello\n")
    assert conv.messages[0].kind == "system" and conv.messages[0].text == "exported by someone"
    assert any("before the first message header" in w for w in conv.warnings)


def test_impossible_header_joins_previous_with_warning() -> None:
    conv = parse("13/02/2021, 10:00 - Ann: hello\n14/02/2021, 10:00 - Bob: x\n45/45/2021, 10:00 - Bob: quoted\n")
    assert len(conv.messages) == 2 and conv.messages[1].text.endswith("45/45/2021, 10:00 - Bob: quoted")
    assert any(w.startswith("line 3:") for w in conv.warnings)


def test_switching_order_decided_by_nearest_unambiguous_neighbour() -> None:
    conv = parse("12/30/20, 10:00 - a: x\n01/02/21, 10:00 - a: y\n"  # month-first region
                 "13/01/21, 10:00 - a: z\n02/03/21, 10:00 - a: w\n")  # day-first region
    assert [m.time.local[:10] for m in conv.messages] == ["2020-12-30", "2021-01-02", "2021-01-13", "2021-03-02"]
    assert any("switches" in d for d in conv.decisions)


def test_timezone_given_at_import_with_dst() -> None:
    text = ("28/03/2021, 01:30 - a: before\n28/03/2021, 02:30 - a: gap\n"
            "31/10/2021, 02:30 - a: fold\n31/10/2021, 12:00 - a: after\n")
    conv = parse(text, timezone="Europe/Berlin")
    before, gap, fold, after = conv.messages
    assert before.time.utc == "2021-03-28T00:30:00Z" and before.time.offset_minutes == 60
    assert gap.time.utc is None and "does not exist" in gap.time.utc_reason
    assert fold.time.utc is None and "ambiguous" in fold.time.utc_reason
    assert after.time.utc == "2021-10-31T11:00:00Z" and "Europe/Berlin" in after.time.utc_reason
    muscat = parse(text, timezone="Asia/Muscat").messages[0]
    assert muscat.time.utc == "2021-03-27T21:30:00Z"
    bad = parse(text, timezone="Mars/Olympus")
    assert bad.messages[0].time.utc is None and any("Mars/Olympus" in w for w in bad.warnings)


def test_crlf_and_bom() -> None:
    data = "\ufeff13/02/2021, 10:00 - Ann: one\r\ntwo\r\n14/02/2021, 10:00 - Bob: three\r\n".encode()
    conv = WhatsAppText().parse(data, name="x.txt", options={})[0]
    assert [m.text for m in conv.messages] == ["one\r\ntwo", "three"]
    assert conv.messages[0].offset == data.index(b"one")


def test_generated_export_counts() -> None:
    data = generate_android(2000)
    conv = WhatsAppText().parse(data, name="x.txt", options={})[0]
    assert len(conv.messages) == 2000
    assert [m.seq for m in conv.messages] == list(range(1, 2001))
    for m in conv.messages[::97]:
        assert data[m.offset:m.offset + m.length].decode() == m.text


def test_not_whatsapp() -> None:
    assert not WhatsAppText.sniff(b"just some text\nwith lines\n", "a.txt")
    assert not WhatsAppText.sniff(b"", "a.txt")


def test_unknown_am_pm_words_are_reported_not_hidden() -> None:
    """Words for AM and PM this version does not know: the times are read on a 24-hour clock and the word joins
    the sender, so the conversation says so (a warning naming the words); a file without them says nothing."""
    text = ("13/02/20, 9:05 zorp - Ann: hi\n13/02/20, 11:40 zorp - Bob: ok\n14/02/20, 8:00 blik - Ann: yes\n"
            "14/02/20, 12:10 blik - Bob: no\n")
    conv = parse(text)
    assert len(conv.messages) == 4
    said = [w for w in conv.warnings if "AM and PM" in w]
    assert len(said) == 1 and "'blik' and 'zorp'" in said[0] and "4 of the first 4" in said[0]
    # senders whose names hold a dash are no such thing, even when every time is before 13:00
    for text in ("13/02/20, 09:05 - Work - Ann: hi\n13/02/20, 09:40 - Work - Bob: ok\n14/02/20, 08:00 - Home - Ann: x\n",
                 ("[13/02/20, 09:05:00] Work - Ann: hi\n[13/02/20, 09:40:00] Work - Bob: ok\n"
                  "[14/02/20, 08:00:00] Home - Ann: x\n")):
        conv = parse(text)
        assert [m.sender for m in conv.messages] == ["Work - Ann", "Work - Bob", "Home - Ann"]
        assert not [w for w in conv.warnings if "AM and PM" in w], text
    conv = parse("13/02/20, 21:05 - Mom - Home: hi\n13/02/20, 21:40 - Dad - Home: ok\n14/02/20, 08:00 - Mom - Work: x\n")
    assert not [w for w in conv.warnings if "AM and PM" in w]
    # ... nor on a 12-hour clock whose words are known, in the morning
    conv = parse("13/02/20, 9:05 AM - Mom - Home: hi\n13/02/20, 9:40 AM - Me: ok\n14/02/20, 8:00 AM - Mom - Home: x\n")
    assert [m.sender for m in conv.messages] == ["Mom - Home", "Me", "Mom - Home"]
    assert not [w for w in conv.warnings if "AM and PM" in w]
    # known words: nothing to say
    conv = parse(LOCALES[0][1])
    assert not [w for w in conv.warnings if "AM and PM" in w]
