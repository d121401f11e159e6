#!/usr/bin/env bash
# Builds a one-folder bundle of the counter app with PyInstaller into installer/dist/counter-app/.
# The target machine needs libgl1 and libegl1; the CJK font is shipped inside the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q "pyinstaller>=6"
font=""
for candidate in "${COUNTER_APP_FONT:-}" /usr/share/fonts/truetype/wqy/wqy-microhei.ttc; do
  if [ -n "$candidate" ] && [ -f "$candidate" ]; then font="$candidate"; break; fi
done
[ -n "$font" ] || { echo "no CJK font found: install fonts-wqy-microhei or set COUNTER_APP_FONT" >&2; exit 1; }
.venv/bin/pyinstaller --noconfirm --clean --onedir --name counter-app \
  --distpath installer/dist --workpath installer/build --specpath installer/build \
  --paths "$PWD" \
  --collect-submodules counter_app --collect-submodules platform_sim \
  --collect-data escpos \
  --add-data "$PWD/resources:resources" \
  --add-data "$font:resources/fonts" \
  installer/entry.py
echo "Bundle: installer/dist/counter-app/counter-app"
