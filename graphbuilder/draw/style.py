"""Colours, sizes and line styles of the drawing: one place to change the look.

Node colours avoid red and green, which belong to the edges (cooperation vs conflict).
Edge colours: greens for cooperation, reds for conflict, the verbal class lighter than
the material one, grey for structural and unclassified facts.
"""

from __future__ import annotations

import math
import re

from graphbuilder.types import ACTOR_KINDS

KIND_COLORS: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Country": "#9467bd",
    "Group": "#8c564b",
    "Product": "#17becf",
    "Location": "#e5c494",
}
UNKNOWN_KIND = "Unknown"
UNKNOWN_COLOR = "#bdbdbd"

# Class name used for facts without a quad class (structural LEADS, MEMBER_OF, ...).
OTHER_CLASS = "OTHER"

QUAD_STYLE: dict[str, tuple[str, str]] = {
    # class: (legend label, colour)
    "VERBAL_COOPERATION": ("verbal cooperation", "#74c476"),
    "MATERIAL_COOPERATION": ("material cooperation", "#1b7837"),
    "VERBAL_CONFLICT": ("verbal conflict", "#f4845f"),
    "MATERIAL_CONFLICT": ("material conflict", "#b2182b"),
    OTHER_CLASS: ("structural / other", "#9e9e9e"),
}

NODE_SIZE_RANGE = (10.0, 42.0)
EDGE_WIDTH_MAX = 10.0
# vis-network dash patterns: [dash, gap] in pixels.
DASHES_UNCERTAIN = [8, 5]
DASHES_NEGATED = [2, 5]
OPACITY_UNCERTAIN = 0.6
OPACITY_NEGATED = 0.4

_CODE = re.compile(r"^[A-Z]{2,3}$")


def kind_color(kind: str) -> str:
    return KIND_COLORS.get(kind, UNKNOWN_COLOR)


def quad_of(quad_class: str | None) -> str:
    """Map a fact's quad class (or None) to a key of :data:`QUAD_STYLE`."""
    return quad_class if quad_class in QUAD_STYLE else OTHER_CLASS


def quad_color(quad_class: str | None) -> str:
    return QUAD_STYLE[quad_of(quad_class)][1]


def country_badge(code: str | None) -> str | None:
    """An ISO 3166 code as a text badge ("RUS"); None for anything that is not a code.

    A text badge, not an emoji flag: flags need alpha-2 codes and a colour emoji font,
    which air-gapped machines often lack.
    """
    if not code:
        return None
    code = code.strip().upper()
    return code if _CODE.match(code) else None


def edge_width(count: int) -> float:
    """Width grows with the log of the number of fact mentions behind an edge."""
    return round(min(EDGE_WIDTH_MAX, 1.5 + 2.0 * math.log2(max(1, count))), 2)


def scale_sizes(values: dict[str, float]) -> dict[str, float]:
    """Map importance scores linearly (on a square-root scale) onto NODE_SIZE_RANGE."""
    if not values:
        return {}
    low, high = NODE_SIZE_RANGE
    roots = {k: math.sqrt(max(0.0, v)) for k, v in values.items()}
    lo, hi = min(roots.values()), max(roots.values())
    if hi - lo < 1e-12:
        return {k: round((low + high) / 3, 2) for k in roots}
    return {k: round(low + (r - lo) / (hi - lo) * (high - low), 2) for k, r in roots.items()}


def legend_kinds() -> list[dict[str, str]]:
    return [{"name": k, "color": KIND_COLORS[k]} for k in ACTOR_KINDS]


def legend_quads() -> list[dict[str, str]]:
    return [{"name": k, "label": label, "color": color} for k, (label, color) in QUAD_STYLE.items()]
