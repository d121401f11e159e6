"""Parcel tariffs (资费) and pricing: a pure function in integer fen, every price explained.

A tariff is what the platform publishes (``GET /api/v1/parcels/tariff``): its version and valid-from date,
the services (标准快递, 特快专递/EMS, 国际小包), the destination zones (by province, a city may override its
province; by country for the international service), first-weight price and price per additional weight
step per zone, the volumetric rule, insurance (保价), surcharges, limits and the prohibited content
categories. ``price`` turns one parcel into a ``Quote`` whose lines say how the price was made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.errors import InvalidInput, Refused
from counter_app.domain.money import format_fen

ROUNDINGS = ("fen", "jiao_up", "yuan_up")  # how the freight total is rounded: none, up to 0.10, up to 1.00
MAX_GRAMS = 1_000_000
MAX_SIDE_CM = 1_000
MAX_DECLARED_FEN = 100_000_000


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def round_fen(fen: int, rounding: str) -> int:
    """``fen`` rounded up as the tariff says (never down: the post does not give away part of a jiao)."""
    step = {"fen": 1, "jiao_up": 10, "yuan_up": 100}[rounding]
    return _ceil_div(fen, step) * step


@dataclass(frozen=True)
class ZonePrice:
    first_fen: int  # price of the first weight
    step_fen: int  # price of each additional weight step (or part of one)


@dataclass(frozen=True)
class Service:
    code: str  # standard | express | intl
    name_zh: str
    name_en: str
    international: bool
    first_weight_g: int
    step_g: int
    volumetric_divisor: int  # cm³ per kg: L×W×H (cm) ÷ divisor = volumetric kg
    max_weight_g: int
    max_side_cm: int
    max_girth_cm: int  # longest side + 2 × (the other two)
    prices: Mapping[str, ZonePrice]  # zone -> price

    def name(self, language: str = "zh") -> str:
        return self.name_en if language.startswith("en") else self.name_zh


@dataclass(frozen=True)
class Surcharge:
    code: str
    name_zh: str
    name_en: str
    fixed_fen: int = 0
    rate_bp: int = 0  # basis points of the freight (1 bp = 0.01 %)
    zones: frozenset[str] = frozenset()  # empty: every zone
    services: frozenset[str] = frozenset()  # empty: every service


@dataclass(frozen=True)
class Category:
    code: str
    name_zh: str
    name_en: str
    prohibited: bool = False


@dataclass(frozen=True)
class Tariff:
    version: str
    valid_from: str  # YYYY-MM-DD
    rounding: str
    services: Mapping[str, Service]
    province_zones: Mapping[str, str]  # province -> zone
    city_zones: Mapping[str, str]  # "province/city" -> zone (overrides the province)
    country_zones: Mapping[str, str]  # ISO country code -> zone (international service)
    insurance_rate_bp: int
    insurance_min_fen: int
    insurance_max_declared_fen: int
    surcharges: tuple[Surcharge, ...] = ()
    categories: Mapping[str, Category] = field(default_factory=dict)

    def service(self, code: str) -> Service:
        svc = self.services.get(code)
        if svc is None:
            raise InvalidInput("parcel_service_unknown", f"没有该寄递服务：{code}", f"No such service: {code}",
                               field="service")
        return svc

    def zone_of(self, service: Service, destination: Destination) -> str:
        """The zone a destination falls in for a service; refused when the tariff does not serve it."""
        if service.international:
            zone = self.country_zones.get(destination.country.upper())
        elif destination.country.upper() != "CN":
            zone = None
        else:
            zone = self.city_zones.get(f"{destination.province}/{destination.city}") if destination.city else None
            zone = zone or self.province_zones.get(destination.province)
        if zone is None or zone not in service.prices:
            raise Refused("parcel_destination_not_served", f"{service.name_zh}不寄达：{destination.label()}",
                          f"{service.name_en} does not serve {destination.label()}", field="destination")
        return zone


@dataclass(frozen=True)
class Destination:
    province: str = ""
    city: str = ""
    country: str = "CN"

    def label(self) -> str:
        if self.country.upper() != "CN":
            return self.country.upper()
        return f"{self.province}{self.city if self.city != self.province else ''}"


@dataclass(frozen=True)
class Parcel:
    """What is priced: the service, where it goes, how heavy and how big, what is inside, its declared value."""

    service: str
    destination: Destination
    weight_g: int
    length_cm: int = 0
    width_cm: int = 0
    height_cm: int = 0
    declared_value_fen: int = 0  # 0: not insured (不保价)
    category: str = ""


@dataclass(frozen=True)
class QuoteLine:
    code: str  # freight | surcharge code | insurance | rounding
    zh: str
    en: str
    fen: int


@dataclass(frozen=True)
class Quote:
    """A parcel's price and how it was made; ``tariff_version`` is recorded with the operation."""

    tariff_version: str
    service: str
    zone: str
    actual_g: int
    volumetric_g: int
    chargeable_g: int
    steps: int
    freight_fen: int
    surcharges_fen: int
    insurance_fen: int
    total_fen: int
    lines: tuple[QuoteLine, ...]

    def explain(self, language: str = "zh") -> list[str]:
        """One line per part of the price, in the clerk's language."""
        en = language.startswith("en")
        return [f"{ln.en if en else ln.zh}  {format_fen(ln.fen)}" for ln in self.lines]


