"""Issue 6: hostile and broken input, end to end through the command line.

Every test runs ``graphbuilder`` as a user would: typer's CliRunner on the app, or a child
process where the test has to kill it, limit it or measure it. Each checks what the user
sees (the message names the file and the reason; the exit status) and what the store holds
afterwards (read back with ``graphbuilder query``). The read stage's own tests
(tests/test_read.py) cover the same inputs one function call at a time.

Exit statuses of ``ingest``: 0 everything ingested or unchanged; 3 some inputs skipped, each
listed with its reason; 1 nothing could be ingested, or an error (one line on stderr).
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile_inputs import (
    BAD_INPUTS,
    BROKEN_UTF8,
    CP1252_TEXT,
    GOOD,
    GOOD_DOC_IDS,
    HOSTILE_ACTORS,
    HOSTILE_ARTICLE,
    JSONL_LINES,
    SCRAPED_PAGE,
    BadInput,
    Run,
    child_command,
    child_env,
    count,
    doc_ids,
    gb,
    query,
    relationship_types,
    run_child,
    small_articles,
    snapshot,
    write,
    write_battery,
)

import graphbuilder
from graphbuilder.ontology import load_ontology

ALLOWED_TYPES = set(load_ontology().relationship_types) | {"MENTIONED_IN"}
SUMMARY = re.compile(
    r"^Ingested (?P<new>\d+) new article\(s\) \((?P<unchanged>\d+) unchanged, "
    r"(?P<skipped>\d+) skipped\)",
    re.M,
)
STORED_LINE = "graphbuilder.ingest: stored "  # what `graphbuilder -v ingest` logs per article


def summary_of(run: Run) -> dict[str, int]:
    match = SUMMARY.search(run.stdout)
    assert match, f"no summary line in {run.stdout!r} / {run.stderr!r}"
    return {k: int(v) for k, v in match.groupdict().items()}


def listed_skips(run: Run) -> list[str]:
    """The list printed after the summary: one line per skipped input, 'path: reason'."""
    return [line[len("  skipped "):] for line in run.lines() if line.startswith("  skipped ")]


def error_lines(run: Run) -> list[str]:
    return [line for line in run.lines() if line.strip()]


def mentioned_in(store: Path, doc_id: str) -> set[str]:
    rows = query(
        store,
        "MATCH (a:Actor)-[:MENTIONED_IN]->(t:Article {doc_id: $doc}) RETURN a.name AS name",
        doc=doc_id,
    )
    return {r["name"] for r in rows}


# ---------------------------------------------------------- items 1, 2, 5 and 15: skipped


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[b.name for b in BAD_INPUTS])
def test_hostile_cli_unusable_file_is_skipped_with_reason(tmp_path: Path, bad: BadInput) -> None:
    """Items 1 (empty, whitespace only), 2 (PNG, zip), 5 (German) and 15 (punctuation only)."""
    path = write(tmp_path / "in" / bad.name, bad.content)
    store = tmp_path / "store"
    run = gb("ingest", "--store", store, path)
    assert run.code == 1  # nothing usable in the whole run
    assert summary_of(run) == {"new": 0, "unchanged": 0, "skipped": 1}
    [listed] = listed_skips(run)
    assert listed.startswith(f"{path}: ") and bad.reason in listed, listed
    assert count(store, "MATCH (n) RETURN count(n) AS n") == 0


# ---------------------------------------------------------- item 3: encodings


def test_hostile_cli_decodes_invalid_utf8_and_windows_1252(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "zurich_cafes.txt", CP1252_TEXT.encode("cp1252"))
    write(folder / "ferry_rescue.txt", BROKEN_UTF8)
    store = tmp_path / "store"
    run = gb("ingest", "--store", store, folder)
    assert run.code == 0, run.stderr
    assert summary_of(run) == {"new": 2, "unchanged": 0, "skipped": 0}
    rows = query(store, "MATCH (t:Article) RETURN t.doc_id AS doc, t.title AS title")
    assert {r["doc"]: r["title"] for r in rows} == {
        "zurich_cafes": "Café owners in Zürich protest – “a naïve tax”",
        "ferry_rescue": "Norway thanks Poland for ferry rescue",
    }
    # "Côte d'Ivoire" decoded right, or the gazetteer would not know it as Ivory Coast
    assert {"Switzerland", "Ivory Coast"} <= mentioned_in(store, "zurich_cafes")
    assert {"Norway", "Poland"} <= mentioned_in(store, "ferry_rescue")


# ---------------------------------------------------------- item 6: a saved web page


def test_hostile_cli_html_page_only_main_text(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run = gb("ingest", "--store", store, SCRAPED_PAGE)
    assert run.code == 0, run.stderr
    [article] = query(
        store, "MATCH (t:Article) RETURN t.title AS title, t.url AS url, t.published AS date"
    )
    assert article == {
        "title": "Norway and Finland agree joint Arctic patrols",
        "url": "https://polar-ledger.example/arctic-patrols",
        "date": "2023-05-17",
    }
    actors = mentioned_in(store, "scraped_page")
    assert {"Norway", "Finland"} <= actors
    # named only in the menu, cookie banner, scripts, JSON-LD, sidebar and footer
    assert not actors & {"Brazil", "India", "Spain", "Japan", "Mexico", "Canada"}
    sentences = query(store, "MATCH (:Actor)-[r]->(:Actor) RETURN r.sentence AS s")
    for row in sentences:
        assert not re.search(r"cookie|Accept all|dataLayer|alert|Most read|Copyright", row["s"])


# ---------------------------------------------------------- item 7: JSON Lines


def test_hostile_cli_jsonl_malformed_line_reported_rest_ingested(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", "\n".join(JSONL_LINES) + "\n")
    store = tmp_path / "store"
    run = gb("ingest", "--store", store, path)
    assert run.code == 3
    assert summary_of(run) == {"new": 2, "unchanged": 0, "skipped": 1}
    [listed] = listed_skips(run)
    # the record stops short: the column is where a value was expected, at its end
    assert listed == f"{path}: line 2: malformed JSON (Expecting value, column " \
        f"{len(JSONL_LINES[1]) + 1})"
    assert doc_ids(store) == {"feed-1", "feed-3"}


# ---------------------------------------------------------- item 8: all of it at once


@pytest.fixture(scope="module")
def battery(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Run]:
    """One ingest of a directory holding every bad input beside good articles."""
    base = tmp_path_factory.mktemp("battery")
    folder = write_battery(base / "in")
    store = base / "store"
    return folder, store, gb("ingest", "--store", store, folder)


def test_hostile_cli_directory_of_everything(battery: tuple[Path, Path, Run]) -> None:
    folder, store, run = battery
    assert run.code == 3  # some inputs were skipped
    expected = {folder / bad.name: bad.reason for bad in BAD_INPUTS}
    expected[folder / "feed.jsonl"] = "line 2: malformed JSON"
    listed = listed_skips(run)
    assert len(listed) == len(expected)
    for path, reason in expected.items():
        [line] = [item for item in listed if item.startswith(f"{path}: ")]
        assert reason in line, line
    assert summary_of(run) == {"new": 8, "unchanged": 0, "skipped": len(expected)}
    assert doc_ids(store) == GOOD_DOC_IDS | {
        "zurich_cafes", "ferry_rescue", "feed-1", "feed-3", "arctic_patrols"
    }
    for doc_id in GOOD_DOC_IDS:
        assert mentioned_in(store, doc_id), doc_id  # really extracted, not just listed
    assert relationship_types(store) <= ALLOWED_TYPES


# ---------------------------------------------------------- items 9 and 10: hostile text

# Articles of the hostile run, beside tests/data/hostile/hostile_article.txt.
HOSTILE_FEED = [
    {"id": "[/bold]", "title": "<script>alert('title')</script>",
     "url": "javascript:alert(1)",
     "text": "Kenya thanked Ethiopia on Tuesday for reopening the border crossing at Moyale."},
    {"id": "escape-title", "title": "\x1b[2J\x1b]0;pwned\x07Chile praises Peru",
     "text": "Chile praised Peru on Thursday for its help in fighting the forest fires."},
]
# Verbs no ontology has: no relationship type may ever be made from them (item 10).
MADE_UP_VERBS = (
    "Border quarrels\n\n"
    "Kenya defenestrated Ethiopia on Monday. Chile outblorfed Peru in Lima. Norway "
    "detach-deleted Finland at the summit. Poland MERGEd Turkey, and Egypt "
    "UNWINDed Ghana after the vote.\n"
)
HOSTILE_NAMES = [a["name"] for a in yaml.safe_load(HOSTILE_ACTORS.read_text("utf-8"))["actors"]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in"
    write(folder / "hostile_article.txt", HOSTILE_ARTICLE.read_text("utf-8"))
    write(folder / "feed.jsonl", "".join(json.dumps(r) + "\n" for r in HOSTILE_FEED))
    write(folder / "made_up_verbs.txt", MADE_UP_VERBS)
    write(folder / "kenya_border.txt", GOOD["kenya_border.txt"])
    store = base / "store"
    run = gb("ingest", "--store", store, "--actors", HOSTILE_ACTORS, folder)
    assert run.code == 0, run.stderr
    return store, run


def test_hostile_cli_names_stored_verbatim(hostile: tuple[Path, Run]) -> None:
    store, _ = hostile
    names = {r["name"] for r in query(store, "MATCH (a:Actor) RETURN a.name AS name")}
    assert set(HOSTILE_NAMES) <= names
    # nothing was deleted: every article and the ordinary actors are all there
    assert doc_ids(store) == {
        "hostile_article", "[/bold]", "escape-title", "made_up_verbs", "kenya_border"
    }
    assert {"Kenya", "Ethiopia", "Chile", "Peru"} <= names
    facts = query(
        store, "MATCH (a:Actor)-[r]->(b:Actor) RETURN a.name AS subject, b.name AS object"
    )
    hostile_ends = {f["subject"] for f in facts} & set(HOSTILE_NAMES)
    assert len(hostile_ends) >= 3, hostile_ends  # facts about them were stored, too
    [titled] = query(store, "MATCH (t:Article {doc_id: '[/bold]'}) RETURN t.title AS title, "
                            "t.url AS url")
    assert titled == {"title": "<script>alert('title')</script>", "url": "javascript:alert(1)"}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_cli_name_as_query_parameter(hostile: tuple[Path, Run], name: str) -> None:
    store, _ = hostile
    size = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r"
    before = query(store, size)
    rows = query(store, "MATCH (a:Actor {name: $name}) RETURN a.name AS name", name=name)
    assert rows == [{"name": name}]
    assert query(store, size) == before


def test_hostile_cli_query_prints_names_literally(hostile: tuple[Path, Run]) -> None:
    store, _ = hostile
    cypher = "MATCH (a:Actor) RETURN a.name AS name ORDER BY name"
    table = gb("query", "--store", store, cypher)
    assert table.code == 0
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout  # no terminal control
    for name in HOSTILE_NAMES:
        shown = name.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
        for line in shown.split("\n"):  # a line break inside a name breaks the cell's line
            assert line in table.stdout, line
    as_csv = gb("query", "--store", store, "--format", "csv", cypher)
    read_back = [row[0] for row in csv.reader(io.StringIO(as_csv.stdout))]
    assert set(HOSTILE_NAMES) <= set(read_back[1:])
    titles = gb("query", "--store", store, "MATCH (t:Article) RETURN t.title AS title")
    assert "\\x1b[2J\\x1b]0;pwned\\x07Chile praises Peru" in titles.stdout
    assert "<script>alert('title')</script>" in titles.stdout


def test_hostile_cli_no_relationship_type_from_text(hostile: tuple[Path, Run]) -> None:
    store, _ = hostile
    assert relationship_types(store) <= ALLOWED_TYPES
    assert {"Kenya", "Ethiopia", "Chile", "Peru"} <= mentioned_in(store, "made_up_verbs")


def test_hostile_cli_ontology_with_cypher_in_a_name_refused(tmp_path: Path) -> None:
    ontology = write(
        tmp_path / "ontology.yaml",
        "- predicate: \"X`]->() DETACH DELETE n //\"\n  lemmas: [blorf]\n",
    )
    store = tmp_path / "store"
    run = gb("ingest", "--store", store, "--ontology", ontology, write(
        tmp_path / "a.txt", GOOD["kenya_border.txt"]))
    assert run.code == 1
    assert error_lines(run) == [
        f"error: {ontology}: predicate 'X`]->() DETACH DELETE n //' must be UPPER_CASE "
        "letters/digits/_"
    ]
    assert not store.exists()


# A role and a place: facts the extraction rules make whatever the ontology lists.
STRUCTURAL_FACTS = (
    "Space feud\n\nMOSCOW, May 9, 2022 - Dmitry Rogozin, the head of the Russian space agency "
    "Roscosmos, spoke on Sunday. Kenya accused Ethiopia of sending troops across the border. "
    "President William Ruto met the Ethiopian ambassador in Nairobi.\n"
)


def test_hostile_cli_ontology_without_structural_predicates(tmp_path: Path) -> None:
    ontology = write(
        tmp_path / "ontology.yaml",
        "- predicate: ACCUSE\n  cameo: '112'\n  quad_class: VERBAL_CONFLICT\n"
        "  weight: -2.0\n  lemmas: [accuse]\n",
    )
    store = tmp_path / "store"
    article = write(tmp_path / "a.txt", STRUCTURAL_FACTS)
    run = gb("ingest", "--store", store, "--ontology", ontology, article)
    assert run.code == 0, run.stderr
    # the role (LEADS, with the bundled ontology) is dropped, the accusation kept
    assert relationship_types(store) == {"ACCUSE", "MENTIONED_IN"}


def test_hostile_cli_ontology_cannot_take_the_mention_type(tmp_path: Path) -> None:
    bundled = Path(graphbuilder.__file__).parent / "data" / "ontology.yaml"
    text = bundled.read_text("utf-8").replace("- predicate: ACCUSE\n",
                                              "- predicate: MENTIONED_IN\n")
    ontology = write(tmp_path / "ontology.yaml", text)
    store = tmp_path / "store"
    article = write(tmp_path / "a.txt", GOOD["kenya_border.txt"])
    run = gb("ingest", "--store", store, "--ontology", ontology, article)
    assert run.code == 1
    [line] = error_lines(run)
    assert line.startswith(f"error: {ontology}") and "MENTIONED_IN is reserved" in line, line
    assert not store.exists()  # refused before anything was written


# ---------------------------------------------------------- item 9 in a real browser


@pytest.mark.browser
def test_hostile_cli_exported_page_shows_names_as_text(
    hostile: tuple[Path, Run], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright
    from test_draw_browser import CHROMIUM, CHROMIUM_ARGS

    store, _ = hostile
    page_path = tmp_path / "hostile.html"
    run = gb("export", "html", "--store", store, "-o", page_path)
    assert run.code == 0, run.stderr
    actors, facts = map(int, re.search(r"(\d+) actors, (\d+) facts", run.stdout).groups())
    [edges] = query(  # the page draws one edge per subject, object, predicate and negation
        store,
        "MATCH (a:Actor)-[r]->(b:Actor) "
        "RETURN count(DISTINCT [a.id, b.id, type(r), r.negated]) AS n, count(r) AS facts",
    )
    assert edges["facts"] == facts
    ends = query(store, "MATCH (a:Actor)-[r]->(b:Actor) RETURN a.name AS a, b.name AS b")
    in_facts = {e[k] for e in ends for k in "ab"} & set(HOSTILE_NAMES)
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        deadline = time.monotonic() + 60
        while not page.evaluate("Boolean(window.graphbuilder && graphbuilder.ready)"):
            assert time.monotonic() < deadline, "the page never finished drawing"
            time.sleep(0.05)
        js = page.evaluate
        assert js("[graphbuilder.nodes.length, graphbuilder.edges.length]") == [
            actors, edges["n"]
        ]
        names = js("graphbuilder.nodes.get().map(n => n.name)")
        assert set(HOSTILE_NAMES) <= set(names)
        # every actor's panel, then every edge's evidence: names and sentences as text
        headings = js(
            """graphbuilder.nodes.get().map(n => { graphbuilder.showNode(n.id);
               return [n.name, document.querySelector('#gb-panel h3').textContent]; })"""
        )
        for name, heading in headings:
            assert name in heading, (name, heading)
        shown = js(
            """graphbuilder.edges.getIds().map(id => { graphbuilder.showEdge(id);
               return document.getElementById('gb-panel').textContent; }).join(' ')"""
        )
        for name in in_facts:
            assert name in shown, name
        assert "49 Azure" not in js("document.body.textContent")  # no template ran
        assert js("document.querySelectorAll('img, iframe, object, embed, [onerror]').length") == 0
        assert js("Array.from(document.scripts).every(s => !s.src)")
        browser.close()
    assert dialogs == []
    assert errors == []
    assert requests == [page_path.as_uri()]


# ---------------------------------------------------------- item 11: the same article again


def test_hostile_cli_same_article_twice_and_renamed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    text = GOOD["kenya_border.txt"]
    write(folder / "kenya_border.txt", text)
    write(folder / "copy_of_kenya_border.txt", text)
    write(folder / "kenya (windows).txt", text.replace("\n", "  \r\n").encode("utf-8"))
    store = tmp_path / "store"
    first = gb("ingest", "--store", store, folder)
    assert first.code == 0
    assert summary_of(first) == {"new": 1, "unchanged": 2, "skipped": 0}
    before = snapshot(store)
    assert before["articles"] == 1 and before["facts"] > 0
    write(folder / "saved_again.json", json.dumps({"title": "Another title", "text": text}))
    again = gb("ingest", "--store", store, folder)
    assert again.code == 0
    assert summary_of(again) == {"new": 0, "unchanged": 4, "skipped": 0}
    assert snapshot(store) == before


# ---------------------------------------------------------- item 12: killed half-way

KILL_ARTICLES = 40
KILL_AFTER = 6


@pytest.fixture(scope="module")
def kill_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Many small articles, and the store an uninterrupted run makes of them."""
    base = tmp_path_factory.mktemp("kill")
    folder = base / "in"
    small_articles(folder, KILL_ARTICLES)
    reference = base / "reference"
    run = gb("ingest", "--store", reference, folder)
    assert run.code == 0, run.stderr
    return folder, snapshot(reference)


