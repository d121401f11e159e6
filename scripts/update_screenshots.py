"""Re-render the README's screenshots into docs/screenshots/{zh_CN,en}/, reduced to 256 colours.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/update_screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from PIL import Image

    from counter_app.ui.screenshots import render_all

    for language in ("zh_CN", "en"):
        out = ROOT / "docs" / "screenshots" / language
        for old in out.glob("*.png"):
            old.unlink()
        for path in render_all(out, language=language):
            image = Image.open(path).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
            image.save(path, optimize=True)
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
