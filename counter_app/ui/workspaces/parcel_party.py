"""A parcel's sender or recipient on the F7 screen: name, phone, region (found by pinyin initials) and street.

A member's saved address (常用地址, chosen on the screen's member row) fills the box masked and read-only (a
queue stands behind the customer); the full address goes on the label. Choosing （新地址） or Ctrl+N makes the
box editable again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QVBoxLayout

from counter_app.domain.operations import Party
from counter_app.domain.parcels.addresses import SavedAddress, masked_name, masked_phone
from counter_app.domain.services import parcels as parcel_services

if TYPE_CHECKING:
    from counter_app.ui.workspaces.parcel import ParcelWorkspace


class PartyBox(QGroupBox):
    """Name, phone, region (searched), street address, and the member's saved addresses for this role."""

    def __init__(self, ws: ParcelWorkspace, title: str, name: str) -> None:
        super().__init__(title)
        self.ws = ws
        self.field_name = name
        self.chosen: SavedAddress | None = None
        grid = QVBoxLayout(self)
        grid.setSpacing(0)
        grid.setContentsMargins(6, 2, 6, 2)
        self.name_edit = QLineEdit()
        self.phone = QLineEdit()
        grid.addWidget(ws.field(ws.tr("姓名"), self.name_edit, f"{name}_name", below=True))
        grid.addWidget(ws.field(ws.tr("电话"), self.phone, f"{name}_phone", below=True))
        self.region_search = QLineEdit()
        self.region_search.setPlaceholderText(ws.tr("拼音首字母或地名，回车查找（如 bjhd）"))
        self.region = QComboBox()
        self.region.setObjectName(f"{name}_region")
        self.region_search.returnPressed.connect(self.search)
        grid.addWidget(ws.field(ws.tr("地区"), self.region_search, name, below=True))
        grid.addWidget(self.region)
        self.detail = QLineEdit()
        grid.addWidget(ws.field(ws.tr("地址"), self.detail, f"{name}_detail", below=True))

    # -- region -----------------------------------------------------------------------------------------

    def search(self) -> None:
        text = self.region_search.text()
        uow = self.ws.ctx.counter.uow()
        self.ws.call(lambda: parcel_services.find_regions(text, uow), self._found, default_field=self.field_name)

    def _found(self, regions: list[tuple[str, str, str]]) -> None:
        self.region.clear()
        for province, city, district in regions:
            label = f"{province}{'' if city == province else city}{district}"
            self.region.addItem(label, (province, city, district))
        if not regions:
            self.ws.fields[self.field_name].show_error(self.ws.tr("没有找到该地区"))
            return
        self.region.setFocus()

    # -- saved addresses --------------------------------------------------------------------------------

    def use(self, address: SavedAddress) -> None:
        """Fill the box with a saved address, masked and read-only."""
        self.chosen = address
        p = address.party
        self.name_edit.setText(masked_name(p.name))
        self.phone.setText(masked_phone(p.phone))
        self.detail.setText(p.detail[:4] + ("…" if len(p.detail) > 4 else ""))
        self.region_search.clear()
        self.region.clear()
        place = f"{p.province}{'' if p.city == p.province else p.city}{p.district}" if p.country == "CN" \
            else p.country
        self.region.addItem(place, (p.province, p.city, p.district))
        for edit in (self.name_edit, self.phone, self.detail, self.region_search):
            edit.setReadOnly(True)

    def edit_new(self) -> None:
        """Back to typing an address."""
        if self.chosen is not None:
            self.chosen = None
            for edit in (self.name_edit, self.phone, self.detail, self.region_search):
                edit.clear()
            self.region.clear()
        for edit in (self.name_edit, self.phone, self.detail, self.region_search):
            edit.setReadOnly(False)

    # -- values -----------------------------------------------------------------------------------------

    def party(self, country: str = "CN") -> Party:
        if self.chosen is not None:
            return self.chosen.party
        province, city, district = self.region.currentData() or ("", "", "")
        return Party(name=self.name_edit.text(), phone=self.phone.text(), province=province, city=city,
                     district=district, detail=self.detail.text(), country=country or "CN")

    def clear(self) -> None:
        self.edit_new()
        for edit in (self.name_edit, self.phone, self.region_search, self.detail):
            edit.clear()
        self.region.clear()
