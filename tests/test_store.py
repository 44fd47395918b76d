"""Tests for alliancecli.store: connecting, migrations, writing and replacing documents, FTS."""
from __future__ import annotations

import sqlite3

import pytest

from alliancecli import store
from alliancecli.store import DatabaseError, DocumentRows, NoDatabase

TABLES = ("documents", "segments", "comments", "statements", "mentions", "pairs")


def _rows(tag: str, path: str = "corpus/a.txt") -> DocumentRows:
    """A small document: two comments (one a reply), one article and one comment statement,
    mentions linked to both, one pair.  ``tag`` makes the text of each version distinct."""
    title = f"Union talks {tag}"
    quote = f"We will never join the {tag} alliance"
    comment = f"I agree with {tag} completely"
    text = f"{title}\n\nThe minister said: {quote}.\n  1. bob 9 December 2022 16: 56\n    {comment}\n"
    qs = text.index(quote)
    cs = text.index(comment)
    return DocumentRows(
        document={"path": path, "sha256": f"sha-{tag}", "title": title, "text": text, "encoding": "utf-8",
                  "date": None, "words": len(text.split()), "ingested_at": "2024-01-01T00:00:00+00:00"},
        segments=[
            {"kind": "title", "start": 0, "end": len(title), "reason": None},
            {"kind": "body", "start": len(title), "end": text.index("  1."), "reason": None},
            {"kind": "comment", "start": text.index("  1."), "end": len(text), "reason": None},
        ],
        comments=[
            {"_parent": None, "path": "1", "author": "bob", "display_name": None, "posted": "2022-12-09T16:56",
             "deleted": 0, "quotes_author": None, "text": comment, "start": cs, "end": cs + len(comment)},
            {"_parent": 0, "path": "1.1", "author": "ann", "display_name": "Ann", "posted": None,
             "deleted": 1, "quotes_author": None, "text": "", "start": cs, "end": cs},
        ],
        statements=[
            {"_comment": None, "kind": "block", "source": "article", "text": quote, "start": qs,
             "end": qs + len(quote), "speaker": "Roman Vasilenko", "speaker_start": None, "speaker_end": None,
             "speaker_text": None, "speaker_kind": "person", "speaker_country": "Kazakhstan", "cue": "said",
             "stance": "oppose", "stance_score": -1.0, "stance_evidence": "never join", "stance_target": None,
             "label": None, "posted": None},
            {"_comment": 0, "kind": "comment", "source": "comments", "text": comment, "start": cs,
             "end": cs + len(comment), "speaker": "bob", "speaker_start": None, "speaker_end": None,
             "speaker_text": None, "speaker_kind": "commenter", "speaker_country": None, "cue": None,
             "stance": "neutral", "stance_score": 0.0, "stance_evidence": None, "stance_target": None,
             "label": None, "posted": "2022-12-09T16:56"},
        ],
        mentions=[
            {"_statement": 0, "_comment": None, "kind": "country", "name": "Kazakhstan", "text": "Kazakhstan",
             "start": qs, "end": qs + 3, "sentence": 1, "paragraph": 0, "country": "Kazakhstan", "iso3": "KAZ"},
            {"_statement": 1, "_comment": 0, "kind": "country", "name": "Russia", "text": "Russia",
             "start": cs, "end": cs + 3, "sentence": 2, "paragraph": 1, "country": "Russia", "iso3": "RUS"},
        ],
        pairs=[
            {"_statement": 0, "a": "Kazakhstan", "b": "Russia", "kind": "country", "sentence": 1, "paragraph": 0,
             "source": "article"},
        ],
    )


def _count(db, table: str, **where) -> int:
    sql = f"select count(*) from [{table}]"
    if where:
        sql += " where " + " and ".join(f"[{k}] = ?" for k in where)
    return db.execute(sql, list(where.values())).fetchone()[0]


@pytest.fixture
def db(tmp_path):
    return store.connect(tmp_path / "alliance.db", create=True)


# -- connect and migrations ----------------------------------------------------------


