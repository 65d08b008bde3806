"""Benchmark the HTML export: write time, file size, and time until drawn in Chromium.

Builds a synthetic GraphView (default 5,000 actors, 20,000 facts; who-talks-to-whom
follows a heavy-tailed distribution like real news), writes it with ``write_html`` and
opens it in Debian's headless Chromium through Playwright, timing until the network is
drawn (vis ``afterDrawing``) and until a filter click has been applied and redrawn.

``--scan`` also measures graphs drawn with browser physics at growing sizes; that is how
``PHYSICS_MAX_NODES`` (the size above which ``layout="auto"`` turns to a static layout)
was chosen.

Usage::

    python benchmarks/bench_html.py                      # 5,000 actors / 20,000 facts
    python benchmarks/bench_html.py --scan               # plus the physics-size scan
    python benchmarks/bench_html.py --actors 1000 --facts 4000 --keep out.html
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from graphbuilder.draw import PHYSICS_MAX_NODES, write_html
from graphbuilder.ontology import load_ontology
from graphbuilder.types import ACTOR_KINDS, Actor, Article, Fact, GraphView, Relation

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
_WORDS = ("talks", "border", "statement", "minister", "agency", "sanctions", "capital",
          "forces", "deal", "summit", "aid", "network", "officials", "report", "week")


def synthetic_view(n_actors: int, n_facts: int, *, seed: int = 1) -> GraphView:
    """A random but news-shaped graph: a few actors take part in most facts."""
    rng = random.Random(seed)
    ontology = load_ontology()
    predicates = list(ontology.predicates.values())
    actors = [
        Actor(
            id=f"actor-{i:05d}",
            name=f"Actor {i} " + rng.choice(_WORDS).title(),
            kind=rng.choice(ACTOR_KINDS),
            country=rng.choice([None, "RUS", "UKR", "USA", "FRA", "CHN", "TUR"]),
            aliases=[f"A{i}"],
            roles=[rng.choice(_WORDS)] if rng.random() < 0.3 else [],
        )
        for i in range(n_actors)
    ]
    n_articles = max(1, n_facts // 10)
    articles = {
        f"art-{j:05d}": Article(
            id=f"art-{j:05d}", doc_id=f"doc{j}", text="", title=f"Report {j}",
            url=f"https://example.org/{j}",
            published=f"{2021 + j % 4}-{1 + j % 12:02d}-{1 + j % 28:02d}",
        )
        for j in range(n_articles)
    }
    weights = [1.0 / (i + 1) ** 0.9 for i in range(n_actors)]
    ends = rng.choices(range(n_actors), weights=weights, k=2 * n_facts)
    facts = []
    for k in range(n_facts):
        s, o = ends[2 * k], ends[2 * k + 1]
        if s == o:
            o = rng.randrange(n_actors)
        pred = rng.choice(predicates)
        subj, obj = actors[s].name, actors[o].name
        sentence = (f"{subj} and {obj} were named in a {rng.choice(_WORDS)} about "
                    f"{' '.join(rng.choices(_WORDS, k=12))}.")
        start = 40 * k
        rel = Relation(
            subject=actors[s].id, predicate=pred.name, object=actors[o].id,
            subject_span=(start, start + len(subj)),
            object_span=(start + len(subj) + 5, start + len(subj) + 5 + len(obj)),
            start=start, end=start + len(sentence), sentence=sentence,
            quad_class=pred.quad_class, cameo=pred.cameo, weight=pred.weight,
            negated=rng.random() < 0.03, hedged=rng.random() < 0.05,
        )
        facts.append(Fact(id=f"fact-{k:06d}", article_id=f"art-{k % n_articles:05d}",
                          relation=rel))
    mentions = {a.id: 1 + rng.randrange(20) for a in actors}
    return GraphView(actors=actors, facts=facts, articles=articles, mention_counts=mentions)


def wait_until_drawn(page: Page, timeout: float = 120.0) -> None:
    """Poll from Python: the page's CSP forbids the eval that page.wait_for_function uses."""
    deadline = time.perf_counter() + timeout
    while not page.evaluate("Boolean(window.graphbuilder && window.graphbuilder.ready)"):
        if time.perf_counter() > deadline:
            raise TimeoutError("the page did not finish drawing")
        time.sleep(0.02)


def time_in_browser(path: Path) -> dict[str, float]:
    """Seconds until first drawn, and for one filter click (uncheck a kind) to redraw."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        t0 = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        wait_until_drawn(page)
        wall = time.perf_counter() - t0
        in_page = page.evaluate("graphbuilder.readyAt") / 1000.0
        click = page.evaluate(
            """() => new Promise(resolve => {
                const t = performance.now();
                graphbuilder.network.once('afterDrawing', () => resolve(performance.now() - t));
                document.querySelector('#gb-kinds input').click();
            })"""
        ) / 1000.0
        counts = page.evaluate(
            "[graphbuilder.nodes.length, graphbuilder.edges.length,"
            " graphbuilder.nodeView.length, graphbuilder.edgeView.length]"
        )
        browser.close()
    return {"open_wall_s": round(wall, 2), "drawn_in_page_s": round(in_page, 2),
            "filter_click_s": round(click, 2), "counts": counts}


def measure(n_actors: int, n_facts: int, layout: str, keep: Path | None = None) -> dict:
    view = synthetic_view(n_actors, n_facts)
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "bench.html"
        t0 = time.perf_counter()
        write_html(view, path, layout=layout)  # type: ignore[arg-type]
        write_s = time.perf_counter() - t0
        result = {"actors": n_actors, "facts": n_facts, "layout": layout,
                  "write_s": round(write_s, 2),
                  "size_mb": round(path.stat().st_size / 1e6, 2)}
        result.update(time_in_browser(path))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--facts", type=int, default=20000)
    parser.add_argument("--layout", default="auto", choices=["auto", "physics", "static"])
    parser.add_argument("--scan", action="store_true", help="time browser physics by size")
    parser.add_argument("--keep", type=Path, help="write the HTML here and keep it")
    args = parser.parse_args()
    print(json.dumps({"physics_max_nodes": PHYSICS_MAX_NODES}))
    if args.scan:
        for n in (100, 200, 400, 800, 1600):
            print(json.dumps(measure(n, 4 * n, "physics")), flush=True)
    print(json.dumps(measure(args.actors, args.facts, args.layout, args.keep)), flush=True)


if __name__ == "__main__":
    main()
