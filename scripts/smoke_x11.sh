#!/usr/bin/env bash
# The real-window smoke test: the demo under Xvfb (1366x768, NO window manager) driven by synthetic key events
# through the X server (xdotool), a screenshot per step in artifacts/smoke/ (or $COUNTER_APP_SMOKE_DIR).
# Fails on an error box or message, a window wider than the screen, or a key that does nothing; bounded to
# under 3 minutes. Installs xvfb, xdotool, x11-utils and imagemagick when missing (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v xdpyinfo >/dev/null || missing+=(x11-utils)
command -v import >/dev/null || missing+=(imagemagick)
if ((${#missing[@]})); then
    sudo_=""
    [ "$(id -u)" -eq 0 ] || sudo_="sudo"
    echo "smoke: installing ${missing[*]}"
    $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >/dev/null 2>&1 || {
        $sudo_ apt-get update -qq >/dev/null 2>&1
        $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    }
fi
bash scripts/setup.sh >/dev/null
exec timeout --kill-after=5 180 .venv/bin/python scripts/smoke_x11.py "$@"
