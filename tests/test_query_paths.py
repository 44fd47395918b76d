"""The fast query paths (pre-aggregated pairs, id-driven statement filters, stored actor counts)
give the same answers as the plain definitions, computed here straight from mentions and statements."""
import sqlite3

import pytest

from alliancecli import queries, store


@pytest.fixture(scope="module")
def db(seeds_db):
    con = store.connect_read(seeds_db)
    yield con
    con.close()


def pairs_by_definition(db, kinds, source="all", country=None, min_mentions=1):
    """Sentence-level pairs counted from mentions: one per sentence holding both names."""
    src = {"article": " and comment_id is null", "comments": " and comment_id is not null"}.get(source, "")
    marks = ",".join("?" for _ in kinds)
    rows = db.execute(f"""
        with m as (
            select document_id, sentence, name, min(statement_id) as statement_id
            from mentions where kind in ({marks}){src} group by document_id, sentence, name
        ), p as (
            select a.name as a, b.name as b, a.document_id,
                   case when a.statement_id = b.statement_id then a.statement_id end as statement_id
            from m a join m b on a.document_id = b.document_id and a.sentence = b.sentence and a.name < b.name
        )
        select p.a, p.b, count(*), count(distinct p.document_id),
               count(distinct case when coalesce(s.label, s.stance) = 'support' then s.id end),
               count(distinct case when coalesce(s.label, s.stance) = 'oppose' then s.id end),
               count(distinct case when coalesce(s.label, s.stance) = 'neutral' then s.id end)
        from p left join statements s on s.id = p.statement_id
        group by p.a, p.b having count(*) >= ? order by count(*) desc, p.a, p.b""", [*kinds, min_mentions])
    out = [dict(zip(("a", "b", "count", "documents", "support", "oppose", "neutral"), r)) for r in rows]
    return [r for r in out if country is None or country in (r["a"], r["b"])]


@pytest.mark.parametrize("include_blocs", [False, True])
@pytest.mark.parametrize("source", ["all", "article", "comments"])
def test_sentence_pairs_from_the_pairs_table_match_the_definition(db, include_blocs, source):
    kinds = ("country", "bloc") if include_blocs else ("country",)
    expected = pairs_by_definition(db, kinds, source)
    got = queries.pairs(db, include_blocs=include_blocs, source=source)
    assert [_counted(r) for r in got] == [_counted(r) for r in expected]
    if source != "comments":
        assert expected  # the seeds have article pairs, so the comparison is not vacuous


def test_sentence_pairs_filters_match_the_definition(db):
    assert ([_counted(r) for r in queries.pairs(db, country="Russia")]
            == [_counted(r) for r in pairs_by_definition(db, ("country",), country="Russia")])
    assert ([_counted(r) for r in queries.pairs(db, min_mentions=3)]
            == [_counted(r) for r in pairs_by_definition(db, ("country",), min_mentions=3)])


def _counted(r: dict) -> dict:
    """The co-mention columns; the stance breakdown (by target, over the statements mentioning both) is
    tested in test_pairs_export and test_stance_targets."""
    return {k: r[k] for k in ("a", "b", "count", "documents")}


def statement_ids_by_definition(db, where, params):
    return [r[0] for r in db.execute(
        f"select s.id from statements s where {where} order by s.document_id, s.start, s.id", params)]


MENTIONS = "exists (select 1 from mentions m where m.statement_id = s.id and m.name = ?)"


@pytest.mark.parametrize("name", ["Russia", "Kazakhstan", "Belarus", "United States"])
def test_statement_filters_match_the_definition(db, name):
    country = statement_ids_by_definition(db, f"(s.speaker_country = ? or {MENTIONS})", [name, name])
    assert [r["id"] for r in queries.statements(db, country=name)] == country
    assert [r["id"] for r in queries.who_said(db, country=name)] == country
    about = statement_ids_by_definition(db, MENTIONS, [name])
    assert [r["id"] for r in queries.statements(db, about=name)] == about
    assert [r["id"] for r in queries.statements(db, speaker_country=name)] == statement_ids_by_definition(
        db, "s.speaker_country = ?", [name])
    pair = statement_ids_by_definition(db, f"{MENTIONS} and {MENTIONS}", [name, "Russia"])
    assert [r["id"] for r in queries.statements(db, pair=(name, "Russia"))] == pair


def test_statement_filters_combine(db):
    expected = statement_ids_by_definition(
        db, f"(s.speaker_country = ? or {MENTIONS}) and {MENTIONS} and coalesce(s.label, s.stance) = ?",
        ["Russia", "Russia", "Belarus", "neutral"])
    assert expected
    got = queries.statements(db, country="Russia", about="Belarus", stance="neutral")
    assert [r["id"] for r in got] == expected
    assert [r["id"] for r in queries.statements(db, country="Russia", limit=3)] == \
        statement_ids_by_definition(db, f"(s.speaker_country = ? or {MENTIONS})", ["Russia", "Russia"])[:3]


