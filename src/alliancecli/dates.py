"""Find an article's date: in a metadata or field value, or in the text around the title.

Patterns and month names live in ``data/dates.json``.  Every result is an ISO
date (``YYYY-MM-DD``), the form ``documents.date`` stores, so that string
comparison orders dates.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .resources import load_json


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, int], list[re.Pattern], list[re.Pattern]]:
    raw = load_json("dates.json")
    return (raw["months"], [re.compile(p) for p in raw["patterns"]],
            [re.compile(p, re.I) for p in raw["labels"]])


def _date(m: re.Match) -> str | None:
    months = _rules()[0]
    g = m.groupdict()
    try:
        month = int(g["mo"]) if g.get("mo") else months[g["month"].lower()]
        return dt.date(int(g["year"]), month, int(g["day"])).isoformat()
    except (KeyError, TypeError, ValueError):
        return None


def find(text: str) -> str | None:
    """The first date written in ``text`` ("9 December 2022", "Jan 30/2024", "2024-01-30"), or None."""
    best: tuple[int, str] | None = None
    for rx in _rules()[1]:
        for m in rx.finditer(text):
            d = _date(m)
            if d:
                if best is None or m.start() < best[0]:
                    best = (m.start(), d)
                break
    return best[1] if best else None


def parse(value) -> str | None:
    """A metadata or field value as an ISO date: ISO strings with or without time, or a written date."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:  # a Unix timestamp
            return dt.datetime.fromtimestamp(value, dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return find(s)


def labelled(line: str) -> bool:
    """Whether a line announces a date ("Post At:", "Published:", ...)."""
    return any(rx.match(line) for rx in _rules()[2])


def article_date(outline) -> str | None:
    """The date of a segmented article, from the text, or None.

    Looked for, in order: a labelled date line ("Post At: Jan 30/2024 12:50AM") before the
    comments; a date in a title or boilerplate line before the first body paragraph (a
    dateline); the earliest dated reader comment, since an article is at least as old as
    its first comment.  Dates inside body paragraphs are about events, so they are not used.
    """
    text = outline.text
    first_comment = min((c.block_start for c in outline.comments), default=len(text))
    head = [s for s in outline.segments if s.kind in ("title", "boilerplate") and s.end <= first_comment]
    for s in head:
        part = text[s.start:s.end]
        if labelled(part):
            d = find(part)
            if d:
                return d
    first_body = min((s.start for s in outline.segments if s.kind == "body"), default=first_comment)
    for s in head:
        if s.end <= first_body:
            d = find(text[s.start:s.end])
            if d:
                return d
    posted = sorted(c.posted[:10] for c in outline.comments if c.posted)
    return posted[0] if posted else None
