"""Quoted statements, reported speech and their speakers.

A document is read by an ordered list of mechanisms (:data:`MECHANISMS`), one module each:

* :mod:`.marks`: quotations in quotation marks of every kind;
* :mod:`.documents`: quotations a document introduces ("the statement reads");
* :mod:`.turns`: transcript turns ('TITLE NAME: …', an interview's dash turns);
* :mod:`.colon`: blocks introduced by a colon;
* :mod:`.signatures`: embedded posts signed with a dash;
* :mod:`.reported`: reported speech (kind ``indirect``);
* :mod:`.objects`: reported speech whose content is the cue's object ("stressed the need to …");
* :mod:`.frames`: attribution frames learned from annotated news ("expressed hope that …", "wants to …"),
  kind ``indirect``, where what the frame carries is something said, not only its target;
* :mod:`.headlines`: headlines that attribute;
* :mod:`.comments`: reader comments and the "Quote: NAME" blocks in them.

Each mechanism yields events ``(position, handler)``; the events of one stage run in reading order, so
what one mechanism finds (the last speaker quoted) is there for the next. They share a
:class:`~.view.DocView` (the text, the units, the parsed docs and the offset helpers, never changed) and a
:class:`~.state.State` (the statements so far, the last speaker, and the :class:`~.speakers.Registry`
that resolves speakers). :func:`~.merge.merge` then keeps one statement per stretch of words.

Adding a quote form means one module with an ``events`` function and one line in :data:`MECHANISMS`.
Lexicons and rules are in ``data/attribution.json``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .. import entities
from ..entities import Mention
from . import colon, comments, documents, frames, headlines, marks, objects, reported, signatures, turns
from .marks import QuoteSpan, scan_quotes
from .merge import merge
from .speakers import Registry, Speaker, title_parts
from .state import State
from .view import MARKS, DocView, Statement, Unit

__all__ = ["FRAMES", "MARKS", "MECHANISMS", "DocView", "Mechanism", "QuoteSpan", "Registry", "Speaker", "State",
           "Statement", "Unit", "attribute", "find_people", "scan_quotes"]

Events = Iterable[tuple[int, Callable[[], None]]]


@dataclass(frozen=True)
class Mechanism:
    name: str
    events: Callable[[DocView, State], Events]
    stage: int  # the events of one stage run together, in reading order; stages run in order
    reported: bool = False  # reported speech: off with ``attribute(..., indirect=False)``


#: verbs and complements that attributed in annotated news, learned (:mod:`.frames`); an act aimed at a
#: target ("criticized the deal", "discussed the situation") is not a statement, so a frame
#: whose complement is only a noun phrase attributes nothing
FRAMES = Mechanism("learned attribution frames", frames.events, stage=2, reported=True)

#: direct speech in reading order first, so that a follow-on quote or a "he" can continue the last speaker
MECHANISMS: list[Mechanism] = [
    Mechanism("transcript turns", turns.events, stage=0),
    Mechanism("colon blocks", colon.events, stage=0),
    Mechanism("quotations introduced by a document", documents.events, stage=0),
    Mechanism("quotation marks", marks.events, stage=0),
    Mechanism("signatures", signatures.events, stage=1),
    Mechanism("reported speech", reported.events, stage=2, reported=True),
    Mechanism("reported speech with the content as object", objects.events, stage=2, reported=True),
    FRAMES,
    Mechanism("headlines", headlines.events, stage=3, reported=True),
    Mechanism("reader comments", comments.events, stage=4),
]


def find_people(units: list[Unit], docs: list) -> list[Mention]:
    """The people of a document as :mod:`alliancecli.entities` finds them in each unit, names made canonical
    within the document: what :func:`attribute` uses when it is given no people."""
    people = []
    for k, (u, doc) in enumerate(zip(units, docs)):
        for s, e in entities.person_spans(doc, set()):
            span = doc[s:e]
            people.append(Mention("person", span.text, span.text, u.start + span.start_char, u.start + span.end_char,
                                  k, 0, span.root.i, entities.country_for(doc, s, e)))
    canon = entities.canonical_people([m.name for m in people])
    for m in people:
        m.name = canon[m.name]
    return people


def attribute(text: str, units: list[Unit], docs: list, people: list[Mention] | None = None, signatures=(),
              comments=(), indirect: bool = True, mechanisms: list[Mechanism] | None = None,
              acts: list[Statement] | None = None) -> list[Statement]:
    """The statements of one document, in reading order (article first, then reader comments).

    ``docs[k]`` is the spaCy doc of ``units[k]``; ``people`` the person mentions of every unit
    (:func:`find_people` when None); ``signatures`` the dash signatures and ``comments`` the reader comments
    of the segmenter's outline. A list given as ``acts`` receives the acts aimed at a target that the learned
    frames found ("criticized the deal", kind ``act``; :mod:`.frames`) where no statement covers their words."""
    if people is None:
        people = find_people(units, docs)
    body = title_parts([m for m in people if units[m.unit].kind == "body"], text)
    view = DocView(text, units, docs, body, signatures, comments)
    view.set_quotes(scan_quotes(text, [(units[k].start, units[k].end) for k in view.body]))
    said: dict[str, list[str | None]] = {}
    for m in people:
        said.setdefault(m.name, []).append(m.country)
    countries = {name: c for name, cs in said.items() if (c := entities.consensus_country(cs))}
    state = State(view, Registry(view, countries))
    chosen = [m for m in (mechanisms if mechanisms is not None else MECHANISMS) if indirect or not m.reported]
    for stage in sorted({m.stage for m in chosen}):
        events = [ev for m in chosen if m.stage == stage for ev in m.events(view, state)]
        for _, handler in sorted(events, key=lambda ev: ev[0]):
            handler()
    out = merge(view, state)
    if acts is not None:
        taken = [(st.start, st.end) for st in out]
        seen = set()
        for a in sorted(state.acts, key=lambda a: (a.start, a.end)):
            if (a.start, a.end) not in seen and not any(s < a.end and a.start < e for s, e in taken):
                seen.add((a.start, a.end))
                acts.append(a)
    for st in out + (acts or []):
        if st.speaker_kind == "person" and not st.speaker_country:
            st.speaker_country = state.speakers.country_of(st.speaker)
    return out
