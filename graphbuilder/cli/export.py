"""``graphbuilder export``: the actor network as offline HTML, GraphML, GEXF, JSON or CSV."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graphbuilder.cli._util import (
    DatabaseOpt,
    Neo4jOpt,
    PasswordOpt,
    StoreOpt,
    UserOpt,
    console,
    fail,
    handle_errors,
    open_store_from_options,
)
from graphbuilder.querylib import load_query, parse_assignments

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ExportFormat(StrEnum):
    html = "html"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"


class LayoutChoice(StrEnum):
    auto = "auto"
    physics = "physics"
    static = "static"


class SizeChoice(StrEnum):
    pagerank = "pagerank"
    degree = "degree"


def _date(value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


@handle_errors
def export_cli(
    fmt: Annotated[ExportFormat, typer.Argument(help="html, graphml, gexf, json or csv.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File to write (a directory for csv).")
    ],
    around: Annotated[
        str | None,
        typer.Option("--around", help="Only actors within --depth facts of this name or alias."),
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Fact hops for --around.")] = 1,
    query: Annotated[
        Path | None,
        typer.Option(
            "--query", exists=True, dir_okay=False,
            help="Draw what this Cypher file returns (actors, facts, paths or their ids).",
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Parameter for --query, name=value (repeatable)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", callback=_date, help="Only facts from this date on (ISO)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", callback=_date, help="Only facts up to this date (ISO)."),
    ] = None,
    min_mentions: Annotated[
        int, typer.Option("--min-mentions", min=0, help="Only actors in at least N articles.")
    ] = 1,
    layout: Annotated[
        LayoutChoice,
        typer.Option(
            "--layout",
            help="HTML: physics (browser arranges), static (computed here, physics off), "
            "or auto (static above a few hundred actors).",
        ),
    ] = LayoutChoice.auto,
    size_by: Annotated[
        SizeChoice, typer.Option("--size-by", help="HTML: initial node sizing.")
    ] = SizeChoice.pagerank,
    title: Annotated[str | None, typer.Option("--title", help="HTML page title.")] = None,
    store: StoreOpt = None,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Draw the actor network as one offline HTML page, or export it for other tools.

    csv writes the files `neo4j-admin database import full` reads, with a README.txt
    holding the exact command.
    """
    from graphbuilder.draw.export import export_view

    if query is not None and around is not None:
        raise fail("use either --query or --around, not both")
    cypher = None
    params: dict[str, object] = {}
    if query is not None:
        loaded = load_query(str(query))
        cypher = loaded.text
        params = {**loaded.defaults, **parse_assignments(param or [])}
    elif param:
        raise fail("--param only applies to --query")
    view_args: dict[str, object] = {
        "around": around, "depth": depth, "min_mentions": min_mentions, "since": since,
        "until": until, "cypher": cypher,
    }
    if params:
        view_args["params"] = params
    with open_store_from_options(store, neo4j, user, password, database) as graph_store:
        view = graph_store.read_view(**view_args)
    try:
        path = export_view(
            view, fmt.value, output, title=title, layout=layout.value, size_by=size_by.value
        )
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    console.print(
        f"wrote {path} ({fmt.value}): {len(view.actors)} actors, {len(view.facts)} facts",
        highlight=False, markup=False,
    )
    if not view.actors:
        console.print("the view is empty: no actor matched the options", style="yellow")
