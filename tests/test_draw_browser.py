"""The exported page in Debian's headless Chromium (via Playwright; never a downloaded browser).

One page load per test module: the story graph is opened, and each test drives the
page's own controls, then puts them back (the Reset button) for the next one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from draw_story import HOSTILE_IMG, HOSTILE_SCRIPT, STORY_EDGES, STORY_NODES, story_view

from graphbuilder.draw import write_html

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


class Opened:
    """The page plus everything it did that a test may want to check."""

    def __init__(self, page: Any, url: str, shots: Path) -> None:
        self.page = page
        self.url = url
        self.shots = shots
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def counts(self) -> tuple[int, int]:
        return tuple(self.js("[graphbuilder.nodeView.length, graphbuilder.edgeView.length]"))

    def reset(self) -> None:
        self.page.click("#gb-reset")
        self.page.click("#gb-unfocus")


@contextmanager
def open_in_chromium(path: Path, shots: Path) -> Iterator[Opened]:
    """Open an exported page in headless Chromium, recording requests, dialogs and errors."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 900})
        state = Opened(page, path.as_uri(), shots)
        page.on("request", lambda r: state.requests.append(r.url))
        page.on("dialog", lambda d: (state.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: state.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and state.errors.append(m.text))
        page.goto(state.url)
        # Poll from Python: the page's CSP forbids the eval page.wait_for_function needs.
        deadline = time.monotonic() + 60
        while not page.evaluate("Boolean(window.graphbuilder && graphbuilder.ready)"):
            assert time.monotonic() < deadline, "the page never finished drawing"
            time.sleep(0.05)
        yield state
        browser.close()


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    shots = tmp_path_factory.mktemp("browser")
    path = write_html(story_view(), shots / "story.html", title="Starlink story")
    with open_in_chromium(path, shots) as state:
        yield state


@pytest.fixture
def page(opened: Opened) -> Iterator[Opened]:
    yield opened
    opened.reset()


def test_draw_browser_datasets_hold_the_story(page: Opened) -> None:
    assert page.js("[graphbuilder.nodes.length, graphbuilder.edges.length]") == [
        STORY_NODES, STORY_EDGES,
    ]
    assert page.counts() == (STORY_NODES, STORY_EDGES)
    assert page.page.inner_text("#gb-counts").startswith(
        f"Showing {STORY_NODES} of {STORY_NODES} actors · {STORY_EDGES} of {STORY_EDGES}"
    )
    drawn = page.js(
        """(() => { const c = document.querySelector('#gb-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()"""
    )
    assert drawn > 10_000  # the canvas really has a drawing on it


def _check(page: Opened, selector: str, on: bool) -> None:
    box = page.page.locator(selector)
    box.set_checked(on)


@pytest.mark.parametrize(
    ("selector", "nodes", "edges"),
    [
        # 4 persons leave, and with them every edge that touches one
        ('#gb-kinds input[data-value="Person"]', STORY_NODES - 4, STORY_EDGES - 8),
        ('#gb-quads input[data-value="MATERIAL_CONFLICT"]', STORY_NODES, STORY_EDGES - 4),
        ('#gb-quads input[data-value="OTHER"]', STORY_NODES, STORY_EDGES - 3),
        ('#gb-predicates input[data-value="ACCUSE"]', STORY_NODES, STORY_EDGES - 1),
    ],
)
def test_draw_browser_unticking_a_box_hides_items(
    page: Opened, selector: str, nodes: int, edges: int
) -> None:
    _check(page, selector, False)
    assert page.counts() == (nodes, edges)
    assert page.page.inner_text("#gb-counts").startswith(f"Showing {nodes} of {STORY_NODES}")
    _check(page, selector, True)
    assert page.counts() == (STORY_NODES, STORY_EDGES)


def test_draw_browser_hide_isolated_after_a_filter(page: Opened) -> None:
    _check(page, '#gb-quads input[data-value="OTHER"]', False)
    _check(page, "#gb-hide-isolated", True)
    # Roscosmos only had LEADS (structural): without structural edges it stands alone
    visible = set(page.js("graphbuilder.nodeView.getIds()"))
    assert "roscosmos" not in visible and "rogozin" in visible


@pytest.mark.parametrize(
    ("since", "until", "edges"),
    [
        ("2022-05-09", "", 13),  # the Starlink article (12 edges) and the hostile one
        ("", "2022-03-31", 1),  # only the March accusation
        ("2022-05-08", "2022-05-08", 2),  # the NATO article: THREATEN, hedged ATTACK
    ],
)
def test_draw_browser_date_range(page: Opened, since: str, until: str, edges: int) -> None:
    page.page.fill("#gb-since", since)
    page.page.fill("#gb-until", until)
    assert page.counts() == (STORY_NODES, edges)


def test_draw_browser_min_mentions(page: Opened) -> None:
    page.page.fill("#gb-min-facts", "2")
    ids = page.js("graphbuilder.edgeView.get().map(e => [e.from, e.to, e.label])")
    assert ids == [["rogozin", "musk", "ACCUSE"]]
    page.page.fill("#gb-min-facts", "1")
    page.page.fill("#gb-min-articles", "2")  # Rogozin (3), Musk (2), Ukraine (2)
    assert page.counts() == (3, 2)  # ACCUSE and MOCK between Rogozin and Musk


def test_draw_browser_search_focuses_the_neighbourhood(page: Opened) -> None:
    page.page.fill("#gb-search", "rogozin")
    page.page.press("#gb-search", "Enter")
    visible = set(page.js("graphbuilder.nodeView.getIds()"))
    # Rogozin's direct neighbours; Starlink→Azov is only alleged *by* him, not linked to him
    assert visible == {"rogozin", "musk", "nato", "roscosmos"}
    assert "Focused on Dmitry Rogozin" in page.page.inner_text("#gb-search-msg")
    assert page.page.inner_text("#gb-panel h3").strip() == "Dmitry Rogozin RUS"
    page.page.select_option("#gb-depth", "2")
    page.page.click("#gb-focus")
    assert {"spacex", "zelensky"} <= set(page.js("graphbuilder.nodeView.getIds()"))
    page.page.click("#gb-unfocus")
    assert page.counts() == (STORY_NODES, STORY_EDGES)


def test_draw_browser_search_by_alias_and_miss(page: Opened) -> None:
    page.page.fill("#gb-search", "Moscow")
    page.page.click("#gb-focus")
    assert "Focused on Russia" in page.page.inner_text("#gb-search-msg")
    page.page.fill("#gb-search", "Atlantis")
    page.page.click("#gb-focus")
    assert "No actor matches" in page.page.inner_text("#gb-search-msg")


def _click_canvas(page: Opened, point_js: str, heading: str) -> None:
    """Click the canvas where ``point_js`` (canvas coordinates) is drawn and wait for the
    details panel to show ``heading``.

    Physics is switched off first (through the page's checkbox) so that nothing moves
    between reading the position and clicking it.
    """
    _check(page, "#gb-physics", False)
    x, y = page.js(
        f"(() => {{ const p = graphbuilder.network.canvasToDOM({point_js});"
        " return [p.x, p.y]; })()"
    )
    box = page.page.locator("#gb-network canvas").bounding_box()
    page.page.mouse.click(box["x"] + x, box["y"] + y)
    try:
        page.page.locator("#gb-panel h3", has_text=heading).wait_for(timeout=5000)
    except Exception as exc:
        selected = page.js(
            "[graphbuilder.network.getSelectedNodes(), graphbuilder.network.getSelectedEdges(),"
            " graphbuilder.network.getNodeAt(%s), graphbuilder.network.getEdgeAt(%s)]"
            % ((f"{{x: {x}, y: {y}}}",) * 2)
        )
        raise AssertionError(f"clicked at {x}, {y}: {selected}") from exc


def test_draw_browser_click_node_shows_its_panel(page: Opened) -> None:
    _click_canvas(page, "graphbuilder.network.getPositions(['musk']).musk", "Elon Musk")
    panel = page.page.inner_text("#gb-panel")
    assert "Elon Musk" in panel and "founder of SpaceX" in panel
    rows = page.js(
        "Array.from(document.querySelectorAll('#gb-panel tbody tr'))"
        ".map(r => Array.from(r.cells).map(c => c.textContent.trim()))"
    )
    assert ["verbal conflict", "0", "3"] in rows  # accused twice, mocked once
    assert ["verbal cooperation", "0", "2"] in rows  # thanked, invited


def test_draw_browser_click_edge_shows_highlighted_evidence(page: Opened) -> None:
    edge = page.js(
        "graphbuilder.edges.get({filter: e => e.from === 'rogozin' && e.label === 'ACCUSE'})[0].id"
    )
    # MOCK runs beside ACCUSE between the same two actors: hide it, and zoom in on Rogozin,
    # so that the click cannot land on the wrong edge
    _check(page, '#gb-predicates input[data-value="MOCK"]', False)
    page.page.fill("#gb-search", "Dmitry Rogozin")
    page.page.click("#gb-focus")
    point = f"graphbuilder.network.body.edges['{edge}'].edgeType.getPoint(0.5)"
    _click_canvas(page, point, "Dmitry Rogozin → ACCUSE → Elon Musk")
    facts = page.page.locator("#gb-panel .gb-fact")
    assert facts.count() == 2
    marks = page.js(
        "Array.from(document.querySelectorAll('#gb-panel mark'))"
        ".map(m => [m.className, m.textContent])"
    )
    assert marks == [
        ["gb-subj", "Rogozin"], ["gb-obj", "Musk"],
        ["gb-subj", "Dmitry Rogozin"], ["gb-obj", "Elon Musk"],
    ]
    links = page.js(
        "Array.from(document.querySelectorAll('#gb-panel a')).map(a => [a.href, a.rel])"
    )
    assert ["https://example.org/march", "noopener noreferrer"] in links
    page.page.screenshot(path=str(page.shots / "story-evidence.png"))


def test_draw_browser_hostile_text_stays_text(page: Opened) -> None:
    edge = page.js("graphbuilder.edges.get({filter: e => e.from === 'hostile-img'})[0].id")
    page.js(f"graphbuilder.showEdge('{edge}')")
    marks = page.js(
        "Array.from(document.querySelectorAll('#gb-panel mark')).map(m => m.textContent)"
    )
    assert marks == [HOSTILE_IMG, HOSTILE_SCRIPT]
    source = page.page.inner_text("#gb-panel .gb-source")
    assert "<script>alert('title')</script>" in source and "javascript:alert(1)" in source
    assert page.js("document.querySelectorAll('#gb-panel a').length") == 0  # no javascript: link
    assert page.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("document.scripts.length") == 3
    page.page.fill("#gb-search", HOSTILE_SCRIPT)
    page.page.click("#gb-focus")
    assert page.page.inner_text("#gb-panel h3").strip() == HOSTILE_SCRIPT
    assert page.dialogs == []


def test_draw_browser_never_leaves_the_file(page: Opened) -> None:
    # runs after the others in this module: every click so far is covered
    assert page.requests == [page.url]
    assert page.errors == []


def test_draw_browser_screenshot(page: Opened) -> None:
    # after every filter, focus and click above: the drawing must still be spread out
    page.page.click("#gb-fit")
    page.js("document.getElementById('gb-controls').scrollTop = 0")
    box = page.page.locator("#gb-network canvas").bounding_box()
    page.page.mouse.move(box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)  # no tooltip
    spread = page.js(
        "(() => { const p = Object.values(graphbuilder.network.getPositions());"
        " const xs = p.map(q => q.x), ys = p.map(q => q.y);"
        " return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)]; })()"
    )
    assert min(spread) > 200, spread
    path = page.shots / "story.png"
    page.page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    print(f"screenshot: {path}")
