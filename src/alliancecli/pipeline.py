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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import dates, entities, gazetteer, quotes, reader, sources, stance, store
from .segment import Outline, segment


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
    outline: Outline
    units: list[quotes.Unit]
    replace_id: int | None


def plan_units(outline: Outline) -> list[quotes.Unit]:
    """The stretches of text spaCy reads: the title, body paragraphs and comment paragraphs, never headers."""
    units = [quotes.Unit(s.start, s.end, "title") for s in outline.segments if s.kind == "title" and s.end > s.start]
    units += [quotes.Unit(s.start, s.end, "body") for s in outline.body]
    for ci, c in enumerate(outline.comments):
        if c.deleted:
            continue
        for s, e in c.paragraphs:
            units.append(quotes.Unit(s, e, "comment", ci))
        for q in c.quoted:
            if q.end > q.start:
                units.append(quotes.Unit(q.start, q.end, "quoted", ci))
    return units


def analyse(prep: Prepared, docs: list) -> store.DocumentRows:
    """Turn one segmented, parsed document into database rows."""
    src, outline, units = prep.source, prep.outline, prep.units
    text = src.text
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
    for k, (u, doc) in enumerate(zip(units, docs)):
        sent_of_unit.append(sent_base)
        places += entities.place_mentions(doc, u.start, k, sent_base, ambiguous, text)
        for s, e in entities.person_spans(doc, handles):
            span = doc[s:e]
            people.append(entities.Mention(
                "person", span.text, span.text, u.start + span.start_char, u.start + span.end_char, k,
                sent_base + entities._sent_index(doc, s), span.root.i, entities.person_country(doc, s, e)))
        sent_base += entities.sentence_count(doc)
    places += entities.passing_places(docs, [u.start for u in units], sent_of_unit)
    not_people = entities.non_people(docs)
    people = [m for m in people if not (" " not in m.text and m.text in not_people)]
    canon = entities.canonical_people([m.name for m in people])
    for m in people:
        m.name = canon[m.name]
    stmts = quotes.attribute(text, units, docs, people, outline.signatures, outline.comments)

    comment_rows = []
    index_of_path = {}
    for ci, c in enumerate(outline.comments):
        index_of_path[c.path] = ci
        comment_rows.append({
            "path": c.path, "_parent": index_of_path.get(c.parent_path) if c.parent_path else None,
            "author": c.author, "display_name": c.display_name, "posted": c.posted, "deleted": int(c.deleted),
            "quotes_author": c.quotes_author, "text": text[c.start:c.end], "start": c.start, "end": c.end,
        })

    mentions = places + people
    statement_rows = []
    classifier = stance.active()
    topic = stance.topic(getattr(src, "title", None) or outline.title)  # for statements that name no alignment
    for st in stmts:
        body = text[st.start:st.end]
        if st.kind == "comment":  # the lines a comment quotes are not its author's words: blank them out
            c = outline.comments[st.comment]
            for q in c.quoted:
                a, b = max(q.line_start, st.start) - st.start, min(q.end, st.end) - st.start
                if b > a:
                    body = body[:a] + " " * (b - a) + body[b:]
        context = stance.Context(tuple((m.name, m.kind, m.start - st.start, m.end - st.start) for m in mentions
                                       if m.kind != "person" and st.start <= m.start and m.end <= st.end),
                                 st.speaker_country, st.kind == "comment", topic)
        sc = classifier.classify(body, context)
        statement_rows.append({
            "_comment": st.comment, "kind": st.kind,
            "source": "comments" if st.comment is not None else "article",
            "text": text[st.start:st.end], "start": st.start, "end": st.end, "speaker": st.speaker,
            "speaker_start": st.speaker_start, "speaker_end": st.speaker_end,
            "speaker_text": text[st.speaker_start:st.speaker_end] if st.speaker_start is not None else None,
            "speaker_kind": st.speaker_kind, "speaker_country": st.speaker_country, "cue": st.cue,
            "speaker_role": st.speaker_role,
            "speaker_doc_name": st.speaker if st.speaker_kind == "person" else None,
            **stance.row(sc, classifier), "label": None,
            "posted": outline.comments[st.comment].posted if st.comment is not None else None,
        })

    # link mentions to the innermost statement and comment that contain them
    order = sorted(range(len(stmts)), key=lambda i: stmts[i].end - stmts[i].start)
    mention_rows = []
    for m in sorted(mentions, key=lambda m: m.start):
        si = next((i for i in order if stmts[i].start <= m.start and m.end <= stmts[i].end), None)
        u = units[m.unit]
        place = gaz.places.get(m.name) if m.kind != "person" else None
        mention_rows.append({
            "_statement": si, "_comment": u.comment, "kind": m.kind, "name": m.name, "text": m.text,
            "start": m.start, "end": m.end, "sentence": m.sentence, "paragraph": m.unit,
            "country": m.country if m.kind == "person" else (m.name if m.kind == "country" else None),
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
    return store.DocumentRows(document, segment_rows, comment_rows, statement_rows, mention_rows, pair_rows)


def _prepare(files: Iterable[Path], db, summary: Summary, on_event, fields: sources.Fields | None = None,
             stdin=None) -> Iterator[Prepared]:
    """Read every input into source documents; skip unchanged ones; segment and date the rest."""
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
                twin = None if state else (sent.get(src.sha256) or store.document_with_text(db, src.sha256))
                if twin is not None:  # the same text under another path (./x vs /abs/x, a copy): counted once
                    summary.unchanged += 1
                    on_event("unchanged", src.path, f"same text as {twin}")
                    continue
                if not state:
                    sent[src.sha256] = src.path
                outline = sources.outline(src)
                if not src.date:
                    src = dataclasses.replace(src, date=dates.article_date(outline))
                yield Prepared(src, outline, plan_units(outline), state[0] if state else None)
        except reader.ReadError as e:
            problem(str(path), str(e), str(e).startswith("empty "))
        else:
            _drop_stale_parts(db, str(path), seen, summary, on_event)
        on_event("read", str(path), None)


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
) -> Summary:
    """Ingest files or folders into the database at ``db_path``; returns a :class:`Summary`.

    ``on_event(kind, path, detail)`` is called once per document with kind one of
    new, changed, unchanged, skipped, failed, plus "warning" for decoding notes and
    "read" once per input path when all of its documents have been read.  ``fields``
    maps CSV and JSON columns; ``stdin`` is the stream ``-`` reads (default sys.stdin).
    ``overrides`` (rules read by :func:`alliancecli.overrides.load`) are stored in the database
    and applied to the actors, now and on every later ingest.
    Raises FileNotFoundError for a path that does not exist (before touching the database).
    """
    from . import nlp as nlp_mod

    on_event = on_event or (lambda *a: None)
    files = reader.find_files([Path(p) for p in paths], glob)
    nlp_mod.check(model)  # fail early and clearly on a missing model, without loading it
    db = store.connect(db_path, create=True)
    # WAL with synchronous=NORMAL: each document's transaction stays atomic, and a crash never leaves
    # half a document, but commits wait for no fsync (FULL cost ~7 ms a document); after a power cut
    # the last documents may be missing, and the next ingest adds them again
    db.execute("pragma synchronous = normal")
    stance.use(store.stance_model_in_use(db))  # new statements only: ingest never re-classifies the corpus
    summary = Summary()
    pending: dict[int, tuple[Prepared, list]] = {}
    counter = itertools.count()

    prepared = _prepare(files, db, summary, on_event, fields, stdin)
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
                yield prep.source.text[u.start:u.end], (di, ui)

    def _finish(di):
        prep, docs = pending.pop(di)
        _write(prep, analyse(prep, docs))

    def _write(prep, rows):
        store.write_document(db, rows, prep.replace_id)
        if prep.replace_id is None:
            summary.new += 1
        else:
            summary.changed += 1
        summary.statements += sum(1 for s in rows.statements if s["kind"] != "comment")
        summary.comments += len(rows.comments)
        on_event("changed" if prep.replace_id else "new", prep.source.path, None)

    restore_sigint = _stop_reading_on_sigint(summary)
    try:
        if first is not None and workers > 1:
            # whole documents go to worker processes (spaCy and analysis); only the writes stay here
            for prep, rows in analyse_parallel(itertools.chain([first], prepared), model, workers, batch_size):
                _write(prep, rows)
        stream = (nlp_mod.load(model).pipe(units_stream(), batch_size=batch_size, as_tuples=True)
                  if first is not None and workers == 1 else ())
        for doc, (di, ui) in stream:
            prep, docs = pending[di]
            docs.append(doc)
            if len(docs) == len(prep.units):
                _finish(di)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        restore_sigint()
    try:
        if summary.ingested or overrides:
            store.refresh_actors(db, overrides)
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
            with db.atomic():
                store.delete_document(db, doc_id)
            summary.notes.append((old_path, "removed: no longer part of the file"))
            on_event("removed", old_path, None)


def analyse_chunk(chunk: list[Prepared], model: str | None, batch_size: int) -> list[store.DocumentRows]:
    """Parse and analyse a few prepared documents (in a worker process): their rows, in order."""
    from . import nlp as nlp_mod

    items = [(p.source.text[u.start:u.end], i) for i, p in enumerate(chunk) for u in p.units]
    docs: list[list] = [[] for _ in chunk]
    for doc, i in nlp_mod.load(model).pipe(items, batch_size=batch_size, as_tuples=True):
        docs[i].append(doc)
    return [analyse(p, d) for p, d in zip(chunk, docs)]


def analyse_parallel(preps: Iterable[Prepared], model: str | None, workers: int, batch_size: int = 64,
                     chunk_docs: int = 8) -> Iterator[tuple[Prepared, store.DocumentRows]]:
    """(prepared, rows) for every document, in order, analysed by ``workers`` processes.

    spaCy's own ``n_process`` parallelises only the parse, leaving segmentation-to-rows work in
    the parent, which then caps the speed-up; here each worker does the parse and the analysis of
    whole documents, and the parent only prepares and writes.  At most ``2 * workers`` chunks of
    ``chunk_docs`` documents are in flight, so memory does not grow with the corpus.  Where
    processes can be forked, the pipeline is loaded once, here, and the workers inherit it.
    """
    import multiprocessing as mp
    from collections import deque

    from . import nlp as nlp_mod

    fork = "fork" in mp.get_all_start_methods()
    if fork:
        nlp_mod.load(model)
    pool = mp.get_context("fork" if fork else "spawn").Pool(workers)
    window: deque = deque()
    try:
        chunk: list[Prepared] = []
        for prep in itertools.chain(preps, [None]):
            if prep is not None:
                chunk.append(prep)
            if chunk and (prep is None or len(chunk) == chunk_docs):
                window.append((chunk, pool.apply_async(analyse_chunk, (chunk, model, batch_size))))
                chunk = []
            while window and (len(window) > 2 * workers or prep is None):
                done, result = window.popleft()
                yield from zip(done, result.get())
        pool.close()
    finally:
        pool.terminate()
        pool.join()
