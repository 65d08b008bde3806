"""Graph file exports through networkx: GraphML, GEXF, node-link JSON, neo4j-admin CSV.

GraphML and GEXF hold only scalar attributes, so lists and spans are written as JSON
text (``["Rogozin", "Dmitry Rogozin"]``) and missing values are left out. networkx's
GEXF writer would take a list for a time series, which is one more reason to flatten.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuilder.draw.network import to_networkx
from graphbuilder.types import GraphView

# neo4j-admin's default --array-delimiter.
ARRAY_DELIMITER = ";"

NEO4J_IMPORT_COMMAND = (
    "neo4j-admin database import full --overwrite-destination "
    "--nodes=nodes.csv --nodes=articles.csv "
    "--relationships=relationships.csv --relationships=mentioned_in.csv neo4j"
)


def _scalar(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def flat_graph(view: GraphView) -> nx.MultiDiGraph:
    """:func:`to_networkx` with every attribute a str/int/float/bool and ``label`` = name."""
    graph = to_networkx(view)
    flat = nx.MultiDiGraph(name=graph.graph.get("name", ""))
    for node, attrs in graph.nodes(data=True):
        clean = {k: _scalar(v) for k, v in attrs.items() if v is not None}
        flat.add_node(node, label=attrs["name"], **clean)
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        clean = {k: _scalar(val) for k, val in attrs.items() if val is not None}
        flat.add_edge(u, v, key=key, label=attrs["predicate"], **clean)
    return flat


def write_graphml(view: GraphView, path: str | Path) -> Path:
    """GraphML for yEd, Gephi, Cytoscape; node ids are actor ids, edge ids fact ids."""
    nx.write_graphml(flat_graph(view), str(path), edge_id_from_attribute="id")
    return Path(path)


def write_gexf(view: GraphView, path: str | Path) -> Path:
    """GEXF 1.2 for Gephi."""
    nx.write_gexf(flat_graph(view), str(path))
    return Path(path)


def write_json(view: GraphView, path: str | Path) -> Path:
    """networkx node-link JSON (``{"nodes": [...], "edges": [...]}``), lists kept as lists."""
    data = nx.node_link_data(to_networkx(view), edges="edges")
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return Path(path)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        # neo4j-admin splits arrays on the delimiter, so it may not occur inside an item
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, ",") for x in value)
    return str(value)


def _write_rows(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows([_cell(v) for v in row] for row in rows)


def write_csv(view: GraphView, directory: str | Path) -> Path:
    """CSV files for ``neo4j-admin database import full`` (Neo4j 5), plus ``README.txt``.

    Writes ``nodes.csv`` (actors, labels ``Actor;<Kind>``), ``articles.csv``,
    ``relationships.csv`` (one row per fact, typed by its predicate) and
    ``mentioned_in.csv`` (actor → article, for every actor that takes part in a fact of
    the article; actors only mentioned without a fact are not in a GraphView's facts and
    so get no row). Import with (from the directory)::

        neo4j-admin database import full --overwrite-destination \\
            --nodes=nodes.csv --nodes=articles.csv \\
            --relationships=relationships.csv --relationships=mentioned_in.csv neo4j
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    graph = to_networkx(view)
    _write_rows(
        out / "nodes.csv",
        ["id:ID(Actor)", "name", "kind", "aliases:string[]", "roles:string[]", "country",
         "mentions:int", ":LABEL"],
        [
            [node, a["name"], a["kind"], a["aliases"], a["roles"], a["country"], a["mentions"],
             ["Actor", a["kind"]]]
            for node, a in graph.nodes(data=True)
        ],
    )
    cited = sorted({f.article_id for f in view.facts} | set(view.articles))
    article_rows = []
    for article_id in cited:
        art = view.articles.get(article_id)
        article_rows.append([
            article_id,
            art.title if art else None,
            art.url if art else None,
            art.source if art else None,
            art.published if art else None,
            "Article",
        ])
    _write_rows(
        out / "articles.csv",
        ["id:ID(Article)", "title", "url", "source", "published", ":LABEL"],
        article_rows,
    )
    fact_rows = []
    mentioned: set[tuple[str, str]] = set()
    for u, v, a in graph.edges(data=True):
        fact_rows.append([
            u, v, a["predicate"], a["id"], a["article_id"], a["sentence"], a["start"], a["end"],
            a["subject_span"][0], a["subject_span"][1], a["object_span"][0], a["object_span"][1],
            a["quad_class"], a["cameo"], a["goldstein"], a["confidence"], a["negated"],
            a["hedged"], a["attributed_to"], a["trigger"],
        ])
        mentioned.update({(u, a["article_id"]), (v, a["article_id"])})
    _write_rows(
        out / "relationships.csv",
        [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "id", "article_id", "sentence",
         "start:int", "end:int", "subject_start:int", "subject_end:int", "object_start:int",
         "object_end:int", "quad_class", "cameo", "weight:float", "confidence:float",
         "negated:boolean", "hedged:boolean", "attributed_to", "trigger"],
        fact_rows,
    )
    _write_rows(
        out / "mentioned_in.csv",
        [":START_ID(Actor)", ":END_ID(Article)", ":TYPE"],
        [[actor, article, "MENTIONED_IN"] for actor, article in sorted(mentioned)],
    )
    (out / "README.txt").write_text(
        "graphbuilder export for Neo4j's offline importer (Neo4j 5, empty database).\n"
        "Stop the database, then run from this directory:\n\n"
        f"    {NEO4J_IMPORT_COMMAND}\n\n"
        "Arrays (aliases, roles, labels) use the default delimiter ';'.\n",
        encoding="utf-8",
    )
    return out
