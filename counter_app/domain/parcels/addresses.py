"""What the parcel screen shows of people: masked names and phones (a queue stands behind the customer), the
place without the street, and the parcels accepted today at this counter."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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


@dataclass(frozen=True)
class SavedAddress:
    """A member's address kept from an earlier parcel (常用地址): the full party for the label, and what the
    screen may show of it."""

    address_id: int
    role: str  # sender | recipient
    party: Party

    def masked(self) -> str:
        detail = self.party.detail
        street = detail[:4] + ("…" if len(detail) > 4 else "")
        return f"{masked_name(self.party.name)} {masked_phone(self.party.phone)} {place_of(self.party)}{street}"


def saved_address(row: dict[str, Any], role: str) -> SavedAddress:
    return SavedAddress(int(row["address_id"]), role, Party(**{k: str(row.get(k) or "") for k in PARTY_KEYS}))


def party_fields(party: Party) -> dict[str, Any]:
    return asdict(party)


PARTY_KEYS = ("name", "phone", "province", "city", "district", "detail", "country")


@dataclass(frozen=True)
class ParcelMember:
    """The member sending the parcel (寄件人 = 会员), and their saved senders and recipients."""

    member_id: str
    label: str  # masked name and phone
    phone_masked: str
    senders: tuple[SavedAddress, ...]
    recipients: tuple[SavedAddress, ...]
