"""The read stage: every input format, and every kind of bad input (issue 6, items 1-7, 11, 14, 15).

All article texts here were written for these tests. Binary, badly encoded and huge inputs are
generated at test time in temporary directories.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import random
import socket
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from graphbuilder.errors import ReadError
from graphbuilder.read import (
    content_id,
    detect_language,
    iter_articles,
    normalise,
    paragraph_chunks,
    unique_articles,
)
from graphbuilder.read.markdown import strip_markdown
from graphbuilder.read.reader import MAX_ARTICLE_CHARS
from graphbuilder.types import Article

DATA = Path(__file__).parent / "data" / "read"

NEWS = (
    "Ministers from Kenya and Ethiopia met in Nairobi on Monday to discuss the drought in "
    "the Horn of Africa. Both governments asked donors to fund water trucks for herders.\n\n"
    "The World Food Programme said it would expand its operations in the region."
)
NEWS_2 = (
    "The navy of Chile rescued eleven fishermen off the coast of Valparaiso after their boat "
    "sank in a storm. Officials said every crew member was in good health."
)
NEWS_ACCENTED = (
    "The café owners of Zürich told the mayor that the “new” tax of €5 per table was naïve. "
    "Señor Muñoz, who runs a bar in the old town, said the city had ignored them."
)
GERMAN = (
    "Die Bundesregierung hat am Montag neue Hilfen für die Ukraine angekündigt. Der Kanzler "
    "sagte in Berlin, man werde weitere Luftabwehrsysteme liefern, sobald die Industrie sie "
    "bereitstellen könne. Die Opposition kritisierte das Tempo der Entscheidungen."
)

# Written for the language detector's measurement: 14 languages, a short paragraph each.
FOREIGN = {
    "de": GERMAN,
    "fr": "Le président français a reçu mardi son homologue ukrainien à l'Élysée. Les deux "
    "dirigeants ont discuté de la reconstruction du pays et des garanties de sécurité.",
    "es": "El gobierno español anunció el miércoles que enviará más ayuda humanitaria a la "
    "región. La ministra de Exteriores explicó que los fondos se destinarán a hospitales.",
    "it": "Il ministro degli Esteri italiano ha incontrato ieri a Roma il suo collega turco. Al "
    "centro dei colloqui c'erano il corridoio del grano e la sicurezza nel Mar Nero.",
    "pt": "O presidente brasileiro criticou nesta quinta-feira as sanções impostas pelos países "
    "ocidentais. Segundo ele, as medidas prejudicam sobretudo os agricultores.",
    "nl": "De Nederlandse regering heeft besloten extra geld vrij te maken voor de opvang van "
    "vluchtelingen. De minister zei dat gemeenten snel meer plekken moeten vinden.",
    "pl": "Premier Polski spotkał się w czwartek z przywódcami państw bałtyckich w Wilnie. "
    "Rozmawiano o wzmocnieniu wschodniej flanki NATO i o dostawach amunicji.",
    "ru": "Министр иностранных дел России заявил во вторник, что Москва готова к переговорам, "
    "но только на своих условиях. Западные страны назвали это заявление пропагандой.",
    "uk": "Президент України звернувся до парламенту з проханням продовжити воєнний стан ще на "
    "три місяці. Депутати підтримали це рішення більшістю голосів.",
    "tr": "Türkiye Dışişleri Bakanı, tahıl koridorunun yeniden açılması için taraflarla "
    "görüşmelerin sürdüğünü söyledi. Bakan, Karadeniz'de güvenliğin önemini vurguladı.",
    "ar": "أعلنت وزارة الخارجية اليوم عن بدء جولة جديدة من المحادثات بين الطرفين في العاصمة. وقال "
    "المتحدث الرسمي إن الهدف هو التوصل إلى وقف دائم لإطلاق النار وتبادل الأسرى.",
    "zh": "外交部发言人周三表示，中方呼吁各方保持克制，通过对话解决分歧。"
    "他说，国际社会应当共同努力，为和平谈判创造条件。",
    "ja": "政府は火曜日、ウクライナへの追加の人道支援を発表した。外務大臣は記者会見で、医療物資や"
    "発電機を速やかに届けると述べた。",
    "sv": "Sveriges regering meddelade på fredagen att landet ansöker om medlemskap i Nato. "
    "Statsministern sade att beslutet är historiskt och att säkerhetsläget har förändrats.",
}

# Title Case headlines are where language detectors go wrong; none of these may be rejected.
ENGLISH_HEADLINES = [
    "Starlink keeps Ukraine online",
    "Musk hits back at Rogozin",
    "Kremlin warns NATO over Finland bid",
    "Wagner fighters seen near Bamako",
    "Erdogan hosts grain talks in Istanbul",
    "Biden signs aid package",
    "Ukraine retakes Kherson",
    "Blinken meets Lavrov in Geneva",
    "EU bans Russian coal imports",
    "Pentagon denies drone strike report",
    "Iran seizes tanker in Gulf",
    "Ankara blocks Nordic NATO bids",
    "Moscow expels diplomats",
    "Mali junta expels French envoy",
    "Brazil's Lula visits Beijing",
    "Ethiopia and Tigray sign accord",
    "Africa Union suspends Niger",
    "Lukashenko offers Wagner refuge",
]


def read_all(*paths: str | Path, **kwargs: object) -> list[Article | ReadError]:
    return list(iter_articles(paths, **kwargs))  # type: ignore[arg-type]


def articles_of(items: list[Article | ReadError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def problems_of(items: list[Article | ReadError]) -> list[tuple[str, str]]:
    return [(item.source, item.reason) for item in items if isinstance(item, ReadError)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def only_article(items: list[Article | ReadError]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_problem(items: list[Article | ReadError]) -> ReadError:
    assert len(items) == 1, items
    assert isinstance(items[0], ReadError), items[0]
    return items[0]


# --- binary files, built here so nothing opaque is committed ------------------------------


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", NEWS)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def gzip_bytes() -> bytes:
    import gzip

    return gzip.compress(NEWS.encode())


def random_bytes() -> bytes:
    return random.Random(6).randbytes(4096)


# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "doc_id", "title", "url", "published", "sentence"),
    [
        (
            "drought.txt",
            "Kenya and Ethiopia ask for drought aid\n\n" + NEWS,
            "drought",
            "Kenya and Ethiopia ask for drought aid",
            None,
            None,
            "Both governments asked donors to fund water trucks for herders.",
        ),
        ("untitled.txt", NEWS, "untitled", None, None, None, "met in Nairobi on Monday"),
        (
            "rescue.md",
            "# Chile rescues fishermen\n\nThe **navy** of [Chile](https://x.example/cl) rescued "
            "eleven fishermen off the coast of Valparaiso after their boat sank in a storm.",
            "rescue",
            "Chile rescues fishermen",
            None,
            None,
            "The navy of Chile rescued eleven fishermen off the coast",
        ),
        (
            "rescue.html",
            "<!doctype html><html><head><title>Chile rescues fishermen</title>"
            '<link rel="canonical" href="https://x.example/chile-rescue">'
            '<meta name="date" content="2023-02-01"></head><body><article><h1>Chile rescues '
            "fishermen</h1><p>" + NEWS_2 + "</p><p>" + NEWS_2.replace("eleven", "twelve") + "</p>"
            "</article></body></html>",
            "rescue",
            "Chile rescues fishermen",
            "https://x.example/chile-rescue",
            "2023-02-01",
            "rescued eleven fishermen",
        ),
        (
            "one.json",
            json.dumps({"title": "Drought talks", "text": NEWS, "url": "https://x.example/d"}),
            "one",
            "Drought talks",
            "https://x.example/d",
            None,
            "The World Food Programme said",
        ),
        (
            "aliases.json",
            json.dumps({"id": 42, "headline": "Drought talks", "body": NEWS, "date": "2023-01-09"}),
            "42",
            "Drought talks",
            None,
            "2023-01-09",
            "The World Food Programme said",
        ),
        (
            "paragraphs.json",
            json.dumps({"content": NEWS.split("\n\n"), "published_at": "2023-01-09T10:00:00Z"}),
            "paragraphs",
            None,
            None,
            "2023-01-09T10:00:00Z",
            "herders.\n\nThe World Food Programme",
        ),
        (
            "markup.json",
            json.dumps(
                {"content": "<p>" + NEWS_2 + "</p><p>Rescuers <b>praised</b> the crew.</p>"}
            ),
            "markup",
            None,
            None,
            None,
            "Rescuers praised the crew.",
        ),
        (
            "feed.ndjson",
            json.dumps({"text": NEWS_2, "link": "https://x.example/r"}) + "\n",
            "feed-1",
            None,
            "https://x.example/r",
            None,
            "rescued eleven fishermen",
        ),
        ("notes.log", NEWS_2, "notes", None, None, None, "rescued eleven fishermen"),
        ("no_extension", NEWS_2, "no_extension", None, None, None, "rescued eleven fishermen"),
        (
            "saved_page",
            "<!DOCTYPE html>\n<html><body><main><article><p>"
            + NEWS_2
            + "</p><p>"
            + NEWS.replace("\n\n", " ")
            + "</p></article></main></body></html>",
            "saved_page",
            None,
            None,
            None,
            "rescued eleven fishermen",
        ),
    ],
)
def test_read_format_fields(
    tmp_path: Path,
    name: str,
    content: str,
    doc_id: str,
    title: str | None,
    url: str | None,
    published: str | None,
    sentence: str,
) -> None:
    path = write(tmp_path / name, content)
    article = only_article(read_all(path))
    assert sentence in article.text
    assert (article.doc_id, article.title, article.url, article.published) == (
        doc_id,
        title,
        url,
        published,
    )
    assert article.source is not None and article.source.startswith(str(path))
    assert article.id == content_id(article.text)
    assert "<" not in article.text and "**" not in article.text


def test_read_txt_keeps_text_verbatim(tmp_path: Path) -> None:
    # The evaluation scores character offsets into the file itself: the text must not move.
    content = "Title line\r\n\r\n  Indented first line.  \r\nSecond\u0301 line.\r\n\r\n\r\n"
    article = only_article(read_all(write(tmp_path / "verbatim.txt", content)))
    assert article.text == content


def test_read_markdown_front_matter_and_markup() -> None:
    doc = strip_markdown((DATA / "front_matter.md").read_text(encoding="utf-8"))
    assert doc.title == "Sahel junta expels UN mission"
    assert str(doc.meta["date"]) == "2023-06-30"
    assert doc.text.startswith("Sahel junta expels UN mission\n\nBamako, 30 June 2023\n\n")
    assert "The United Nations Security Council voted" in doc.text
    assert "the military government demanded" in doc.text
    assert "Mali's foreign minister told the council" in doc.text
    assert "France welcomed the orderly handover." in doc.text
    assert "the council said." in doc.text
    for markup in ("**", "](", "![", "```", "tracking", "> ", "- France", "---", "`", "\n\n\n"):
        assert markup not in doc.text


@pytest.mark.parametrize(
    ("markdown", "prose"),
    [
        ("## Talks resume ##", "Talks resume"),
        ("Talks resume\n======", "Talks resume"),
        ("Talks *resume* in __Geneva__", "Talks resume in Geneva"),
        ("See [the report][1] today.\n\n[1]: https://x.example/r", "See the report today."),
        ("Mail <https://x.example/a> now", "Mail https://x.example/a now"),
        ("The tax_rate field and 2 * 3 * 4 stay", "The tax_rate field and 2 * 3 * 4 stay"),
        ("1. First point\n2) Second point", "First point\nSecond point"),
        ("Escaped \\*stars\\* stay", "Escaped *stars* stay"),
        ("Plain ~~wrong~~ text<br>", "Plain wrong text"),
        ("---\nnot: [front matter\n---\nProse.", "not: [front matter\n\nProse."),
    ],
)
def test_read_markdown_strips_markup(markdown: str, prose: str) -> None:
    assert strip_markdown(markdown).text == prose


def test_read_html_keeps_article_drops_boilerplate() -> None:
    """Issue 6 item 6: scripts, styles, navigation and cookie banners never reach the text."""
    article = only_article(read_all(DATA / "cookie_banner_page.html"))
    assert article.title == "Baltic ministers agree on joint air patrols"
    assert article.url == "https://northern-wire.example/baltic-air-patrols"
    assert article.published == "2023-03-14"
    assert "agreed in Riga on Tuesday to run joint air patrols" in article.text
    assert "accused the Baltic states of provoking tension" in article.text
    assert "pilots.\n\nThe Latvian defence minister" in article.text  # paragraphs kept apart
    for junk in (
        "cookies",
        "Accept all",
        "dataLayer",
        "trackVisit",
        "font-family",
        "Subscribe",
        "Most read",
        "Copyright",
        "Business",
    ):
        assert junk not in article.text


def test_read_html_never_touches_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    items = read_all(DATA / "cookie_banner_page.html")
    assert attempts == []
    assert "joint air patrols" in only_article(items).text


@pytest.mark.parametrize(
    "page",
    [
        "<!doctype html><html><head><script>var a = 1;</script><style>p{}</style></head>"
        "<body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "<html><body></body></html>",
    ],
)
def test_read_html_without_article_text(tmp_path: Path, page: str) -> None:
    problem = only_problem(read_all(write(tmp_path / "shell.html", page)))
    assert problem.reason == "no article text in HTML page"


def test_read_json_list_of_records(tmp_path: Path) -> None:
    records = [
        {"title": "Drought talks", "text": NEWS},
        {"id": "chile", "text": NEWS_2},
        {"title": "no text here"},
        "a bare string",
    ]
    items = read_all(write(tmp_path / "batch.json", json.dumps(records)))
    found = articles_of(items)
    assert [(a.doc_id, a.source) for a in found] == [
        ("batch-1", f"{tmp_path}/batch.json#1"),
        ("chile", f"{tmp_path}/batch.json#2"),
    ]
    assert [p.reason for p in items if isinstance(p, ReadError)] == [
        "record 3: no text field (expected one of: text, body, content, article, ...)",
        "record 4: not a JSON object but a string",
    ]


def test_read_jsonl_malformed_line_reported_rest_read() -> None:
    """Issue 6 item 7: a broken line is reported with its number; the others are read."""
    items = read_all(DATA / "scraped.jsonl")
    source = str(DATA / "scraped.jsonl")
    found = articles_of(items)
    assert [(a.doc_id, a.source) for a in found] == [
        ("ankara-grain-talks", f"{source}:1"),
        ("scraped-2", f"{source}:2"),
        ("scraped-7", f"{source}:7"),
    ]
    assert found[0].title == "Turkey hosts new round of grain talks"
    assert found[0].url == "https://wire.example/ankara-grain"
    assert found[0].published == "2023-05-02"
    assert found[2].title == "Japan and Philippines sign defence pact"  # keys in any case
    assert [str(p) for p in items if isinstance(p, ReadError)] == [
        f"{source}: line 3: malformed JSON (Expecting ',' delimiter, column 76)",
        f"{source}: line 4: no text field (expected one of: text, body, content, article, ...)",
        f"{source}: line 5: not a JSON object but a list",
    ]


@pytest.mark.parametrize(
    ("content", "reasons"),
    [
        ("[1, 2", ["malformed JSON (Expecting ',' delimiter: line 1 column 6)"]),
        ("[]", ["no records (empty JSON list)"]),
        ('{"text": ""}', ["no text field (expected one of: text, body, content, article, ...)"]),
        ('{"text": 17}', ["text field is a number, not a string"]),
        ('{"text": "   \\n  "}', ["only whitespace"]),
    ],
)
def test_read_json_problems(tmp_path: Path, content: str, reasons: list[str]) -> None:
    items = read_all(write(tmp_path / "bad.json", content))
    assert [p.reason for p in items if isinstance(p, ReadError)] == reasons
    assert articles_of(items) == []


def test_read_json_file_holding_json_lines(tmp_path: Path) -> None:
    lines = json.dumps({"text": NEWS}) + "\n" + json.dumps({"text": NEWS_2}) + "\n"
    found = articles_of(read_all(write(tmp_path / "mislabelled.json", lines)))
    assert [a.doc_id for a in found] == ["mislabelled-1", "mislabelled-2"]


def test_read_jsonl_oversized_line_skipped(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": NEWS_2}),
        json.dumps({"text": NEWS * 40}),
        json.dumps({"text": NEWS}),
    ]
    path = write(tmp_path / "long.jsonl", "\n".join(lines) + "\n")
    items = read_all(path, max_bytes=2000)
    assert [a.doc_id for a in articles_of(items)] == ["long-1", "long-3"]
    assert problems_of(items) == [(str(path), "line 2: record too large (over 2000 bytes)")]


def test_read_json_escapes_that_no_text_can_hold(tmp_path: Path) -> None:
    line = (
        '{"title": "Half \\ud800 pair", '
        '"text": "Chile\\u0000 rescued eleven fishermen \\udc00 at sea."}'
    )
    article = only_article(read_all(write(tmp_path / "escapes.jsonl", line + "\n")))
    assert article.text == "Chile rescued eleven fishermen \ufffd at sea."
    assert article.title == "Half \ufffd pair"


def test_read_html_fragment_file(tmp_path: Path) -> None:
    fragment = "<p>" + NEWS_2 + "</p>\n<p>The <em>crew</em> thanked the navy.</p>"
    article = only_article(read_all(write(tmp_path / "snippet.html", fragment)))
    assert article.text == NEWS_2 + "\n\nThe crew thanked the navy."


def test_read_html_failures_do_not_spill_library_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    items = read_all(write(tmp_path / "empty_page.html", "<html><body></body></html>"))
    assert only_problem(items).reason == "no article text in HTML page"
    assert [r.name for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


# --- stdin ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stream", "doc_ids", "sentence"),
    [
        (io.BytesIO(NEWS.encode()), ["stdin"], "The World Food Programme said"),
        (io.StringIO(NEWS_2), ["stdin"], "rescued eleven fishermen"),
        (io.BytesIO(NEWS_ACCENTED.encode("cp1252")), ["stdin"], "Señor Muñoz"),
        (
            io.BytesIO(f"{json.dumps({'text': NEWS})}\n{json.dumps({'text': NEWS_2})}\n".encode()),
            ["stdin-1", "stdin-2"],
            "rescued eleven fishermen",
        ),
        (
            io.BytesIO((DATA / "cookie_banner_page.html").read_bytes()),
            ["stdin"],
            "joint air patrols",
        ),
        (
            io.BytesIO((DATA / "scraped.jsonl").read_bytes()),
            ["ankara-grain-talks", "stdin-2", "stdin-7"],
            "Manila",
        ),
        (
            io.BytesIO(f'{{"text": "broken\n{json.dumps({"text": NEWS_2})}\n'.encode()),
            ["stdin-2"],
            "rescued eleven fishermen",
        ),
        (
            io.StringIO(json.dumps([{"text": NEWS}, {"text": NEWS_2}], indent=2)),
            ["stdin-1", "stdin-2"],
            "Chile",
        ),
    ],
)
def test_read_stdin(stream: io.IOBase, doc_ids: list[str], sentence: str) -> None:
    found = articles_of(read_all("-", stdin=stream))
    assert [a.doc_id for a in found] == doc_ids
    assert any(sentence in a.text for a in found)
    assert all(a.source and a.source.startswith("<stdin>") for a in found)


@pytest.mark.parametrize(
    ("stream", "reason"),
    [
        (io.BytesIO(b""), "empty input"),
        (io.BytesIO(b" \n\t\n"), "only whitespace"),
        (io.BytesIO(png_bytes()), "binary file (PNG image)"),
    ],
)
def test_read_stdin_bad_input(stream: io.IOBase, reason: str) -> None:
    assert only_problem(read_all("-", stdin=stream)).reason == reason


# --- issue 6 items 1-3: empty, binary, encodings ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("empty.md", b"", "empty file"),
        ("empty.jsonl", b"", "empty file"),
        ("blank.txt", b"   \n\n\t  \r\n", "only whitespace"),
        ("blank.html", b"\n\n   \n", "only whitespace"),
        ("blank.jsonl", b"\n \n\n", "only whitespace"),
        ("nbsp.txt", "\u00a0\u2003\n\u3000".encode(), "only whitespace"),
        ("bom_only.txt", b"\xef\xbb\xbf", "only whitespace"),
        ("markup_only.md", b"# \n\n---\n\n![](a.png)\n", "no text (only Markdown markup)"),
        (
            "punctuation.txt",
            b"... !!! ??? --- *** ((( ))) ,,, ;;; ''' \"\"\"\n",
            "no words (only punctuation or symbols)",
        ),
        ("symbols.txt", "→ ★ © ¶ § … — «»".encode(), "no words (only punctuation or symbols)"),
    ],
)
def test_read_empty_whitespace_punctuation(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    """Issue 6 items 1 and 15: empty, whitespace-only and punctuation-only documents."""
    problem = only_problem(read_all(write(tmp_path / name, content)))
    assert problem.reason == reason


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("chart.png", png_bytes, "binary file (PNG image)"),
        ("chart.txt", png_bytes, "binary file (PNG image)"),  # the extension does not fool it
        ("bundle.zip", zip_bytes, "binary file (ZIP archive or Office document)"),
        ("report.docx", zip_bytes, "binary file (ZIP archive or Office document)"),
        ("bundle.jsonl", zip_bytes, "binary file (ZIP archive or Office document)"),
        ("report.pdf", pdf_bytes, "binary file (PDF document)"),
        ("notes.md.gz", gzip_bytes, "binary file (gzip archive)"),
        (
            "photo.jpg",
            lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64),
            "binary file (JPEG image)",
        ),
        ("tool", lambda: b"\x7fELF\x02\x01\x01" + bytes(64), "binary file (executable)"),
        ("noise.bin", random_bytes, "binary file (contains NUL bytes)"),
        (
            "nul.txt",
            lambda: NEWS.encode() + b"\x00\x00" + NEWS_2.encode(),
            "binary file (contains NUL bytes)",
        ),
    ],
)
def test_read_binary_files_skipped(
    tmp_path: Path, name: str, make: Callable[[], bytes], reason: str
) -> None:
    """Issue 6 item 2."""
    problem = only_problem(read_all(write(tmp_path / name, make())))
    assert problem.reason == reason
    assert problem.source == str(tmp_path / name)


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda t: t.encode("utf-8"), NEWS_ACCENTED),
        (lambda t: t.encode("utf-8-sig"), NEWS_ACCENTED),
        (lambda t: t.encode("cp1252"), NEWS_ACCENTED),
        (lambda t: t.encode("utf-16"), NEWS_ACCENTED),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), NEWS_ACCENTED),
        (lambda t: t.encode("utf-32"), NEWS_ACCENTED),
        (lambda t: t.encode("utf-16-le"), NEWS_ACCENTED),  # no BOM
        (
            lambda t: t.replace("“new”", '"new"').replace("€5", "5 francs").encode("latin-1"),
            NEWS_ACCENTED.replace("“new”", '"new"').replace("€5", "5 francs"),
        ),
        (
            # UTF-8 with two broken bytes (a bad copy): decoded, broken bytes become U+FFFD.
            lambda t: t.encode().replace(b"mayor", b"ma\xffyor").replace(b"city", b"ci\xc3ty"),
            NEWS_ACCENTED.replace("mayor", "ma\ufffdyor").replace("city", "ci\ufffdty"),
        ),
    ],
)
def test_read_encodings(tmp_path: Path, encode: Callable[[str], bytes], expected: str) -> None:
    """Issue 6 item 3: invalid UTF-8, Latin-1/Windows-1252 and UTF-16 are decoded."""
    article = only_article(read_all(write(tmp_path / "accented.txt", encode(NEWS_ACCENTED))))
    assert article.text == expected


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_read_encodings_in_json_lines(tmp_path: Path, encoding: str) -> None:
    line = json.dumps(
        {
            "title": "Zürich cafés",
            "text": NEWS_ACCENTED.replace("€", "EUR ").replace("“", '"').replace("”", '"'),
        },
        ensure_ascii=False,
    )
    path = write(
        tmp_path / "feed.jsonl",
        (line + "\n" + line.replace("Zürich", "Genève") + "\n").encode(encoding),
    )
    found = articles_of(read_all(path))
    assert [a.title for a in found] == ["Zürich cafés", "Genève cafés"]
    assert "Señor Muñoz" in found[0].text


# --- issue 6 item 5: language ----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text"), sorted(FOREIGN.items()))
def test_read_non_english_skipped(tmp_path: Path, lang: str, text: str) -> None:
    problem = only_problem(read_all(write(tmp_path / f"{lang}.txt", text)))
    assert problem.reason == f"not English (detected: {lang})"


@pytest.mark.parametrize("headline", ENGLISH_HEADLINES)
def test_read_short_english_headline_kept(tmp_path: Path, headline: str) -> None:
    assert only_article(read_all(write(tmp_path / "headline.txt", headline))).text == headline


def test_read_languages_allow_list(tmp_path: Path) -> None:
    path = write(tmp_path / "kanzler.txt", GERMAN)
    assert only_article(read_all(path, languages={"en", "de"})).text == GERMAN
    assert only_problem(read_all(path, languages={"en", "fr"})).reason == (
        "not in en, fr (detected: de)"
    )


def test_read_non_english_json_line_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mixed.jsonl", f"{json.dumps({'text': NEWS})}\n{json.dumps({'text': GERMAN})}\n"
    )
    items = read_all(path)
    assert [a.doc_id for a in articles_of(items)] == ["mixed-1"]
    assert problems_of(items) == [(str(path), "line 2: not English (detected: de)")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Short", None), ("!!! ...", None), (NEWS, "en"), (GERMAN, "de")],
)
def test_read_detect_language(text: str, expected: str | None) -> None:
    detected = detect_language(text)
    assert (detected[0] if detected else None) == expected


# --- issue 6 item 11: the same article twice -------------------------------------------------


def test_read_same_article_same_id_under_any_name(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "drought.txt", NEWS)
    renamed = write(tmp_path / "b" / "copy of drought (1).txt", NEWS)
    crlf = write(tmp_path / "c" / "windows.txt", NEWS.replace("\n", "\r\n") + "  \r\n\r\n")
    decomposed = write(tmp_path / "d" / "nfd.txt", NEWS.replace("Kenya", "Ke\u0301nya"))
    composed = write(tmp_path / "d" / "nfc.txt", NEWS.replace("Kenya", "K\u00e9nya"))
    in_json = write(tmp_path / "e" / "feed.jsonl", json.dumps({"text": NEWS}) + "\n")
    other = write(tmp_path / "f" / "other.txt", NEWS_2)
    items = articles_of(read_all(first, renamed, first, crlf, in_json, other))
    assert len({a.id for a in items[:5]}) == 1
    assert items[5].id != items[0].id
    assert [a.doc_id for a in items[:2]] == ["drought", "copy of drought (1)"]
    nfd, nfc = articles_of(read_all(decomposed, composed))
    assert nfd.id == nfc.id and nfd.text != nfc.text


def test_read_unique_articles_drops_repeats(tmp_path: Path) -> None:
    path = write(tmp_path / "drought.txt", NEWS)
    bad = write(tmp_path / "empty.txt", "")
    items = list(unique_articles(iter_articles([path, bad, path, tmp_path])))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError"]


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("a  \r\nb\rc\n", "a\nb\nc"),
        ("\n\n  \nfirst\n\n\nsecond\t \n\n", "first\n\n\nsecond"),
        ("  indented stays\n", "  indented stays"),
        ("e\u0301", "\u00e9"),
    ],
)
def test_read_normalise(text: str, normalised: str) -> None:
    assert normalise(text) == normalised
    assert content_id(text) == content_id(normalised)


def test_read_content_id_of_long_text_matches_blockwise(tmp_path: Path) -> None:
    # Long texts are hashed in blocks; the result must equal hashing the whole at once.
    import hashlib

    text = ("Line with trailing space  \r\n" * 50_000) + "e\u0301nd\n\n"
    expected = hashlib.sha256(normalise(text).encode()).hexdigest()
    assert content_id(text) == expected
    assert normalise(text).endswith("Line with trailing space\n\u00e9nd")


# --- issue 6 item 14: files that vanish or cannot be read ------------------------------------


def test_read_file_vanishing_during_run(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", NEWS)
    write(tmp_path / "b.txt", NEWS_2)
    write(tmp_path / "c.txt", NEWS.replace("Monday", "Tuesday"))
    items: list[Article | ReadError] = []
    for item in iter_articles([tmp_path]):
        items.append(item)
        if len(items) == 1:
            (tmp_path / "b.txt").unlink()  # listed already, gone before it is read
    assert [a.doc_id for a in articles_of(items)] == ["a", "c"]
    assert problems_of(items) == [(str(tmp_path / "b.txt"), "file vanished during the run")]


def test_read_unreadable_file(tmp_path: Path) -> None:
    """A file without read permission is reported, whoever runs the tests (root included)."""
    import tempfile

    # A world-traversable directory, so that an unprivileged process can reach the file.
    folder = Path(tempfile.mkdtemp(prefix="graphbuilder-read-"))
    try:
        folder.chmod(0o755)
        secret = write(folder / "secret.txt", NEWS)
        secret.chmod(0o000)
        reasons = _reasons_as_unprivileged_user([str(secret)])
        assert reasons == [[str(secret), "permission denied"]]
    finally:
        (folder / "secret.txt").unlink(missing_ok=True)
        folder.rmdir()


def _reasons_as_unprivileged_user(paths: list[str]) -> list[list[str]]:
    """Read ``paths`` in a process that cannot override file permissions."""
    if os.geteuid() != 0:
        return [list(pair) for pair in problems_of(read_all(*paths))]
    # root reads everything: fork a child that drops to "nobody" and reports back.
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result = problems_of(read_all(*paths))
            os.write(write_end, json.dumps(result).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(payload)


def test_read_missing_paths_and_special_files(tmp_path: Path) -> None:
    write(tmp_path / "dir" / "good.txt", NEWS)
    os.mkfifo(tmp_path / "dir" / "pipe")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dir" / "dangling.txt")
    items = read_all(tmp_path / "missing.txt", tmp_path / "dir")
    assert [a.doc_id for a in articles_of(items)] == ["good"]
    assert problems_of(items) == [
        (str(tmp_path / "missing.txt"), "no such file or directory"),
        (str(tmp_path / "dir" / "dangling.txt"), "broken symbolic link"),
        (str(tmp_path / "dir" / "pipe"), "not a regular file"),
    ]


def test_read_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", NEWS * 10)
    assert only_problem(read_all(path, max_bytes=1000)).reason == (
        "file too large (over 1000 bytes); split it into parts"
    )
    assert only_article(read_all(path, max_bytes=10_000)).doc_id == "long"


# --- issue 6 item 8 (read part): a directory of everything -----------------------------------


def test_read_directory_of_good_and_bad_files(tmp_path: Path) -> None:
    root = tmp_path / "scraped"
    write(root / "01_drought.txt", NEWS)
    write(root / "02_rescue.md", "# Rescue\n\n" + NEWS_2)
    write(root / "03_page.html", (DATA / "cookie_banner_page.html").read_bytes())
    write(root / "04_feed.jsonl", (DATA / "scraped.jsonl").read_bytes())
    write(root / "05_cafe.txt", NEWS_ACCENTED.encode("cp1252"))
    write(root / "deeper" / "06_nested.txt", NEWS.replace("Monday", "Friday"))
    write(root / "deeper" / "06_nested_copy.txt", NEWS.replace("Monday", "Friday"))
    write(root / "empty.txt", "")
    write(root / "blank.md", "\n  \n")
    write(root / "chart.png", png_bytes())
    write(root / "bundle.zip", zip_bytes())
    write(root / "kanzler.txt", GERMAN)
    write(root / "dots.txt", "... --- ...")
    write(root / ".hidden.txt", NEWS_2)  # hidden files are not articles
    write(root / ".git" / "HEAD", "ref: refs/heads/main")
    write(root / "graphbuilder-data" / "actors.bucket", png_bytes())  # the store's own files
    write(root / "custom-store" / "x.txt", NEWS_2)
    write(root / "other-store" / "schema.json", '{"types": {}}')  # an ArcadeDB database
    write(root / "other-store" / "configuration.json", "{}")
    write(root / "other-store" / "Actor_0.1.65536.v0.bucket", png_bytes())

    items = read_all(root, exclude=[root / "custom-store"])
    assert [a.doc_id for a in articles_of(items)] == [
        "01_drought",
        "02_rescue",
        "03_page",
        "ankara-grain-talks",
        "04_feed-2",
        "04_feed-7",
        "05_cafe",
        "06_nested",
        "06_nested_copy",
    ]
    feed = str(root / "04_feed.jsonl")
    assert problems_of(items) == [
        (feed, "line 3: malformed JSON (Expecting ',' delimiter, column 76)"),
        (feed, "line 4: no text field (expected one of: text, body, content, article, ...)"),
        (feed, "line 5: not a JSON object but a list"),
        (str(root / "blank.md"), "only whitespace"),
        (str(root / "bundle.zip"), "binary file (ZIP archive or Office document)"),
        (str(root / "chart.png"), "binary file (PNG image)"),
        (str(root / "dots.txt"), "no words (only punctuation or symbols)"),
        (str(root / "empty.txt"), "empty file"),
        (str(root / "kanzler.txt"), "not English (detected: de)"),
    ]
    # Deterministic: the same directory gives the same items in the same order.
    again = read_all(root, exclude=[root / "custom-store"])
    assert [repr(i) for i in again] == [repr(i) for i in items]


def test_read_symlink_loop_in_directory(tmp_path: Path) -> None:
    write(tmp_path / "news" / "a.txt", NEWS)
    os.symlink(tmp_path / "news", tmp_path / "news" / "again")
    found = articles_of(read_all(tmp_path / "news"))
    assert [a.doc_id for a in found] == ["a"]


# --- issue 6 items 4 and 15: huge files, long sentences -------------------------------------


def test_read_ten_thousand_token_sentence_intact(tmp_path: Path) -> None:
    words = ["delegates", "from", "Chile", "and", "Peru", "discussed", "fishing", "quotas"]
    sentence = " ".join(words[i % len(words)] for i in range(10_000)) + "."
    article = only_article(read_all(write(tmp_path / "long_sentence.txt", sentence)))
    assert article.text == sentence
    chunks = list(paragraph_chunks(article.text, 5_000))
    assert "".join(chunk for _, chunk in chunks) == sentence
    assert all(len(chunk) <= 5_000 for _, chunk in chunks)
    # Never a cut word: every piece ends in whitespace or at the end of the text.
    assert all(chunk.endswith(" ") for _, chunk in chunks[:-1])


@pytest.mark.parametrize(
    ("text", "max_chars", "expected"),
    [
        ("Short text.", 100, [(0, "Short text.")]),
        ("", 10, []),
        (
            "One two.\n\nThree four five.",
            12,
            [(0, "One two.\n\n"), (10, "Three four "), (21, "five.")],
        ),
        (
            # A paragraph break beats a later sentence end.
            "Para one. Still one.\n\nPara two. More.",
            30,
            [(0, "Para one. Still one.\n\n"), (22, "Para two. More.")],
        ),
        (
            # A sentence end beats a later space.
            "First sentence. Second one goes on",
            25,
            [(0, "First sentence. "), (16, "Second one goes on")],
        ),
        ("abcdefghij klm", 4, [(0, "abcd"), (4, "efgh"), (8, "ij "), (11, "klm")]),
        ("Line\r\n\r\nNext line here", 10, [(0, "Line\r\n\r\n"), (8, "Next line "), (18, "here")]),
    ],
)
def test_read_paragraph_chunks(text: str, max_chars: int, expected: list[tuple[int, str]]) -> None:
    assert list(paragraph_chunks(text, max_chars)) == expected


def test_read_paragraph_chunks_invariants_on_random_text() -> None:
    rng = random.Random(11)
    pieces = ["word", "longerword", ".", "!", " ", " ", "\n", "\n\n", "x" * 30, "“", "”", "é"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 300)))
        max_chars = rng.randint(1, 80)
        chunks = list(paragraph_chunks(text, max_chars))
        assert "".join(chunk for _, chunk in chunks) == text
        for offset, chunk in chunks:
            assert 0 < len(chunk) <= max_chars
            assert text[offset : offset + len(chunk)] == chunk
        # A cut inside a word happens only when the whole window had no whitespace at all.
        for offset, chunk in chunks[:-1]:
            end = offset + len(chunk)
            if not chunk[-1].isspace() and not text[end].isspace():
                assert not any(ch.isspace() for ch in chunk)


def test_read_paragraph_chunks_rejects_zero() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(paragraph_chunks("text", 0))


_RSS_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys
    from graphbuilder.read import iter_articles, paragraph_chunks
    import graphbuilder.read.language as language
    language._identifier()  # load the language model first: its cost is fixed, not per file
    def status_kb(field):
        # /proc's VmHWM is this program's own peak. ru_maxrss is not: after fork and exec it
        # starts from the parent's peak (a big pytest process), so it is only the fallback.
        try:
            with open("/proc/self/status") as status:
                return int(next(l for l in status if l.startswith(field)).split()[1])
        except OSError:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    def resident_kb():
        return status_kb("VmRSS:")
    before = resident_kb()
    out = {"articles": 0, "chunks": 0, "chars": 0, "longest": 0, "problems": []}
    for item in iter_articles([sys.argv[1]]):
        if hasattr(item, "reason"):
            out["problems"].append(str(item))
            continue
        out["articles"] += 1
        out["length"] = out.get("length", 0) + len(item.text)
        for offset, chunk in paragraph_chunks(item.text, 1_000_000):
            assert item.text[offset:offset + len(chunk)] == chunk
            out["chunks"] += 1
            out["chars"] += len(chunk)
            out["longest"] = max(out["longest"], len(chunk))
    out["before_kb"] = before
    out["peak_kb"] = status_kb("VmHWM:")
    print(json.dumps(out))
    """
)


