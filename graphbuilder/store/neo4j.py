"""Neo4j (or any Bolt server that speaks Cypher) through the official ``neo4j`` driver.

One driver per store; every write goes through a managed transaction
(``session.execute_write``), which the driver retries on transient errors, and every
call names the database. Errors become one line that says what failed and how to fix
it; the password never appears in them (nor does a user name or the user part of a URI).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from graphbuilder.errors import QueryError, StoreAuthError, StoreError, StoreUnavailable
from graphbuilder.ontology import Ontology
from graphbuilder.store import values
from graphbuilder.store.base import GraphStore
from graphbuilder.store.rows import Statement, run_statements

log = logging.getLogger(__name__)
# The driver logs failed connections itself; without a handler Python would print them
# to stderr beside our one-line error. Applications that configure logging still see them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_DATABASE = "neo4j"


def safe_uri(uri: str) -> str:
    """``scheme://host:port`` without any user, password, path or query."""
    try:
        parts = urlsplit(uri)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "the given Neo4j URI"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}"


def _uri_password(uri: str) -> str | None:
    try:
        return urlsplit(uri).password
    except ValueError:
        return None


class Neo4jStore(GraphStore):
    """The actor graph in a Neo4j database, over Bolt.

    ``user``, ``password`` and ``database`` fall back to the environment variables
    NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE, then to ``neo4j``/none/``neo4j``.
    The connection, the credentials and the database are checked on opening.
    ``max_retry_time`` bounds how long the driver retries a transaction through
    transient failures before giving up.
    """

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        ontology: Ontology | None = None,
        batch_size: int = 1000,
        max_retry_time: float = 30.0,
        connection_timeout: float = 15.0,
    ) -> None:
        super().__init__(ontology=ontology, batch_size=batch_size)
        import neo4j

        from graphbuilder import __version__

        self.uri = safe_uri(uri)
        self.database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        user = user if user is not None else os.environ.get("NEO4J_USERNAME", "neo4j")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        # only passwords are scrubbed: a user name such as "neo4j" would mangle every message
        self._secrets = [s for s in (password, _uri_password(uri)) if s and len(s) >= 4]
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in SCHEMES:
            raise StoreUnavailable(
                f"{self.uri} is not a Neo4j address; use one of "
                + ", ".join(f"{s}://" for s in SCHEMES)
                + " (for example bolt://localhost:7687)"
            )
        self._tls = "+s" in scheme
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password) if password is not None else None,
                max_transaction_retry_time=max_retry_time,
                connection_timeout=connection_timeout,
                user_agent=f"graphbuilder/{__version__}",
            )
        except Exception as exc:  # malformed URI or driver settings
            raise StoreUnavailable(
                f"cannot use the Neo4j address {self.uri}: {self._scrub(str(exc))}"
            ) from None
        try:
            self._driver.verify_connectivity()
            with self._driver.session(database=self.database) as session:
                session.execute_read(lambda tx: tx.run("RETURN 1 AS ok").consume())
        except Exception as exc:
            self._driver.close()
            raise self._error(exc) from None

    def describe(self) -> str:
        return f"Neo4j at {self.uri} (database {self.database!r})"

    def _close(self) -> None:
        self._driver.close()

    # ---------------------------------------------------------------- primitives

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(cypher, params or {})
            return [{k: _plain(v) for k, v in record.items()} for record in result]

        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_read(work)
        except Exception as exc:
            raise self._error(exc, query=True) from None

    def _write(self, statements: Sequence[Statement]) -> None:
        def work(tx: Any) -> None:
            def execute(statement: Statement) -> list[dict[str, Any]]:
                return [dict(record) for record in tx.run(statement.cypher, statement.params)]

            run_statements(statements, execute)

        try:
            with self._driver.session(database=self.database) as session:
                session.execute_write(work)
        except StoreError:
            raise
        except Exception as exc:
            raise self._error(exc) from None

    def _schema(self, cypher: str) -> None:
        try:
            self._driver.execute_query(cypher, database_=self.database)
        except Exception as exc:
            raise self._error(exc) from None

    # ---------------------------------------------------------------- errors

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return " ".join(text.split())

    def _error(self, exc: BaseException, *, query: bool = False) -> StoreError:
        """A driver or server error → one clear line (raised ``from None`` by callers so
        no driver traceback carrying connection details is chained)."""
        from neo4j import exceptions as ne

        where = self.uri
        if isinstance(exc, StoreError):
            return exc
        if isinstance(exc, ne.AuthError | ne.AuthConfigurationError):
            return StoreAuthError(
                f"Neo4j at {where} rejected the user name or password; check --user and "
                "--password (or NEO4J_USERNAME and NEO4J_PASSWORD)"
            )
        if isinstance(exc, ne.Forbidden):
            return StoreAuthError(
                f"the Neo4j user may not do this on database {self.database!r} at {where}: "
                f"{self._scrub(exc.message or '')}"
            )
        code = getattr(exc, "code", None) or ""
        if code.endswith("DatabaseNotFound"):
            return StoreUnavailable(
                f"database {self.database!r} does not exist on {where}; create it, or name "
                "another one with --database (or NEO4J_DATABASE)"
            )
        if isinstance(exc, ne.IncompleteCommit):
            return StoreUnavailable(
                f"the connection to {where} was lost while committing; run again to make sure "
                "everything is written (writes are idempotent)"
            )
        if isinstance(exc, ne.ServiceUnavailable | ne.SessionExpired | ne.DriverError | OSError):
            reason = _reason(str(exc))
            if self._tls:
                return StoreUnavailable(
                    f"cannot open a TLS connection to {where} ({reason}): the server is down, "
                    "does not accept TLS, or its certificate is not trusted; check the "
                    "address, use bolt:// or neo4j:// for a server without TLS, or "
                    "bolt+ssc:// / neo4j+ssc:// for a self-signed certificate"
                )
            return StoreUnavailable(
                f"cannot reach Neo4j at {where} ({reason}); check that the server is running "
                "and the address and port are right (use neo4j+s:// if it requires TLS)"
            )
        if isinstance(exc, ne.Neo4jError):
            message = self._scrub(exc.message or str(exc))
            if query or isinstance(exc, ne.ClientError):
                return QueryError(f"{where} rejected the query: {message}")
            return StoreError(f"{where}: {code or 'error'}: {message}")
        return StoreError(f"{where}: {type(exc).__name__}: {self._scrub(str(exc))}")