def test_hostile_cli_killed_ingest_resumes(
    kill_inputs: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, reference = kill_inputs
    store = tmp_path / "store"
    child = subprocess.Popen(
        child_command("-v", "ingest", "--store", store, folder),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=child_env(),
    )
    stored = 0
    try:
        assert child.stderr is not None
        for line in child.stderr:
            stored += STORED_LINE in line
            if stored == KILL_AFTER:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert stored == KILL_AFTER and child.returncode == -signal.SIGKILL
    # Whatever the kill interrupted, each article in the store is complete.
    partial = snapshot(store)
    assert KILL_AFTER <= partial["articles"] < KILL_ARTICLES
    for doc, mentions in partial["mentions"].items():
        assert mentions == reference["mentions"][doc], doc
        assert partial["facts_per_doc"].get(doc, 0) == reference["facts_per_doc"].get(doc, 0)
    rerun = gb("ingest", "--store", store, folder)
    assert rerun.code == 0, rerun.stderr
    assert summary_of(rerun) == {
        "new": KILL_ARTICLES - partial["articles"], "unchanged": partial["articles"],
        "skipped": 0,
    }
    resumed = snapshot(store)
    assert resumed == reference  # same articles, actors, facts; no duplicates
    assert resumed["article_ids"] == resumed["articles"] == KILL_ARTICLES
    assert resumed["fact_ids"] == resumed["facts"] and resumed["actor_ids"] == resumed["actors"]


# ---------------------------------------------------------- item 13: read-only or full store


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("a_file", "is a file, not a store directory"),
        ("a_file/store", "Not a directory"),
        ("a_file/deeper/store", "Not a directory"),
    ],
)
def test_hostile_cli_store_path_unusable(tmp_path: Path, where: str, reason: str) -> None:
    write(tmp_path / "a_file", "not a store")
    store = tmp_path / where
    run = gb("ingest", "--store", store, write(tmp_path / "a.txt", GOOD["kenya_border.txt"]))
    assert run.code == 1
    [line] = error_lines(run)
    assert line.startswith("error: ") and str(store) in line, line
    assert reason.lower() in line.lower(), line


