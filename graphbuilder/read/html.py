"""HTML page → main article text and metadata, with trafilatura.

trafilatura removes navigation, scripts, styles, cookie banners, comments and boilerplate,
and reads title, canonical URL and date from the page's metadata. It is only ever given a
string that is already in memory: nothing here fetches a URL, and no function of trafilatura
that downloads is called.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_MARKUP = re.compile(
    r"</?(?:p|div|br|span|a|article|section|h[1-6]|li|ul|ol|table|em|strong|b|i)\b[^>]*>", re.I
)

log = logging.getLogger(__name__)

# Four or more words and a full stop (or ! ?): the least an article has and a menu lacks.
_SENTENCE = re.compile(r"\w+(?:\W+\w+){3,}\W*[.!?…]")


@dataclass
class HtmlDocument:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


def looks_like_html_page(text: str) -> bool:
    """True when ``text`` starts like an HTML document (doctype, <html>, <head> or <body>)."""
    return _HTML_START.match(text[:4096]) is not None


def looks_like_markup(text: str) -> bool:
    """True when a text field (from JSON) carries HTML tags rather than plain prose."""
    return len(_MARKUP.findall(text[:20000])) >= 2


def extract_html(page: str) -> HtmlDocument:
    """The main text of an HTML page, paragraphs separated by blank lines; "" if none."""
    import trafilatura

    with _quiet_extractors():
        doc = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    if doc is None or not doc.text or not _SENTENCE.search(doc.text):
        # trafilatura's fallbacks return a menu from a page without an article: not prose.
        return HtmlDocument(text="")
    return HtmlDocument(
        # trafilatura puts one block per line; a blank line marks the paragraph for the parser.
        text=doc.text.replace("\n", "\n\n"),
        title=doc.title or None,
        url=doc.url or None,
        published=doc.date or None,
    )


@contextmanager
def _quiet_extractors() -> Iterator[None]:
    # trafilatura logs "ERROR: empty HTML tree" and the like for pages it cannot use; the
    # user gets one ReadError line instead. With debug logging on, its messages show.
    if log.isEnabledFor(logging.DEBUG):
        yield
        return
    loggers = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "courlan")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def html_fragment_text(fragment: str) -> str:
    """Plain text of a fragment of HTML (a JSON ``content`` field, say)."""
    doc = extract_html(f"<html><body><article>{fragment}</article></body></html>")
    return doc.text or _plain_text(fragment)


def _plain_text(fragment: str) -> str:
    # Fallback for fragments too short for trafilatura's boilerplate model: every text node.
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except ParserError:
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//h5|//h6|//tr"):
        block.tail = "\n\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n\n")]
    return "\n\n".join(line for line in lines if line)
