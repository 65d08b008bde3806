"""Files and stdin → :class:`Article` records, with a :class:`ReadError` for each bad input."""

from __future__ import annotations

import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from graphbuilder.errors import ReadError
from graphbuilder.read.chunks import paragraph_chunks
from graphbuilder.read.dates import dateline_date, normalise_date
from graphbuilder.read.decode import NotText, decode_bytes, detect_stream_encoding
from graphbuilder.read.html import (
    HtmlDocument,
    extract_html,
    html_fragment_text,
    looks_like_html_page,
)
from graphbuilder.read.identity import content_id
from graphbuilder.read.language import foreign_language
from graphbuilder.read.markdown import strip_markdown
from graphbuilder.read.records import (
    Record,
    RecordError,
    json_error,
    parse_json_document,
    parse_record,
)
from graphbuilder.read.sources import STDIN, expand_paths, os_error_reason
from graphbuilder.types import Article

log = logging.getLogger(__name__)

# Inputs larger than this are skipped (JSON Lines: per line). The whole text of an article
# is held in memory: a 50 MB text file peaks at ~205 MB RSS in all (test_read_fifty_megabyte_...).
DEFAULT_MAX_BYTES = 128 * 1024 * 1024
# An HTML page's parse tree takes ~25 times the page's size (measured: 1.3 GB peak RSS and
# 95 s for a 50 MB page), so pages get a lower limit than text; real pages are far smaller.
MAX_HTML_CHARS = 20_000_000
# A text longer than this (spaCy's default max_length) is a dump of many articles, not one
# news story: it is stored as consecutive parts, each its own article, cut at paragraph
# breaks. Each part is parsed, resolved and committed on its own, so memory stays bounded
# by the part, not the file (one 50 MB article would need gigabytes: every fact of an
# article lives in memory until its single transaction commits).
MAX_ARTICLE_CHARS = 1_000_000

_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
}
_STREAM_HEAD = 65536
_NON_SPACE = re.compile(r"\S")
_WORD_CHAR = re.compile(r"[^\W_]")
_OBJECT_LINE = re.compile(r"^[ \t]*\{", re.M)
_TITLE_LINE = re.compile(r"[ \t]*([^\n]{1,200}?)[ \t]*\r?\n[ \t]*\r?\n")

Item = Article | ReadError


