#!/usr/bin/env python3
"""Score the extraction on every development corpus at once, reusing parses between runs.

Usage::

    python benchmarks/devscore.py [--corpora seeds,zelenskyy,polnear-dev,polnear-train]
                                  [--cache FILE] [--out DIR] [--json] [--misses] [--pipeline lean|full]

A rule is kept only when it holds on every corpus (a rule that helps on one and hurts on another was
fitted to the first), so this runs them all and prints one table:

* ``seeds``: the five sample articles, scored by ``../shared/tools/score_seeds.py``;
* ``zelenskyy``: the 30 annotated press releases (written by ``../shared/tools/zelenskyy_docs.py``),
  scored by the same tool with ``--gold ../shared/gold/zelenskyy.gold.json``;
* ``polnear-dev`` / ``polnear-train``: PolNeAR attribution, scored by ``benchmarks/polnear.py``.

Parses are cached in ``--cache`` (default ``.devscore/parses.sqlite``, see ``benchmarks/parsecache.py``),
so a second run re-runs only segmentation, attribution, entities and stance: seconds for the small sets,
a minute or two for PolNeAR train. The databases are kept under ``--out`` (default ``.devscore/``), so
``score_seeds.py DB --gold ...`` can list every miss afterwards; ``--misses`` prints them.

``--pipeline full`` ingests with spaCy's own components (``nlp.load(lean=False)``) instead of the lean
pipeline the ingest uses, so the two can be compared (``benchmarks/ingest.py`` does, with ``--no-cache``:
the cache does not tell the two pipelines apart).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

CORPORA = ["seeds", "zelenskyy", "polnear-dev", "polnear-train"]
SEED_KEYS = ["statements_recall", "statements_precision", "scare_quotes_as_statements", "speaker_accuracy",
             "speaker_country_accuracy", "stance_accuracy", "countries_precision", "countries_recall",
             "people_recall", "people_junk", "comments_exact", "boilerplate_removed"]


def ingest(folder: Path, db: Path) -> float:
    from alliancecli import pipeline

    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t = time.perf_counter()
    pipeline.ingest([str(folder)], str(db))
    return time.perf_counter() - t


def score_gold(db: Path, gold: Path | None, misses: bool) -> dict:
    cmd = [sys.executable, str(SHARED / "tools" / "score_seeds.py"), str(db)] + (["--gold", str(gold)] if gold else [])
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    figures = {}
    for line in out.splitlines():
        m = re.match(r"^(\w+)\s+(\S+)$", line)
        if m and m[1] in SEED_KEYS:
            figures[m[1]] = None if m[2] == "None" else float(m[2])
    if misses:
        print("\n".join(line for line in out.splitlines() if line.startswith("  - ")))
    return figures


def score_polnear(folder: Path, db: Path) -> dict:
    import polnear

    articles, gold = polnear.load_gold(folder)
    preds, _ = polnear.load_predictions(db, articles)
    result = polnear.score(gold, preds)
    out = {}
    for track, short in (("quotations", "quot"), ("attributions", "all")):
        for measure, m in (("end_to_end", "e2e"), ("span", "span")):
            r = result["tracks"][track][measure]
            out[f"{short}_{m}_P"], out[f"{short}_{m}_R"], out[f"{short}_{m}_F1"] = (
                r["precision"], r["recall"], r["f1"])
    # the statements alone, without the acts aimed at a target
    alone = polnear.score(gold, [p for p in preds if p.kind != "act"])["tracks"]["attributions"]["end_to_end"]
    out["statements_all_e2e_P"], out["statements_all_e2e_R"], out["statements_all_e2e_F1"] = (
        alone["precision"], alone["recall"], alone["f1"])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default="seeds,zelenskyy,polnear-dev",
                    help=f"comma-separated, from {','.join(CORPORA)} (default: all but polnear-train)")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("ALLIANCE_PARSE_CACHE", "")
                                                         or REPO / ".devscore" / "parses.sqlite"),
                    help="the parse cache (env ALLIANCE_PARSE_CACHE; default .devscore/parses.sqlite)")
    ap.add_argument("--no-cache", action="store_true", help="parse everything afresh")
    ap.add_argument("--out", type=Path, default=REPO / ".devscore")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list the misses of seeds and zelenskyy")
    ap.add_argument("--pipeline", choices=("lean", "full"), default="lean",
                    help="lean: the ingest's own pipeline (default); full: spaCy's own components")
    args = ap.parse_args(argv)
    if args.pipeline == "full":
        from alliancecli import nlp

        lean_load = nlp.load
        nlp.load = lambda name=None, lean=True: lean_load(name, lean=False)
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.no_cache:
        import parsecache

        parsecache.install(args.cache)
    results = {}
    for name in args.corpora.split(","):
        db = args.out / f"{name}.db"
        if name == "seeds":
            secs = ingest(SHARED / "seeds", db)
            results[name] = score_gold(db, None, args.misses)
        elif name == "zelenskyy":
            folder = args.out / "zelenskyy-texts"
            if not folder.is_dir():
                subprocess.run([sys.executable, str(SHARED / "tools" / "zelenskyy_docs.py"), str(folder)],
                               check=True, capture_output=True)
            secs = ingest(folder, db)
            results[name] = score_gold(db, SHARED / "gold" / "zelenskyy.gold.json", args.misses)
        elif name in ("polnear-dev", "polnear-train"):
            folder = SHARED / name
            secs = ingest(folder / "text", db)
            results[name] = score_polnear(folder, db)
        else:
            ap.error(f"unknown corpus {name!r}")
        results[name]["_seconds"] = round(secs, 1)
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    for name, figures in results.items():
        print(f"{name} ({figures.pop('_seconds')} s)")
        for key, value in figures.items():
            print(f"  {key:30} {value if value is None else round(value, 3)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
