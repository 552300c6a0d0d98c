"""Reasons to think an image is a screenshot (each one stated, none decisive alone).

The judgement needs no camera make (a camera photo is not a screenshot) and at least one positive
sign: the XMP says "Screenshot" (macOS writes it), the pixel size is a common phone or desktop screen
size, or the file name follows a screenshot naming pattern.
"""

from __future__ import annotations

import re
from typing import Any

# Common screen sizes in pixels (portrait for phones/tablets; both orientations are checked).
SCREEN_SIZES: frozenset[tuple[int, int]] = frozenset({
    # iPhone
    (640, 960), (640, 1136), (750, 1334), (828, 1792), (1080, 1920), (1125, 2436), (1170, 2532),
    (1179, 2556), (1242, 2208), (1242, 2688), (1284, 2778), (1290, 2796), (1206, 2622), (1320, 2868),
    # Android
    (480, 800), (480, 854), (540, 960), (720, 1280), (720, 1440), (720, 1520), (720, 1560), (720, 1600),
    (720, 1612), (1080, 2160), (1080, 2220), (1080, 2240), (1080, 2280), (1080, 2310), (1080, 2340),
    (1080, 2376), (1080, 2400), (1080, 2408), (1080, 2412), (1080, 2436), (1080, 2460), (1440, 2560),
    (1440, 2880), (1440, 2960), (1440, 3040), (1440, 3088), (1440, 3120), (1440, 3200), (1344, 2992),
    # tablets
    (768, 1024), (1536, 2048), (1620, 2160), (1640, 2360), (1668, 2224), (1668, 2388), (2048, 2732),
    (1200, 1920), (1600, 2560),
    # desktops and laptops (landscape)
    (1024, 768), (1280, 720), (1280, 800), (1280, 1024), (1360, 768), (1366, 768), (1440, 900), (1536, 864),
    (1600, 900), (1680, 1050), (1920, 1080), (1920, 1200), (2560, 1080), (2560, 1440), (2560, 1600),
    (2736, 1824), (2880, 1800), (2880, 1864), (3024, 1964), (3440, 1440), (3456, 2234), (3840, 2160),
    (5120, 2880),
})

_NAME = re.compile(
    r"(screen[ _-]?shot|screenshot|scrnshot|screen[ _-]?capture|capture[ _]d.?[ée]cran|bildschirmfoto|"
    r"schermata|captura de pantalla|captura de tela|снимок экрана|скриншот|لقطة[ _]شاشة|截屏|截图|スクリーンショット|"
    r"ekran[ _]g[öo]r[üu]nt[üu]s[üu])",
    re.IGNORECASE,
)


def is_screen_size(width: int, height: int) -> bool:
    return (width, height) in SCREEN_SIZES or (height, width) in SCREEN_SIZES


def screenshot_reasons(name: str, summary: dict[str, Any], pixel: tuple[int, int] | None, xmp: str) -> list[str]:
    """The reasons, or an empty list when the image does not look like a screenshot."""
    if summary.get("Make") or summary.get("Model"):
        return []
    positive: list[str] = []
    if xmp and re.search(r"screenshot", xmp, re.IGNORECASE):
        positive.append("its XMP metadata says 'Screenshot'")
    user_comment = str(summary.get("UserComment", ""))
    if "screenshot" in user_comment.lower():
        positive.append("its EXIF UserComment says 'Screenshot'")
    if pixel and is_screen_size(*pixel):
        positive.append(f"its size {pixel[0]}x{pixel[1]} is a common screen size")
    if _NAME.search(name or ""):
        positive.append(f"its file name {name!r} follows a screenshot naming pattern")
    if not positive:
        return []
    return ["no camera make or model in its metadata", *positive]
