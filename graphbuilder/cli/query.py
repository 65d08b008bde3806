"""``graphbuilder query``: run a Cypher file (or string) and print the rows."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from graphbuilder.cli._util import (
    DatabaseOpt,
    Neo4jOpt,
    PasswordOpt,
    StoreOpt,
    UserOpt,
    console,
    handle_errors,
    open_store_from_options,
    printable,
)
from graphbuilder.querylib import load_query, parse_assignments


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@handle_errors
def query_cli(
    file_or_cypher: Annotated[str, typer.Argument(help="A .cypher file or a Cypher string.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Query parameter name=value (repeatable)."),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutputFormat.table
    ),
    store: StoreOpt = None,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Run a Cypher query against the graph; parameters are always passed as $parameters."""
    query = load_query(file_or_cypher)
    params = {**query.defaults, **parse_assignments(param or [])}
    with open_store_from_options(store, neo4j, user, password, database) as graph_store:
        rows = graph_store.query(query.text, params)
    print_rows(rows, fmt)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def print_rows(rows: list[dict[str, Any]], fmt: OutputFormat) -> None:
    columns: list[str] = list(rows[0]) if rows else []
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    else:
        table = Table(show_lines=False, highlight=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            # markup=False semantics: article text must print literally, never as rich markup
            table.add_row(*[_escape(_cell(row.get(c))) for c in columns])
        console.print(table)
        console.print(f"{len(rows)} row(s)", style="dim")


def _escape(text: str) -> str:
    return printable(text)  # no markup, no terminal escape sequences; line breaks stay
