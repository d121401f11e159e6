"""The parcel tariff and region list the reference platform publishes: the demo tariff, the tariff in force
(the newest whose valid-from date has come), their versions for the catalog page, and the simulator's step
that publishes a new tariff."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from platform_sim import db as platform_db

_SERVICES = [
    {"code": "standard", "name_zh": "标准快递", "name_en": "Standard parcel", "international": False,
     "first_weight_g": 1000, "step_g": 1000, "volumetric_divisor": 8000, "max_weight_g": 40000,
     "max_side_cm": 150, "max_girth_cm": 300,
     "prices": {"1": {"first_fen": 800, "step_fen": 200}, "2": {"first_fen": 1000, "step_fen": 400},
                "3": {"first_fen": 1200, "step_fen": 600}, "4": {"first_fen": 2000, "step_fen": 1500}}},
    {"code": "express", "name_zh": "特快专递", "name_en": "EMS express", "international": False,
     "first_weight_g": 500, "step_g": 500, "volumetric_divisor": 6000, "max_weight_g": 30000,
     "max_side_cm": 150, "max_girth_cm": 300,
     "prices": {"1": {"first_fen": 2000, "step_fen": 500}, "2": {"first_fen": 2000, "step_fen": 600},
                "3": {"first_fen": 2200, "step_fen": 800}, "4": {"first_fen": 2500, "step_fen": 1500}}},
    {"code": "intl", "name_zh": "国际小包", "name_en": "International parcel", "international": True,
     "first_weight_g": 100, "step_g": 100, "volumetric_divisor": 5000, "max_weight_g": 2000,
     "max_side_cm": 60, "max_girth_cm": 90,
     "prices": {"I1": {"first_fen": 3000, "step_fen": 850}, "I2": {"first_fen": 3500, "step_fen": 1000}}},
]
_REGIONS: dict[str, dict[str, list[str]]] = {
    "北京市": {"北京市": ["东城区", "西城区", "朝阳区", "海淀区", "丰台区"]},
    "上海市": {"上海市": ["黄浦区", "徐汇区", "浦东新区", "静安区"]},
    "江苏省": {"南京市": ["玄武区", "秦淮区", "鼓楼区"], "苏州市": ["姑苏区", "吴中区", "工业园区"]},
    "浙江省": {"杭州市": ["上城区", "西湖区", "滨江区"], "宁波市": ["海曙区", "鄞州区"]},
    "广东省": {"广州市": ["越秀区", "天河区", "海珠区"], "深圳市": ["福田区", "南山区", "宝安区"]},
    "四川省": {"成都市": ["锦江区", "武侯区", "青羊区"]},
    "新疆维吾尔自治区": {"乌鲁木齐市": ["天山区", "沙依巴克区"]},
    "西藏自治区": {"拉萨市": ["城关区"]},
}
REGIONS_VERSION = "R2026.11"
DEMO_TARIFF: dict[str, Any] = {
    "version": "T2026.11", "valid_from": "2026-11-01", "rounding": "jiao_up",
    "province_zones": {"北京市": "1", "上海市": "1", "江苏省": "2", "浙江省": "2", "广东省": "3", "四川省": "3",
                       "新疆维吾尔自治区": "4", "西藏自治区": "4"},
    "city_zones": {"江苏省/南京市": "1"},
    "country_zones": {"US": "I1", "JP": "I1", "KR": "I1", "DE": "I2", "FR": "I2", "GB": "I2"},
    "insurance": {"rate_bp": 50, "min_fen": 100, "max_declared_fen": 5_000_000},
    "surcharges": [
        {"code": "remote", "name_zh": "偏远地区附加费", "name_en": "Remote area surcharge", "fixed_fen": 500,
         "zones": ["4"]},
        {"code": "fuel", "name_zh": "燃油附加费", "name_en": "Fuel surcharge", "rate_bp": 1000, "services": ["intl"]},
    ],
    "categories": [
        {"code": "documents", "name_zh": "文件", "name_en": "Documents"},
        {"code": "clothing", "name_zh": "服装鞋帽", "name_en": "Clothing"},
        {"code": "books", "name_zh": "书籍", "name_en": "Books"},
        {"code": "food", "name_zh": "食品（非生鲜）", "name_en": "Food (not fresh)"},
        {"code": "electronics", "name_zh": "电子产品（不含电池）", "name_en": "Electronics (no batteries)"},
        {"code": "lithium", "name_zh": "锂电池", "name_en": "Lithium batteries", "prohibited": True},
        {"code": "flammable", "name_zh": "易燃易爆物品", "name_en": "Flammables and explosives", "prohibited": True},
        {"code": "cash", "name_zh": "现金", "name_en": "Cash", "prohibited": True},
    ],
    "services": _SERVICES,
}


def tariff_in_force(conn: sqlite3.Connection) -> sqlite3.Row:
    """The newest tariff whose valid-from date has come (the oldest one if none has yet)."""
    row = conn.execute("SELECT * FROM parcel_tariffs WHERE valid_from <= ? ORDER BY valid_from DESC, version"
                       " DESC LIMIT 1", (dt.date.today().isoformat(),)).fetchone()
    return row or conn.execute("SELECT * FROM parcel_tariffs ORDER BY valid_from LIMIT 1").fetchone()  # type: ignore[no-any-return]


def versions(conn: sqlite3.Connection) -> dict[str, str]:
    """What ``GET /parcels/tariff`` and ``GET /parcels/regions`` would answer now, by version: sent with every
    catalog page so that a counter asks for them only when they changed (2 of its 5 calls a sync cycle)."""
    return {"tariff": str(tariff_in_force(conn)["version"]), "regions": REGIONS_VERSION}


def publish_tariff(db_path: str | Path, version: str, valid_from: str, changes: dict[str, Any]) -> None:
    """Simulator admin step: a new tariff, the demo one with ``changes``, in force from ``valid_from``."""
    conn = platform_db.connect(db_path)
    try:
        body = {**DEMO_TARIFF, **changes, "version": version, "valid_from": valid_from}
        conn.execute("INSERT INTO parcel_tariffs (version, valid_from, body_json) VALUES (?,?,?)",
                     (version, valid_from, json.dumps(body, ensure_ascii=False)))
    finally:
        conn.close()
