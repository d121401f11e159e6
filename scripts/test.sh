#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, the import contracts, the type checker, then pytest
# offscreen.
# pytest's exit 5 (no test ran) is a failure here like any other non-zero code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports  # reads its contracts from pyproject.toml
.venv/bin/mypy  # the type gate: its files and strictness are in pyproject.toml
.venv/bin/python -m pytest "$@"
