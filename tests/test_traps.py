"""The traps a new user met (issue 15), each kept shut: --doc, dates, narrow tables, citable rows, ingest input."""
import json
import re
import sqlite3

import pytest

from alliancecli import queries
from helpers import as_json, corpus, run


# -- --doc names one document or is a usage error ---------------------------------------------------------

def test_doc_takes_an_id_not_any_path_containing_it(seeds_db):
    rows = as_json(run("statements", "--doc", "3", "--db", seeds_db, "--json", "--all"))
    assert rows and {r["document_id"] for r in rows} == {3}


def test_doc_takes_an_exact_path_or_a_fragment_naming_one_document(seeds_db):
    path = sqlite3.connect(seeds_db).execute("select path from documents where id = 2").fetchone()[0]
    for key in (path, path.rsplit("/", 1)[1][:6]):
        rows = as_json(run("statements", "--doc", key, "--db", seeds_db, "--json", "--all"))
        assert rows and {r["document_id"] for r in rows} == {2}, key


@pytest.mark.parametrize("command", [["statements", "--doc"], ["search", "union", "--doc"], ["show"]])
def test_doc_naming_several_documents_lists_them(seeds_db, command):
    result = run(*command, "seeds/00", "--db", seeds_db)
    assert result.exit_code == 2
    assert "matches 5 documents" in result.output
    assert all(re.search(rf"\b{i} \S*seeds/00{i - 1}_", result.output) for i in range(1, 6)), result.output


def test_doc_naming_nothing_is_a_usage_error(seeds_db):
    result = run("statements", "--doc", "no-such-file", "--db", seeds_db)
    assert result.exit_code == 2 and "no document matches 'no-such-file'" in result.output


# -- dates -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["2022-13-01", "2022-02-30", "2022-1", "22", "2022-12-09T25:00"])
@pytest.mark.parametrize("command", [["statements"], ["pairs"], ["who-said", "-c", "Russia"], ["actors"],
                                     ["export", "graph"], ["timeline", "-c", "Russia"]])
def test_impossible_dates_are_usage_errors(seeds_db, bad, command):
    result = run(*command, "--since", bad, "--db", seeds_db)
    assert result.exit_code == 2, result.output
    assert bad in result.output


@pytest.mark.parametrize("command", [["statements"], ["pairs"], ["who-said", "-c", "Russia"], ["actors"],
                                     ["search", "union"], ["export", "graph"], ["timeline", "-c", "Russia"]])
def test_since_after_until_says_so(seeds_db, command):
    result = run(*command, "--since", "2023", "--until", "2022", "--db", seeds_db)
    assert result.exit_code == 2 and "no date is in between" in result.output


def test_a_range_within_one_period_is_fine(seeds_db):
    assert run("statements", "--since", "2022-12-01", "--until", "2022-12", "--db", seeds_db).exit_code == 0


def test_who_said_takes_stance_and_dates(seeds_db):
    every = as_json(run("who-said", "-c", "Russia", "--db", seeds_db, "--json", "--all"))
    oppose = as_json(run("who-said", "-c", "Russia", "--stance", "oppose", "--db", seeds_db, "--json", "--all"))
    assert oppose and {r["stance"] for r in oppose} == {"oppose"} and len(oppose) < len(every)
    dated = [r for r in every if r["date"] and r["date"] >= "2022-12-09"]
    since = as_json(run("who-said", "-c", "Russia", "--since", "2022-12-09", "--db", seeds_db, "--json", "--all"))
    assert [r["id"] for r in since] == [r["id"] for r in dated]
    grouped = as_json(run("who-said", "-c", "Russia", "--stance", "oppose", "--group", "speaker", "--db", seeds_db,
                          "--json", "--all"))
    assert sum(r["statements"] for r in grouped) == len(oppose) == sum(r["oppose"] for r in grouped)


