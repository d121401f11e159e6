"""Parcel data from the platform: the tariff and the region list (pulled like the catalog), number blocks
refilled while online below a threshold (批量取号), and the online status look-up (线上查询).

A block request carries a request id kept on the counter until the block is stored: a reply lost on the way
is asked for again with the same id and the platform answers the same block, so no numbers go astray twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from counter_app.domain.parcels.numbers import SERIES, NumberBlock
from counter_app.domain.parcels.regions import region_initials
from counter_app.store import sync_state
from counter_app.store.uow import Store
from counter_app.sync.client import PlatformClient
from counter_app.sync.parcel_contract import ParcelStatus

REFILL_BELOW = 50  # ask for a new block when fewer numbers than this are left in a series
BLOCK_SIZE = 200


def pull_parcel_data(client: PlatformClient, store: Store, *, at: Callable[[], str]) -> int:
    """The tariff in force and the region list, unless the catalog's last page said the counter holds both
    already (then no call: 2,000 counters polling every 30 s would otherwise fetch and rewrite them 130 times
    a second); returns the regions stored."""
    offered = sync_state.get_meta(store, sync_state.PARCEL_VERSIONS_OFFERED)
    if offered is not None and offered == sync_state.get_meta(store, sync_state.PARCEL_VERSIONS_HELD):
        return 0
    tariff = client.parcel_tariff()
    regions = client.parcel_regions()
    rows = [(r.province, r.city, r.district, region_initials(r.province, r.city, r.district))
            for r in regions.items]
    with store.uow() as uow:
        uow.parcels.save_tariff({**tariff.body, "version": tariff.version, "valid_from": tariff.valid_from},
                                at=at())
        uow.parcels.save_regions(rows)
        uow.commit()
    # Noted after the data is stored: a crash in between only means one more pull.
    sync_state.set_meta(store, sync_state.PARCEL_VERSIONS_HELD,
                        {"tariff": tariff.version, "regions": regions.version}, at=at())
    return len(rows)


def _request_key(series: str) -> str:
    return f"parcel_block_request:{series}"


def refill_numbers(client: PlatformClient, store: Store, *, at: Callable[[], str], below: int = REFILL_BELOW,
                   size: int = BLOCK_SIZE) -> int:
    """For each series under ``below`` numbers left, one new block; returns the numbers added."""
    added = 0
    for series in SERIES:
        with store.uow().read() as uow:
            left = uow.parcels.numbers_left(series)
        if left >= below:
            continue
        request_id = sync_state.get_meta(store, _request_key(series))
        if not request_id:
            request_id = str(uuid.uuid4())
            sync_state.set_meta(store, _request_key(series), request_id, at=at())
        reply = client.parcel_number_block(request_id=str(request_id), series=series, count=size)
        block = NumberBlock(reply.block_id, reply.series, reply.prefix, reply.country, reply.first_serial, reply.count)
        with store.uow() as uow:
            uow.parcels.add_block(block, at=at())
            uow.commit()
        sync_state.set_meta(store, _request_key(series), None, at=at())
        added += block.count
    return added


def sync_parcels(client: PlatformClient, store: Store, *, at: Callable[[], str]) -> int:
    """One pull of everything parcel posting needs (the sync engine calls it with the other pulls)."""
    regions = pull_parcel_data(client, store, at=at)
    return regions + refill_numbers(client, store, at=at)


def parcel_status(client: PlatformClient, tracking_no: str) -> ParcelStatus:
    """线上查询 of one parcel; raises ``PlatformError`` when the platform cannot be reached or does not know it."""
    return client.parcel_status(tracking_no.strip().upper())


def look_up_status(settings: dict[str, object], tracking_no: str) -> ParcelStatus:
    """线上查询 from an enrolled counter's settings (the CLI and the status screen)."""
    from counter_app.domain.errors import PlatformError

    url, token = settings.get("platform_url"), settings.get("token")
    if not url or not token:
        raise PlatformError("platform_not_enrolled", "本柜台尚未在平台开通，无法在线查询",
                            "This counter is not enrolled with a platform; nothing can be looked up online")
    ca_bundle = settings.get("ca_bundle")
    client = PlatformClient(str(url), token=str(token), ca_bundle=str(ca_bundle) if ca_bundle else None)
    try:
        return parcel_status(client, tracking_no)
    finally:
        client.close()
