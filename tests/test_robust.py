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
