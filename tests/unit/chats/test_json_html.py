"""Telegram JSON / HTML and Messenger / Instagram JSON built here byte by byte."""

from __future__ import annotations

import io
import json

from evidence.chat import ChatExtractor
from evidence.chats._jsonpos import loads_with_positions
from evidence.chats.facebook import InstagramJSON, MessengerJSON, repair
from evidence.chats.telegram import TelegramJSON
from evidence.chats.telegram_html import TelegramHTML
from evidence.context import CollectingContext, ConversationRecord, Item, Provenance, WarningRecord


def test_jsonpos_spans_match_json() -> None:
    text = '{"a": "x\\u00e9\\n", "b": [1, "zz", {"c": null}], "d": -2.5e3}'
    v = loads_with_positions(text)
    assert v == json.loads(text)
    s, e = v.spans["a"]
    assert json.loads('"' + text[s:e] + '"') == "xé\n"
    s, e = v.spans["b"]
    assert text[s:e] == '[1, "zz", {"c": null}]'


def telegram_account() -> bytes:
    doc = {
        "personal_information": {"user_id": 1, "first_name": "Me"},
        "chats": {"list": [
            {"name": "Боб", "type": "personal_chat", "id": 5, "messages": [
                {"id": -3, "type": "message", "date": "2020-03-14T21:05:11", "date_unixtime": "1584209111",
                 "from": "Боб", "from_id": "user5", "text": ["Привет ", {"type": "bold", "text": "мир"}],
                 "reply_to_message_id": -2, "edited": "2020-03-14T21:06:00", "edited_unixtime": "1584209160"},
                {"id": -2, "type": "service", "date": "2020-03-14T21:07:00", "date_unixtime": "1584209220",
                 "actor": "Me", "actor_id": "user1", "action": "pin_message", "text": ""},
                {"id": 7, "type": "message", "date": "2020-03-14T21:08:00", "date_unixtime": "1584209280",
                 "from": "Me", "forwarded_from": "Someone", "file": "(File not included. Change data exporting "
                 "settings to download.)", "media_type": "video_file", "text": ""},
            ]},
            {"name": "Other", "type": "private_group", "id": 6, "messages": [
                {"id": 1, "type": "message", "date": "2021-01-01T00:00:00", "from": "X", "text": "old \"quoted\""}]},
        ]},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def test_telegram_account_export() -> None:
    data = telegram_account()
    assert TelegramJSON.sniff(data, "result.json")
    convs = TelegramJSON().parse(data, name="result.json", options={})
    assert [c.title for c in convs] == ["Боб", "Other"]
    a, b, c = convs[0].messages
    assert a.text == "Привет мир" and a.extra["reply_to_message_id"] == -2 and a.extra["edited"]
    assert a.time.local == "2020-03-14T21:05:11" and a.time.utc == "2020-03-14T18:05:11Z"
    assert a.time.offset_minutes == 180 and "not recorded" in a.time.utc_reason
    assert b.kind == "system" and b.sender == "Me" and b.extra["action"] == "pin_message"
    assert c.kind == "media" and c.extra["forwarded_from"] == "Someone" and "export_note" in c.extra
    assert c.attachments[0].kind == "video"
    old = convs[1].messages[0]
    assert old.time.utc is None and "no date_unixtime" in old.time.utc_reason
    raw = data[old.offset:old.offset + old.length]
    assert json.loads(b'"' + raw + b'"') == 'old "quoted"' == old.text


def test_messenger_mojibake_repair_and_order() -> None:
    doc = {"participants": [{"name": "Jos\u00c3\u00a9"}, {"name": "Ana"}], "title": "chat", "magic_words": [],
           "messages": [
               {"sender_name": "Jos\u00c3\u00a9", "timestamp_ms": 1600000002000, "content": "caf\u00c3\u00a9 \u00f0\u009f\u0098\u0081"},
               {"sender_name": "Ana", "timestamp_ms": 1600000001000, "photos": [{"uri": "photos/1.jpg"}],
                "sticker": {"uri": "stickers/s.png"}},
               {"sender_name": "Ana", "timestamp_ms": 1600000000000, "content": "already fine: é"},
           ]}
    data = json.dumps(doc).encode()
    assert MessengerJSON.sniff(data, "message_1.json") and not InstagramJSON.sniff(data, "message_1.json")
    conv = MessengerJSON().parse(data, name="message_1.json", options={})[0]
    assert conv.participants == ["José", "Ana"]
    assert [m.text for m in conv.messages] == ["café 😁", "", "already fine: é"]
    assert [a.name for a in conv.messages[1].attachments] == ["photos/1.jpg", "stickers/s.png"]
    assert conv.messages[0].time.utc == "2020-09-13T12:26:42.000Z"
    assert any("newest first" in d for d in conv.decisions)
    assert repair("é") == "é"  # does not round-trip: kept


def test_telegram_html_broken_markup_and_media() -> None:
    html = ('<html><div class="page_wrap"><div class="page_header"><div class="text bold">Chat</div></div>'
            '<div class="history"><div class="message default clearfix" id="message5"><div class="body">'
            '<div class="pull_right date details" title="14.03.2020 21:05:11 UTC+03:00">21:05</div>'
            '<div class="from_name">A &amp; B</div><div class="media_wrap"><a class="photo_wrap" '
            'href="photos/photo_1@14-03-2020.jpg"><img src="x"></a></div>'
            '<div class="text">one<br>two &lt;3</div></div></div>'
            '<div class="message default clearfix joined" id="message6"><div class="body">'
            '<div class="pull_right date details" title="14.03.2020 21:06:00 UTC+03:00">21:06</div>'
            '<div class="text">unclosed')
    data = html.encode()
    assert TelegramHTML.sniff(data, "messages.html")
    conv = TelegramHTML().parse(data, name="messages.html", options={})[0]
    a = conv.messages[0]
    assert (a.sender, a.text) == ("A & B", "one\ntwo <3")
    assert data[a.offset:a.offset + a.length] == b"one<br>two &lt;3"
    assert a.time.utc == "2020-03-14T18:05:11Z" and a.time.offset_minutes == 180
    assert [x.name for x in a.attachments] == ["photos/photo_1@14-03-2020.jpg"]
    assert conv.messages[1].sender == "A & B" and conv.title == "Chat"


def test_extractor_dispatch_and_warnings() -> None:
    data = b"junk line\n13/02/2021, 10:00 - Ann: hello\n"
    ctx = CollectingContext(Item("EX-1", "chat.txt", "text/plain", len(data)), lambda: io.BytesIO(data),
                            Provenance("chat", "1.0"))
    ChatExtractor().extract(ctx)
    recs = ctx.of(ConversationRecord)
    assert len(recs) == 1 and recs[0].provenance.extractor == "whatsapp-text"
    assert any("before the first message header" in w.message for w in ctx.of(WarningRecord))
    assert ChatExtractor.accepts("application/json", "result.json")
    plain = b"Dear colleague,\nplease find the report attached.\n"
    ctx2 = CollectingContext(Item("EX-2", "a.txt", "text/plain", len(plain)), lambda: io.BytesIO(plain),
                             Provenance("chat", "1.0"))
    ChatExtractor().extract(ctx2)
    assert ctx2.records == []
