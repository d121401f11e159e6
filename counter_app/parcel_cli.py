"""``counter-app parcel price`` and ``counter-app parcel status``: the tariff and the online look-up from a shell."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.domain.errors import InvalidInput
from counter_app.domain.money import format_fen
from counter_app.domain.parcels.tariff import Destination, Tariff


def destination_of(text: str, tariff: Tariff) -> Destination:
    """``北京市``, ``江苏省南京市``, ``江苏省/南京市`` or a country code such as ``US``."""
    text = text.strip()
    if len(text) == 2 and text.isascii() and text.isalpha():
        return Destination(country=text.upper())
    if "/" in text:
        province, _, city = text.partition("/")
        return Destination(province.strip(), city.strip())
    for province in sorted(tariff.province_zones, key=len, reverse=True):
        if text.startswith(province):
            return Destination(province, text[len(province):] or province)
    raise InvalidInput("parcel_destination_unknown", f"无法识别的寄达地：{text}（例如 北京市、江苏省南京市、US）",
                       f"Unknown destination: {text} (e.g. 北京市, 江苏省南京市, US)", field="destination")


def cmd_parcel_price(args: argparse.Namespace) -> int:
    from counter_app.bootstrap import Counter
    from counter_app.domain.services.parcels import current_tariff, quote_parcel

    counter = Counter(args.data_dir)
    try:
        with counter.uow().read() as uow:
            tariff = current_tariff(uow)
        quote = quote_parcel(tariff, service=args.service, destination=destination_of(args.to, tariff),
                             weight_g=args.weight, length_cm=args.length, width_cm=args.width, height_cm=args.height,
                             declared_value_fen=args.declared, category=args.category or "")
    finally:
        counter.close()
    en = getattr(args, "lang", "zh_CN") == "en"
    svc = tariff.service(args.service)
    print(f"{svc.name('en' if en else 'zh')} → {args.to}  ({'tariff' if en else '资费版本'} {quote.tariff_version})")
    for line in quote.explain("en" if en else "zh"):
        print(f"  {line}")
    print(f"{'Total' if en else '合计'}  {format_fen(quote.total_fen)}")
    return 0


def cmd_parcel_status(args: argparse.Namespace) -> int:
    from counter_app.bootstrap import Counter
    from counter_app.sync.parcels import look_up_status

    counter = Counter(args.data_dir)
    try:
        status = look_up_status(counter.settings(), args.tracking_no)
    finally:
        counter.close()
    print(f"{status.tracking_no}  {status.status_zh} / {status.status}  → {status.destination}")
    for event in status.events:
        print(f"  {event.at}  {event.status_zh} / {event.status}  {event.where}")
    return 0


def add_parcel_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``parcel`` command and its subcommands."""
    p = sub.add_parser("parcel", parents=[common], help="parcel posting (寄递): price a parcel, look up a tracking number")
    parcel_sub = p.add_subparsers(title="parcel commands", metavar="COMMAND", required=True)
    q = parcel_sub.add_parser("price", parents=[common], help="the price of a parcel by the counter's tariff, explained")
    q.add_argument("--to", required=True, help="destination: 北京市, 江苏省南京市, 江苏省/南京市 or a country code (US)")
    q.add_argument("--weight", type=int, required=True, help="weight in grams")
    q.add_argument("--service", default="standard", help="service code: standard, express, intl (default standard)")
    q.add_argument("--length", type=int, default=0, help="length in cm (for the volumetric weight)")
    q.add_argument("--width", type=int, default=0, help="width in cm")
    q.add_argument("--height", type=int, default=0, help="height in cm")
    q.add_argument("--declared", type=int, default=0, help="declared value for insurance (保价), in fen")
    q.add_argument("--category", default="", help="contents category code (prohibited ones are refused)")
    q.set_defaults(handler=cmd_parcel_price)
    q = parcel_sub.add_parser("status", parents=[common], help="look a tracking number up on the platform (线上查询)")
    q.add_argument("tracking_no", help="the tracking number, e.g. EE123456785CN")
    q.set_defaults(handler=cmd_parcel_status)
