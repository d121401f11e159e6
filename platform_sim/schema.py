"""Touches to the generated OpenAPI document that FastAPI does not do itself."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")


def integer_bounds(node: Any) -> Any:
    """Write whole-number bounds as integers: FastAPI's schema model holds them as floats, so 2**62 read
    ``4.611686018427388e+18`` and every ``le=100`` read ``100.0``."""
    if isinstance(node, dict):
        return {key: (int(value) if key in _BOUNDS and isinstance(value, float) and value.is_integer()
                      else integer_bounds(value)) for key, value in node.items()}
    if isinstance(node, list):
        return [integer_bounds(item) for item in node]
    return node


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` answer the touched document (built once, like FastAPI's own)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if not getattr(app, "_touched_schema", None):
            app.openapi_schema = integer_bounds(build())
            app._touched_schema = True  # type: ignore[attr-defined]
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
