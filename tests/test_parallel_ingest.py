"""Ingest with worker processes writes exactly what a single process writes, apart from ids.

Workers send chunks back as they complete, so documents may be written in another order.
"""
from alliancecli import pipeline

from conftest import SEEDS
from dbdump import assert_same


def test_two_workers_write_the_same_rows_as_one(seeds_db, tmp_path):
    events = []
    summary = pipeline.ingest([SEEDS], tmp_path / "w2.db", workers=2, chunk_words=1,
                              on_event=lambda *e: events.append(e[:2]))
    assert summary.new == 5 and summary.failed == 0
    assert sorted(p for k, p in events if k == "new") == sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert_same(tmp_path / "w2.db", seeds_db)
    again = pipeline.ingest([SEEDS], tmp_path / "w2.db", workers=2)
    assert again.unchanged == 5 and again.new == 0
