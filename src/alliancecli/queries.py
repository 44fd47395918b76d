"""Questions asked of an ingested database.  Each function returns a list of plain dicts.

Every filter value goes to SQLite as a parameter; country and bloc names are
expected in canonical form (see :func:`alliancecli.gazetteer.normalize`).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from . import gazetteer

if TYPE_CHECKING:  # queries run on any connection with .execute; sqlite_utils is slow to import
    import sqlite_utils

SOURCES = ("article", "comments", "all")
WITHIN = ("sentence", "statement", "paragraph", "document")

#: The columns of every statement row, in every command and format: enough to cite it (the document's id,
#: date and URL, and the character offsets of the statement in the document's text).
STATEMENT_COLUMNS = ["id", "speaker", "speaker_country", "stance", "kind", "source", "text", "document_id",
                     "document", "date", "url", "path", "start", "end", "cue", "stance_evidence", "stance_target"]


def _rows(db: sqlite_utils.Database, sql: str, params) -> list[dict]:
    return list(_iter_rows(db.execute(sql, params)))


def _source_clause(source: str, alias: str = "s") -> str:
    if source == "article":
        return f" and {alias}.comment_id is null"
    if source == "comments":
        return f" and {alias}.comment_id is not null"
    return ""


def _statement_where(actor=None, stance=None, kind=None, doc=None, since=None, until=None,
                     source: str = "all", target=None) -> tuple[str, list]:
    """The filters of :func:`statements` that test each row on ``statements s``: (SQL after 'where', params)."""
    where = ["1 = 1"]
    params: list = []
    if isinstance(actor, (list, tuple)):  # canonical names, as resolve_actor gives them
        where.append(f"s.speaker in ({', '.join('?' for _ in actor)})")
        params += list(actor)
    elif actor:
        where.append("(s.speaker = ? or s.speaker like ? escape '\\' or s.speaker in "
                     "(select name from actors where aliases like ? escape '\\'))")
        params += [actor, f"% {like_escape(actor)}", f'%"{like_escape(actor)}"%']
    if stance:
        where.append("coalesce(s.label, s.stance) = ?")
        params.append(stance)
    if kind:
        where.append("s.kind = ?")
        params.append(kind)
    if target and target.lower() == "none":  # the statements about no alignment
        where.append("s.stance_target is null")
    elif target:  # the target itself ("NATO membership") or one of its parties (NATO, Ukraine)
        where.append("(s.stance_target = ? or '|' || s.stance_parties || '|' like ? escape '\\' "
                     "or s.stance_target like ? escape '\\')")
        params += [target, f"%|{like_escape(target)}|%", f"{like_escape(target)} %"]
    if doc is not None:  # a document id, from resolve_document
        where.append("s.document_id = ?")
        params.append(doc)
    if since or until:
        when, when_params = _date_clause("s", since, until)
        where.append("1 = 1" + when)
        params += when_params
    return " and ".join(where) + _source_clause(source), params


_STATEMENT_SELECT = """
    select s.id, s.speaker, s.speaker_country, coalesce(s.label, s.stance) as stance, s.kind, s.source,
           s.text, s.document_id, d.title as document, coalesce(s.posted, d.date) as date, d.url, d.path,
           s.start, s.end, s.cue, s.stance_evidence, s.stance_target
    from statements s join documents d on d.id = s.document_id"""


def statements(
    db: sqlite_utils.Database,
    actor: str | None = None,
    country: str | None = None,
    speaker_country: str | None = None,
    about: str | None = None,
    pair: tuple[str, str] | None = None,
    stance: str | None = None,
    source: str = "all",
    doc: str | None = None,
    kind: str | None = None,
    ids: list[int] | None = None,
    limit: int | None = None,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
    target: str | None = None,
) -> list[dict]:
    """Statements with their speaker, stance and document, filtered, in the order they were ingested.

    ``country`` matches statements whose speaker acts for it *or* that mention it;
    ``speaker_country`` and ``about`` are the two halves on their own.  ``ids`` keeps
    those statements, in the order given.  Without ``ids`` the order is the statement id:
    document by document as they were ingested, each in reading order.  ``limit`` and
    ``offset`` page through that order; :func:`count_statements` gives the total.
    """
    return list(iter_statements(db, actor=actor, country=country, speaker_country=speaker_country, about=about,
                                pair=pair, stance=stance, source=source, doc=doc, kind=kind, ids=ids, limit=limit,
                                offset=offset, since=since, until=until, target=target))


def iter_statements(db, actor=None, country=None, speaker_country=None, about=None, pair=None, stance=None,
                    source: str = "all", doc=None, kind=None, ids=None, limit: int | None = None, offset: int = 0,
                    since=None, until=None, target=None) -> Iterator[dict]:
    """:func:`statements` as a generator: the first rows come before the last are read."""
    doc = None if doc is None else resolve_document(db, doc)
    where, params = _statement_where(actor, stance, kind, doc, since, until, source, target)
    if ids is not None:
        # a given order (search rank): country and pair filters are tested row by row
        extra, extra_params = _mention_tests(country, speaker_country, about, pair)
        batches = _chunks(iter(ids))
        where, params = where + extra, params + extra_params
    else:
        driver, driver_params = _statement_ids(country, speaker_country, about, pair)
        if not driver:
            sql, page = _page(f"{_STATEMENT_SELECT} where {where} order by s.id", limit, offset)
            yield from _iter_rows(db.execute(sql, params + page))
            return
        if where == "1 = 1" and offset:  # nothing else to test: SQLite skips the ids itself
            driver, driver_params, offset = driver + " limit -1 offset ?", driver_params + [offset], 0
        # the ids the indexes allow, in ascending order, fetched in growing batches: a page stops early
        batches = _chunks(r[0] for r in db.execute(driver, driver_params))
    in_batch = "s.id in (select value from json_each(?))"
    sql = f"{_STATEMENT_SELECT} where {in_batch} and {where}"
    skip, left = offset, limit
    for batch in batches:
        position = {i: n for n, i in enumerate(batch)}
        if skip:  # rows before the page: only their ids are read
            kept = sorted((r[0] for r in db.execute(f"select s.id from statements s where {in_batch} and {where}",
                                                     [json.dumps(batch)] + params)), key=position.__getitem__)
            if len(kept) <= skip:
                skip -= len(kept)
                continue
            batch, skip = kept[skip:], 0
        rows = _rows(db, sql, [json.dumps(batch)] + params)
        rows.sort(key=lambda r: position[r["id"]])
        if left is not None:
            rows = rows[:left]
            left -= len(rows)
        yield from rows
        if left == 0:
            return


def count_statements(db, actor=None, country=None, speaker_country=None, about=None, pair=None, stance=None,
                     source: str = "all", doc=None, kind=None, since=None, until=None, target=None) -> int:
    """How many rows :func:`statements` returns with these filters and no limit."""
    doc = None if doc is None else resolve_document(db, doc)
    where, params = _statement_where(actor, stance, kind, doc, since, until, source, target)
    driver, driver_params = _statement_ids(country, speaker_country, about, pair)
    if driver and where == "1 = 1":
        return db.execute(f"select count(*) from ({driver})", driver_params).fetchone()[0]
    if driver:
        where = f"s.id in ({driver}) and {where}"
        params = driver_params + params
    return db.execute(f"select count(*) from statements s where {where}", params).fetchone()[0]


def _page(sql: str, limit: int | None, offset: int) -> tuple[str, list]:
    if limit is None and not offset:
        return sql, []
    return sql + " limit ? offset ?", [-1 if limit is None else limit, offset]


def _iter_rows(cur) -> Iterator[dict]:
    cols = [d[0] for d in cur.description]
    while True:
        chunk = cur.fetchmany(512)
        if not chunk:
            return
        for r in chunk:
            yield dict(zip(cols, r))


FIRST_BATCH, LAST_BATCH = 256, 16384  # ids per statement lookup: a page is one lookup, a long run few


def _chunks(values: Iterator) -> Iterator[list]:
    """Lists of consecutive ``values``, each four times longer than the one before, up to LAST_BATCH."""
    size = FIRST_BATCH
    while True:
        chunk = list(islice(values, size))
        if not chunk:
            return
        yield chunk
        size = min(size * 4, LAST_BATCH)


def who_said(db, country: str | None = None, speaker_country: str | None = None, about: str | None = None,
             source: str = "all", limit: int | None = None, offset: int = 0, group: str | None = None,
             stance: str | None = None, since: str | None = None, until: str | None = None) -> list[dict]:
    """The statements about a country (see :func:`statements`), or with ``group="speaker"``
    one row per speaker: statements, stance counts and documents, most statements first."""
    if group != "speaker":
        return statements(db, country=country, speaker_country=speaker_country, about=about, source=source,
                          stance=stance, since=since, until=until, limit=limit, offset=offset)
    driver, params = _statement_ids(country, speaker_country, about)
    where, where_params = _statement_where(stance=stance, since=since, until=until, source=source)
    sql, page = _page(f"""
        select s.speaker, s.speaker_country, s.source, count(*) as statements,
               sum(coalesce(s.label, s.stance) = 'support') as support,
               sum(coalesce(s.label, s.stance) = 'oppose') as oppose,
               sum(coalesce(s.label, s.stance) = 'neutral') as neutral,
               count(distinct s.document_id) as documents
        from ({driver}) c cross join statements s on s.id = c.id
        where {where}
        group by s.speaker, s.speaker_country, s.source
        order by count(*) desc, s.speaker is null, cast(s.speaker as text), s.speaker_country, s.source
    """, limit, offset)
    return _rows(db, sql, params + where_params + page)


def count_who_said(db, country: str | None = None, speaker_country: str | None = None, about: str | None = None,
                   source: str = "all", group: str | None = None, stance: str | None = None,
                   since: str | None = None, until: str | None = None) -> int:
    """How many rows :func:`who_said` returns with no limit."""
    if group != "speaker":
        return count_statements(db, country=country, speaker_country=speaker_country, about=about, source=source,
                                stance=stance, since=since, until=until)
    return len(who_said(db, country=country, speaker_country=speaker_country, about=about, source=source,
                        group=group, stance=stance, since=since, until=until))  # a row per speaker: few


def pairs(db, min_mentions: int = 1, within: str = "sentence", source: str = "all", include_blocs: bool = False,
          country: str | None = None, limit: int | None = None, since: str | None = None,
          until: str | None = None) -> list[dict]:
    """Unordered pairs of countries (and blocs) mentioned together, with the stance of the statements carrying them."""
    kinds = ("country", "bloc") if include_blocs else ("country",)
    params: list = []
    unit = {"sentence": "m.sentence", "statement": "m.statement_id", "paragraph": "m.paragraph",
            "document": "0"}[within]
    src = ""
    if source == "article":
        src = " and m.comment_id is null"
    elif source == "comments":
        src = " and m.comment_id is not null"
    kind_list = ",".join("?" for _ in kinds)
    params += list(kinds)
    stmt_filter = " and m.statement_id is not null" if within == "statement" else ""
    when, when_params = _date_clause("m", since, until)
    stmt_filter += when
    params += when_params
    pairs_from = f"""
        with m as (
            select document_id, {unit} as unit, name, min(statement_id) as statement_id
            from mentions m where kind in ({kind_list}){src}{stmt_filter}
            group by document_id, unit, name
        ), p as (
            select a.name as a, b.name as b, a.document_id, a.unit,
                   case when a.statement_id = b.statement_id then a.statement_id end as statement_id
            from m a join m b on a.document_id = b.document_id and a.unit = b.unit and a.name < b.name
        )"""
    if within == "sentence" and not (since or until):
        # the same pairs, written at ingest (pipeline.analyse): one row per sentence and pair, with kind
        # 'country' when both are countries, and the statement that holds both mentions of it
        p_src = {"article": " and source = 'article'", "comments": " and source = 'comments'"}.get(source, "")
        params = list(kinds)  # kind = ? (not "in") lets SQLite group in the order of the covering index
        pairs_from = f"""
        with p as (
            select a, b, document_id, statement_id from pairs where kind {"= ?" if len(kinds) == 1 else "in (?, ?)"}{p_src}
        )"""
    sql = f"""{pairs_from}
        select p.a, p.b, count(*) as {within if within != 'document' else 'co'}s_n,
               count(distinct p.document_id) as documents
        from p
        where 1 = 1 {"and (p.a = ? or p.b = ?)" if country else ""}
        group by p.a, p.b having count(*) >= ?
        order by count(*) desc, p.a, p.b
    """
    if country:
        params += [country, country]
    params.append(min_mentions)
    if limit:
        sql += " limit ?"
        params.append(limit)
    rows = _rows(db, sql, params)
    for r in rows:
        r["count"] = r.pop(next(k for k in r if k.endswith("s_n")))
        r["within"] = within
    if rows:
        # the stance of a pair is that of the statements that mention both (the rows 'pairs --evidence'
        # and 'statements --pair A B' print), counted only where their target involves both
        stances = _pair_stances(db, kinds, source, since, until)
        for r in rows:
            r.update(stances.get((r["a"], r["b"]), dict.fromkeys(PAIR_STANCES, 0)))
    return [{k: r[k] for k in ("a", "b", "count", "documents", *PAIR_STANCES, "within")} for r in rows]


PAIR_STANCES = ("support", "oppose", "neutral", "other")


def pair_stance(row: dict, a: str, b: str) -> str:
    """How a statement counts for the pair (a, b): its stance where its target involves both
    (their union or partnership, or one joining a bloc of the other), else "other"."""
    from . import stance

    if stance.involves(row.get("stance_target_kind"), row.get("stance_parties"), a, b):
        return row["stance"]
    return "other"


def _pair_stances(db, kinds: tuple, source: str, since: str | None, until: str | None) -> dict:
    """{(a, b): {support, oppose, neutral, other}} over the statements that mention both a and b."""
    when, params = _date_clause("m", since, until)
    marks = ",".join("?" for _ in kinds)
    # the second name comes from mentions through its statement_id index: a self-join of the
    # first set has no index, and SQLite scanned it whole for every row (minutes on 100,000 documents);
    # the unary + keeps the planner off the (kind, name) index for b
    sql = f"""
        with sp as (
            select distinct m.name as a, b.name as b, m.statement_id from mentions m
            join mentions b on b.statement_id = m.statement_id and +b.kind in ({marks}) and +b.name > m.name
            where m.statement_id is not null and m.kind in ({marks}){_source_clause(source, "m")}{when}
        )
        select sp.a, sp.b, coalesce(s.label, s.stance) as stance, s.stance_target_kind, s.stance_parties,
               count(*) as n
        from sp join statements s on s.id = sp.statement_id
        group by 1, 2, 3, 4, 5
    """
    out: dict = {}
    for r in _rows(db, sql, list(kinds) + list(kinds) + params):
        counts = out.setdefault((r["a"], r["b"]), dict.fromkeys(PAIR_STANCES, 0))
        counts[pair_stance(r, r["a"], r["b"])] += r["n"]
    return out


def _actor_where(country: str | None, kind: str | None) -> tuple[str, list]:
    where, params = ["1 = 1"], []
    if country:
        where.append("a.country = ?")
        params.append(country)
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    return " and ".join(where), params


def actors(db, country: str | None = None, kind: str | None = None, limit: int | None = None,
           offset: int = 0, since: str | None = None, until: str | None = None) -> list[dict]:
    """Actors with their aliases, mention count and statement count (counted at ingest: store.refresh_counts).

    With ``since`` or ``until`` the counts are those of mentions and statements dated in
    that range, counted now, and actors with none there are left out.
    """
    where, params = _actor_where(country, kind)
    counts = "coalesce(a.mentions, 0) as mentions, coalesce(a.statements, 0) as statements"
    if since or until:
        m_when, m_params = _date_clause("m", since, until)
        s_when, s_params = _date_clause("s", since, until)
        counts = (f"(select count(*) from mentions m where m.name = a.name and m.kind = a.kind{m_when}) as mentions, "
                  f"(select count(*) from statements s where s.speaker = a.name and s.kind != 'comment'{s_when})"
                  " as statements")
        params = m_params + s_params + params
    sql, page = _page(f"""
        select * from (
            select a.name, a.kind, a.country, a.aliases, {counts}
            from actors a where {where}
        ) where {"mentions + statements > 0" if since or until else "1 = 1"}
        order by mentions desc, statements desc, name
    """, limit, offset)
    rows = _rows(db, sql, params + page)
    for r in rows:
        r["aliases"] = json.loads(r["aliases"] or "[]")
    return rows


def count_actors(db, country: str | None = None, kind: str | None = None, since: str | None = None,
                 until: str | None = None) -> int:
    if since or until:
        return len(actors(db, country=country, kind=kind, since=since, until=until))
    where, params = _actor_where(country, kind)
    return db.execute(f"select count(*) from actors a where {where}", params).fetchone()[0]


def _fts_query(query: str) -> str | None:
    terms = re.findall(r"\w+", query)
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms) if terms else None


def search(db, query: str, limit: int | None = None, offset: int = 0, source: str = "all", **filters) -> list[dict]:
    """Full-text search over statements (reader comments included), best match first, safe for any user input.

    ``filters`` are those of :func:`statements` (actor, country, pair, stance, doc, since, until, ...);
    :func:`count_search` gives the total.
    """
    return list(iter_search(db, query, limit=limit, offset=offset, source=source, **filters))


def iter_search(db, query: str, limit: int | None = None, offset: int = 0, source: str = "all",
                **filters) -> Iterator[dict]:
    """:func:`search` as a generator."""
    fts = _fts_query(query)
    if fts is None:
        return iter(())
    ranked = (r[0] for r in db.execute(
        "select rowid from statements_fts where statements_fts match ? order by rank", [fts]))
    return iter_statements(db, ids=ranked, source=source, limit=limit, offset=offset, **filters)


def count_search(db, query: str, source: str = "all", actor=None, country=None, speaker_country=None, about=None,
                 pair=None, stance=None, doc=None, kind=None, since=None, until=None, target=None) -> int:
    """How many rows :func:`search` returns with these filters and no limit."""
    fts = _fts_query(query)
    if fts is None:
        return 0
    doc = None if doc is None else resolve_document(db, doc)
    where, params = _statement_where(actor, stance, kind, doc, since, until, source, target)
    extra, extra_params = _mention_tests(country, speaker_country, about, pair)
    return db.execute(f"""select count(*) from statements s
        where s.id in (select rowid from statements_fts where statements_fts match ?) and {where}{extra}""",
                      [fts] + params + extra_params).fetchone()[0]


class DocumentNotFound(LookupError):
    """``doc`` names no document, or more than one: ``candidates`` lists (id, path, title) of those it matches."""

    def __init__(self, doc: str, candidates: list[dict], more: bool = False):
        self.doc, self.candidates, self.more = doc, candidates, more
        if not candidates:
            msg = f"no document matches {doc!r} (give its id, its path, or part of its path or title)"
        else:
            listed = "; ".join(f"{c['id']} {c['path']}" for c in candidates) + ("; ..." if more else "")
            msg = f"{doc!r} matches {'more than ' if more else ''}{len(candidates)} documents: {listed}"
        super().__init__(msg)


MAX_CANDIDATES = 10


ACT_COLUMNS = ["id", "speaker", "speaker_country", "cue", "text", "frame", "document_id", "document", "date", "path",
               "start", "end"]


def _act_where(actor: list[str] | None, doc: int | None) -> tuple[str, list]:
    where, params = ["1 = 1"], []
    if actor:
        where.append(f"a.speaker in ({', '.join('?' * len(actor))})")
        params += actor
    if doc is not None:
        where.append("a.document_id = ?")
        params.append(doc)
    return " and ".join(where), params


def iter_acts(db, actor: list[str] | None = None, doc: int | None = None, limit: int | None = None,
              offset: int = 0) -> Iterator[dict]:
    """The acts aimed at a target ("criticized the deal": the ``acts`` table) in the order they were ingested,
    those of the speakers ``actor`` (canonical names) or of document ``doc`` (an id)."""
    if not db["acts"].exists():
        return iter(())
    where, params = _act_where(actor, doc)
    sql = (f"select a.id, a.speaker, a.speaker_country, a.cue, a.text, a.frame, a.document_id, d.title as document, "
           f"d.date, d.path, a.start, a.end from acts a join documents d on d.id = a.document_id where {where} "
           f"order by a.id limit ? offset ?")
    return _iter_rows(db.execute(sql, params + [-1 if limit is None else limit, offset]))


def count_acts(db, actor: list[str] | None = None, doc: int | None = None) -> int:
    if not db["acts"].exists():
        return 0
    where, params = _act_where(actor, doc)
    return db.execute(f"select count(*) from acts a where {where}", params).fetchone()[0]


def resolve_document(db, doc: int | str) -> int:
    """The id of the one document ``doc`` names: its id, its exact path, or a part of its path or title
    that only it contains.  Raises :class:`DocumentNotFound` (with the candidates) otherwise."""
    key = str(doc).strip()
    # an id as ids are written ("3"); "003" is a part of a name, as in 003_report.txt
    row = key.isdigit() and key == str(int(key)) and db.execute(
        "select id from documents where id = ?", [int(key)]).fetchone()
    row = row or db.execute("select id from documents where path = ?", [key]).fetchone()
    if row:
        return row[0]
    pattern = f"%{like_escape(key)}%"
    found = _rows(db, "select id, path, title from documents where path like ? escape '\\' "
                      "or title like ? escape '\\' order by id limit ?", [pattern, pattern, MAX_CANDIDATES + 1])
    if len(found) == 1 and key:
        return found[0]["id"]
    raise DocumentNotFound(key, found[:MAX_CANDIDATES], more=len(found) > MAX_CANDIDATES)


def find_document(db, doc: int | str) -> dict:
    """The row of the one document ``doc`` names (see :func:`resolve_document`)."""
    return _rows(db, "select * from documents where id = ?", [resolve_document(db, doc)])[0]


def outline(db, doc: int | str) -> dict:
    """One document's title, body, boilerplate, statements and comment tree (raises :class:`DocumentNotFound`)."""
    d = find_document(db, doc)
    text = d["text"]
    segs = _rows(db, "select kind, start, end, reason from segments where document_id = ? order by start",
                 [d["id"]])
    comments = _rows(db, "select id, path, parent_id, author, display_name, posted, deleted, quotes_author, text "
                         "from comments where document_id = ? order by id", [d["id"]])
    stmts = _rows(db, "select id, kind, speaker, speaker_country, cue, coalesce(label, stance) as stance, "
                      "stance_evidence, text from statements where document_id = ? and comment_id is null "
                      "order by start", [d["id"]])
    countries = [r[0] for r in db.execute(
        "select name from mentions where document_id = ? and kind = 'country' group by name "
        "order by count(*) desc, name", [d["id"]])]
    people = [r[0] for r in db.execute(
        "select name from mentions where document_id = ? and kind = 'person' group by name "
        "order by count(*) desc, name", [d["id"]])]
    return {
        "id": d["id"], "path": d["path"], "title": d["title"],
        "body": [text[s["start"]:s["end"]].strip() for s in segs if s["kind"] == "body"],
        "boilerplate": [{"text": text[s["start"]:s["end"]].strip(), "reason": s["reason"]}
                        for s in segs if s["kind"] == "boilerplate"],
        "statements": stmts, "comments": comments, "countries": countries, "people": people,
    }


