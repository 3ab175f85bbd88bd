"""Colours, fonts and sizes of the map: a normal theme and a high-contrast projector theme.

Zone colours come from the Okabe-Ito palette, which stays distinguishable for the common kinds of
colour blindness; every badge also carries a symbol so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont

from journeymapper.model import Layer, Zone

ZONE_COLORS: dict[Zone, str] = {
    Zone.ADVOCATE: "#009E73",  # bluish green
    Zone.INDIFFERENT: "#E69F00",  # orange / amber
    Zone.AT_RISK: "#D55E00",  # vermillion
}
ZONE_SYMBOLS: dict[Zone, str] = {Zone.ADVOCATE: "✓", Zone.INDIFFERENT: "~", Zone.AT_RISK: "!"}

# Default lane tints by layer when a lane has no colour of its own.
LAYER_COLORS: dict[Layer | None, str] = {
    Layer.CUSTOMER: "#F4D9B8",
    Layer.FRONTSTAGE: "#CFE3F5",
    Layer.BACKSTAGE: "#D9D2EC",
    Layer.SUPPORT: "#D5E8D4",
    None: "#E3E3E3",
}
LAYER_LABELS: dict[Layer | None, str] = {
    Layer.CUSTOMER: "CUSTOMER", Layer.FRONTSTAGE: "FRONTSTAGE", Layer.BACKSTAGE: "BACKSTAGE",
    Layer.SUPPORT: "SUPPORT", None: "",
}


@dataclass(frozen=True)
class Theme:
    name: str
    # geometry (scene units)
    card_w: float
    card_h: float
    card_gap: float
    cell_pad: float
    stage_header_h: float
    lane_header_w: float
    min_cell_w: float
    min_cell_h: float
    cards_per_column: int  # a cell stacks this many cards before it wraps into another column
    # type
    family: str
    card_pt: float
    header_pt: float
    small_pt: float
    title_lines: int
    # colours
    background: str
    grid_line: str
    header_bg: str
    header_fg: str
    card_bg: str
    card_fg: str
    card_border: str
    selection: str
    flow: str
    flow_selected: str
    blueprint_line: str
    pain: str
    vote: str
    # strokes
    card_border_w: float
    flow_w: float
    blueprint_w: float
    lane_tint_alpha: int

    def font(self, pt: float, bold: bool = False) -> QFont:
        f = QFont(self.family)
        f.setPointSizeF(pt)
        f.setBold(bold)
        return f

    def color(self, value: str, alpha: int | None = None) -> QColor:
        c = QColor(value)
        if alpha is not None:
            c.setAlpha(alpha)
        return c


NORMAL = Theme(
    name="normal",
    card_w=196, card_h=100, card_gap=14, cell_pad=16,
    stage_header_h=64, lane_header_w=190, min_cell_w=228, min_cell_h=132, cards_per_column=2,
    family="DejaVu Sans", card_pt=10.5, header_pt=13, small_pt=8.5, title_lines=3,
    background="#FAFAF7", grid_line="#C9CDD2", header_bg="#2F3E4E", header_fg="#FFFFFF",
    card_bg="#FFFFFF", card_fg="#1B1F24", card_border="#7D8791", selection="#1565C0",
    flow="#4A5560", flow_selected="#1565C0", blueprint_line="#37474F", pain="#C62828",
    vote="#283593",
    card_border_w=1.2, flow_w=1.5, blueprint_w=1.6, lane_tint_alpha=150,
)

# Projector: larger type on the same grid, black on white, thick strokes, saturated lanes.
PROJECTOR = Theme(
    name="projector",
    card_w=236, card_h=140, card_gap=16, cell_pad=18,
    stage_header_h=84, lane_header_w=230, min_cell_w=272, min_cell_h=176, cards_per_column=2,
    family="DejaVu Sans", card_pt=15, header_pt=19, small_pt=12, title_lines=3,
    background="#FFFFFF", grid_line="#5F6B75", header_bg="#000000", header_fg="#FFFFFF",
    card_bg="#FFFFFF", card_fg="#000000", card_border="#000000", selection="#0044CC",
    flow="#111111", flow_selected="#0044CC", blueprint_line="#000000", pain="#B00000",
    vote="#001A80",
    card_border_w=2.4, flow_w=3.2, blueprint_w=3.0, lane_tint_alpha=200,
)


def theme_for(presentation: bool) -> Theme:
    return PROJECTOR if presentation else NORMAL


def lane_color(color: str | None, layer: Layer | None) -> str:
    if color and QColor(color).isValid():
        return color
    return LAYER_COLORS.get(layer, LAYER_COLORS[None])
