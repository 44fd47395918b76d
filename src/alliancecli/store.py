"""The SQLite database: schema, migrations, and writing one document at a time.

Every document, with everything derived from it, is written in one transaction, so
an interrupted ingest never leaves half a document behind.  The schema follows the
contract in the project README (documents, segments, comments, statements,
mentions) and adds actors, pair counts and full-text search.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import re
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # imported lazily: sqlite_utils (and the numpy it pulls in) costs ~0.2 s of CLI start-up
    import sqlite_utils


class DatabaseError(RuntimeError):
    pass


class NoDatabase(DatabaseError):
    def __init__(self, path):
        super().__init__(f"No database at {path}: run 'alliance ingest DIR' first")


MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = []


def migration(fn):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite_utils.Database):
    db["documents"].create({
        "id": int, "path": str, "sha256": str, "title": str, "text": str, "encoding": str,
        "date": str, "words": int, "ingested_at": str,
    }, pk="id")
    db["documents"].create_index(["path"], unique=True)
    db["segments"].create({
        "id": int, "document_id": int, "kind": str, "start": int, "end": int, "reason": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id")])
    db["comments"].create({
        "id": int, "document_id": int, "path": str, "parent_id": int, "author": str, "display_name": str,
        "posted": str, "deleted": int, "quotes_author": str, "text": str, "start": int, "end": int,
    }, pk="id", foreign_keys=[("document_id", "documents", "id"), ("parent_id", "comments", "id")])
    db["statements"].create({
        "id": int, "document_id": int, "comment_id": int, "kind": str, "source": str, "text": str,
        "start": int, "end": int, "speaker": str, "speaker_start": int, "speaker_end": int,
        "speaker_text": str, "speaker_kind": str, "speaker_country": str, "cue": str, "stance": str,
        "stance_score": float, "stance_evidence": str, "stance_target": str, "label": str, "posted": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id"), ("comment_id", "comments", "id")])
    db["mentions"].create({
        "id": int, "document_id": int, "statement_id": int, "comment_id": int, "kind": str, "name": str,
        "text": str, "start": int, "end": int, "sentence": int, "paragraph": int, "country": str, "iso3": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id"), ("statement_id", "statements", "id"),
                              ("comment_id", "comments", "id")])
    db["pairs"].create({
        "document_id": int, "a": str, "b": str, "kind": str, "sentence": int, "paragraph": int,
        "statement_id": int, "source": str,
    }, foreign_keys=[("document_id", "documents", "id"), ("statement_id", "statements", "id")])
    db["actors"].create({
        "id": int, "name": str, "kind": str, "country": str, "aliases": str,
    }, pk="id")
    db["actors"].create_index(["name", "kind"], unique=True)
    for table, cols in {
        "segments": ["document_id"], "comments": ["document_id"], "statements": ["document_id"],
        "mentions": ["document_id"], "pairs": ["document_id"],
    }.items():
        db[table].create_index(cols)
    db["statements"].create_index(["speaker_country"])
    db["statements"].create_index(["speaker"])
    db["statements"].create_index(["comment_id"])
    db["mentions"].create_index(["kind", "name"])
    db["mentions"].create_index(["statement_id"])
    db["pairs"].create_index(["a", "b"])
    db["statements"].enable_fts(["text", "speaker"], create_triggers=True, tokenize="porter")
    db["comments"].enable_fts(["text", "author"], create_triggers=True, tokenize="porter")
    db.create_view("statements_view", """
        select statements.id, documents.title as document, documents.path, statements.kind, statements.source,
               statements.speaker, statements.speaker_country, statements.stance, statements.stance_score,
               statements.cue, statements.text
        from statements join documents on documents.id = statements.document_id
    """)


@migration
def m002_formats(db: sqlite_utils.Database):
    """Author and source address of a document, from HTML metadata or CSV/JSON fields."""
    db["documents"].add_column("author", str)
    db["documents"].add_column("url", str)


class Corrupt(DatabaseError):
    def __init__(self, path, detail: str = "database disk image is malformed"):
        super().__init__(f"{path} is corrupt ({detail}); nothing was changed. Recover what it holds with "
                         f"'sqlite3 {path} .recover | sqlite3 recovered.db'")


class ReadOnly(DatabaseError):
    pass


class Locked(DatabaseError):
    pass


class DiskFull(DatabaseError):
    pass


def explain(e: sqlite3.Error, path) -> DatabaseError:
    """The one-line error to show for an SQLite error on the database at ``path``."""
    msg = str(e)
    if "malformed" in msg or ("not a database" in msg and _has_sqlite_header(path)):
        return Corrupt(path, msg)
    if "readonly" in msg or "read-only" in msg or (
            "unable to open" in msg and Path(path).exists() and not _writable(Path(path))):
        return ReadOnly(f"cannot write to {path}: it is read-only (queries still work)")
    if "locked" in msg or "busy" in msg:
        return Locked(f"{path} is locked by another process that writes to it; try again when it is done")
    if "full" in msg or "disk I/O" in msg:
        return DiskFull(f"cannot write to {path}: {msg} (no space left, or a file size limit); "
                        "every document written before this one is whole")
    return DatabaseError(f"{path}: {msg}")


def _has_sqlite_header(path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def import_sqlite_utils():
    """The sqlite_utils module, imported without pandas.

    sqlite_utils imports pandas whenever it is installed, only to map ``pandas.Timestamp`` to a column
    type, which nothing here inserts: 0.5 s of every ingest, export or label command on a machine with
    pandas (most analysts' machines).  While sqlite_utils loads, ``import pandas`` fails as if it were
    absent; pandas stays importable afterwards.  Where pandas is already loaded, nothing changes.
    """
    import sys

    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        import sqlite_utils

        return sqlite_utils
    sys.modules["pandas"] = None  # type: ignore[assignment]  # "import pandas" raises ImportError
    try:
        import sqlite_utils
    finally:
        del sys.modules["pandas"]
    return sqlite_utils


def connect(path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """Open the database; with ``create=False`` a missing file raises NoDatabase (and creates nothing)."""
    path = Path(path)
    if not create and not path.exists():
        raise NoDatabase(path)
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    sqlite_utils = import_sqlite_utils()

    try:
        if path.exists() and path.stat().st_size:
            check_intact(path)
        db = sqlite_utils.Database(path)
        db.execute(f"pragma busy_timeout = {BUSY_MS}")
        if create or path.stat().st_size:
            # switching to WAL (or reading that it is on) takes a lock: a second ingest that opens the new file
            # while the first one writes its schema waits for it as a transaction does, instead of failing
            # after BUSY_MS
            waiting(db.conn, "pragma journal_mode = wal")
        migrate(db)
    except DatabaseError:
        raise
    except sqlite3.Error as e:
        raise _not_ours(e, path) from None
    return db


def check_intact(path: Path) -> None:
    """Raise Corrupt when SQLite's quick check finds damaged pages in the file (it only reads)."""
    try:
        con = _read_only(path)
        try:
            problems = [r[0] for r in con.execute("pragma quick_check(3)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        if "malformed" in str(e) or ("not a database" in str(e) and _has_sqlite_header(path)):
            raise Corrupt(path, str(e)) from None
        return  # cannot tell from here (not SQLite, locked, unreadable): the real open will say
    if problems != ["ok"]:
        raise Corrupt(path, "; ".join(problems)[:200])


#: How long a writer waits quietly for another one (ms), and then, after saying so, how long in all (s).
BUSY_MS = 2000
WAIT_S = 600


def waiting(con: sqlite3.Connection, sql: str, on_wait: Callable[[], None] | None = None) -> None:
    """Run ``sql``, which takes the write lock; when another writer holds it past BUSY_MS, call ``on_wait``
    once (to say so), then wait up to WAIT_S in all before raising SQLite's 'database is locked'. SQLite
    answers 'locked' at once, without waiting, where waiting could deadlock (a journal mode switch while
    another connection writes), so the statement is tried again until the time is up."""
    try:
        con.execute(sql)
        return
    except sqlite3.OperationalError as e:
        if "locked" not in str(e) and "busy" not in str(e):
            raise
    if on_wait is not None:
        on_wait()
    deadline = time.monotonic() + WAIT_S
    con.execute(f"pragma busy_timeout = {WAIT_S * 1000}")
    try:
        while True:
            try:
                con.execute(sql)
                return
            except sqlite3.OperationalError as e:
                if ("locked" not in str(e) and "busy" not in str(e)) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
    finally:
        con.execute(f"pragma busy_timeout = {BUSY_MS}")


@contextlib.contextmanager
def transaction(db, on_wait: Callable[[], None] | None = None):
    """One write transaction, begun with ``BEGIN IMMEDIATE`` so that two writers queue up instead of
    failing half-way with 'database is locked'.  A writer that waits longer than BUSY_MS calls
    ``on_wait`` once (to say so), then waits up to WAIT_S before raising Locked."""
    con = db.conn if hasattr(db, "conn") else db
    if con.in_transaction:  # nested: part of the caller's transaction
        with db.atomic():
            yield db
        return
    waiting(con, "begin immediate", on_wait)
    try:
        yield db
    except BaseException:
        if con.in_transaction:
            con.execute("rollback")
        raise
    else:
        try:
            con.execute("commit")
        except BaseException:
            if con.in_transaction:
                con.execute("rollback")
            raise


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in order; refuse a database from a newer version of the tool.

    Each migration runs in a write transaction that first checks again whether another process
    applied it meanwhile, so two ingests that open a new database at once do not collide.
    """
    known = {name for name, _ in MIGRATIONS}
    try:
        done = {r[0] for r in db.execute("select name from _migrations").fetchall()}
    except sqlite3.OperationalError:
        done = set()
    if done - known:
        raise DatabaseError(
            f"this database was written by a newer version of alliancecli (migrations {sorted(done - known)}); "
            "upgrade alliancecli to read it")
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with transaction(db):
            db.execute("create table if not exists _migrations (name text primary key, applied_at text)")
            if db.execute("select 1 from _migrations where name = ?", [name]).fetchone():
                continue
            fn(db)
            db["_migrations"].insert({"name": name, "applied_at": _now()})
        applied.append(name)
    return applied


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def document_state(db: sqlite_utils.Database, path: str) -> tuple[int, str] | None:
    row = db.execute("select id, sha256 from documents where path = ?", [path]).fetchone()
    return (row[0], row[1]) if row else None


DERIVED = ("pairs", "mentions", "acts", "statements", "comments", "segments")

_PART = re.compile(r"#part-\d+$")


def file_of(path: str) -> str:
    """The file a document path belongs to: ``big.txt`` for ``big.txt#part-3``, else the path itself."""
    return _PART.sub("", path)


def delete_document(db: sqlite_utils.Database, doc_id: int):
    for table in DERIVED:
        db.execute(f"delete from [{table}] where document_id = ?", [doc_id])
    db.execute("delete from documents where id = ?", [doc_id])


@dataclass
class DocumentRows:
    """Everything derived from one document, ready to insert (ids are local indexes)."""

    document: dict
    segments: list[dict]
    comments: list[dict]  # with "_parent" = local index of the parent comment or None
    statements: list[dict]  # with "_comment" = local comment index or None
    mentions: list[dict]  # with "_statement" / "_comment" local indexes
    pairs: list[dict]  # with "_statement"
    acts: list[dict] = field(default_factory=list)


def insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict]) -> int | None:
    """Insert ``rows`` (dicts of column to value) into ``table``; the row id of the last one.

    Plain ``INSERT`` statements, one per run of rows with the same columns, where ``Table.insert``
    would list the tables and build its query again for every row: the writer takes each document's
    rows in one transaction, and this halves its time.  The schema is this module's (``merge`` copies rows
    with it too).
    """
    last = None
    for cols, group in itertools.groupby(rows, key=lambda r: tuple(r)):
        sql = "insert into [{}] ({}) values ({})".format(table, ", ".join(f"[{c}]" for c in cols),
                                                          ", ".join("?" * len(cols)))
        for r in group:
            last = db.conn.execute(sql, [r[c] for c in cols]).lastrowid
    return last


def write_document(db: sqlite_utils.Database, rows: DocumentRows, replace_id: int | None = None,
                   on_wait: Callable[[], None] | None = None) -> int | None:
    """Insert one document and its rows in a single transaction, replacing an older version.

    What the caller saw before (``replace_id``) is checked again inside the transaction, since
    another ingest may have written the same document, or the same text under another path,
    meanwhile: then nothing is written and None is returned.
    """
    path, sha = rows.document["path"], rows.document["sha256"]
    with transaction(db, on_wait):
        state = document_state(db, path)
        if state is not None and state[1] == sha:
            return None
        if state is None and document_with_text(db, sha, path) is not None:
            return None
        replace_id = state[0] if state else None
        if replace_id is not None:
            delete_document(db, replace_id)
        mark_stale(db)
        doc_id = insert_rows(db, "documents", [rows.document])
        comment_ids: list[int] = []
        for c in rows.comments:
            parent = c.pop("_parent")
            c["document_id"] = doc_id
            c["parent_id"] = comment_ids[parent] if parent is not None else None
            comment_ids.append(insert_rows(db, "comments", [c]))
        # in reading order, so that statement ids follow (document, start): queries list statements
        # by id, which their indexes deliver already sorted
        statement_ids: list[int] = [0] * len(rows.statements)
        for i in sorted(range(len(rows.statements)), key=lambda i: rows.statements[i]["start"]):
            s = rows.statements[i]
            ci = s.pop("_comment")
            s["document_id"] = doc_id
            s["comment_id"] = comment_ids[ci] if ci is not None else None
            statement_ids[i] = insert_rows(db, "statements", [s])
        for seg in rows.segments:
            seg["document_id"] = doc_id
        insert_rows(db, "segments", rows.segments)
        for m in rows.mentions:
            si, ci = m.pop("_statement"), m.pop("_comment")
            m["document_id"] = doc_id
            m["statement_id"] = statement_ids[si] if si is not None else None
            m["comment_id"] = comment_ids[ci] if ci is not None else None
        insert_rows(db, "mentions", rows.mentions)
        for p in rows.pairs:
            si = p.pop("_statement")
            p["document_id"] = doc_id
            p["statement_id"] = statement_ids[si] if si is not None else None
        insert_rows(db, "pairs", rows.pairs)
        for a in rows.acts:
            a["document_id"] = doc_id
        insert_rows(db, "acts", rows.acts)
        if db["labels"].exists():
            apply_labels(db, doc_id)
    return doc_id


def refresh_actors(db: sqlite_utils.Database, overrides: list | None = None):
    """Rebuild the actors table from mentions and statements across the whole corpus.

    Each person mention keeps the name its own document gives (``doc_name``); across the
    corpus those names are joined into one canonical name per person
    (:func:`alliancecli.entities.join_people`: a surname alone takes the one full name that
    fits it, spelling variants and typos join), then the user's rules apply: the ones stored
    by earlier runs and ``overrides`` (a list of :class:`alliancecli.overrides.Rule`), which
    are stored for later runs.  ``mentions.name``, ``statements.speaker`` and
    ``speaker_country`` are rewritten to match.  The country a person acts for is the one
    the corpus states most often, unless a rule sets it.
    """
    from . import entities
    from . import overrides as ov

    with transaction(db):
        db.execute("delete from _state where key = 'derived'")
        db.execute("drop table if exists temp._country_before")
        db.execute("""create temp table _country_before as select id, document_id, start, speaker_country as country,
                      speaker_kind as skind from statements""")
        resolve_roles(db)
        for rule in overrides or []:
            db["actor_overrides"].insert({**rule.to_row(), "added_at": _now()})
        rules = [ov.Rule.from_row(r) for r in db.query("select * from actor_overrides order by id")]
        counts: dict[str, int] = {}
        documents: dict[str, set] = {}
        for name, doc_id, n in db.execute("""
                select doc_name, document_id, count(*) from mentions
                where kind = 'person' and doc_name is not null group by 1, 2
                union all
                select speaker_doc_name, document_id, 0 from statements
                where speaker_kind = 'person' and speaker_doc_name is not null group by 1, 2"""):
            counts[name] = counts.get(name, 0) + n
            documents.setdefault(name, set()).add(doc_id)
        titles: dict[str, set] = {}  # the titles the corpus writes before each name ('President Biden')
        for name, before in db.execute("""
                select m.doc_name, substr(d.text, max(1, m.start - 39), m.start - max(0, m.start - 40))
                from mentions m join documents d on d.id = m.document_id
                where m.kind = 'person' and m.doc_name is not null"""):
            title = entities.title_before(before or "")
            if title:
                titles.setdefault(name, set()).add(title)
        split = ov.split_names(rules)
        mapping = entities.join_people(counts, documents, keep_apart=set(split), titles=titles)
        mapping.update({local: split[local] for local in mapping if local in split})
        mapping = ov.resolve(mapping, rules)
        name_known_people(db, mapping)
        db.execute("drop table if exists temp._actor_names")
        db.execute("create temp table _actor_names (old text primary key, new text)")
        db.conn.executemany("insert into temp._actor_names values (?, ?)", list(mapping.items()))
        db.execute("""update mentions set name = r.new from temp._actor_names r
                      where mentions.kind = 'person' and r.old = mentions.doc_name and mentions.name != r.new""")
        for table in ("statements", "acts"):
            db.execute(f"""update {table} set speaker = r.new from temp._actor_names r
                           where {table}.speaker_kind = 'person' and r.old = {table}.speaker_doc_name
                           and {table}.speaker != r.new""")
        for alias, name in split.items():  # a written form split off wherever it was joined
            db.execute("update mentions set name = ? where kind = 'person' and text = ?", [name, alias])
            db.execute("update statements set speaker = ? where speaker_kind = 'person' and speaker_text = ?",
                       [name, alias])
        for rule in rules:  # other speakers (organizations, unnamed) by name
            if rule.action in ("merge", "rename"):
                for alias in rule.aliases:
                    db.execute("update statements set speaker = ? where speaker = ? and kind != 'comment' "
                               "and coalesce(speaker_kind, '') != 'person'", [rule.name, alias])
        db.execute("drop table temp._actor_names")
        bodies_named_as_people(db, titles)

        db.execute("delete from actors")
        rows = {}
        for name, kind, text, local in db.execute(
                "select name, kind, text, doc_name from mentions group by name, kind, text, doc_name"):
            a = rows.setdefault((name, kind), {"name": name, "kind": kind, "country": None, "aliases": set()})
            a["aliases"].update(x for x in (text, local) if x)
        for name, country in db.execute("""
                select name, country from mentions where kind = 'person' and country is not null
                group by name, country order by count(*) desc, country"""):
            a = rows.get((name, "person"))
            if a is not None and a["country"] is None:
                a["country"] = country
        for name, country in db.execute("""
                select name, country from mentions where kind = 'place' group by name, country"""):
            rows[(name, "place")]["country"] = country
        for (name, kind), a in rows.items():
            if kind in ("country", "bloc"):
                a["country"] = name if kind == "country" else None
        for name, skind, country, local in db.execute("""
                select speaker, speaker_kind, max(speaker_country), group_concat(distinct speaker_doc_name)
                from statements where speaker is not null and kind != 'comment' group by speaker, speaker_kind"""):
            kind = {"person": "person", "unnamed": "unnamed", "organization": "organization"}.get(skind)
            if kind and (name, kind) not in rows and (name, "person") not in rows:
                rows[(name, kind)] = {"name": name, "kind": kind, "country": country,
                                      "aliases": {name, *(local.split(",") if local and kind == "person" else [])}}
        country_rules = {r.name: r.country for r in rules if r.action == "country"}
        for a in rows.values():
            if a["kind"] not in ("country", "bloc") and a["name"] in country_rules:
                a["country"] = country_rules[a["name"]]
            a["aliases"] = json.dumps(sorted(a["aliases"]), ensure_ascii=False)
        db["actors"].insert_all(rows.values())
        for name, country in country_rules.items():
            db.execute("update statements set speaker_country = ? where speaker = ? and kind != 'comment'",
                       [country, name])
        db.execute("""
            update statements set speaker_country = (
                select country from actors where actors.name = statements.speaker and actors.kind = 'person')
            where speaker_country is null and speaker_kind = 'person' and kind != 'comment'""")
        restance_changed_countries(db)
        refresh_counts(db)


def bodies_named_as_people(db: sqlite_utils.Database, titles: dict[str, set]) -> int:
    """A person name that a document of the corpus describes as a body ('oil giant Yukos', 'the rock band Deep
    Purple') or writes with a number as a project's or a product's ('Nord Stream 2'), stored as a mention of kind
    ``organization``, names that body in the other documents too ('Yukos said it would appeal', 'Nord Stream is a
    weapon'), unless a title or role is written before it somewhere (``titles``: 'coach Ferguson'), a word of it is
    a given name (:func:`entities.any_given_name`: 'Michael Collins' the film is also the man), or a one-word name is
    the surname of a person the corpus names in full (the band Keane and the footballers Roy and Robbie Keane). Its
    person mentions become organization mentions and its statements an organization's. Returns the number of
    names."""
    from . import entities

    named = {r[0] for r in db.execute("""select distinct m.name from mentions m where m.kind = 'person'
                                         and exists (select 1 from mentions o
                                         where o.kind = 'organization' and o.text = m.name)""")}
    locals_of: dict[str, set] = {}
    for name, local in db.execute("select distinct name, doc_name from mentions where kind = 'person'"):
        locals_of.setdefault(name, set()).add(local)
    surnames = {r[0].split()[-1] for r in db.execute(
        "select distinct name from mentions where kind = 'person' and name like '% %'")}
    bodies = sorted(n for n in named if not any(entities.any_given_name(w) for w in n.split())
                    and (" " in n or n not in surnames) and not any(titles.get(x) for x in locals_of.get(n, ())))
    for name in bodies:
        db.execute("""update mentions set kind = 'organization', doc_name = null, country = null
                      where kind = 'person' and name = ?""", [name])
        db.execute("""update statements set speaker_kind = 'organization', speaker_doc_name = null
                      where speaker_kind = 'person' and speaker = ? and kind != 'comment'""", [name])
        db.execute("""update acts set speaker_kind = 'organization', speaker_doc_name = null
                      where speaker_kind = 'person' and speaker = ?""", [name])
    return len(bodies)


def restance_changed_countries(db: sqlite_utils.Database) -> int:
    """Classify again the statements whose speaker's country this refresh changed (in its transaction), and every
    statement of a document whose speakers' sides it changed: the stance rules read the speaker's side ('our
    partners' of a Ukrainian speaker name Ukraine) and the document's topic, whose sides are the countries of its
    person speakers (:func:`alliancecli.stance.document_topic`); at ingest a speaker's country and kind are what their
    own document says, before the corpus names them ('the Head of State' resolved to a person). So a statement reads
    the same after the refresh as :func:`alliancecli.stance_model.reapply` would read it. A human label is untouched
    (it is another column). Returns how many were classified."""
    from . import stance, stance_model

    def sides(rows) -> dict[int, list]:
        out: dict[int, list] = {}
        for doc_id, _, country, skind in sorted(rows, key=lambda r: (r[0], r[1])):
            if country and skind == "person":
                out.setdefault(doc_id, []).append(country)
        return out

    before = sides(db.execute("select document_id, start, country, skind from temp._country_before"))
    after = sides(db.execute("""select document_id, start, speaker_country, speaker_kind from statements
                                where id in (select id from temp._country_before)"""))
    moved = sorted(d for d in before.keys() | after.keys() if before.get(d) != after.get(d))
    ids = {r[0] for r in db.execute("""
        select s.id from statements s join temp._country_before b on b.id = s.id
        where s.kind != 'comment' and coalesce(s.speaker_country, '') != coalesce(b.country, '')""")}
    for i in range(0, len(moved), 500):
        chunk = moved[i:i + 500]
        ids.update(r[0] for r in db.execute(
            f"select id from statements where document_id in ({','.join('?' for _ in chunk)})", chunk))
    db.execute("drop table temp._country_before")
    if ids:
        stance_model.reclassify(db, sorted(ids), stance.use(stance_model_in_use(db)))  # the database's classifier
    return len(ids)


@migration
def m003_perf(db: sqlite_utils.Database):
    """Indexes that follow the query plans, and actor counts kept in the actors table."""
    # who-said --country / --about and statements --pair find statements through the names they mention
    db["mentions"].create_index(["name", "statement_id"], if_not_exists=True)
    # pairs (sentence level) is one ordered scan of this covering index, grouped by (a, b)
    db["pairs"].create_index(["kind", "a", "b", "document_id", "statement_id", "source"], if_not_exists=True)
    cols = db["actors"].columns_dict
    for col in ("mentions", "statements"):
        if col not in cols:
            db["actors"].add_column(col, int)
    refresh_counts(db)


def refresh_counts(db):
    """Store each actor's mention and statement counts (``actors`` lists them without counting at query time).

    Called at the end of every ingest that changed something (by :func:`refresh_actors`);
    call it after changing ``mentions`` or ``statements`` any other way.
    """
    db.execute("""
        update actors set
            mentions = (select count(*) from mentions m where m.name = actors.name and m.kind = actors.kind),
            statements = coalesce((select n from (
                select speaker, count(*) as n from statements where kind != 'comment' group by speaker
            ) c where c.speaker = actors.name), 0)""")


class Connection(sqlite3.Connection):
    """A plain sqlite3 connection that turns into a ``sqlite_utils.Database`` only when asked.

    Queries need nothing but ``execute``; importing sqlite_utils would double the start-up
    time of every query command.  ``db["table"]``, ``db.query(...)`` and any other
    ``sqlite_utils.Database`` attribute still work: they build the wrapper on first use.
    """

    _su = None

    _building = False

    def _database(self):
        if self._su is None:
            sqlite_utils = import_sqlite_utils()

            self._building = True  # sqlite_utils probes the connection's own attributes meanwhile
            try:
                self._su = sqlite_utils.Database(self)
            finally:
                self._building = False
        return self._su

    def __getitem__(self, name):
        return self._database()[name]

    def __getattr__(self, name):
        if name.startswith("__") or self._building:
            raise AttributeError(name)
        return getattr(self._database(), name)


def connect_read(path: str | Path) -> Connection:
    """Open an existing database for the query commands, without importing sqlite_utils.

    A query never writes, except to apply pending migrations to an alliance database from an
    older version (through :func:`connect`, which imports sqlite_utils, only then).  A missing
    file raises NoDatabase; an empty file, or one that is not an alliance database, raises
    DatabaseError; a read-only file (or one in a read-only folder) is opened read-only.
    """
    path = Path(path)
    if not path.exists():
        raise NoDatabase(path)
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    try:
        if path.stat().st_size == 0:
            raise DatabaseError(f"{path} is an empty file, not an alliance database: "
                                "run 'alliance ingest DIR' to build one")
        con = _read_connection(path)
        try:
            done = {r[0] for r in con.execute("select name from _migrations")}
        except sqlite3.OperationalError as e:
            if "no such table" not in str(e):
                raise
            con.close()
            raise DatabaseError(f"{path} is not an alliance database (it has no _migrations table)") from None
        known = {name for name, _ in MIGRATIONS}
        if done != known:
            con.close()
            connect(path).close()  # migrates, or raises for a newer database / not a database
            con = _read_connection(path)
    except DatabaseError:
        raise
    except sqlite3.DatabaseError as e:
        raise _not_ours(e, path) from None
    return con


def _not_ours(e: sqlite3.Error, path) -> Exception:
    """The error to raise for ``e`` met while opening ``path``: a plain database error means the file is
    no alliance database; anything :func:`explain` knows (locked, read-only, full) keeps its own message."""
    err = explain(e, path)
    if type(err) is DatabaseError:
        return DatabaseError(f"{path} is not an alliance database ({e})")
    return err


def _read_only(path: Path, factory=sqlite3.Connection) -> sqlite3.Connection:
    """A read-only connection; where even that fails (a WAL database in a folder we cannot write, with
    no -shm file), the file is read as immutable: nobody can be writing it then either."""
    uri = Path(path).resolve().as_uri()
    con = sqlite3.connect(f"{uri}?mode=ro", uri=True, factory=factory)
    try:
        con.execute("select count(*) from sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError:
        con.close()
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, factory=factory)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


def _read_connection(path: Path) -> Connection:
    if _writable(path):
        con = sqlite3.connect(path, factory=Connection)
    else:
        con = _read_only(path, factory=Connection)
    con.execute("pragma busy_timeout = 10000")
    # read pages straight from the OS cache: queries that fetch thousands of rows by id spend much of
    # their time in read() calls otherwise
    con.execute("pragma mmap_size = 1073741824")
    return con


@migration
def m004_stance(db: sqlite_utils.Database):
    """Human stance labels that survive re-ingest, the trained stance models, and browsing views.

    A label is keyed by the document's path and the statement's exact text, not by the
    statement id, which changes when a changed document is ingested again.  Labels
    imported from a file that match no statement keep the file's name and row id as path.
    """
    db["labels"].create({
        "id": int, "path": str, "text": str, "label": str, "origin": str, "ref": str, "labelled_at": str,
    }, pk="id")
    db["labels"].create_index(["path", "text"], unique=True)
    db["labels"].create_index(["text"])
    db["stance_models"].create({
        "id": int, "path": str, "trained_at": str, "labels": int, "classes": str,
    }, pk="id")
    db.execute("drop view if exists statements_view")
    db.create_view("statements_view", """
        select statements.id, documents.title as document, documents.path, documents.date, statements.kind,
               statements.source, statements.speaker, statements.speaker_country,
               coalesce(statements.label, statements.stance) as stance, statements.label,
               statements.stance as predicted, statements.stance_score, statements.stance_evidence,
               statements.stance_target, statements.cue, statements.posted, statements.text,
               statements.document_id, statements.comment_id
        from statements join documents on documents.id = statements.document_id
    """)


def apply_labels(db: sqlite_utils.Database, document_id: int | None = None) -> int:
    """Copy human labels onto the statements they belong to (one document, or all); returns how many carry one.

    A label belongs to the statement with its text in a document with its content hash, in any
    database; and, in the database it was set in, to the same words after the file changed."""
    where, params = "", []
    if document_id is not None:
        where, params = " where statements.document_id = ?", [document_id]
    db.execute(f"""
        update statements set label = (
            select l.label from labels l join documents d on d.sha256 = l.sha256 or d.path = l.path
            where d.id = statements.document_id and l.text = statements.text order by l.id desc limit 1){where}""",
               params)
    sql = "select count(*) from statements where label is not null"
    return db.execute(sql + (" and document_id = ?" if params else ""), params).fetchone()[0]


def documents_of_file(db: sqlite_utils.Database, path: str) -> dict[str, int]:
    """{document path: id} for the file ``path`` itself and its parts (``path#part-N``)."""
    prefix = path + "#part-"
    rows = db.execute("select path, id from documents where path = ? or substr(path, 1, ?) = ?",
                      [path, len(prefix), prefix])
    return dict(rows.fetchall())


@migration
def m005_actors(db: sqlite_utils.Database):
    """Keep the name each document gives a person, so corpus-wide joining can be redone, and
    store the user's actor overrides (merge, rename, split, country) for later ingests."""
    db["mentions"].add_column("doc_name", str)
    db["statements"].add_column("speaker_doc_name", str)
    db.execute("update mentions set doc_name = name where kind = 'person'")
    db.execute("update statements set speaker_doc_name = speaker where speaker_kind = 'person'")
    db["actor_overrides"].create({
        "id": int, "action": str, "name": str, "aliases": str, "country": str, "added_at": str,
    }, pk="id")


@migration
def m006_text_hash_index(db: sqlite_utils.Database):
    """Find a document by its text's hash: the same text under another path is not a new document."""
    db["documents"].create_index(["sha256"], if_not_exists=True)


def document_with_text(db: sqlite_utils.Database, sha256: str, path: str | None = None) -> str | None:
    """The path of a stored document with exactly this text (by hash), if there is one.

    With ``path``, parts of the same file do not count: a file whose parts repeat (a line of
    one character, cut every 100,000) keeps every part.
    """
    own = file_of(path) if path is not None else None
    for (other,) in db.execute("select path from documents where sha256 = ? order by id limit 100", [sha256]):
        if own is None or file_of(other) != own:
            return other
    return None


@migration
def m007_speaker_role(db: sqlite_utils.Database):
    """The role a speaker mention names ('the President' -> 'president'), so that a role left unresolved in
    one document can take the person the other documents of its source tie to it (:func:`resolve_roles`)."""
    db["statements"].add_column("speaker_role", str)


def source_of(path: str, url: str | None) -> str:
    """Where a document comes from: the site of its address, else the file holding it (a CSV or JSON file
    with many documents), else its folder."""
    if url:
        from urllib.parse import urlsplit

        host = urlsplit(url).netloc
        if host:
            return host.lower().removeprefix("www.")
    if "#" in path:
        return path.split("#", 1)[0]
    return str(Path(path).parent)


#: the share of a source's documents that must tie a role to one person (:func:`resolve_roles`)
TIE_SHARE = 0.9


def name_known_people(db: sqlite_utils.Database, mapping: dict[str, str]) -> int:
    """A speaker written as one word that the model tagged as no entity in its own document ('"…,"
    Zelenskyy said.') is a person where the corpus writes that word for a person in two documents or more
    and the corpus join (``mapping``, from :func:`alliancecli.entities.join_people`) gives it one full
    name: the statement is then that person's. Names the model tagged as an organisation stay so: on BBC
    News those were as often a club or a company that shares a person's surname ("Blackburn have said",
    "Fox has said") as the person. Returns the number of statements changed."""
    written = dict(db.execute("""select text, count(distinct document_id) from mentions
                                 where kind = 'person' group by text""").fetchall())
    changed = 0
    for (name,) in db.execute("""select distinct speaker from statements where speaker_kind = 'unnamed'
                                 and kind != 'comment' and speaker is not null""").fetchall():
        if len(name.split()) == 1 and written.get(name, 0) >= 2 and len(mapping.get(name, "").split()) >= 2:
            changed += db.execute("""update statements set speaker_kind = 'person', speaker_doc_name = speaker
                                     where speaker = ? and speaker_kind = 'unnamed' and kind != 'comment'""",
                                  [name]).rowcount
    return changed


def resolve_roles(db: sqlite_utils.Database) -> int:
    """Resolve role speakers that their own document leaves open ('the Head of State' in a release that names
    no one with that role) to the person every other document of the same source ties to that role.

    A tie needs two documents or more that resolve the role to one person, and nine in ten of the documents
    of the source that resolve the role at all (a document that names only a visiting president, or a name
    taken for a person by mistake, does not undo what hundreds of others say). The open roles of a group
    ('Joint statement by the President of Ukraine, the President of …') are resolved member by member.
    Returns the number of statements resolved."""
    docs = {i: source_of(p, u) for i, p, u in db.execute(
        "select id, path, url from documents where id in (select document_id from statements "
        "where speaker_role is not null)")}
    from .quotes.speakers import GROUP_ROLES, role_string

    held: dict[tuple[str, str], dict[str, set[int]]] = {}
    sides: dict[tuple[str, str], Counter] = {}  # (source, person) -> the countries their resolved statements give
    open_: list[tuple[int, str, str]] = []
    groups: list[tuple[int, str, str, str]] = []
    for sid, doc_id, role, kind, name, speaker, country in db.execute(
            "select id, document_id, speaker_role, speaker_kind, speaker_doc_name, speaker, speaker_country "
            "from statements where speaker_role is not null"):
        key = (docs[doc_id], role)
        if kind == "person" and name:
            held.setdefault(key, {}).setdefault(name, set()).add(doc_id)
            if country:
                sides.setdefault((docs[doc_id], name), Counter())[country] += 1
        elif kind == "role":
            open_.append((sid, *key))
        elif kind == "group" and speaker:  # 'President of Ukraine and President of …': each open member
            groups.append((sid, docs[doc_id], role, speaker))

    def tie(source: str, role: str) -> str | None:
        people = held.get((source, role), {})
        if not people:
            return through_country(source, role)
        name, documents = max(people.items(), key=lambda p: len(p[1]))
        total = len(set().union(*people.values()))
        return name if len(documents) >= 2 and len(documents) >= TIE_SHARE * total else None

    def through_country(source: str, role: str) -> str | None:
        """'the Ukrainian Head of State' that no document ties as such: the person the source ties to 'the Head
        of State', where that person acts for the country the role names (a country is the one capitalised
        modifier of a role key: 'head|Ukraine,state')."""
        head, _, mods = role.partition("|")
        words = mods.split(",") if mods else []
        countries = [w for w in words if w[:1].isupper()]
        if len(countries) != 1:
            return None
        name = tie(source, role_string((head, frozenset(words) - set(countries))))
        return name if name is not None and side(source, name) == countries[0] else None

    def side(source: str, name: str) -> str | None:
        """The country the person's resolved statements give most, not the one the open role was read with
        ('the presidents of Poland and Lithuania' introduced the role the release's own president then holds)."""
        counts = sides.get((source, name))
        return counts.most_common(1)[0][0] if counts else None

    updates = [(name, name, side(source, name), sid) for sid, source, role in open_ if (name := tie(source, role))]
    db.conn.executemany("update statements set speaker = ?, speaker_doc_name = ?, speaker_kind = 'person', "
                        "speaker_country = ? where id = ?", updates)
    regrouped = []
    for sid, source, roles, speaker in groups:
        members, member_roles = speaker.split(" and "), roles.split(GROUP_ROLES)
        if len(members) != len(member_roles):
            continue
        named = [(tie(source, r) if r else None) or m for m, r in zip(members, member_roles)]
        if named != members:
            regrouped.append((" and ".join(named), sid))
    db.conn.executemany("update statements set speaker = ? where id = ?", regrouped)
    return len(updates) + len(regrouped)


@migration
def m008_state(db: sqlite_utils.Database):
    """A place for flags about the whole database: 'derived' = 'stale' while actors and counts lag
    behind the documents (an ingest was killed between its last document and their rebuild)."""
    db.execute("create table if not exists _state (key text primary key, value text)")


def mark_stale(db) -> None:
    db.execute("insert or replace into _state (key, value) values ('derived', 'stale')")


def derived_stale(db) -> bool:
    """True when the actors table and counts must be rebuilt from the documents."""
    try:
        row = db.execute("select value from _state where key = 'derived'").fetchone()
    except sqlite3.OperationalError:
        return False
    return bool(row) and row[0] == "stale"


@migration
def m009_quoted_comment(db: sqlite_utils.Database):
    """The thread path of the comment a "Quote: NAME" block quotes, when it is in the thread: its words are
    that comment's statement, not a second one."""
    db["comments"].add_column("quotes_path", str)


@migration
def m010_stance_target(db: sqlite_utils.Database):
    """Stance with a target, evidence offsets and the classifier that decided it; labels keyed by content.

    ``stance_spans`` is a JSON list of [start, end] offsets into the statement's own text;
    ``stance_parties`` the countries and blocs of the target, separated by ``|``;
    ``stance_classifier``/``stance_version`` name the classifier that decided.  A label
    is now keyed by the document's content hash and the statement's text, so that it
    applies to the same statement in any database (and after a document moves).
    """
    for col in ("stance_spans", "stance_target_kind", "stance_parties", "stance_classifier", "stance_version"):
        db["statements"].add_column(col, str)
    db.execute("update statements set stance_classifier = 'rules', stance_version = '1'")
    db["labels"].add_column("sha256", str)
    db.execute("update labels set sha256 = (select d.sha256 from documents d where d.path = labels.path)")
    db.execute("drop index if exists idx_labels_path_text")
    db["labels"].create_index(["sha256", "text"])
    for col, kind in (("classifier_version", str), ("cv_model", str), ("cv_rules", str), ("in_use", int)):
        db["stance_models"].add_column(col, kind)
    db.execute("update stance_models set in_use = 0")


@migration
def m011_acts(db: sqlite_utils.Database):
    """Acts aimed at a target that the learned frames attribute ("X criticized the deal", "Y thanked Z"): who did
    what to whom, kept apart from the statements, since nothing in them is said."""
    db["acts"].create({
        "id": int, "document_id": int, "text": str, "start": int, "end": int, "speaker": str,
        "speaker_start": int, "speaker_end": int, "speaker_text": str, "speaker_kind": str,
        "speaker_country": str, "cue": str, "frame": str, "speaker_doc_name": str,
    }, pk="id", foreign_keys=[("document_id", "documents", "id")], if_not_exists=True)
    db["acts"].create_index(["document_id"], if_not_exists=True)
    db["acts"].create_index(["speaker"], if_not_exists=True)


def stance_model_in_use(db: sqlite_utils.Database) -> str | None:
    """The path of the trained stance model that replaced the rules (``stance train``), if it still exists."""
    if not db["stance_models"].exists() or "in_use" not in db["stance_models"].columns_dict:
        return None
    row = db.execute("select path from stance_models where in_use = 1 order by id desc limit 1").fetchone()
    return row[0] if row and Path(row[0], "config.cfg").exists() else None
