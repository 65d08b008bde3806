"""Shared CLI pieces: consoles, option aliases, store opening and error → exit code."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from graphbuilder.errors import GraphbuilderError

console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_STORE = "graphbuilder-data"

StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar="GRAPHBUILDER_STORE",
        help="Embedded store directory [default: ./graphbuilder-data].",
        show_default=False,
    ),
]
Neo4jOpt = Annotated[
    str | None,
    typer.Option(
        "--neo4j",
        envvar="NEO4J_URI",
        help="Use Neo4j at this URI (bolt://, neo4j://, neo4j+s://) instead of the embedded store.",
    ),
]
UserOpt = Annotated[str | None, typer.Option("--user", envvar="NEO4J_USERNAME", help="Neo4j user.")]
PasswordOpt = Annotated[
    str | None,
    typer.Option("--password", envvar="NEO4J_PASSWORD", help="Neo4j password.", show_default=False),
]
DatabaseOpt = Annotated[
    str | None, typer.Option("--database", envvar="NEO4J_DATABASE", help="Neo4j database name.")
]
BatchOpt = Annotated[
    int, typer.Option("--batch-size", min=1, help="Rows per UNWIND batch when loading.")
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one red line to stderr and return the Exit to raise."""
    err_console.print(
        f"[red]error:[/red] {printable(message, one_line=True)}",
        highlight=False, markup=True, soft_wrap=True,
    )
    return typer.Exit(code)


# C0 and C1 control characters (terminal escape sequences start with ESC or CSI) and the
# bidirectional overrides that make a file name read differently from what it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\n\t]")


def printable(text: str, *, one_line: bool = False) -> str:
    """Text from an article, a record or a file name, made safe to print with rich.

    Rich markup is escaped (a file named ``[red]x.txt`` is shown as it is named) and
    control characters are shown as escapes (``\\x1b``) so that no text can move the
    cursor, retitle or clear the user's terminal. ``one_line`` also shows line breaks
    and tabs as escapes, for messages that must stay on one line.
    """
    text = _CONTROL.sub(_escape_char, text)
    if one_line:
        text = _LINE_BREAKS.sub(_escape_char, text)
    return escape(text)


def _escape_char(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a GraphbuilderError into one line on stderr and exit status 1.

    Real bugs keep their traceback (with locals hidden, see the Typer app).
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except GraphbuilderError as exc:
            raise fail(_one_line(str(exc))) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper


def _one_line(text: str) -> str:
    return " ".join(text.split())


def open_store_from_options(
    store: Path | None,
    neo4j: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    batch_size: int = 1000,
    ontology: Any = None,
) -> Any:
    """Open the embedded store or Neo4j, as the options say."""
    from graphbuilder.store import open_store

    if neo4j:
        return open_store(
            neo4j_uri=neo4j,
            user=user,
            password=password,
            database=database,
            batch_size=batch_size,
            ontology=ontology,
        )
    return open_store(store_location(store), batch_size=batch_size, ontology=ontology)


def store_location(store: Path | None) -> Path:
    """The embedded store directory: --store, else $GRAPHBUILDER_STORE, else ./graphbuilder-data."""
    return store or Path(os.environ.get("GRAPHBUILDER_STORE") or DEFAULT_STORE)


PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline name or path [default: the bundled one]."),
]
ActorsOpt = Annotated[
    Path | None,
    typer.Option("--actors", help="Your own actors (YAML or CSV), added to the gazetteer."),
]
OntologyOpt = Annotated[
    Path | None,
    typer.Option("--ontology", help="Relation ontology YAML replacing the bundled one."),
]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Parser processes.")]
