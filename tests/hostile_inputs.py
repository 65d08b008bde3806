"""Inputs and runners for tests/test_hostile_cli.py (issue 6: hostile and broken input).

Every article text here was written for these tests. Binary, badly encoded and large inputs
are generated at test time; the readable fixtures live in tests/data/hostile/.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from graphbuilder.cli import app

DATA = Path(__file__).parent / "data" / "hostile"
HOSTILE_ACTORS = DATA / "hostile_actors.yaml"
HOSTILE_ARTICLE = DATA / "hostile_article.txt"
SCRAPED_PAGE = DATA / "scraped_page.html"
# The console script, run by this interpreter (whatever virtualenv the tests run in).
GRAPHBUILDER = [sys.executable, "-c", "from graphbuilder.cli import main; main()"]

# --- articles ------------------------------------------------------------------------------

GOOD = {
    "kenya_border.txt": (
        "Kenya accuses Ethiopia over border raid\n\n"
        "NAIROBI, March 3, 2023 - The government of Kenya accused Ethiopia on Friday of "
        "sending troops across the border near Moyale. Officials in Nairobi demanded an "
        "explanation from the Ethiopian ambassador.\n"
    ),
    "fishing_accord.md": (
        "# Chile and Peru sign fishing accord\n\n"
        "LIMA, April 11, 2023 - **Chile** and Peru signed an agreement on Tuesday to share "
        "patrols of their fishing waters. The foreign minister of Peru praised Chile for its "
        "help after the floods.\n"
    ),
    "grain_talks.json": json.dumps(
        {
            "title": "Turkey hosts grain talks",
            "url": "https://wire.example/grain",
            "published": "2023-06-02",
            "text": "ANKARA, June 2, 2023 - Turkey hosted talks between Egypt and Ghana on "
            "grain shipments. Egypt thanked Turkey for its mediation, and Ghana invited "
            "Egypt to a second round in Accra.",
        }
    ),
}
GOOD_DOC_IDS = {"kenya_border", "fishing_accord", "grain_talks"}

GERMAN = (
    "Die Regierung in Wien hat am Dienstag neue Hilfen für die Landwirtschaft beschlossen. "
    "Der Minister sagte, die Bauern würden noch vor dem Winter Geld erhalten, und die "
    "Opposition nannte das Paket zu klein und zu spät."
)
# Western European text in Windows-1252: accents, curly quotes, a euro sign, an en dash.
CP1252_TEXT = (
    "Café owners in Zürich protest – “a naïve tax”\n\n"
    "ZURICH, May 4, 2023 - Café owners told the mayor that the new €5 tax per table was "
    "naïve. Switzerland criticised Côte d'Ivoire for blocking cocoa exports, and the "
    "owners said the city had ignored them.\n"
)
# UTF-8 with a byte that can never occur in UTF-8 (0xFF) in the middle of the body.
BROKEN_UTF8 = (
    b"Norway thanks Poland for ferry rescue\n\n"
    b"OSLO, July 9, 2023 - Norway thanked Poland on Sunday after a Polish ship rescued "
    b"the crew of a burning ferry. \xff\xfe The ferry company said all 23 crew members "
    b"were safe.\n"
)
JSONL_LINES = [
    json.dumps({"text": "Brazil criticised Argentina on Monday over new import tariffs on "
                "steel and beef.", "title": "Brazil criticises Argentina"}),
    '{"text": "India praised Japan for the loan", "title": ',  # cut short: malformed
    json.dumps({"text": "Mexico thanked Canada on Friday for sending firefighters to the "
                "northern forests.", "title": "Mexico thanks Canada"}),
]
PUNCTUATION_ONLY = "!!! ??? ... --- *** ;;; ,,, … — “” «» ¡¿ #### %%%\n" * 40


def png_bytes() -> bytes:
    """A 1×1 grey PNG (signature, IHDR, IDAT, IEND), as a camera or browser would save it."""
    return bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
        "3a7e9b550000000a49444154789c6360000000020001e221bc330000000049454e44ae426082"
    )


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kenya_border.txt", GOOD["kenya_border.txt"])
    return buffer.getvalue()


@dataclass(frozen=True)
class BadInput:
    """One input the run must skip, and the reason the user must be told."""

    name: str
    content: bytes
    reason: str


BAD_INPUTS = [
    BadInput("empty.txt", b"", "empty file"),
    BadInput("blank.md", b"  \n\t\n   \r\n", "only whitespace"),
    BadInput("photo.png", png_bytes(), "binary"),
    BadInput("archive.zip", zip_bytes(), "binary"),
    BadInput("bericht.txt", GERMAN.encode(), "not English (detected: de)"),
    BadInput("punctuation.txt", PUNCTUATION_ONLY.encode(), "no words"),
]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def write_battery(folder: Path) -> Path:
    """Issue 6 item 8: every kind of bad input beside good articles, in one directory."""
    for bad in BAD_INPUTS:
        write(folder / bad.name, bad.content)
    for name, text in GOOD.items():
        write(folder / name, text)
    write(folder / "zurich_cafes.txt", CP1252_TEXT.encode("cp1252"))
    write(folder / "ferry_rescue.txt", BROKEN_UTF8)
    write(folder / "feed.jsonl", "\n".join(JSONL_LINES) + "\n")
    write(folder / "arctic_patrols.html", SCRAPED_PAGE.read_bytes())
    return folder


def small_articles(folder: Path, count: int, prefix: str = "talks") -> list[Path]:
    """``count`` short distinct articles about countries (resolved through the gazetteer, so
    the same text gives the same actors and facts in any store)."""
    countries = ["Kenya", "Ethiopia", "Chile", "Peru", "Norway", "Finland", "Poland", "Turkey",
                 "Egypt", "Ghana", "Brazil", "India", "Japan", "Mexico", "Canada", "Spain"]
    verbs = ["accused", "criticised", "praised", "thanked", "threatened", "condemned"]
    paths = []
    for i in range(count):
        a, b, c = (countries[(i * k + k) % len(countries)] for k in (1, 3, 5))
        text = (
            f"Round {i} of the water talks\n\n"
            f"The government of {a} {verbs[i % len(verbs)]} {b} on Monday over the dispute "
            f"about river dams. Officials from {c} {verbs[(i + 2) % len(verbs)]} {a} a day "
            "later in the capital.\n"
        )
        paths.append(write(folder / f"{prefix}_{i:03d}.txt", text))
    return paths


# --- running the CLI -----------------------------------------------------------------------

RUNNER = CliRunner()


@dataclass
class Run:
    """What a user saw: exit status, standard output and standard error."""

    code: int
    stdout: str
    stderr: str

    def lines(self, stream: str = "stderr") -> list[str]:
        return getattr(self, stream).splitlines()


def gb(*args: str | Path, stdin: str | None = None) -> Run:
    """Run ``graphbuilder ARGS`` in this process, as a user would type it."""
    result = RUNNER.invoke(app, [str(a) for a in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"graphbuilder {shlex.join(map(str, args))} crashed"
        ) from result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def query(store: Path, cypher: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of ``graphbuilder query --format json`` against the embedded store."""
    args: list[str | Path] = ["query", "--store", store, "--format", "json", cypher]
    for name, value in params.items():
        args += ["--param", f"{name}={json.dumps(value)}"]
    run = gb(*args)
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def count(store: Path, cypher: str) -> int:
    rows = query(store, cypher)
    return int(rows[0]["n"])


