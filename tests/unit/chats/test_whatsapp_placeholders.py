"""WhatsApp placeholders, notices and markers in many languages, as real exports write them.

Each export is built here from the localised strings WhatsApp writes (seen in public exports in ~25
languages and in WhatsApp's own string lists); no third-party file is copied. U+200E (LRM) stands where iOS
puts it. The text of every message must stay exactly as written (``parse`` checks each against its bytes).
"""

from __future__ import annotations

import pytest

from tests.unit.chats.test_native import NATIVE, both
from tests.unit.chats.test_whatsapp_locales import parse

LRM = "\u200e"


def ios(*bodies: tuple[str, str]) -> str:
    """An iOS export: one "[date, time] Name: body" line per (name, body); the first is from Ann."""
    lines = [f"[27/09/2023, 09:{i:02d}:00] {name}: {body}" for i, (name, body) in enumerate(bodies)]
    return "[27/09/2023, 08:59:00] Ann: Hallo\n" + "\n".join(lines) + "\n"


def android(*bodies: tuple[str, str]) -> str:
    lines = [f"27/09/2023, 09:{i:02d} - {name}: {body}" for i, (name, body) in enumerate(bodies)]
    return "27/09/2023, 08:59 - Ann: Hallo\n" + "\n".join(lines) + "\n"


def last(text: str):
    return parse(text).messages[-1]


# -- B: deleted, with a final stop the table does not have ---------------------------------------
@pytest.mark.parametrize("body", [
    "このメッセージは削除されました。",  # ja iOS; the table has it without "。"
    "تم حذف هذه الرسالة.",  # ar
    "आपने यह मैसेज डिलीट किया.",  # hi
    "Tato zpráva byla smazána.",  # cs
    "Ви видалили це повідомлення.",  # uk
    "Ta wiadomość została usunięta",  # pl Android
])
def test_deleted_with_or_without_final_stop(body: str) -> None:
    m = last(ios(("Ben", body)))
    assert (m.kind, m.sender, m.text) == ("deleted", "Ben", body)


# -- C: an omitted document names the attachment -------------------------------------------------
@pytest.mark.parametrize("body,name", [
    (f"{LRM}Pythagoras Rechner.pdf • 1 Seite {LRM}Dokument weggelassen", "Pythagoras Rechner.pdf"),  # de iOS
    ("Resume-Dmitry-Starkov.pdf • 2 pages document omitted", "Resume-Dmitry-Starkov.pdf"),  # marks lost in a copy
    ("Template.docx document omitted", "Template.docx"),
    ("Some file.txt documento omitido", "Some file.txt"),  # es
    ("Resume-Dmitry-Starkov.pdf • ページ数: 2 ドキュメントは含まれていません", "Resume-Dmitry-Starkov.pdf"),  # ja
    ("Resume-Dmitry-Starkov.pdf • 2 сторінки документ пропущено", "Resume-Dmitry-Starkov.pdf"),  # uk
    ("Resume-Dmitry-Starkov.pdf • صفحتان ٢ لم يتم إدراج المستند", "Resume-Dmitry-Starkov.pdf"),  # ar
])
def test_omitted_document_is_media_with_its_name(body: str, name: str) -> None:
    m = last(ios(("Deniz", body)))
    assert (m.kind, m.sender, m.text) == ("media", "Deniz", body.lstrip(LRM))  # (a leading mark is not text)
    assert [a.name for a in m.attachments] == [name]
    assert "document omitted" in m.extra["media"]


@pytest.mark.parametrize("body", [
    "I think that document omitted",  # no mark, and not a file name before it
    "we left the image omitted",
    "Deze is wel leuk. afbeelding weggelaten",  # a caption needs the mark iOS writes
])
def test_placeholder_words_at_the_end_of_ordinary_text_stay_user(body: str) -> None:
    m = last(ios(("Ben", body)))
    assert (m.kind, m.text, m.attachments) == ("user", body, [])


