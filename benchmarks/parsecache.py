"""A cache of parsed paragraphs for development runs: parse a corpus once, then re-run everything after
the parser (segmentation aside, attribution, entities, stance) in seconds.

Attribution costs about 2% of an ingest; the other 98% is spaCy. When only the rules change, the parses
do not, so :func:`install` wraps :func:`alliancecli.nlp.load` in a pipeline whose ``pipe`` looks every
text up in a SQLite file first (key: the text's sha1, under the pipeline's name and component list) and
parses only what it has not seen. The figures of a cached run equal those of a fresh one
(``benchmarks/devscore.py --check-cache`` compares them).

Development only: the product never reads this cache.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def _inputs_digest() -> str:
    """What else shapes a parse: the project's pipeline code and the data its entity ruler is built from
    (a new place or country name changes the entities, so the cached parses must not be reused). The
    attribution and stance lexicons are left out: changing them is what the cache is for."""
    import alliancecli

    pkg = Path(alliancecli.__file__).parent
    h = hashlib.sha1()
    for f in [pkg / "nlp.py", pkg / "gazetteer.py", pkg / "data" / "gazetteer.json", pkg / "data" / "places.json"]:
        h.update(f.read_bytes())
    return h.hexdigest()


class CachedPipeline:
    def __init__(self, nlp, path: Path):
        self.nlp = nlp
        key = "|".join([nlp.meta.get("name", ""), nlp.meta.get("version", ""), ",".join(nlp.pipe_names),
                        _inputs_digest()])
        self.table = "docs_" + hashlib.sha1(key.encode()).hexdigest()[:12]
        self.db = sqlite3.connect(path, timeout=120)  # shared by several runs at once
        self.db.execute(f"create table if not exists {self.table} (key text primary key, doc blob)")

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def pipe(self, items, batch_size: int = 64, as_tuples: bool = False, **kwargs):
        from spacy.tokens import Doc

        pending: list = []

        def flush():
            todo = [(i, t) for i, (t, _, doc) in enumerate(pending) if doc is None]
            if todo:
                parsed = self.nlp.pipe([t for _, t in todo], batch_size=batch_size)
                rows = []
                for (i, t), doc in zip(todo, parsed):
                    pending[i] = (t, pending[i][1], doc)
                    rows.append((hashlib.sha1(t.encode()).hexdigest(), doc.to_bytes(exclude=["tensor"])))
                self.db.executemany(f"insert or replace into {self.table} values (?, ?)", rows)
                self.db.commit()
            out = [(doc, ctx) for _, ctx, doc in pending]
            pending.clear()
            return out

        for item in items:
            text, ctx = item if as_tuples else (item, None)
            row = self.db.execute(f"select doc from {self.table} where key = ?",
                                  (hashlib.sha1(text.encode()).hexdigest(),)).fetchone()
            doc = Doc(self.nlp.vocab).from_bytes(row[0]) if row else None
            pending.append((text, ctx, doc))
            if len(pending) >= batch_size * 4:
                for doc, ctx in flush():
                    yield (doc, ctx) if as_tuples else doc
        for doc, ctx in flush():
            yield (doc, ctx) if as_tuples else doc


def install(path: str | Path) -> None:
    """Make :func:`alliancecli.nlp.load` return pipelines that cache their parses in ``path``."""
    from alliancecli import nlp

    original = nlp.load.__wrapped__ if hasattr(nlp.load, "__wrapped__") else nlp.load
    cache: dict = {}

    def load(name=None):
        key = nlp.model_name(name)
        if key not in cache:
            cache[key] = CachedPipeline(original(name), Path(path))
        return cache[key]

    nlp.load = load
