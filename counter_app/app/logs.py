"""Log files for support: rotating and size-capped in the user log directory, one line per operation, sync
cycle and printer event, and never a PIN, token, card reference or full phone number (``Masking``)."""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

LOG_FILENAME = "counter_app.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5  # at most 12 MB of logs per counter

_RULES: list[tuple[re.Pattern[str], str | None]] = [
    # key = value pairs naming a secret: pin, token, password, enrolment code, card reference, authorization
    (re.compile(r"(?i)(\"?(?:pin|supervisor_pin|token|access_token|password|enrolment_code|reference|card_ref"
                r"|authorization|x-device-token|branch_secret|secret)\"?\s*[:=]\s*\"?)(?:bearer\s+)?[^\s\"',&}]+"), r"\1***"),
    (re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"), "Bearer ***"),
    # card numbers (13-19 digits) keep their last four; mainland mobile phones keep 3 + 4 (138****1234)
    (re.compile(r"(?<!\d)(\d{9,15})(\d{4})(?!\d)"), None),
    (re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)"), r"\1****\2"),
    # long opaque strings (tokens, secrets) that arrive without a key
    (re.compile(r"\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{40,}\b"), "***"),
]


def mask(text: str) -> str:
    """``text`` with secrets and personal numbers masked."""
    for pattern, replacement in _RULES:
        if replacement is None:
            text = pattern.sub(lambda m: "*" * len(m.group(1)) + m.group(2), text)
        else:
            text = pattern.sub(replacement, text)
    return text


class Masking(logging.Filter):
    """Masks every record's message (and traceback) before a handler writes it, and keeps it on one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        record.msg = mask(message).replace("\n", " | ")
        record.args = None
        return True


def log_dir() -> Path:
    """``$COUNTER_APP_LOG_DIR``, else the user log directory."""
    env = os.environ.get("COUNTER_APP_LOG_DIR")
    return Path(env) if env else Path(platformdirs.user_log_dir("counter_app", appauthor=False))


def configure_logging(directory: Path | None = None, *, level: int = logging.INFO, max_bytes: int = MAX_BYTES,
                      backups: int = BACKUP_COUNT) -> Path | None:
    """Send the app's log to a rotating file (once per process); returns its path, or None if the folder
    cannot be written (the app still runs)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(directory / LOG_FILENAME, maxBytes=max_bytes, backupCount=backups,
                                      encoding="utf-8")
    except OSError:
        return None
    handler.addFilter(Masking())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return directory / LOG_FILENAME
