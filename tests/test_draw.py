"""The draw stage without a browser: networkx conversion, page data, escaping, file exports."""

from __future__ import annotations

import csv
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from draw_story import (
    HOSTILE_IMG,
    HOSTILE_SCRIPT,
    STORY_EDGES,
    STORY_FACTS,
    STORY_NODES,
    story_view,
)

from graphbuilder.draw import (
    importance,
    merge_facts,
    render_html,
    to_networkx,
    write_csv,
    write_gexf,
    write_graphml,
    write_json,
)
from graphbuilder.draw.html import page_data, safe_url, script_json
from graphbuilder.draw.layout import force_layout, static_positions
from graphbuilder.draw.style import KIND_COLORS, QUAD_STYLE
from graphbuilder.ontology import load_ontology
from graphbuilder.types import Actor, Fact, GraphView, Relation


@pytest.fixture(scope="module")
def view() -> GraphView:
    return story_view()


@pytest.fixture(scope="module")
def data(view: GraphView) -> dict:
    return page_data(view)


@pytest.fixture(scope="module")
def html(view: GraphView) -> str:
    return render_html(view, title="Story <b>test</b>")


def _edge(data: dict, source: str, target: str, label: str) -> dict:
    key = (source, target, label)
    found = [e for e in data["edges"] if (e["from"], e["to"], e["label"]) == key]
    assert len(found) == 1, (source, target, label, found)
    return found[0]


# --- networkx ---------------------------------------------------------------------------


def test_draw_to_networkx_one_edge_per_fact(view: GraphView) -> None:
    graph = to_networkx(view)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == STORY_NODES
    assert graph.number_of_edges() == STORY_FACTS
    rogozin = graph.nodes["rogozin"]
    assert rogozin == {
        "name": "Dmitry Rogozin", "kind": "Person", "aliases": ["Rogozin"],
        "roles": ["head of Roscosmos"], "country": "RUS", "mentions": 3,
    }
    accusations = [a for _, _, a in graph.edges(data=True) if a["predicate"] == "ACCUSE"]
    assert {a["published"] for a in accusations} == {"2022-05-09", "2022-03-02"}
    assert {a["quad_class"] for a in accusations} == {"VERBAL_CONFLICT"}
    assert all(a["article_url"].startswith("https://") for a in accusations)


def test_draw_to_networkx_adds_missing_end_as_unknown() -> None:
    rel = Relation("a", "MEET", "ghost", (0, 1), (2, 3), 0, 5, "A met G")
    view = GraphView(
        actors=[Actor(id="a", name="A", kind="Person")],
        facts=[Fact(id="f", article_id="x", relation=rel)],
    )
    graph = to_networkx(view)
    assert graph.nodes["ghost"]["kind"] == "Unknown"
    assert graph.edges["a", "ghost", "f"]["quad_class"] == "VERBAL_COOPERATION"  # from ontology
    assert graph.edges["a", "ghost", "f"]["article_title"] is None


@pytest.mark.parametrize(
    ("source", "target", "predicate", "negated", "facts", "uncertain"),
    [
        ("rogozin", "musk", "ACCUSE", False, 2, False),
        ("russia", "ukraine", "ATTACK", False, 1, False),
        ("russia", "ukraine", "ATTACK", True, 1, False),
        ("russia", "mariupol", "ATTACK", False, 1, True),  # hedged
        ("starlink", "azov", "SUPPLY", False, 1, True),  # alleged by Rogozin
    ],
)
def test_draw_merge_facts_by_pair_predicate_and_negation(
    view: GraphView, source: str, target: str, predicate: str, negated: bool, facts: int,
    uncertain: bool,
) -> None:
    merged = merge_facts(view)
    assert len(merged) == STORY_EDGES
    edge = next(
        e for e in merged
        if (e.source, e.target, e.predicate, e.negated) == (source, target, predicate, negated)
    )
    assert len(edge.facts) == facts
    assert edge.uncertain is uncertain


def test_draw_merge_facts_sorts_facts_by_date(view: GraphView) -> None:
    edge = next(e for e in merge_facts(view) if e.predicate == "ACCUSE")
    assert [f.article_id for f in edge.facts] == ["a-march", "a-starlink"]


@pytest.mark.parametrize(("by", "top"), [("pagerank", "musk"), ("degree", "musk")])
def test_draw_importance_ranks_the_hub_first(view: GraphView, by: str, top: str) -> None:
    scores = importance(to_networkx(view), by)  # type: ignore[arg-type]
    assert max(scores, key=scores.__getitem__) == top
    assert set(scores) == {a.id for a in view.actors}
    if by == "pagerank":
        assert math.isclose(sum(scores.values()), 1.0, rel_tol=1e-6)
    else:
        assert scores["rogozin"] == 5.0  # 2 ACCUSE + MOCK + THREATEN + LEADS


