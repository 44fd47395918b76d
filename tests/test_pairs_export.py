"""pairs --since/--until/--directed/--evidence, export, stats and browse, through the CLI."""
import asyncio
import csv
import io
import json
import sqlite3
from collections import Counter

import networkx as nx
import pytest

from alliancecli import browse
from alliancecli.cli import app
from helpers import as_json, corpus, run


@pytest.fixture(scope="module")
def dated_db(tmp_path_factory):
    """Two articles with known dates and known speakers."""
    tmp = tmp_path_factory.mktemp("dated")
    src = tmp / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Talks in Astana\n\n"
        'Kazakh Foreign Minister Murat Nurtleu said: "Kazakhstan will not join any union with Russia. '
        'We do not need an alliance with China either."\n\n'
        '"Russia and Belarus are moving closer every year," Belarusian President Alexander Lukashenko said.\n',
        encoding="utf-8")
    (src / "b.txt").write_text("Summit\n\nRussia and China met in Beijing. Russia and Belarus met too.\n",
                               encoding="utf-8")
    db = tmp / "d.db"
    as_json(run("ingest", src, "--db", db, "--json"))
    con = sqlite3.connect(db)
    con.execute("update documents set date = '2023-01-05' where path like '%a.txt'")
    con.execute("update documents set date = '2024-03-01' where path like '%b.txt'")
    con.commit()
    return db


def _counts(rows):
    return {(r["a"], r["b"]): r["count"] for r in rows}


def test_pairs_since_until_on_article_dates(dated_db):
    everything = _counts(as_json(run("pairs", "--db", dated_db, "--json")))
    # a: Kazakhstan+Russia (first sentence of the quote), Belarus+Russia; b: China+Russia, Belarus+Russia
    assert everything == {("Belarus", "Russia"): 2, ("China", "Russia"): 1, ("Kazakhstan", "Russia"): 1}
    assert _counts(as_json(run("pairs", "--since", "2024", "--db", dated_db, "--json"))) == {
        ("Belarus", "Russia"): 1, ("China", "Russia"): 1}
    # --until takes the whole day, month or year it names
    assert _counts(as_json(run("pairs", "--until", "2023-01-05", "--db", dated_db, "--json"))) == {
        ("Belarus", "Russia"): 1, ("Kazakhstan", "Russia"): 1}
    assert as_json(run("pairs", "--since", "2023-01-06", "--until", "2023-12", "--db", dated_db, "--json")) == []
    assert run("pairs", "--since", "last week", "--db", dated_db).exit_code == 2


def test_pairs_directed_hand_count(dated_db):
    rows = as_json(run("pairs", "--directed", "--db", dated_db, "--json"))
    got = {(r["a"], r["b"]): (r["count"], r["support"], r["oppose"], r["neutral"], r["other"]) for r in rows}
    # Nurtleu (Kazakhstan) names Russia and China and refuses both; his statement's one target is the
    # first, a union with Russia, so for Kazakhstan-China it counts as "other"; Lukashenko (Belarus)
    # says Russia and Belarus move closer
    assert got == {("Kazakhstan", "Russia"): (1, 0, 1, 0, 0), ("Kazakhstan", "China"): (1, 0, 0, 0, 1),
                   ("Belarus", "Russia"): (1, 1, 0, 0, 0)}
    assert run("pairs", "--directed", "--within", "document", "--db", dated_db).exit_code == 2
    assert as_json(run("pairs", "--directed", "--since", "2024", "--db", dated_db, "--json")) == []


def test_pairs_evidence_matches_breakdown_and_statements_pair(seeds_db):
    rows = as_json(run("pairs", "--within", "statement", "--min-mentions", "3", "--evidence", "--db", seeds_db,
                       "--json"))
    assert rows
    for r in rows:
        counted = Counter(s["counted_as"] for s in r["statements"])
        assert r["count"] == len(r["statements"])
        assert (r["support"], r["oppose"], r["neutral"], r["other"]) == (
            counted["support"], counted["oppose"], counted["neutral"], counted["other"])
        # a statement counts under its stance only where its target involves the pair
        assert all(s["counted_as"] in ("other", s["stance"]) for s in r["statements"])
        same = as_json(run("statements", "--pair", r["a"], r["b"], "--db", seeds_db, "--json"))
        assert [s["id"] for s in same] == [s["id"] for s in r["statements"]]


def test_pairs_directed_evidence_is_by_speakers_of_a(seeds_db):
    rows = as_json(run("pairs", "--directed", "--evidence", "--db", seeds_db, "--json"))
    assert rows
    for r in rows:
        assert len(r["statements"]) == r["count"]
        assert all(s["speaker_country"] == r["a"] for s in r["statements"])


def test_pairs_comment_dates(seeds_db):
    con = sqlite3.connect(seeds_db)
    day = con.execute("select min(substr(posted, 1, 10)) from comments").fetchone()[0]
    later = as_json(run("pairs", "--source", "comments", "--since", day + "T23:59", "--db", seeds_db, "--json"))
    that_day = as_json(run("pairs", "--source", "comments", "--until", day, "--db", seeds_db, "--json"))
    every = _counts(as_json(run("pairs", "--source", "comments", "--db", seeds_db, "--json")))
    merged = Counter(_counts(later)) + Counter(_counts(that_day))
    assert dict(merged) == every  # seed documents have no date, so only comments count, split by the day