def _fifty_megabytes_of_news(path: Path) -> int:
    rng = random.Random(4)
    words = (
        "the minister said that troops near the border would stay until talks with officials "
        "in the capital resumed next week according to a statement released on Sunday by the "
        "government of Ukraine and Poland"
    ).split()
    size = 0
    with path.open("w", encoding="utf-8") as out:
        while size < 50_000_000:
            sentences = (
                " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "."
                for _ in range(rng.randint(2, 6))
            )
            paragraph = " ".join(sentences) + "\n\n"
            out.write(paragraph)
            size += len(paragraph)
    return size


@pytest.mark.slow
def test_read_fifty_megabyte_file_bounded_memory(tmp_path: Path) -> None:
    """Issue 6 item 4: a 50 MB text file is read, cut into article parts and chunked for spaCy.

    Measured (pytest -s prints it): peak RSS 204 MB, of which ~110 MB is the language model
    and ~95 MB the bytes and the decoded text, alive together while decoding. The bound leaves
    room for CPython's allocator but fails if anything starts holding several copies.
    """
    path = tmp_path / "huge.txt"
    size = _fifty_megabytes_of_news(path)
    result = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    out = json.loads(result.stdout)
    assert out["problems"] == []
    # Stored as parts of at most a million characters, cut at paragraph breaks, nothing lost.
    assert out["articles"] >= 50 and out["length"] == size == out["chars"]
    assert out["longest"] <= 1_000_000 and out["chunks"] >= 50
    grown_mb = (out["peak_kb"] - out["before_kb"]) / 1024
    print(f"50 MB file: peak RSS {out['peak_kb'] / 1024:.0f} MB, grew by {grown_mb:.0f} MB")
    assert grown_mb < 3 * size / 1_000_000, f"peak RSS grew by {grown_mb:.0f} MB"


def test_read_text_over_a_million_characters_becomes_parts(tmp_path: Path) -> None:
    paragraph = "Officials in Warsaw said talks with Kyiv about grain transit would resume. " * 6
    count = MAX_ARTICLE_CHARS // len(paragraph) * 2 + 5
    text = "Grain corridor diary\n\n" + "\n\n".join(f"Day {i}. {paragraph}" for i in range(count))
    path = tmp_path / "diary.txt"
    path.write_text(text, encoding="utf-8")

    items = list(iter_articles([path]))

    assert all(isinstance(item, Article) for item in items)
    assert len(items) == 3
    assert "".join(item.text for item in items) == text  # nothing lost, nothing doubled
    assert all(len(item.text) <= MAX_ARTICLE_CHARS for item in items)
    assert [item.doc_id for item in items] == ["diary.part1", "diary.part2", "diary.part3"]
    assert items[1].title == "Grain corridor diary (part 2)"
    assert items[1].text.startswith("Day ")  # cut at a paragraph break
    assert len({item.id for item in items}) == 3
    # Reading again gives the same parts with the same ids: re-ingesting duplicates nothing.
    assert [item.id for item in iter_articles([path])] == [item.id for item in items]
