"""Find input files and decode them: paths in, (path, text, sha256) out.

Nothing here knows about articles; it only turns bytes on disk into text,
and says why when it cannot.
"""
from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

#: The input formats by suffix (the one place they are listed; sources.py reads each kind, the CLI's help
#: prints them).  A folder is searched for INPUT_SUFFIXES when no --glob is given.
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CSV_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES

#: Encodings tried, in order, when a file is not valid UTF-8.
FALLBACK_ENCODINGS = ("cp1251", "cp1252", "koi8_r", "latin_1")


class ReadError(Exception):
    """A file that cannot be ingested; the message says why, in a few words."""


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str
    sha256: str
    encoding: str
    #: Set when the text was not plain UTF-8, e.g. "decoded as cp1251".
    warning: str | None = None


#: Leading bytes of archive formats: a file given to ingest that starts so is an error, not a document.
ARCHIVE_MAGIC = {b"PK\x03\x04": "a zip archive", b"PK\x05\x06": "a zip archive (empty)",
                 b"\x1f\x8b": "a gzip archive", b"BZh": "a bzip2 archive", b"\xfd7zXZ\x00": "an xz archive",
                 b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive", b"Rar!\x1a\x07": "a RAR archive"}


def archive_kind(path: Path) -> str | None:
    """"a zip archive" (or another kind) when ``path`` is a file holding an archive, else None."""
    if str(path) == "-" or not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            f.seek(257)
            tar = f.read(5) == b"ustar"
    except OSError:
        return None
    if tar:
        return "a tar archive"
    return next((kind for magic, kind in ARCHIVE_MAGIC.items() if head.startswith(magic)), None)


def path_str(path: Path | str) -> str:
    """A path as text that can be stored and printed: bytes of a file name that are not UTF-8
    (kept by Python as surrogates) are written as ``\\xe9``."""
    s = str(path)
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_files(paths: list[Path], glob: str | None = None,
               errors: list[tuple[str, str]] | None = None) -> list[Path]:
    """Files under ``paths``, recursively and sorted; hidden files and folders are skipped.

    A path given explicitly is always included, whatever its suffix; ``-`` (stdin) is
    passed through.  Raises FileNotFoundError for a path that does not exist.  A folder that
    cannot be listed is appended to ``errors`` as (path, reason).
    """
    def unlisted(e: OSError):
        if errors is not None:
            errors.append((path_str(e.filename or "?"), f"cannot list the folder: {e.strerror or e}"))

    found: list[Path] = []
    for root in paths:
        if str(root) == "-":
            found.append(root)
            continue
        if not root.exists() and not root.is_symlink():
            raise FileNotFoundError(str(root))
        if not root.is_dir():
            found.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unlisted):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                if glob is not None and not fnmatch.fnmatch(name, glob):
                    continue
                if glob is None and not name.lower().endswith(INPUT_SUFFIXES):
                    continue
                found.append(Path(dirpath) / name)
    seen: set[Path] = set()
    unique = []
    for p in found:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_LONE_CR = re.compile(r"\r(?!\n)")


def line_breaks(text: str) -> str:
    """Lone CR line endings (old Mac files) as LF; CRLF is kept as it is."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Decode bytes to text; returns (text, encoding, warning or None)."""
    text, encoding, warning = _decode(data)
    return line_breaks(text), encoding, warning