def iter_articles(
    paths: Iterable[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    languages: set[str] | frozenset[str] = frozenset({"en"}),
    exclude: Iterable[str | Path] = (),
) -> Iterator[Item]:
    """Read articles from files, directories and ``"-"`` (stdin), in a deterministic order.

    Yields an :class:`~graphbuilder.types.Article` per article and a
    :class:`~graphbuilder.errors.ReadError` (never raised) per input that has to be skipped,
    so one bad file never stops a run. Formats: .txt, .md, .html/.htm, .json (an object or a
    list of objects), .jsonl/.ndjson; other extensions are sniffed (HTML, JSON or plain text)
    and binary files are skipped. ``Article.id`` is the hash of the normalised text, so the
    same article read twice, under any name, has the same id; ``iter_articles`` does not drop
    repeats (see :func:`unique_articles`).

    An article's whole text is held in memory (one file at a time; JSON Lines are streamed
    line by line); inputs over ``max_bytes`` are skipped. Articles confidently detected in a
    language outside ``languages`` are skipped. ``exclude`` names directories or files a
    directory walk must leave out (the store directory, say).
    """
    langs = set(languages)
    for item in expand_paths(paths, exclude):
        if isinstance(item, ReadError):
            yield item
        elif item == STDIN:
            yield from _guarded("<stdin>", _read_stdin(stdin, max_bytes, langs))
        else:
            assert isinstance(item, Path)
            yield from _guarded(str(item), _read_file(item, max_bytes, langs))


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    # The promise is that one bad input never ends the run: a parser's surprise included.
    try:
        yield from items
    except OSError as exc:
        yield ReadError(source, os_error_reason(exc))
    except Exception as exc:
        log.debug("unexpected error reading %s", source, exc_info=True)
        yield ReadError(source, f"unexpected error ({type(exc).__name__}: {exc})")


def _read_stdin(
    stream: TextIO | BinaryIO | None, max_bytes: int, langs: set[str]
) -> Iterator[Item]:
    source = "<stdin>"
    if stream is None:
        stream = sys.stdin.buffer
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield ReadError(source, f"input too large (over {_mb(max_bytes)})")
        return
    if not data:
        yield ReadError(source, "empty input")
        return
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        try:
            text = _decode(data, source)
        except NotText as exc:
            yield ReadError(source, str(exc))
            return
    yield from _parse_text(text, _sniff(text), "stdin", source, langs)


def _read_file(path: Path, max_bytes: int, langs: set[str]) -> Iterator[Item]:
    source = str(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, max_bytes, langs)
        return
    with path.open("rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield ReadError(source, f"file too large (over {_mb(max_bytes)}); split it into parts")
        return
    if not data:
        yield ReadError(source, "empty file")
        return
    try:
        text = _decode(data, source)
    except NotText as exc:
        yield ReadError(source, str(exc))
        return
    del data  # a large file's bytes need not outlive its text
    yield from _parse_text(text, fmt or _sniff(text), path.stem, source, langs)


def _decode(data: bytes, source: str) -> str:
    decoded = decode_bytes(data)
    if decoded.encoding != "utf-8" or decoded.replaced:
        log.debug(
            "%s: decoded as %s%s",
            source,
            decoded.encoding,
            f", {decoded.replaced} invalid byte sequence(s) replaced" if decoded.replaced else "",
        )
    return decoded.text


def _sniff(text: str) -> str:
    """The format of text that came without a telling extension."""
    first = _NON_SPACE.search(text[:4096])
    if first is None:
        return "text"
    if first.group() == "<" and looks_like_html_page(text):
        return "html"
    if first.group() in "{[":
        try:
            json.loads(text)
            return "json"
        except ValueError:
            pass
        # JSON Lines: several lines that open an object (the first may be the broken one).
        if first.group() == "{" and len(_OBJECT_LINE.findall(text, 0, 65536)) >= 2:
            return "jsonl"
    return "text"


def _parse_text(text: str, fmt: str, stem: str, source: str, langs: set[str]) -> Iterator[Item]:
    if _NON_SPACE.search(text) is None:
        yield ReadError(source, "only whitespace")
        return
    if fmt == "html":
        if len(text) > MAX_HTML_CHARS:
            yield ReadError(source, f"HTML page too large (over {_mb(MAX_HTML_CHARS)})")
            return
        if looks_like_html_page(text):
            page = extract_html(text)
        else:  # a saved fragment: some paragraphs of markup without <html>
            page = HtmlDocument(text=html_fragment_text(text))
        if not page.text.strip():
            yield ReadError(source, "no article text in HTML page")
            return
        yield from _articles(
            page.text, stem, source, langs, page.title, page.url, page.published
        )
    elif fmt == "markdown":
        doc = strip_markdown(text)
        meta = {str(k).lower(): v for k, v in doc.meta.items()}
        url = meta.get("url") or meta.get("link")
        published = meta.get("published") or meta.get("date")
        if isinstance(published, date):  # YAML reads 2023-06-30 as a date
            published = published.isoformat()
        if not doc.text:
            yield ReadError(source, "no text (only Markdown markup)")
            return
        yield from _articles(
            doc.text,
            stem,
            source,
            langs,
            doc.title,
            str(url) if url else None,
            str(published) if published else None,
        )
    elif fmt == "json":
        yield from _parse_json(text, stem, source, langs)
    elif fmt == "jsonl":
        yield from _parse_lines(io.StringIO(text), stem, source, len(text) + 1, langs)
    else:
        yield from _articles(text, stem, source, langs, _first_line_title(text))


def _parse_json(text: str, stem: str, source: str, langs: set[str]) -> Iterator[Item]:
    try:
        values = list(parse_json_document(text))
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON Lines saved as .json
            yield from _parse_lines(io.StringIO(text), stem, source, len(text) + 1, langs)
        else:
            yield ReadError(source, json_error(exc))
        return
    if not values:
        yield ReadError(source, "no records (empty JSON list)")
        return
    single = len(values) == 1
    for number, value in values:
        where = "" if single else f"record {number}: "
        try:
            record = parse_record(value)
        except RecordError as exc:
            yield ReadError(source, f"{where}{exc}")
            continue
        doc_id = record.id or (stem if single else f"{stem}-{number}")
        rec_source = source if single else f"{source}#{number}"
        yield _record_article(record, doc_id, rec_source, source, langs, where)


def _read_jsonl_file(path: Path, max_bytes: int, langs: set[str]) -> Iterator[Item]:
    source = str(path)
    with path.open("rb") as raw:
        head = raw.read(_STREAM_HEAD)
        if not head:
            yield ReadError(source, "empty file")
            return
        try:
            encoding = detect_stream_encoding(head)
        except NotText as exc:
            yield ReadError(source, str(exc))
            return
        raw.seek(0)
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=None)
        yield from _parse_lines(stream, path.stem, source, max_bytes, langs)


def _parse_lines(
    stream: TextIO, stem: str, source: str, max_chars: int, langs: set[str]
) -> Iterator[Item]:
    records = 0
    for lineno, line in _bounded_lines(stream, max_chars):
        if line is None:
            yield ReadError(source, f"line {lineno}: record too large (over {_mb(max_chars)})")
            continue
        line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        records += 1
        where = f"line {lineno}: "
        try:
            record = parse_record(json.loads(line.rstrip("\r\n")))  # columns on this line
        except json.JSONDecodeError as exc:
            yield ReadError(source, f"{where}malformed JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecordError as exc:
            yield ReadError(source, f"{where}{exc}")
            continue
        doc_id = record.id or f"{stem}-{lineno}"
        yield _record_article(record, doc_id, f"{source}:{lineno}", source, langs, where)
    if records == 0:
        yield ReadError(source, "only whitespace")


def _bounded_lines(stream: TextIO, max_chars: int) -> Iterator[tuple[int, str | None]]:
    """(line number, line) pairs; None instead of a line longer than ``max_chars``."""
    lineno = 0
    while True:
        line = stream.readline(max_chars + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_chars and not line.endswith("\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith("\n"):
                pass  # skip the rest of the oversized line without holding it
            yield lineno, None
        else:
            yield lineno, line


def _record_article(
    record: Record, doc_id: str, source: str, file_source: str, langs: set[str], where: str
) -> Item:
    item = _article(record.text, doc_id, source, langs, record.title, record.url, record.published)
    if isinstance(item, ReadError):
        # Like every other problem in a file, it names the file, then the line or record.
        return ReadError(file_source, f"{where}{item.reason}")
    return item


def _articles(
    text: str,
    doc_id: str,
    source: str,
    langs: set[str],
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Iterator[Item]:
    """The Article for ``text``; for a text over MAX_ARTICLE_CHARS, one per part of it."""
    if len(text) <= MAX_ARTICLE_CHARS:
        yield _article(text, doc_id, source, langs, title, url, published)
        return
    # Every part carries the file's title, address and date; its id is its own text's hash.
    published = normalise_date(_clean(published)) or dateline_date(text)
    title = _clean(title) or doc_id
    for number, (_, part) in enumerate(paragraph_chunks(text, MAX_ARTICLE_CHARS), start=1):
        item = _article(
            part, f"{doc_id}.part{number}", source, langs, f"{title} (part {number})", url,
            published,
        )
        if isinstance(item, ReadError):
            item = ReadError(source, f"part {number}: {item.reason}")
        yield item


def _article(
    text: str,
    doc_id: str,
    source: str,
    langs: set[str],
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Item:
    """The Article for ``text``, or the ReadError that says why it is not one."""
    if _NON_SPACE.search(text) is None:
        return ReadError(source, "no text" if text == "" else "only whitespace")
    if _WORD_CHAR.search(text) is None:
        return ReadError(source, "no words (only punctuation or symbols)")
    lang = foreign_language(text, langs)
    if lang == "zxx":  # the detector's code for "no linguistic content"
        return ReadError(source, "no language recognised (random letters or symbols?)")
    if lang is not None:
        wanted = "English" if langs == {"en"} else "in " + ", ".join(sorted(langs))
        return ReadError(source, f"not {wanted} (detected: {lang})")
    return Article(
        id=content_id(text),
        doc_id=doc_id,
        text=text,
        title=_clean(title),
        url=_clean(url),
        source=source,
        published=normalise_date(_clean(published)) or dateline_date(text),
    )


def _first_line_title(text: str) -> str | None:
    """A plain-text article's headline: a short first line with a blank line after it."""
    match = _TITLE_LINE.match(text[:400].lstrip("\r\n"))
    if match is None:
        return None
    line = match.group(1)
    return None if line.endswith((".", ",", ";", ":")) else line


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n} bytes"
