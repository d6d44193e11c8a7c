"""Turn a file's bytes into text: size limit, binary sniffing, BOMs and the encoding fallback."""
from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import BinaryIO

from searchapp.corpus.problems import CorpusError

# Above this a single-article file (text, HTML) is surely not an article; we refuse it
# before reading, so a stray 50 MB dump costs nothing. Streamed formats (CSV, JSON Lines,
# SGML) have no limit.
MAX_TEXT_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192
CHUNK_BYTES = 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than \t \n \v \f \r and ESC, plus DEL: text never has many of these.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
_ASCII_TEXT_BYTES = bytes([9, 10, 11, 12, 13, *range(32, 127)])


def bom_encoding(head: bytes) -> str | None:
    """Return the encoding a byte-order mark announces, or None."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def is_binary(head: bytes) -> bool:
    """Tell whether the first bytes of a file look binary: NUL bytes or many control characters."""
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(head)


def is_mostly_ascii(data: bytes) -> bool:
    """Tell whether bytes are mostly ASCII text, so a legacy 8-bit encoding is a fair guess."""
    sample = data[: 16 * SNIFF_BYTES]
    non_text = len(sample.translate(None, _ASCII_TEXT_BYTES))
    return non_text <= 0.3 * len(sample)


def legacy_encoding(data: bytes) -> str:
    """Pick cp1252 (what Windows writes) or, for bytes cp1252 leaves undefined, Latin-1."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def decode_text(data: bytes, path: Path) -> str:
    """Decode a whole file: BOM, else UTF-8, else cp1252/Latin-1 when the bytes look like text.

    Raises:
        CorpusError: binary content, an undecodable encoding, or nothing but whitespace.
    """
    if is_binary(data[:SNIFF_BYTES]):
        raise CorpusError(path, "binary file (not text)")
    encoding = bom_encoding(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8" or not is_mostly_ascii(data):
            raise CorpusError(path, f"not valid {encoding} text ({error.reason} at byte {error.start})") from error
        text = data.decode(legacy_encoding(data))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise CorpusError(path, "empty file")
    return text


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a single-article file as text, refusing files over the size limit without reading them.

    Raises:
        CorpusError: too large, binary, undecodable or empty.
        OSError: the file cannot be read.
    """
    with path.open("rb") as stream:
        data = read_limited(stream, path, limit)
    return decode_text(data, path)


def read_limited(stream: BinaryIO, path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Read a whole file, refusing one over the limit before reading it.

    Raises:
        CorpusError: the file is larger than the limit.
        OSError: the file cannot be read.
    """
    size = os.fstat(stream.fileno()).st_size
    if size <= limit:
        data = stream.read(limit + 1)  # the file may have grown since fstat()
        size = max(size, len(data))
    if size > limit:
        raise CorpusError(path, f"file too large ({_megabytes(size)} > {_megabytes(limit)})")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size / 2**20:.2f} MB"


def sniff_encoding(path: Path) -> str:
    """Choose the encoding of a streamed file by decoding it once in chunks, without keeping it.

    Raises:
        CorpusError: binary, undecodable or empty.
        OSError: the file cannot be read.
    """
    with path.open("rb") as stream:
        head = stream.read(CHUNK_BYTES)
        if not head.strip():
            raise CorpusError(path, "empty file")
        if is_binary(head[:SNIFF_BYTES]):
            raise CorpusError(path, "binary file (not text)")
        encoding = bom_encoding(head)
        if encoding:
            return encoding
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                offset += len(chunk)
                chunk = stream.read(CHUNK_BYTES)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            if not is_mostly_ascii(head):
                raise CorpusError(
                    path, f"not valid UTF-8 text ({error.reason} at byte {offset + error.start})"
                ) from error
        else:
            return "utf-8"
        # Not UTF-8: cp1252 unless some byte it leaves undefined occurs anywhere in the file.
        while chunk:
            if legacy_encoding(chunk) == "latin-1":
                return "latin-1"
            chunk = stream.read(CHUNK_BYTES)
    return "cp1252"