def doc_ids(store: Path) -> set[str]:
    return {r["doc_id"] for r in query(store, "MATCH (a:Article) RETURN a.doc_id AS doc_id")}


def relationship_types(store: Path) -> set[str]:
    rows = query(store, "MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")
    return {r["t"] for r in rows}


def snapshot(store: Path) -> dict[str, Any]:
    """Everything the tests compare between two states of a store."""
    per_article = query(
        store,
        "MATCH (t:Article) OPTIONAL MATCH (a:Actor)-[m:MENTIONED_IN]->(t) "
        "RETURN t.doc_id AS doc, count(m) AS mentions ORDER BY doc",
    )
    facts = query(
        store,
        "MATCH (:Actor)-[r]->(:Actor) RETURN r.article_id AS article, type(r) AS type, "
        "r.id AS id",
    )
    articles = query(store, "MATCH (t:Article) RETURN t.id AS id, t.doc_id AS doc")
    doc_of = {r["id"]: r["doc"] for r in articles}
    facts_per_doc: dict[str, int] = {}
    for fact in facts:
        doc = doc_of.get(fact["article"], f"<no article {fact['article']}>")
        facts_per_doc[doc] = facts_per_doc.get(doc, 0) + 1
    return {
        "articles": len(articles),
        "article_ids": len({r["id"] for r in articles}),
        "actors": count(store, "MATCH (a:Actor) RETURN count(a) AS n"),
        "actor_ids": count(store, "MATCH (a:Actor) RETURN count(DISTINCT a.id) AS n"),
        "facts": len(facts),
        "fact_ids": len({f["id"] for f in facts}),
        "mentions": {r["doc"]: r["mentions"] for r in per_article},
        "facts_per_doc": facts_per_doc,
        "types": sorted(relationship_types(store)),
    }


# --- running the CLI in a child process ----------------------------------------------------

# Started in the child before graphbuilder: optional limits, then exec. (No preexec_fn: the
# test process runs a JVM, and forking a threaded process into Python code is unsafe.)
_TRAMPOLINE = """
import ctypes, json, os, resource, sys
opts = json.loads(sys.argv[1])
if opts.get("fsize") is not None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (opts["fsize"], opts["fsize"]))
if opts.get("drop_dac") and os.geteuid() == 0:
    # root ignores file modes; without these two capabilities it obeys them like anyone
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            sys.exit("cannot drop CAP_DAC_OVERRIDE: errno %d" % ctypes.get_errno())
os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
"""


def child_command(
    *args: str | Path, fsize: int | None = None, obey_file_modes: bool = False
) -> list[str]:
    """The command line that runs ``graphbuilder ARGS`` in a child process.

    ``fsize`` caps the size of every file the child writes (RLIMIT_FSIZE): writes past it
    fail with EFBIG, which is how a full disk looks to the program, without needing a
    small file system. ``obey_file_modes`` makes a root child obey chmod like any user.
    """
    opts = {"fsize": fsize, "drop_dac": obey_file_modes}
    return [sys.executable, "-c", _TRAMPOLINE, json.dumps(opts), *GRAPHBUILDER[1:],
            *map(str, args)]


def run_child(*args: str | Path, timeout: float = 300, **limits: Any) -> Run:
    proc = subprocess.run(
        child_command(*args, **limits),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def child_env() -> dict[str, str]:
    # wide, plain output: the checks read whole lines
    return {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", "TERM": "dumb"}
