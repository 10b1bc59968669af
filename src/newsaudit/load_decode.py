"""Bytes to text for the loader: BOMs, strict UTF-8, then charset-normalizer's best guess.

Every decoding says which encoding it used and how sure it is (`encoding_confidence`): 1.0 for a
BOM or valid UTF-8, 1 - charset-normalizer's "chaos" (mess ratio, at most 0.99) for a detected
legacy encoding, lower for the last-resort fallbacks.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
_MULTIBYTE = {
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
    "iso2022_jp", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "euc_kr", "cp949",
    "johab", "iso2022_kr",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: same start
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(ValueError):
    """An input that cannot be used at all (the reason is the message)."""


def bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def decode_with_confidence(data: bytes) -> tuple[str, str, float]:
    """(text, encoding, confidence) of scraped bytes. Raises InputError for empty or binary data.

    Order: BOM; UTF-16 without BOM (NUL bytes in every other position); strict UTF-8;
    charset-normalizer's best guess (named cp1252 when cp1252 gives the very same text);
    cp1252 then Latin-1 with confidence 0 when nothing else fits.
    """
    if not data.strip():
        raise InputError("empty file")
    bom = bom_encoding(data[:4])
    if bom == "utf-8-sig":
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", 1.0
        except UnicodeDecodeError:
            return data[3:].decode("cp1252", errors="replace"), "utf-8-sig, invalid bytes read as cp1252", 0.5
    if bom is not None:
        try:
            text, encoding = _decode_or_binary(data, bom)
        except InputError:
            if not data.startswith(codecs.BOM_UTF32_LE):
                raise
            text, encoding = _decode_or_binary(data, "utf-16")  # FF FE 00 00: UTF-16 starting with NUL
        return text, encoding, 1.0
    if b"\x00" in data[:4096]:
        even_nuls = data[0:4096:2].count(0)
        odd_nuls = data[1:4096:2].count(0)
        sample = min(len(data), 4096) // 2 or 1
        if odd_nuls > 0.3 * sample and even_nuls < 0.05 * sample:
            return (*_decode_or_binary(data, "utf-16-le"), 0.9)
        if even_nuls > 0.3 * sample and odd_nuls < 0.05 * sample:
            return (*_decode_or_binary(data, "utf-16-be"), 0.9)
        raise InputError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", 1.0
    except UnicodeDecodeError:
        pass
    guess = detect_encoding(data)
    if guess is not None:
        text, encoding, confidence = guess
    else:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        confidence = 0.0
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters), not text")
    return text, encoding, confidence


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) of scraped bytes; see `decode_with_confidence`."""
    text, encoding, _ = decode_with_confidence(data)
    return text, encoding


def detect_encoding(data: bytes) -> tuple[str, str, float] | None:
    """charset-normalizer's best (text, encoding, confidence) for bytes that are not UTF-8, or None."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    if best.coherence < 0.1:
        # One stray byte in English text reads as "Japanese" with no mess and no coherence: prefer a
        # reading almost as clean whose words make sense in some language.
        sensible = [m for m in matches[1:] if m.chaos <= best.chaos + 0.1 and m.coherence >= 0.5]
        if sensible:
            best = max(sensible, key=lambda m: (m.coherence, -m.chaos))
    if best.encoding != "cp1252":
        # A tie (short text: "Señora" reads as well in cp1250 as in cp1252): the web's commonest
        # legacy encoding wins.
        tied = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence]
        if tied:
            best = tied[0]
    non_ascii = sum(1 for byte in data if byte > 127)
    if best.encoding in _MULTIBYTE and non_ascii < 4:
        try:
            return data.decode("cp1252"), "cp1252", 0.5  # too little evidence for a multibyte guess
        except UnicodeDecodeError:
            pass
    text = str(best)
    encoding = best.encoding
    try:
        if encoding != "cp1252" and data.decode("cp1252") == text:
            encoding = "cp1252"  # the same text: name it by the commonest legacy encoding of the web
    except UnicodeDecodeError:
        pass
    return text, encoding, round(min(0.99, 1.0 - float(best.chaos)), 3)


def _decode_or_binary(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"binary file (looks like {encoding} but does not decode)") from err
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters), not text")
    return text, encoding


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > 0.05 * len(sample)


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A whole file that holds one article (or metadata), refused when larger than `max_bytes`."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file too large ({size_text(size)} > {size_text(max_bytes)} limit for one article)")
    return path.read_bytes()


def size_text(size: int) -> str:
    """'52.4 MB', '3.1 kB': a byte count for a one-line reason."""
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.1f} kB"


# ------------------------------------------------------------------------- files read in pieces

@dataclass
class FileScan:
    sha256: str
    size: int
    encoding: str  # what a table file should be read as
    confidence: float


_BLOCK = 1 << 20


def scan_file(path: Path, check_text: bool = True) -> FileScan:
    """sha256 of a file read in 1 MB blocks and, with `check_text`, the encoding to read it with.

    BOM first; then the whole file is checked as strict UTF-8 on the way; if a byte is not UTF-8,
    charset-normalizer guesses from the lines around the first such byte. Memory: one block.
    """
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    size, bad_at, bom = 0, None, None
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            if size == 0:
                bom = bom_encoding(block[:4])
            digest.update(block)
            if check_text and bom is None and bad_at is None:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as err:
                    bad_at = size + err.start
            size += len(block)
    if check_text and bom is None and bad_at is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            bad_at = max(0, size - 4)
    if not check_text or (bom is None and bad_at is None):
        return FileScan(digest.hexdigest(), size, "utf-8", 1.0)
    if bom is not None:
        return FileScan(digest.hexdigest(), size, bom, 1.0)
    guess = detect_encoding(_window(path, bad_at))
    if guess is None:
        return FileScan(digest.hexdigest(), size, "cp1252", 0.0)
    return FileScan(digest.hexdigest(), size, guess[1], guess[2])


def _window(path: Path, offset: int, before: int = 64 * 1024, length: int = 512 * 1024) -> bytes:
    """Whole lines of the file around `offset` (the first byte that is not UTF-8)."""
    with open(path, "rb") as handle:
        start = max(0, offset - before)
        handle.seek(start)
        data = handle.read(length)
    if start > 0 and b"\n" in data[: offset - start]:
        data = data[data.index(b"\n") + 1:]
    if len(data) == length and b"\n" in data:
        data = data[: data.rindex(b"\n") + 1]
    return data


def sha256_file(path: Path) -> str:
    return scan_file(path, check_text=False).sha256
