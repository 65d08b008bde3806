"""The user's path through the CLI (issue 2): ingest the examples, query, stats, extract, export."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphbuilder.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
runner = CliRunner()

_SUMMARY = re.compile(
    r"Ingested (\d+) new article\(s\) \((\d+) unchanged, (\d+) skipped\): "
    r"(\d+) actor mention\(s\), (\d+) relation\(s\)"
)


def summary(output: str) -> tuple[int, ...]:
    match = _SUMMARY.search(output)
    assert match, output
    return tuple(int(x) for x in match.groups())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples ingested once, through the CLI, into an embedded store."""
    store_dir = tmp_path_factory.mktemp("cli") / "store"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store_dir), "-q"])
    assert result.exit_code == 0, result.output
    new, unchanged, skipped, actors, relations = summary(result.output)
    assert (new, unchanged, skipped) == (5, 0, 0)
    assert actors > 20 and relations > 20
    return store_dir


def test_cli_reingest_changes_nothing(store: Path) -> None:
    before = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    assert summary(result.output)[:3] == (0, 5, 0)
    after = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    assert json.loads(before.stdout) == json.loads(after.stdout)


def test_cli_store_from_environment(store: Path) -> None:
    result = runner.invoke(app, ["stats", "--json"], env={"GRAPHBUILDER_STORE": str(store)})
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["articles"] == 5


def test_cli_stats_counts(store: Path) -> None:
    result = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    stats = json.loads(result.stdout)
    assert stats["articles"] == 5
    assert stats["actors_by_kind"]["Person"] >= 10
    assert stats["actors_by_kind"]["Country"] >= 3
    assert sum(stats["facts_by_predicate"].values()) == stats["facts"]
    table = runner.invoke(app, ["stats", "--store", str(store)])
    assert table.exit_code == 0 and "facts by predicate" in table.output


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_cli_query_formats(store: Path, fmt: str) -> None:
    query = str(REPO / "queries" / "friends_and_foes.cypher")
    result = runner.invoke(
        app, ["query", query, "-p", "name=Elon Musk", "--format", fmt, "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.stdout)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        assert "Rogozin" in result.stdout and "row(s)" in result.stdout  # cells may wrap
        return
    assert {"actor", "kind", "cooperation", "conflict", "stance"} <= set(rows[0])
    assert "Dmitry Rogozin" in {row["actor"] for row in rows}


def test_cli_query_inline_cypher_with_parameter(store: Path) -> None:
    cypher = "MATCH (a:Actor) WHERE a.name = $name RETURN a.kind AS kind"
    result = runner.invoke(
        app, ["query", cypher, "-p", "name=Ukraine", "-f", "json", "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"kind": "Country"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["queries/nope.cypher"], "no such query file"),
        (["MATCH (a:Actor RETURN a"], "error:"),
        (["RETURN 1", "-p", "oops"], "name=value"),
    ],
)
def test_cli_query_errors_are_one_line(store: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["query", *args, "--store", str(store)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_extract_writes_the_eval_contract(tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(EXAMPLES / "starlink_ukraine.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    text = (EXAMPLES / "starlink_ukraine.txt").read_text()
    entities = [r for r in records if r["type"] == "entity"]
    relations = [r for r in records if r["type"] == "relation"]
    assert entities and relations
    assert {r["doc_id"] for r in records} == {"starlink_ukraine"}
    for r in entities:
        assert r["label"] in {"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "FAC", "EVENT"}
        for s, e in r["mentions"]:
            assert 0 <= s < e <= len(text)
    for r in relations:
        assert r["predicate"].isupper()
        assert r["quad_class"] in {
            None,
            "VERBAL_COOPERATION",
            "MATERIAL_COOPERATION",
            "VERBAL_CONFLICT",
            "MATERIAL_CONFLICT",
        }
        s, e = r["subject_span"]
        assert r["start"] <= s < e <= r["end"] <= len(text)
    names = {(r["subject"], r["predicate"], r["object"]) for r in relations}
    assert ("Volodymyr Zelensky", "THANK", "Elon Musk") in names


def test_cli_ingest_from_stdin(tmp_path: Path) -> None:
    text = (
        "Turkish President Recep Tayyip Erdogan hosted Ukrainian President Volodymyr Zelensky "
        "in Istanbul on Friday. Erdogan praised Zelensky for his courage."
    )
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", "-", "--store", str(store), "-q"], input=text)
    assert result.exit_code == 0, result.output
    assert summary(result.output)[0] == 1
    rows = runner.invoke(
        app,
        ["query", "MATCH (a:Article) RETURN a.doc_id AS d", "-f", "json", "--store", str(store)],
    )
    assert json.loads(rows.stdout) == [{"d": "stdin"}]


def test_cli_export_html_offline(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "actors.html"
    result = runner.invoke(app, ["export", "html", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "Dmitry Rogozin" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_cli_model_path_is_loadable() -> None:
    import spacy

    result = runner.invoke(app, ["model", "path"])
    assert result.exit_code == 0
    path = Path(result.stdout.strip())
    assert (path / "meta.json").is_file()
    assert "parser" in spacy.load(path).pipe_names


def test_cli_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("graphbuilder ")
