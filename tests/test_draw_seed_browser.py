"""Issue 7's end-to-end check: the seed article, through the CLI, drawn in headless Chromium.

The seed article is ingested into an embedded store and exported with
``graphbuilder export html``; the page is opened in Debian's Chromium (no network) and its
vis DataSets are compared with what the store holds. Then the page's own controls filter the
graph and the visible counts must follow; a screenshot is saved in the test's temp dir.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_draw_browser import Opened, open_in_chromium
from typer.testing import CliRunner

from graphbuilder.cli import app

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "starlink_rogozin.txt"
runner = CliRunner()


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed article in a store: what the store says, and the exported page."""
    if not SEED.is_file():
        pytest.fail(f"the seed article is missing: {SEED} (../shared beside the clone)")
    base = tmp_path_factory.mktemp("seed")
    store = str(base / "store")
    _cli("ingest", str(SEED), "--store", store, "-q")
    actors = json.loads(_cli(
        "query", "MATCH (a:Actor) RETURN a.id AS id, a.kind AS kind",
        "--store", store, "--format", "json",
    ))
    facts = json.loads(_cli(
        "query",
        "MATCH (a:Actor)-[r]->(b:Actor) RETURN a.id AS s, b.id AS o, type(r) AS p, "
        "r.negated AS negated, r.quad_class AS quad",
        "--store", store, "--format", "json",
    ))
    html = base / "seed.html"
    _cli("export", "html", "-o", str(html), "--store", store)
    return {"actors": actors, "facts": facts, "html": html, "shots": base}


@pytest.fixture(scope="module")
def seed_page(seed_graph: dict[str, Any]) -> Iterator[Opened]:
    with open_in_chromium(seed_graph["html"], seed_graph["shots"]) as state:
        yield state


def _edges(facts: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    # The page draws one edge per (subject, object, predicate, negated): repeats are merged.
    return {(f["s"], f["o"], f["p"], bool(f["negated"])) for f in facts}


def test_draw_seed_page_holds_the_stored_graph(
    seed_graph: dict[str, Any], seed_page: Opened
) -> None:
    nodes, edges = len(seed_graph["actors"]), len(_edges(seed_graph["facts"]))
    assert nodes >= 10 and edges >= 10  # the seed article is a real story, not a stub
    assert seed_page.js("[graphbuilder.nodes.length, graphbuilder.edges.length]") == [
        nodes, edges,
    ]
    assert seed_page.counts() == (nodes, edges)
    ids = set(seed_page.js("graphbuilder.nodes.getIds()"))
    assert ids == {a["id"] for a in seed_graph["actors"]}


def test_draw_seed_page_filters_change_the_counts(
    seed_graph: dict[str, Any], seed_page: Opened
) -> None:
    nodes, edges = len(seed_graph["actors"]), len(_edges(seed_graph["facts"]))
    # Untick verbal conflict: exactly the merged edges of that class disappear.
    conflict = _edges([f for f in seed_graph["facts"] if f["quad"] == "VERBAL_CONFLICT"])
    assert conflict, "the seed article has accusations and threats"
    box = seed_page.page.locator('#gb-quads input[data-value="VERBAL_CONFLICT"]')
    box.set_checked(False)
    assert seed_page.counts() == (nodes, edges - len(conflict))
    shown = seed_page.page.inner_text("#gb-counts")
    assert shown.startswith(f"Showing {nodes} of {nodes} actors · {edges - len(conflict)} of")
    box.set_checked(True)
    assert seed_page.counts() == (nodes, edges)

    # Untick people: they leave, with every edge that touches one of them.
    people = {a["id"] for a in seed_graph["actors"] if a["kind"] == "Person"}
    left = {e for e in _edges(seed_graph["facts"]) if e[0] not in people and e[1] not in people}
    seed_page.page.locator('#gb-kinds input[data-value="Person"]').set_checked(False)
    assert seed_page.counts() == (nodes - len(people), len(left))
    seed_page.reset()
    assert seed_page.counts() == (nodes, edges)


def test_draw_seed_page_screenshot(seed_graph: dict[str, Any], seed_page: Opened) -> None:
    seed_page.page.click("#gb-fit")
    path = seed_page.shots / "seed.png"
    seed_page.page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    assert seed_page.requests == [seed_page.url]  # nothing left the file
    assert seed_page.errors == [] and seed_page.dialogs == []
    # every node carries its actor kind (colour and legend come from it)
    kinds = Counter(seed_page.js("graphbuilder.nodes.get().map(n => n.kind)"))
    assert kinds == Counter(a["kind"] for a in seed_graph["actors"])
    print(f"screenshot: {path}")
