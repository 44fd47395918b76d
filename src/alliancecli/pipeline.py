"""Ingest: files -> documents -> segments -> spaCy docs -> statements and mentions -> rows.

:func:`ingest` is the library entry point the CLI calls.  It streams: files are
read lazily, every paragraph of every new or changed document goes through one
``nlp.pipe`` call, and each document is written in its own transaction as soon as
its last paragraph comes back.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import dates, entities, gazetteer, quotes, reader, segment, sources, stance, store
from .segment import Outline, lead_dateline


@dataclass
class Summary:
    documents: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    statements: int = 0
    comments: int = 0
    interrupted: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        return self.new + self.changed

    def line(self) -> str:
        s = (f"{self.documents} documents: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
             f"{self.failed} failed")
        if self.skipped:
            s += f", {self.skipped} skipped"
        s += f"; {self.statements} statements, {self.comments} comments"
        return s + (" (interrupted)" if self.interrupted else "")


@dataclass
class Prepared:
    source: sources.SourceDocument
    outline: Outline | None  # None until :func:`segmented`
    units: list[quotes.Unit]
    replace_id: int | None


#: Longest stretch of text one spaCy doc holds: a longer paragraph is cut at sentence ends, else at
#: whitespace, else anywhere.  spaCy's memory grows with what one call reads at once.
UNIT_CHARS = 10_000
#: Most characters in one spaCy batch (besides at most ``batch_size`` paragraphs).
BATCH_CHARS = 100_000

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")


def bounded(units: list[quotes.Unit], text: str, limit: int = UNIT_CHARS) -> list[quotes.Unit]:
    """``units``, each one longer than ``limit`` characters cut into pieces no longer than that:
    after the last sentence end in the second half of the window, else after its last whitespace,
    else at the limit."""
    out = []
    for u in units:
        start = u.start
        while u.end - start > limit:
            window = text[start:start + limit]
            m = None
            for m in _SENTENCE_END.finditer(window, limit // 2):
                pass
            if m is not None:
                cut = m.end()
            else:
                cut = max(window.rfind(" ", limit // 2), window.rfind("\n", limit // 2)) + 1 or limit
            out.append(dataclasses.replace(u, start=start, end=start + cut))
            start += cut
        out.append(dataclasses.replace(u, start=start) if start != u.start else u)
    return out


#: the space separators other than the plain space (no-break, thin, ideographic, …), each read as a plain space:
#: spaCy makes a token of each, which splits a cue from its quotation ('…,”\u00a0added Gowdy') and a name from
#: its title.  One character for one, so every offset stays the source's.
_SPACES = str.maketrans({c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                         "\u2009\u200a\u202f\u205f\u3000"})


def unit_text(text: str, u) -> str:
    """What spaCy reads of a unit: its text, with every space separator a plain space (see :data:`_SPACES`)."""
    return text[u.start:u.end].translate(_SPACES)


def pipe_bounded(nlp, items: Iterable[tuple[str, object]], batch_size: int, max_chars: int = BATCH_CHARS):
    """``nlp.pipe(items, as_tuples=True)`` in batches of at most ``batch_size`` texts and ``max_chars``
    characters, so that memory follows the characters in flight, not paragraphs times their length."""
    batch: list = []
    chars = 0
    for item in items:
        if batch and (len(batch) >= batch_size or chars + len(item[0]) > max_chars):
            yield from nlp.pipe(batch, batch_size=len(batch), as_tuples=True)
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch), as_tuples=True)


def plan_units(outline: Outline) -> list[quotes.Unit]:
    """The stretches of text spaCy reads: the title, body paragraphs and comment paragraphs, never headers;
    none longer than UNIT_CHARS.  A dateline that opens the lead is a unit of its own (kind "dateline"),
    so that it is not read as the subject of the lead's first sentence."""
    units = [quotes.Unit(s.start, s.end, "title") for s in outline.segments if s.kind == "title" and s.end > s.start]
    body = [quotes.Unit(s.start, s.end, "body") for s in outline.body]
    cut = lead_dateline(outline.text[body[0].start:body[0].end]) if body else None
    if cut is not None:
        lead = body[0]
        body[:1] = [quotes.Unit(lead.start, lead.start + cut[0], "dateline"), quotes.Unit(lead.start + cut[1], lead.end, "body")]
    units += body
    for ci, c in enumerate(outline.comments):
        if c.deleted:
            continue
        for s, e in c.paragraphs:
            units.append(quotes.Unit(s, e, "comment", ci))
        for q in c.quoted:
            if q.end > q.start:
                units.append(quotes.Unit(q.start, q.end, "quoted", ci))
    return bounded(units, outline.text)


