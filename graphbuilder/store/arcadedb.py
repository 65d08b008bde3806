"""The embedded default store: ArcadeDB running in this process (arcadedb-embedded).

ArcadeDB is Java; the wheel bundles its own runtime, started through JPype once per
process (it cannot be restarted, and every store in the process shares it). A store
directory can be open in one process at a time: ArcadeDB locks it, and a second
process gets :class:`StoreUnavailable`. Within one process, stores on the same
directory share one database handle.
"""

from __future__ import annotations

import atexit
import errno
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

from graphbuilder.errors import QueryError, StoreError, StoreUnavailable
from graphbuilder.ontology import Ontology
from graphbuilder.store import values
from graphbuilder.store.base import GraphStore
from graphbuilder.store.rows import Statement, run_statements

log = logging.getLogger(__name__)

LANGUAGE = "opencypher"

_lock = threading.RLock()
_open: dict[Path, list[Any]] = {}  # path -> [arcadedb Database, users]
_quiet_loggers: list[Any] = []  # strong refs: java.util.logging forgets levels of collected loggers
jvm_start_seconds: float | None = None  # how long this process waited for the JVM


def start_jvm() -> float:
    """Start the bundled JVM if it is not running; return the seconds it took (0 if it was).

    The JVM's start-up notice on stderr is swallowed (and shown only if the start
    fails), and ArcadeDB logs nothing (see _LOGGING_CONFIG).
    """
    global jvm_start_seconds
    import jpype

    with _lock:
        if jpype.isJVMStarted():
            return 0.0
        from arcadedb_embedded.jvm import start_jvm as _start

        began = time.perf_counter()
        # our logging configuration (see _LOGGING_CONFIG); crash reports of the JVM go
        # to the temporary directory, not to ./log either
        os.environ.setdefault(
            "ARCADEDB_JVM_ERROR_FILE",
            str(Path(tempfile.gettempdir()) / "graphbuilder-hs_err_pid%p.log"),
        )
        with _stderr_swallowed() as captured:
            try:
                _start(jvm_args=[f"-Djava.util.logging.config.file={_logging_config()}"])
            except Exception as exc:  # the runtime is missing or broken
                detail = _one_line(captured() or str(exc))
                raise StoreUnavailable(
                    f"cannot start the Java runtime bundled with arcadedb-embedded: {detail}; "
                    "reinstall it: pip install --force-reinstall arcadedb-embedded==26.10.2.post1"
                ) from exc
        _quiet_java_logging()
        jvm_start_seconds = time.perf_counter() - began
        return jvm_start_seconds


# ArcadeDB logs to the console and to ./log/arcadedb.log* in the working directory by
# default, SEVERE lines with Java stack traces included. graphbuilder reports failures
# itself, in one line, so ArcadeDB logs nothing unless GRAPHBUILDER_JAVA_LOG names a
# java.util.logging level (WARNING, INFO, ...) for debugging; then to stderr only.
_LOGGING_CONFIG = """\
handlers = java.util.logging.ConsoleHandler
.level = {level}
java.util.logging.ConsoleHandler.level = {level}
java.util.logging.ConsoleHandler.formatter = com.arcadedb.log.LogFormatter
"""
_LEVELS = ("OFF", "SEVERE", "WARNING", "INFO", "CONFIG", "FINE", "FINER", "FINEST", "ALL")


def _java_log_level() -> str:
    level = os.environ.get("GRAPHBUILDER_JAVA_LOG", "OFF").strip().upper()
    return level if level in _LEVELS else "OFF"


def _logging_config() -> Path:
    """A java.util.logging configuration file for this process (removed at exit)."""
    fd, name = tempfile.mkstemp(prefix="graphbuilder-jul-", suffix=".properties")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(_LOGGING_CONFIG.format(level=_java_log_level()))
    atexit.register(lambda: Path(name).unlink(missing_ok=True))
    return Path(name)


@contextmanager
def _stderr_swallowed() -> Iterator[Any]:
    """Point file descriptor 2 at a temporary file (the JVM writes there directly)."""
    with tempfile.TemporaryFile() as tmp:
        saved = os.dup(2)
        os.dup2(tmp.fileno(), 2)

        def captured() -> str:
            tmp.seek(0)
            return tmp.read().decode("utf-8", "replace")

        try:
            yield captured
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _quiet_java_logging() -> None:
    import jpype

    level = jpype.JClass("java.util.logging.Level").parse(_java_log_level())
    # ArcadeDB's logger re-reads the logging configuration on first use: run that first
    logger = jpype.JClass("com.arcadedb.log.LogManager").instance().getLogger()
    if hasattr(logger, "init"):
        logger.init()
    for name in ("", "com.arcadedb"):
        jul = jpype.JClass("java.util.logging.Logger").getLogger(name)
        jul.setLevel(level)
        _quiet_loggers.append(jul)


