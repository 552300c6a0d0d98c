import codecs

from evidence import textfile
from evidence.textfile import TextFileExtractor, detect_encoding

from .conftest import run_extractor, warnings_of


def test_encodings() -> None:
    arabic = "العامل لم يتقاض أجره منذ ثلاثة أشهر\n" * 20
    ctx, _ = run_extractor(TextFileExtractor, arabic.encode("utf-8"), "a.txt")
    assert ctx.fields()["text.encoding"] == "utf-8" and arabic.strip() in "".join(ctx.texts())
    ctx, _ = run_extractor(TextFileExtractor, "Grüße aus Köln, Straße\n".encode("utf-16"), "b.txt", mime="text/plain")
    assert ctx.fields()["text.encoding"] == "utf-16" and "Grüße" in "".join(ctx.texts())
    enc, how = detect_encoding(("Café crème, déjà vu, élève, naïve\n" * 30).encode("cp1252"))
    assert enc is not None and "Café" in ("Café crème" .encode("cp1252").decode(enc))


def test_limit_warns(monkeypatch) -> None:
    monkeypatch.setattr(textfile, "MAX_INDEX_BYTES", 100)
    ctx, _ = run_extractor(TextFileExtractor, b"a" * 1000, "big.log", mime="text/plain")
    assert len("".join(ctx.texts())) == 100 and any("first 100 bytes" in w for w in warnings_of(ctx))


def test_line_count_and_endings() -> None:
    """``text.lines`` counts lines as an editor shows them (a last line without a newline counts);
    ``text.line_endings`` names the ending most lines have. UTF-8 lines are counted on the bytes, other
    encodings on the text: both must agree with the text."""
    cases = [
        ("one\ntwo\nthree\n".encode("utf-8"), 3, "LF"),
        ("one\ntwo\nthree".encode("utf-8"), 3, "LF"),
        ("one\r\ntwo\r\nthree\n".encode("utf-8"), 3, "CRLF"),
        ("one\r\ntwo\nthree\nfour\n".encode("utf-8"), 4, "LF"),
        (b"no newline at all", 1, "none"),
        (b"cr\ralone\rhere", 1, "none"),
        ("Grüße\r\naus\r\nKöln\r\n".encode("utf-16"), 3, "CRLF"),  # (a UTF-16 newline is two bytes)
        ("\u0a0a\n".encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]), 1, "LF"),  # U+0A0A: two 0x0A bytes
        (b"bad \xff\n\xe2\x80\nbytes\n\xc3", 4, "LF"),  # invalid UTF-8 replaced, newlines kept
    ]
    for data, lines, endings in cases:
        ctx, _ = run_extractor(TextFileExtractor, data, "t.txt", mime="text/plain")
        f = ctx.fields()
        assert (f["text.lines"], f["text.line_endings"]) == (lines, endings), data


def test_superseded_text_gives_the_same_facts_from_pieces(monkeypatch) -> None:
    """A chat export's text is not kept (its messages are indexed one by one), so the extractor decodes it
    in pieces for its facts alone: encoding, undecodable bytes, line endings and count must be the ones the
    whole text gives, with pieces cut inside characters, inside CR LF and inside invalid sequences."""
    import io

    from evidence.context import CollectingContext, FieldRecord, Item, Provenance

    def run(data: bytes, superseded: str | None) -> tuple[dict, list[str], list]:
        ctx = CollectingContext(Item("EX-T", "t.txt", "text/plain", len(data)), lambda: io.BytesIO(data),
                                Provenance("textfile", "1.0", {}), text_superseded=superseded)
        TextFileExtractor().extract(ctx)
        fields = {r.key: r.value for r in ctx.of(FieldRecord) if r.key != "text.not_indexed"}
        return fields, warnings_of(ctx), ctx.texts()

    monkeypatch.setattr(textfile, "PIECE", 5)
    samples = [
        "صباح الخير\r\nالراتب\r\n".encode("utf-8") * 3,
        b"bad \xff\xfe\xc3 here\r\n\xe2\x82 cut\r" + b"\n tail",
        "Grüße\r\naus\r\nKöln\r\n".encode("utf-16"),
        "\u0a0a\n\r\n".encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]),
        "emoji \U0001f600\U0001f600 x\n".encode("utf-8") * 2,
        b"   \n\n  ",
    ]
    for data in samples:
        whole, warned, texts = run(data, None)
        fields, warned2, texts2 = run(data, "indexed as messages")
        assert (fields, warned2) == (whole, warned), data
        assert texts2 == []  # nothing kept as text ...
    # ... and the note says why, once, where there was text to keep
    ctx = CollectingContext(Item("EX-T", "t.txt", "text/plain", 9), lambda: io.BytesIO(b"\n\n  hello"),
                            Provenance("textfile", "1.0", {}), text_superseded="indexed as messages")
    TextFileExtractor().extract(ctx)
    assert [r.value for r in ctx.of(FieldRecord) if r.key == "text.not_indexed"] == ["indexed as messages"]
