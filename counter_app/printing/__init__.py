"""Receipts (小票): layout as data, ESC/POS output, image preview and the pure printing side of the spool.

No Qt, no SQLite, no HTTP here: the UI and the store call in, never the other way round.
"""