def test_hostile_cli_store_in_read_only_directory(tmp_path: Path) -> None:
    parent = tmp_path / "read_only"
    parent.mkdir(mode=0o555)
    store = parent / "store"
    article = write(tmp_path / "a.txt", GOOD["kenya_border.txt"])
    run = run_child("ingest", "--store", store, article, obey_file_modes=True)
    assert run.code == 1
    [line] = error_lines(run)
    assert line.startswith(f"error: cannot create the store {store}: ")
    assert line.endswith("; choose a writable --store directory")
    assert not store.exists()


@pytest.fixture(scope="module")
def read_only_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Run]]:
    """A store holding one article, made read-only, then given to ingest."""
    base = tmp_path_factory.mktemp("read_only_store")
    store = base / "store"
    article = write(base / "kenya_border.txt", GOOD["kenya_border.txt"])
    assert gb("ingest", "--store", store, article).code == 0
    before = snapshot(store)
    modes = {p: p.stat().st_mode for p in [store, *store.iterdir()]}
    for path in modes:
        path.chmod(0o555 if path.is_dir() else 0o444)
    other = write(base / "fishing_accord.md", GOOD["fishing_accord.md"])
    run = run_child("ingest", "--store", store, other, obey_file_modes=True)
    yield store, run
    for path, mode in modes.items():
        path.chmod(mode)
    assert snapshot(store) == before  # the refused run changed nothing


