"""``graphbuilder stats``: counts by actor kind and predicate, top actors."""

from __future__ import annotations

import json
import sys
from typing import Annotated

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


@handle_errors
def stats_cli(
    store: StoreOpt = None,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Show what is in the graph: articles, actors by kind, facts by predicate, top actors."""
    with open_store_from_options(store, neo4j, user, password, database) as graph_store:
        stats = graph_store.stats()
    if as_json:
        sys.stdout.write(json.dumps(stats, indent=2, ensure_ascii=False, default=str) + "\n")
        return
    for key, value in stats.items():
        if isinstance(value, dict):
            table = Table(title=key.replace("_", " "), highlight=False)
            table.add_column("name")
            table.add_column("count", justify="right")
            for name, count in value.items():
                table.add_row(printable(str(name)), str(count))
            console.print(table)
        elif isinstance(value, list):
            table = Table(title=key.replace("_", " "), highlight=False)
            columns = list(value[0]) if value and isinstance(value[0], dict) else ["value"]
            for c in columns:
                table.add_column(c)
            for item in value:
                cells = [item.get(c) for c in columns] if isinstance(item, dict) else [item]
                table.add_row(*[printable(str(x)) for x in cells])
            console.print(table)
        else:
            console.print(f"{key.replace('_', ' ')}: {value}", highlight=False)