def _reason(text: str) -> str:
    """The short cause inside a driver's connection error."""
    m = re.search(r"reason (\[[^\]]*\][^)\n]*)", text)
    if m:
        return m.group(1).strip()
    for hint in ("SSL", "routing information", "defunct", "closed", "timed out", "Timeout"):
        if hint.lower() in text.lower():
            return {
                "SSL": "TLS handshake failed",
                "routing information": "no routing information",
                "defunct": "connection dropped",
                "closed": "connection closed",
            }.get(hint, "timed out")
    return "no answer"


# ---------------------------------------------------------------- driver values → plain


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return values.node(value.element_id, list(value.labels), _props(value))
    if isinstance(value, Relationship):
        start = value.start_node.element_id if value.start_node is not None else ""
        end = value.end_node.element_id if value.end_node is not None else ""
        return values.relationship(value.element_id, value.type, start, end, _props(value))
    if isinstance(value, Path):
        return values.path(
            [_plain(n) for n in value.nodes], [_plain(r) for r in value.relationships]
        )
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    native = getattr(value, "to_native", None)
    if callable(native):  # neo4j.time Date, DateTime, Time: ISO as Python prints it
        return native().isoformat()
    iso = getattr(value, "iso_format", None)
    if callable(iso):  # neo4j.time Duration
        return iso()
    return values.plain(value)


def _props(entity: Any) -> dict[str, Any]:
    return {str(k): _plain(v) for k, v in dict(entity).items()}
