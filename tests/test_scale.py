"""Ingest on a Dask cluster, and merging databases: the same rows as one serial ingest, apart from ids.

The cluster is a real ``LocalCluster`` of two worker processes, started once for this module;
the ingest reaches it through its address, as ``alliance ingest --scheduler`` does.
"""
import json
import os
import signal
import sqlite3
import sys

import pytest

from alliancecli import engine, merge, pipeline, store
from alliancecli.cli import app

from conftest import SEEDS
from dbdump import assert_same

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    import dask
    from distributed import LocalCluster

    # workers as the README starts them: without the statistical profiler, which slows the parse
    with dask.config.set({"distributed.worker.profile.enabled": False}), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40) as c:
        yield c


def test_cluster_ingest_writes_what_a_serial_ingest_writes(cluster, seeds_db, tmp_path):
    events = []
    db = tmp_path / "dask.db"
    s = pipeline.ingest([SEEDS], db, scheduler=cluster.scheduler_address, chunk_words=1,
                        on_event=lambda *e: events.append(e[:2]))
    assert (s.new, s.failed, s.unchanged) == (5, 0, 0)
    assert sorted(p for k, p in events if k == "new") == sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert_same(db, seeds_db)
    again = pipeline.ingest([SEEDS], db, scheduler=cluster.scheduler_address)
    assert (again.unchanged, again.new) == (5, 0)


def test_a_killed_worker_loses_and_repeats_nothing(cluster, tmp_path):
    """Kill the worker holding a chunk as soon as the first document is written; Dask runs its
    chunks again elsewhere, and every document is written exactly once."""
    from distributed import Client

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):  # ten different texts: each seed, and each seed with a last line
        text = f.read_text(encoding="utf-8")
        (corpus / f.name).write_text(text, encoding="utf-8")
        (corpus / ("b" + f.name)).write_text(text + "\nThis article was updated.\n", encoding="utf-8")
    killed = []
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)

        def on_event(kind, path, detail):
            if kind == "new" and not killed:
                busy = [w for w, keys in client.processing().items() if keys]
                assert busy, "nothing in flight to lose"
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])

        s = pipeline.ingest([corpus], tmp_path / "k.db", scheduler=cluster.scheduler_address, chunk_words=1,
                            on_event=on_event)
    assert killed
    assert (s.new, s.failed) == (10, 0)
    con = sqlite3.connect(tmp_path / "k.db")
    paths = [r[0] for r in con.execute("select path from documents")]
    assert sorted(paths) == sorted(str(p) for p in corpus.iterdir())
    # no document's rows twice: each statement once per (document, offsets)
    dup = con.execute("select count(*) from (select document_id, start, end, kind from statements "
                      "group by 1, 2, 3, 4 having count(*) > 1)").fetchone()[0]
    assert dup == 0
    assert con.execute("select count(distinct document_id) from statements").fetchone()[0] == 10


def test_scheduler_without_dask_says_how_to_install(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    monkeypatch.setitem(sys.modules, "distributed", None)
    r = CliRunner().invoke(app, ["ingest", str(SEEDS), "--scheduler", "tcp://127.0.0.1:1", "--db",
                                 str(tmp_path / "x.db")])
    assert r.exit_code == 1
    assert "pip install 'alliancecli[dask]'" in r.output
    with pytest.raises(engine.DaskMissing):
        pipeline.ingest([SEEDS], tmp_path / "y.db", scheduler="tcp://127.0.0.1:1")


def test_merge_of_overlapping_shards_equals_one_ingest_of_their_union(seeds_db, tmp_path):
    files = sorted(SEEDS.glob("*.txt"))
    a, b, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "out.db"
    pipeline.ingest(files[:3], a)
    pipeline.ingest(files[2:], b)
    s = merge.merge([a, b], out)
    assert (s.documents, s.repeated, s.conflicts) == (5, 1, [])
    assert_same(out, seeds_db)
    again = merge.merge([a, b], out)  # merging again adds nothing
    assert (again.documents, again.repeated) == (0, 6)
    assert_same(out, seeds_db)


def test_merge_reports_conflicts_and_keeps_the_first(tmp_path):
    from alliancecli import overrides as ov

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for path, label, country, text in ((a, "support", "Ukraine", "one text"), (b, "oppose", "Poland", "another")):
        db = store.connect(path, create=True)
        db["labels"].insert({"path": "x.txt", "text": "We agree.", "label": label, "origin": "cli"})
        store.refresh_actors(db, [ov.Rule("country", "Jan Kowalski", (), country),
                                  ov.Rule("merge", "Jan Kowalski", ("J. Kowalski",), None)])
        db["documents"].insert({"path": "same.txt", "sha256": text, "text": text})
        db.close()
    s = merge.merge([a, b], tmp_path / "out.db")
    assert len(s.conflicts) == 3, s.conflicts
    assert any("Poland not taken" in c for c in s.conflicts)
    assert any("oppose not taken" in c for c in s.conflicts)
    assert any("same.txt" in c for c in s.conflicts)
    con = sqlite3.connect(tmp_path / "out.db")
    assert con.execute("select label from labels").fetchall() == [("support",)]
    assert con.execute("select text from documents").fetchall() == [("one text",)]
    assert ("country", "Ukraine") in con.execute("select action, country from actor_overrides").fetchall()


def test_merge_cli(tmp_path, seeds_copy):
    from typer.testing import CliRunner

    out = tmp_path / "m.db"
    r = CliRunner().invoke(app, ["merge", str(seeds_copy), str(seeds_copy), "--db", str(out), "--json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["documents"] == 5 and got["repeated"] == 5 and got["conflicts"] == []
    r = CliRunner().invoke(app, ["merge", str(tmp_path / "missing.db"), "--db", str(out)])
    assert r.exit_code == 2