def test_connect_missing_file_raises_and_creates_nothing(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(NoDatabase) as exc:
        store.connect(path)
    assert isinstance(exc.value, DatabaseError)
    assert str(path) in str(exc.value)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_connect_create_applies_migrations(tmp_path):
    path = tmp_path / "new.db"
    db = store.connect(path, create=True)
    assert path.exists()
    names = [r[0] for r in db.execute("select name from _migrations")]
    assert names == [name for name, _ in store.MIGRATIONS]
    assert names[0] == "m001_initial"
    assert set(TABLES) | {"actors", "statements_fts", "comments_fts"} <= set(db.table_names())
    assert "statements_view" in db.view_names()


def test_connect_enables_wal(db):
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_reconnect_applies_nothing_twice(tmp_path):
    path = tmp_path / "a.db"
    store.connect(path, create=True)
    db = store.connect(path)
    assert store.migrate(db) == []
    assert _count(db, "_migrations") == len(store.MIGRATIONS)
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.db"
    db = store.connect(path, create=True)
    db["_migrations"].insert({"name": "m999_from_the_future", "applied_at": "2030-01-01T00:00:00+00:00"})
    db.conn.commit()
    db.close()
    with pytest.raises(DatabaseError, match="newer"):
        store.connect(path)


def test_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is a text file, not SQLite " * 64)
    with pytest.raises(DatabaseError):
        store.connect(path)


# -- write_document -------------------------------------------------------------------


def test_write_document_inserts_all_rows(db):
    rows = _rows("v1")
    text = rows.document["text"]
    doc_id = store.write_document(db, rows)
    assert store.document_state(db, "corpus/a.txt") == (doc_id, "sha-v1")
    assert _count(db, "documents") == 1
    for table, n in (("segments", 3), ("comments", 2), ("statements", 2), ("mentions", 2), ("pairs", 1)):
        assert _count(db, table, document_id=doc_id) == n, table
    assert db.execute("select text from documents where id = ?", [doc_id]).fetchone()[0] == text


def test_write_document_links_local_indexes_to_ids(db):
    doc_id = store.write_document(db, _rows("v1"))
    parent, reply = db.execute("select id, parent_id from comments where document_id = ? order by path",
                               [doc_id]).fetchall()
    assert parent[1] is None
    assert reply[1] == parent[0]
    article_st, comment_st = db.execute(
        "select id, comment_id from statements where document_id = ? order by start", [doc_id]).fetchall()
    assert article_st[1] is None
    assert comment_st[1] == parent[0]
    m = dict(db.execute("select name, statement_id from mentions where document_id = ?", [doc_id]).fetchall())
    assert m == {"Kazakhstan": article_st[0], "Russia": comment_st[0]}
    assert db.execute("select statement_id from pairs").fetchone()[0] == article_st[0]


def test_replace_leaves_no_rows_of_the_old_version(db):
    old_id = store.write_document(db, _rows("old"))
    new_id = store.write_document(db, _rows("new"), replace_id=old_id)
    # SQLite may reuse the freed id, so check by content and by counts, not by id
    assert _count(db, "documents") == 1
    assert store.document_state(db, "corpus/a.txt") == (new_id, "sha-new")
    for table, n in (("segments", 3), ("comments", 2), ("statements", 2), ("mentions", 2), ("pairs", 1)):
        assert _count(db, table) == _count(db, table, document_id=new_id) == n, table
    for table, col in (("documents", "text"), ("comments", "text"), ("statements", "text")):
        assert db.execute(f"select count(*) from [{table}] where [{col}] like '%old%'").fetchone()[0] == 0, table
    ids = {r[0] for r in db.execute("select id from comments")}
    assert {r[0] for r in db.execute("select parent_id from comments where parent_id is not null")} <= ids
    st_ids = {r[0] for r in db.execute("select id from statements")}
    assert {r[0] for r in db.execute("select statement_id from mentions")} <= st_ids
    assert {r[0] for r in db.execute("select statement_id from pairs")} <= st_ids
    # the full-text indexes follow: the old text is gone, the new one is there
    assert db.execute("select count(*) from statements_fts where statements_fts match 'old'").fetchone()[0] == 0
    assert db.execute("select count(*) from comments_fts where comments_fts match 'old'").fetchone()[0] == 0
    assert db.execute("select count(*) from statements_fts where statements_fts match 'new'").fetchone()[0] == 2


def test_other_documents_survive_a_replace(db):
    a = store.write_document(db, _rows("alpha", path="a.txt"))
    b = store.write_document(db, _rows("beta", path="b.txt"))
    store.write_document(db, _rows("gamma", path="a.txt"), replace_id=a)
    assert _count(db, "statements", document_id=b) == 2
    assert _count(db, "documents") == 2


def test_failed_write_rolls_back(db):
    first = store.write_document(db, _rows("one", path="same.txt"))
    broken = _rows("two", path="same.txt")
    broken.statements.append({"_comment": None, "start": 0, "no_such_column": 1})  # fails after the delete
    with pytest.raises(sqlite3.OperationalError):
        store.write_document(db, broken, replace_id=first)
    assert _count(db, "documents") == 1
    assert _count(db, "statements") == 2
    assert db.execute("select text from documents").fetchone()[0] == _rows("one").document["text"]


def test_a_write_checks_again_inside_its_transaction(db):
    """What the caller saw may be stale: another ingest may have written the document meanwhile."""
    assert store.write_document(db, _rows("one", path="same.txt")) is not None
    assert store.write_document(db, _rows("one", path="same.txt")) is None  # same path, same text
    assert store.write_document(db, _rows("one", path="/abs/same.txt")) is None  # same text, other file
    assert store.write_document(db, _rows("two", path="same.txt")) is not None  # changed: replaced
    assert _count(db, "documents") == 1


# -- full-text search --------------------------------------------------------------------


def test_statements_fts_finds_inserted_statement(db):
    store.write_document(db, _rows("v1"))
    hits = db.execute(
        "select statements.text, statements.speaker from statements_fts "
        "join statements on statements.rowid = statements_fts.rowid "
        "where statements_fts match ?", ["alliance"]).fetchall()
    assert hits == [("We will never join the v1 alliance", "Roman Vasilenko")]
    # the speaker column is indexed too, and the porter stemmer matches other forms
    assert [r[0] for r in db.execute("select rowid from statements_fts where statements_fts match 'vasilenko'")]
    assert [r[0] for r in db.execute("select rowid from statements_fts where statements_fts match 'alliances'")]
    assert db.execute("select count(*) from statements_fts where statements_fts match 'zebra'").fetchone()[0] == 0


def test_comments_fts_finds_inserted_comment(db):
    store.write_document(db, _rows("v1"))
    hits = db.execute("select rowid from comments_fts where comments_fts match 'agree'").fetchall()
    assert len(hits) == 1


def test_a_write_that_fails_halfway_leaves_nothing_behind(db):
    """The document row, its comments and its statements go in one transaction: a failure
    after the first inserts (here an unknown statement column) must undo them all."""
    store.write_document(db, _rows("keep", path="keep.txt"))
    before = {t: _count(db, t) for t in TABLES}
    rows = _rows("broken", path="broken.txt")
    rows.statements[1]["no_such_column"] = 1
    with pytest.raises(sqlite3.OperationalError):
        store.write_document(db, rows)
    assert {t: _count(db, t) for t in TABLES} == before
    assert store.document_state(db, "broken.txt") is None
    # the same through a second connection: nothing half-written was committed
    other = sqlite3.connect(db.conn.execute("pragma database_list").fetchone()[2])
    assert other.execute("select count(*) from documents").fetchone()[0] == before["documents"]


def test_a_failed_replace_keeps_the_old_version(db):
    old = store.write_document(db, _rows("old"))
    rows = _rows("new")
    rows.mentions[0]["no_such_column"] = 1
    with pytest.raises(sqlite3.OperationalError):
        store.write_document(db, rows, replace_id=old)
    assert store.document_state(db, "corpus/a.txt") == (old, "sha-old")
    assert _count(db, "statements", document_id=old) == 2


def test_statements_are_written_in_reading_order_with_their_links(db):
    rows = _rows("v1")
    rows.statements.reverse()  # the comment statement first: local indexes now point the other way
    for m in rows.mentions:
        if m["_statement"] is not None:
            m["_statement"] = 1 - m["_statement"]
    for p in rows.pairs:
        if p["_statement"] is not None:
            p["_statement"] = 1 - p["_statement"]
    doc_id = store.write_document(db, rows)
    by_id = db.execute("select id, start, comment_id from statements where document_id = ? order by id",
                       [doc_id]).fetchall()
    assert [r[1] for r in by_id] == sorted(r[1] for r in by_id)
    article_st, comment_st = by_id
    assert article_st[2] is None and comment_st[2] is not None
    m = dict(db.execute("select name, statement_id from mentions where document_id = ?", [doc_id]).fetchall())
    assert m == {"Kazakhstan": article_st[0], "Russia": comment_st[0]}
    assert db.execute("select statement_id from pairs").fetchone()[0] == article_st[0]


def test_opening_a_database_another_process_writes_waits_for_it(tmp_path, monkeypatch):
    """A second ingest that opens the file while the first holds the lock past BUSY_MS (its schema, its
    actors' refresh) waits for it, as a transaction does, and does not fail with 'locked'."""
    import sqlite3
    import threading
    import time

    path = tmp_path / "a.db"
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    con.execute("create table t (x)")  # a rollback-journal file, as the first writer leaves it
    con.execute("begin exclusive")
    threading.Thread(target=lambda: (time.sleep(store.BUSY_MS / 1000 + 1), con.execute("commit")), daemon=True).start()
    monkeypatch.setattr(store, "check_intact", lambda path: None)  # its read waits too: the switch to WAL is tested
    db = store.connect(path)
    assert db.journal_mode == "wal"
    con.close()


def test_opening_a_database_does_not_import_pandas_which_stays_importable(tmp_path):
    """sqlite_utils imports pandas (0.5 s) whenever it is installed; the store loads it without."""
    import subprocess
    import sys

    pytest.importorskip("pandas")
    code = ("import sys; from alliancecli import store; store.connect(sys.argv[1], create=True)['t'].insert({'a': 1});"
            "assert 'pandas' not in sys.modules, 'pandas imported'; import pandas; print(pandas.DataFrame)")
    p = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.db")], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "DataFrame" in p.stdout
