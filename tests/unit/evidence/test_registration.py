from evidence.registry import extractors

MINE = {"filetype", "images", "pdf", "office", "email", "outlook-msg", "textfile", "archives", "media", "ocr"}


def test_all_extractors_registered_with_provenance() -> None:
    found = extractors()
    assert MINE <= set(found)
    for name in MINE:
        cls = found[name]
        assert isinstance(cls.LIBRARIES, tuple) and cls.VERSION
        assert cls.BACKGROUND is (name == "ocr")


def test_accepts_routes_by_type() -> None:
    found = extractors()
    assert found["filetype"].accepts("application/x-empty", "")
    assert found["images"].accepts("image/heic", "IMG.HEIC") and not found["images"].accepts("application/pdf", "a")
    assert found["pdf"].accepts("text/plain", "broken.pdf")
    assert found["outlook-msg"].accepts("application/vnd.ms-outlook", "mail_outlook_1")
    assert found["archives"].accepts("application/x-7z-compressed", "a.7z")
    assert found["media"].accepts("audio/ogg", "PTT.opus")