_CLASS_PREFIX = re.compile(r"^(?:(?:[a-z_][\w$]*\.)+[A-Z][\w$]*:\s*)+")
_CAUSE = re.compile(r"\(caused by (.*)\)\s*$", re.S)


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def java_message(exc: BaseException) -> str:
    """The useful part of an ArcadeDB error: no Java class names, no echo of the query."""
    text = str(exc).strip()
    cause = ""
    m = _CAUSE.search(text)
    if m:
        cause = _CLASS_PREFIX.sub("", m.group(1).strip())
        text = text[: m.start()].strip()
    text = re.sub(r"^(?:Query|Command) failed:\s*", "", text)
    text = re.sub(r"^Failed to (?:commit|begin|open|create)[\w ]*:\s*", "", text)
    text = _CLASS_PREFIX.sub("", text)
    if not text or text.startswith("Error executing Cypher") or text.startswith("Error on "):
        text = cause or text
    return _one_line(text or exc.__class__.__name__)


def _chain(exc: BaseException) -> str:
    """The messages of ``exc`` and of every cause under it, Python and Java alike: the
    engine wraps the reason (a full disk) a few levels down."""
    parts: list[str] = []
    held: list[Any] = []  # kept alive so that no id() below is reused by a new wrapper
    current: Any = exc
    for _ in range(64):
        if current is None or any(current is h for h in held):
            break
        held.append(current)
        parts.append(str(current))
        get_cause = getattr(current, "getCause", None)
        current = get_cause() if callable(get_cause) else current.__cause__
    return " | ".join(parts)


_FULL = ("No space left", "File too large", "Disk quota exceeded", "disk is full", "Disk full")


def _store_error(path: Path, exc: BaseException, doing: str) -> StoreError:
    if isinstance(exc, OSError):  # from Python itself, e.g. making the parent directory
        reason = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            reason = f"no space left ({reason})"
        return StoreUnavailable(
            f"cannot {doing} the store {path}: {reason}; choose a writable --store directory"
        )
    text = _chain(exc)
    if "locked by another process" in text:
        return StoreUnavailable(
            f"the store {path} is in use by another graphbuilder process; "
            "wait for it to finish or use another --store directory"
        )
    full = next((s for s in _FULL if s in text), None)
    if full is not None:
        return StoreUnavailable(
            f"cannot {doing} the store {path}: the disk is full ({full}); free some space "
            "and run again (what was being written was rolled back)"
        )
    if any(
        s in text
        for s in (
            "Permission denied",
            "AccessDenied",
            "Read-only file system",
            "Cannot create directory",
            "Not a directory",
            "read only",
        )
    ):
        return StoreUnavailable(
            f"cannot {doing} the store {path}: {java_message(exc)}; "
            "choose a writable --store directory"
        )
    return StoreError(f"store {path}: {doing} failed: {java_message(exc)}")


def _make_parent(path: Path) -> None:
    for ancestor in path.parents:
        if ancestor.exists():
            if not ancestor.is_dir():  # mkdir would only say "File exists"
                raise StoreUnavailable(
                    f"cannot create the store {path}: Not a directory ({ancestor} is a file); "
                    "choose a writable --store directory"
                )
            break
    path.parent.mkdir(parents=True, exist_ok=True)


def _acquire(path: Path) -> Any:
    import arcadedb_embedded as adb

    with _lock:
        entry = _open.get(path)
        if entry is not None:
            entry[1] += 1
            return entry[0]
        if path.is_file():
            raise StoreUnavailable(
                f"{path} is a file, not a store directory; choose another --store"
            )
        exists = adb.database_exists(str(path))
        if not exists and path.is_dir() and any(path.iterdir()):
            raise StoreUnavailable(
                f"{path} is not empty and not a graphbuilder store; "
                "choose an empty or new --store directory"
            )
        try:
            if exists:
                db = adb.open_database(str(path))
            else:
                _make_parent(path)
                db = adb.create_database(str(path))
        except StoreError:
            raise
        except Exception as exc:
            raise _store_error(path, exc, "open" if exists else "create") from exc
        _open[path] = [db, 1]
        return db


def _release(path: Path) -> None:
    with _lock:
        entry = _open.get(path)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _open[path]
            try:
                entry[0].close()
            except Exception as exc:  # closing must not hide the caller's error
                log.warning("closing the store %s: %s", path, java_message(exc))


class EmbeddedStore(GraphStore):
    """The actor graph in an ArcadeDB database directory, queried with openCypher."""

    backend = "embedded"

    def __init__(
        self,
        location: str | Path,
        *,
        ontology: Ontology | None = None,
        batch_size: int = 1000,
    ) -> None:
        super().__init__(ontology=ontology, batch_size=batch_size)
        self.path = Path(location).expanduser().resolve()
        start_jvm()
        self._db = _acquire(self.path)

    def describe(self) -> str:
        return f"the store {self.path}"

    def _close(self) -> None:
        _release(self.path)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.describe()} is closed")

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self._check_open()
        try:
            result = self._db.query(LANGUAGE, cypher, params or {})
            return [_row(r) for r in result]
        except StoreError:
            raise
        except Exception as exc:
            err = _store_error(self.path, exc, "read")
            if type(err) is StoreError:  # not an availability problem: the query is at fault
                raise QueryError(f"query failed: {java_message(exc)}") from exc
            raise err from exc

    def _write(self, statements: Sequence[Statement]) -> None:
        self._check_open()

        def execute(statement: Statement) -> list[dict[str, Any]]:
            params = _java_params(statement.params)
            result = self._db.command(LANGUAGE, statement.cypher, params)
            return [_row(r) for r in result] if result is not None else []

        try:
            # one transaction; retried by the binding on concurrent-modification conflicts
            self._db.run_in_transaction(lambda: run_statements(statements, execute))
        except StoreError:
            raise
        except Exception as exc:
            raise _store_error(self.path, exc, "write") from exc

    def _schema(self, cypher: str) -> None:
        self._check_open()
        try:
            self._db.command(LANGUAGE, cypher)
        except Exception as exc:
            raise _store_error(self.path, exc, "change the schema of") from exc


