"""``counter-app audit verify``: the journal check over the whole database."""

from __future__ import annotations

from counter_app.store.journal import Problem, verify
from counter_app.store.uow import Store


def verify_store(store: Store) -> tuple[list[Problem], int]:
    """All problems found, and how many journal entries were checked."""
    conn = store.connection()
    conn.execute("BEGIN")  # one consistent snapshot while reading
    try:
        entries = conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        return verify(conn), entries
    finally:
        conn.execute("ROLLBACK")