# -- D: a caption, then the attachment on the same line ------------------------------------------
def test_caption_then_attached_on_the_same_line() -> None:
    body = f"This is Maisie. I’m Kate and my husband is Thomas {LRM}<attached: 00000034-PHOTO-2026-02-16-12-33-47.jpg>"
    m = last(ios(("~ Kate", body)))
    assert (m.kind, m.sender, m.text) == ("media", "~ Kate", body)
    assert [(a.name, a.kind) for a in m.attachments] == [("00000034-PHOTO-2026-02-16-12-33-47.jpg", "image")]
    assert "caption" in m.extra["media"]


def test_multiline_caption_then_attached() -> None:
    body = "This is Ava \nAnd we are Amy & Christian\nLovely to meet you all 💓 <attached: 00000050-PHOTO-2026-02-16.jpg>"
    m = last(ios(("~ Amy", body)))
    assert (m.kind, m.text) == ("media", body)
    assert [a.name for a in m.attachments] == ["00000050-PHOTO-2026-02-16.jpg"]


def test_caption_then_omitted_image() -> None:
    body = f"Deze is wel leuk. {LRM}afbeelding weggelaten"  # nl iOS
    m = last(ios(("~ Esther", body)))
    assert (m.kind, m.sender, m.text, m.attachments) == ("media", "~ Esther", body, [])
    assert m.extra["media"].startswith("image omitted") and "caption" in m.extra["media"]


# -- E: Android "<Media omitted>" and a file name on the next line --------------------------------
@pytest.mark.parametrize("body,name", [
    ("<Medien ausgeschlossen>\n4Bit Adiere.mod", "4Bit Adiere.mod"),
    ("<Media omitted>\nTemplate.docx", "Template.docx"),
])
def test_media_omitted_then_file_name(body: str, name: str) -> None:
    m = last(android(("sammy", body)))
    assert (m.kind, m.sender, m.text) == ("media", "sammy", body)
    assert [a.name for a in m.attachments] == [name]


def test_media_omitted_then_a_caption_names_no_file() -> None:
    m = last(android(("sammy", "<Media omitted>\nlook at this one")))
    assert (m.kind, m.attachments) == ("media", [])
    assert "caption" in m.extra["media"]


# -- F: placeholders in many languages -----------------------------------------------------------
@pytest.mark.parametrize("body,kind", [
    ("зображення відсутнє", "media"),  # uk image
    ("Наклейку не додано", "media"),  # uk sticker
    ("obrázek vynechán", "media"),  # cs image
    ("Vizitka vynechána", "media"),  # cs contact
    ("फ़ोटो हटाई गई", "media"),  # hi image
    ("ऑडियो हटाई गयी", "media"),  # hi audio
    ("ไม่มีรูปภาพ", "media"),  # th image
    ("วิดีโอถูกลบ", "media"),  # th video
    ("لم يتم إدراج الصورة", "media"),  # ar image
    ("تم حذف الملصقات", "media"),  # ar sticker
    ("imagem não revelada", "media"),  # pt-PT image
    ("ficheiro de áudio não revelado", "media"),  # pt-PT audio
    ("ビデオは含まれていません", "media"),  # ja video
    ("連絡先カードを省略", "media"),  # ja contact
    ("Fiche contact manquante", "media"),  # fr contact
    ("sticker omis", "media"),  # fr sticker
    ("Карточка контакта отсутствует", "media"),  # ru contact
    ("стикер не добавлен", "media"),  # ru sticker
    ("<Pominięto multimedia>", "media"),  # pl Android
    ("Пропущенный аудиозвонок", "system"),  # ru missed voice call
    ("Videollamada perdida", "system"),  # es missed video call
])
def test_localised_placeholders(body: str, kind: str) -> None:
    for text in (ios(("Dmitry S", LRM + body)), android(("Dmitry S", body))):
        m = last(text)
        assert (m.kind, m.sender) == (kind, "Dmitry S"), text


