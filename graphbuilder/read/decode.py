"""Bytes → text: recognise binary files, then find the encoding with charset-normalizer.

Order of the checks, each one cheap before the next:

1. a byte-order mark names the encoding outright (UTF-8, UTF-16, UTF-32);
2. a known file signature (PNG, ZIP, PDF, ...) or NUL bytes mean a binary file;
3. bytes that are valid UTF-8 are UTF-8 (what almost every file is, and the fastest path);
4. otherwise charset-normalizer ranks the encodings that decode the bytes into plausible text.

charset-normalizer often ranks several single-byte code pages equal (Windows-1250, -1252 and
-1257 decode "café" the same way); among the equally good ones we prefer the Western European
ones, because the readers of graphbuilder feed it English news. When charset-normalizer finds
nothing, a file that is UTF-8 apart from a few broken sequences (a truncated download, a bad
copy) is decoded as UTF-8 with U+FFFD in place of the broken bytes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

# (offset, magic bytes, what to call the file). Checked in order; first match wins.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive or Office document"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"\x7fELF", "executable"),
    (0, b"MZ", "Windows executable"),
    (0, b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"BM", "BMP image"),
    (0, b"\x00\x00\x01\x00", "icon file"),
    (0, b"OggS", "Ogg media file"),
    (0, b"ID3", "MP3 audio"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (4, b"ftyp", "MP4/QuickTime media file"),
    (257, b"ustar", "tar archive"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

# BOMs, longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Preferred among encodings charset-normalizer rates equally good (lowest first).
_PREFERRED = ("utf_8", "ascii", "cp1252", "latin_1", "iso8859_15", "mac_roman")
# How much worse than the best ("chaos", 0..1) a candidate may be and still count as equal.
_CHAOS_TIE = 0.01
# Damaged UTF-8: at most this share of the non-ASCII bytes may sit in broken sequences.
_MAX_BROKEN_UTF8 = 0.1
# Bytes below 0x20 other than tab, newline, form feed, carriage return and ESC: binary tell.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_HIGH = bytes(range(128, 256))


class NotText(Exception):
    """The bytes are not text; ``str(exc)`` is the reason shown to the user."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name, e.g. "utf-8", "cp1252", "utf-16"
    replaced: int = 0  # broken byte sequences replaced by U+FFFD


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (the first KB or so of a file) starts with, if any."""
    for offset, magic, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if head[:4] == b"RIFF":
        return _RIFF_KINDS.get(head[8:12], "RIFF media file")
    return None


def bom_encoding(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``head`` names, if there is one."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file's bytes to text, or raise :class:`NotText` saying why not."""
    encoding = bom_encoding(data[:4])
    if encoding:
        text = data.decode(encoding, errors="replace")
        return Decoded(text.removeprefix("\ufeff"), _codec_name(encoding))
    kind = binary_kind(data[:512])
    if kind:
        raise NotText(f"binary file ({kind})")
    if b"\x00" in data:
        return _decode_with_nuls(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _control_share(data[:65536]) > 0.05:
        raise NotText("binary file")
    decoded = _charset_normalizer(data) or _damaged_utf8(data)
    if decoded is None:
        raise NotText("binary file or unknown text encoding")
    return decoded


def detect_stream_encoding(head: bytes) -> str:
    """The codec to read a stream with, judged from its first bytes (for JSON Lines).

    Raises :class:`NotText` when the head is binary.
    """
    encoding = bom_encoding(head)
    if encoding:
        return encoding
    kind = binary_kind(head[:512])
    if kind:
        raise NotText(f"binary file ({kind})")
    if b"\x00" in head:
        return _decode_with_nuls(head).encoding
    # The head may end inside a multi-byte character: decode incrementally, not final.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = _charset_normalizer(head) or _damaged_utf8(head)
    if decoded is None:
        raise NotText("binary file or unknown text encoding")
    return decoded.encoding


def _decode_with_nuls(data: bytes) -> Decoded:
    # NUL bytes in text only occur in UTF-16/32 without a BOM; anything else is binary.
    sample = data[:65536]
    best = from_bytes(sample).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        text = data.decode(best.encoding, errors="replace")
        return Decoded(text, _codec_name(best.encoding))
    raise NotText("binary file (contains NUL bytes)")


def _charset_normalizer(data: bytes) -> Decoded | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best_chaos + _CHAOS_TIE]
    choice = tied[0]
    for name in _PREFERRED:
        preferred = [m for m in tied if m.encoding == name]
        if preferred:
            choice = preferred[0]
            break
    return Decoded(str(choice), _codec_name(choice.encoding))


def _damaged_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    high = len(data) - len(data.translate(None, _HIGH))  # bytes of non-ASCII characters
    # In a cp1252 file nearly every high byte is a broken sequence; in damaged UTF-8, few are.
    if high > broken and broken <= _MAX_BROKEN_UTF8 * high:
        return Decoded(text, "utf-8", replaced=broken)
    return None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _CONTROL))) / len(sample)


def _codec_name(encoding: str) -> str:
    return codecs.lookup(encoding).name