def volumetric_g(length_cm: int, width_cm: int, height_cm: int, divisor: int) -> int:
    """Volumetric weight in grams, rounded up to the gram: L×W×H ÷ divisor kg."""
    if not (length_cm and width_cm and height_cm) or divisor <= 0:
        return 0
    return _ceil_div(length_cm * width_cm * height_cm * 1000, divisor)


def check_parcel(tariff: Tariff, parcel: Parcel) -> Service:
    """Refuse what the tariff does not take: unknown service, bad numbers, limits, prohibited contents."""
    svc = tariff.service(parcel.service)
    if isinstance(parcel.weight_g, bool) or not isinstance(parcel.weight_g, int) or not 0 < parcel.weight_g <= MAX_GRAMS:
        raise InvalidInput("parcel_weight_invalid", "请输入包裹重量（克）", "Enter the parcel's weight in grams",
                           field="weight")
    sides = (parcel.length_cm, parcel.width_cm, parcel.height_cm)
    if any(isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= MAX_SIDE_CM for s in sides):
        raise InvalidInput("parcel_size_invalid", "尺寸须为 0 到 1000 厘米的整数", "Sides are whole centimetres,"
                           " 0 to 1000", field="size")
    if not isinstance(parcel.declared_value_fen, int) or not 0 <= parcel.declared_value_fen <= MAX_DECLARED_FEN:
        raise InvalidInput("parcel_declared_invalid", "保价金额不正确", "The declared value is not valid",
                           field="declared_value")
    if parcel.weight_g > svc.max_weight_g:
        raise Refused("parcel_too_heavy", f"{svc.name_zh}单件最重 {svc.max_weight_g // 1000} 千克",
                      f"{svc.name_en} takes at most {svc.max_weight_g // 1000} kg per parcel", field="weight")
    longest = max(sides)
    if longest > svc.max_side_cm:
        raise Refused("parcel_too_long", f"{svc.name_zh}单边最长 {svc.max_side_cm} 厘米",
                      f"{svc.name_en}: no side longer than {svc.max_side_cm} cm", field="size")
    girth = longest + 2 * (sum(sides) - longest)
    if girth > svc.max_girth_cm:
        raise Refused("parcel_girth_over", f"{svc.name_zh}长度加周长不超过 {svc.max_girth_cm} 厘米",
                      f"{svc.name_en}: length plus girth at most {svc.max_girth_cm} cm", field="size")
    if parcel.declared_value_fen > tariff.insurance_max_declared_fen:
        raise Refused("parcel_declared_over", f"保价金额最高 {format_fen(tariff.insurance_max_declared_fen)}",
                      f"The declared value is at most {format_fen(tariff.insurance_max_declared_fen)}",
                      field="declared_value")
    if parcel.category:
        cat = tariff.categories.get(parcel.category)
        if cat is None:
            raise InvalidInput("parcel_category_unknown", "请选择内件品类", "Choose the contents category",
                               field="category")
        if cat.prohibited:
            raise Refused("parcel_prohibited", f"禁寄物品：{cat.name_zh}，不能收寄", f"Prohibited contents:"
                          f" {cat.name_en}; the parcel cannot be accepted", field="category")
    return svc


