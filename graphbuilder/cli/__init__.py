"""The ``graphbuilder`` command line (typer). Commands are thin: they call stage functions."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from graphbuilder import __version__

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # never print locals: they may hold credentials
    help="Turn news articles into a knowledge graph of geopolitical actors, offline.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"graphbuilder {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _register() -> None:
    from graphbuilder.cli import export, extract, ingest, model, push, query, stats

    app.command("ingest")(ingest.ingest_cli)
    app.command("extract")(extract.extract_cli)
    app.command("query")(query.query_cli)
    app.command("export")(export.export_cli)
    app.command("stats")(stats.stats_cli)
    app.command("push")(push.push_cli)
    app.add_typer(model.app, name="model", help="The bundled language pipeline: path, evaluate.")


_register()


def main() -> None:
    app()
