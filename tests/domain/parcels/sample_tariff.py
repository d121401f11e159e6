"""A small tariff for domain tests (the reference platform publishes a fuller one)."""

from __future__ import annotations

from typing import Any

TARIFF: dict[str, Any] = {
    "version": "T2026.11-test",
    "valid_from": "2026-11-01",
    "rounding": "jiao_up",
    "province_zones": {"北京市": "1", "上海市": "1", "江苏省": "2", "广东省": "3", "新疆维吾尔自治区": "4"},
    "city_zones": {"江苏省/南京市": "1"},
    "country_zones": {"US": "I1", "JP": "I1", "DE": "I2"},
    "insurance": {"rate_bp": 50, "min_fen": 100, "max_declared_fen": 5_000_000},
    "surcharges": [
        {"code": "remote", "name_zh": "偏远地区附加费", "name_en": "Remote area surcharge", "fixed_fen": 500,
         "zones": ["4"]},
        {"code": "fuel", "name_zh": "燃油附加费", "name_en": "Fuel surcharge", "rate_bp": 1000,
         "services": ["intl"]},
    ],
    "categories": [
        {"code": "documents", "name_zh": "文件", "name_en": "Documents"},
        {"code": "clothing", "name_zh": "服装", "name_en": "Clothing"},
        {"code": "lithium", "name_zh": "锂电池", "name_en": "Lithium batteries", "prohibited": True},
    ],
    "services": [
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
    ],
}