def stats(db, path: str | Path) -> dict:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    kinds = dict(db.execute("select kind, count(*) from statements group by kind").fetchall())
    return {
        "documents": one("select count(*) from documents"),
        "statements": kinds,
        "comments": one("select count(*) from comments"),
        "acts": one("select count(*) from acts") if db["acts"].exists() else 0,
        "actors": dict(db.execute("select kind, count(*) from actors group by kind").fetchall()),
        "countries": one("select count(distinct name) from mentions where kind = 'country'"),
        "size_bytes": Path(path).stat().st_size,
        "last_ingest": one("select max(ingested_at) from documents"),
        **_stance_stats(db, path),
    }


# -- dates, directed pairs and the statements behind a pair ------------------------------------------


_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?")


def check_bound(value: str) -> str:
    """``value`` if it is a real date or the start of one (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS]);
    raises ValueError for anything else, such as 2022-13-01 or 2022-02-30."""
    import datetime as dt

    m = _BOUND.fullmatch(value)
    if not m:
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d, h, mi, sec = (int(x) if x else None for x in m.groups())
    try:
        dt.datetime(y, mo or 1, d or 1, h or 0, mi or 0, sec or 0)
    except ValueError as e:
        raise ValueError(f"{value!r} is not a date: {e}") from None
    return value