# ---------------------------------------------------------------- plain → Java parameters

_gson: list[Any] = []  # [Gson, java.util.Map class], made on first use
# A JSON number of 19 digits or more may not fit a Java long; Gson would read it as a
# double, where JPype raises. Numbers follow ": ", ", " or "[" in json.dumps's output;
# the same inside a string (a sentence) only means taking the plain path, which is
# slower, not wrong. (Hex ids hold long runs of digits, hence the context.)
_LONG_NUMBER = re.compile(r"(?:[:,] |\[)-?[0-9]{19}")


def _java_params(params: dict[str, Any]) -> Any:
    """Statement parameters as one Java Map, parsed from JSON inside the JVM.

    The binding converts a dict element by element, one JVM call per value: a fact row
    (three keys and fifteen properties) costs about 0.1 ms that way, more than ArcadeDB
    takes to write the fact (measured in benchmarks/bench_store_load.py). JSON parsed
    by Gson, numbers read as Long when integral and Double otherwise, gives the same
    Java values as JPype's boxing (int → Long, float → Double, bool → Boolean, None →
    null, list → ArrayList, dict → Map) in one call. Anything JSON would not carry
    exactly (NaN, huge integers, other types) takes the binding's own conversion; so
    does a string JPype cannot encode (a lone surrogate), which then fails as it always
    did.
    """
    try:
        text = json.dumps(params, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return params
    if _LONG_NUMBER.search(text):
        return params
    if not _gson:
        import jpype

        builder = jpype.JClass("com.google.gson.GsonBuilder")()
        policy = jpype.JClass("com.google.gson.ToNumberPolicy").LONG_OR_DOUBLE
        _gson.append(builder.setObjectToNumberStrategy(policy).serializeNulls().create())
        _gson.append(jpype.JClass("java.util.Map").class_)
    try:
        return _gson[0].fromJson(text, _gson[1])
    except UnicodeEncodeError:
        return params


# ---------------------------------------------------------------- Java values → plain


def _row(result: Any) -> dict[str, Any]:
    return {name: _plain(result.get(name)) for name in result.property_names}


_java_types: dict[str, Any] = {}


def _jclass(name: str) -> Any:
    cls = _java_types.get(name)
    if cls is None:
        import jpype

        cls = _java_types[name] = jpype.JClass(name)
    return cls


def _plain(value: Any) -> Any:
    """A value from the ArcadeDB binding → plain Python (graph values as ``store.values``)."""
    if value is None or type(value) in (bool, int, float, str):
        return value
    import jpype

    if isinstance(value, jpype.JObject):
        from arcadedb_embedded.type_conversion import convert_java_to_python

        converted = convert_java_to_python(value)
        if converted is not value:
            return _plain(converted)
        if isinstance(value, _jclass("com.arcadedb.graph.Vertex")):
            return _vertex(value)
        if isinstance(value, _jclass("com.arcadedb.graph.Edge")):
            return _edge(value)
        if isinstance(value, _jclass("com.arcadedb.query.opencypher.traversal.TraversalPath")):
            return values.path(
                [_vertex(v) for v in value.getVertices()], [_edge(e) for e in value.getEdges()]
            )
        return _temporal(str(value.getClass().getSimpleName()), str(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return values.plain(value)  # datetime, Decimal, bytes, a bool/int/float subclass


def _temporal(class_name: str, text: str) -> str:
    """Cypher temporal values print as ISO 8601; re-print them as Python does, so both
    backends give the same string (``10:00Z`` → ``10:00:00+00:00``)."""
    try:
        if "DateTime" in class_name:
            return datetime.fromisoformat(text).isoformat()
        if class_name.endswith("Date"):
            return date.fromisoformat(text).isoformat()
        if class_name.endswith("Time"):
            return dtime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    return text  # durations and anything else: as the engine prints it


def _properties(record: Any) -> dict[str, Any]:
    return {str(k): _plain(record.get(k)) for k in record.getPropertyNames()}


def _vertex(v: Any) -> dict[str, Any]:
    # a node with several labels lives in a type named "Actor~Person"
    labels = [x for x in str(v.getTypeName()).split("~") if x]
    return values.node(str(v.getIdentity()), labels, _properties(v))


def _edge(e: Any) -> dict[str, Any]:
    return values.relationship(
        str(e.getIdentity()), str(e.getTypeName()), str(e.getOut()), str(e.getIn()), _properties(e)
    )