def _decode(data: bytes) -> tuple[str, str, str | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", None
    if data.startswith(UTF32_BOMS):  # before UTF-16: FF FE is how both begin
        try:
            return data.decode("utf-32"), "utf-32", "decoded as UTF-32 (byte order mark)"
        except UnicodeDecodeError:
            raise ReadError("malformed UTF-32 (byte order mark, but bytes do not decode)") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", "decoded as UTF-16 (byte order mark)"
        except UnicodeDecodeError:
            raise ReadError("malformed UTF-16 (byte order mark, but bytes do not decode)") from None
    if b"\x00" in data[:4096]:
        raise ReadError("binary file")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    encoding = _detect(data)
    return data.decode(encoding, errors="replace"), encoding, f"not valid UTF-8, decoded as {encoding}"


def _detect(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
        if best is not None:
            return best.encoding
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    return "latin_1"


def _stat(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev


CHANGING = "the file changed while it was read; ingest it again when it is complete"


def read_file(path: Path) -> SourceFile:
    """Read and decode one file.  Raises ReadError with a short reason.

    A file that changes while it is read (its size, time or inode differ before and after) is
    read once more, and fails when it changes again.
    """
    for _ in range(2):
        before = _stat(path)
        with _open(path) as f:
            try:
                data = f.read()
            except OSError as e:
                raise ReadError(e.strerror or str(e)) from None
        if _stat(path) == before:
            break
    else:
        raise ReadError(CHANGING)
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith(b"%PDF"):
        raise ReadError("PDF file, not text")
    text, encoding, warning = decode(data)
    if not text.strip():
        raise ReadError("empty file")
    return SourceFile(
        path=path_str(path),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warning=warning,
    )


#: Bytes read at a time by :func:`stream_file`.
STREAM_BLOCK = 1 << 20


def _open(path: Path):
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise ReadError("file vanished before it could be read") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except OSError as e:
        raise ReadError(e.strerror or str(e)) from None


def _blocks(path: Path) -> Iterator[bytes]:
    with _open(path) as f:
        while True:
            block = f.read(STREAM_BLOCK)
            if not block:
                return
            yield block


def stream_file(path: Path) -> tuple[str, str | None, Iterator[str]]:
    """Decode a big file a block at a time, in bounded memory: (encoding, warning, text blocks).

    The same decisions as :func:`read_file` (byte order marks, binary and PDF files, UTF-8
    else a detected fallback), except that the fallback is detected on the first block.
    The file is copied block by block to a temporary file first, and the copy is decoded, so
    that the parts of one file all come from one version of it, however long spaCy takes;
    a file that changes while it is copied is copied again, and fails when it changes again.
    """
    for _ in range(2):
        before = _stat(path)
        spool = tempfile.TemporaryFile(prefix="alliance-")
        check = codecs.getincrementaldecoder("utf-8")()
        utf8 = True
        head = b""
        try:
            for block in _blocks(path):
                if not head:
                    head = block
                spool.write(block)
                if utf8:
                    try:
                        check.decode(block)
                    except UnicodeDecodeError:
                        utf8 = False
            if utf8:
                try:
                    check.decode(b"", final=True)
                except UnicodeDecodeError:
                    utf8 = False
        except OSError as e:
            spool.close()
            raise ReadError(e.strerror or str(e)) from None
        except BaseException:
            spool.close()
            raise
        if _stat(path) == before:
            break
        spool.close()
    else:
        raise ReadError(CHANGING)
    if head.startswith(b"%PDF"):
        spool.close()
        raise ReadError("PDF file, not text")
    warning = None
    if head.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif head.startswith(UTF32_BOMS):
        encoding, warning = "utf-32", "decoded as UTF-32 (byte order mark)"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, warning = "utf-16", "decoded as UTF-16 (byte order mark)"
    elif b"\x00" in head[:4096]:
        spool.close()
        raise ReadError("binary file")
    elif utf8:
        encoding = "utf-8"
    else:
        encoding = _detect(head)
        warning = f"not valid UTF-8, decoded as {encoding}"

    def text_blocks() -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        held = ""  # a CR at the end of a block may be the first half of a CRLF
        with spool:
            spool.seek(0)
            while True:
                block = spool.read(STREAM_BLOCK)
                text = held + (decoder.decode(block) if block else decoder.decode(b"", final=True))
                held = ""
                if block and text.endswith("\r"):
                    text, held = text[:-1], "\r"
                text = line_breaks(text)
                if text:
                    yield text
                if not block:
                    return

    return encoding, warning, text_blocks()
