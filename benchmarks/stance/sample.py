"""Stance checks on a whole ingested corpus: evidence offsets, and a seeded hand-check sample.

Evidence inside the statement (the issue asks for 100%)::

    python benchmarks/stance/sample.py evidence DB

counts the statements with a stance decision and checks that every evidence span of each
lies inside the statement's text and that ``stance_evidence`` is exactly the words at
those spans; prints the counts and the share.

Draw the hand check (seeded, so anyone gets the same rows from the same database)::

    python benchmarks/stance/sample.py draw DB [--seed 13] [--n 50] [--out FILE]

writes one support or oppose statement a row, drawn uniformly from all of them (human
labels excluded): id, stance, target, evidence, speaker, document, text, and empty
``ok`` and ``note`` columns for the judge (``ok`` 1 when the stance and target are
plausible for the text, 0 when not).

Score a judged sample::

    python benchmarks/stance/sample.py score [--out FILE]
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "handcheck.csv"
FIELDS = ["id", "stance", "target", "evidence", "speaker", "document", "text", "ok", "note"]


def evidence(db_path: str) -> dict:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    n = inside = with_spans = 0
    bad = []
    for sid, text, spans, ev in con.execute("select id, text, stance_spans, stance_evidence from statements"):
        n += 1
        text = text or ""
        spans = json.loads(spans) if spans else []
        with_spans += bool(spans)
        ok = all(0 <= a < b <= len(text) for a, b in spans) and (ev or "") == "; ".join(text[a:b] for a, b in spans)
        inside += ok
        if not ok and len(bad) < 5:
            bad.append(sid)
    return {"statements": n, "with_evidence": with_spans, "inside": inside,
            "share": round(inside / n, 4) if n else None, "examples_outside": bad}


def draw(db_path: str, seed: int, n: int, out: Path):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = con.execute("""
        select s.id, s.stance, s.stance_target, s.stance_evidence, s.speaker, d.title, s.text
        from statements s join documents d on d.id = s.document_id
        where s.stance in ('support', 'oppose') and s.label is null order by s.id""").fetchall()
    sample = sorted(random.Random(seed).sample(rows, min(n, len(rows))))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(FIELDS)
        for r in sample:
            w.writerow(list(r) + ["", ""])
    print(f"{len(sample)} of {len(rows)} support/oppose statements (seed {seed}) written to {out}")


def score(out: Path):
    with open(out, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["ok"].strip() in ("0", "1")]
    ok = sum(r["ok"].strip() == "1" for r in rows)
    print(f"{ok} of {len(rows)} judged plausible ({ok / len(rows):.0%})" if rows else "nothing judged yet")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("evidence")
    e.add_argument("db")
    d = sub.add_parser("draw")
    d.add_argument("db")
    d.add_argument("--seed", type=int, default=13)
    d.add_argument("--n", type=int, default=50)
    d.add_argument("--out", type=Path, default=DEFAULT_OUT)
    s = sub.add_parser("score")
    s.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args()
    if a.cmd == "evidence":
        print(json.dumps(evidence(a.db)))
    elif a.cmd == "draw":
        draw(a.db, a.seed, a.n, a.out)
    else:
        score(a.out)


if __name__ == "__main__":
    main()
