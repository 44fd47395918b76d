"""Faults: SIGKILL and Ctrl-C during an ingest, a query while an ingest writes, old and new schemas.

The ingests here run as real subprocesses (``python -m alliancecli``), so the signals and
the second reader are what a user would see.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import alliancecli
from alliancecli import store
from alliancecli.cli import app
from helpers import check_consistent

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_V1 = Path(__file__).resolve().parent / "data" / "schema_v1.db"
N_DOCS = 300

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(alliancecli.__file__).resolve().parent.parent) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("ALLIANCE_DB", None)
    return env


@pytest.fixture(scope="module")
def many_docs(tmp_path_factory) -> Path:
    """Many small articles, so that an ingest takes long enough to interrupt."""
    d = tmp_path_factory.mktemp("many")
    countries = ["Kazakhstan", "Russia", "China", "Iran", "Belarus", "Uzbekistan", "Armenia", "Turkey"]
    for i in range(N_DOCS):
        a, b = countries[i % 8], countries[(i * 3 + 1) % 8]
        paras = [f"Article {i}: {a} and {b} talk about an alliance"]
        for k in range(4):
            paras.append(f'"We will not join any bloc against {b}," the foreign minister of {a} said on day {k}. '
                         f"Officials in {b} answered that cooperation with {a} and the EU would continue.")
        paras.append(f"  1. reader{i} 9 December 2022 16: 56\n    {a} and {b} will never be allies.")
        (d / f"doc{i:04d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return d


def _start_ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "alliancecli", "ingest", str(folder), "--db", str(db), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=folder.parent,
                            text=True)


def _documents(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            return con.execute("select count(*) from documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def _wait_for_documents(proc: subprocess.Popen, db: Path, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = _documents(db)
        if n >= at_least:
            return n
        if proc.poll() is not None:
            pytest.fail(f"ingest ended early: {proc.communicate()}")
        time.sleep(0.02)
    proc.kill()
    pytest.fail("ingest wrote nothing in time")


def _no_duplicates(con: sqlite3.Connection):
    assert con.execute("select count(*) - count(distinct path) from documents").fetchone()[0] == 0
    for table in ("segments", "comments"):
        assert con.execute(f"select count(*) from (select document_id, start, count(*) c from [{table}] "
                           "group by document_id, start having c > 1)").fetchone()[0] == 0


def test_sigkill_leaves_a_consistent_database_and_a_rerun_completes(many_docs, tmp_path):
    db = tmp_path / "kill.db"
    proc = _start_ingest(many_docs, db)
    _wait_for_documents(proc, db, at_least=10)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(db)
    written = check_consistent(con)
    assert 10 <= len(written) < N_DOCS, "the kill came after the ingest finished"
    per_doc = dict(con.execute("select document_id, count(*) from statements group by document_id"))
    con.close()

    rerun = subprocess.run([sys.executable, "-m", "alliancecli", "ingest", str(many_docs), "--db", str(db), "--json"],
                           capture_output=True, text=True, env=_env(), timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] == len(written) and summary["new"] == N_DOCS - len(written)
    con = sqlite3.connect(db)
    assert len(check_consistent(con)) == N_DOCS
    _no_duplicates(con)
    # the documents written before the kill were kept as they were
    assert {d: n for d, n in con.execute("select document_id, count(*) from statements group by document_id")
            if d in per_doc} == per_doc


def test_ctrl_c_stops_prints_the_summary_and_leaves_a_consistent_database(many_docs, tmp_path):
    db = tmp_path / "int.db"
    proc = _start_ingest(many_docs, db)
    _wait_for_documents(proc, db, at_least=5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    summary = json.loads(out)
    assert summary["interrupted"] is True
    assert "(interrupted)" in err and "documents:" in err
    assert "Traceback" not in err
    con = sqlite3.connect(db)
    written = check_consistent(con)
    assert summary["new"] == len(written) < N_DOCS


def test_a_query_during_an_ingest_sees_consistent_results(many_docs, tmp_path):
    db = tmp_path / "wal.db"
    proc = _start_ingest(many_docs, db)
    _wait_for_documents(proc, db, at_least=1)
    checker = textwrap.dedent(f"""
        import json, sqlite3, sys, time
        sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
        from helpers import check_consistent
        from alliancecli import queries, store
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            con = sqlite3.connect({str(db)!r}, timeout=10, isolation_level=None)
            con.execute("begin")  # one read snapshot for all the checks
            seen.append(len(check_consistent(con)))
            con.execute("commit")
            con.close()
            db = store.connect({str(db)!r})  # the path every query command takes
            rows = queries.statements(db, country="Kazakhstan", limit=5)
            assert all(r["text"] for r in rows)
            db.close()
            if seen[-1] >= {N_DOCS} or len(seen) >= 400:
                break
            time.sleep(0.05)
        print(json.dumps(seen))
    """)
    reader = subprocess.run([sys.executable, "-c", checker], capture_output=True, text=True, env=_env(), timeout=300)
    assert reader.returncode == 0, reader.stderr
    seen = json.loads(reader.stdout)
    proc.wait(timeout=600)
    assert proc.returncode == 0
    assert seen == sorted(seen), "a reader saw documents disappear"
    assert any(n < N_DOCS for n in seen), "the reader never overlapped the ingest"
    assert len(set(seen)) > 1, "the reader never saw the ingest progress"


# -- schema versions --------------------------------------------------------------------------------


def test_database_from_the_first_schema_is_migrated_on_open(tmp_path, monkeypatch):
    db = tmp_path / "v1.db"
    shutil.copy(FIXTURE_V1, db)
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("select name from _migrations")] == ["m001_initial"]
    before = con.execute("select id, path, sha256, text from documents order by id").fetchall()
    statements = con.execute("select count(*) from statements").fetchone()[0]
    con.close()
    assert len(before) == 2 and statements > 0

    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 2
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("select name from _migrations")] == [n for n, _ in store.MIGRATIONS]
    columns = {r[1] for r in con.execute("pragma table_info(documents)")}
    assert {"author", "url", "date"} <= columns
    assert con.execute("select id, path, sha256, text from documents order by id").fetchall() == before
    assert con.execute("select count(*) from statements").fetchone()[0] == statements
    con.close()
    # the old documents are recognised as unchanged: the fixture stored repository-relative paths
    monkeypatch.chdir(ROOT)
    again = runner.invoke(app, ["ingest", *[p for (_, p, _, _) in before], "--db", str(db), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["unchanged"] == 2


def test_database_from_a_newer_version_is_refused_with_a_clear_message(tmp_path):
    db = tmp_path / "future.db"
    shutil.copy(FIXTURE_V1, db)
    con = sqlite3.connect(db)
    con.execute("insert into _migrations values ('m999_from_the_future', '2030-01-01')")
    con.commit()
    con.close()
    for args in (["stats", "--json"], ["ingest", str(ROOT / "data" / "seeds")]):
        result = CliRunner().invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 1
        assert "newer version of alliancecli" in result.stderr and "upgrade" in result.stderr
        assert "Traceback" not in result.output