@pytest.mark.parametrize("body,name", [
    ("IMG-20200214-WA0001.jpg (załączony plik)", "IMG-20200214-WA0001.jpg"),  # pl Android
    ("IMG-20200214-WA0001.jpg (файл додано)", "IMG-20200214-WA0001.jpg"),  # uk Android
    ("<прикреплено: 00000012-PHOTO-2020-02-14.jpg>", "00000012-PHOTO-2020-02-14.jpg"),  # ru iOS
    ("<załączono: 00000012-PHOTO-2020-02-14.jpg>", "00000012-PHOTO-2020-02-14.jpg"),  # pl iOS
])
def test_localised_attachments(body: str, name: str) -> None:
    m = last(android(("Ben", body)))
    assert m.kind == "media" and [a.name for a in m.attachments] == [name]


# -- G: group and security notices ---------------------------------------------------------------
def test_dutch_group_notices() -> None:
    conv = parse(
        f"[18-09-2025, 15:26:15] Familiedag: {LRM}Berichten en oproepen worden end-to-end versleuteld. Alleen mensen "
        "in deze chat kunnen ze lezen, beluisteren of delen.\n"
        f"[18-09-2025, 15:26:15] ~ Martine de Jong: {LRM}~ Martine de Jong heeft de groep Familiedag gemaakt\n"
        f"[18-09-2025, 15:26:15] Familiedag: {LRM}~ Martine de Jong heeft je toegevoegd\n"
        "[18-09-2025, 15:30:46] ~ Martine de Jong: Lieve familie, tot zondag!\n"
        f"[18-09-2025, 15:26:17] ~ Martine de Jong: {LRM}~ Martine de Jong heeft de groepsafbeelding gewijzigd\n"
        f"[18-09-2025, 15:36:02] ~ Bryan: {LRM}~ Francoise heeft ~ Bryan toegevoegd\n"
        f"[18-09-2025, 18:59:26] Mam: {LRM}Papa heeft Mam toegevoegd\n"
        "[18-09-2025, 20:09:14] Mam: Fijn dat er een datum is gevonden.\n"
        "[18-09-2025, 20:09:36] ~ Bryan: zeker\n")
    assert [m.kind for m in conv.messages] == ["system"] * 3 + ["user"] + ["system"] * 3 + ["user"] * 2
    assert all("system_by" in m.extra for m in conv.messages if m.kind == "system")
    assert conv.participants == ["~ Martine de Jong", "~ Bryan", "Mam"]


def test_german_added_notices() -> None:
    conv = parse(
        f"[27.09.23, 09:18:41] Leon: {LRM}Leon hat die Gruppe erstellt.\n"
        f"[27.09.23, 09:22:36] 2BHIF: {LRM}Leon hat Reis und ~ Ernad hinzugefügt.\n"
        f"[27.09.23, 09:23:30] Ali: {LRM}Leon hat Ali hinzugefügt.\n"
        f"[27.09.23, 09:27:30] 2BHIF: {LRM}Leon hat ~ Benjy, ~ Erik und 4 weitere Personen hinzugefügt. Tippe, um alle "
        "zu sehen.\n"
        "[27.09.23, 13:17:43] Leon: Genau\n"
        "[27.09.23, 13:18:00] Ali: Ich habe die Folien hinzugefügt.\n")
    assert [m.kind for m in conv.messages] == ["system"] * 4 + ["user"] * 2
    assert "U+200E" in conv.messages[2].extra["system_by"]


def test_english_community_notices() -> None:
    conv = parse(
        f"[10/2/2026, 9:09:55 pm] KL 2026: {LRM}You joined from the community\n"
        f"[10/2/2026, 9:09:56 pm] ~ Kaz Gould: {LRM}\u2068~ Kaz Gould\u2069 was added\n"
        f"[16/2/2026, 12:45:57 pm] ~ Kate: {LRM}\u2068~ Kate\u2069 pinned a message\n"
        "[16/2/2026, 12:46:00 pm] ~ Kate: The milk was added, and I pinned a message on the fridge\n"
        "[16/2/2026, 12:47:00 pm] ~ Kaz Gould: hi all\n")
    assert [m.kind for m in conv.messages] == ["system", "system", "system", "user", "user"]
    assert conv.messages[1].text == "\u2068~ Kaz Gould\u2069 was added"


