"""Region search keys: pinyin initials of a province, city and district without their administrative suffix,
so a clerk types ``bjhd`` for 北京市海淀区 or ``njgl`` for 江苏省南京市鼓楼区 (a municipality's city is its province)."""

from __future__ import annotations

from counter_app.domain.pinyin import initials

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "新区", "省", "市", "区", "县")


def bare(name: str) -> str:
    """``北京市`` → ``北京``; a name that is all suffix is kept (``新区`` stays)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def region_initials(province: str, city: str, district: str) -> str:
    parts = [province] + ([city] if city != province else []) + [district]
    return "".join(initials(bare(p)) for p in parts)