def test_stored_actor_counts_match_counting(db):
    rows = queries.actors(db)
    assert rows
    for r in rows:
        mentions = db.execute("select count(*) from mentions where name = ? and kind = ?",
                              [r["name"], r["kind"]]).fetchone()[0]
        statements = db.execute("select count(*) from statements where speaker = ? and kind != 'comment'",
                                [r["name"]]).fetchone()[0]
        assert (r["mentions"], r["statements"]) == (mentions, statements), r["name"]
    assert rows == sorted(rows, key=lambda r: (-r["mentions"], -r["statements"], r["name"]))


def test_connect_read_applies_pending_migrations(seeds_db, tmp_path):
    path = tmp_path / "old.db"
    src = sqlite3.connect(seeds_db)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.execute("delete from _migrations where name = 'm003_perf'")
    dst.execute("update actors set mentions = null, statements = null")
    dst.commit()
    dst.close()
    db = store.connect_read(path)
    assert {r[0] for r in db.execute("select name from _migrations")} == {n for n, _ in store.MIGRATIONS}
    assert db.execute("select count(*) from actors where mentions is null").fetchone()[0] == 0
    # the read connection still offers sqlite_utils' API when asked
    assert db["documents"].count == 5
    db.close()


def test_connect_read_refuses_missing_and_foreign_files(tmp_path):
    with pytest.raises(store.NoDatabase):
        store.connect_read(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(store.DatabaseError):
        store.connect_read(junk)


# -- pages -----------------------------------------------------------------------------------------------

def test_statement_ids_follow_reading_order(db):
    """Queries list statements by id; ingest writes them so that this is document, then reading order."""
    by_id = [r[0] for r in db.execute("select id from statements order by id")]
    assert by_id == [r[0] for r in db.execute("select id from statements order by document_id, start, id")]


PAGED = [
    dict(country="Russia"),
    dict(country="Russia", source="article"),
    dict(country="Kazakhstan", stance="neutral"),
    dict(about="Belarus", source="comments"),
    dict(pair=("Russia", "Belarus")),
    dict(stance="neutral"),
    dict(),
]


@pytest.fixture(params=[256, 2], ids=["one batch", "batches of 2, 8, 32"])
def batch(request, monkeypatch):
    """Run a test with the default id batches and with tiny ones, so that pages cross batch borders."""
    monkeypatch.setattr(queries, "FIRST_BATCH", request.param)
    monkeypatch.setattr(queries, "LAST_BATCH", max(request.param, 32))
    return request.param


@pytest.mark.parametrize("filters", PAGED, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_statement_pages_are_slices_of_the_whole_list(db, batch, filters):
    whole = queries.statements(db, **filters)
    assert len(whole) > 3 or filters == dict(about="Belarus", source="comments")
    assert queries.count_statements(db, **filters) == len(whole)
    for offset in (0, 1, 3, len(whole) - 1, len(whole), len(whole) + 5):
        for limit in (1, 2, 5, None):
            page = queries.statements(db, **filters, limit=limit, offset=max(offset, 0))
            end = None if limit is None else max(offset, 0) + limit
            assert page == whole[max(offset, 0):end], (offset, limit)


@pytest.mark.parametrize("filters", [dict(), dict(source="article"), dict(country="Russia"),
                                     dict(stance="neutral", source="comments")],
                         ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_search_pages_keep_the_rank_order(db, batch, filters):
    ranked = [r[0] for r in db.execute(
        "select rowid from statements_fts where statements_fts match '\"russia\"' order by rank")]
    allowed = {r["id"] for r in queries.statements(db, **filters)}
    whole = queries.search(db, "Russia", **filters)
    assert [r["id"] for r in whole] == [i for i in ranked if i in allowed]
    assert queries.count_search(db, "Russia", **filters) == len(whole)
    for offset, limit in ((0, 1), (1, 2), (2, None), (len(whole), 3)):
        assert queries.search(db, "Russia", **filters, limit=limit, offset=offset) == \
            whole[offset:None if limit is None else offset + limit]


def test_who_said_by_speaker_counts_every_statement_once(db):
    rows = queries.who_said(db, country="Russia", group="speaker")
    assert sum(r["statements"] for r in rows) == queries.count_statements(db, country="Russia")
    assert queries.count_who_said(db, country="Russia", group="speaker") == len(rows)
    assert rows == sorted(rows, key=lambda r: -r["statements"])
    for r in rows:
        assert r["support"] + r["oppose"] + r["neutral"] == r["statements"]
    assert queries.who_said(db, country="Russia", group="speaker", limit=2, offset=1) == rows[1:3]


def test_actor_pages(db):
    whole = queries.actors(db)
    assert queries.count_actors(db) == len(whole)
    assert queries.actors(db, limit=3, offset=2) == whole[2:5]
    people = queries.actors(db, kind="person")
    assert queries.count_actors(db, kind="person") == len(people) < len(whole)