def check_range(since: str | None, until: str | None) -> None:
    """Raise ValueError when no date can be on or after ``since`` and on or before ``until``."""
    for v in (since, until):
        if v is not None:
            check_bound(v)
    if since and until and since[:len(until)] > until:
        raise ValueError(f"--since {since} is after --until {until}: no date is in between")


def _date_clause(alias: str, since: str | None, until: str | None) -> tuple[str, list]:
    """SQL (starting with ' and') keeping rows of ``alias`` (mentions or statements) dated within [since, until].

    A reader comment is dated by ``comments.posted``, article text by ``documents.date``;
    rows without a date are left out once either bound is given.  Bounds are ISO
    prefixes ("2022", "2022-12", "2022-12-09"); ``until`` includes the whole period.
    """
    if not since and not until:
        return "", []
    date = (f"(case when {alias}.comment_id is not null then "
            f"(select c.posted from comments c where c.id = {alias}.comment_id) "
            f"else (select d.date from documents d where d.id = {alias}.document_id) end)")
    sql, params = "", []
    if since:
        sql += f" and {date} >= ?"
        params.append(since)
    if until:
        sql += f" and substr({date}, 1, length(?)) <= ?"
        params += [until, until]
    return sql, params


def directed_pairs(db, min_mentions: int = 1, source: str = "all", include_blocs: bool = False,
                   country: str | None = None, limit: int | None = None, since: str | None = None,
                   until: str | None = None) -> list[dict]:
    """Speaker's country -> country (or bloc) the statement mentions, counted in statements, with their stance.

    ``a`` is the country the speaker acts for, ``b`` the one mentioned; a country
    mentioning itself is not a pair.  ``country`` keeps pairs with it on either side.
    """
    kinds = ("country", "bloc") if include_blocs else ("country",)
    when, params = _date_clause("s", since, until)
    params = list(kinds) + params
    extra = ""
    if country:
        extra = " and (s.speaker_country = ? or m.name = ?)"
        params += [country, country]
    sql = f"""
        with p as (
            select distinct s.speaker_country as a, m.name as b, s.id, s.document_id,
                   coalesce(s.label, s.stance) as stance, s.stance_target_kind, s.stance_parties
            from statements s join mentions m on m.statement_id = s.id
            where s.speaker_country is not null and m.name != s.speaker_country
              and m.kind in ({",".join("?" for _ in kinds)}){_source_clause(source)}{when}{extra}
        ), n as (select a, b from p group by a, b having count(*) >= ? order by count(*) desc, a, b{" limit ?" if limit else ""})
        select p.a, p.b, p.id, p.document_id, p.stance, p.stance_target_kind, p.stance_parties
        from p join n on n.a = p.a and n.b = p.b
    """
    params.append(min_mentions)
    if limit:
        params.append(limit)
    out: dict = {}
    for r in _rows(db, sql, params):
        row = out.setdefault((r["a"], r["b"]), {"a": r["a"], "b": r["b"], "count": 0, "documents": set(),
                                                **dict.fromkeys(PAIR_STANCES, 0)})
        row["count"] += 1
        row["documents"].add(r["document_id"])
        row[pair_stance(r, r["a"], r["b"])] += 1
    rows = sorted(out.values(), key=lambda r: (-r["count"], r["a"], r["b"]))
    return [dict(r, documents=len(r["documents"]), within="statement", directed=True) for r in rows]