def test_hostile_cli_read_only_store(read_only_store: tuple[Path, Run]) -> None:
    store, run = read_only_store
    assert run.code == 1
    assert run.stderr.strip() == (
        f"error: cannot open the store {store}: Permission denied; "
        "choose a writable --store directory"
    )
    assert len(error_lines(run)) == 1, run.stderr  # no Java log lines, no traceback


# Big enough for the store to be created, too small for the first article's write.
FULL_AT = 3_000_000


@pytest.fixture(scope="module")
def full_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Run]:
    """An ingest whose files may not grow past FULL_AT bytes: a full disk, portably."""
    base = tmp_path_factory.mktemp("full_store")
    folder = base / "in"
    for name, text in GOOD.items():
        write(folder / name, text)
    store = base / "store"
    return folder, store, run_child("ingest", "--store", store, folder, fsize=FULL_AT)


def test_hostile_cli_full_store(full_store: tuple[Path, Path, Run]) -> None:
    folder, store, run = full_store
    assert run.code == 1
    [line] = error_lines(run)
    assert line.startswith("error: cannot ") and f"the store {store}: the disk is full" in line
    stored = int(re.search(r"; (\d+) new article\(s\) of this run were stored before it$",
                           line).group(1))
    # with room again, the same command finishes the job, and nothing is there twice
    rerun = gb("ingest", "--store", store, folder)
    assert rerun.code == 0, rerun.stderr
    assert summary_of(rerun)["unchanged"] == stored
    after = snapshot(store)
    assert after["articles"] == after["article_ids"] == len(GOOD)
    assert after["facts"] == after["fact_ids"]


