"""The parcel replies of the platform contract (``/parcels/...``), as the counter reads them."""

from __future__ import annotations

from typing import Any, Literal

from counter_app.sync.contract import Reply


class Tariff(Reply):
    version: str
    valid_from: str
    body: dict[str, Any]


class Region(Reply):
    province: str
    city: str
    district: str


class Regions(Reply):
    version: str
    items: list[Region]


class NumberBlock(Reply):
    block_id: str
    series: Literal["domestic", "international"]
    prefix: str
    country: str
    first_serial: int
    count: int


class ParcelEvent(Reply):
    status: str
    status_zh: str
    at: str
    where: str


class ParcelStatus(Reply):
    tracking_no: str
    status: str
    status_zh: str
    service: str
    destination: str
    weight_g: int
    branch_id: str
    accepted_at: str
    events: list[ParcelEvent]
