#!/usr/bin/env python3
"""Score alliancecli's attribution extraction against PolNeAR (brat standoff).

Usage::

    python benchmarks/polnear.py DIR [--db FILE] [--keep] [--misses N] [--json] [--model NAME]

DIR holds ``text/NAME.txt`` (the articles) and ``attributions/NAME_ANNOTATOR.ann``
(brat standoff annotations).

Ingest
    Unless ``--db FILE`` names an existing database, the articles in ``DIR/text/``
    are ingested by ``alliancecli.pipeline.ingest`` in a child process (``python -c``),
    which loads the model first, then times the ingest and, inside it, every call of
    ``quotes.attribute``, and records every exception raised while analysing a
    document. The report's first line gives the ingest time, the attribution time and
    its share of the ingest, the number of exceptions and of failed files (each listed);
    the exit status is 1 when there was an exception.

    DB is a fresh temporary database (removed afterwards unless ``--keep``, which
    prints its path); if ``--db FILE`` names a file that does not exist yet, the
    ingest writes to FILE instead and FILE is kept. A child that prints no result
    makes the script print the tail of its stderr and exit 1.

Gold
    For each article the FIRST ``.ann`` file in name order whose name starts with
    the article's stem + ``"_"`` is read. ``T`` lines are spans
    (``T<n>\\t<Type> <start> <end>[;<start> <end>...]\\t<text>``, character offsets
    into the .txt); ``E`` lines are attribution relations
    (``E<n>\\tAttribution:T.. Content:T.. Cue:T.. Source:T.. [Content2:T..]``, role
    order varies, Source may be absent). One gold attribution = one ``E`` line:
    its content is the union of the character ranges of its Content (and Content2)
    spans, its source the ranges of its Source span (possibly none), its cue the
    ranges of its Cue span. Attributions without a source are excluded from
    both tracks (their number is reported).

Predictions
    Read from the database: ``documents(id, path, text)``, matched to an article
    by the file name of ``path`` (an article the ingest stored no document for,
    because another file has its exact text, shares that document's statements), and ``statements(id, document_id, comment_id,
    kind, text, start, end, speaker, speaker_start, speaker_end, cue)``.
    ``start``/``end`` and ``speaker_start``/``speaker_end`` are Python string
    offsets into ``documents.text``, which must equal the .txt decoded as UTF-8
    unaltered (checked on load: a warning is printed once if not), so they index
    the same string as the brat offsets.

Tracks
    1. quotations: gold = attributions with a source whose content text contains
       a quotation of at least four words between double quotation marks
       (straight ``" "`` or curly ``“ ”``); predictions = statements with
       ``kind = 'quote'``.
    2. all attributions with a source: gold = every attribution that has a
       Source; predictions = statements with ``comment_id IS NULL`` and
       ``kind != 'comment'``, and the rows of ``acts`` (acts aimed at a target,
       "criticized the deal", which the ingest keeps apart from the statements;
       kind ``act``) where the database has that table. ``--no-acts`` leaves
       them out, to score the statements alone.

Matching
    A prediction matches a gold attribution (of the same article) when at least
    half of the prediction's characters ``[start, end)`` lie inside the gold
    content ranges. It matches *end to end* when, in addition, the prediction's
    ``[speaker_start, speaker_end)`` overlaps the gold Source ranges (NULL
    speaker offsets never match).

    * Recall = gold attributions of the track matched by at least one prediction
      of the track / gold attributions of the track.
    * Precision = predictions of the track that match at least one gold
      attribution *that has a source* (from any track: a correct quote of a
      three-word quotation is not a false positive) / predictions of the track.
      For end-to-end precision the match must be end to end.
    * F1 = harmonic mean of precision and recall (0 when both are 0).

    Both "span" (content only) and "end to end" figures are reported, with the
    counts behind them (matched predictions / predictions, matched gold / gold),
    plus the number of articles, the number of articles for which the ingest
    gave zero statements, and the number of gold attributions without a source.

``--misses N`` lists, after the table, up to N missed gold attributions, up to N
false-positive predictions and up to N span-correct predictions with a wrong
speaker. ``--json`` prints the figures as one JSON object instead of the table.

Standard library only (the alliancecli package is only imported in the child process).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

Range = tuple[int, int]

TRACKS = ("quotations", "attributions")
TRACK_TITLES = {
    "quotations": "quotations",
    "attributions": "all attributions with a source",
}
MEASURES = ("span", "end_to_end")

_WARNED: set[str] = set()


def warn(message: str, key: str | None = None) -> None:
    """Print a warning to stderr, only once per ``key`` when one is given."""
    if key is not None:
        if key in _WARNED:
            return
        _WARNED.add(key)
    print(f"warning: {message}", file=sys.stderr)


# --------------------------------------------------------------------------
# data


@dataclass
class Gold:
    """One gold attribution (one brat ``E`` line)."""

    doc: str  # article stem (file name without .txt)
    id: str  # E id
    content: list[Range]
    source: list[Range] = field(default_factory=list)
    cue: list[Range] = field(default_factory=list)
    content_text: str = ""
    source_text: str = ""
    cue_text: str = ""
    quote: bool | None = None  # content holds a >= 4-word quotation; None: compute

    def __post_init__(self) -> None:
        self.content = merge_ranges(self.content)
        self.source = merge_ranges(self.source)
        self.cue = merge_ranges(self.cue)
        if self.quote is None:
            self.quote = has_quotation(self.content_text)

    @property
    def has_source(self) -> bool:
        return bool(self.source)


@dataclass
class Prediction:
    """One row of ``statements``."""

    doc: str
    id: object
    kind: str | None
    start: int | None
    end: int | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    comment_id: object = None
    text: str = ""
    speaker: str | None = None
    speaker_text: str = ""  # documents.text[speaker_start:speaker_end]


# --------------------------------------------------------------------------
# ranges and quotations


def merge_ranges(ranges) -> list[Range]:
    """Sort and merge overlapping/adjacent ``(start, end)`` ranges; drop empty ones."""
    out: list[list[int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in ranges if e > s):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def overlap(start: int, end: int, ranges: list[Range]) -> int:
    """Number of characters of ``[start, end)`` inside the (merged) ranges."""
    return sum(max(0, min(end, e) - max(start, s)) for s, e in ranges)


# An opening mark (straight or curly) not followed by whitespace, the shortest
# text up to a closing mark (straight or curly) not preceded by whitespace. The
# whitespace conditions keep `..., " he said, "...` from reading as a quotation.
_QUOTE_RE = re.compile(r'[“"](?=\S)(.*?\S)[”"]', re.S)
_WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*")


def has_quotation(text: str, min_words: int = 4) -> bool:
    """True when ``text`` contains a quotation of at least ``min_words`` words."""
    return any(
        len(_WORD_RE.findall(m.group(1))) >= min_words for m in _QUOTE_RE.finditer(text)
    )


# --------------------------------------------------------------------------
# gold


def _ranges(spec: str) -> list[Range]:
    out = []
    for piece in spec.split(";"):
        s, e = piece.split()
        out.append((int(s), int(e)))
    return out


def parse_ann(ann_text: str, doc: str = "", article: str | None = None) -> list[Gold]:
    """Parse brat standoff text into gold attributions (one per ``E`` line).

    ``article`` is the article text; when given, span texts are taken from it
    (pieces of a discontiguous span joined by a space, as brat does) and
    checked against the text column of the ``T`` line.
    """
    spans: dict[str, tuple[str, list[Range], str]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for lineno, line in enumerate(ann_text.splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        tag = cols[0]
        try:
            if tag.startswith("T"):
                typ, _, spec = cols[1].partition(" ")
                spans[tag] = (typ, _ranges(spec), cols[2] if len(cols) > 2 else "")
            elif tag.startswith("E"):
                args = [a.split(":", 1) for a in cols[1].split() if ":" in a]
                events.append((tag, [(role, ref) for role, ref in args]))
        except (IndexError, ValueError):
            warn(f"{doc}: cannot parse line {lineno}: {line!r}")

    def text_of(refs: list[str]) -> str:
        pieces = []
        for ref in refs:
            _typ, rngs, ttext = spans[ref]
            if article is not None:
                atext = " ".join(article[s:e] for s, e in rngs)
                if atext != ttext:
                    warn(f"{doc}: text of {ref} differs from the article at its offsets",
                         key="span-text")
                pieces.append(atext)
            else:
                pieces.append(ttext)
        return " ".join(pieces)

    gold = []
    for eid, args in events:
        roles: dict[str, list[str]] = {"Content": [], "Source": [], "Cue": []}
        for role, ref in args:
            base = role.rstrip("0123456789")  # Content2 -> Content
            if base not in roles:
                continue  # the Attribution trigger, ...
            if ref not in spans:
                warn(f"{doc}: {eid} refers to missing span {ref}")
                continue
            roles[base].append(ref)
        gold.append(Gold(
            doc=doc,
            id=eid,
            content=[r for ref in roles["Content"] for r in spans[ref][1]],
            source=[r for ref in roles["Source"] for r in spans[ref][1]],
            cue=[r for ref in roles["Cue"] for r in spans[ref][1]],
            content_text=text_of(roles["Content"]),
            source_text=text_of(roles["Source"]),
            cue_text=text_of(roles["Cue"]),
        ))
    return gold


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def find_ann(stem: str, ann_names: list[str]) -> str | None:
    """First ``.ann`` name in name order starting with ``stem + "_"``.

    Names whose remainder holds no further ``_`` (``STEM_ANNOTATOR.ann``) are
    preferred, so that an article ``a`` never takes the file of an article ``a_b``.
    """
    cands = sorted(n for n in ann_names if n.startswith(stem + "_") and n.endswith(".ann"))
    exact = [n for n in cands if "_" not in n[len(stem) + 1:]]
    return (exact or cands or [None])[0]


def load_gold(directory: Path) -> tuple[dict[str, str], list[Gold]]:
    """Read ``DIR/text/*.txt`` and their ``.ann`` files.

    Returns ``(articles, gold)``: article stem -> text, and all gold attributions.
    """
    directory = Path(directory)
    articles = {p.stem: read_text(p) for p in sorted((directory / "text").glob("*.txt"))}
    ann_dir = directory / "attributions"
    ann_names = sorted(os.listdir(ann_dir)) if ann_dir.is_dir() else []
    gold: list[Gold] = []
    for stem, text in articles.items():
        name = find_ann(stem, ann_names)
        if name is None:
            warn(f"no .ann file for {stem}")
            continue
        gold.extend(parse_ann(read_text(ann_dir / name), doc=stem, article=text))
    return articles, gold


# --------------------------------------------------------------------------
# predictions

_STATEMENT_COLUMNS = ("id", "document_id", "comment_id", "kind", "text", "start", "end",
                      "speaker", "speaker_start", "speaker_end")


def load_predictions(db: Path, articles: dict[str, str], acts: bool = True) -> tuple[list[Prediction], dict[str, int]]:
    """Read the statements (and, with ``acts``, the acts) of the documents that are articles.

    Returns ``(predictions, counts)``: every statement (all kinds; ``score``
    picks per track) and article stem -> number of statements (0 when the
    article has no document).
    """
    by_name = {f"{stem}.txt": stem for stem in articles}
    con = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        doc_of: dict[object, str] = {}
        doc_text: dict[str, str] = {}
        for row in con.execute("SELECT id, path, text FROM documents ORDER BY id"):
            stem = by_name.get(Path(str(row["path"])).name)
            if stem is None:
                continue
            if stem in doc_text:
                warn(f"several documents for {stem}.txt; using the last one", key="dupdoc")
                doc_of = {k: v for k, v in doc_of.items() if v != stem}
            doc_of[row["id"]] = stem
            doc_text[stem] = row["text"] or ""
            if doc_text[stem] != articles[stem]:
                warn(f"documents.text differs from the .txt file (first: {stem}.txt); "
                     "offsets may not line up with the gold", key="text-mismatch")
        # the ingest stores one copy of identical files: an article without a document of its own shares the
        # statements of the document with its exact text (two annotations of one syndicated story)
        copies: dict[str, list[str]] = {}
        by_text = {t: stem for stem, t in doc_text.items()}
        for stem, t in articles.items():
            if stem not in doc_text and t in by_text:
                copies.setdefault(by_text[t], []).append(stem)
        cols = ", ".join(f'"{c}"' for c in _STATEMENT_COLUMNS)
        preds: list[Prediction] = []
        counts = {stem: 0 for stem in articles}
        # the acts aimed at a target that the learned frames attribute ("criticized the deal"), kept apart from
        # the statements by the ingest, are attributions too (kind 'act'), where the database has them
        acts = acts and con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'acts'").fetchone()
        act_sql = ("UNION ALL SELECT 'act:' || id, document_id, NULL, 'act', text, start, end, speaker, speaker_start, "
                   "speaker_end FROM acts" if acts else "")
        for row in con.execute(f"SELECT {cols} FROM statements {act_sql} ORDER BY 1"):
            stem = doc_of.get(row["document_id"])
            if stem is None:
                continue
            ss, se = row["speaker_start"], row["speaker_end"]
            text = doc_text[stem]
            for name in [stem] + copies.get(stem, []):
                counts[name] += 1
                preds.append(Prediction(
                    doc=name, id=row["id"], kind=row["kind"], start=row["start"], end=row["end"],
                    speaker_start=ss, speaker_end=se, comment_id=row["comment_id"],
                    text=row["text"] or "", speaker=row["speaker"],
                    speaker_text=text[ss:se] if ss is not None and se is not None else "",
                ))
    finally:
        con.close()
    return preds, counts


# --------------------------------------------------------------------------
# scoring


def in_track(pred: Prediction, track: str) -> bool:
    if track == "quotations":
        return pred.kind == "quote"
    return pred.comment_id is None and pred.kind != "comment"


def gold_in_track(g: Gold, track: str) -> bool:
    if not g.has_source:
        return False
    return bool(g.quote) if track == "quotations" else True


def match(pred: Prediction, g: Gold) -> tuple[bool, bool]:
    """``(span_match, end_to_end_match)`` of a prediction against a gold attribution."""
    if pred.doc != g.doc or pred.start is None or pred.end is None or pred.end <= pred.start:
        return False, False
    span = 2 * overlap(pred.start, pred.end, g.content) >= pred.end - pred.start
    if not span:
        return False, False
    ss, se = pred.speaker_start, pred.speaker_end
    e2e = ss is not None and se is not None and se > ss and overlap(ss, se, g.source) > 0
    return True, e2e


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f,
            "tp_pred": tp_pred, "pred": n_pred, "tp_gold": tp_gold, "gold": n_gold}


def score(gold: list[Gold], predictions: list[Prediction]) -> dict:
    """Compute the figures of both tracks.

    Returns ``{"tracks": {track: {"span": figs, "end_to_end": figs}},
    "gold_without_source": n, "details": {...}}`` where figs holds precision,
    recall, f1 and the counts tp_pred/pred (precision) and tp_gold/gold (recall).
    ``details`` holds the missed gold, false positives and wrong speakers used by
    ``--misses``.
    """
    gold_by_doc: dict[str, list[Gold]] = {}
    for g in gold:
        gold_by_doc.setdefault(g.doc, []).append(g)

    # For each prediction: sourced gold it matches (span) and end to end.
    span_hits: dict[int, list[Gold]] = {}
    e2e_hits: dict[int, list[Gold]] = {}
    for i, p in enumerate(predictions):
        for g in gold_by_doc.get(p.doc, ()):
            if not g.has_source:
                continue
            s, e = match(p, g)
            if s:
                span_hits.setdefault(i, []).append(g)
            if e:
                e2e_hits.setdefault(i, []).append(g)

    tracks = {}
    for track in TRACKS:
        pidx = [i for i, p in enumerate(predictions) if in_track(p, track)]
        tgold = [g for g in gold if gold_in_track(g, track)]
        figs = {}
        for measure, hits in (("span", span_hits), ("end_to_end", e2e_hits)):
            matched_gold = {id(g) for i in pidx for g in hits.get(i, ())}
            figs[measure] = _prf(
                sum(1 for i in pidx if i in hits), len(pidx),
                sum(1 for g in tgold if id(g) in matched_gold), len(tgold),
            )
        tracks[track] = figs

    # details for --misses (track 2: all attributions with a source)
    pidx2 = [i for i, p in enumerate(predictions) if in_track(p, "attributions")
             or in_track(p, "quotations")]
    matched = {id(g) for i in pidx2 for g in span_hits.get(i, ())}
    missed = [g for g in gold if g.has_source and id(g) not in matched]
    false_pos = [predictions[i] for i in pidx2 if i not in span_hits]
    wrong_speaker = []
    for i in pidx2:
        if i in span_hits and i not in e2e_hits:
            p = predictions[i]
            best = max(span_hits[i], key=lambda g: overlap(p.start, p.end, g.content))
            wrong_speaker.append((p, best))
    return {
        "tracks": tracks,
        "gold_without_source": sum(1 for g in gold if not g.has_source),
        "details": {"missed": missed, "false_positives": false_pos,
                    "wrong_speaker": wrong_speaker},
    }


# --------------------------------------------------------------------------
# output


def _short(text: str | None, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def report(result: dict, n_articles: int, zero_articles: int, misses: int = 0,
           out=sys.stdout) -> None:
    """Print the table (and, with ``misses`` > 0, the lists of errors)."""
    w = out.write
    w(f"articles: {n_articles}    articles with zero statements: {zero_articles}    "
      f"gold attributions without a source (excluded): {result['gold_without_source']}\n\n")
    w(f"{'track':<32}{'measure':<12}{'P':>7}{'R':>7}{'F1':>7}"
      f"{'tp/pred':>13}{'tp/gold':>13}\n")
    for track in TRACKS:
        for measure in MEASURES:
            f = result["tracks"][track][measure]
            w(f"{TRACK_TITLES[track]:<32}{measure.replace('_', ' '):<12}"
              f"{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}"
              f"{f['tp_pred']:>7}/{f['pred']:<5}{f['tp_gold']:>7}/{f['gold']:<5}\n")
    if misses <= 0:
        return
    d = result["details"]
    w(f"\nmissed gold attributions ({len(d['missed'])}; [q] = quotation track):\n")
    for g in d["missed"][:misses]:
        w(f"  {g.doc} {g.id}{' [q]' if g.quote else ''}: source={_short(g.source_text, 40)!r} "
          f"cue={_short(g.cue_text, 30)!r}\n      content={_short(g.content_text)!r}\n")
    w(f"\nfalse-positive predictions ({len(d['false_positives'])}):\n")
    for p in d["false_positives"][:misses]:
        w(f"  {p.doc} #{p.id} {p.kind}: speaker={_short(p.speaker, 40)!r}\n"
          f"      text={_short(p.text)!r}\n")
    w(f"\nspan-correct predictions with a wrong speaker ({len(d['wrong_speaker'])}):\n")
    for p, g in d["wrong_speaker"][:misses]:
        w(f"  {p.doc} #{p.id} {p.kind}: gold source={_short(g.source_text, 40)!r} "
          f"predicted speaker={_short(p.speaker, 40)!r} "
          f"at offsets={_short(p.speaker_text, 40)!r}\n      text={_short(p.text)!r}\n")


def to_json(result: dict, n_articles: int, zero_articles: int, extra: dict | None = None,
            misses: int = 0) -> dict:
    obj = dict(extra or {})
    obj.update({
        "articles": n_articles,
        "articles_zero_statements": zero_articles,
        "gold_without_source": result["gold_without_source"],
        "tracks": {t: {m: {k: (round(v, 4) if isinstance(v, float) else v)
                           for k, v in result["tracks"][t][m].items()}
                       for m in MEASURES} for t in TRACKS},
    })
    if misses > 0:
        d = result["details"]
        obj["missed"] = [{"file": g.doc, "id": g.id, "quote": g.quote, "source": g.source_text,
                          "cue": g.cue_text, "content": g.content_text[:80]}
                         for g in d["missed"][:misses]]
        obj["false_positives"] = [{"file": p.doc, "id": p.id, "kind": p.kind,
                                   "speaker": p.speaker, "text": p.text[:80]}
                                  for p in d["false_positives"][:misses]]
        obj["wrong_speaker"] = [{"file": p.doc, "id": p.id, "gold_source": g.source_text,
                                 "speaker": p.speaker, "speaker_text": p.speaker_text,
                                 "text": p.text[:80]}
                                for p, g in d["wrong_speaker"][:misses]]
    return obj


# --------------------------------------------------------------------------
# ingest and main


# Run in a fresh interpreter: load the model, then ingest while timing the attribution stage and
# recording every exception raised while analysing a document; print one JSON line.
CHILD = r"""
import json, sys, time
from alliancecli import nlp, pipeline, quotes
folder, db, model = sys.argv[1], sys.argv[2], sys.argv[3] or None
timing = {"attribute_s": 0.0}
exceptions = []
attribute, analyse = quotes.attribute, pipeline.analyse

def timed_attribute(*args, **kwargs):
    t = time.perf_counter()
    try:
        return attribute(*args, **kwargs)
    finally:
        timing["attribute_s"] += time.perf_counter() - t

def guarded_analyse(prep, docs):
    try:
        return analyse(prep, docs)
    except Exception as e:
        exceptions.append([prep.source.path, f"{type(e).__name__}: {e}"])
        raise

quotes.attribute, pipeline.analyse = timed_attribute, guarded_analyse
nlp.load(model)
t0 = time.perf_counter()
summary = None
try:
    summary = pipeline.ingest([folder], db, model=model)
except Exception as e:
    if not exceptions:
        exceptions.append(["(ingest)", f"{type(e).__name__}: {e}"])
ingest_s = time.perf_counter() - t0
print(json.dumps({
    "ingest_s": ingest_s, "attribute_s": timing["attribute_s"], "exceptions": exceptions,
    "failed": summary.failed if summary else None,
    "failures": [list(f) for f in summary.failures] if summary else [],
    "line": summary.line() if summary else None,
}))
"""


def ingest(text_dir: Path, db: Path, model: str | None = None) -> dict:
    """Ingest ``text_dir`` into ``db`` with ``alliancecli.pipeline.ingest`` in a child process.

    Returns ``{"ingest_s", "attribute_s", "exceptions", "failed", "failures", "line"}``: the
    ingest's wall time (model already loaded), the time spent in ``quotes.attribute``, every
    exception raised while analysing a document (``[path, message]``), and the files the
    ingest reported as failed. Exits 1 with the child's stderr tail if it printed no result.
    """
    env = dict(os.environ)
    src = Path(__file__).resolve().parent.parent / "src"
    if (src / "alliancecli").is_dir():  # works without an editable install too
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    print(f"ingesting {text_dir} into {db} ...", file=sys.stderr)
    cmd = [sys.executable, "-c", CHILD, str(text_dir), str(db), model or ""]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    lines = proc.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = "\n".join(proc.stderr.splitlines()[-30:])
        print(f"ingest failed (exit {proc.returncode}):\n{tail}", file=sys.stderr)
        sys.exit(1)


def ingest_report(stats: dict | None) -> str:
    """One line on exceptions, failed files and the share of ingest time spent attributing."""
    if not stats:
        return "ingest: not run (existing database scored)\n"
    share = stats["attribute_s"] / stats["ingest_s"] if stats["ingest_s"] else 0.0
    out = (f"ingest: {stats['ingest_s']:.1f} s, attribution {stats['attribute_s']:.1f} s "
           f"({share:.1%} of ingest time); exceptions: {len(stats['exceptions'])}; "
           f"failed files: {stats['failed'] if stats['failed'] is not None else 'n/a'}\n")
    for path, message in stats["exceptions"] + stats.get("failures", []):
        out += f"  {path}: {message}\n"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Score alliancecli attribution extraction against PolNeAR brat annotations.")
    ap.add_argument("dir", type=Path, help="directory with text/ and attributions/")
    ap.add_argument("--db", type=Path, metavar="FILE",
                    help="existing database to score (no ingest); a missing FILE is "
                         "created by the ingest and kept")
    ap.add_argument("--keep", action="store_true", help="keep the temporary database")
    ap.add_argument("--misses", type=int, default=0, metavar="N",
                    help="list up to N misses, false positives and wrong speakers")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--no-acts", action="store_true", help="score the statements alone, without the acts")
    ap.add_argument("--model", metavar="NAME", help="passed to the ingest as --model NAME")
    args = ap.parse_args(argv)

    if not (args.dir / "text").is_dir():
        ap.error(f"{args.dir}/text is not a directory")
    articles, gold = load_gold(args.dir)

    tmpdir = None
    need_ingest = args.db is None or not args.db.exists()
    if args.db is not None:
        db = args.db
    else:
        tmpdir = tempfile.mkdtemp(prefix="polnear-")
        db = Path(tmpdir) / "polnear.db"
    try:
        stats = None
        if need_ingest:
            stats = ingest(args.dir / "text", db, args.model)
        if not db.exists():
            print(f"error: no database at {db}", file=sys.stderr)
            return 1
        try:
            preds, counts = load_predictions(db, articles, acts=not args.no_acts)
        except sqlite3.Error as exc:
            print(f"error: cannot read {db}: {exc}", file=sys.stderr)
            return 1
    finally:
        if tmpdir is not None:
            if args.keep:
                print(f"database kept at {db}", file=sys.stderr)
            else:
                shutil.rmtree(tmpdir, ignore_errors=True)

    result = score(gold, preds)
    zero = sum(1 for n in counts.values() if n == 0)
    if args.json:
        extra = {"dir": str(args.dir), "db": str(db) if tmpdir is None or args.keep else None,
                 "model": args.model, "ingest": stats}
        print(json.dumps(to_json(result, len(articles), zero, extra, args.misses),
                         ensure_ascii=False))
    else:
        sys.stdout.write(ingest_report(stats))
        report(result, len(articles), zero, args.misses)
    return 1 if stats and stats["exceptions"] else 0


if __name__ == "__main__":
    sys.exit(main())
