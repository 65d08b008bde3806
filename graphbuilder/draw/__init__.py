"""The draw stage: a GraphView as an offline interactive HTML page or a graph file.

Names follow networkx: :func:`to_networkx` builds the graph, ``write_<format>`` writes it.
"""

from __future__ import annotations

from graphbuilder.draw.files import write_csv, write_gexf, write_graphml, write_json
from graphbuilder.draw.html import render_html, write_html
from graphbuilder.draw.layout import PHYSICS_MAX_NODES
from graphbuilder.draw.network import importance, merge_facts, to_networkx

__all__ = [
    "PHYSICS_MAX_NODES",
    "importance",
    "merge_facts",
    "render_html",
    "to_networkx",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
]
