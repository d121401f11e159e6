"""The cart a clerk builds on 销售/下单 and the tender assembly every pay screen shares: pure, integer fen.

A widget collects what was typed (products, quantities, amounts already parsed to fen, card references)
and asks this module what it comes to; it computes no money itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from counter_app.domain.errors import InvalidInput
from counter_app.domain.model import CartLine, Product, Tender
from counter_app.domain.pricing import PricedLine, check_qty


@dataclass(frozen=True)
class Cart:
    """The products in the cart with their quantities, in the order they were added (one line per SKU)."""

    lines: tuple[PricedLine, ...] = ()

    def __len__(self) -> int:
        return len(self.lines)

    def __bool__(self) -> bool:
        return bool(self.lines)

    def add(self, product: Product, qty: int = 1) -> tuple[Cart, int]:
        """The cart with ``qty`` more of ``product`` and the row it is on; refused past the maximum quantity."""
        check_qty(qty)
        for row, line in enumerate(self.lines):
            if line.product.sku == product.sku:
                return self.set_qty(row, line.qty + qty), row
        return Cart((*self.lines, PricedLine(product, qty))), len(self.lines)

    def set_qty(self, row: int, qty: int) -> Cart:
        """Row ``row`` at ``qty`` (a positive whole number, at most ``pricing.MAX_QTY``)."""
        check_qty(qty)
        lines = list(self.lines)
        lines[row] = replace(lines[row], qty=qty)
        return Cart(tuple(lines))

    def change_qty(self, row: int, delta: int) -> Cart:
        """Row ``row`` changed by ``delta`` (+ and - on the cart); down to zero removes the line."""
        qty = self.lines[row].qty + delta
        if qty <= 0:
            return self.remove(row)
        return self.set_qty(row, qty)

    def remove(self, row: int) -> Cart:
        return Cart(self.lines[:row] + self.lines[row + 1:])

    def order_lines(self) -> tuple[CartLine, ...]:
        """What the order service takes: SKU and quantity per line."""
        return tuple(CartLine(line.product.sku, line.qty) for line in self.lines)

    @property
    def subtotal_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)


@dataclass(frozen=True)
class CardEntry:
    """A bank or prepaid card line as typed: an amount (None: pay what is left) and the terminal reference."""

    method: str
    amount_fen: int | None
    reference: str = ""


def parse_points(text: str) -> int:
    """The points a clerk typed for 积分抵扣 (0 when left empty)."""
    text = text.strip()
    if not text:
        return 0
    if not text.isdigit() or int(text) <= 0:
        raise InvalidInput("points_invalid", "积分必须是正整数", "Points are a whole number above zero", field="points")
    return int(text)


def assemble_tenders(due_fen: int, *, cash_fen: int | None = None, cards: tuple[CardEntry, ...] = (),
                     points: int = 0, fen_per_point: int = 1) -> tuple[Tender, ...]:
    """The payment lines for what was typed: points first, then the cards in the order given (a card without
    an amount pays what the typed amounts leave of ``due_fen``), cash last."""
    lines: list[Tender] = []
    if points:
        lines.append(Tender("points", points * max(1, fen_per_point), points=points))
    explicit = sum(t.amount_fen for t in lines) + (cash_fen or 0) + sum(c.amount_fen or 0 for c in cards)
    for card in cards:
        amount = card.amount_fen
        if amount is None:
            amount = max(0, due_fen - explicit)
            explicit += amount
        lines.append(Tender(card.method, amount, reference=card.reference.strip() or None))
    if cash_fen:
        lines.append(Tender("cash", cash_fen))
    return tuple(lines)


@dataclass(frozen=True)
class TenderSummary:
    """The live figures beside the tenders: paid so far, change (None before anything is tendered) and what
    is still due."""

    paid_fen: int
    change_fen: int | None
    short_fen: int
    points_fen: int


def summarise(due_fen: int, tenders: tuple[Tender, ...]) -> TenderSummary:
    paid = sum(t.amount_fen for t in tenders)
    points_fen = sum(t.amount_fen for t in tenders if t.method == "points")
    if not tenders:
        return TenderSummary(0, None, 0, 0)
    if paid >= due_fen:
        return TenderSummary(paid, paid - due_fen, 0, points_fen)
    return TenderSummary(paid, 0, due_fen - paid, points_fen)
