"""The Neo4j backend over Bolt, against a real Bolt server (ArcadeDB's Bolt plugin):
clear failures, credentials from the environment, and atomicity when the server dies."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from graphbuilder.errors import StoreAuthError, StoreError, StoreUnavailable
from graphbuilder.store import open_store
from graphbuilder.store.neo4j import Neo4jStore
from graphbuilder.store.synthetic import synthetic_graphs
from graphbuilder.store.testserver import BoltTestServer, free_port

pytestmark = pytest.mark.bolt


def test_store_bolt_wrong_password_is_a_clear_auth_error(bolt_server: BoltTestServer) -> None:
    wrong = "not-the-password-4711"
    with pytest.raises(StoreAuthError) as info:
        open_store(neo4j_uri=bolt_server.uri, user="root", password=wrong, database="kg")
    message = str(info.value)
    assert message == (
        f"Neo4j at {bolt_server.uri} rejected the user name or password; check --user and "
        "--password (or NEO4J_USERNAME and NEO4J_PASSWORD)"
    )
    assert wrong not in message and bolt_server.password not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


@pytest.mark.parametrize(
    ("uri", "database", "error", "expected"),
    [
        (
            "bolt://127.0.0.1:{free}",
            "kg",
            StoreUnavailable,
            "cannot reach Neo4j at bolt://127.0.0.1:{free} ([Errno 111] Connection refused); "
            "check that the server is running",
        ),
        (
            "{server}",
            "nosuchdb",
            StoreUnavailable,
            "database 'nosuchdb' does not exist on {server}; create it, or name another one "
            "with --database",
        ),
        (
            "bolt+s://127.0.0.1:{port}",
            "kg",
            StoreUnavailable,
            "cannot open a TLS connection to bolt+s://127.0.0.1:{port}",
        ),
        (
            "neo4j+s://127.0.0.1:{port}",
            "kg",
            StoreUnavailable,
            "cannot open a TLS connection to neo4j+s://127.0.0.1:{port}",
        ),
        (
            "http://127.0.0.1:{port}",
            "kg",
            StoreUnavailable,
            "http://127.0.0.1:{port} is not a Neo4j address; use one of bolt://",
        ),
    ],
)
def test_store_bolt_unreachable_is_one_clear_line(
    bolt_server: BoltTestServer,
    uri: str,
    database: str,
    error: type[StoreError],
    expected: str,
) -> None:
    names = {"free": free_port(), "server": bolt_server.uri, "port": bolt_server.bolt_port}
    with pytest.raises(error) as info:
        open_store(
            neo4j_uri=uri.format(**names),
            user="root",
            password=bolt_server.password,
            database=database,
        )
    message = str(info.value)
    assert message.startswith(expected.format(**names))
    assert "\n" not in message
    assert bolt_server.password not in message


def test_store_bolt_password_in_uri_never_shows(bolt_server: BoltTestServer) -> None:
    uri = f"bolt://root:{bolt_server.password}@127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailable) as info:
        open_store(neo4j_uri=uri, password=bolt_server.password, database="kg")
    assert bolt_server.password not in str(info.value)
    assert "bolt://127.0.0.1:" in str(info.value)


def test_store_bolt_credentials_and_database_from_environment(
    bolt_server: BoltTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_USERNAME", bolt_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_server.password)
    monkeypatch.setenv("NEO4J_DATABASE", bolt_server.database)
    with open_store(neo4j_uri=bolt_server.uri) as store:
        assert store.describe() == f"Neo4j at {bolt_server.uri} (database 'kg')"
        assert store.query("RETURN 1 AS one") == [{"one": 1}]
    monkeypatch.setenv("NEO4J_DATABASE", "elsewhere")
    with pytest.raises(StoreUnavailable, match="database 'elsewhere' does not exist"):
        open_store(neo4j_uri=bolt_server.uri)


def _article_state(store: Neo4jStore) -> dict[str, tuple[int, int]]:
    """article id -> (facts citing it, MENTIONED_IN into it); absent articles have no key."""
    facts = {
        r["id"]: r["n"]
        for r in store.query(
            "MATCH (:Actor)-[r]->(:Actor) RETURN r.article_id AS id, count(r) AS n"
        )
    }
    mentions = {
        r["id"]: r["n"]
        for r in store.query(
            "MATCH (art:Article) OPTIONAL MATCH (:Actor)-[m:MENTIONED_IN]->(art) "
            "RETURN art.id AS id, count(m) AS n"
        )
    }
    assert set(facts) <= set(mentions), "facts of an article that is not in the store"
    return {a: (facts.get(a, 0), mentions[a]) for a in mentions}


def test_store_bolt_kill_mid_load_leaves_articles_whole_or_absent(tmp_path: Path) -> None:
    graphs = list(synthetic_graphs(2500, n_actors=300, facts_per_article=10))
    expected = {g.article.id: (len(g.facts), len(g.actors)) for g in graphs}
    server = BoltTestServer(tmp_path / "server", heap="512m").start()
    try:
        errors: list[BaseException] = []

        def load() -> None:
            try:
                with Neo4jStore(
                    server.uri,
                    user=server.user,
                    password=server.password,
                    database=server.database,
                    max_retry_time=2.0,
                    batch_size=10,  # a transaction holds five articles (50 facts)
                ) as store:
                    store.write_articles(graphs)
            except BaseException as exc:
                errors.append(exc)

        loader = threading.Thread(target=load)
        loader.start()
        with Neo4jStore(
            server.uri, user=server.user, password=server.password, database=server.database
        ) as watcher:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and loader.is_alive():
                if watcher.query("MATCH (a:Article) RETURN count(a) AS n")[0]["n"] >= 20:
                    break
                time.sleep(0.05)
        server.kill()
        loader.join(120)
        assert not loader.is_alive()
        assert len(errors) == 1 and isinstance(errors[0], StoreUnavailable), errors

        server.start()
        with Neo4jStore(
            server.uri, user=server.user, password=server.password, database=server.database
        ) as store:
            state = _article_state(store)
            assert 0 < len(state) < len(graphs)  # killed mid-load
            for article_id, got in state.items():
                assert got == expected[article_id], article_id  # whole, never partial
            assert store.write_articles(graphs) == len(graphs)  # the rerun completes
            assert _article_state(store) == expected
            assert store.stats()["facts"] == 2500
    finally:
        server.stop()
