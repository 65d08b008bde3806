"""The benchmark corpus: real text, scaled by repetition with distinct content.

Sources (none is shipped; the benchmarks read them from ``../shared/data``):

* the 55 re3d dev documents (defence and security reports on Syria and Iraq);
* every document of the Universal Dependencies EWT and GUM ``sources/`` files, read as
  plain text: the ``# text =`` lines of a ``# newdoc``, a blank line at each ``# newpar``;
* the repository's ``examples/`` (read with graphbuilder's own reader).

Documents longer than ``max_words`` are cut into articles at paragraph or sentence
ends, and documents shorter than ``MIN_WORDS`` are left out, so articles are about the
size of news reports. The base articles are shuffled once (fixed seed) so any prefix of
the corpus mixes the sources. When more articles are asked for than there are base
articles, the list is repeated; every article starts with a numbered header line
("Dispatch 00042 (round 3)"), so even repeats have distinct text and distinct ids.

    python benchmarks/corpus.py 1000 /tmp/corpus     # write 1,000 .txt files, print counts
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"
MIN_WORDS = 40
MAX_WORDS = 600
FILES_PER_DIR = 1000  # corpus directories hold at most this many files each
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


@dataclass(frozen=True)
class CorpusInfo:
    """What :func:`write_corpus` wrote."""

    directory: Path
    articles: int
    words: int  # whitespace-separated words, as ``IngestSummary.words`` counts them
    bytes: int


def ud_documents(treebank_dir: Path) -> Iterator[tuple[str, str]]:
    """(doc id, text) of every ``# newdoc`` in ``<treebank>/sources/**/*.conllu``."""
    for path in sorted((treebank_dir / "sources").rglob("*.conllu")):
        doc_id, paragraphs = "", [[]]  # type: tuple[str, list[list[str]]]
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("# newdoc"):
                    if doc_id:
                        yield doc_id, _join(paragraphs)
                    doc_id = line.split("=", 1)[1].strip() if "=" in line else path.stem
                    paragraphs = [[]]
                elif line.startswith("# newpar") and paragraphs[-1]:
                    paragraphs.append([])
                elif line.startswith("# text ="):
                    paragraphs[-1].append(line.split("=", 1)[1].strip())
        if doc_id:
            yield doc_id, _join(paragraphs)


def _join(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def base_documents(data_dir: Path = SHARED_DATA, examples: Path = EXAMPLES
                   ) -> Iterator[tuple[str, str]]:
    """(name, text) of every source document, in a fixed order."""
    for path in sorted((data_dir / "re3d-dev" / "docs").glob("*.txt")):
        yield f"re3d/{path.stem}", path.read_text(encoding="utf-8")
    for treebank in ("ewt", "gum"):
        for doc_id, text in ud_documents(data_dir / "ud" / treebank):
            yield f"ud-{treebank}/{doc_id}", text
    if examples.is_dir():
        from graphbuilder.read import iter_articles
        from graphbuilder.types import Article

        for item in iter_articles([examples]):
            if isinstance(item, Article):
                title = f"{item.title}\n\n" if item.title else ""
                yield f"examples/{item.doc_id}", title + item.text


def split_words(text: str, max_words: int) -> Iterator[str]:
    """Cut ``text`` into parts of at most about ``max_words`` words at paragraph or
    sentence ends (a single longer sentence stays whole)."""
    units: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        sentences = _SENTENCE_END.split(para.strip())
        units.extend(sentences[:-1])
        units.append(sentences[-1] + "\n\n")  # keep the paragraph break
    part: list[str] = []
    words = 0
    for unit in units:
        n = len(unit.split())
        if part and words + n > max_words:
            yield _glue(part)
            part, words = [], 0
        part.append(unit)
        words += n
    if part:
        yield _glue(part)


def _glue(units: list[str]) -> str:
    out = ""
    for u in units:
        out += u if not out or out.endswith("\n\n") else " " + u
    return out.strip()


def base_articles(max_words: int = MAX_WORDS, seed: int = 8) -> list[tuple[str, str]]:
    """The distinct articles before repetition, shuffled with a fixed seed."""
    out: list[tuple[str, str]] = []
    for name, text in base_documents():
        for k, part in enumerate(split_words(text, max_words)):
            if len(part.split()) >= MIN_WORDS:
                out.append((f"{name}#{k}", part))
    random.Random(seed).shuffle(out)
    return out


def articles(n: int, max_words: int = MAX_WORDS) -> Iterator[tuple[str, str]]:
    """(name, text) of ``n`` articles, each with a distinct numbered header line.

    Streams: only the base list (some 1,700 articles, 3 MB) is held, never the ``n``.
    """
    base = base_articles(max_words)
    for i in range(n):
        name, text = base[i % len(base)]
        header = f"Dispatch {i:05d} (round {i // len(base) + 1})"
        yield f"{i:05d} {name}", f"{header}\n\n{text}\n"


def write_corpus(directory: Path, n: int, max_words: int = MAX_WORDS,
                 per_dir: int = FILES_PER_DIR) -> CorpusInfo:
    """Write ``n`` articles as ``.txt`` files under ``directory``, ``per_dir`` per subfolder
    (``part000``, ``part001``, ...)."""
    directory.mkdir(parents=True, exist_ok=True)
    words = size = 0
    for i, (_, text) in enumerate(articles(n, max_words)):
        folder = directory / f"part{i // per_dir:03d}"
        folder.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"article{i:05d}.txt").write_bytes(data)
        words += len(text.split())
        size += len(data)
    return CorpusInfo(directory, n, words, size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="articles to write")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--max-words", type=int, default=MAX_WORDS)
    args = parser.parse_args(argv)
    base = base_articles(args.max_words)
    info = write_corpus(args.directory, args.n, args.max_words)
    sources: dict[str, int] = {}
    for name, _ in base:
        key = name.split("/", 1)[0]
        sources[key] = sources.get(key, 0) + 1
    print(f"{len(base)} distinct base articles: "
          + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
    print(f"wrote {info.articles:,d} articles, {info.words:,d} words, "
          f"{info.bytes / 1e6:.1f} MB to {info.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
