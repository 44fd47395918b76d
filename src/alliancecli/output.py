"""How every command prints rows: the shared output options and one writer.

As sqlite-utils does with ``output_options`` and ``output_rows``: each format is a
generator of text (:func:`format_rows`), separate from the printing; an empty result
is ``[]`` in JSON.  The terminal layout (:func:`print_table`) is a table when it fits
the console and one record per row when it does not, with long values wrapped at word
boundaries, never cut inside a word.
"""
from __future__ import annotations

import csv
import functools
import inspect
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from .safe import SafeConsole as Console  # control characters in article text never reach the terminal raw
from .safe import csv_cell

err = Console(stderr=True, highlight=False, soft_wrap=True)

PAGE = 100  # rows a list command prints unless told otherwise
CUT = 160  # characters of a long value a table shows without --full
#: Columns holding prose: wrapped in a table, on lines of their own in a record.
WIDE = frozenset({"text", "document", "aliases", "url", "path", "stance_evidence", "title"})
FORMATS = ("table", "json", "nl", "csv", "rawcsv")

JsonFlag = Annotated[bool, typer.Option("--json", help="Output a JSON array.")]
JsonObjectFlag = Annotated[bool, typer.Option("--json", help="Output one JSON object.")]
NlFlag = Annotated[bool, typer.Option("--nl", help="Output one JSON object per line.")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Output CSV with a header row.")]
RawCsvFlag = Annotated[bool, typer.Option(
    "--raw-csv", help="CSV with every cell exact: no ' before cells that start with = + - @.")]
FullFlag = Annotated[bool, typer.Option("--full", help=f"Print whole texts in the terminal (else cut at {CUT}).")]
LimitOption = Annotated[Optional[int], typer.Option(
    "--limit", "-n", min=1, help=f"Rows per page [default: {PAGE}].")]
OffsetOption = Annotated[int, typer.Option(
    "--offset", min=0, help=f"Skip this many rows first (the second page: --offset {PAGE}).")]
AllFlag = Annotated[bool, typer.Option("--all", help="Every row from --offset on; --json, --nl and --csv stream them.")]


def choose_format(json_: bool = False, nl: bool = False, csv_: bool = False, raw_csv: bool = False) -> str:
    """'json', 'nl', 'csv', 'rawcsv' or 'table' from the flags; more than one is a usage error (--raw-csv
    with --csv is raw CSV)."""
    chosen = [name for name, on in (("json", json_), ("nl", nl), ("csv", csv_ and not raw_csv),
                                    ("rawcsv", raw_csv)) if on]
    if len(chosen) > 1:
        raise typer.BadParameter("choose one of --json, --nl and --csv (or --raw-csv)")
    return chosen[0] if chosen else "table"


def page_size(limit: int | None, all_: bool) -> int | None:
    """The rows to fetch: ``--limit`` or a page of PAGE, or None (every row) with ``--all``."""
    if all_ and limit is not None:
        raise typer.BadParameter("--all and --limit exclude each other", param_hint="--all")
    return None if all_ else (limit or PAGE)


def page_note(shown: int, offset: int, limit: int | None, total) -> None:
    """Say on stderr which rows were printed, when they are not all there are (``total()`` counts them)."""
    if not offset and (limit is None or shown < limit):
        return  # every row was printed, without counting
    n = total()
    if not offset and shown >= n:
        return
    if not shown:
        err.print(Text(f"no rows from --offset {offset:,} on: there are {n:,}"))
        return
    note = f"rows {offset + 1:,}-{offset + shown:,} of {n:,}"
    if offset + shown < n:
        note += f"; next page: --offset {offset + shown}; every row: --all"
    err.print(Text(note))


@dataclass
class Output:
    """What the shared options asked for: a command gets one as ``out`` (see :func:`output_options`)."""

    fmt: str = "table"
    limit: int | None = PAGE
    offset: int = 0
    full: bool = False

    def rows(self, rows: Iterable[dict], columns: list[str], title: str | None = None) -> int:
        return write_rows(rows, columns, self.fmt, title=title, full=self.full)

    def note(self, shown: int, total: Callable[[], int]) -> None:
        page_note(shown, self.offset, self.limit, total)


_OUTPUT_PARAMS = [  # (name, annotation, default) of every option output_options adds
    ("json_", JsonFlag, False), ("nl", NlFlag, False), ("csv_", CsvFlag, False), ("raw_csv", RawCsvFlag, False),
    ("full", FullFlag, False),
]
_PAGE_PARAMS = [("limit", LimitOption, None), ("offset", OffsetOption, 0), ("all_", AllFlag, False)]


def output_options(paged: bool = True):
    """Give a command the output options (--json, --nl, --csv, --full, and with ``paged`` --limit, --offset,
    --all), defined here once, as sqlite-utils' decorator of that name does.  The command takes
    ``out: Output`` instead of them."""
    extra = _OUTPUT_PARAMS + (_PAGE_PARAMS if paged else [])

    def decorate(fn):
        sig = inspect.signature(fn, eval_str=True)
        params = [p for p in sig.parameters.values() if p.name != "out"]
        params += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                   for name, annotation, default in extra]

        @functools.wraps(fn)
        def command(*args, **kwargs):
            fmt = choose_format(kwargs.pop("json_"), kwargs.pop("nl"), kwargs.pop("csv_"), kwargs.pop("raw_csv"))
            out = Output(fmt=fmt, full=kwargs.pop("full"), limit=None)
            if paged:
                out.limit = page_size(kwargs.pop("limit"), kwargs.pop("all_"))
                out.offset = kwargs.pop("offset")
            return fn(*args, out=out, **kwargs)

        command.__signature__ = sig.replace(parameters=params)
        command.__annotations__ = {p.name: p.annotation for p in params}
        return command

    return decorate


