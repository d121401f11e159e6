"""Pulls: catalog, members and this branch's pickup manifest, page by page from each stored cursor.

Each page is written with its cursor in one transaction, so an interrupted pull resumes where it stopped.
``budget()`` gives each page call its deadline in seconds (None: the client's own), so that a cycle's
pulls stay within the cycle's deadline.
"""

from __future__ import annotations

from collections.abc import Callable

from counter_app.domain.pinyin import initials
from counter_app.store import sync_state
from counter_app.store.uow import Store
from counter_app.sync.client import PAGE_SIZE, PlatformClient

MAX_PAGES_PER_PULL = 10_000
Budget = Callable[[], float | None]
AfterPage = Callable[[], None]  # e.g. the engine delivering what was recorded meanwhile


def _nothing() -> None:
    return None


def _no_budget() -> float | None:
    return None


def pull_catalog(client: PlatformClient, store: Store, *, at: Callable[[], str], limit: int = PAGE_SIZE,
                 budget: Budget = _no_budget) -> int:
    """Products (with pinyin initials) and the points rule; returns rows pulled."""
    rows = 0
    for _ in range(MAX_PAGES_PER_PULL):
        page = client.catalog_page(sync_state.get_cursor(store, sync_state.CATALOG), limit=limit, deadline_s=budget())
        items = []
        for p in page.items:
            item = p.model_dump()
            item["pinyin_initials"] = initials(p.name)
            items.append(item)
        versions = page.parcel_versions.model_dump() if page.parcel_versions else None
        sync_state.save_catalog_page(store, items, points_rule=page.points_rule.model_dump(),
                                     cursor=page.next_cursor, at=at(), parcel_versions=versions)
        rows += len(items)
        if not page.has_more:
            break
    return rows


def pull_members(client: PlatformClient, store: Store, *, at: Callable[[], str], limit: int = PAGE_SIZE,
                 budget: Budget = _no_budget, after_page: AfterPage = _nothing) -> int:
    """Members: hashed phone, masked phone, card, balance, level; returns rows pulled."""
    rows = 0
    for _ in range(MAX_PAGES_PER_PULL):
        page = client.members_page(sync_state.get_cursor(store, sync_state.MEMBERS), limit=limit,
                                   deadline_s=budget())
        sync_state.save_members_page(store, [m.model_dump() for m in page.items], cursor=page.next_cursor, at=at())
        rows += len(page.items)
        if not page.has_more:
            break
        after_page()  # a first pull can take many pages while the platform derives keys: deliveries go between
    return rows


def pull_pickups(client: PlatformClient, store: Store, branch_id: str, *, at: Callable[[], str],
                 limit: int = PAGE_SIZE, budget: Budget = _no_budget, after_page: AfterPage = _nothing) -> int:
    """This branch's pickup manifest; returns rows pulled."""
    rows = 0
    stream = sync_state.pickups_stream(branch_id)
    for _ in range(MAX_PAGES_PER_PULL):
        page = client.pickups_page(branch_id, sync_state.get_cursor(store, stream), limit=limit, deadline_s=budget())
        sync_state.save_pickups_page(store, branch_id, [p.model_dump() for p in page.items],
                                     cursor=page.next_cursor, at=at())
        rows += len(page.items)
        if not page.has_more:
            break
        after_page()
    return rows
