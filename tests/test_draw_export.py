"""``graphbuilder export`` end to end: the story written to a real embedded store, exported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from draw_story import HOSTILE_IMG, STORY_FACTS, STORY_NODES, story_view
from typer.testing import CliRunner

from graphbuilder.cli import app
from graphbuilder.types import ArticleGraph, GraphView

runner = CliRunner()


def _article_graphs(view: GraphView) -> list[ArticleGraph]:
    graphs = []
    for article_id, article in view.articles.items():
        facts = [f for f in view.facts if f.article_id == article_id]
        ids = {f.relation.subject for f in facts} | {f.relation.object for f in facts}
        ids |= {f.relation.attributed_to for f in facts if f.relation.attributed_to}
        actors = [a for a in view.actors if a.id in ids]
        graphs.append(ArticleGraph(article, actors, facts, {a.id: 1 for a in actors}))
    return graphs


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graphbuilder.store import open_store

    path = tmp_path_factory.mktemp("export") / "store"
    with open_store(path) as store:
        store.write_articles(_article_graphs(story_view()))
    return path


def _page_data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    block = re.search(r'<script id="gb-data" type="application/json">(.*?)</script>', html, re.S)
    assert block is not None
    return json.loads(block.group(1))


def _export(store_dir: Path, *args: str) -> str:
    result = runner.invoke(app, ["export", *args, "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    return result.output


def test_draw_export_html_of_the_whole_store(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "actors.html"
    output = _export(store_dir, "html", "-o", str(out), "--title", "Starlink story")
    assert f"{STORY_NODES} actors, {STORY_FACTS} facts" in output
    data = _page_data(out)
    assert len(data["nodes"]) == STORY_NODES
    assert len(data["facts"]) == STORY_FACTS
    assert data["meta"]["title"] == "Starlink story"
    assert HOSTILE_IMG in {n["name"] for n in data["nodes"]}
    assert HOSTILE_IMG not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "name", "reader"),
    [
        ("graphml", "g.graphml", nx.read_graphml),
        ("gexf", "g.gexf", nx.read_gexf),
        ("json", "g.json", lambda p: nx.node_link_graph(
            json.loads(Path(p).read_text(encoding="utf-8")), edges="edges")),
    ],
)
def test_draw_export_graph_formats(store_dir: Path, tmp_path: Path, fmt, name, reader) -> None:
    out = tmp_path / name
    _export(store_dir, fmt, "-o", str(out))
    graph = reader(out)
    assert graph.number_of_nodes() == STORY_NODES
    assert graph.number_of_edges() == STORY_FACTS


def test_draw_export_csv_directory(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "import"
    _export(store_dir, "csv", "-o", str(out))
    assert sorted(p.name for p in out.iterdir()) == [
        "README.txt", "articles.csv", "mentioned_in.csv", "nodes.csv", "relationships.csv",
    ]
    assert len((out / "relationships.csv").read_text(encoding="utf-8").splitlines()) == (
        STORY_FACTS + 1
    )


def test_draw_export_around_an_actor(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "rogozin.html"
    _export(store_dir, "html", "-o", str(out), "--around", "Rogozin", "--depth", "1")
    names = {n["name"] for n in _page_data(out)["nodes"]}
    assert {"Dmitry Rogozin", "Elon Musk", "NATO", "Roscosmos"} <= names
    assert "Mykhailo Fedorov" not in names  # two hops away, via SpaceX


def test_draw_export_a_query_result(store_dir: Path, tmp_path: Path) -> None:
    query = tmp_path / "accusations.cypher"
    query.write_text("// accusations only\nMATCH (a:Actor)-[r:ACCUSE]->(b:Actor) RETURN r\n")
    out = tmp_path / "accuse.html"
    _export(store_dir, "html", "-o", str(out), "--query", str(query), "--layout", "static")
    data = _page_data(out)
    assert {f["pred"] for f in data["facts"]} == {"ACCUSE"}
    assert len(data["facts"]) == 2
    assert all("x" in n for n in data["nodes"]) and data["meta"]["layout"] == "static"


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "9 May 2022"],
        ["--layout", "circular"],
        ["--size-by", "closeness"],
        ["--depth", "-1", "--around", "Musk"],
    ],
)
def test_draw_export_rejects_bad_options(store_dir: Path, tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(
        app, ["export", "html", "-o", str(tmp_path / "x.html"), "--store", str(store_dir), *args]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.html").exists()


def test_draw_export_unknown_actor_is_one_line_error(store_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["export", "html", "-o", str(tmp_path / "x.html"), "--around", "Nobody At All",
         "--store", str(store_dir)],
    )
    assert result.exit_code == 1
    assert "Nobody At All" in result.output
    assert "Traceback" not in result.output