def test_export_graph_gexf_and_graphml(seeds_db, tmp_path):
    pairs = as_json(run("pairs", "--min-mentions", "2", "--db", seeds_db, "--json"))
    result = run("export", "graph", "--min-mentions", "2", "--db", seeds_db)
    assert result.exit_code == 0
    g = nx.read_gexf(io.BytesIO(result.stdout_bytes))
    assert g.number_of_edges() == len(pairs)
    for r in pairs:
        e = g.edges[r["a"], r["b"]]
        assert (e["weight"], e["support"], e["oppose"], e["neutral"]) == (
            r["count"], r["support"], r["oppose"], r["neutral"])
    con = sqlite3.connect(seeds_db)
    russia = con.execute("select count(*) from mentions where name = 'Russia' and kind = 'country'").fetchone()[0]
    assert g.nodes["Russia"]["mentions"] == russia
    out = tmp_path / "g.graphml"
    assert run("export", "graph", "--format", "graphml", "-m", "2", "-o", out, "--db", seeds_db).exit_code == 0
    assert set(nx.read_graphml(out).edges) == set(g.edges)


@pytest.mark.parametrize("table", ["statements", "comments", "mentions"])
def test_export_tables_whole(seeds_db, table, tmp_path):
    con = sqlite3.connect(seeds_db)
    n = con.execute(f"select count(*) from {table}").fetchone()[0]
    cols = [r[1] for r in con.execute(f"pragma table_info({table})")]
    rows = list(csv.DictReader(io.StringIO(run("export", table, "--db", seeds_db).stdout)))
    assert len(rows) == n and list(rows[0]) == cols
    nl = run("export", table, "--nl", "--db", seeds_db).stdout.splitlines()
    first = json.loads(nl[0])
    assert len(nl) == n and list(first) == cols
    assert first == dict(zip(cols, con.execute(f"select * from {table} order by rowid limit 1").fetchone()))
    out = tmp_path / "t.csv"
    assert run("export", table, "-o", out, "--db", seeds_db).exit_code == 0
    assert out.read_text(encoding="utf-8").count("\n") >= n + 1
    assert run("export", table, "--csv", "--nl", "--db", seeds_db).exit_code == 2


def test_stats_is_complete(seeds_db):
    s = as_json(run("stats", "--db", seeds_db, "--json"))
    con = sqlite3.connect(seeds_db)
    assert s["statements"] == dict(con.execute("select kind, count(*) from statements group by kind").fetchall())
    assert s["documents"] == 5 and s["comments"] == 36 and s["size_bytes"] == seeds_db.stat().st_size
    assert sum(s["stance"].values()) == sum(s["statements"].values())
    assert s["countries"] == con.execute(
        "select count(distinct name) from mentions where kind = 'country'").fetchone()[0]
    assert s["last_ingest"] == con.execute("select max(ingested_at) from documents").fetchone()[0]
    assert s["labels"] == 0 and s["stance_model"] is None


def test_datasette_opens_the_database(seeds_db):
    pytest.importorskip("datasette")
    ds = browse.datasette(seeds_db)
    name = seeds_db.stem

    async def get(path):
        return await ds.client.get(path)

    r = asyncio.run(get(f"/{name}/statements_view.json?_search=alliance&_shape=array"))
    assert r.status_code == 200
    rows = r.json()
    assert rows and all("allian" in row["text"].lower() for row in rows)
    assert {"document", "speaker", "stance", "label"} <= set(rows[0])
    r = asyncio.run(get(f"/{name}/statements.json?_shape=array&_labels=on&_size=1"))
    assert isinstance(r.json()[0]["document_id"], dict) and r.json()[0]["document_id"]["label"]
    r = asyncio.run(get(f"/{name}/comments.json?_search=Kazakhstan&_shape=array"))
    assert r.status_code == 200 and r.json()


def test_browse_without_datasette_is_one_clear_line(seeds_db, monkeypatch):
    monkeypatch.setattr(browse, "available", lambda: False)
    result = run("browse", "--db", seeds_db)
    assert result.exit_code == 1 and "alliancecli[browse]" in result.output


def test_sub_commands_have_help():
    groups = {g.name: g.typer_instance for g in app.registered_groups}
    assert {"stance", "export"} <= set(groups)
    expected = {"stance": {"train", "eval"}, "export": {"graph", "statements", "comments", "mentions"}}
    for name, sub in groups.items():
        names = {c.name for c in sub.registered_commands}
        assert expected[name] <= names
        for c in sub.registered_commands:
            assert c.callback.__doc__, f"{name} {c.name} has no help text"
            result = run(name, c.name, "--help")
            assert result.exit_code == 0 and "Usage" in result.output
    for name in ("label", "browse"):
        assert run(name, "--help").exit_code == 0


