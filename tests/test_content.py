"""Never crash on content: arbitrary text through segmenter, quote extractor and store;
data printed literally; filter values passed to SQL as values."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from alliancecli import pipeline, queries, reader, store
from alliancecli.cli import app
from alliancecli.segment import segment

FRAGMENTS = [
    '"', "“", "”", "«", "»", "„", "'", "‘", "’", "\n", "\n\n", "\r\n", " ", "  1. ", "    2. ", "1. ",
    "Quote: Bob\n", "The comment was deleted.", " 9 December 2022 16: 56\n", "bob 9 December 2022 16: 56\n",
    "Bob Offline Bob\n", "Kazakhstan", "Russia", "NATO", "Tokayev", " said", ", said Putin.", "he said:",
    "According to officials, ", "word", ".", ",", ":", "—", "[Solovyov]", "(", ")", " pic.twitter.com/x",
    "— Jane Roe (@jroe) January 29, 2024", "Post At: Jan 30/2024 12:50AM",
]

paragraph = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
    st.text(max_size=60),
    st.just(""),
    # a huge paragraph: one line of many words, with an unbalanced quote somewhere
    st.integers(min_value=200, max_value=800).map(lambda n: '"' + "Kazakhstan said no, " * n),
)
documents = st.lists(paragraph, max_size=8).flatmap(
    lambda ps: st.sampled_from(["\n\n", "\n", "\r\n\r\n", " "]).map(lambda sep: sep.join(ps)))


@pytest.fixture(scope="module")
def nlp():
    from alliancecli import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return store.connect(tmp_path_factory.mktemp("prop") / "p.db", create=True)


def _tiles_cover(text: str, tiles) -> None:
    covered = [0] * len(text)
    for t in tiles:
        for i in range(t.start, t.end):
            covered[i] += 1
    assert covered == [1] * len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents)
def test_any_text_goes_through_the_whole_analysis(nlp, db, text):
    outline = segment(text)
    _tiles_cover(text, outline.tiled())
    units = pipeline.plan_units(outline)
    for u in units:
        assert 0 <= u.start <= u.end <= len(text)
    docs = list(nlp.pipe([text[u.start:u.end] for u in units]))
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    src = reader.SourceFile(f"prop/{sha}.txt", text, sha, "utf-8")
    rows = pipeline.analyse(pipeline.Prepared(src, outline, units, None), docs)
    n = len(text)
    for s in rows.statements:
        assert 0 <= s["start"] <= s["end"] <= n
        assert s["text"] == text[s["start"]:s["end"]]
        if s["speaker_start"] is not None:
            assert 0 <= s["speaker_start"] <= s["speaker_end"] <= n
    for m in rows.mentions:
        assert 0 <= m["start"] < m["end"] <= n and m["text"] == text[m["start"]:m["end"]]
    for c in rows.comments:
        assert 0 <= c["start"] <= c["end"] <= n and c["text"] == text[c["start"]:c["end"]]
    state = store.document_state(db, src.path)
    # None: this very text is stored under this path already (hypothesis repeats examples)
    doc_id = store.write_document(db, rows, state[0] if state else None) or state[0]
    stored = db.execute("select text from documents where id = ?", [doc_id]).fetchone()[0]
    assert stored == text
    for st_text, a, b in db.execute("select text, start, end from statements where document_id = ?", [doc_id]):
        assert st_text == stored[a:b]
    seg = sorted(db.execute("select start, end from segments where document_id = ?", [doc_id]).fetchall())
    if text:
        assert seg[0][0] == 0 and seg[-1][1] == n and all(x[1] == y[0] for x, y in zip(seg, seg[1:]))


# -- printed literally, filtered safely ---------------------------------------------------------------

runner = CliRunner()
MARKUP_TEXT = ('[bold]Gerashchenko[/bold] on [Solovyov]\n\n'
               '"They are not very optimistic about it, and [Solovyov] looks unhappy [red]today[/red]," '
               "Anton Gerashchenko wrote on Monday about Russia and China.\n")


@pytest.fixture(scope="module")
def markup_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("markup")
    (d / "[bold]odd[dim] name.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    db = d / "m.db"
    result = runner.invoke(app, ["ingest", str(d), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_data_is_printed_literally_not_as_markup(markup_db):
    env = {"COLUMNS": "250"}
    table = runner.invoke(app, ["statements", "--db", str(markup_db)], env=env)
    assert table.exit_code == 0, table.output
    # the text column wraps at word boundaries, so look for the words, not the whole line
    assert "[Solovyov]" in table.stdout and "[red]today[/red]" in table.stdout
    show = runner.invoke(app, ["show", "1", "--db", str(markup_db)], env=env)
    assert show.exit_code == 0, show.output
    assert "[bold]Gerashchenko[/bold] on [Solovyov]" in show.stdout
    assert "[bold]odd[dim] name.txt" in show.stdout


def test_file_names_in_messages_are_printed_literally(tmp_path):
    bad = tmp_path / "[red]scan[bold].txt"
    bad.write_bytes(b"%PDF-1.4 whatever")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "[red]scan[bold].txt" in result.stderr


@pytest.mark.parametrize("value", ["%", "_", "O'Brien", '"; drop table statements; --', "100%_sure\\", "[Solovyov]"])
def test_filter_values_are_sql_values_not_sql(markup_db, value):
    for args in (["statements", "--actor", value], ["statements", "--doc", value], ["search", value],
                 ["show", value]):
        result = runner.invoke(app, [*args, "--db", str(markup_db), "--json"])
        assert "Traceback" not in result.output
        if args[0] == "show" or args[1] == "--doc":
            title, path = sqlite3.connect(markup_db).execute("select title, path from documents").fetchone()
            if value in title or value in path:  # a part of the one document's title names it
                assert result.exit_code == 0, result.output
                continue
            assert result.exit_code == 2, result.output  # no document's path or title contains the value
            assert "no document matches" in result.output
            continue
        if args[1] == "--actor" and result.exit_code == 2:  # no actor is called so: a usage error
            assert "Unknown actor" in result.output
            continue
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)
        if args[1] == "--actor":  # only an actor whose name folds to the value ("[Solovyov]": Solovyov)
            assert rows and all(queries.actor_key(value) in queries.actor_key(r["speaker"]) for r in rows), rows
    con = sqlite3.connect(markup_db)
    assert con.execute("select count(*) from statements").fetchone()[0] > 0  # nothing was dropped


def test_filter_by_part_of_a_path_with_brackets_matches_it(markup_db):
    result = runner.invoke(app, ["statements", "--doc", "[bold]odd", "--db", str(markup_db), "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) >= 1