# ---------------------------------------------------------- item 14: files change mid-run


def test_hostile_cli_file_vanishes_or_locked_during_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    articles = small_articles(folder, 48)  # more than one parser batch (32) ahead
    vanishing = write(folder / "zz_vanishing.txt", GOOD["kenya_border.txt"])
    locked = write(folder / "zz_locked.txt", GOOD["fishing_accord.md"])
    store = tmp_path / "store"
    child = subprocess.Popen(
        child_command("-v", "ingest", "--store", store, folder, obey_file_modes=True),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(),
    )
    assert child.stderr is not None and child.stdout is not None
    lines = []
    for line in child.stderr:
        lines.append(line)
        if STORED_LINE in line:  # the directory is listed; the last two files are not read
            break
    vanishing.unlink()
    locked.chmod(0)
    stderr = "".join(lines) + child.stderr.read()
    stdout = child.stdout.read()
    run = Run(child.wait(timeout=300), stdout, stderr)
    assert run.code == 3, run.stderr
    assert sorted(listed_skips(run)) == [
        f"{locked}: permission denied",
        f"{vanishing}: file vanished during the run",
    ]
    assert doc_ids(store) == {p.stem for p in articles}


# ---------------------------------------------------------- item 15: extremes of length


def test_hostile_cli_ten_thousand_token_sentence(tmp_path: Path) -> None:
    countries = ["Kenya", "Ethiopia", "Chile", "Peru", "Norway", "Finland", "Poland", "Turkey"]
    verbs = ["accused", "praised", "criticised", "thanked"]
    words = ["The", "ministers", "said", "that"]
    i = 0
    while len(words) < 10_000:
        words += [countries[i % 8], verbs[i % 4], countries[(i * 3 + 1) % 8], "and", "then"]
        i += 1
    path = write(tmp_path / "long_sentence.txt", "Endless communique\n\n" + " ".join(words))
    store = tmp_path / "store"
    began = time.monotonic()
    run = gb("ingest", "--store", store, path)
    seconds = time.monotonic() - began
    assert run.code == 0, run.stderr
    assert seconds < 180, f"a 10,000-token sentence took {seconds:.0f} s"
    print(f"10,000-token sentence: ingested in {seconds:.1f} s")
    assert set(countries) <= mentioned_in(store, "long_sentence")
    assert relationship_types(store) <= ALLOWED_TYPES


