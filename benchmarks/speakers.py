#!/usr/bin/env python3
"""Speaker report: how many statements go to a speaker that is not a named person, organisation or country.

Usage::

    python benchmarks/speakers.py CORPUS [--db FILE] [--keep] [--top N] [--named N] [--json]
    # e.g. python benchmarks/speakers.py ../shared/corpora/zelenskyy-press-releases.csv
    #      python benchmarks/speakers.py ../shared/corpora/zelenskyy-press-releases.csv --db zel.db

CORPUS is any input ``alliance ingest`` takes (a CSV of press releases, a folder of articles).
Unless ``--db FILE`` names an existing database, CORPUS is ingested with
``alliancecli.pipeline.ingest`` into a temporary database (removed afterwards unless
``--keep``), or into FILE when FILE does not exist yet (then kept).  An existing ``--db`` is
read as it is and CORPUS only names it in the header.

For a CSV corpus it checks the reader first: every row with text must be one document whose
title is the row's headline (the ``title``/``headline`` column, as ``alliance ingest`` picks it).

Statements counted: every row of ``statements`` that is not a reader comment (``comment_id``
null and ``kind`` not ``comment``).  Each statement's ``speaker`` string is put in one class:

named (not counted)
    ``country/bloc``  the whole string is a name, former name, abbreviation, capital or
                      metonym of a country or bloc in the package gazetteer ("Ukraine", "the
                      Kremlin", "EU"); a demonym alone ("Ukrainian") is not;
    ``person``        after dropping stop words, title and role words (data/attribution.json
                      ``titles``, ``role_nouns``, ``role_generic``; data/ambiguity.json
                      ``person_titles``) and demonyms, a word is left that is part of a
                      person's name the database knows (``actors`` of kind person, or
                      ``mentions`` of kind person, of two words or more) and
                      that the corpus never writes in lower case (so spaCy's "People" or
                      "Economic Affairs" name nobody):
                      "Zelenskyy", "President Volodymyr Zelenskyy";
    ``organisation``  the string is an organisation actor of the database, or a word left is
                      an organisation word (data/attribution.json ``org_words``,
                      data/people.json ``org_nouns``) or an acronym, or spaCy labelled the
                      speaker an organisation (``speaker_kind``) and it does not open with a
                      role word and has a word the corpus never writes in lower case: "the
                      Cabinet of Ministers", "UNICEF".

not named (counted)
    ``no speaker``    empty or null;
    ``pronoun``       only stop words ("I", "he", "They", "Who");
    ``descriptor``    it opens with a lower-case word other than a determiner, or its last
                      word (the head of the noun phrase) is in lower case ("parties", "the
                      company", "Russian troops");
    ``role``          it opens (after determiners and demonyms) with a role word and names
                      nobody the database knows ("President", "Head", "the Head of State",
                      "Ukrainian President", "Deputy Head");
    ``other``         capitalised, but none of the above ("First Lady", a truncated phrase).

It prints a header (commit, corpus, database, date), the reader check, the share of
statements held by not-named speakers (all of them, by class, and the top N strings with their
counts and shares), the top named speakers for context, and the counts of the bare strings
issue 12 names ("President", "Head", "I", "he").  ``--json`` prints the same as one object.
Columns are read by name and missing optional ones (``speaker_kind``, ``comment_id``) are
tolerated, so columns other sessions add change nothing.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

NAMED = ("person", "organisation", "country/bloc")
NOT_NAMED = ("no speaker", "pronoun", "descriptor", "role", "other")
COUNTRY_FIELDS = ("names", "former_names", "abbreviations", "capitals", "metonyms")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
BARE = ("President", "Head", "I", "he")  # the strings issue 12 says must not appear


def _fold(s: str) -> str:
    s = s.strip().lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[\s\-_.]+", " ", s).strip()


def _words(s: str) -> list[str]:
    return [re.sub(r"['’]s$", "", w).rstrip(".") for w in TOKEN.findall(s or "")]


class Lexicon:
    """The word lists the classes are decided with: the package's own data files and spaCy's stop words."""

    def __init__(self):
        from spacy.lang.en.stop_words import STOP_WORDS

        from alliancecli import gazetteer
        from alliancecli.resources import load_json

        att = load_json("attribution.json")
        amb = load_json("ambiguity.json")
        people = load_json("people.json")
        roles = set(att.get("titles", [])) | set(att.get("role_nouns", [])) | set(amb.get("person_titles", []))
        for words in (att.get("role_generic") or {}).values():
            roles |= set(words)
        self.roles = {w.lower() for w in roles}
        self.orgs = {w.lower() for w in list(att.get("org_words", [])) + list(people.get("org_nouns", []))}
        self.stop = {w.lower() for w in STOP_WORDS} | {p.lower() for p in (att.get("pronouns") or {})} | DETERMINERS
        gaz = gazetteer.load()
        self.places = {_fold(f.text) for f in gaz.forms if f.field in COUNTRY_FIELDS}
        self.demonyms = {f.text.lower() for f in gaz.forms if f.field == "demonyms"}
        self.person_words: set[str] = set()
        self.org_names: set[str] = set()
        self.lower: set[str] = set()  # words the corpus writes in lower case somewhere
        self.particles: set[str] = set()  # lower-case words inside person names: "von", "der", "bin"

    def learn(self, db: sqlite3.Connection) -> None:
        """Person-name words and organisation names the database knows (actors, person mentions).

        A person-name word is a capitalised word of a person's name (role words, stop words and
        demonyms dropped) that the corpus never writes in lower case: "Zelenskyy" and "Rutte"
        are, "Affairs" or "People" (spaCy's person names for "Economic Affairs", "People") are not.
        """
        lower = self.lower
        if _has(db, "documents", "text"):
            for (text,) in db.execute("select text from documents"):
                lower.update(w for w in TOKEN.findall(text or "") if w[:1].islower())
        names: list[str] = []
        if _has(db, "actors", "name") and _has(db, "actors", "kind"):
            for name, kind in db.execute("select name, kind from actors"):
                if kind == "person":
                    names.append(name)
                elif kind in ("organization", "organisation"):
                    self.org_names.add(_fold(name or ""))
        if _has(db, "mentions", "name") and _has(db, "mentions", "kind"):
            names += [n for (n,) in db.execute("select distinct name from mentions where kind = 'person'")]
        for name in names:
            words = _words(name)
            # a name of two words or more, capitalised but for short particles ("Ursula von der"); one
            # word alone ("Kherson", "People") is too often not a person
            if len(words) < 2 or not words[0][:1].isupper() or any(
                    w[:1].islower() and len(w) > 3 for w in words):
                continue
            self.particles.update(w for w in words[1:] if w[:1].islower())
            for w in words:
                lw = w.lower()
                if (w[:1].isupper() and lw not in lower and lw not in self.roles and lw not in self.stop
                        and lw not in self.demonyms and lw not in self.orgs):
                    self.person_words.add(lw)

    def classify(self, speaker: str | None, kind: str | None = None) -> str:
        s = (speaker or "").strip()
        if not s:
            return "no speaker"
        words = _words(s)
        if _fold(s) in self.places and not (words and all(w.lower() in self.stop and not w.isupper() for w in words)):
            return "country/bloc"  # "US" is a country, "us" a pronoun
        if not words or all(w.lower() in self.stop for w in words):
            return "pronoun"
        content = [w for w in words if w.lower() not in self.stop]
        # a noun phrase ends in its head: "the company", "Russian troops", "Kherson residents"
        if (not content or (words[0][:1].islower() and words[0].lower() not in DETERMINERS)
                or (content[-1][:1].islower() and content[-1] not in self.particles)):
            return "descriptor"
        head = [w for w in content if w.lower() not in self.demonyms]
        rest = [w for w in head if w.lower() not in self.roles]
        if any(w.lower() in self.person_words for w in rest):
            return "person"
        opens_with_role = bool(head) and head[0].lower() in self.roles
        if _fold(s) in self.org_names and not opens_with_role:
            return "organisation"
        if not opens_with_role and (
            any(w.lower() in self.orgs for w in rest)
            or any(len(w) >= 2 and w.isupper() for w in rest)
            or (kind in ("organization", "organisation") and any(w.lower() not in self.lower for w in rest))
        ):
            return "organisation"
        if opens_with_role or (head and not rest):
            return "role"
        return "other"


def _has(db: sqlite3.Connection, table: str, column: str) -> bool:
    return column in {r[1] for r in db.execute(f"pragma table_info({table})")}


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        branch = subprocess.run(["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        return f"{head} ({branch}{', uncommitted changes' if dirty else ''})"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _sha(path: Path) -> str:
    if not path.is_file():
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def ingest(corpus: Path, db_path: Path) -> dict:
    from alliancecli import pipeline

    seen = Counter()

    def on_event(kind, path, detail):
        seen[kind] += 1
        if kind in ("new", "changed") and (seen["new"] + seen["changed"]) % 100 == 0:
            print(f"  ingested {seen['new'] + seen['changed']} documents", file=sys.stderr, flush=True)

    summary = pipeline.ingest([corpus], db_path, on_event=on_event)
    return {"documents": summary.documents, "failed": summary.failed, "skipped": summary.skipped}


def reader_check(corpus: Path, db: sqlite3.Connection) -> dict | None:
    """For a CSV corpus: every row with text is a document titled with the row's headline."""
    if corpus.suffix.lower() != ".csv" or not corpus.is_file():
        return None
    csv.field_size_limit(2**31 - 1)
    with corpus.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    cols = {c.lower(): c for c in (rows[0].keys() if rows else [])}
    text_col = next((cols[c] for c in ("text", "body", "content", "article") if c in cols), None)
    title_col = next((cols[c] for c in ("title", "headline", "heading") if c in cols), None)
    with_text = [r for r in rows if text_col and (r.get(text_col) or "").strip()]
    pattern = f"{corpus}#%"
    docs = [t for (t,) in db.execute("select title from documents where path like ? or path like ?",
                                     (pattern, f"%{corpus.name}#%"))]
    want = Counter((r.get(title_col) or "").strip() for r in with_text if title_col)
    got = Counter((t or "").strip() for t in docs)
    return {"rows": len(rows), "rows_with_text": len(with_text), "documents": len(docs),
            "titled_with_headline": sum((want & got).values()) if title_col else None,
            "empty_headlines": sum(1 for r in with_text if title_col and not (r.get(title_col) or "").strip())}


def report(db: sqlite3.Connection, lex: Lexicon, top: int, top_named: int) -> dict:
    cols = {r[1] for r in db.execute("pragma table_info(statements)")}
    where = []
    if "comment_id" in cols:
        where.append("comment_id is null")
    if "kind" in cols:
        where.append("coalesce(kind, '') != 'comment'")
    kind_col = "speaker_kind" if "speaker_kind" in cols else "null"
    sql = (f"select speaker, {kind_col} as kind, count(*) from statements"
           f"{' where ' + ' and '.join(where) if where else ''} group by 1, 2")
    by_string: Counter = Counter()
    classes: dict[str, str] = {}
    for speaker, kind, n in db.execute(sql):
        key = (speaker or "").strip()
        cls = lex.classify(key, kind)
        # one class a string: a named reading under any speaker_kind wins
        if classes.get(key) not in NAMED:
            classes[key] = cls
        by_string[key] += n
    total = sum(by_string.values())
    by_class = Counter()
    for s, n in by_string.items():
        by_class[classes[s]] += n
    not_named = [(s, n) for s, n in by_string.most_common() if classes[s] not in NAMED]
    named = [(s, n) for s, n in by_string.most_common() if classes[s] in NAMED]
    share = lambda n: round(n / total, 4) if total else 0.0  # noqa: E731
    nn_total = sum(n for _, n in not_named)
    return {
        "statements": total,
        "not_named": nn_total,
        "not_named_share": share(nn_total),
        "not_named_top_share": share(sum(n for _, n in not_named[:top])),
        "by_class": {c: {"statements": by_class[c], "share": share(by_class[c])} for c in NOT_NAMED + NAMED},
        "top_not_named": [{"speaker": s or "(none)", "class": classes[s], "statements": n, "share": share(n)}
                          for s, n in not_named[:top]],
        "top_named": [{"speaker": s, "class": classes[s], "statements": n, "share": share(n)}
                      for s, n in named[:top_named]],
        "bare": {b: by_string.get(b, 0) for b in BARE},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="what to ingest (a CSV, a folder of articles)")
    ap.add_argument("--db", type=Path, help="an existing database to read, or a new file to ingest into")
    ap.add_argument("--keep", action="store_true", help="keep the temporary database")
    ap.add_argument("--top", type=int, default=20, help="not-named speaker strings to list (default 20)")
    ap.add_argument("--named", type=int, default=10, help="named speakers to list for context (default 10)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)

    tmp = None
    ingested = None
    if args.db and args.db.exists():
        db_path = args.db
    else:
        if not args.corpus.exists():
            print(f"speakers.py: no corpus at {args.corpus}", file=sys.stderr)
            return 1
        if args.db:
            db_path = args.db
        else:
            tmp = tempfile.mkdtemp(prefix="speakers-")
            db_path = Path(tmp) / "speakers.db"
        print(f"ingesting {args.corpus} into {db_path} ...", file=sys.stderr, flush=True)
        ingested = ingest(args.corpus, db_path)

    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    made = None
    if ingested is None and _has(db, "documents", "ingested_at"):
        made = list(db.execute("select min(ingested_at), max(ingested_at) from documents").fetchone())
    lex = Lexicon()
    lex.learn(db)
    out = {
        "commit": _commit(),
        "corpus": str(args.corpus),
        "corpus_sha256": _sha(args.corpus),
        "database": str(db_path) if (tmp is None or args.keep) else "(temporary)",
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "ingest": ingested,
        "database_ingested_at": made,
        "reader": reader_check(args.corpus, db),
        **report(db, lex, args.top, args.named),
    }
    db.close()
    if tmp and not args.keep:
        for f in Path(tmp).iterdir():
            f.unlink()
        os.rmdir(tmp)
    elif tmp:
        print(f"kept {db_path}", file=sys.stderr)

    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    pct = lambda x: f"{100 * x:5.1f}%"  # noqa: E731
    print(f"speaker report  commit {out['commit']}  date {out['date']}")
    print(f"corpus {out['corpus']} (sha256 {out['corpus_sha256']})  database {out['database']}")
    if out["database_ingested_at"]:
        print(f"database read as it is, ingested {out['database_ingested_at'][0]} .. {out['database_ingested_at'][1]}"
              " (the commit above is the report's, not necessarily the ingest's)")
    if ingested:
        print(f"ingest: {ingested['documents']} documents, {ingested['failed']} failed, {ingested['skipped']} skipped")
    r = out["reader"]
    if r:
        print(f"reader: {r['rows']} CSV rows, {r['rows_with_text']} with text -> {r['documents']} documents; "
              f"titled with their row's headline: {r['titled_with_headline']} "
              f"(empty headlines: {r['empty_headlines']})")
    print()
    print(f"statements: {out['statements']}   not a named person, organisation or country: {out['not_named']} "
          f"({pct(out['not_named_share']).strip()}); "
          f"the top {args.top} of them: {pct(out['not_named_top_share']).strip()}")
    print("  by class: " + ", ".join(f"{c} {v['statements']} ({pct(v['share']).strip()})"
                                      for c, v in out["by_class"].items()))
    print("  bare strings issue 12 names: " + ", ".join(f"{b!r} {n}" for b, n in out["bare"].items()))
    print()
    print(f"{'top not-named speakers':40} {'class':12} {'statements':>10} {'share':>7}")
    for row in out["top_not_named"]:
        print(f"{row['speaker'][:40]:40} {row['class']:12} {row['statements']:>10} {pct(row['share']):>7}")
    print()
    print(f"{'top named speakers (context)':40} {'class':12} {'statements':>10} {'share':>7}")
    for row in out["top_named"]:
        print(f"{row['speaker'][:40]:40} {row['class']:12} {row['statements']:>10} {pct(row['share']):>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
