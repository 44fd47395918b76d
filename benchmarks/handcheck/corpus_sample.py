"""Write a seeded random sample of the two hand-check corpora as text files, to ingest.

    python benchmarks/handcheck/corpus_sample.py OUT_DIR [--seed 14] [--zelenskyy 250] [--bbc 250]

``OUT_DIR/zelenskyy/zelenskyy-<N>.txt`` holds row N (0-based) of
``../shared/corpora/zelenskyy-press-releases.csv`` as headline + blank line + body (the layout of
``../shared/tools/zelenskyy_docs.py``); ``OUT_DIR/bbc/<section>-<file>`` holds articles of
``../shared/corpora/bbc-fulltext.zip``.  The same seed gives the same files.
"""
from __future__ import annotations

import argparse
import csv
import random
import zipfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--zelenskyy", type=int, default=250)
    ap.add_argument("--bbc", type=int, default=250)
    ap.add_argument("--shared", type=Path, default=SHARED)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    csv.field_size_limit(10**9)
    with open(a.shared / "corpora" / "zelenskyy-press-releases.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    zdir = a.out / "zelenskyy"
    zdir.mkdir(parents=True, exist_ok=True)
    for n in sorted(rng.sample(range(len(rows)), min(a.zelenskyy, len(rows)))):
        with open(zdir / f"zelenskyy-{n}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(rows[n]["headline"] + "\n\n" + rows[n]["body"] + "\n")
    bdir = a.out / "bbc"
    bdir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(a.shared / "corpora" / "bbc-fulltext.zip") as z:
        names = sorted(n for n in z.namelist() if n.endswith(".txt") and "README" not in n)
        for n in sorted(rng.sample(names, min(a.bbc, len(names)))):
            section, file = n.split("/")[-2:]
            (bdir / f"{section}-{file}").write_bytes(z.read(n))
    print(f"wrote {len(list(zdir.iterdir()))} Zelenskyy releases and {len(list(bdir.iterdir()))} BBC articles to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
