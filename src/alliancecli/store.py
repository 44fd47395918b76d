"""The SQLite database: schema, migrations, and writing one document at a time.

Every document, with everything derived from it, is written in one transaction, so
an interrupted ingest never leaves half a document behind.  The schema follows the
contract in the project README (documents, segments, comments, statements,
mentions) and adds actors, pair counts and full-text search.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
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


def connect(path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """Open the database; with ``create=False`` a missing file raises NoDatabase (and creates nothing)."""
    path = Path(path)
    if not create and not path.exists():
        raise NoDatabase(path)
    import sqlite_utils

    try:
        db = sqlite_utils.Database(path)
        db.execute("pragma busy_timeout = 10000")
        if create or path.stat().st_size:
            db.enable_wal()
        migrate(db)
    except sqlite3.DatabaseError as e:
        raise DatabaseError(f"{path} is not an alliance database ({e})") from None
    return db


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in order; refuse a database from a newer version of the tool."""
    db.execute("create table if not exists _migrations (name text primary key, applied_at text)")
    done = {r[0] for r in db.execute("select name from _migrations").fetchall()}
    known = {name for name, _ in MIGRATIONS}
    if done - known:
        raise DatabaseError(
            f"this database was written by a newer version of alliancecli (migrations {sorted(done - known)}); "
            "upgrade alliancecli to read it")
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db.atomic():
            fn(db)
            db["_migrations"].insert({"name": name, "applied_at": _now()})
        applied.append(name)
    return applied


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def document_state(db: sqlite_utils.Database, path: str) -> tuple[int, str] | None:
    row = db.execute("select id, sha256 from documents where path = ?", [path]).fetchone()
    return (row[0], row[1]) if row else None


DERIVED = ("pairs", "mentions", "statements", "comments", "segments")


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


def write_document(db: sqlite_utils.Database, rows: DocumentRows, replace_id: int | None = None) -> int:
    """Insert one document and its rows in a single transaction, replacing an older version."""
    with db.atomic():
        if replace_id is not None:
            delete_document(db, replace_id)
        doc_id = db["documents"].insert(rows.document).last_pk
        comment_ids: list[int] = []
        for c in rows.comments:
            parent = c.pop("_parent")
            c["document_id"] = doc_id
            c["parent_id"] = comment_ids[parent] if parent is not None else None
            comment_ids.append(db["comments"].insert(c).last_pk)
        # in reading order, so that statement ids follow (document, start): queries list statements
        # by id, which their indexes deliver already sorted
        statement_ids: list[int] = [0] * len(rows.statements)
        for i in sorted(range(len(rows.statements)), key=lambda i: rows.statements[i]["start"]):
            s = rows.statements[i]
            ci = s.pop("_comment")
            s["document_id"] = doc_id
            s["comment_id"] = comment_ids[ci] if ci is not None else None
            statement_ids[i] = db["statements"].insert(s).last_pk
        for seg in rows.segments:
            seg["document_id"] = doc_id
        db["segments"].insert_all(rows.segments)
        for m in rows.mentions:
            si, ci = m.pop("_statement"), m.pop("_comment")
            m["document_id"] = doc_id
            m["statement_id"] = statement_ids[si] if si is not None else None
            m["comment_id"] = comment_ids[ci] if ci is not None else None
        db["mentions"].insert_all(rows.mentions)
        for p in rows.pairs:
            si = p.pop("_statement")
            p["document_id"] = doc_id
            p["statement_id"] = statement_ids[si] if si is not None else None
        db["pairs"].insert_all(rows.pairs)
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

    with db.atomic():
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
        split = ov.split_names(rules)
        mapping = entities.join_people(counts, documents, keep_apart=set(split))
        mapping.update({local: split[local] for local in mapping if local in split})
        mapping = ov.resolve(mapping, rules)
        db.execute("drop table if exists temp._actor_names")
        db.execute("create temp table _actor_names (old text primary key, new text)")
        db.conn.executemany("insert into temp._actor_names values (?, ?)", list(mapping.items()))
        db.execute("""update mentions set name = r.new from temp._actor_names r
                      where mentions.kind = 'person' and r.old = mentions.doc_name and mentions.name != r.new""")
        db.execute("""update statements set speaker = r.new from temp._actor_names r
                      where statements.speaker_kind = 'person' and r.old = statements.speaker_doc_name
                      and statements.speaker != r.new""")
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
        refresh_counts(db)


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
            import sqlite_utils

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

    Behaves like ``connect(path)``: a missing file raises NoDatabase, a file that is not
    an alliance database raises DatabaseError, and pending migrations are applied first
    (through :func:`connect`, which does import sqlite_utils, only then).
    """
    path = Path(path)
    if not path.exists():
        raise NoDatabase(path)
    try:
        con = _read_connection(path)
        try:
            done = {r[0] for r in con.execute("select name from _migrations")}
        except sqlite3.OperationalError:
            done = set()
        known = {name for name, _ in MIGRATIONS}
        if done != known:
            con.close()
            connect(path).close()  # migrates, or raises for a newer database / not a database
            con = _read_connection(path)
    except sqlite3.DatabaseError as e:
        raise DatabaseError(f"{path} is not an alliance database ({e})") from None
    return con


def _read_connection(path: Path) -> Connection:
    con = sqlite3.connect(path, factory=Connection)
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


def document_with_text(db: sqlite_utils.Database, sha256: str) -> str | None:
    """The path of a stored document with exactly this text (by hash), if there is one."""
    row = db.execute("select path from documents where sha256 = ? order by id limit 1", [sha256]).fetchone()
    return row[0] if row else None


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


def resolve_roles(db: sqlite_utils.Database) -> int:
    """Resolve role speakers that their own document leaves open ('the Head of State' in a release that names
    no one with that role) to the person every other document of the same source ties to that role.

    A tie needs two documents or more that resolve the role to one person, and no document of the source
    that resolves it to anyone else. Returns the number of statements resolved."""
    docs = {i: source_of(p, u) for i, p, u in db.execute(
        "select id, path, url from documents where id in (select document_id from statements "
        "where speaker_role is not null)")}
    held: dict[tuple[str, str], dict[str, set[int]]] = {}
    open_: list[tuple[int, str, str]] = []
    for sid, doc_id, role, kind, name in db.execute(
            "select id, document_id, speaker_role, speaker_kind, speaker_doc_name from statements "
            "where speaker_role is not null"):
        key = (docs[doc_id], role)
        if kind == "person" and name:
            held.setdefault(key, {}).setdefault(name, set()).add(doc_id)
        elif kind == "role":
            open_.append((sid, *key))
    updates = []
    for sid, source, role in open_:
        people = held.get((source, role), {})
        if len(people) == 1:
            (name, documents), = people.items()
            if len(documents) >= 2:
                updates.append((name, name, sid))
    db.conn.executemany("update statements set speaker = ?, speaker_doc_name = ?, speaker_kind = 'person' "
                        "where id = ?", updates)
    return len(updates)


@migration
def m008_stance_target(db: sqlite_utils.Database):
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


def stance_model_in_use(db: sqlite_utils.Database) -> str | None:
    """The path of the trained stance model that replaced the rules (``stance train``), if it still exists."""
    if not db["stance_models"].exists() or "in_use" not in db["stance_models"].columns_dict:
        return None
    row = db.execute("select path from stance_models where in_use = 1 order by id desc limit 1").fetchone()
    return row[0] if row and Path(row[0], "config.cfg").exists() else None
