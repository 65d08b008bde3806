"""A real Bolt server for tests and benchmarks: ArcadeDB's Bolt plugin, from the same wheel.

There is no Neo4j to install here and no Docker engine, so tests drive ArcadeDB's
server (it announces itself as "Neo4j/5.26.0 compatible") through the official neo4j
driver, on free loopback ports, with the Java runtime bundled in arcadedb-embedded.

    with BoltTestServer(tmp_path) as server:
        store = open_store(neo4j_uri=server.uri, user="root",
                           password=server.password, database=server.database)

Known differences from Neo4j: an auto-commit ``session.run`` whose rows touch one node
under a unique constraint fails with DeadlockDetected (managed transactions work, and
graphbuilder uses nothing else), and relationship types cannot be dynamic.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

DATABASE = "kg"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to kill it when its parent dies, so a
    crashed test run leaves no server behind."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _arcadedb_home() -> Path:
    import arcadedb_embedded

    return Path(arcadedb_embedded.__file__).resolve().parent


class BoltTestServer:
    """Start, stop, kill and restart an ArcadeDB server whose data lives in ``root``.

    Every start picks new free ports (a killed server's port may linger), so read
    :attr:`uri` after each start. The server's output goes to ``root/server.log``.
    """

    def __init__(
        self,
        root: str | Path,
        *,
        password: str | None = None,
        database: str = DATABASE,
        heap: str = "1g",
        durable: bool = False,
    ) -> None:
        self.root = Path(root).resolve()
        self.password = password or secrets.token_hex(12)
        self.user = "root"
        self.database = database
        self.heap = heap
        # ArcadeDB does not sync its log on commit by default; Neo4j does (fsync per
        # commit), and that is what makes small transactions expensive there
        self.durable = durable
        self.bolt_port = 0
        self.http_port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        home = _arcadedb_home()
        java = home / "jre" / "bin" / ("java.exe" if os.name == "nt" else "java")
        return [
            str(java),
            f"-Xmx{self.heap}",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
            "-cp",
            str(home / "jars" / "*"),
            f"-Darcadedb.server.rootPath={self.root}",
            f"-Darcadedb.server.rootPassword={self.password}",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={self.http_port}",
            f"-Darcadedb.txWalFlush={2 if self.durable else 0}",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "-Darcadedb.bolt.host=127.0.0.1",
            f"-Darcadedb.bolt.port={self.bolt_port}",
            f"-Darcadedb.bolt.defaultDatabase={self.database}",
            f"-Darcadedb.server.defaultDatabases={self.database}[root]",
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def start(self, timeout: float = 120.0) -> BoltTestServer:
        """Start the server and wait until ``RETURN 1`` answers on the database."""
        if self.running:
            return self
        self.root.mkdir(parents=True, exist_ok=True)
        self.bolt_port, self.http_port = free_port(), free_port()
        log = (self.root / "server.log").open("ab")
        try:
            self._process = subprocess.Popen(
                self.command(),
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        finally:
            log.close()
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        import neo4j

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        # the port opens about a second before the database exists: probe the database
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(f"the Bolt test server exited; see {self.root / 'server.log'}")
            try:
                with (
                    neo4j.GraphDatabase.driver(
                        self.uri, auth=(self.user, self.password), connection_timeout=2
                    ) as driver,
                    driver.session(database=self.database) as session,
                ):
                    session.run("RETURN 1 AS ok").consume()
                return
            except Exception as exc:  # not up yet
                last = exc
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the Bolt test server did not answer within {timeout:.0f} s: {last}")

    def clear(self) -> None:
        """Delete every node and relationship (constraints stay), in a managed transaction."""
        import neo4j

        with neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password)) as driver:
            with driver.session(database=self.database) as session:
                session.execute_write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())

    def stop(self, timeout: float = 30.0) -> None:
        """Shut down cleanly (SIGTERM), killing it if it does not exit in time."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash or power cut would."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGKILL if os.name != "nt" else signal.SIGTERM)
            process.wait()

    def restart(self, timeout: float = 120.0) -> BoltTestServer:
        self.stop()
        return self.start(timeout)

    def __enter__(self) -> BoltTestServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
