"""Every command through typer's CliRunner, on databases in tmp_path, asserting on --json output."""
import json
import sqlite3
from pathlib import Path

import pytest

from alliancecli import queries
from alliancecli.cli import app
from helpers import as_json, corpus, run, runner

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def _commands(group, prefix=()):
    """Every command and subcommand of a click group, as (path, command) (typer bundles its own click: a group
    is what has subcommands)."""
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))


def test_every_command_and_subcommand_has_help():
    import typer

    commands = list(_commands(typer.main.get_command(app)))
    names = {" ".join(path) for path, _ in commands}
    assert {"ingest", "who-said", "pairs", "statements", "search", "actors", "show", "stats", "export graph",
            "export statements", "stance train", "stance eval", "timeline", "report", "browse"} <= names
    for path, cmd in commands:
        assert cmd.help, f"{' '.join(path)} has no help text"
        for flag in ("--help", "-h"):
            result = run(*path, flag)
            assert result.exit_code == 0, (path, flag, result.output)
            assert "Usage: " in result.output and cmd.help.split()[0] in result.output


def test_version():
    from importlib.metadata import version

    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"alliance {version('alliancecli')}\n"


def test_ingest_seeds_end_to_end(seeds_db):
    con = sqlite3.connect(seeds_db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 5
    assert con.execute("select count(*) from comments").fetchone()[0] == 36
    assert con.execute("select count(*) from statements where kind != 'comment' and comment_id is null").fetchone()[0] >= 25
    # the scorer's contract: statement text is a slice of the document text
    for text, start, end, doc in con.execute(
            "select s.text, s.start, s.end, d.text from statements s join documents d on d.id = s.document_id"):
        assert doc[start:end] == text


def test_reingest_unchanged_does_nothing(seeds_copy):
    result = run("ingest", SEEDS, "--db", seeds_copy, "--json")
    summary = as_json(result)
    assert summary["unchanged"] == 5 and summary["new"] == 0 and summary["changed"] == 0
    con = sqlite3.connect(seeds_copy)
    assert con.execute("select count(*) from documents").fetchone()[0] == 5


def test_the_same_text_under_another_path_is_not_a_second_document(tmp_path, monkeypatch):
    """A folder given once relatively and once absolutely, or a copy of a file, is counted once."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Title\n\nRussia and Belarus signed the treaty in Minsk on Monday.\n")
    db = tmp_path / "t.db"
    monkeypatch.chdir(tmp_path)
    assert as_json(run("ingest", "in", "--db", db, "--json"))["new"] == 1
    again = run("ingest", src.resolve(), "--db", db, "--json")
    assert as_json(again)["unchanged"] == 1 and as_json(again)["new"] == 0
    assert "1 file skipped: the same text as a stored document" in again.stderr
    (src / "copy.txt").write_text((src / "a.txt").read_text())
    assert as_json(run("ingest", "in", "--db", db, "--json"))["new"] == 0
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    assert con.execute("select count(*) from pairs").fetchone()[0] == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_copies_in_one_run_are_stored_once(tmp_path, workers):
    """Two copies read in the same run: the second is seen before the first is written."""
    text = "Title\n\nRussia and Belarus signed the treaty in Minsk on Monday.\n"
    src = corpus(tmp_path, text, "a.txt")
    (src / "b.txt").write_text(text)
    (src / "c.txt").write_text("Other\n\nKazakhstan and China met in Astana.\n")
    db = tmp_path / "t.db"
    result = run("ingest", src, "--db", db, "--json", "--workers", workers, "--show-duplicates")
    summary = as_json(result)
    assert (summary["new"], summary["unchanged"]) == (2, 1)
    assert f"b.txt: same text as {src / 'a.txt'}" in result.stderr
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("select path from documents order by path")] == \
        [str(src / "a.txt"), str(src / "c.txt")]


def test_changed_file_replaces_its_rows(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    f = src / "a.txt"
    f.write_text('Title\n\n"We will never join any alliance with them," said John Smith.\n', encoding="utf-8")
    db = tmp_path / "t.db"
    assert as_json(run("ingest", src, "--db", db, "--json"))["new"] == 1
    f.write_text('Title\n\n"Integration with Russia is the only way," said Jane Doe.\n', encoding="utf-8")
    assert as_json(run("ingest", src, "--db", db, "--json"))["changed"] == 1
    rows = as_json(run("statements", "--db", db, "--json"))
    speakers = {r["speaker"] for r in rows if r["kind"] == "quote"}
    assert speakers == {"Jane Doe"}
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 1


def test_who_said_kazakhstan(seeds_db):
    rows = as_json(run("who-said", "--country", "Kazakhstan", "--db", seeds_db, "--json"))
    officials = [r for r in rows if r["source"] == "article" and r["speaker_country"] == "Kazakhstan"]
    assert {r["speaker"] for r in officials} >= {"Roman Vasilenko", "Beibit Apsenbetov"}
    comments = [r for r in rows if r["source"] == "comments"]
    assert comments and all("Kazakh" in r["text"] or "Kazy" in r["text"] or "Nur-Sultan" in r["text"]
                            or "Nazarbayev" in r["text"] or r["speaker_country"] == "Kazakhstan"
                            for r in comments)
    assert list(rows[0]) == queries.STATEMENT_COLUMNS  # the same columns as every statement row


def test_who_said_normalizes_and_narrows(seeds_db):
    by_name = as_json(run("who-said", "--country", "kazakh", "--db", seeds_db, "--json"))
    by_code = as_json(run("who-said", "--country", "KAZ", "--db", seeds_db, "--json"))
    assert by_name == by_code and by_name
    from_only = as_json(run("who-said", "--from", "Kazakhstan", "--db", seeds_db, "--json"))
    assert from_only and all(r["speaker_country"] == "Kazakhstan" for r in from_only)
    comments = as_json(run("who-said", "--country", "Kazakhstan", "--source", "comments", "--db", seeds_db, "--json"))
    assert comments and all(r["source"] == "comments" for r in comments)
    grouped = as_json(run("who-said", "--country", "Kazakhstan", "--group", "speaker", "--db", seeds_db, "--json"))
    assert sum(g["statements"] for g in grouped) == len(by_name)


def test_pairs_min_mentions(seeds_db):
    rows = as_json(run("pairs", "--min-mentions", "3", "--db", seeds_db, "--json"))
    got = {(r["a"], r["b"]) for r in rows}
    assert {("Belarus", "Russia"), ("China", "Russia"), ("Kazakhstan", "Russia")} <= got
    assert all(r["count"] >= 3 and r["documents"] >= 1 for r in rows)
    assert rows == sorted(rows, key=lambda r: (-r["count"], r["a"], r["b"]))


def test_pairs_count_matches_a_hand_count(tmp_path):
    src = corpus(tmp_path,
                 "Talks\n\n"
                 "Russia and Belarus signed a deal. Kazakhstan watched.\n\n"
                 "Moscow and Minsk met again, and the Kremlin praised Belarus.\n\n"
                 "China and Russia did not meet.\n")
    db = tmp_path / "p.db"
    as_json(run("ingest", src, "--db", db, "--json"))
    rows = as_json(run("pairs", "--db", db, "--json"))
    counts = {(r["a"], r["b"]): r["count"] for r in rows}
    # sentence 1: Russia+Belarus; sentence 3: Russia(Moscow, Kremlin)+Belarus(Minsk, Belarus); sentence 4: China+Russia
    assert counts == {("Belarus", "Russia"): 2, ("China", "Russia"): 1}
    doc_level = as_json(run("pairs", "--within", "document", "--db", db, "--json"))
    assert {(r["a"], r["b"]) for r in doc_level} == {("Belarus", "Russia"), ("China", "Russia"),
                                                    ("Belarus", "China"), ("Belarus", "Kazakhstan"),
                                                    ("Kazakhstan", "Russia"), ("China", "Kazakhstan")}


def test_statements_filters(seeds_db):
    pair = as_json(run("statements", "--pair", "Russia", "Belarus", "--db", seeds_db, "--json"))
    assert pair and all(("Russia" in r["text"] or "Moscow" in r["text"] or "Russian" in r["text"]
                         or "RF" in r["text"] or "Kremlin" in r["text"]) for r in pair)
    oppose = as_json(run("statements", "--stance", "oppose", "--db", seeds_db, "--json"))
    assert oppose and all(r["stance"] == "oppose" for r in oppose)
    actor = as_json(run("statements", "--actor", "Peskov", "--db", seeds_db, "--json"))
    assert actor and all("Peskov" in r["speaker"] for r in actor)
    limited = as_json(run("statements", "--limit", "2", "--db", seeds_db, "--json"))
    assert len(limited) == 2


def test_output_formats_share_columns(seeds_db):
    js = as_json(run("pairs", "--min-mentions", "3", "--db", seeds_db, "--json"))
    nl = run("pairs", "--min-mentions", "3", "--db", seeds_db, "--nl")
    assert [json.loads(line) for line in nl.stdout.splitlines()] == js
    csv_out = run("pairs", "--min-mentions", "3", "--db", seeds_db, "--csv")
    header = csv_out.stdout.splitlines()[0].split(",")
    assert header == list(js[0])
    assert len(csv_out.stdout.splitlines()) == len(js) + 1
    assert run("pairs", "--json", "--csv", "--db", seeds_db).exit_code == 2


@pytest.mark.parametrize("command", [["who-said", "--country", "Russia"], ["statements"], ["search", "Russia"],
                                     ["actors"], ["pairs"]], ids=lambda c: c[0])
def test_list_commands_page_and_say_so(seeds_db, monkeypatch, command):
    every = as_json(run(*command, "--all", "--db", seeds_db, "--json"))
    assert len(every) > 4
    monkeypatch.setattr("alliancecli.output.PAGE", 3)  # the default page, made small enough to matter
    first = run(*command, "--db", seeds_db, "--json")
    assert as_json(first) == every[:3]
    assert f"rows 1-3 of {len(every)}; next page: --offset 3" in first.stderr
    second = run(*command, "--offset", "3", "--limit", "2", "--db", seeds_db, "--json")
    assert as_json(second) == every[3:5]
    assert f"rows 4-5 of {len(every)}" in second.stderr
    last = run(*command, "--offset", str(len(every) - 1), "--db", seeds_db, "--nl")
    assert [json.loads(line) for line in last.stdout.splitlines()] == every[-1:]
    assert "next page" not in last.stderr
    beyond = run(*command, "--offset", str(len(every) + 1), "--db", seeds_db, "--csv")
    assert beyond.exit_code == 0 and beyond.stdout.count("\n") == 1  # the header only
    assert f"there are {len(every)}" in beyond.stderr
    whole = run(*command, "--all", "--db", seeds_db, "--nl")
    assert [json.loads(line) for line in whole.stdout.splitlines()] == every and not whole.stderr


def test_all_and_limit_exclude_each_other(seeds_db):
    result = run("statements", "--all", "--limit", "5", "--db", seeds_db)
    assert result.exit_code == 2
    assert "--all and --limit exclude each other" in result.output


def test_a_page_that_holds_everything_says_nothing(seeds_db):
    result = run("who-said", "--country", "Kazakhstan", "--db", seeds_db, "--json")
    assert as_json(result) and result.stderr == ""


def test_empty_result_is_an_empty_array(seeds_db):
    rows = as_json(run("who-said", "--country", "Bhutan", "--db", seeds_db, "--json"))
    assert rows == []


def test_search_is_safe_with_punctuation(seeds_db):
    rows = as_json(run("search", "alliance", "--db", seeds_db, "--json"))
    assert rows and all("allian" in r["text"].lower() for r in rows)
    for q in ['"unbalanced', "NEAR(", "a AND OR", "*", "[Solovyov]", "-:"]:
        assert run("search", "--db", seeds_db, "--json", "--", q).exit_code == 0


def test_show_and_actors_and_stats(seeds_db):
    o = as_json(run("show", "003", "--db", seeds_db, "--json"))
    assert o["title"].startswith("Russian Military Alliance")
    assert any(b["reason"] for b in o["boilerplate"])
    assert any("guest" in (s["speaker"] or "") for s in o["statements"])
    actors = as_json(run("actors", "--kind", "person", "--db", seeds_db, "--json"))
    names = {a["name"] for a in actors}
    assert "Vladimir Putin" in names and "Dmitry Peskov" in names
    assert all(a["kind"] == "person" for a in actors)
    kz = as_json(run("actors", "--country", "Kazakhstan", "--db", seeds_db, "--json"))
    assert any(a["name"] == "Roman Vasilenko" for a in kz)
    stats = as_json(run("stats", "--db", seeds_db, "--json"))
    assert stats["documents"] == 5 and stats["comments"] == 36
    assert stats["acts"] == len(as_json(run("acts", "--all", "--db", seeds_db, "--json"))) > 0


def test_table_output_keeps_brackets_literal(seeds_db):
    result = runner.invoke(app, ["search", "Solovyov", "--db", str(seeds_db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert "[Solovyov]" in result.stdout


# -- bad input -------------------------------------------------------------------------------------


def test_missing_path_is_a_usage_error(tmp_path):
    result = run("ingest", tmp_path / "nope", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "no such file" in result.output
    assert not (tmp_path / "x.db").exists()


def test_query_on_missing_database_creates_nothing(tmp_path):
    db = tmp_path / "missing.db"
    for cmd in (["who-said", "--country", "Russia"], ["pairs"], ["statements"], ["actors"], ["search", "x"],
                ["stats"], ["show", "1"]):
        result = run(*cmd, "--db", db)
        assert result.exit_code == 1, cmd
        assert "run 'alliance ingest" in result.output
    assert not db.exists()


def test_unknown_country_in_pair_suggests(seeds_db):
    result = run("statements", "--pair", "Russia", "Belaruss", "--db", seeds_db, "--json")
    assert result.exit_code == 2
    assert "Belarus" in result.output


def test_empty_and_binary_files_are_skipped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (src / "good.txt").write_text('Title\n\nRussia and China met.\n')
    db = tmp_path / "b.db"
    result = run("ingest", src, "--db", db, "--json")
    summary = as_json(result)
    assert summary["new"] == 1 and summary["failed"] == 1 and summary["skipped"] == 1
    assert "binary file" in result.stderr
    # everything failed -> exit 1, and the database keeps what it had
    src2 = tmp_path / "bad"
    src2.mkdir()
    (src2 / "binary.txt").write_bytes(b"\x00\x00")
    assert run("ingest", src2, "--db", db).exit_code == 1
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0] == 1


def test_cp1251_file_is_decoded_with_warning(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ru.txt").write_bytes("Заголовок\n\nПрезидент Казахстана и Россия.\n".encode("cp1251"))
    db = tmp_path / "r.db"
    result = run("ingest", src, "--db", db)
    assert result.exit_code == 0
    assert "cp1251" in result.stderr
    text = sqlite3.connect(db).execute("select text from documents").fetchone()[0]
    assert "Президент Казахстана" in text


def test_missing_model_is_one_clear_line(tmp_path):
    result = run("ingest", SEEDS, "--db", tmp_path / "m.db", "--model", "no_such_pipeline_xx")
    assert result.exit_code == 1
    assert "no_such_pipeline_xx" in result.output and "install" in result.output
