"""Attribution from a made-up text and its parsed docs, without the ingest pipeline: ``attribute_text``."""
from __future__ import annotations

from functools import lru_cache

from alliancecli import entities
from alliancecli.quotes import Statement, Unit, attribute


@lru_cache(maxsize=1)
def nlp():
    from alliancecli import nlp as nlp_mod

    return nlp_mod.load()


def attribute_text(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(kind, words, speaker, speaker as written, speaker kind) of each statement of ``text``, whose
    paragraphs are separated by blank lines and are all body."""
    units, pos = [], 0
    for p in text.split("\n\n"):
        units.append(Unit(pos, pos + len(p), "body"))
        pos += len(p) + 2
    docs = list(nlp().pipe([text[u.start:u.end] for u in units]))
    people = []
    for k, (u, doc) in enumerate(zip(units, docs)):
        for s, e in entities.person_spans(doc, set()):
            span = doc[s:e]
            people.append(entities.Mention("person", span.text, span.text, u.start + span.start_char,
                                           u.start + span.end_char, k, 0, span.root.i, None))
    return [row(text, st) for st in attribute(text, units, docs, people)]


def row(text: str, st: Statement):
    written = text[st.speaker_start:st.speaker_end] if st.speaker_start is not None else None
    return st.kind, text[st.start:st.end], st.speaker, written, st.speaker_kind
