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
