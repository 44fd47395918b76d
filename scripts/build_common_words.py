#!/usr/bin/env python
"""Build ``src/alliancecli/data/common_words.json``: common English words with their frequency.

Source: the ``wordfreq`` package (the ``data`` extra), read offline: every all-letter word of three
letters or more among its top English words whose Zipf frequency is ``MIN_ZIPF`` or more (about
three times per million words), with that frequency rounded to one decimal.

The entity rules read it to judge a lone capitalised word the model tags PERSON: a word this common
('Harvest' at the start of a sentence, 'Notes', 'Bishop') needs evidence that it names a person (a title
before it, a verb it is the subject of) where a rare one ('Zelenskyy') does not.  wordfreq counts
names too ('putin' is 4.1), so the list only ever asks for evidence; it never decides alone.

Run:  ``python scripts/build_common_words.py``  (``--check`` builds without writing)
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "alliancecli" / "data" / "common_words.json"

MIN_ZIPF = 3.5
TOP_N = 60000  # wordfreq's English list holds every word of Zipf 3.5 within its first 60,000


def build() -> dict:
    words = {}
    for w in top_n_list("en", TOP_N):
        if len(w) < 3 or not re.fullmatch(r"[a-z]+", w):
            continue
        z = zipf_frequency(w, "en")
        if z >= MIN_ZIPF:
            words[w] = round(z, 1)
    return {"about": "Common English words (wordfreq 3.1.1, Zipf frequency >= %s, lower case, three letters or "
                     "more) -> Zipf frequency. Built by scripts/build_common_words.py." % MIN_ZIPF,
            "min_zipf": MIN_ZIPF, "words": dict(sorted(words.items()))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="build and report, write nothing")
    args = ap.parse_args()
    data = build()
    print(f"{len(data['words'])} words")
    if not args.check:
        OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
