"""Shared pytest fixtures. Helpers append fixtures here; keep each one small and documented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from graphbuilder.store import GraphStore
    from graphbuilder.store.testserver import BoltTestServer

REPO = Path(__file__).resolve().parents[1]
# ../shared sits beside the clone in development and CI; the product never needs it.
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    assert SHARED.is_dir(), f"../shared not found beside the repository ({SHARED})"
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


# ---------------------------------------------------------------- store stage: Bolt server
# A real Bolt server for Neo4j-path tests: ArcadeDB's Bolt plugin from the arcadedb-embedded
# wheel, started once per session on free loopback ports (see graphbuilder.store.testserver).


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltTestServer]:
    from graphbuilder.store.testserver import BoltTestServer

    server = BoltTestServer(tmp_path_factory.mktemp("bolt-server")).start()
    yield server
    server.stop()


@pytest.fixture
def bolt_store(bolt_server: BoltTestServer) -> Iterator[GraphStore]:
    """An empty Neo4j-backend store on the session's Bolt server (cleared before each test)."""
    from graphbuilder.store import open_store

    bolt_server.clear()
    with open_store(
        neo4j_uri=bolt_server.uri,
        user=bolt_server.user,
        password=bolt_server.password,
        database=bolt_server.database,
    ) as store:
        yield store


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[GraphStore]:
    """An empty embedded ArcadeDB store in a fresh directory."""
    from graphbuilder.store import open_store

    with open_store(tmp_path / "store") as store:
        yield store
