"""Ingest with worker processes writes exactly what a single process writes."""
import sqlite3

from alliancecli import pipeline

from conftest import SEEDS

TABLES = {"documents": "path, sha256, title, text, encoding, date, words", "segments": "*", "comments": "*",
          "statements": "*", "mentions": "*", "pairs": "*", "actors": "*"}


def dump(path):
    con = sqlite3.connect(path)
    out = {t: con.execute(f"select {cols} from [{t}] order by rowid").fetchall() for t, cols in TABLES.items()}
    con.close()
    return out


def test_two_workers_write_the_same_rows_as_one(seeds_db, tmp_path):
    events = []
    summary = pipeline.ingest([SEEDS], tmp_path / "w2.db", workers=2, on_event=lambda *e: events.append(e[:2]))
    assert summary.new == 5 and summary.failed == 0
    assert sorted(p for k, p in events if k == "new") == sorted(str(p) for p in SEEDS.glob("*.txt"))
    got, expected = dump(tmp_path / "w2.db"), dump(seeds_db)
    assert expected["statements"] and expected["pairs"]
    for table in TABLES:
        assert got[table] == expected[table], table
    again = pipeline.ingest([SEEDS], tmp_path / "w2.db", workers=2)
    assert again.unchanged == 5 and again.new == 0