def analyse(prep: Prepared, docs: list) -> store.DocumentRows:
    """Turn one segmented, parsed document into database rows."""
    try:
        return _analyse(prep, docs)
    finally:
        for doc in docs:
            entities.drop_kept(doc)


def _attributed(st, text: str) -> dict:
    """The columns a statement and an act share: their words, their speaker as resolved and as written, the cue."""
    return {
        "text": text[st.start:st.end], "start": st.start, "end": st.end, "speaker": st.speaker,
        "speaker_start": st.speaker_start, "speaker_end": st.speaker_end,
        "speaker_text": text[st.speaker_start:st.speaker_end] if st.speaker_start is not None else None,
        "speaker_kind": st.speaker_kind, "speaker_country": st.speaker_country, "cue": st.cue,
        "speaker_doc_name": st.speaker if st.speaker_kind == "person" else None,
    }


def _analyse(prep: Prepared, docs: list) -> store.DocumentRows:
    src, outline, units = prep.source, prep.outline, prep.units
    text = src.text
    for u, doc in zip(units, docs):  # each doc's text is its unit's: spaCy would join it from the tokens
        entities.keep_text(doc, unit_text(text, u))
    gaz = gazetteer.load()
    ambiguous = gaz.ambiguous_forms()
    handles = set()
    for c in outline.comments:
        handles.update(x for x in (c.author, c.display_name) if x)
        handles.update(q.name for q in c.quoted)
    places: list[entities.Mention] = []
    people: list[entities.Mention] = []
    sent_base = 0
    sent_of_unit = []
    spans = []
    for k, (u, doc) in enumerate(zip(units, docs)):
        sent_of_unit.append(sent_base)
        places += entities.place_mentions(doc, u.start, k, sent_base, ambiguous, text)
        spans.append(entities.person_spans(doc, handles))
        sent_base += entities.sentence_count(doc)
    # a name the document gives a person once is a person wherever the model tagged it otherwise
    known = entities.known_people(docs, spans)
    for k, (u, doc) in enumerate(zip(units, docs)):
        found = spans[k]
        if u.kind == "body" and entities.misses_known(doc, found, known):
            found = entities.person_spans(doc, handles, known)
        for s, e in found:
            span = doc[s:e]
            people.append(entities.Mention(
                "person", span.text, span.text, u.start + span.start_char, u.start + span.end_char, k,
                sent_of_unit[k] + entities._sent_index(doc, s), span.root.i, entities.country_for(doc, s, e)))
    places += entities.passing_places(docs, [u.start for u in units], sent_of_unit)
    unplaced: set[str] = set()  # places of no country the document names ('Chelsea': London or Massachusetts)
    settled = entities.named_settlements(docs)  # 'the village of X': a place, whether the gazetteer knows it or not
    below = entities.sub_places(docs, [u.start for u in units], sent_of_unit, unplaced, settled)
    places += [m for m in below if not any(p.start < m.end and m.start < p.end for p in places)]
    place_texts = {m.text for m in below} | unplaced | settled
    bodies = entities.bodies_described(docs)  # 'the British bank Abbey National': whatever its length
    not_people = entities.non_people(docs, bodies)
    lower = entities.lower_case_words(docs)  # "Boycott", "Joint Statement": words the text also writes in lower case
    # what the model tagged as a person and the document describes as a body ('oil giant Yukos') is kept as a
    # mention of an organization: across the corpus it is evidence for the documents that do not say it
    organizations = [entities.Mention("organization", m.text, m.text, m.start, m.end, m.unit, m.sentence, m.head, None)
                     for m in people if m.text in bodies and units[m.unit].kind == "body"]
    people = [entities.without_common_words(m, lower) for m in people]
    written = {m.text for m in people}  # 'Defiant Matt Williams' where the story also says 'Matt Williams'
    people = [entities.without_descriptor(m, docs[m.unit], units[m.unit].start, written - {m.text}) for m in people]
    numbered = entities.numbered_names(docs)  # 'Nord Stream 2'
    # kept as a mention of an organization too, wherever the document writes it: across the corpus it is evidence for
    # the documents that write the name without its number ('Nord Stream is a weapon')
    organizations += entities.numbered_mentions(docs, numbered, [u.start for u in units], sent_of_unit,
                                                [u.kind for u in units])
    people = [m for m in people if not (" " not in m.text and m.text in not_people) and m.text not in bodies
              and m.text not in numbered
              and m.text not in place_texts
              and m.text.split()[-1].lower() not in lower
              and not any(p.start < m.end and m.start < p.end for p in below)]
    body_names = {m.text for m in people if units[m.unit].kind != "title"}
    people = [entities.as_the_body_writes_it(m, body_names) if units[m.unit].kind == "title" else m for m in people]
    canon = entities.canonical_people([m.name for m in people])
    for m in people:
        m.name = canon[m.name]
    # a lone name that the document writes with a first name the model left untagged
    fuller = entities.written_full_names(docs, {m.name for m in people if " " not in m.name})
    for m in people:
        m.name = fuller.get(m.name, m.name)
    # a one-word name that no mention shows to be a person ('Endemol', 'Powys', 'Forward.', 'the Mriya')
    # and a name that ends in a common word, with no given name ('Splinter Cell', 'Newmarket Films')
    lone: dict[str, list] = defaultdict(list)
    longer: dict[str, list] = defaultdict(list)
    for m in people:
        base = units[m.unit].start
        span = docs[m.unit].char_span(m.start - base, m.end - base, alignment_mode="expand")
        if span is not None:
            if " " not in m.name:
                lone[m.name].append(span[0])
            else:
                longer[m.name].append(span)
    dropped = entities.unevidenced_lone_names(lone, frozenset(w for m in people for w in m.text.split()), docs,
                                              {m.name for m in people if " " in m.name})
    dropped |= entities.common_word_names(longer, lower)
    people = [m for m in people if m.name not in dropped]
    acts: list = []
    stmts = quotes.attribute(text, units, docs, people, outline.signatures, outline.comments, acts=acts)

    comment_rows = []
    index_of_path = {}
    for ci, c in enumerate(outline.comments):
        index_of_path[c.path] = ci
        comment_rows.append({
            "path": c.path, "_parent": index_of_path.get(c.parent_path) if c.parent_path else None,
            "author": c.author, "display_name": c.display_name, "posted": c.posted, "deleted": int(c.deleted),
            "quotes_author": c.quotes_author, "quotes_path": _quoted_path(text, outline.comments, ci, c),
            "text": text[c.start:c.end], "start": c.start, "end": c.end,
        })

    mentions = places + people + organizations
    statement_rows = []
    classifier = stance.active()
    # for statements that name no alignment
    topic = stance.document_topic(getattr(src, "title", None) or outline.title, text,
                                  tuple(st.speaker_country for st in stmts if st.speaker_country and st.speaker_kind == "person"),
                                  frozenset(m.name for m in mentions if m.kind == "country"),
                                  tuple(sorted({(m.name, m.country) for m in people if m.country})))
    adversaries = stance.adversaries(text, [(m.name, m.kind, m.start, m.end) for m in mentions])
    places = [(m.name, m.kind, m.start, m.end) for m in mentions if m.kind in stance.CONTEXT_KINDS]
    for st in stmts:
        # the lines a comment quotes are not its author's words: blank them out
        quoted = outline.comments[st.comment].quoted if st.kind == "comment" else ()
        body = segment.own_words(text, st.start, st.end, quoted)
        context = stance.Context(stance.inside(places, st.start, st.end, body), st.speaker_country,
                                 st.kind == "comment", topic, st.cue,
                                 stance.lead_of(text, st.start) if st.kind != "comment" else None, adversaries)
        sc = classifier.classify(body, context)
        statement_rows.append({
            "_comment": st.comment, "kind": st.kind,
            "source": "comments" if st.comment is not None else "article",
            **_attributed(st, text), "speaker_role": st.speaker_role,
            **stance.row(sc, classifier), "label": None,
            "posted": outline.comments[st.comment].posted if st.comment is not None else None,
        })

    # link mentions to the innermost statement and comment that contain them
    order = sorted(range(len(stmts)), key=lambda i: stmts[i].end - stmts[i].start)
    mention_rows = []
    for m in sorted(mentions, key=lambda m: m.start):
        si = next((i for i in order if stmts[i].start <= m.start and m.end <= stmts[i].end), None)
        u = units[m.unit]
        place = gaz.places.get(m.name) if m.kind in ("country", "bloc") else None
        mention_rows.append({
            "_statement": si, "_comment": u.comment, "kind": m.kind, "name": m.name, "text": m.text,
            "start": m.start, "end": m.end, "sentence": m.sentence, "paragraph": m.unit,
            "country": m.country if m.kind in ("person", "place") else (m.name if m.kind == "country" else None),
            "iso3": place.iso3 if place else None, "doc_name": m.name if m.kind == "person" else None,
        })

    pair_rows = []
    by_sentence: dict[int, list[dict]] = {}
    for r in mention_rows:
        if r["kind"] in ("country", "bloc"):
            by_sentence.setdefault(r["sentence"], []).append(r)
    for sent, rows in by_sentence.items():
        names = {}
        held = {}  # the first statement (lowest index) holding a mention of the name in this sentence
        for r in rows:
            key = (r["name"], r["kind"])
            names.setdefault(key, r)
            if r["_statement"] is not None and (held.get(key) is None or r["_statement"] < held[key]):
                held[key] = r["_statement"]
        for (a, ka), (b, kb) in itertools.combinations(sorted(names), 2):
            if a == b:
                continue
            ra = names[(a, ka)]
            si = held.get((a, ka)) if held.get((a, ka)) == held.get((b, kb)) else None
            pair_rows.append({
                "a": a, "b": b, "kind": "country" if ka == kb == "country" else "bloc", "sentence": sent,
                "paragraph": ra["paragraph"], "_statement": si,
                "source": "comments" if units[ra["paragraph"]].comment is not None else "article",
            })

    segment_rows = [{"kind": s.kind, "start": s.start, "end": s.end, "reason": s.reason} for s in outline.tiled()]
    document = {
        "path": src.path, "sha256": src.sha256, "title": getattr(src, "title", None) or outline.title, "text": text,
        "encoding": src.encoding, "date": getattr(src, "date", None), "author": getattr(src, "author", None),
        "url": getattr(src, "url", None), "words": len(text.split()),
        "ingested_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    act_rows = [{**_attributed(a, text), "frame": a.frame} for a in acts]
    return store.DocumentRows(document, segment_rows, comment_rows, statement_rows, mention_rows, pair_rows, act_rows)


def _quoted_path(text: str, comments, ci: int, c) -> str | None:
    """The thread path of the comment that comment ``ci`` quotes ("Quote: NAME"), when it is in the thread."""
    for q in c.quoted:
        i = quotes.comments.quoted_comment(text, comments, ci, q)
        if i is not None:
            return comments[i].path
    return None


def segmented(prep: Prepared) -> Prepared:
    """The document segmented, dated (where its source gave no date) and planned into units."""
    if prep.outline is not None:
        return prep
    src = prep.source
    outline = sources.outline(src)
    if not src.date:
        src = dataclasses.replace(src, date=dates.article_date(outline))
    return Prepared(src, outline, plan_units(outline), prep.replace_id)


#: Read by :func:`warm`: a short article with the parts every analysis step looks at (a title, a dateline,
#: countries, a bloc, a quotation with its speaker, a reported statement, a comment heading).
WARM_TEXT = (
    "Leaders discuss a new alliance\n\n"
    "MINSK, March 3, 2025 -- The President of Kazakhstan, Kassym-Jomart Tokayev, said on Monday that his country "
    "would not join a military alliance against Russia. \"We support cooperation with the European Union and with "
    "China,\" he told reporters in Astana.\n\n"
    "Comments\n\n"
    "reader42 wrote: NATO should stay out of this.\n"
)


def warm(model: str | None = None) -> None:
    """Load the pipeline and everything the analysis reads once per process (data files, compiled
    patterns), by analysing :data:`WARM_TEXT`; later documents pay only for their own work.  A local
    pool calls it before its workers fork, so that they share what it loaded."""
    from . import nlp as nlp_mod

    nlp = nlp_mod.load(model)
    src = sources.SourceDocument(path="<warm>", text=WARM_TEXT, sha256="", encoding="utf-8")
    prep = segmented(Prepared(src, None, [], None))
    analyse(prep, list(nlp.pipe(unit_text(src.text, u) for u in prep.units)))


def _prepare(files: Iterable[Path], db, summary: Summary, on_event, fields: sources.Fields | None = None,
             stdin=None, segment: bool = True) -> Iterator[Prepared]:
    """Read every input into source documents; skip unchanged ones; segment and date the rest
    (with ``segment=False`` that is left to the workers: see :func:`segmented`)."""
    def problem(path: str, reason: str, skipped: bool):
        summary.documents += 1
        if skipped:
            summary.skipped += 1
            summary.notes.append((path, reason))
            on_event("skipped", path, reason)
        else:
            summary.failed += 1
            summary.failures.append((path, reason))
            on_event("failed", path, reason)

    # new texts sent on in this run, by hash: a second copy may come before the first is written
    # (nlp.pipe batches, worker processes), so the database alone cannot tell
    sent: dict[str, str] = {}
    for path in files:
        if summary.interrupted:  # Ctrl-C: read nothing more; what is in flight is finished
            return
        seen: set[str] = set()
        try:
            for src in sources.read(path, fields, stdin=stdin):
                if summary.interrupted:
                    return
                if isinstance(src, sources.BadRow):
                    problem(src.path, src.reason, src.skipped)
                    continue
                seen.add(src.path)
                summary.documents += 1
                if src.warning:
                    on_event("warning", src.path, src.warning)
                state = store.document_state(db, src.path)
                if state and state[1] == src.sha256:
                    summary.unchanged += 1
                    on_event("unchanged", src.path, None)
                    continue
                twin = None
                if not state:
                    twin = sent.get(src.sha256)
                    if twin is not None and store.file_of(twin) == store.file_of(src.path):
                        twin = None  # parts of one file that repeat each other are all kept
                    twin = twin or store.document_with_text(db, src.sha256, src.path)
                if twin is not None:  # the same text under another path (./x vs /abs/x, a copy): counted once
                    summary.unchanged += 1
                    on_event("unchanged", src.path, f"same text as {twin}")
                    continue
                if not state:
                    sent.setdefault(src.sha256, src.path)
                prep = Prepared(src, None, [], state[0] if state else None)
                yield segmented(prep) if segment else prep
        except reader.ReadError as e:
            problem(reader.path_str(path), str(e), str(e).startswith("empty "))
        else:
            _drop_stale_parts(db, reader.path_str(path), seen, summary, on_event)
        on_event("read", reader.path_str(path), None)


def ingest(
    paths: list[Path],
    db_path: str | Path,
    glob: str | None = None,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 64,
    on_event: Callable[[str, str, str | None], None] | None = None,
    fields: sources.Fields | None = None,
    stdin=None,
    overrides: list | None = None,
    scheduler: str | None = None,
    chunk_words: int | None = None,
) -> Summary:
    """Ingest files or folders into the database at ``db_path``; returns a :class:`Summary`.

    ``on_event(kind, path, detail)`` is called once per document with kind one of
    new, changed, unchanged, skipped, failed, plus "warning" for decoding notes and
    "read" once per input path when all of its documents have been read.  ``fields``
    maps CSV and JSON columns; ``stdin`` is the stream ``-`` reads (default sys.stdin).
    ``overrides`` (rules read by :func:`alliancecli.overrides.load`) are stored in the database
    and applied to the actors, now and on every later ingest.
    ``workers > 1`` analyses on that many local processes, ``scheduler`` (a Dask scheduler's
    address) on a Dask cluster, both in chunks of about ``chunk_words`` words
    (:mod:`alliancecli.engine`); this process reads the files and writes every row either way.
    Raises FileNotFoundError for a path that does not exist (before touching the database).
    """
    from . import engine
    from . import nlp as nlp_mod

    on_event = on_event or (lambda *a: None)
    unlisted: list[tuple[str, str]] = []
    files = reader.find_files([Path(p) for p in paths], glob, errors=unlisted)
    if scheduler is None:
        nlp_mod.check(model)  # fail early and clearly on a missing model, without loading it
    else:
        engine.require_dask()  # the workers load the model: it need not be installed here
    parallel = scheduler is not None or workers > 1
    db = store.connect(db_path, create=True)
    # WAL with synchronous=NORMAL: each document's transaction stays atomic, and a crash never leaves
    # half a document, but commits wait for no fsync (FULL cost ~7 ms a document); after a power cut
    # the last documents may be missing, and the next ingest adds them again
    db.execute("pragma synchronous = normal")
    # new statements; refresh_actors classifies again those whose speaker's country the corpus changes
    stance.use(store.stance_model_in_use(db))
    summary = Summary()
    for folder, reason in unlisted:  # a folder that cannot be listed is named, not skipped in silence
        summary.failed += 1
        summary.failures.append((folder, reason))
        on_event("failed", folder, reason)
    pending: dict[int, tuple[Prepared, list]] = {}
    counter = itertools.count()

    prepared = _prepare(files, db, summary, on_event, fields, stdin, segment=not parallel)
    first = next(prepared, None)  # unchanged files are hashed and skipped without touching spaCy

    def units_stream():
        for prep in itertools.chain([first] if first else [], prepared):
            di = next(counter)
            if not prep.units:
                pending[di] = (prep, [])
                _finish(di)
                continue
            pending[di] = (prep, [])
            for ui, u in enumerate(prep.units):
                yield unit_text(prep.source.text, u), (di, ui)

    def _finish(di):
        prep, docs = pending.pop(di)
        _write(prep, analyse(prep, docs))

    waited = []

    def on_wait():
        if not waited:
            waited.append(True)
            on_event("waiting", str(db_path), "another process is writing to this database; waiting for it")

    def _write(prep, rows):
        if store.write_document(db, rows, prep.replace_id, on_wait) is None:
            summary.unchanged += 1
            on_event("unchanged", prep.source.path, "written meanwhile by another ingest")
            return
        if prep.replace_id is None:
            summary.new += 1
        else:
            summary.changed += 1
        summary.statements += sum(1 for s in rows.statements if s["kind"] != "comment")
        summary.comments += len(rows.comments)
        on_event("changed" if prep.replace_id else "new", prep.source.path, None)

    restore_sigint = _stop_reading_on_sigint(summary)
    try:
        if first is not None and parallel:
            # chunks of whole documents go to the workers (segmenting, spaCy, analysis); the writes stay here
            with engine.workers_for(scheduler, workers, model) as pool:
                for prep, rows in engine.analyse(itertools.chain([first], prepared), pool, model, batch_size,
                                                 chunk_words or engine.CHUNK_WORDS):
                    _write(prep, rows)
        stream = (pipe_bounded(nlp_mod.load(model), units_stream(), batch_size)
                  if first is not None and not parallel else ())
        for doc, (di, ui) in stream:
            prep, docs = pending[di]
            docs.append(doc)
            if len(docs) == len(prep.units):
                _finish(di)
    except KeyboardInterrupt:
        summary.interrupted = True
    except sqlite3.Error as e:  # disk full, file size limit, read-only, corrupt, locked for too long
        db.close()
        raise store.explain(e, db_path) from None
    finally:
        restore_sigint()
    try:
        if summary.ingested or overrides or store.derived_stale(db):
            store.refresh_actors(db, overrides)
    except sqlite3.Error as e:
        raise store.explain(e, db_path) from None
    finally:
        db.close()
    return summary


def _stop_reading_on_sigint(summary: Summary) -> Callable[[], None]:
    """Make the first Ctrl-C stop the ingest after the documents already in flight are written.

    It sets ``summary.interrupted``; no new document is read after that, the ones spaCy is
    working on are finished and written, and the run ends with its summary.  A second Ctrl-C
    interrupts at once (each document is still written whole or not at all).  Returns the
    function that puts the previous handler back.  Outside the main thread this does nothing.
    """
    import signal

    def handler(signum, frame):
        if summary.interrupted:
            raise KeyboardInterrupt
        summary.interrupted = True

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread
        return lambda: None
    return lambda: signal.signal(signal.SIGINT, previous)


def _drop_stale_parts(db, path: str, seen: set[str], summary: Summary, on_event):
    """Delete the parts of a big file that it no longer has (it shrank, or is now small enough
    to be one document), so that their text is not counted twice."""
    for old_path, doc_id in store.documents_of_file(db, path).items():
        if old_path not in seen:
            with store.transaction(db):
                store.delete_document(db, doc_id)
                store.mark_stale(db)
            summary.notes.append((old_path, "removed: no longer part of the file"))
            on_event("removed", old_path, None)
