"""``write_html``: the actor network as one offline, interactive HTML file.

pyvis builds the vis-network nodes, edges and options; the page itself comes from our
own Jinja2 template (``templates/page.html.j2``) because pyvis's templates link Bootstrap
and vis-network from CDNs. vis-network's JavaScript is inlined from the copy that ships
inside the pyvis package, with its licence header intact.

Safety: article text reaches the page only as JSON inside a ``<script
type="application/json">`` block, with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped;
the page's script puts it on screen only through ``textContent``/DOM text nodes (vis
tooltips get plain strings, which vis renders with ``innerText``). A Content Security
Policy allows only the page's own two scripts (by hash) and no network access at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from graphbuilder import __version__
from graphbuilder.draw.layout import PHYSICS_MAX_NODES, static_positions
from graphbuilder.draw.network import (
    MergedEdge,
    SizeBy,
    fact_classes,
    fact_date,
    importance,
    merge_facts,
    to_networkx,
)
from graphbuilder.draw.style import (
    DASHES_NEGATED,
    DASHES_UNCERTAIN,
    OPACITY_NEGATED,
    OPACITY_UNCERTAIN,
    QUAD_STYLE,
    country_badge,
    edge_width,
    kind_color,
    legend_kinds,
    legend_quads,
    quad_color,
    quad_of,
    scale_sizes,
)
from graphbuilder.types import Fact, GraphView

Layout = Literal["auto", "physics", "static"]

VIS_NETWORK_VERSION = "9.1.2"
_LABEL_MAX = 40
# Roundness step between parallel edges of one pair of actors.
_BEND = 0.3
# Beyond this many edges the page hides edges while dragging/zooming to stay responsive.
_BIG_GRAPH_EDGES = 3000


def write_html(
    view: GraphView,
    path: str | Path,
    *,
    title: str = "graphbuilder actor network",
    layout: Layout = "auto",
    size_by: SizeBy = "pagerank",
    seed: int = 7,
) -> Path:
    """Write the interactive drawing of ``view`` to ``path`` (UTF-8); return the path.

    ``layout="auto"`` lets the browser's physics arrange graphs of up to
    :data:`~graphbuilder.draw.layout.PHYSICS_MAX_NODES` actors and lays bigger ones out in
    Python with physics off; ``"physics"`` and ``"static"`` force either. ``size_by``
    picks the initial node sizing (the page can switch between both).
    """
    out = Path(path)
    out.write_text(
        render_html(view, title=title, layout=layout, size_by=size_by, seed=seed),
        encoding="utf-8",
    )
    return out


def render_html(
    view: GraphView,
    *,
    title: str = "graphbuilder actor network",
    layout: Layout = "auto",
    size_by: SizeBy = "pagerank",
    seed: int = 7,
) -> str:
    """The page as a string; see :func:`write_html`."""
    data = page_data(view, title=title, layout=layout, size_by=size_by, seed=seed)
    vis_js = _inline_script(_pyvis_asset(f"lib/vis-{VIS_NETWORK_VERSION}/vis-network.min.js"))
    app_js = _inline_script(_template_text("page.js"))
    env = Environment(
        loader=PackageLoader("graphbuilder.draw", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template("page.html.j2").render(
        title=title,
        css=Markup(_template_text("page.css")),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        data_json=Markup(script_json(data)),
        script_hashes=[_csp_hash(vis_js), _csp_hash(app_js)],
        generator=f"graphbuilder {__version__}",
        vis_version=VIS_NETWORK_VERSION,
    )


def page_data(
    view: GraphView,
    *,
    title: str = "graphbuilder actor network",
    layout: Layout = "auto",
    size_by: SizeBy = "pagerank",
    seed: int = 7,
) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-able data (also handy for tests)."""
    if layout not in ("auto", "physics", "static"):
        raise ValueError(f"layout must be 'auto', 'physics' or 'static', not {layout!r}")
    from pyvis.network import Network

    graph = to_networkx(view)
    n_nodes = graph.number_of_nodes()
    static = layout == "static" or (layout == "auto" and n_nodes > PHYSICS_MAX_NODES)
    positions = static_positions(graph, seed=seed) if static else {}
    scores = {"pagerank": importance(graph, "pagerank"), "degree": importance(graph, "degree")}
    sizes = {by: scale_sizes(values) for by, values in scores.items()}
    merged = merge_facts(view)
    names = {node: attrs["name"] for node, attrs in graph.nodes(data=True)}

    articles, article_index = _articles(view)
    facts: list[dict[str, Any]] = []
    fact_index: dict[str, int] = {}
    for edge in merged:
        for fact in edge.facts:
            fact_index[fact.id] = len(facts)
            facts.append(_fact_record(view, fact, article_index, names))

    counts = _class_counts(merged)
    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in graph.nodes(data=True):
        extra = {"x": positions[node][0], "y": positions[node][1]} if static else {}
        net.add_node(
            node,
            label=_node_label(attrs["name"], attrs["country"]),
            color=kind_color(attrs["kind"]),
            size=sizes[size_by].get(node, 10.0),
            kind=attrs["kind"],
            name=attrs["name"],
            aliases=attrs["aliases"],
            roles=attrs["roles"],
            country=country_badge(attrs["country"]),
            mentions=attrs["mentions"],
            scores={by: round(values.get(node, 0.0), 6) for by, values in scores.items()},
            sizes={by: values.get(node, 10.0) for by, values in sizes.items()},
            counts=counts[node],
            **extra,
        )
    curve = _curvature(merged)
    for i, edge in enumerate(merged):
        net.add_edge(
            edge.source,
            edge.target,
            id=f"e{i}",
            **_edge_style(edge, curve[i]),
            predicate=edge.predicate,
            quad=quad_of(fact_classes(edge.facts[0].relation)[0]),
            facts=[fact_index[f.id] for f in edge.facts],
            **{flag: True for flag, on in (("negated", edge.negated),
                                           ("uncertain", edge.uncertain)) if on},
        )
    net.options = _vis_options(
        static=static, n_nodes=n_nodes, n_edges=len(merged), seed=seed
    )
    nodes, edges, _heading, _h, _w, _options = net.get_network_data()
    predicates = Counter(edge.predicate for edge in merged)
    return {
        "meta": {
            "title": title,
            "generated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "generator": f"graphbuilder {__version__}",
            "layout": "static" if static else "physics",
            "sizeBy": size_by,
            "facts": len(view.facts),
        },
        "kinds": legend_kinds(),
        "quads": legend_quads(),
        "predicates": [{"name": p, "edges": c} for p, c in sorted(predicates.items())],
        "nodes": nodes,
        "edges": edges,
        "facts": facts,
        "articles": articles,
        "options": net.options,
    }


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` only ever occur inside JSON strings, where ``\\u003c`` etc. mean
    the same; escaping them means no ``</script>`` or ``<!--`` can end or confuse the block.
    U+2028/2029 are escaped for old JavaScript parsers that treat them as line breaks.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript:, data:, file:...)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"\s", url):
        return url
    return None


# --- page records ---------------------------------------------------------------------


def _articles(view: GraphView) -> tuple[list[dict[str, Any]], dict[str, int]]:
    cited = {f.article_id for f in view.facts}
    records: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for article_id in sorted(cited):
        article = view.articles.get(article_id)
        index[article_id] = len(records)
        records.append(
            {
                "id": article_id,
                "title": article.title if article else None,
                "url": article.url if article else None,
                "link": safe_url(article.url) if article else None,
                "published": article.published if article else None,
                "source": article.source if article else None,
            }
        )
    return records, index


def _relative_span(span: tuple[int, int], start: int, length: int) -> list[int] | None:
    """A mention span (article offsets) as offsets into the evidence sentence, if inside it."""
    lo, hi = span[0] - start, span[1] - start
    if 0 <= lo < hi <= length:
        return [lo, hi]
    return None


def _fact_record(
    view: GraphView, fact: Fact, article_index: dict[str, int], names: dict[str, str]
) -> dict[str, Any]:
    """One fact for the page. Keys are short and defaults left out: a 20,000-fact page
    would otherwise carry megabytes of key names and nulls.

    id, pred, quad, cameo, date, art (index into articles), text (evidence sentence),
    subj/obj ([start, end) in text), neg, hedged, by (who alleges it), conf, trigger.
    """
    rel = fact.relation
    quad, cameo = fact_classes(rel)
    record: dict[str, Any] = {
        "id": fact.id,
        "pred": rel.predicate,
        "quad": quad_of(quad),
        "text": rel.sentence,
    }
    optional = {
        "cameo": cameo,
        "date": fact_date(view, fact),
        "art": article_index.get(fact.article_id),
        "subj": _relative_span(rel.subject_span, rel.start, len(rel.sentence)),
        "obj": _relative_span(rel.object_span, rel.start, len(rel.sentence)),
        "neg": rel.negated or None,
        "hedged": rel.hedged or None,
        "by": names.get(rel.attributed_to, rel.attributed_to) if rel.attributed_to else None,
        "conf": round(float(rel.confidence), 3) if rel.confidence < 1 else None,
        "trigger": rel.trigger,
    }
    record.update((k, v) for k, v in optional.items() if v is not None)
    return record


def _class_counts(merged: list[MergedEdge]) -> dict[str, dict[str, list[int]]]:
    """Per actor: {"out": [n per quad class], "in": [...]}, in QUAD_STYLE order."""
    order = {quad: i for i, quad in enumerate(QUAD_STYLE)}
    counts: dict[str, dict[str, list[int]]] = defaultdict(
        lambda: {"out": [0] * len(order), "in": [0] * len(order)}
    )
    for edge in merged:
        for fact in edge.facts:
            i = order[quad_of(fact_classes(fact.relation)[0])]
            counts[edge.source]["out"][i] += 1
            counts[edge.target]["in"][i] += 1
    return counts


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_label(name: str, country: str | None) -> str:
    badge = country_badge(country)
    label = _short(name, _LABEL_MAX)
    return f"{label} [{badge}]" if badge else label


def _curvature(merged: list[MergedEdge]) -> list[dict[str, Any] | None]:
    """vis ``smooth`` settings that fan out parallel edges (same pair, either direction).

    The edges of a pair get symmetric bends around the straight line, so their labels do
    not sit on top of each other; a lone edge keeps the default (None).
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, edge in enumerate(merged):
        groups[tuple(sorted((edge.source, edge.target)))].append(i)  # type: ignore[index]
    smooth: list[dict[str, Any] | None] = [None] * len(merged)
    for (low, _high), members in groups.items():
        if len(members) < 2:
            continue
        for k, i in enumerate(members):
            bend = _BEND * (k - (len(members) - 1) / 2)
            if merged[i].source != low:
                bend = -bend  # curvedCW is relative to the edge's own direction
            if abs(bend) < 1e-9:
                smooth[i] = {"enabled": False}
            else:
                kind = "curvedCW" if bend > 0 else "curvedCCW"
                smooth[i] = {"enabled": True, "type": kind, "roundness": round(abs(bend), 3)}
    return smooth


def _edge_style(edge: MergedEdge, smooth: dict[str, Any] | None) -> dict[str, Any]:
    """vis-network edge settings; the page expands ``color`` + ``opacity`` into vis's
    colour object (normal, highlight and hover alike)."""
    style: dict[str, Any] = {
        "label": ("not " if edge.negated else "") + edge.predicate,
        "color": quad_color(fact_classes(edge.facts[0].relation)[0]),
        "width": edge_width(len(edge.facts)),
    }
    if edge.negated:
        style.update(opacity=OPACITY_NEGATED, dashes=DASHES_NEGATED)
    elif edge.uncertain:
        style.update(opacity=OPACITY_UNCERTAIN, dashes=DASHES_UNCERTAIN)
    if smooth is not None:
        style["smooth"] = smooth
    return style


def _vis_options(*, static: bool, n_nodes: int, n_edges: int, seed: int) -> dict[str, Any]:
    big = n_edges > _BIG_GRAPH_EDGES
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 10, "align": "middle", "color": "#444444", "strokeWidth": 3},
            "smooth": (
                {"enabled": False} if static else {"enabled": True, "type": "continuous"}
            ),
            "selectionWidth": 2,
            "hoverWidth": 0.5,
            "scaling": {"label": {"drawThreshold": 8}},
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": not static,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "springLength": 130,
                "springConstant": 0.06,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": not static, "iterations": 400, "fit": True},
        },
        "layout": {"improvedLayout": not static and n_nodes <= 150, "randomSeed": seed},
    }


# --- assets -------------------------------------------------------------------------------


def _pyvis_asset(relative: str) -> str:
    return resources.files("pyvis").joinpath(relative).read_text(encoding="utf-8")


def _template_text(name: str) -> str:
    return resources.files("graphbuilder.draw").joinpath("templates", name).read_text("utf-8")


def _inline_script(js: str) -> str:
    """Make trusted JavaScript safe to place inside <script>...</script>.

    ``<\\/`` means ``</`` in JS strings and regexes; ``<\\!--`` means ``<!--``.
    """
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return js.replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
