"""``graphbuilder extract``: facts as JSON Lines (the evaluation contract), no store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from graphbuilder.cli._util import (
    ActorsOpt,
    ModelOpt,
    OntologyOpt,
    PathsArg,
    WorkersOpt,
    err_console,
    handle_errors,
    printable,
)
from graphbuilder.errors import ReadError


@handle_errors
def extract_cli(
    paths: PathsArg,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON Lines here [default: stdout].")
    ] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    ontology: OntologyOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Extract entities and relations to JSON Lines (doc_id = file name without extension)."""
    from graphbuilder.extract import eval_records, extract_all
    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.nlp import load_pipeline
    from graphbuilder.ontology import load_ontology
    from graphbuilder.read import iter_articles

    onto = load_ontology(ontology)
    gazetteer = Gazetteer.load(actors)
    nlp = load_pipeline(model, actors_file=actors)
    skipped: list[ReadError] = []

    def articles():  # type: ignore[no-untyped-def]
        for item in iter_articles(paths, stdin=sys.stdin.buffer if "-" in paths else None):
            if isinstance(item, ReadError):
                skipped.append(item)
                err_console.print(
                    f"[yellow]skipped[/yellow] {printable(str(item), one_line=True)}",
                    highlight=False,
                    soft_wrap=True,
                )
            else:
                yield item

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    n_docs = n_records = 0
    try:
        for extraction in extract_all(
            articles(), nlp, n_process=workers, ontology=onto, gazetteer=gazetteer
        ):
            n_docs += 1
            for record in eval_records(extraction):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n_records += 1
    finally:
        if output:
            out.close()
    err_console.print(f"Extracted {n_records} record(s) from {n_docs} article(s).")
    if skipped and n_docs == 0:
        raise typer.Exit(1)
    if skipped:
        raise typer.Exit(3)
