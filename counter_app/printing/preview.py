"""The laid-out receipt as an image (Pillow), on the same column grid as the paper, for the UI to show.

One column is 12 px and a line 24 px high, like font A on a 203 dpi printer, so 32 columns give the
384 dots of 58 mm paper and 48 columns the 576 dots of 80 mm paper.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from counter_app.domain.errors import PrinterError
from counter_app.printing.layout import PrintLine
from counter_app.printing.text import char_width, paper_text, text_width

FONT_ENV = "COUNTER_APP_FONT"
KNOWN_FONT_PATHS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)
BUNDLED_FONT_NAMES: tuple[str, ...] = ("wqy-microhei.ttc", "NotoSansCJK-Regular.ttc", "NotoSansSC-Regular.otf")

CELL = 12  # px per column
LINE = 24  # px per normal line
GAP = 4  # px between lines
MARGIN = 12  # px around the paper
QR_FRACTION = 0.45  # of the paper width
PAPER, INK, FAINT = 255, 0, 170


def _bundled_font_dirs() -> list[Path]:
    """Where a packaged font may be: ``resources/fonts`` in the PyInstaller bundle or beside the package
    (the same place the window's font is looked for)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return [base / "resources" / "fonts"]


def find_cjk_font() -> Path:
    """The CJK font file: ``$COUNTER_APP_FONT``, else a bundled font, else a known system path."""
    candidates: list[Path] = []
    if os.environ.get(FONT_ENV):
        candidates.append(Path(os.environ[FONT_ENV]))
    candidates += [d / name for d in _bundled_font_dirs() for name in BUNDLED_FONT_NAMES]
    candidates += [Path(p) for p in KNOWN_FONT_PATHS]
    for path in candidates:
        if path.is_file():
            return path
    raise PrinterError(
        "preview_font_missing",
        f"找不到中文字体，无法预览小票。请安装 fonts-wqy-microhei 或设置 {FONT_ENV}。",
        f"No Chinese font for the receipt preview; install fonts-wqy-microhei or set {FONT_ENV}.",
    )


@lru_cache(maxsize=8)
def load_font(size: int, path: str | None = None) -> ImageFont.FreeTypeFont:
    """The CJK font at ``size`` px (cached: loading a .ttc takes milliseconds)."""
    return ImageFont.truetype(path or str(find_cjk_font()), size)


def _line_height(line: PrintLine, columns: int) -> int:
    """Pixels a line takes on the image."""
    if line.kind == "qr":
        return _qr_side(columns) + GAP
    if line.kind == "cut":
        return LINE
    if line.kind == "drawer":
        return 0
    return (2 * LINE if line.double else LINE) + GAP


def _qr_side(columns: int) -> int:
    """The QR's side in px."""
    return int(columns * CELL * QR_FRACTION)


def _qr_image(data: str, side: int) -> Image.Image:
    """The QR code, scaled with hard edges to ``side`` px."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1, box_size=4)
    code.add_data(data)
    code.make(fit=True)
    image: Image.Image = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    return image.resize((side, side), Image.Resampling.NEAREST)


@lru_cache(maxsize=4096)
def _glyph(ch: str, size: int, step: int) -> tuple[Image.Image | None, int, int]:
    """The glyph's ink fitted into its ``step`` px of columns, and where it goes from the cell's top left.

    A glyph wider than its cell (W, M, a bold capital) is narrowed to fit with a pixel free on each side, as
    a printer's 12-dot font A is: proportional glyphs must never overlap their neighbours (cached: slow).
    """
    font = load_font(size)
    left, top, right, bottom = (int(v) for v in font.getbbox(ch))
    width, height = right - left, bottom - top
    if width <= 0 or height <= 0:
        return None, 0, 0
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).text((-left, -top), ch, font=font, fill=255)
    room = max(1, step - 2)
    if width > room:
        mask = mask.resize((room, height), Image.Resampling.LANCZOS)
        width = room
    return mask, (step - width) // 2, top


def _draw_text(image: Image.Image, line: PrintLine, top: int, columns: int) -> None:
    """Draw text on the grid: each character in its own column(s), so the preview matches the paper."""
    scale = 2 if line.double else 1
    text = paper_text(line.text)
    size = LINE * scale - 2 * scale
    spare = columns - text_width(text) * scale
    offset = {"left": 0, "center": spare // 2, "right": spare}[line.align]
    x = MARGIN + max(0, offset) * CELL
    for ch in text:
        step = char_width(ch) * CELL * scale
        mask, dx, dy = _glyph(ch, size, step) if not ch.isspace() else (None, 0, 0)
        if mask is not None:
            image.paste(INK, (x + dx, top + dy), mask)
            if line.bold and mask.width < step - 1:  # a one-pixel double strike, as a thermal printer's bold
                image.paste(INK, (x + dx + 1, top + dy), mask)
        x += step


def _draw_cut(draw: ImageDraw.ImageDraw, top: int, width: int) -> None:
    """A dashed line where the cutter cuts."""
    y = top + LINE // 2
    for x in range(0, width, 12):
        draw.line([(x, y), (x + 6, y)], fill=FAINT, width=1)


def render_image(lines: Sequence[PrintLine] | Iterable[PrintLine], columns: int) -> Image.Image:
    """The receipt as a greyscale image, ``columns`` * 12 px wide plus margins."""
    lines = list(lines)
    width = columns * CELL + 2 * MARGIN
    height = MARGIN * 2 + sum(_line_height(line, columns) for line in lines)
    image = Image.new("L", (width, max(height, 2 * MARGIN + LINE)), PAPER)
    draw = ImageDraw.Draw(image)
    top = MARGIN
    for line in lines:
        if line.kind in ("text", "separator"):
            _draw_text(image, line, top, columns)
        elif line.kind == "qr" and line.data:
            side = _qr_side(columns)
            image.paste(_qr_image(line.data, side), ((width - side) // 2, top))
        elif line.kind == "cut":
            _draw_cut(draw, top, width)
        top += _line_height(line, columns)
    return image


def render_png(lines: Sequence[PrintLine] | Iterable[PrintLine], path: str | os.PathLike[str], columns: int) -> Path:
    """Write the receipt preview as a PNG file and return its path."""
    target = Path(path)
    render_image(lines, columns).save(target, format="PNG")
    return target
