"""Draw the hand-check sample from an ingested database, or score a judged sample.

Draw (seeded, so anyone gets the same rows from the same database)::

    python benchmarks/handcheck/sample.py draw DB [--seed 4] [--countries 200] [--people 100] [--out DIR]

writes ``countries.csv`` (one country mention a row: document path, offsets, the text as
written, the canonical name, and its sentence with the mention in [[double brackets]]) and
``people.csv`` (one person actor a row: canonical name, aliases, mention count, country, and
up to three example contexts, one per alias first).  Both have empty ``ok`` and ``note``
columns for the judge: ``ok`` is 1 when the row is right, 0 when it is wrong.

Score a judged sample::

    python benchmarks/handcheck/sample.py score [--out DIR]

prints precision for each file (rows with ``ok`` 1 over rows judged).

List every country mention written as given forms (a targeted check of ambiguous forms)::

    python benchmarks/handcheck/sample.py forms DB Georgia Jordan Turkey Chad Washington

Map a judged country sample onto another database of the same corpus (after a fix)::

    python benchmarks/handcheck/sample.py recheck DB2 [--out DIR]

prints, for the same mentions, whether each is still found and with which name, and the
precision of the judged mentions that the second database still reports.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNTRY_COLUMNS = ["n", "path", "start", "end", "kind", "text", "name", "country", "context", "ok", "note"]
PEOPLE_COLUMNS = ["n", "name", "country", "mentions", "aliases", "examples", "ok", "note"]


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence (or line) holding text[start:end], with the span marked [[...]]."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
    left = left + 1 if left >= 0 else 0
    stops = [i for i in (text.find("\n", end), *(text.find(p, end) for p in (". ", "? ", "! "))) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    left = max(left, start - limit // 2)
    right = min(right, end + limit // 2)
    s = text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]
    return re.sub(r"\s+", " ", s).strip()


def draw(db_path: str, seed: int, n_countries: int, n_people: int, out: Path, kinds=("country", "place")):
    db = sqlite3.connect(db_path)
    texts: dict[int, tuple[str, str]] = {}

    def doc(doc_id):
        if doc_id not in texts:
            texts[doc_id] = db.execute("select path, text from documents where id = ?", [doc_id]).fetchone()
        return texts[doc_id]

    rng = random.Random(seed)
    marks = ", ".join("?" for _ in kinds)
    ids = [r[0] for r in db.execute(f"select id from mentions where kind in ({marks}) order by id", list(kinds))]
    rows = []
    for n, mid in enumerate(sorted(rng.sample(ids, min(n_countries, len(ids)))), start=1):
        doc_id, start, end, kind, written, name, country = db.execute(
            "select document_id, start, end, kind, text, name, country from mentions where id = ?", [mid]).fetchone()
        path, text = doc(doc_id)
        rows.append({"n": n, "path": _short(path), "start": start, "end": end, "kind": kind, "text": written,
                     "name": name, "country": country or "", "context": sentence_around(text, start, end),
                     "ok": "", "note": ""})
    _write(out / "countries.csv", COUNTRY_COLUMNS, rows)

    rng = random.Random(seed)
    people = [r[0] for r in db.execute("select name from actors where kind = 'person' order by name")]
    rows = []
    for n, name in enumerate(sorted(rng.sample(people, min(n_people, len(people)))), start=1):
        country, aliases = db.execute(
            "select country, aliases from actors where kind = 'person' and name = ?", [name]).fetchone()
        mentions = db.execute("select document_id, start, end, text from mentions where kind = 'person' and name = ? "
                              "order by document_id, start", [name]).fetchall()
        examples, seen = [], set()
        for pick_new in (True, False):
            for doc_id, start, end, written in mentions:
                if len(examples) >= 3:
                    break
                key = (doc_id, start)
                if key in seen or (pick_new and written in {e[0] for e in examples}):
                    continue
                seen.add(key)
                path, text = doc(doc_id)
                examples.append((written, f"{_short(path)}: {sentence_around(text, start, end, 160)}"))
        rows.append({"n": n, "name": name, "country": country or "", "mentions": len(mentions),
                     "aliases": " | ".join(json.loads(aliases or "[]")),
                     "examples": "\n".join(e[1] for e in examples), "ok": "", "note": ""})
    _write(out / "people.csv", PEOPLE_COLUMNS, rows)
    print(f"wrote {out / 'countries.csv'} and {out / 'people.csv'} (seed {seed}, "
          f"{len(ids)} country mentions and {len(people)} person actors to draw from)", file=sys.stderr)


def _short(path: str) -> str:
    parts = Path(path).parts
    return "/".join(parts[-2:])


def _write(path: Path, columns: list[str], rows: list[dict]):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def score(out: Path):
    for name in ("countries.csv", "people.csv", "ambiguous_forms.csv"):
        if not (out / name).exists():
            continue
        rows = [r for r in _read(out / name) if r["ok"].strip() in ("0", "1")]
        good = sum(r["ok"].strip() == "1" for r in rows)
        p = good / len(rows) if rows else float("nan")
        print(f"{name:14} judged {len(rows):4}  right {good:4}  precision {p:.3f}")


def recheck(db_path: str, out: Path):
    """The judged country and place mentions looked up by (path, start, kind) in another database."""
    db = sqlite3.connect(db_path)
    kept = right = dropped_wrong = dropped_right = renamed = 0
    for r in _read(out / "countries.csv"):
        found = db.execute(
            "select m.name from mentions m join documents d on d.id = m.document_id "
            "where d.path like ? and m.start = ? and m.kind = ?",
            ["%" + r["path"], int(r["start"]), r.get("kind") or "country"]).fetchone()
        ok = r["ok"].strip() == "1"
        if found is None:
            dropped_right += ok
            dropped_wrong += not ok
            print(f"dropped {'RIGHT' if ok else 'wrong'}: {r['n']} {r['text']!r}: {r['context'][:120]}")
            continue
        kept += 1
        if found[0] != r["name"]:
            renamed += 1
            print(f"renamed {r['n']}: {r['name']} -> {found[0]}")
        right += ok and found[0] == r["name"]
    print(f"kept {kept}, right among kept {right}, precision {right / kept:.3f}; "
          f"dropped {dropped_wrong} wrong and {dropped_right} right ones; renamed {renamed}")


def forms(db_path: str, written: list[str]):
    """Every country mention written as one of ``written``, with its sentence (a targeted check)."""
    db = sqlite3.connect(db_path)
    marks = ",".join("?" * len(written))
    for path, text, start, end, form, name in db.execute(
            f"select d.path, d.text, m.start, m.end, m.text, m.name from mentions m join documents d "
            f"on d.id = m.document_id where m.kind = 'country' and m.text in ({marks}) order by m.text, d.path, m.start",
            written):
        print(f"{form}\t{name}\t{_short(path)}\t{sentence_around(text, start, end, 160)}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("db")
    d.add_argument("--seed", type=int, default=4)
    d.add_argument("--countries", type=int, default=200)
    d.add_argument("--people", type=int, default=100)
    d.add_argument("--kinds", default="country,place", help="mention kinds of the first sample, comma-separated")
    d.add_argument("--out", type=Path, default=HERE)
    s = sub.add_parser("score")
    s.add_argument("--out", type=Path, default=HERE)
    r = sub.add_parser("recheck")
    r.add_argument("db")
    r.add_argument("--out", type=Path, default=HERE)
    f = sub.add_parser("forms")
    f.add_argument("db")
    f.add_argument("written", nargs="+")
    args = ap.parse_args(argv)
    if args.cmd == "draw":
        draw(args.db, args.seed, args.countries, args.people, args.out, tuple(args.kinds.split(",")))
    elif args.cmd == "score":
        score(args.out)
    elif args.cmd == "forms":
        forms(args.db, args.written)
    else:
        recheck(args.db, args.out)


if __name__ == "__main__":
    main()
