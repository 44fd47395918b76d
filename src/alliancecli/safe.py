"""Output that cannot harm its reader: terminal-safe text, formula-safe CSV cells, and output paths
that never overwrite a database.

Every human-readable output (tables, ``show``, notes, warnings) goes through :func:`clean`,
which replaces control characters one for one with a visible stand-in, so an article that holds
``ESC[2J`` or an OSC 8 link prints the escape as ``␛[2J`` instead of clearing the screen.  JSON
and NL output keep the data exact.  CSV cells go through :func:`csv_cell`, which follows OWASP's
advice on formula injection.  :func:`check_output` refuses to write over a SQLite file.
"""
from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console
from rich.segment import Segment


def _table() -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20)}  # C0 controls -> Control Pictures (␛, ␍, ...)
    del table[ord("\n")], table[ord("\t")]  # line breaks and tabs lay text out; they move no cursor back
    table[0x7F] = "\u2421"  # DEL -> ␡
    table.update({c: "\ufffd" for c in range(0x80, 0xA0)})  # C1 controls (CSI, OSC, ...) -> �
    # bidirectional overrides and isolates reorder what follows them on screen (CVE-2021-42574)
    table.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
    return table


_CONTROLS = _table()


def clean(text: str) -> str:
    """``text`` with every control character that a terminal acts on replaced by a visible character.

    The replacement is one character for one, so offsets into the text stay valid.
    """
    return text.translate(_CONTROLS)


class SafeConsole(Console):
    """A rich Console that prints every piece of text through :func:`clean`.

    rich's own cursor movements (progress bars) are control segments and pass untouched;
    the text of tables, ``Text`` objects and strings cannot move the cursor or set a title.
    """

    def _render_buffer(self, buffer):
        return super()._render_buffer(
            s if s.control else Segment(clean(s.text), s.style, s.control) for s in buffer)


#: A CSV cell that starts with one of these is read as a formula by spreadsheets (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value, raw: bool = False):
    """``value`` as a CSV cell: a text that a spreadsheet would run as a formula gets a leading ``'``.

    Numbers are left alone (``-3`` stays a number); ``raw=True`` writes every cell exactly.
    """
    if raw or not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    return "'" + value


class UnsafeOutput(ValueError):
    """An output path that would destroy something, or cannot be written; the message says which."""


SQLITE_HEADER = b"SQLite format 3\x00"


def check_output(path: Path, db: Path | None = None, force: bool = False) -> None:
    """Raise UnsafeOutput unless ``path`` can be written as an output file.

    A folder, or a file in a folder that does not exist, cannot be; nor can the database being
    read (also through another name or a link), even with ``force``.  Any other SQLite file is
    kept unless ``force``.
    """
    if path.is_dir():
        raise UnsafeOutput(f"{path} is a folder; give a file name")
    parent = path.parent
    if not parent.is_dir():
        raise UnsafeOutput(f"no folder {parent} to write {path.name} in")
    if not path.exists():
        return
    if db is not None and db.exists():
        try:
            same = os.path.samefile(path, db)
        except OSError:
            same = False
        if same:
            raise UnsafeOutput(f"{path} is the database being read; writing to it would destroy it")
    if force:
        return
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return
    if head == SQLITE_HEADER:
        raise UnsafeOutput(f"{path} is a SQLite database; writing would destroy it (use --force to overwrite)")
