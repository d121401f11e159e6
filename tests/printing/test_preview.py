"""The preview image: the CJK font has the glyphs, and the PNG has a sane size and real ink."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from counter_app.domain.errors import PrinterError
from counter_app.printing import preview
from counter_app.printing.layout import PrintLine, layout_receipt
from counter_app.printing.preview import CELL, MARGIN, find_cjk_font, load_font, render_image, render_png
from counter_app.printing.receipts import receipt_for_operation

from .samples import BRANCH, cash_sale


def test_the_preview_font_has_the_chinese_glyphs() -> None:
    font = load_font(24)
    for ch in "中营业员￥找零":
        assert font.getmask(ch).getbbox() is not None, ch


@pytest.mark.parametrize(("columns", "paper_px"), [(32, 384), (48, 576)])
def test_png_is_as_wide_as_the_paper_and_as_long_as_the_receipt(tmp_path: Path, columns: int, paper_px: int) -> None:
    lines = layout_receipt(receipt_for_operation(cash_sale(), branch=BRANCH), columns)
    path = render_png(lines, tmp_path / "receipt.png", columns)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.width == paper_px + 2 * MARGIN
        assert 600 < image.height < 4000


def test_a_chinese_character_leaves_ink_on_the_preview() -> None:
    image = render_image([PrintLine("text", "中")], 32)
    cell = image.crop((MARGIN, MARGIN, MARGIN + 2 * CELL, MARGIN + 24))
    assert cell.getextrema()[0] < 128  # some dark pixels where 中 is drawn


def test_qr_is_drawn_in_the_middle() -> None:
    image = render_image([PrintLine("qr", data="CO202611250001")], 48)
    middle = image.crop((image.width // 2 - 40, MARGIN, image.width // 2 + 40, MARGIN + 80))
    assert middle.getextrema() == (0, 255)


def test_font_comes_from_the_environment_variable_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chosen = tmp_path / "font.ttc"
    chosen.write_bytes(Path(find_cjk_font()).read_bytes())
    monkeypatch.setenv(preview.FONT_ENV, str(chosen))
    assert find_cjk_font() == chosen


def test_missing_font_is_a_clear_error_not_boxes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(preview.FONT_ENV, raising=False)
    monkeypatch.setattr(preview, "KNOWN_FONT_PATHS", (str(tmp_path / "none.ttc"),))
    monkeypatch.setattr(preview, "_bundled_font_dirs", lambda: [tmp_path])
    with pytest.raises(PrinterError) as caught:
        find_cjk_font()
    assert "中文字体" in caught.value.zh


@pytest.mark.parametrize(("text", "double"), [("WMWMWM REPRINT", False), ("REPRINT PENDING", True),
                                              ("platform confirmation", False)])
def test_latin_letters_stay_in_their_own_columns(text: str, double: bool) -> None:
    scale = 2 if double else 1
    image = render_image([PrintLine("text", text, bold=True, double=double)], 48)
    height = 24 * scale
    for column in range(1, len(text)):
        x = MARGIN + column * CELL * scale  # the edge between two letters: no ink crosses it
        edge = image.crop((x, MARGIN, x + 1, MARGIN + height))
        assert edge.getextrema()[0] > 128, f"ink across the edge before {text[column]!r} in {text!r}"
    # ... and the letters are still there, one blot of ink per letter.
    for column, ch in enumerate(text):
        cell = image.crop((MARGIN + column * CELL * scale, MARGIN, MARGIN + (column + 1) * CELL * scale, MARGIN + height))
        assert (cell.getextrema()[0] < 128) is (ch != " "), ch