def test_phrases_trusted_only_after_the_mark_do_not_touch_a_quiet_member() -> None:
    """A name that writes one message: "was added" without U+200E is ordinary text."""
    conv = parse("[1/2/21, 10:00:00] Ann: hello\n[1/2/21, 10:01:00] Bob: The milk was added\n"
                 "[1/2/21, 10:02:00] Ann: thanks\n")
    assert [m.kind for m in conv.messages] == ["user", "user", "user"]


def test_turkish_group_notices() -> None:
    conv = parse(
        "[23.09.2016 17:00:28] Maldamer: Maldamer bu grubu oluşturdu\n"
        "[5.05.2017 18:01:12] mezun A: Emirço sizi ekledi\n"
        "[5.05.2017 18:01:28] mezun A: Mesajlar ve aramalar uçtan uca şifrelidir. Yalnızca bu sohbetteki kişiler bu "
        "içerikleri okuyabilir, dinleyebilir veya paylaşabilir.\n"
        "[5.05.2017 18:01:54] Bora: Selamlaaaaarr\n"
        "[5.05.2017 18:04:20] Emirço: Emirço bu grubun simgesini değiştirdi\n"
        "[5.05.2017 18:04:28] Emirço: Emirço grup adını \"9/A\" olarak değiştirdi\n"
        "[5.05.2017 18:09:07] Emirço: hayir\n")
    assert [m.kind for m in conv.messages] == ["system"] * 3 + ["user"] + ["system"] * 2 + ["user"]


def test_old_italian_encryption_notice() -> None:
    m = parse(f"[17/04/18, 16:02:30] Bianca: {LRM}I messaggi inviati a questa chat e le chiamate sono ora protetti "
              "con la crittografia end-to-end.\n[17/04/18, 16:02:31] Bianca: Ecco\n").messages[0]
    assert (m.kind, m.sender) == ("system", "Bianca")


@pytest.mark.parametrize("body", [
    "Your security code with Elon changed. Tap to learn more.",
    "Deine Sicherheitsnummer für Elon hat sich geändert. Tippe, um mehr zu erfahren.",
    "Votre code de sécurité avec Elon a changé. Appuyez pour en savoir plus.",
    "Ваш код безопасности с контактом Elon изменился. Подробнее.",
    "Код безпеки з контактом Elon змінився. Торкніться, щоб дізнатися більше.",
    "Bezpečnostní kód mezi vámi a uživatelem Elon byl změněn. Další informace zobrazíte klepnutím.",
    "Elon के लिए आपका सुरक्षा कोड बदल गया है. ज़्यादा जानने के लिए टैप करें.",
    "รหัสความปลอดภัยของคุณกับ Elon มีการเปลี่ยนแปลง แตะเพื่อเรียนรู้เพิ่มเติม",
    "Kode keamanan Anda dengan Elon telah berubah. Ketuk untuk info selengkapnya.",
    "Mã bảo mật của bạn với Elon đã thay đổi. Nhấn để tìm hiểu thêm.",
])
def test_security_code_notices_without_marks(body: str) -> None:
    """The whole text with a name in it: a notice even where the marks were lost and the contact writes a lot."""
    text = ios(*[("Elon Musk", f"message {i}") for i in range(5)], ("Elon Musk", body))
    m = last(text)
    assert (m.kind, m.sender, m.text) == ("system", "Elon Musk", body)
    assert m.extra["system_by"] == "system text template"


@pytest.mark.parametrize("body", [
    ("Zprávy a hovory jsou opatřeny koncovým šifrováním. Nikdo, kdo není přímým účastníkem této konverzace, ji "
     "nemůže sledovat ani poslouchat. Dokonce ani WhatsApp."),
    ("As mensagens e chamadas são encriptadas ponto a ponto. Ninguém fora desta conversa, nem mesmo o WhatsApp, "
     "pode ler ou ouvi-las."),
    "メッセージと通話はエンドツーエンド暗号化されています。チャットの参加者以外は、たとえWhatsAppでも読んだり聞いたりすることはできません。",
])
def test_encryption_notices_attributed_to_the_contact(body: str) -> None:
    conv = parse(ios(("Elon Musk", body), *[("Elon Musk", f"message {i}") for i in range(5)]))
    assert (conv.messages[1].kind, conv.messages[1].sender) == ("system", "Elon Musk")