def test_actors_and_graph_count_within_the_dates(seeds_db, tmp_path):
    every = {r["name"]: r for r in as_json(run("actors", "--db", seeds_db, "--json", "--all"))}
    late = {r["name"]: r for r in as_json(run("actors", "--since", "2022-12-10", "--db", seeds_db, "--json",
                                              "--all"))}
    assert late and len(late) < len(every)
    assert all(r["mentions"] <= every[n]["mentions"] for n, r in late.items())
    assert run("actors", "--since", "2030", "--db", seeds_db, "--json").stdout.strip() == "[]"
    out = tmp_path / "g.gexf"
    result = run("export", "graph", "--since", "2030", "-o", out, "--db", seeds_db)
    assert result.exit_code == 0 and "0 nodes, 0 edges" in result.output


# -- tables in a terminal of 80 columns ------------------------------------------------------------------

def test_narrow_terminal_breaks_no_word_and_full_prints_whole_texts(seeds_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    rows = as_json(run("statements", "--db", seeds_db, "--json", "-n", "5"))
    result = run("statements", "--db", seeds_db, "-n", "5")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    assert len(lines) < 60  # a record of a few lines each, not a table of 119
    words = set(re.findall(r"\S+", result.stdout))
    for r in rows:  # every speaker's name and every header whole on some line
        assert all(w in words for w in r["speaker"].split()), r["speaker"]
    assert {"speaker_country:", "document_id:"} <= words
    assert "--full" in result.stderr
    full = run("statements", "--db", seeds_db, "-n", "5", "--full")
    flat = " ".join(full.stdout.split())
    assert all(" ".join(r["text"].split()) in flat for r in rows)
    assert "…" not in full.stdout


def test_wide_terminal_keeps_a_table(seeds_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    result = run("pairs", "--db", seeds_db, "-n", "3")
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if "count" in line)
    assert re.search(r"a\s+┃\s+b\s+┃\s+count\s+┃\s+documents", header) and "a: " not in result.stdout


# -- citable rows ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["statements"], ["search", "union"], ["who-said", "-c", "Russia"],
                                     ["pairs", "--evidence", "-n", "2"]])
def test_every_statement_row_can_be_cited(seeds_db, command):
    rows = as_json(run(*command, "--db", seeds_db, "--json"))
    if command[0] == "pairs":
        rows = [s for r in rows for s in r["statements"]]
    assert rows
    con = sqlite3.connect(seeds_db)
    for r in rows:
        assert list(r) == queries.STATEMENT_COLUMNS + (["counted_as"] if command[0] == "pairs" else [])
        text, date = con.execute("select text, date from documents where id = ?", [r["document_id"]]).fetchone()
        if r["kind"] != "comment":  # a comment's text leaves out the blocks it quotes
            assert text[r["start"]:r["end"]] == r["text"]
        assert r["date"] in (date, None) or r["source"] == "comments"


# -- the command line itself -----------------------------------------------------------------------------

def test_a_zip_is_a_clear_error_and_creates_no_database(tmp_path):
    import zipfile

    z = tmp_path / "corpus.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("a.txt", "Russia and Kazakhstan met.")
    db = tmp_path / "z.db"
    result = run("ingest", z, "--db", db)
    assert result.exit_code == 2
    assert "is a zip archive" in result.output and "unpack it" in result.output
    assert not db.exists()


def test_duplicate_files_are_one_line_unless_listed(tmp_path):
    src = corpus(tmp_path, "Talks\n\nRussia and Kazakhstan met in Astana on Monday.\n", "a.txt")
    for name in ("b.txt", "c.txt", "d.txt"):
        (src / name).write_text((src / "a.txt").read_text())
    db = tmp_path / "d.db"
    result = run("ingest", src, "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("same text") == 1
    assert "3 files skipped: the same text as a stored document" in result.stderr
    (src / "e.txt").write_text((src / "a.txt").read_text())
    listed = run("ingest", src, "--db", db, "--show-duplicates")
    assert listed.exit_code == 0
    assert sorted(re.findall(r"duplicate: \S+/(\w\.txt)", listed.stderr)) == ["b.txt", "c.txt", "d.txt", "e.txt"]