def test_pairs_min_mentions_3_matches_a_hand_count(tmp_path):
    src = corpus(tmp_path,
                 "Neighbours\n\n"
                 "Russia and Belarus signed a treaty. Moscow and Minsk met again. The Kremlin praised Belarus.\n\n"
                 "Kazakhstan and Russia talked about gas. Astana told Moscow no. China watched.\n\n"
                 "Beijing and Moscow held exercises. Russia sold oil to China. Kazakhstan and the Kremlin "
                 "disagreed.\n\n"
                 "China and Russia met once more. Belarus stayed at home.\n")
    db = tmp_path / "h.db"
    as_json(run("ingest", src, "--db", db, "--json"))
    rows = as_json(run("pairs", "--min-mentions", "3", "--db", db, "--json"))
    # by sentence: Belarus-Russia in sentences 1, 2, 3; Kazakhstan-Russia in 4, 5, 9; China-Russia in 7, 8, 10
    assert _counts(rows) == {("Belarus", "Russia"): 3, ("China", "Russia"): 3, ("Kazakhstan", "Russia"): 3}
    assert all(r["documents"] == 1 for r in rows)


def test_search_takes_the_statements_filters(seeds_db):
    every = as_json(run("search", "alliance", "--db", seeds_db, "--json"))
    oppose = as_json(run("search", "alliance", "--stance", "oppose", "--db", seeds_db, "--json"))
    assert oppose and all(r["stance"] == "oppose" for r in oppose)
    assert {r["id"] for r in oppose} == {r["id"] for r in every if r["stance"] == "oppose"}
    kz = as_json(run("search", "alliance", "--country", "Kazakhstan", "--db", seeds_db, "--json"))
    listed = {r["id"] for r in as_json(run("statements", "--country", "Kazakhstan", "--db", seeds_db, "--json"))}
    assert kz and {r["id"] for r in kz} == {r["id"] for r in every} & listed
    assert as_json(run("search", "alliance", "--since", "2030", "--db", seeds_db, "--json")) == []


@pytest.mark.parametrize("source", ["article", "comments", "all"])
@pytest.mark.parametrize("include_blocs", [False, True])
def test_ingest_time_pairs_equal_the_mention_join(seeds_copy, source, include_blocs):
    """Sentence-level pairs come from the table written at ingest; with a date bound they are
    computed from the mentions instead. Once every text has a date, both must agree row for row."""
    from alliancecli import queries, store

    con = sqlite3.connect(seeds_copy)
    with con:
        con.execute("update documents set date = '2020-01-01' where date is null")
        con.execute("update comments set posted = '2020-01-01' where posted is null")
        con.execute("update statements set posted = '2020-01-01' where posted is null and comment_id is not null")
    con.close()
    db = store.connect_read(seeds_copy)
    fast = queries.pairs(db, source=source, include_blocs=include_blocs)
    joined = queries.pairs(db, source=source, include_blocs=include_blocs, since="1900")
    assert fast and fast == joined


@pytest.mark.parametrize("within", ["statement", "paragraph", "document"])
def test_pair_stance_is_that_of_the_statements_behind_it(seeds_db, within):
    """A pair's stance breakdown covers the statements that mention both countries (the rows
    'statements --pair A B' lists): by their stance where their target involves both, else "other"."""
    from alliancecli import queries as q

    rows = as_json(run("pairs", "--within", within, "--min-mentions", "2", "--db", seeds_db, "--json"))
    assert rows
    con = sqlite3.connect(seeds_db)
    con.row_factory = sqlite3.Row
    for r in rows:
        behind = as_json(run("statements", "--pair", r["a"], r["b"], "--db", seeds_db, "--json"))
        got = Counter(q.pair_stance(dict(con.execute(
            "select coalesce(label, stance) as stance, stance_target_kind, stance_parties from statements "
            "where id = ?", [s["id"]]).fetchone()), r["a"], r["b"]) for s in behind)
        assert (r["support"], r["oppose"], r["neutral"], r["other"]) == (
            got["support"], got["oppose"], got["neutral"], got["other"])


@pytest.mark.parametrize("within", ["sentence", "paragraph", "statement", "document"])
def test_pairs_evidence_lists_the_units_behind_count(seeds_db, within):
    """`count` has evidence too: one row per sentence (paragraph, ...) that names both countries, so that
    the rows listed are exactly as many as the count, and each row's span holds a mention of each."""
    rows = as_json(run("pairs", "--within", within, "--evidence", "--all", "--db", seeds_db, "--json"))
    assert rows
    con = sqlite3.connect(seeds_db)
    for r in rows:
        assert len(r["units"]) == r["count"], (r["a"], r["b"], within)
        assert len({u["document_id"] for u in r["units"]}) == r["documents"]
        for u in r["units"]:
            names = {n for (n,) in con.execute(
                "select distinct name from mentions where document_id = ? and start >= ? and end <= ?",
                [u["document_id"], u["start"], u["end"]])}
            assert {r["a"], r["b"]} <= names, (r["a"], r["b"], u)