# -- H: Polish Android "Dodano: NAME" ------------------------------------------------------------
def test_polish_added_notice_is_not_a_sender() -> None:
    conv = parse(f"10.11.2025, 00:29 - {LRM}+33 6 89 93 36 22 dołączył(a) ze społeczności\n"
                 "10.11.2025, 12:13 - Dodano: +33 6 49 73 82 71\n"
                 "10.11.2025, 12:35 - Dodano: Stephane Drouin\n"
                 "10.11.2025, 16:07 - +36 30 500 2958: Lukas, can you tell me the following?\n")
    m = conv.messages[1]
    assert (m.kind, m.sender, m.text) == ("system", None, "Dodano: +33 6 49 73 82 71")
    assert conv.messages[2].text == "Dodano: Stephane Drouin" and conv.messages[2].kind == "system"
    assert "Dodano" not in conv.participants


# -- I: Hebrew -----------------------------------------------------------------------------------
def test_hebrew_encryption_notice_and_media_omitted() -> None:
    conv = parse("[15.9.2026, 20:45:12] הודעות ושיחות מוצפנות מקצה לקצה: אף אחד מחוץ לצ'אט הזה לא יכול לקרוא אותן.\n"
                 "[15.9.2026, 20:46:00] דנה: תביא את המסמכים מחר\n"
                 f"[15.9.2026, 20:47:00] דנה: {LRM}המדיה הושמטה\n")
    notice, text, media = conv.messages
    assert (notice.kind, notice.sender) == ("system", None)
    assert notice.text.startswith("הודעות ושיחות מוצפנות מקצה לקצה: ")
    assert (text.kind, media.kind, media.sender) == ("user", "media", "דנה")
    assert conv.participants == ["דנה"]


# -- J: edited markers ---------------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    f"Lieve familie,\nTot zondag, we kijken ernaar uit! {LRM}<Dit bericht is bewerkt>",
    "oder wolltest du mich nur fragen was wir überhaupt machen sollen? <Diese Nachricht wurde bearbeitet.>",
    "How much difference is between them?\n\n* Pilot 2: 200 cm <Ta wiadomość była edytowana>",
    f"see you at 5 {LRM}<This message was edited>",
])
def test_edited_marker_is_recorded_and_text_kept(body: str) -> None:
    m = last(ios(("Ann", body)))
    assert (m.kind, m.text, m.extra) == ("user", body, {"edited": True})


def test_edited_caption_of_an_attachment() -> None:
    body = f"Report.pdf • 2 pages {LRM}document omitted {LRM}<This message was edited>"
    m = last(ios(("Ann", body)))
    assert (m.kind, [a.name for a in m.attachments], m.extra["edited"]) == ("media", ["Report.pdf"], True)


# -- the C accelerator routes the same bodies as the Python loop ----------------------------------
def test_same_with_and_without_accelerator() -> None:
    if NATIVE is None:
        pytest.skip("the C accelerator is not built here")
    text = ios(
        ("Deniz", f"{LRM}Pythagoras Rechner.pdf • 1 Seite {LRM}Dokument weggelassen"),
        ("Kate", f"This is Maisie {LRM}<attached: 00000034-PHOTO-2026-02-16-12-33-47.jpg>"),
        ("Esther", f"Deze is wel leuk. {LRM}afbeelding weggelaten"),
        ("Ann", f"multi\nline {LRM}<Dit bericht is bewerkt>"),
        ("Elon", "Votre code de sécurité avec Elon a changé. Appuyez pour en savoir plus."),
        ("Ben", "Tato zpráva byla smazána."),
        ("Ben", "short"),
        ("Ben", "ggelaten"),
        ("Ben", "an ordinary line that is long enough to be looked up by its last eight bytes"),
    )
    for export in (text, android(("sammy", "<Medien ausgeschlossen>\n4Bit Adiere.mod"), ("Dodano", "+33 6 49 73 82 71"))):
        fast, slow = both(export.encode("utf-8"))
        assert fast == slow
