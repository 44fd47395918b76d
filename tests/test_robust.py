"""Issue 17: nothing lost, nothing injected.

Concurrent writers, outputs that would overwrite a database, read-only and corrupt databases,
full disks, silent losses in the readers, crashes on hostile input, terminal escapes and
spreadsheet formulas in the output, and the bounded size of what spaCy reads at once.
The concurrency, file-size-limit and read-only tests run ``alliance`` as real processes.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import alliancecli
from alliancecli import pipeline, reader, sources, store
from alliancecli.cli import app

runner = CliRunner()
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and file modes")
COUNTRIES = ["Kazakhstan", "Russia", "China", "Iran", "Belarus", "Uzbekistan", "Armenia", "Turkey"]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(alliancecli.__file__).resolve().parent.parent) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("ALLIANCE_DB", None)
    return env


def _articles(folder: Path, n: int, offset: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(offset, offset + n):
        a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
        paras = [f"Article {i}: {a} and {b} talk about an alliance",
                 f'"We will not join any bloc against {b}," the foreign minister of {a} said on day {i}.',
                 f"Officials in {b} answered that cooperation with {a} would continue."]
        (folder / f"doc{i:03d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return folder


def _alliance(*args, cwd: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "alliancecli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env(), cwd=cwd, text=True, **kw)


def _content(db: Path) -> dict:
    """What a database holds, whatever the paths: texts, statements and actors, as multisets."""
    con = sqlite3.connect(db)
    docs = Counter(r[0] for r in con.execute("select sha256 from documents"))
    stmts = Counter(con.execute("""select d.sha256, s.text, s.speaker, s.stance from statements s
                                   join documents d on d.id = s.document_id"""))
    actors = Counter(con.execute("select name, kind, mentions, statements from actors"))
    con.close()
    return {"documents": docs, "statements": stmts, "actors": actors}


# -- 1. two writers at once ---------------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("case", ["absolute and relative path", "same path", "different folders"])
def test_two_ingests_at_once_store_each_text_once(tmp_path, case):
    _articles(tmp_path / "in", 30)
    if case == "different folders":
        _articles(tmp_path / "other", 30, offset=100)
        first, second = tmp_path / "in", "other"
    elif case == "same path":
        first, second = "in", "in"
    else:
        first, second = tmp_path / "in", "in"
    db = tmp_path / "both.db"
    procs = [_alliance("ingest", p, "--db", db, "--json", cwd=tmp_path) for p in (first, second)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, errs) in zip(procs, outs):
        assert p.returncode == 0, errs
        assert "Traceback" not in errs and "locked" not in errs, errs
    single = tmp_path / "single.db"
    one = _alliance("ingest", *({first, second} if case == "different folders" else [first]), "--db", single,
                    cwd=tmp_path)
    assert one.wait(timeout=600) == 0, one.stderr.read()
    got, want = _content(db), _content(single)
    assert max(got["documents"].values()) == 1  # not one text twice
    assert got == want


# -- 2. no command destroys a database; queries never write ---------------------------------------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_traceback(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["export", "statements"], ["export", "mentions", "--nl"], ["export", "graph"]])
def test_export_never_writes_over_its_own_database(seeds_copy, tmp_path, command):
    before = _sha(seeds_copy)
    for target in (seeds_copy, tmp_path / "." / seeds_copy.name):  # the file, and the file by another name
        r = runner.invoke(app, [*command, "-o", str(target), "--db", str(seeds_copy)])
        assert r.exit_code == 1, r.output
        assert "database being read" in r.stderr
        _no_traceback(r)
    r = runner.invoke(app, [*command, "-o", str(seeds_copy), "--force", "--db", str(seeds_copy)])
    assert r.exit_code == 1  # not even with --force
    assert _sha(seeds_copy) == before


def test_export_over_another_sqlite_file_needs_force(seeds_copy, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    before = _sha(other)
    r = runner.invoke(app, ["export", "statements", "-o", str(other), "--db", str(seeds_copy)])
    assert r.exit_code == 1 and "is a SQLite database" in r.stderr and "--force" in r.stderr
    assert _sha(other) == before
    r = runner.invoke(app, ["export", "statements", "-o", str(other), "--force", "--db", str(seeds_copy)])
    assert r.exit_code == 0, r.output
    assert other.read_text(encoding="utf-8").startswith("id,")


@pytest.mark.parametrize("target,message", [(".", "is a folder"), ("missing/out.csv", "no folder")])
def test_export_to_a_folder_or_a_missing_folder_is_a_clear_error(seeds_copy, tmp_path, target, message):
    r = runner.invoke(app, ["export", "statements", "-o", str(tmp_path / target), "--db", str(seeds_copy)])
    assert r.exit_code == 1 and message in r.stderr, r.output
    _no_traceback(r)


@pytest.mark.parametrize("command", [["stats"], ["statements"], ["actors"], ["export", "statements"]])
def test_a_query_never_turns_an_empty_file_into_a_database(tmp_path, command):
    empty = tmp_path / "empty.db"
    empty.touch()
    r = runner.invoke(app, [*command, "--db", str(empty)])
    assert r.exit_code == 1 and "empty file" in r.stderr, r.output
    assert empty.stat().st_size == 0
    assert not Path(str(empty) + "-wal").exists()


def test_a_query_leaves_a_sqlite_file_of_another_tool_alone(tmp_path):
    other = tmp_path / "notes.db"
    sqlite3.connect(other).execute("create table notes (x)").connection.commit()
    before = _sha(other)
    r = runner.invoke(app, ["stats", "--db", str(other)])
    assert r.exit_code == 1 and "not an alliance database" in r.stderr, r.output
    assert _sha(other) == before


def _corrupt(db: Path) -> None:
    """Overwrite the root page of the statements table with garbage, as a bad disk would."""
    con = sqlite3.connect(db)
    page = con.execute("pragma page_size").fetchone()[0]
    root = con.execute("select rootpage from sqlite_master where name = 'statements'").fetchone()[0]
    con.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page)
        f.write(bytes((i * 37 + 11) % 256 for i in range(page)))


@pytest.mark.parametrize("command", [
    ["stats"], ["statements", "--json"], ["search", "alliance"], ["export", "statements"], ["show", "1"],
    ["ingest", "IN"]])
def test_a_corrupt_database_is_named_and_left_alone(seeds_copy, tmp_path, command):
    _corrupt(seeds_copy)
    before = _sha(seeds_copy)
    args = [str(_articles(tmp_path / "in", 1)) if a == "IN" else a for a in command]
    r = runner.invoke(app, [*args, "--db", str(seeds_copy)])
    assert r.exit_code == 1, r.output
    assert "is corrupt" in r.stderr and ".recover" in r.stderr, r.stderr
    _no_traceback(r)
    assert _sha(seeds_copy) == before


def _read_only_runner(folder: Path):
    """How to run a command that sees ``folder`` read-only: file modes for a user; for root, who
    ignores them, a read-only bind mount in a mount namespace of its own."""
    if os.geteuid() != 0:
        return []
    import shutil

    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True) if shutil.which("unshare") else None
    if probe is None or probe.returncode != 0:
        pytest.skip("running as root without mount namespaces: nothing is read-only")
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" "{folder}" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh"]


@POSIX
def test_a_read_only_database_in_a_read_only_folder_answers_queries(seeds_db, tmp_path):
    import shutil

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "ro.db"
    shutil.copy(seeds_db, db)
    before = _sha(db)
    want = json.loads(runner.invoke(app, ["stats", "--json", "--db", str(seeds_db)]).stdout)
    prefix = _read_only_runner(folder)
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        def alliance(*args):
            p = subprocess.run([*prefix, sys.executable, "-m", "alliancecli", *map(str, args), "--db", str(db)],
                               capture_output=True, text=True, env=_env(), cwd=tmp_path, timeout=600)
            return p.returncode, p.stdout, p.stderr

        code, out, errs = alliance("stats", "--json")
        assert code == 0, errs
        got = json.loads(out)
        assert {k: got[k] for k in ("documents", "statements")} == {k: want[k] for k in ("documents", "statements")}
        code, out, errs = alliance("statements", "--json", "--limit", "3")
        assert code == 0 and len(json.loads(out)) == 3, errs
        code, out, errs = alliance("ingest", ROOT_SEEDS)
        assert code == 1 and "read-only" in errs, errs
        assert "Traceback" not in errs and len(errs.strip().splitlines()) == 1, errs
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert _sha(db) == before
    assert sorted(p.name for p in folder.iterdir()) == ["ro.db"]


ROOT_SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


@POSIX
def test_a_full_disk_stops_the_ingest_with_one_line_and_whole_documents(tmp_path):
    import resource

    db = tmp_path / "full.db"
    r = runner.invoke(app, ["ingest", str(_articles(tmp_path / "first", 1)), "--db", str(db)])
    assert r.exit_code == 0, r.output
    limit = db.stat().st_size + 48 * 1024

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    p = _alliance("ingest", _articles(tmp_path / "more", 60, offset=10), "--db", db, cwd=tmp_path,
                  preexec_fn=small_files)
    out, errs = p.communicate(timeout=600)
    assert p.returncode == 1, errs
    assert "Traceback" not in errs
    assert errs.strip().splitlines()[-1].startswith("Error: cannot write to"), errs
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    n = con.execute("select count(*) from documents").fetchone()[0]
    assert 1 <= n < 61
    for text, start, end, doc in con.execute(
            "select s.text, s.start, s.end, d.text from statements s join documents d on d.id = s.document_id"):
        assert doc[start:end] == text
    assert con.execute("select count(*) from documents d where not exists "
                       "(select 1 from segments s where s.document_id = d.id)").fetchone()[0] == 0


# -- 3. silent losses: every text is stored whole, or named -------------------------------------------


GOOD = ('Kazakhstan and Russia\n\n"We will never join a military alliance with them," said Kassym-Jomart Tokayev, '
        'the president of Kazakhstan.\n')


def _summary(result) -> dict:
    assert "Traceback" not in result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def _file_text(db: Path, name: str) -> str:
    """The stored text of a file, its parts joined in order."""
    con = sqlite3.connect(db)
    rows = con.execute("select path, text from documents where path like ?", [f"%{name}%"]).fetchall()
    key = lambda r: int(r[0].rsplit("#part-", 1)[1]) if "#part-" in r[0] else 0  # noqa: E731
    return "".join(t for _, t in sorted(rows, key=key))


def test_a_long_line_without_whitespace_is_stored_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "PART_CHARS", 1000)
    line = "x" * 50_000  # cut into 50 identical parts: none of them is 'the same text as' another
    src = tmp_path / "in"
    src.mkdir()
    (src / "line.txt").write_text(line, encoding="utf-8")
    db = tmp_path / "a.db"
    s = _summary(runner.invoke(app, ["ingest", str(src), "--db", str(db), "--json"]))
    assert (s["new"], s["unchanged"]) == (50, 0)
    assert _file_text(db, "line.txt") == line


def test_utf32_with_a_byte_order_mark_is_decoded(tmp_path, monkeypatch):
    text = "Kazakhstan and Russia\n\nThe ministers met in Astana. \u00c9t\u00e9 \u0436\u0430\u0440\u0430.\n"
    for codec in ("utf-32", "utf-32-be"):
        f = tmp_path / f"{codec}.txt"
        data = text.encode(codec)
        f.write_bytes(data if codec == "utf-32" else b"\x00\x00\xfe\xff" + data)
        got = reader.read_file(f)
        assert got.text == text and "UTF-32" in got.warning
    monkeypatch.setattr(sources, "PART_CHARS", 500)  # the streaming reader too
    big = tmp_path / "big.txt"
    big.write_bytes((text * 40).encode("utf-32"))
    parts = list(sources.read(big))
    assert len(parts) > 1 and "".join(p.text for p in parts) == text * 40
    assert not any("\x00" in p.text for p in parts)


def test_a_csv_quote_that_is_never_closed_fails_its_row_and_keeps_the_rest(tmp_path):
    f = tmp_path / "rows.csv"
    f.write_text('id,text\n1,"Russia and China met\n2,Kazakhstan said no\n3,Iran said yes\n', encoding="utf-8")
    got = list(sources.read(f))
    bad = [r for r in got if isinstance(r, sources.BadRow)]
    docs = [r for r in got if not isinstance(r, sources.BadRow)]
    assert len(bad) == 1 and "line 2" in bad[0].reason and "never closed" in bad[0].reason
    assert [d.text for d in docs] == ["Kazakhstan said no", "Iran said yes"]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "hidden.txt").write_text(GOOD, encoding="utf-8")
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":  # what a folder without read permission does (root ignores modes)
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "a.db"), "--json"])
    s = _summary(r)
    assert s["new"] == 1 and s["failed"] == 1
    assert s["failures"][0]["path"].endswith("locked") and "Permission denied" in s["failures"][0]["reason"]
    assert "locked" in r.stderr


def test_lone_cr_line_endings_give_a_title_and_paragraphs(tmp_path):
    f = tmp_path / "mac.txt"
    f.write_bytes(GOOD.replace("\n", "\r").encode("utf-8") + b"\rA second paragraph about China.\r")
    doc = next(iter(sources.read(f)))
    o = sources.outline(doc)
    assert o.title == "Kazakhstan and Russia"
    assert len(o.body) == 2


def test_a_file_rewritten_during_the_ingest_is_stored_as_one_version(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "PART_CHARS", 2000)
    monkeypatch.setattr(reader, "STREAM_BLOCK", 1024)
    old = "\n\n".join(f"Paragraph {i}: Kazakhstan and Russia talk about trade and the alliance again." * 4
                      for i in range(40))
    src = tmp_path / "in"
    src.mkdir()
    f = src / "dump.txt"
    f.write_text(old, encoding="utf-8")
    db = tmp_path / "a.db"

    def rewrite(kind, path, detail):
        if kind == "new" and f.read_text(encoding="utf-8") == old:
            f.write_text(old.replace("Paragraph", "Rewritten"), encoding="utf-8")

    pipeline.ingest([src], db, batch_size=1, on_event=rewrite)
    assert _file_text(db, "dump.txt") == old  # every part from the version read first, none from the new one


# -- 4. crashes that ended the whole run ------------------------------------------------------------------


def test_json_nested_100000_deep_fails_alone(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (src / "deep.jsonl").write_text('{"text": "Russia and China met."}\n' + '{"text": ' + "[" * 100_000
                                    + "]" * 100_000 + "}\n", encoding="utf-8")
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    s = _summary(runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "a.db"), "--json"]))
    assert s["new"] == 2 and s["failed"] == 2
    assert all("nested too deeply" in f["reason"] for f in s["failures"])


@POSIX
def test_a_file_name_that_is_not_utf8_is_stored_escaped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsencode(src) + b"/caf\xe9.txt"
    with open(name, "wb") as f:
        f.write(GOOD.encode("utf-8"))
    (src / "good.txt").write_text(GOOD.replace("Kazakhstan.", "Kazakhstan!"), encoding="utf-8")
    db = tmp_path / "a.db"
    s = _summary(runner.invoke(app, ["ingest", str(src), "--db", str(db), "--json"]))
    assert s["new"] == 2, s
    paths = [r[0] for r in sqlite3.connect(db).execute("select path from documents order by path")]
    assert paths[0].endswith("caf\\xe9.txt")
    shown = runner.invoke(app, ["show", "caf", "--db", str(db)])
    assert shown.exit_code == 0 and "caf\\xe9.txt" in shown.stdout
    assert _summary(runner.invoke(app, ["ingest", str(src), "--db", str(db), "--json"]))["unchanged"] == 2


class _Killed(BaseException):
    pass


def test_actors_are_rebuilt_after_a_kill_between_the_last_document_and_the_rebuild(tmp_path, monkeypatch):
    src = _articles(tmp_path / "in", 3)
    db = tmp_path / "a.db"

    def killed(*args, **kwargs):
        raise _Killed

    with monkeypatch.context() as m:
        m.setattr(store, "refresh_actors", killed)
        with pytest.raises(_Killed):
            pipeline.ingest([src], db)
    assert sqlite3.connect(db).execute("select count(*) from actors").fetchone()[0] == 0
    s = pipeline.ingest([src], db)
    assert s.unchanged == 3
    single = tmp_path / "single.db"
    pipeline.ingest([src], single)
    assert _content(db)["actors"] == _content(single)["actors"] and _content(db)["actors"]


# -- 5. hostile content: terminal escapes and spreadsheet formulas ------------------------------------------


ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b]8;;http://evil.example\x07link\x1b]8;;\x07\x9b31m"
IN_QUOTE = "\x1b[2J\x1b]0;owned\x07\x9b31m"
HOSTILE = (f"Kazakhstan and Russia {ESCAPES}\n\n"
           f'"We will never join {IN_QUOTE} a military alliance with them," said Kassym-Jomart Tokayev, '
           "the president of Kazakhstan.\n\n"
           "Comments\n\n"
           "  1. reader 9 December 2022 16: 56\n"
           '    =HYPERLINK("http://evil.example","Russia")\n\n'
           "  2. other 9 December 2022 17: 02\n"
           "    @SUM(1+1) Kazakhstan and Russia\n")


@pytest.fixture
def hostile_db(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "news\x1b[2J.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "h.db"
    r = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.stderr
    return db


@pytest.mark.parametrize("command", [
    ["show", "1"], ["statements"], ["search", "alliance"], ["who-said", "--country", "Kazakhstan"],
    ["pairs", "--evidence"]])
def test_terminal_escapes_from_the_data_are_neutralised(hostile_db, command):
    r = runner.invoke(app, [*command, "--db", str(hostile_db)])
    assert r.exit_code == 0, r.output
    assert not any(c in r.output for c in "\x1b\x07\x9b"), repr(r.output[:400])
    if command[0] in ("show", "statements", "search"):
        assert "\u241b[2J" in r.stdout  # shown, as ␛[2J


def test_json_keeps_the_data_exact(hostile_db):
    rows = json.loads(runner.invoke(app, ["statements", "--json", "--db", str(hostile_db)]).stdout)
    assert any(IN_QUOTE in r["text"] for r in rows)
    shown = json.loads(runner.invoke(app, ["show", "1", "--json", "--db", str(hostile_db)]).stdout)
    assert ESCAPES in shown["title"]


def test_csv_cells_that_would_run_as_formulas_are_quoted(hostile_db):
    import csv
    import io

    for command in (["statements", "--source", "comments", "--csv"], ["export", "comments"]):
        out = runner.invoke(app, [*command, "--db", str(hostile_db)]).stdout
        cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
        assert "'=HYPERLINK(\"http://evil.example\",\"Russia\")" in cells, out
        assert "'@SUM(1+1) Kazakhstan and Russia" in cells
        assert not any(c.startswith(("=", "@", "+")) for c in cells)
        exact = [c for c in command if c != "--csv"] + ["--raw-csv"]
        raw = runner.invoke(app, [*exact, "--db", str(hostile_db)]).stdout
        assert "=HYPERLINK(\"http://evil.example\",\"Russia\")" in [c for row in csv.reader(io.StringIO(raw))
                                                                    for c in row]


# -- 6. memory: what one spaCy call reads is bounded -----------------------------------------------------


def test_long_paragraphs_are_cut_at_sentence_ends_below_the_limit():
    from alliancecli.quotes import Unit

    sentence = "Kazakhstan and Russia signed a treaty on trade and security. "
    text = "Title\n\n" + sentence * 500 + "\n\n" + "y" * 25_000
    first = Unit(7, 7 + len(sentence) * 500, "body")
    second = Unit(first.end + 2, len(text), "body")
    pieces = pipeline.bounded([first, second], text, limit=1000)
    assert all(p.end - p.start <= 1000 for p in pieces)
    assert [(p.start, p.end) for p in pieces][0][0] == first.start and pieces[-1].end == second.end
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]) if a.end != first.end)
    assert all(text[p.start:p.end].endswith(". ") for p in pieces if p.end <= first.end)  # whole sentences
    assert {p.kind for p in pieces} == {"body"}


def test_batches_are_bounded_by_characters():
    seen = []

    class Recorder:
        def pipe(self, items, batch_size, as_tuples):
            items = list(items)
            seen.append(sum(len(t) for t, _ in items))
            return ((t, c) for t, c in items)

    items = [("a" * n, i) for i, n in enumerate([40_000, 40_000, 40_000, 10, 90_000, 5])]
    out = list(pipeline.pipe_bounded(Recorder(), items, batch_size=64, max_chars=100_000))
    assert [c for _, c in out] == list(range(6))
    assert max(seen) <= 100_000 and len(seen) == 3


def test_spacy_never_reads_more_than_unit_chars_at_once(tmp_path, monkeypatch):
    from alliancecli import nlp as nlp_mod

    real = nlp_mod.load()
    longest = []

    class Watch:
        def __getattr__(self, name):
            return getattr(real, name)

        def pipe(self, items, **kwargs):
            def watched():
                for text, ctx in items:
                    longest.append(len(text))
                    yield text, ctx
            return real.pipe(watched(), **kwargs)

    monkeypatch.setattr(nlp_mod, "load", lambda model=None: Watch())
    src = tmp_path / "in"
    src.mkdir()
    (src / "wall.txt").write_text("A wall of text\n\n" + "Russia and China talk about trade again. " * 700,
                                  encoding="utf-8")
    s = pipeline.ingest([src], tmp_path / "a.db")
    assert s.new == 1
    assert max(longest) <= 10_000  # pipeline.UNIT_CHARS; the paragraph has 28,700
