"""A guard against a reference-count bug of PySide6 6.12 on CPython 3.11.

Measured here (PySide6 6.12.0, Python 3.11.7): every signal delivered to a Python callable releases one
reference to ``True`` it never took, every worker job three to ``True`` and three to ``None``, every
``processEvents`` one to ``None``. On Python 3.12+ these objects are immortal (PEP 683), so nothing happens;
on 3.11 their counts fall by thousands over a counter's day until the interpreter aborts with "deallocating
None" / "deallocating True or False" (bench/ui_startup.py did, after about 150 sales with the real
workspaces). Until the counter runs on 3.12+ or a fixed PySide6, give the three a count that cannot reach zero.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
_BALLAST = 1 << 40  # far more releases than a process can make in years


def pin_singletons() -> bool:
    """Make None, True and False effectively immortal on CPython < 3.12; True when it did something."""
    global _PINNED
    if _PINNED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _BALLAST  # ob_refcnt is PyObject's first field
    _PINNED = True
    return True
