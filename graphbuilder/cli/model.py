"""``graphbuilder model``: where the bundled language pipeline is, and how good it is."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from graphbuilder.cli._util import console, handle_errors

app = typer.Typer(no_args_is_help=True, add_completion=False)

# measure key → row name in the printed table
_ROWS = {
    "ewt_uas_spacy": "EWT test UAS (spaCy scorer)",
    "ewt_las_spacy": "EWT test LAS (spaCy scorer)",
    "gum_uas_spacy": "GUM test UAS (spaCy scorer)",
    "gum_las_spacy": "GUM test LAS (spaCy scorer)",
    "ewt_uas": "EWT test UAS (CoNLL 2018)",
    "ewt_las": "EWT test LAS (CoNLL 2018)",
    "gum_uas": "GUM test UAS (CoNLL 2018)",
    "gum_las": "GUM test LAS (CoNLL 2018)",
    "ewt_upos_spacy": "EWT test UPOS (spaCy scorer)",
    "ewt_upos": "EWT test UPOS accuracy (CoNLL 2018)",
    "gum_ner_f": "GUM test NER F (PERSON, ORG, GPE/LOC, NORP)",
    "re3d_entity_f1": "re3d-dev entity F1, lenient typed: doc.ents",
    "re3d_entity_f1_extract": "re3d-dev entity F1, lenient typed: extract",
    "words_per_second": "speed, nlp.pipe, one process (words/s of CPU time)",
    "words_per_second_wall": "speed by the clock (words/s, shared machine)",
    "size_mb": "size on disk (MB)",
}
_EXTRA_ROWS = {
    "ewt_uas_goldtok": "EWT test UAS, gold words",
    "ewt_las_goldtok": "EWT test LAS, gold words",
    "gum_uas_goldtok": "GUM test UAS, gold words",
    "gum_las_goldtok": "GUM test LAS, gold words",
    "ewt_uas_whole": "EWT test UAS (CoNLL 2018 scoring, documents without paragraph breaks)",
    "ewt_las_whole": "EWT test LAS (CoNLL 2018 scoring, documents without paragraph breaks)",
    "ewt_upos_whole": "EWT test UPOS (CoNLL 2018 scoring, documents without paragraph breaks)",
    "gum_uas_whole": "GUM test UAS (CoNLL 2018 scoring, documents without paragraph breaks)",
    "gum_las_whole": "GUM test LAS (CoNLL 2018 scoring, documents without paragraph breaks)",
    "gum_ner_f_by_paragraph": "GUM test NER F, parsed paragraph by paragraph",
    "ewt_las_full": "EWT test LAS with subtypes",
    "gum_las_full": "GUM test LAS with subtypes",
    "gum_upos": "GUM test UPOS accuracy (CoNLL 2018)",
    "gum_upos_spacy": "GUM test UPOS (spaCy scorer)",
    "gum_ner_f_PERSON": "GUM test NER F, PERSON",
    "gum_ner_f_ORG": "GUM test NER F, ORG",
    "gum_ner_f_GPE/LOC": "GUM test NER F, GPE/LOC",
    "gum_ner_f_NORP": "GUM test NER F, NORP",
}

ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", help="Pipeline to measure: package name or directory."),
]
DataOpt = Annotated[
    Path,
    typer.Option("--data", help="Folder with ud/ (EWT, GUM) and re3d-dev/; only for measuring."),
]


@app.command("path")
@handle_errors
def path_cli() -> None:
    """Print the directory of the bundled pipeline (loadable with spacy.load)."""
    from graphbuilder.nlp import bundled_model_path

    typer.echo(str(bundled_model_path()))


@app.command("evaluate")
@handle_errors
def evaluate_cli(
    model: ModelOpt = None,
    data: DataOpt = Path("../shared/data"),
    details: Annotated[
        bool, typer.Option("--details", help="Also print gold-word and per-class rows.")
    ] = False,
) -> None:
    """Measure the pipeline on the UD test files and re3d dev; print measure / score / target."""
    from graphbuilder.nlp import evaluate

    re3d = data / "re3d-dev"
    with console.status("Measuring the pipeline (a few minutes)..."):
        result = evaluate(model, ud_dir=data / "ud", re3d_dir=re3d if re3d.is_dir() else None)
    console.print(results_table(result, details=details))


def results_table(result: dict[str, Any], *, details: bool = False) -> Table:
    """The measures of :func:`graphbuilder.nlp.evaluate` as a measure / score / target table."""
    from graphbuilder.nlp import TARGETS

    table = Table(title=f"pipeline {result.get('model')}")
    table.add_column("measure")
    table.add_column("score", justify="right")
    table.add_column("target", justify="right")
    table.add_column("met")
    rows = {**_ROWS, **(_EXTRA_ROWS if details else {})}
    for key, name in rows.items():
        if key not in result:
            continue
        score = result[key]
        target, higher = TARGETS.get(key, (None, True))
        met = "" if target is None else ("yes" if (score >= target) == higher else "no")
        table.add_row(name, _fmt(score, 4), "" if target is None else _fmt(target), met)
    return table


def _fmt(value: float, digits: int = 3) -> str:
    """Scores get four decimals, as measured, so 0.8897 against 0.89 does not print 0.890."""
    if value > 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}" if value < 1 else f"{value:.1f}"
