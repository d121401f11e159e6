#!/usr/bin/env bash
# Starts the app on the embedded demo: a reference platform on 127.0.0.1 with demo data,
# a counter enrolled at branch 网点 B001, and the counter window. Data lives in ./demo-data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/counter-app demo --data-dir "${COUNTER_APP_DEMO_DIR:-$PWD/demo-data}" "$@"
