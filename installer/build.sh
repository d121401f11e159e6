#!/usr/bin/env bash
# Builds the one-folder bundle of the counter app with PyInstaller from installer/counter-app.spec into
# installer/dist/counter-app/; `--deb` also packs it as a Debian package (installer/build_deb.sh).
# The target machine needs libgl1 and libegl1; the CJK font is shipped inside the bundle. See docs/fleet.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
.venv/bin/python -m pip install -q -e ".[bundle]"
font=""
for candidate in "${COUNTER_APP_FONT:-}" /usr/share/fonts/truetype/wqy/wqy-microhei.ttc; do
  if [ -n "$candidate" ] && [ -f "$candidate" ]; then font="$candidate"; break; fi
done
[ -n "$font" ] || { echo "no CJK font found: install fonts-wqy-microhei or set COUNTER_APP_FONT" >&2; exit 1; }
COUNTER_APP_FONT="$font" .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath installer/dist --workpath installer/build installer/counter-app.spec
echo "Bundle: installer/dist/counter-app/counter-app"
if [ "${1:-}" = "--deb" ]; then
  bash installer/build_deb.sh
fi
