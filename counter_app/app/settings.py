"""The counter's settings, one source of truth: read from the store as one typed value, changed through
``save_settings`` (which tells every subscriber). Widgets hold a ``Settings``, never a loose dict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from counter_app.bootstrap import Counter

DEFAULT_IDLE_LOCK_MINUTES = 5.0


@dataclass(frozen=True)
class Settings:
    """What this machine is set up as; ``raw`` keeps every stored key (printer, rules, token...)."""

    raw: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    @property
    def branch_id(self) -> str:
        return str(self.raw.get("branch_id") or "")

    @property
    def counter_id(self) -> str:
        return str(self.raw.get("counter_id") or "")

    @property
    def branch_name(self) -> str:
        return str(self.raw.get("branch_name") or self.branch_id)

    @property
    def platform_url(self) -> str:
        return str(self.raw.get("platform_url") or "")

    @property
    def is_configured(self) -> bool:
        """Branch and counter set (the first-run set-up is done)."""
        return bool(self.branch_id and self.counter_id)

    @property
    def is_enrolled(self) -> bool:
        """Enrolled with a platform: an address and a device token."""
        return bool(self.platform_url and self.raw.get("token"))

    @property
    def idle_lock_minutes(self) -> float:
        """Minutes without input before the screen locks (0: never); a bad stored value is the default."""
        try:
            value = float(self.raw.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_LOCK_MINUTES
        return max(0.0, value)

    @property
    def customer_display(self) -> bool:
        """Open the customer display (客显) as a second window on a single screen (a second screen always has it)."""
        value = self.raw.get("customer_display", False)
        return value is True or str(value).lower() in ("1", "yes", "true", "on")

    @property
    def printer(self) -> dict[str, Any]:
        return dict(self.raw.get("printer") or {"kind": "none"})

    def counter_line(self) -> str:
        """"邮政XX支局  ·  C01": the branch and counter as the login window shows them."""
        return f"{self.branch_name}  ·  {self.counter_id}"


def load_settings(counter: Counter) -> Settings:
    """The stored settings (a read)."""
    return Settings(counter.settings())


def save_settings(counter: Counter, **values: Any) -> Settings:
    """Store ``values`` in one transaction, tell subscribers, return the settings now in force."""
    counter.update_settings(**values)
    return load_settings(counter)
