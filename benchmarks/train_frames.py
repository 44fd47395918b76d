#!/usr/bin/env python3
"""Learn the attribution frames of ``alliancecli.quotes.frames`` from a PolNeAR split.

Usage::

    python benchmarks/train_frames.py DIR [DIR ...] [--cache FILE] [--out FILE] [--min-seen N]
                                     [--min-share X] [--min-count N]

Each article of ``DIR/text/`` is ingested (parses from the cache of ``benchmarks/parsecache.py``, as
``devscore.py`` does); every candidate of :func:`alliancecli.quotes.frames.candidates` that could report
(:func:`alliancecli.quotes.frames.reports`: not only a target, not a block's introduction) is counted under its
frame ("criticize|dobj", "complain|prep:about"), and counted as a hit when it matches a gold attribution
end to end as ``benchmarks/polnear.py`` scores it: at least half of the content's characters inside the
gold content, the subject token overlapping the gold Source. The counts of every frame seen ``--min-seen``
times or more are written to ``--out`` (default ``src/alliancecli/data/attribution_frames.json``) with
the settings ``--min-share`` and ``--min-count`` that choose the frames in use. Only counts are written,
never text.

Train on polnear-train only and measure on polnear-dev (and the other corpora of ``devscore.py``): a
frame table trained on dev and scored on dev says nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

import polnear  # noqa: E402


def collect(folder: Path, counts: dict, min_words: int, acts: dict, acts_min_words: int,
            acts_by_doc: dict | None = None) -> Path:
    """Count the frames of every article of ``folder`` into ``counts`` (statements) and ``acts``, and, when given,
    the acts' counts of each article into ``acts_by_doc`` (stem -> frame -> [hits, seen]); returns the database
    the articles were ingested into."""
    from alliancecli import pipeline, quotes
    from alliancecli.quotes import frames
    from alliancecli.quotes.marks import scan_quotes

    articles, gold = polnear.load_gold(folder)
    by_doc: dict[str, list] = defaultdict(list)
    for g in gold:
        if g.has_source:
            by_doc[g.doc].append(g)
    original = quotes.attribute

    def attribute(text, units, docs, people, *args, **kwargs):
        stem = None
        for name, body in articles.items():
            if body == text:
                stem = name
                break
        view = quotes.DocView(text, units, docs, [m for m in people if units[m.unit].kind == "body"])
        view.set_quotes(scan_quotes(text, [(units[k].start, units[k].end) for k in view.body]))
        for k in view.body:
            for c in frames.candidates(view, k):
                if frames.is_act(view, c, acts_min_words):
                    table = acts if acts_by_doc is None else acts_by_doc.setdefault(stem, {})
                elif frames.reports(view, c, min_words):
                    table = counts
                else:
                    continue
                seen = table.setdefault(c.frame, [0, 0])
                seen[1] += 1
                s0 = view.abs(k, c.subject)
                s1 = s0 + len(c.subject)
                hit = any(2 * polnear.overlap(c.start, c.end, g.content) >= c.end - c.start
                          and polnear.overlap(s0, s1, g.source) > 0 for g in by_doc.get(stem, ()))
                seen[0] += hit
                if table is not counts and acts_by_doc is not None:
                    total = acts.setdefault(c.frame, [0, 0])
                    total[0] += hit
                    total[1] += 1
        return original(text, units, docs, people, *args, **kwargs)

    quotes.attribute = attribute
    try:
        db = Path(tempfile.mkdtemp()) / "train.db"
        pipeline.ingest([str(folder / "text")], str(db))
    finally:
        quotes.attribute = original
    return db


def dump(table: dict) -> str:
    """The table as JSON with one frame a line, so that a retrained table diffs readably."""
    head = {k: v for k, v in table.items() if k not in ("frames", "acts")}
    parts = []
    for name in ("frames", "acts"):
        lines = [f"  {json.dumps(f)}: {json.dumps(v)}" for f, v in table[name].items()]
        parts.append(f' "{name}": {{\n' + ",\n".join(lines) + "\n }")
    return json.dumps(head, indent=1)[:-2] + ",\n" + ",\n".join(parts) + "\n}\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("ALLIANCE_PARSE_CACHE", "")
                                                         or REPO / ".devscore" / "parses.sqlite"))
    ap.add_argument("--out", type=Path, default=REPO / "src" / "alliancecli" / "data" / "attribution_frames.json")
    ap.add_argument("--min-seen", type=int, default=3, help="write frames seen this often or more")
    ap.add_argument("--min-share", type=float, default=0.6, help="use frames that attributed this share")
    ap.add_argument("--min-count", type=int, default=3, help="... and were seen this often")
    ap.add_argument("--min-words", type=int, default=2, help="the shortest content used")
    ap.add_argument("--acts-min-share", type=float, default=0.4,
                    help="record the acts aimed at a target of frames that attributed this share")
    ap.add_argument("--acts-min-words", type=int, default=1, help="the shortest target of an act")
    args = ap.parse_args(argv)
    import parsecache

    parsecache.install(args.cache)
    counts: dict[str, list[int]] = {}
    acts: dict[str, list[int]] = {}
    for folder in args.dirs:
        collect(folder, counts, args.min_words, acts, args.acts_min_words)
    kept = {f: v for f, v in sorted(counts.items()) if v[1] >= args.min_seen}
    kept_acts = {f: v for f, v in sorted(acts.items()) if v[1] >= args.min_seen}
    out = {
        "about": ("Attribution frames (verb lemma | first complement) learned by benchmarks/train_frames.py "
                  f"from {', '.join(d.name for d in args.dirs)}: [times it attributed, times seen]. "
                  "A frame is used when seen >= min_count and attributed >= min_share of the time. 'frames' "
                  "counts candidates that report something (a statement); 'acts' counts those whose complement "
                  "only names a target ('criticized the deal'), recorded as acts where attributed >= "
                  "acts_min_share of the time."),
        "min_share": args.min_share, "min_count": args.min_count, "min_words": args.min_words,
        "acts_min_share": args.acts_min_share, "acts_min_words": args.acts_min_words,
        "frames": kept, "acts": kept_acts,
    }
    args.out.write_text(dump(out), encoding="utf-8")
    from alliancecli.quotes import frames

    used = len(frames.pick(kept, args.min_count, args.min_share))
    used_acts = len(frames.pick(kept_acts, args.min_count, args.acts_min_share))
    print(f"{len(counts)} frames seen, {len(kept)} written, {used} in use; {len(acts)} act frames seen, "
          f"{len(kept_acts)} written, {used_acts} in use -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
