"""``graphbuilder ingest``: read articles, extract facts, resolve actors, load the graph."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from graphbuilder.cli._util import (
    ActorsOpt,
    BatchOpt,
    DatabaseOpt,
    ModelOpt,
    Neo4jOpt,
    OntologyOpt,
    PasswordOpt,
    PathsArg,
    StoreOpt,
    UserOpt,
    WorkersOpt,
    console,
    err_console,
    handle_errors,
    open_store_from_options,
    printable,
    store_location,
)
from graphbuilder.errors import ReadError, StoreError
from graphbuilder.types import Article

# Exit statuses: 0 all inputs ingested (or unchanged); 1 the run failed; 3 some inputs skipped.
EXIT_SOME_SKIPPED = 3


@handle_errors
def ingest_cli(
    paths: PathsArg,
    store: StoreOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    ontology: OntologyOpt = None,
    workers: WorkersOpt = 1,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    batch_size: BatchOpt = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
) -> None:
    """Ingest articles into the graph (.txt .md .html .json .jsonl, directories, or - for stdin).

    Exit status: 0 all ingested or unchanged; 3 some inputs skipped; 1 nothing ingested or an error.
    """
    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.ingest import ingest
    from graphbuilder.nlp import load_pipeline
    from graphbuilder.ontology import load_ontology

    onto = load_ontology(ontology)
    store_dir = None if neo4j else store_location(store)
    gazetteer = Gazetteer.load(actors)
    with err_console.status("Loading the language pipeline…", spinner="dots"):
        nlp = load_pipeline(model, actors_file=actors)

    with (
        open_store_from_options(
            store, neo4j, user, password, database, batch_size, ontology=onto
        ) as graph_store,
        Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            TimeElapsedColumn(),
            console=err_console,
            disable=quiet,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("Ingesting", total=None)
        stored = 0

        def on_progress(event: str, item: Article | ReadError) -> None:
            nonlocal stored
            if event == "skipped":
                assert isinstance(item, ReadError)
                if not quiet:  # the summary lists every skip again
                    progress.console.print(
                        f"[yellow]skipped[/yellow] {printable(str(item), one_line=True)}",
                        highlight=False,
                        soft_wrap=True,  # one line per skip, whatever the width: greppable
                    )
                return
            progress.advance(task)
            stored += event == "ingested"
            if isinstance(item, Article):
                shown = printable(item.doc_id[:40], one_line=True)
                progress.update(task, description=f"Ingesting {shown}")

        try:
            summary = ingest(
                paths,
                graph_store,
                nlp,
                gazetteer=gazetteer,
                ontology=onto,
                stdin=sys.stdin.buffer if "-" in paths else None,
                workers=workers,
                on_progress=on_progress,
                exclude=[store_dir] if store_dir else [],
            )
        except StoreError as exc:
            # Each article is committed whole: say what this run already stored.
            raise type(exc)(
                f"{exc}; {stored} new article(s) of this run were stored before it"
            ) from exc

    console.print(
        f"Ingested {summary.articles_new} new article(s) "
        f"({summary.articles_unchanged} unchanged, {len(summary.skipped)} skipped): "
        f"{summary.actors} actor mention(s), {summary.relations} relation(s).",
        soft_wrap=True,
    )
    for problem in summary.skipped:
        err_console.print(
            f"  skipped {printable(str(problem), one_line=True)}", highlight=False, soft_wrap=True
        )
    if summary.failed:
        raise typer.Exit(1)
    if summary.skipped:
        raise typer.Exit(EXIT_SOME_SKIPPED)
