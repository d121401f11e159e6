"""What the parcel screen shows of people: masked names and phones (a queue stands behind the customer), the
place without the street, and the parcels accepted today at this counter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.domain.operations import Party


def masked_name(name: str) -> str:
    """张三丰 → 张**; "" stays ""."""
    name = name.strip()
    return name[:1] + "*" * max(0, len(name) - 1)


def masked_phone(phone: str) -> str:
    """13812341234 → 138****1234; a short number keeps only its last two digits."""
    digits = "".join(phone.split())
    if len(digits) >= 8:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * max(0, len(digits) - 2) + digits[-2:]


def place_of(party: dict[str, Any] | Party) -> str:
    """Province, city and district (or the country abroad), never the street."""
    p = party if isinstance(party, dict) else party.__dict__
    country = str(p.get("country") or "CN")
    if country != "CN":
        return country
    city = "" if p.get("city") == p.get("province") else str(p.get("city") or "")
    return f"{p.get('province') or ''}{city}{p.get('district') or ''}"


@dataclass(frozen=True)
class ParcelListed:
    """One parcel of today's list on the parcel screen (masked: no full name, phone or street)."""

    op_id: str
    tracking_no: str
    service_name: str
    recipient: str  # masked name and the place
    total_fen: int
    status: str  # accepted | voided
    accepted_at: str
    voidable: bool  # accepted in the clerk's open shift and not voided