def pair_statements(db, a: str, b: str, directed: bool = False, source: str = "all", since: str | None = None,
                    until: str | None = None, limit: int | None = None) -> list[dict]:
    """The statements behind a pair: those that mention both (directed: by a speaker of ``a``, mentioning ``b``).

    ``alliance statements --pair A B`` prints the same rows.
    """
    if directed:
        rows = statements(db, speaker_country=a, about=b, source=source, since=since, until=until, limit=limit)
    else:
        rows = statements(db, pair=(a, b), source=source, since=since, until=until, limit=limit)
    if rows:
        marks = ",".join("?" for _ in rows)
        targets = {r[0]: {"stance_target_kind": r[1], "stance_parties": r[2]} for r in db.execute(
            f"select id, stance_target_kind, stance_parties from statements where id in ({marks})",
            [r["id"] for r in rows]).fetchall()}
        for r in rows:
            r["counted_as"] = pair_stance({**r, **targets[r["id"]]}, a, b)
    return rows


#: The columns of a co-mention row of ``pairs --evidence``: one unit (sentence, paragraph, statement or
#: document) that names both countries, with the offsets of the text shown.
UNIT_COLUMNS = ["document_id", "document", "date", "url", "path", "unit", "start", "end", "text"]
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)]*\s")


def pair_units(db, a: str, b: str, within: str = "sentence", source: str = "all", include_blocs: bool = False,
               since: str | None = None, until: str | None = None, width: int = 400) -> list[dict]:
    """The units behind a pair's ``count`` in :func:`pairs`: every sentence (paragraph, statement, document)
    that names both ``a`` and ``b``, in document order, one row each, so that their number is the count.

    ``start``/``end`` are offsets into the document's text: the sentence around the two names (read from
    the text's punctuation), the paragraph's lines, the statement, or the first to the last name in
    the document; ``text`` is that span, cut to ``width`` characters around the names.
    """
    kinds = ("country", "bloc") if include_blocs else ("country",)
    unit = {"sentence": "m.sentence", "statement": "m.statement_id", "paragraph": "m.paragraph",
            "document": "0"}[within]
    when, when_params = _date_clause("m", since, until)
    stmt = " and m.statement_id is not null" if within == "statement" else ""
    rows = _rows(db, f"""
        select m.document_id, {unit} as unit, min(m.start) as first, max(m.end) as last
        from mentions m
        where m.kind in ({",".join("?" for _ in kinds)}) and m.name in (?, ?){_source_clause(source, "m")}{stmt}{when}
        group by m.document_id, unit having count(distinct m.name) = 2
        order by m.document_id, first""", [*kinds, a, b, *when_params])
    docs: dict[int, dict] = {}
    for r in rows:
        d = docs.get(r["document_id"]) or docs.setdefault(r["document_id"], _rows(
            db, "select title, date, url, path, text from documents where id = ?", [r["document_id"]])[0])
        text, first, last = d["text"], r.pop("first"), r.pop("last")
        if within == "statement":
            start, end = db.execute("select start, end from statements where id = ?", [r["unit"]]).fetchone()
        elif within == "paragraph":
            start, end = text.rfind("\n", 0, first) + 1, (text.find("\n", last) + 1 or len(text) + 1) - 1
        elif within == "sentence":
            before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, first - width), first)]
            start = max(before[-1] if before else first - width, text.rfind("\n", 0, first) + 1, 0)
            while start < first and text[start].isspace():
                start += 1
            after = _SENTENCE_END.search(text, last)
            end = min(after.start() + 1 if after else len(text), (text.find("\n", last) + 1 or len(text) + 1) - 1)
        else:
            start, end = first, last
        shown = text[start:end]
        if len(shown) > width:  # keep the names in view
            lo = max(start, first - width // 4)
            shown = ("… " if lo > start else "") + text[lo:lo + width].rstrip() + " …"
        r.update(document=d["title"], date=d["date"], url=d["url"], path=d["path"], start=start, end=end,
                 text=shown)
    return [{c: r[c] for c in UNIT_COLUMNS} for r in rows]


def _stance_stats(db, path) -> dict:
    """Stance counts (human label first), how many labels, the model in use, and the WAL file's size."""
    out = {"stance": dict(db.execute("select coalesce(label, stance), count(*) from statements group by 1 "
                                     "order by 1").fetchall())}
    wal = Path(str(path) + "-wal")
    out["wal_bytes"] = wal.stat().st_size if wal.exists() else 0
    if db["labels"].exists():
        out["labels"] = db.execute("select count(*) from labels").fetchone()[0]
        from . import store

        out["stance_model"] = store.stance_model_in_use(db)  # None: the rules decide
    return out


def like_escape(value: str) -> str:
    """``value`` as a literal inside a LIKE pattern (with ``escape '\\'``): % and _ match only themselves."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class WithPlaces(str):
    """A country name that also matches the statements mentioning its cities and regions
    (mentions of kind ``place`` in that country): ``who_said(db, country=WithPlaces("Ukraine"))``."""


class UnknownActor(gazetteer.UnknownName):
    """A name that is no known actor; ``suggestions`` holds the closest known actors."""

    what = "actor"


def actor_key(name: str) -> str:
    """A name with case, accents and transliteration variants folded ("Zelenskiy" = "Zelenskyy")."""
    from .entities import name_key

    return " ".join(k for k in (name_key(w) for w in name.replace("-", " ").split()) if k)


def resolve_actor(db, name: str) -> list[str]:
    """The canonical names of the actors ``name`` means: one of whose names or aliases it spells
    (insensitive to case and transliteration), or, failing that, whose names end with it (a
    surname), or, failing that, whose surname is a spelling variant of its own.  Raises :class:`UnknownActor` with the closest known actors when none fits."""
    import difflib

    q = actor_key(name)
    if not q:  # "%", "--": no letters, no actor
        raise UnknownActor(name, [])
    keys: dict[str, set[str]] = {}
    for actor, aliases in db.execute("select name, aliases from actors where kind not in ('country', 'bloc', 'place')"):
        ks = keys.setdefault(actor, set())
        for a in [actor, *json.loads(aliases or "[]")]:
            ks.add(actor_key(a))
    exact = [a for a, ks in keys.items() if q in ks]
    if exact:
        return sorted(exact)
    tail = [a for a, ks in keys.items() if q and any(k.endswith(" " + q) for k in ks)]
    if tail:
        return sorted(tail)
    if db.execute("select 1 from statements where speaker = ? limit 1", [name]).fetchone():
        return [name]
    from .entities import similar_surnames

    words = q.split()
    variant = [a for a, ks in keys.items() if words and any(
        k.split() and similar_surnames(k.split()[-1], words[-1])
        and (len(words) == 1 or similar_surnames(k.split()[0], words[0]) or k.split()[0] == words[0])
        for k in ks)]
    if variant:  # a spelling the corpus does not use ("Lukashenka" for "Lukashenko")
        return sorted(variant)
    by_key = {k: a for a, ks in keys.items() for k in ks}
    close = difflib.get_close_matches(q, list(by_key), n=8, cutoff=0.6)
    surname = q.split()[-1] if q else ""
    close += difflib.get_close_matches(surname, list({k.split()[-1]: 0 for k in by_key if k}), n=4, cutoff=0.75)
    suggestions = []
    for k in close:
        a = by_key.get(k) or next((by_key[x] for x in by_key if x.split() and x.split()[-1] == k), None)
        if a and a not in suggestions:
            suggestions.append(a)
    raise UnknownActor(name, suggestions[:3])


def _statement_ids(country=None, speaker_country=None, about=None, pair=None) -> tuple[str, list]:
    """SQL for the ids of the statements the indexed filters allow (their intersection), ascending, or ("", []).

    ``country``: the speaker acts for it or the statement mentions it; ``speaker_country``:
    the speaker acts for it; ``about`` and each name of ``pair``: the statement mentions it.
    Each part reads an index in id order, and the parts form one compound select (SQLite's
    operators of equal precedence apply left to right: ``A union B intersect C`` is
    ``(A ∪ B) ∩ C``), which SQLite merges as it goes: the first ids come without reading
    the rest.
    """
    parts: list[str] = []
    params: list = []
    mentioning = "select statement_id from mentions where name = ? and statement_id is not null"
    in_places = " union select statement_id from mentions where kind = 'place' and country = ? and statement_id is not null"
    if country:  # first: the only union, so left-to-right evaluation is what is meant
        parts.append(f"select id from statements where speaker_country = ? union {mentioning}"
                     + (in_places if isinstance(country, WithPlaces) else ""))
        params += [country, country] + ([country] if isinstance(country, WithPlaces) else [])
    if speaker_country:
        parts.append("select id from statements where speaker_country = ?")
        params.append(speaker_country)
    for name in ([about] if about else []) + (list(pair) if pair else []):
        if isinstance(name, WithPlaces):
            parts.append(f"select * from ({mentioning}{in_places})")
            params += [name, name]
        else:
            parts.append(mentioning)
            params.append(name)
    if not parts:
        return "", []
    return " intersect ".join(parts) + " order by 1", params


def _mention_tests(country=None, speaker_country=None, about=None, pair=None) -> tuple[str, list]:
    """The filters of :func:`_statement_ids` as row tests on ``statements s`` (SQL starting with ' and')."""
    mentions = "exists (select 1 from mentions m where m.statement_id = s.id and m.name = ?)"
    places = "exists (select 1 from mentions m where m.statement_id = s.id and m.kind = 'place' and m.country = ?)"
    sql, params = "", []
    if country:
        sql += f" and (s.speaker_country = ? or {mentions}" + (f" or {places})" if isinstance(country, WithPlaces) else ")")
        params += [country, country] + ([country] if isinstance(country, WithPlaces) else [])
    if speaker_country:
        sql += " and s.speaker_country = ?"
        params.append(speaker_country)
    for name in ([about] if about else []) + (list(pair) if pair else []):
        sql += f" and {mentions}"
        params.append(name)
    return sql, params


def to_dataframe(rows, columns: list[str] | None = None):
    """Any query's rows (a list or a generator of dicts) as a pandas DataFrame, one column per key.

    Needs pandas (``pip install 'alliancecli[pandas]'``).  ``columns`` fixes the columns and
    their order, so that an empty result still has them (e.g. :data:`STATEMENT_COLUMNS`).
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("to_dataframe needs pandas: pip install 'alliancecli[pandas]'") from e
    rows = list(rows)
    if columns is None and rows:
        columns = list(rows[0])
    return pd.DataFrame.from_records(rows, columns=columns)
