"""Markdown → prose: drop the markup, keep every sentence a reader would see.

Deliberately light: headings, emphasis, links, images, code fences, quotes, list bullets,
rules and YAML front matter. Tables and anything unusual pass through as text, which the
parser copes with. Paragraph breaks survive, so sentence and chunk boundaries do too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,}).*?^[ \t]{0,3}\1[`~]*[ \t]*$\n?", re.M | re.S)
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
# The "===" under a Setext heading (a "---" one is taken for a thematic break below).
_SETEXT_UNDERLINE = re.compile(r"^[ \t]{0,3}=+[ \t]*$", re.M)
_THEMATIC_BREAK = re.compile(
    r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M
)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
_BULLET = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M)
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$\n?", re.M)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)|!\[([^\]\n]*)\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)|\[([^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Single * or _ around a phrase; _ only at word edges so snake_case names survive.
_EMPHASIS = re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_INLINE_TAG = re.compile(r"</?(?:br|span|sup|sub|em|strong|b|i|u|a|kbd|mark|small)\b[^>\n]*>", re.I)
# What removed images, fences and rules leave behind: runs of blank lines.
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_HIDDEN = 0xE000
_HIDDEN_CHAR = re.compile("[\ue000-\ue07f]")


@dataclass
class MarkdownDocument:
    text: str
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # the front matter, if any


def strip_markdown(source: str) -> MarkdownDocument:
    """Return the prose of a Markdown document, its title and its front matter."""
    meta: dict[str, Any] = {}
    front = _FRONT_MATTER.match(source)
    parsed = _parse_front_matter(front.group(1)) if front else None
    if front and parsed is not None:
        meta = parsed
        source = source[front.end() :]

    # Escaped characters hide in the Private Use Area until the markup is gone.
    text = _ESCAPE.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), source)
    text = _FENCE.sub("", text)
    first_heading = _ATX_HEADING.search(text)
    text = _ATX_HEADING.sub(r"\1", text)
    text = _THEMATIC_BREAK.sub("", text)
    text = _SETEXT_UNDERLINE.sub("", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub(r"\1", text)
    text = _LINK_DEFINITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_CODE.sub(r"\2", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRIKE.sub(r"\1", text)
    text = _INLINE_TAG.sub("", text)
    text = _HIDDEN_CHAR.sub(lambda m: chr(ord(m.group()) - _HIDDEN), text)
    text = _BLANK_RUN.sub("\n\n", text).strip()

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        title = _plain_heading(first_heading.group(1)) if first_heading else None
    return MarkdownDocument(text=text, title=title.strip() if title else None, meta=meta)


def _plain_heading(heading: str) -> str:
    return strip_markdown(heading).text.strip()


def _parse_front_matter(block: str) -> dict[str, Any] | None:
    # Text between two rules that is not a YAML mapping is prose, not front matter.
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError:
        return None
    return meta if isinstance(meta, dict) else None