# ---------------------------------------------------------- item 4: a very large file

LARGE_CHARS = 400_000  # as large as a CI run affords: the 50 MB case is in benchmarks/
SMALL_CHARS = 40_000


def _news_text(chars: int) -> str:
    """A long report, one paragraph per line and no blank lines (as many scrapers save
    text), so the parser gets pieces of the full 20,000 characters."""
    countries = ["Kenya", "Ethiopia", "Chile", "Peru", "Norway", "Finland", "Poland", "Turkey",
                 "Egypt", "Ghana", "Brazil", "India", "Japan", "Mexico", "Canada", "Spain"]
    paragraphs = ["A year of diplomacy"]
    size, i = 0, 0
    while size < chars:
        a, b = countries[i % 16], countries[(i * 7 + 3) % 16]
        paragraph = (
            f"On day {i}, the government of {a} accused {b} of blocking talks about trade and "
            "water. Ministers said the meeting in the capital had been useful and that more "
            "talks would follow next month."
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
        i += 1
    return paragraphs[0] + "\n\n" + "\n".join(paragraphs[1:]) + "\n"


def _measured_ingest(path: Path, store: Path) -> tuple[Run, int, float]:
    """Run ingest in a child; its exit status, output, peak RSS (bytes) and seconds."""
    began = time.monotonic()
    child = subprocess.Popen(
        child_command("ingest", "--store", store, path),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(),
    )
    # The child's own high-water mark, polled from /proc while it runs. Its ru_maxrss would
    # not do: after fork and exec it starts from this (large) pytest process's peak.
    peak_kb = 0
    with child:
        pumps = [_Drain(child.stdout), _Drain(child.stderr)]
        while child.poll() is None:
            peak_kb = max(peak_kb, _high_water_kb(child.pid))
            time.sleep(0.1)
        stdout, stderr = (pump.result() for pump in pumps)
    seconds = time.monotonic() - began
    run = Run(child.returncode, stdout.decode(), stderr.decode())
    return run, peak_kb * 1024, seconds


def _high_water_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return int(next(line for line in status if line.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):  # the child has just exited
        return 0


class _Drain:
    """Read a pipe to its end in a thread, so a chatty child never blocks on a full pipe."""

    def __init__(self, pipe: Any) -> None:
        self._chunks: list[bytes] = []
        self._thread = threading.Thread(target=lambda: self._chunks.append(pipe.read()))
        self._thread.start()

    def result(self) -> bytes:
        self._thread.join()
        return b"".join(self._chunks)


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("large")
    results = {}
    for label, chars in (("small", SMALL_CHARS), ("large", LARGE_CHARS)):
        path = write(base / f"{label}.txt", _news_text(chars))
        store = base / f"{label}-store"
        run, peak, seconds = _measured_ingest(path, store)
        print(f"{label}: {path.stat().st_size / 1e6:.2f} MB in {seconds:.1f} s, "
              f"peak RSS {peak / 2**20:.0f} MiB")
        results[label] = {"run": run, "peak": peak, "seconds": seconds, "store": store}
    return results


def test_hostile_cli_large_file_ingested(large_file: dict[str, Any]) -> None:
    large = large_file["large"]
    assert large["run"].code == 0, large["run"].stderr
    assert summary_of(large["run"]) == {"new": 1, "unchanged": 0, "skipped": 0}
    facts = count(large["store"], "MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n")
    assert facts > 100  # the whole text was read, chunk after chunk


def test_hostile_cli_large_file_memory_bounded(large_file: dict[str, Any]) -> None:
    growth = large_file["large"]["peak"] - large_file["small"]["peak"]
    assert growth < 150 * 2**20, f"10x the text took {growth / 2**20:.0f} MiB more memory"
