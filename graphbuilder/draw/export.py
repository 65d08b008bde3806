"""One entry point for every export format, used by ``graphbuilder export``."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from graphbuilder.draw.files import write_csv, write_gexf, write_graphml, write_json
from graphbuilder.draw.html import Layout, write_html
from graphbuilder.draw.network import SizeBy
from graphbuilder.types import GraphView

Format = Literal["html", "graphml", "gexf", "json", "csv"]
FORMATS: tuple[str, ...] = ("html", "graphml", "gexf", "json", "csv")


def export_view(
    view: GraphView,
    fmt: Format,
    output: str | Path,
    *,
    title: str | None = None,
    layout: Layout = "auto",
    size_by: SizeBy = "pagerank",
) -> Path:
    """Write ``view`` as ``fmt`` to ``output`` (a directory for ``csv``); return the path.

    ``title``, ``layout`` and ``size_by`` only concern the HTML page.
    """
    out = Path(output)
    if fmt != "csv" and out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        return write_html(
            view, out, title=title or "graphbuilder actor network", layout=layout,
            size_by=size_by,
        )
    if fmt == "graphml":
        return write_graphml(view, out)
    if fmt == "gexf":
        return write_gexf(view, out)
    if fmt == "json":
        return write_json(view, out)
    if fmt == "csv":
        return write_csv(view, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