def _cell(v) -> str:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def format_rows(rows: Iterable[dict], columns: list[str], fmt: str) -> Iterator[str]:
    """The rows as text in ``fmt`` (json, nl or csv), a piece at a time; only ``columns``, in that order."""
    rows = ({c: r.get(c) for c in columns} for r in rows)
    # one encoder for every row (json.dumps with ensure_ascii=False builds a new one each call)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    if fmt == "json":
        first = True
        yield "["
        for r in rows:
            yield ("" if first else ",\n ") + encode(r)
            first = False
        yield "]\n"
    elif fmt == "nl":
        for r in rows:
            yield encode(r) + "\n"
    elif fmt in ("csv", "rawcsv"):  # csv: a cell a spreadsheet would run as a formula gets a leading '
        raw = fmt == "rawcsv"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([csv_cell(_cell(v), raw) for v in r.values()])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()
    else:
        raise ValueError(f"format must be one of {', '.join(FORMATS[1:])}")


class _Counted:
    def __init__(self, rows):
        self.rows, self.n = rows, 0

    def __iter__(self):
        for r in self.rows:
            self.n += 1
            yield r


def write_rows(rows: Iterable[dict], columns: list[str], fmt: str, out: IO[str] | None = None,
               title: str | None = None, full: bool = False) -> int:
    """Write ``rows`` (any iterable of dicts; JSON, NL and CSV stream it) and return how many there were."""
    if fmt == "table":
        return print_table(list(rows), columns, title=title, full=full)
    out = out or sys.stdout
    counted = _Counted(rows)
    for piece in format_rows(counted, columns, fmt):
        out.write(piece)
    return counted.n


def _text(v, full: bool) -> tuple[str, bool]:
    """A value as terminal text, and whether it was cut."""
    if isinstance(v, list):
        v = ", ".join(map(str, v))
    s = "" if v is None else str(v)
    if not full and len(s) > CUT:
        cut = s[:CUT - 1].rsplit(" ", 1)[0]
        return cut.rstrip() + " …", True
    return s, False


def print_table(rows: list[dict], columns: list[str], title: str | None = None, full: bool = False,
                console: Console | None = None) -> int:
    """A rich table when every narrow column fits whole and a wide one keeps 30 characters; else one record
    a row. Texts are cut at CUT characters unless ``full`` (stderr says so once)."""
    out = console or Console(highlight=False)
    cells = [[_text(r.get(c), full) for c in columns] for r in rows]
    cut = any(was_cut for row in cells for _, was_cut in row)
    narrow = [i for i, c in enumerate(columns) if c not in WIDE]
    wide = [i for i, c in enumerate(columns) if c in WIDE]
    natural = {i: max([len(columns[i])] + [len(row[i][0]) for row in cells]) for i in narrow}
    needed = sum(natural.values()) + 30 * len(wide) + 3 * len(columns) + 1
    if needed <= out.width:
        table = Table(title=title, highlight=False)
        for i, c in enumerate(columns):
            if i in natural:
                table.add_column(c, no_wrap=True, min_width=natural[i])
            else:
                table.add_column(c, overflow="fold", ratio=1, min_width=30)
        for row in cells:
            table.add_row(*(Text(s) for s, _ in row))
        out.print(table)
    else:
        _print_records(out, cells, columns, title)
    if cut:
        err.print(Text(f"texts over {CUT} characters cut (…): --full prints them whole, --json keeps everything"))
    return len(rows)


def _print_records(out: Console, cells: list[list[tuple[str, bool]]], columns: list[str], title: str | None):
    """One record a row: the short fields on one line, each long one on lines of its own, wrapped at words."""
    if title:
        out.print(Text(title, style="italic"))
    for n, row in enumerate(cells):
        if n:
            out.print()
        short = [f"{c}: {s}" for c, (s, _) in zip(columns, row) if c not in WIDE and s != ""]
        for line in _pack(short, out.width):
            out.print(Text(line, style="bold"))
        for c, (s, _) in zip(columns, row):
            if c in WIDE and s:
                line = Text(f"  {c}: ", style="dim")
                line.append(s)
                out.print(line)


def _pack(items: list[str], width: int, gap: str = "  ") -> list[str]:
    """``items`` on as few lines of ``width`` as they fit in, none split across two lines unless it alone is wider."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(gap) + len(item) <= width:
            lines[-1] += gap + item
        else:
            lines.append(item)
    return lines
