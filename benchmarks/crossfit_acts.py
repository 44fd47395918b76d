#!/usr/bin/env python3
"""Cross-fitted PolNeAR figures for the acts table: what the learned acts add on articles they were not learned from.

Usage::

    python benchmarks/crossfit_acts.py DIR [--folds K] [--share X] [--cache FILE] [--json]

``data/attribution_frames.json``'s ``acts`` table is learned from polnear-train (``benchmarks/train_frames.py``),
so ``polnear.py`` on train scores it on its own training articles. This script splits DIR's articles into K folds
(by name, every K-th), learns the act frames of each fold from the other K-1 folds with the shipped settings
(``min_count``, ``acts_min_share``), and scores every article's statements plus the acts of the frames learned
without it, end to end on the all-attributions track, next to the statements alone and the shipped table
(fitted on every article). One ingest (parses from the cache of ``benchmarks/parsecache.py``) records every act
candidate with its frame; the statements do not depend on the acts table.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

import polnear  # noqa: E402
import train_frames  # noqa: E402


class _Every:
    """A frame set that holds every frame: the ingest records every act candidate."""

    def __contains__(self, frame) -> bool:
        return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("ALLIANCE_PARSE_CACHE", "")
                                                         or REPO / ".devscore" / "parses.sqlite"))
    ap.add_argument("--share", type=float, help="the acts_min_share to cross-fit with (default: the shipped one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    import parsecache
    from alliancecli.quotes import frames
    from alliancecli.resources import load_json

    parsecache.install(args.cache)
    raw = dict(load_json("attribution_frames.json"))
    if args.share is not None:
        raw["acts_min_share"] = args.share
    frames.act_model.cache_clear()
    original = frames.act_model
    frames.act_model = lambda: (_Every(), raw["acts_min_words"])
    try:
        by_doc: dict[str, dict] = {}
        db = train_frames.collect(args.dir, {}, raw["min_words"], {}, raw["acts_min_words"], by_doc)
    finally:
        frames.act_model = original
    articles, gold = polnear.load_gold(args.dir)
    preds, _ = polnear.load_predictions(db, articles)
    frame_of = {}
    import sqlite3
    con = sqlite3.connect(db)
    for i, frame in con.execute("select id, frame from acts"):
        frame_of[f"act:{i}"] = frame
    stems = sorted(articles)
    fold = {stem: i % args.folds for i, stem in enumerate(stems)}
    learned = []
    for f in range(args.folds):
        table: dict[str, list[int]] = {}
        for stem, counts in by_doc.items():
            if fold.get(stem) != f:
                for frame, (h, s) in counts.items():
                    t = table.setdefault(frame, [0, 0])
                    t[0] += h
                    t[1] += s
        learned.append(frames.pick(table, raw["min_count"], raw["acts_min_share"]))
    shipped = frames.pick(raw["acts"], raw["min_count"], raw["acts_min_share"])
    statements = [p for p in preds if p.kind != "act"]
    crossfit = statements + [p for p in preds if p.kind == "act" and frame_of[p.id] in learned[fold[p.doc]]]
    fitted = statements + [p for p in preds if p.kind == "act" and frame_of[p.id] in shipped]
    out = {}
    for name, ps in (("statements alone", statements), (f"{args.folds}-fold cross-fitted acts", crossfit),
                     ("shipped acts (fitted on these articles)", fitted)):
        r = polnear.score(gold, ps)["tracks"]["attributions"]["end_to_end"]
        out[name] = {k: round(r[k], 4) for k in ("precision", "recall", "f1")} | {"acts": len(ps) - len(statements)}
    if args.json:
        print(json.dumps(out))
    else:
        print(f"all attributions with a source, end to end, {args.dir.name} ({len(stems)} articles)")
        for name, r in out.items():
            print(f"  {name:42} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}  ({r['acts']} acts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
