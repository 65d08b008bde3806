"""The embedded ArcadeDB store: opening, locking, defaults, and copying into Neo4j over Bolt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graphbuilder.errors import StoreUnavailable
from graphbuilder.store import GraphStore, copy_store, open_store
from graphbuilder.store.synthetic import synthetic_graphs

_HOLD = """
import sys
from graphbuilder.store import open_store
with open_store(sys.argv[1]):
    print("open", flush=True)
    sys.stdin.read()
"""


def test_store_embedded_locked_by_another_process(tmp_path: Path) -> None:
    location = tmp_path / "store"
    with open_store(location):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(location)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreUnavailable) as info:
            open_store(location)
        message = str(info.value)
        assert "in use by another graphbuilder process" in message
        assert str(location.resolve()) in message
        assert "\n" not in message
    finally:
        holder.communicate("", timeout=60)
    with open_store(location) as store:  # free again once the other process is gone
        assert store.stats()["articles"] == 0


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("file", "is a file, not a store directory"),
        ("foreign", "is not empty and not a graphbuilder store"),
        ("under_file", "Not a directory"),
    ],
)
def test_store_embedded_unusable_location(tmp_path: Path, setup: str, expected: str) -> None:
    target = tmp_path / "target"
    if setup == "file":
        target.write_text("not a store")
    elif setup == "foreign":
        target.mkdir()
        (target / "notes.txt").write_text("my notes")
    else:
        (tmp_path / "plain").write_text("a file")
        target = tmp_path / "plain" / "store"
    with pytest.raises(StoreUnavailable, match=expected) as info:
        open_store(target)
    assert str(target) in str(info.value) and "\n" not in str(info.value)
    if setup == "foreign":
        assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]  # left untouched


_FILL = """
import resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000_000, 20_000_000))  # a full disk, portably
from graphbuilder.errors import StoreError
from graphbuilder.store import open_store
from graphbuilder.store.synthetic import synthetic_graphs
written = 0
try:
    with open_store(sys.argv[1]) as store:
        for graph in synthetic_graphs(50_000, n_actors=2_000):
            store.write_article(graph)
            written += 1
except StoreError as exc:
    print(type(exc).__name__, written, exc, sep="|")
"""


def test_store_embedded_full_disk_is_one_clear_line(tmp_path: Path) -> None:
    location = tmp_path / "store"
    child = subprocess.run(
        [sys.executable, "-c", _FILL, str(location)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert child.returncode == 0, child.stderr
    assert child.stderr == ""  # no Java log lines or stack traces
    kind, written, message = child.stdout.rstrip("\n").split("|")
    assert kind == "StoreUnavailable"
    assert message.startswith("cannot ")
    assert f"the store {location}: the disk is full (File too large); free some space" in message
    with open_store(location) as store:  # what was committed is whole
        assert store.stats()["articles"] == int(written)


def test_store_embedded_reopen_keeps_data_and_shares_one_handle(tmp_path: Path) -> None:
    location = tmp_path / "store"
    graphs = list(synthetic_graphs(30, n_actors=10))
    with open_store(location) as first, open_store(location) as second:
        assert first.write_articles(graphs) == 3
        assert second.stats()["facts"] == 30  # same database, seen at once
    with open_store(location) as again:
        assert again.stats()["facts"] == 30
        assert again.has_article(graphs[0].article.id)


def test_store_embedded_default_location_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRAPHBUILDER_STORE", str(tmp_path / "from-env"))
    with open_store() as store:
        store.ensure_schema()
    monkeypatch.delenv("GRAPHBUILDER_STORE")
    with open_store() as store:
        store.ensure_schema()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["from-env", "graphbuilder-data"]


_COMPARE = [
    "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases "
    "ORDER BY id",
    "MATCH (s:Actor)-[r]->(o:Actor) RETURN r.id AS id, type(r) AS type, s.id AS s, o.id AS o, "
    "r.sentence AS sentence, r.published AS published, r.weight AS weight ORDER BY id",
    "MATCH (a:Actor)-[m:MENTIONED_IN]->(art:Article) RETURN a.id AS a, art.id AS art, "
    "m.count AS count ORDER BY a, art",
    "MATCH (a:Article) RETURN a.id AS id, a.doc_id AS doc_id, a.title AS title, "
    "a.published AS published ORDER BY id",
]


def test_store_copy_embedded_to_bolt_is_idempotent(
    embedded_store: GraphStore, bolt_store: GraphStore
) -> None:
    graphs = list(synthetic_graphs(600, n_actors=40))
    embedded_store.write_articles(graphs)
    first = copy_store(embedded_store, bolt_store)
    assert first == {"articles": 60, "articles_new": 60, "actors": 40, "facts": 600}
    stats = bolt_store.stats()
    second = copy_store(embedded_store, bolt_store)
    assert second == {**first, "articles_new": 0}
    assert bolt_store.stats() == stats == embedded_store.stats()
    for query in _COMPARE:
        assert bolt_store.query(query) == embedded_store.query(query)


def test_store_embedded_parameters_cross_as_the_binding_would_convert_them() -> None:
    import jpype

    from graphbuilder.store import arcadedb

    arcadedb.start_jvm()
    params = {"rows": [{"i": 3, "f": -2.0, "b": True, "n": None, "l": [1, 2], "s": "日本 😀"}]}
    row = arcadedb._java_params(params).get("rows").get(0)
    assert str(row.get("i").getClass().getName()) == "java.lang.Long"
    assert str(row.get("f").getClass().getName()) == "java.lang.Double"
    assert str(row.get("b").getClass().getName()) == "java.lang.Boolean"
    assert row.containsKey("n") and row.get("n") is None
    assert [int(x) for x in row.get("l")] == [1, 2]
    assert str(row.get("s")) == "日本 😀"
    assert isinstance(arcadedb._java_params(params), jpype.JObject)
    hex_id = {"rows": [{"id": "ab1234567890123456789012cd", "n": 2**62 // 1000}]}
    assert isinstance(arcadedb._java_params(hex_id), jpype.JObject)
    # what JSON cannot carry exactly keeps the binding's own conversion
    for odd in (float("nan"), 2**64, b"bytes", "lone \udc80 surrogate"):
        plain = {"rows": [{"x": odd}]}
        assert arcadedb._java_params(plain) is plain
