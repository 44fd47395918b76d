"""Acts aimed at a target (issue 12): what the learned frames attribute that is no statement ("criticized the
deal"), stored apart from the statements, listed by ``alliance acts`` and exported."""
import json
import sqlite3

from typer.testing import CliRunner

from alliancecli import pipeline
from alliancecli.cli import app
from alliancecli.quotes import frames

runner = CliRunner()


def _acts(db, *args):
    result = runner.invoke(app, ["acts", "--db", str(db), "--json", "--all", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_act_is_words_of_its_document_with_a_learned_frame(seeds_db):
    rows = _acts(seeds_db)
    assert rows
    con = sqlite3.connect(seeds_db)
    texts = dict(con.execute("select id, text from documents"))
    used, _ = frames.act_model()
    for r in rows:
        assert texts[r["document_id"]][r["start"]:r["end"]] == r["text"]
        assert r["speaker"] and r["cue"] and r["frame"] in used


def test_acts_are_no_statements(seeds_db):
    con = sqlite3.connect(seeds_db)
    overlapping = con.execute("""select count(*) from acts a join statements s on s.document_id = a.document_id
                                 and s.start < a.end and a.start < s.end""").fetchone()[0]
    assert overlapping == 0


def test_actor_filter_and_unknown_actor(seeds_db):
    everyone = _acts(seeds_db)
    putin = _acts(seeds_db, "--actor", "putin")
    assert putin and {r["speaker"] for r in putin} == {"Vladimir Putin"}
    assert len(putin) < len(everyone)
    result = runner.invoke(app, ["acts", "--db", str(seeds_db), "--actor", "Nobody Atall"])
    assert result.exit_code == 2 and "Unknown actor" in result.output


def test_export_streams_every_act(seeds_db):
    result = runner.invoke(app, ["export", "acts", "--nl", "--db", str(seeds_db)])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == sqlite3.connect(seeds_db).execute("select count(*) from acts").fetchone()[0]


def test_a_changed_document_replaces_its_acts(tmp_path):
    f, db = tmp_path / "a.txt", tmp_path / "a.db"
    f.write_text("A title\n\nSenator Jane Miller sharply criticized the mayor's budget on Monday.\n")
    pipeline.ingest([f], db)
    first = [r[0] for r in sqlite3.connect(db).execute("select text from acts")]
    f.write_text("A title\n\nSenator Jane Miller praised the mayor's budget on Monday.\n")
    pipeline.ingest([f], db)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    assert [r[0] for r in con.execute("select cue from acts")] == ["praised"] and first == ["the mayor's budget"]
