"""Counts over time: statements by stance, or mentions of a pair, per day, week, month or year.

:func:`statements` takes the filters of :func:`alliancecli.queries.statements` and
counts the rows it returns by period; :func:`pair_mentions` counts the sentences
that name both countries.  Every period between the first and the last is listed,
empty ones too, so a chart's gaps are real.  A row is dated by its comment's time
or its document's date; undated rows, and rows dated more coarsely than the period
(a year alone, counted by month), are counted apart as ``undated``.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import queries

PERIODS = ("day", "week", "month", "year")
STANCES = ("support", "oppose", "neutral")


def period_of(date: str | None, period: str) -> str | None:
    """The period holding an ISO ``date`` ("2022-12", "2022-W49", ...), or None if the date is too coarse."""
    if not date:
        return None
    if period == "year":
        return date[:4]
    if period == "month":
        return date[:7] if len(date) >= 7 else None
    if len(date) < 10:
        return None
    if period == "day":
        return date[:10]
    if period == "week":
        y, w, _ = dt.date.fromisoformat(date[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    raise ValueError(f"period must be one of {', '.join(PERIODS)}")


def bounds(key: str, period: str) -> tuple[str, str]:
    """The first and last day of a period as --since and --until values (a month is "2022-12" both ways)."""
    if period != "week":
        return key, key
    monday = dt.date.fromisocalendar(int(key[:4]), int(key[6:]), 1)
    return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()


def _next(key: str, period: str) -> str:
    if period == "year":
        return str(int(key) + 1)
    if period == "month":
        y, m = int(key[:4]), int(key[5:7])
        return f"{y + m // 12}-{m % 12 + 1:02d}"
    if period == "day":
        return (dt.date.fromisoformat(key) + dt.timedelta(days=1)).isoformat()
    monday = dt.date.fromisocalendar(int(key[:4]), int(key[6:]), 1) + dt.timedelta(weeks=1)
    y, w, _ = monday.isocalendar()
    return f"{y}-W{w:02d}"


def span(keys: Iterable[str], period: str) -> list[str]:
    """Every period from the first of ``keys`` to the last, in order."""
    keys = sorted(keys)
    if not keys:
        return []
    out = [keys[0]]
    while out[-1] < keys[-1]:
        out.append(_next(out[-1], period))
    return out


@dataclass
class Timeline:
    """Rows of counts per period, the column names, and how many rows had no date fine enough."""

    period: str
    columns: list[str]
    rows: list[dict]
    undated: int = 0
    #: statement ids behind each (period, column) count, for links to the evidence (statements only)
    ids: dict[tuple[str, str], list[int]] = field(default_factory=dict, repr=False)


def statements(db, period: str = "month", **filters) -> Timeline:
    """Statements by stance per ``period``; ``filters`` are those of :func:`alliancecli.queries.statements`."""
    counts: dict[str, Counter] = {}
    ids: dict[tuple[str, str], list[int]] = {}
    undated = 0
    for r in queries.iter_statements(db, **filters):
        key = period_of(r["date"], period)
        if key is None:
            undated += 1
            continue
        counts.setdefault(key, Counter())[r["stance"]] += 1
        ids.setdefault((key, "statements"), []).append(r["id"])
        ids.setdefault((key, r["stance"]), []).append(r["id"])
    rows = [{"period": k, "statements": sum(counts.get(k, Counter()).values()),
             **{s: counts.get(k, Counter())[s] for s in STANCES}} for k in span(counts, period)]
    return Timeline(period, ["period", "statements", *STANCES], rows, undated, ids)


def pair_mentions(db, a: str, b: str, period: str = "month", source: str = "all", since: str | None = None,
                  until: str | None = None) -> Timeline:
    """Sentences that mention both ``a`` and ``b`` per ``period``, and the documents they are in."""
    when, params = queries._date_clause("m", since, until)
    date = ("(case when m.comment_id is not null then (select c.posted from comments c where c.id = m.comment_id) "
            "else (select d.date from documents d where d.id = m.document_id) end)")
    sql = f"""select distinct m.document_id, m.sentence, {date} as date
        from mentions m join mentions n on n.document_id = m.document_id and n.sentence = m.sentence
        where m.name = ? and n.name = ?{queries._source_clause(source, "m")}{when}"""
    sentences: dict[str, int] = Counter()
    documents: dict[str, set] = {}
    undated = 0
    for document_id, _, d in db.execute(sql, [a, b] + params):
        key = period_of(d, period)
        if key is None:
            undated += 1
            continue
        sentences[key] += 1
        documents.setdefault(key, set()).add(document_id)
    rows = [{"period": k, "mentions": sentences.get(k, 0), "documents": len(documents.get(k, ()))}
            for k in span(sentences, period)]
    return Timeline(period, ["period", "mentions", "documents"], rows, undated)


COLOURS = {"support": "#2e7d32", "oppose": "#c62828", "neutral": "#9e9e9e", "mentions": "#1565c0"}


def plot(t: Timeline, path, title: str = "") -> None:
    """Draw ``t`` as stacked bars (stance) or bars (mentions) into ``path`` (.png or .svg), with matplotlib."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = [r["period"] for r in t.rows]
    fig, ax = plt.subplots(figsize=(min(12.0, max(6.0, 0.35 * len(keys) + 2)), 3.5), dpi=100)
    series = [c for c in t.columns if c in STANCES] or ["mentions"]
    bottom = [0] * len(keys)
    for name in series:
        values = [r[name] for r in t.rows]
        ax.bar(keys, values, bottom=bottom, label=name, color=COLOURS[name])
        bottom = [x + y for x, y in zip(bottom, values)]
    ax.set_ylabel("statements" if series != ["mentions"] else "sentences")
    ax.set_title(title)
    ax.tick_params(axis="x", labelrotation=60, labelsize=8)
    step = max(1, len(keys) // 24)  # at most about 24 labels
    ax.set_xticks(range(0, len(keys), step), keys[::step])
    if len(series) > 1:
        ax.legend(frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def bars(t: Timeline, width: int = 40):
    """A compact bar a period for the terminal, as rich Text lines: stacked by stance, or one colour."""
    from rich.text import Text

    series = [c for c in t.columns if c in STANCES] or ["mentions"]
    total = "statements" if "statements" in t.columns else "mentions"
    top = max((r[total] for r in t.rows), default=0) or 1
    label_width = max((len(r["period"]) for r in t.rows), default=0)
    empty = 0
    for n, r in enumerate(t.rows + [None]):
        if r is not None and not r[total]:
            empty += 1
            continue
        if empty >= 3:  # a run of empty periods is one line
            yield Text(f"{'⋮'.ljust(label_width)}  {empty} empty {t.period}s", style="dim")
        elif empty:
            for e in t.rows[n - empty:n]:
                yield Text(e["period"].ljust(label_width) + "  0")
        empty = 0
        if r is None:
            return
        line = Text(r["period"].ljust(label_width) + " ")
        for name in series:
            line.append("█" * round(width * r[name] / top), style=COLOURS[name])
        line.append(f" {r[total]}")
        if len(series) > 1 and r[total]:
            line.append("  " + " ".join(f"{s[0]}{r[s]}" for s in series if r[s]), style="dim")
        yield line