def test_draw_importance_rejects_unknown_measure(view: GraphView) -> None:
    with pytest.raises(ValueError, match="size_by"):
        importance(to_networkx(view), "closeness")  # type: ignore[arg-type]


# --- page data and escaping ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [HOSTILE_IMG, HOSTILE_SCRIPT, "a & b", "<!-- x", "line\u2028sep\u2029para", "quote \" '"],
)
def test_draw_script_json_escapes_what_could_end_a_script(text: str) -> None:
    encoded = script_json({"name": text, "list": [text]})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"name": text, "list": [text]}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("  https://example.org/x  ", "https://example.org/x"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
        ("https:///no-host", None),
        ("https://exa mple.org", None),
        ("", None),
        (None, None),
    ],
)
def test_draw_safe_url_allows_only_http_links(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_draw_page_data_counts_and_layout(data: dict) -> None:
    assert len(data["nodes"]) == STORY_NODES
    assert len(data["edges"]) == STORY_EDGES
    assert len(data["facts"]) == STORY_FACTS
    assert data["meta"]["layout"] == "physics"  # small graph: the browser lays it out
    assert data["options"]["physics"]["enabled"] is True
    assert {p["name"] for p in data["predicates"]} == {
        "ACCUSE", "MOCK", "THREATEN", "THANK", "INVITE", "PRAISE", "SUPPLY", "ATTACK", "LEADS",
        "OWNS",
    }


def test_draw_page_data_node_style(data: dict) -> None:
    nodes = {n["id"]: n for n in data["nodes"]}
    rogozin = nodes["rogozin"]
    assert rogozin["color"] == KIND_COLORS["Person"]
    assert rogozin["label"] == "Dmitry Rogozin [RUS]"
    assert nodes["starlink"]["label"] == "Starlink"  # no country, no badge
    quads = list(QUAD_STYLE)
    # out: 2 ACCUSE + MOCK + THREATEN (verbal conflict), LEADS (structural)
    assert rogozin["counts"]["out"][quads.index("VERBAL_CONFLICT")] == 4
    assert rogozin["counts"]["out"][quads.index("OTHER")] == 1
    assert sum(rogozin["counts"]["in"]) == 0
    assert nodes["musk"]["size"] == max(n["size"] for n in data["nodes"])
    assert set(rogozin["sizes"]) == {"pagerank", "degree"}


@pytest.mark.parametrize(
    ("source", "target", "label", "quad", "dashed", "opacity"),
    [
        ("rogozin", "musk", "ACCUSE", "VERBAL_CONFLICT", False, None),
        ("zelensky", "musk", "THANK", "VERBAL_COOPERATION", False, None),
        ("starlink", "ukraine", "SUPPLY", "MATERIAL_COOPERATION", False, None),
        ("russia", "ukraine", "ATTACK", "MATERIAL_CONFLICT", False, None),
        ("rogozin", "roscosmos", "LEADS", "OTHER", False, None),
        ("russia", "ukraine", "not ATTACK", "MATERIAL_CONFLICT", True, 0.4),
        ("russia", "mariupol", "ATTACK", "MATERIAL_CONFLICT", True, 0.6),
        ("starlink", "azov", "SUPPLY", "MATERIAL_COOPERATION", True, 0.6),
    ],
)
def test_draw_page_data_edge_style(
    data: dict, source: str, target: str, label: str, quad: str, dashed: bool,
    opacity: float | None,
) -> None:
    edge = _edge(data, source, target, label)
    assert edge["quad"] == quad
    assert edge["color"] == QUAD_STYLE[quad][1]
    assert bool(edge.get("dashes")) is dashed
    assert edge.get("opacity") == opacity
    assert edge["arrows"] == "to"


def test_draw_page_data_width_grows_with_mentions(data: dict) -> None:
    twice = _edge(data, "rogozin", "musk", "ACCUSE")
    once = _edge(data, "rogozin", "musk", "MOCK")
    assert len(twice["facts"]) == 2
    assert twice["width"] > once["width"]


def test_draw_page_data_parallel_edges_are_curved_apart(data: dict) -> None:
    between = [e for e in data["edges"] if {e["from"], e["to"]} == {"zelensky", "musk"}]
    assert len(between) == 2
    kinds = sorted(e["smooth"]["type"] for e in between)
    assert kinds == ["curvedCCW", "curvedCW"]  # same direction: one bends each way
    # opposite directions: the same vis type bends to opposite sides
    russia = [e for e in data["edges"] if (e["from"], e["to"]) == ("russia", "ukraine")]
    assert len(russia) == 2 and russia[0]["smooth"] != russia[1]["smooth"]
    lone = _edge(data, "rogozin", "nato", "THREATEN")
    assert "smooth" not in lone


def test_draw_page_data_evidence_spans_point_at_the_actors(data: dict) -> None:
    edge = _edge(data, "rogozin", "musk", "ACCUSE")
    texts = []
    for index in edge["facts"]:
        fact = data["facts"][index]
        texts.append((fact["text"][slice(*fact["subj"])], fact["text"][slice(*fact["obj"])]))
    assert texts == [("Rogozin", "Musk"), ("Dmitry Rogozin", "Elon Musk")]


def test_draw_page_data_marks_hedged_negated_and_alleged(data: dict) -> None:
    facts = {f["id"]: f for f in data["facts"]}
    assert facts["fact-10"]["neg"] is True
    assert facts["fact-11"]["hedged"] is True
    assert facts["fact-08"]["by"] == "Dmitry Rogozin"
    assert "neg" not in facts["fact-00"] and "hedged" not in facts["fact-00"]


def test_draw_page_data_keeps_only_safe_links(data: dict) -> None:
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id["a-hostile"]["link"] is None
    assert by_id["a-hostile"]["url"] == "javascript:alert(1)"  # shown as text only
    assert by_id["a-starlink"]["link"] == "https://example.org/starlink"


@pytest.mark.parametrize(("layout", "positioned"), [("static", True), ("physics", False)])
def test_draw_page_data_layout_choice(view: GraphView, layout: str, positioned: bool) -> None:
    data = page_data(view, layout=layout)  # type: ignore[arg-type]
    assert all(("x" in n and "y" in n) is positioned for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is not positioned
    assert data["meta"]["layout"] == layout


@pytest.mark.parametrize("layout", ["auto", "static", "physics"])
def test_draw_empty_view_still_makes_a_page(layout: str) -> None:
    html = render_html(GraphView(), layout=layout)  # type: ignore[arg-type]
    block = re.search(r'<script id="gb-data" type="application/json">(.*?)</script>', html, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert (data["nodes"], data["edges"], data["facts"]) == ([], [], [])


def test_draw_page_data_rejects_unknown_layout(view: GraphView) -> None:
    with pytest.raises(ValueError, match="layout"):
        page_data(view, layout="circular")  # type: ignore[arg-type]


# --- the HTML file ----------------------------------------------------------------------------


def test_draw_html_loads_nothing_from_the_network(html: str) -> None:
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", html, re.I)
    assert "@import" not in html
    assert "<link" not in html.lower()
    assert "cdn" not in html.lower().replace("cdnjs", "")  # no CDN mention in markup or code
    assert "node_modules" not in html


def test_draw_html_scripts_match_their_csp_hashes(html: str) -> None:
    import base64
    import hashlib

    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp and "default-src 'none'" in csp.group(1) and "connect-src 'none'" in csp.group(1)
    allowed = set(re.findall(r"'(sha256-[^']+)'", csp.group(1)))
    bodies = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(bodies) == 2
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"sha256-{digest}" in allowed


class _Tags(HTMLParser):
    """Start tags as a browser's tokenizer sees them (script bodies are raw text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_draw_html_hostile_text_never_appears_as_markup(html: str) -> None:
    assert HOSTILE_IMG not in html
    parser = _Tags()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    assert tags.count("script") == 3  # data block, vis-network, page script
    assert "img" not in tags and "iframe" not in tags and "object" not in tags
    assert not [attrs for _, attrs in parser.tags if any(k.startswith("on") for k in attrs)]
    assert "<title>Story &lt;b&gt;test&lt;/b&gt;</title>" in html
    block = re.search(r'<script id="gb-data" type="application/json">(.*?)</script>', html, re.S)
    assert block is not None
    names = {n["name"] for n in json.loads(block.group(1))["nodes"]}
    assert {HOSTILE_IMG, HOSTILE_SCRIPT} <= names  # intact as data, shown as text by the page


def test_draw_html_keeps_the_vis_network_licence(html: str) -> None:
    assert "vis.js is dual licensed" in html
    assert "Apache 2.0" in html and "MIT" in html


# --- layout -----------------------------------------------------------------------------------


def test_draw_force_layout_is_seeded_and_keeps_neighbours_close() -> None:
    rng = np.random.default_rng(3)
    n = 800
    # two communities of 400 with dense insides and a few bridges
    inside = [(a, b) for a, b in rng.integers(0, 400, size=(3000, 2)) if a != b]
    inside += [(a + 400, b + 400) for a, b in inside]
    bridges = [(int(rng.integers(0, 400)), int(rng.integers(400, 800))) for _ in range(10)]
    edges = np.array(inside + bridges)
    first = force_layout(n, edges, seed=5)
    assert np.array_equal(first, force_layout(n, edges, seed=5))
    assert np.isfinite(first).all()
    centre_a, centre_b = first[:400].mean(axis=0), first[400:].mean(axis=0)
    spread = np.linalg.norm(first[:400] - centre_a, axis=1).mean()
    assert np.linalg.norm(centre_a - centre_b) > spread  # the two communities come apart


@pytest.mark.parametrize("n", [0, 1, 30, 600])
def test_draw_static_positions_cover_every_node(n: int) -> None:
    graph = nx.path_graph(n)
    pos = static_positions(graph)
    assert set(pos) == set(graph)
    if n > 1:
        xs = [p[0] for p in pos.values()]
        assert max(xs) - min(xs) > 100  # spread out in pixels, not in a unit square


# --- file exports -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("writer", "reader"),
    [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)],
    ids=["graphml", "gexf"],
)
def test_draw_write_graph_files_round_trip(view, tmp_path: Path, writer, reader) -> None:
    path = writer(view, tmp_path / "story.out")
    graph = reader(path)
    assert graph.number_of_nodes() == STORY_NODES
    assert graph.number_of_edges() == STORY_FACTS
    node = graph.nodes["rogozin"]
    assert node["label"] == "Dmitry Rogozin"
    assert json.loads(node["aliases"]) == ["Rogozin"]
    assert "country" not in graph.nodes["starlink"]  # None is left out, not written as "None"
    hostile = graph.nodes["hostile-img"]
    assert hostile["name"] == HOSTILE_IMG  # the XML writer escapes it; reading restores it
    edge = next(a for _, _, a in graph.edges(data=True) if a["id"] == "fact-10")
    assert edge["negated"] in (True, "true")
    assert json.loads(edge["subject_span"])[1] > json.loads(edge["subject_span"])[0]


def test_draw_write_json_is_node_link(view: GraphView, tmp_path: Path) -> None:
    path = write_json(view, tmp_path / "story.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    graph = nx.node_link_graph(payload, edges="edges")
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_nodes() == STORY_NODES
    assert graph.number_of_edges() == STORY_FACTS
    assert graph.nodes["zelensky"]["roles"] == ["President of Ukraine"]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_draw_write_csv_in_neo4j_admin_layout(view: GraphView, tmp_path: Path) -> None:
    out = write_csv(view, tmp_path / "csv")
    nodes = _read_csv(out / "nodes.csv")
    articles = _read_csv(out / "articles.csv")
    rels = _read_csv(out / "relationships.csv")
    mentioned = _read_csv(out / "mentioned_in.csv")
    assert next(iter(nodes[0])) == "id:ID(Actor)" and ":LABEL" in nodes[0]
    assert list(rels[0])[:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"]
    assert len(nodes) == STORY_NODES and len(rels) == STORY_FACTS
    assert len(articles) == 4
    by_id = {row["id:ID(Actor)"]: row for row in nodes}
    assert by_id["rogozin"][":LABEL"] == "Actor;Person"
    assert by_id["russia"]["aliases:string[]"] == "Moscow"
    assert by_id["hostile-img"]["name"] == HOSTILE_IMG
    ontology = load_ontology()
    assert all(row[":TYPE"] in ontology for row in rels)
    assert {row[":START_ID(Actor)"] for row in rels} <= set(by_id)
    negated = next(row for row in rels if row["id"] == "fact-10")
    assert negated["negated:boolean"] == "true" and negated["hedged:boolean"] == "false"
    article_ids = {row["id:ID(Article)"] for row in articles}
    assert {row[":END_ID(Article)"] for row in mentioned} <= article_ids
    pairs = {(r[":START_ID(Actor)"], r[":END_ID(Article)"]) for r in mentioned}
    assert ("rogozin", "a-nato") in pairs
    assert "neo4j-admin database import full" in (out / "README.txt").read_text(encoding="utf-8")


def test_draw_write_csv_keeps_array_items_whole(tmp_path: Path) -> None:
    view = GraphView(actors=[Actor(id="x", name="X", kind="Group", aliases=["a;b", "c"])])
    out = write_csv(view, tmp_path)
    row = _read_csv(out / "nodes.csv")[0]
    assert row["aliases:string[]"].split(";") == ["a,b", "c"]