def price(tariff: Tariff, parcel: Parcel) -> Quote:
    """The price of one parcel under ``tariff``, in fen, with its explanation."""
    svc = check_parcel(tariff, parcel)
    zone = tariff.zone_of(svc, parcel.destination)
    zp = svc.prices[zone]
    vol = volumetric_g(parcel.length_cm, parcel.width_cm, parcel.height_cm, svc.volumetric_divisor)
    chargeable = max(parcel.weight_g, vol)
    steps = _ceil_div(max(0, chargeable - svc.first_weight_g), svc.step_g)
    freight = zp.first_fen + steps * zp.step_fen
    basis = "体积重" if vol > parcel.weight_g else "实重"
    basis_en = "volumetric" if vol > parcel.weight_g else "actual"
    lines = [QuoteLine("freight", f"运费：{zone}区，计费重 {chargeable} 克（{basis}），首重 {svc.first_weight_g} 克"
                       f" {format_fen(zp.first_fen)} + 续重 {steps}×{format_fen(zp.step_fen)}",
                       f"Freight: zone {zone}, {chargeable} g charged ({basis_en}), first {svc.first_weight_g} g"
                       f" {format_fen(zp.first_fen)} + {steps} step(s) × {format_fen(zp.step_fen)}", freight)]
    extra = 0
    for s in tariff.surcharges:
        if (s.zones and zone not in s.zones) or (s.services and svc.code not in s.services):
            continue
        fen = s.fixed_fen + _ceil_div(freight * s.rate_bp, 10_000)
        if fen:
            extra += fen
            lines.append(QuoteLine(s.code, s.name_zh, s.name_en, fen))
    rounded = round_fen(freight + extra, tariff.rounding)
    if rounded != freight + extra:
        lines.append(QuoteLine("rounding", "进位", "Rounding", rounded - freight - extra))
    insurance = 0
    if parcel.declared_value_fen:
        insurance = max(tariff.insurance_min_fen, _ceil_div(parcel.declared_value_fen * tariff.insurance_rate_bp,
                                                            10_000))
        lines.append(QuoteLine("insurance", f"保价 {format_fen(parcel.declared_value_fen)}（费率"
                               f" {tariff.insurance_rate_bp / 100:g}%，最低 {format_fen(tariff.insurance_min_fen)}）",
                               f"Insurance on {format_fen(parcel.declared_value_fen)} ({tariff.insurance_rate_bp / 100:g}%,"
                               f" minimum {format_fen(tariff.insurance_min_fen)})", insurance))
    return Quote(tariff.version, svc.code, zone, parcel.weight_g, vol, chargeable, steps, freight,
                 rounded - freight, insurance, rounded + insurance, tuple(lines))


# --- the wire/storage form (what the platform publishes) ---

def tariff_from_dict(data: Mapping[str, Any]) -> Tariff:
    """A tariff as the platform publishes it."""
    services = {}
    for s in data["services"]:
        prices = {z: ZonePrice(p["first_fen"], p["step_fen"]) for z, p in s["prices"].items()}
        services[s["code"]] = Service(s["code"], s["name_zh"], s["name_en"], bool(s["international"]),
                                      s["first_weight_g"], s["step_g"], s["volumetric_divisor"], s["max_weight_g"],
                                      s["max_side_cm"], s["max_girth_cm"], prices)
    surcharges = tuple(Surcharge(s["code"], s["name_zh"], s["name_en"], s.get("fixed_fen", 0), s.get("rate_bp", 0),
                                 frozenset(s.get("zones") or ()), frozenset(s.get("services") or ()))
                       for s in data.get("surcharges") or ())
    categories = {c["code"]: Category(c["code"], c["name_zh"], c["name_en"], bool(c.get("prohibited")))
                  for c in data.get("categories") or ()}
    ins = data["insurance"]
    rounding = data.get("rounding", "fen")
    if rounding not in ROUNDINGS:
        raise ValueError(f"unknown rounding {rounding!r}")
    return Tariff(data["version"], data["valid_from"], rounding, services, dict(data.get("province_zones") or {}),
                  dict(data.get("city_zones") or {}), dict(data.get("country_zones") or {}), ins["rate_bp"],
                  ins["min_fen"], ins["max_declared_fen"], surcharges, categories)
