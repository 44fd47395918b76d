"""A headline that attributes: "Pence: Flowers won't be at debate", "X Says Y", "Y, X Says"."""
from __future__ import annotations

from . import reported
from .speakers import Speaker
from .state import State
from .view import SOURCE_NOUNS, DocView, joined, trim, words


def events(view: DocView, state: State):
    return [(u.start, lambda k=k: headline(view, state, k)) for k, u in enumerate(view.units) if u.kind == "title"]


def headline(view: DocView, state: State, k: int) -> None:
    text = view.text
    doc = view.docs[k]
    us, ue = view.units[k].start, view.units[k].end
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is not None and 0 < colon.i <= 5 and words(text[us + colon.idx + 1:ue]) >= 3:
        src = doc[:colon.i]
        person = state.speakers.surname_person(src)
        last = src[-1].lemma_.lower()
        if person is not None or last in SOURCE_NOUNS or last in view.lex["documents"] or any(
                t.ent_type_ in ("PERSON", "ORG") for t in src):
            name = person.name if person is not None else src.text
            s, e = trim(text, us + colon.idx + 1, ue)
            kind = "person" if person is not None else "unnamed"
            state.report("indirect", s, e, Speaker(name, *view.span(k, src[0], src[-1]), kind), ":")
            return
    # "Y, X Says": a closing cue after a comma, read from the tokens (headlines parse poorly)
    toks = [t for t in doc if not t.is_punct or t.text == ","]
    if len(toks) > 4 and view.is_cue_word(toks[-1]):
        comma = next((i for i in range(len(toks) - 2, 0, -1) if toks[i].text == ","), None)
        if comma is not None and 1 <= len(toks) - 1 - comma - 1 <= 5 and words(
                text[us:us + toks[comma].idx]) >= 3:
            src = toks[comma + 1:-1]
            if all(t.text[:1].isupper() for t in src):
                person = state.speakers.surname_person(src)
                name = person.name if person is not None else joined(src)
                s, e = trim(text, us, us + toks[comma].idx)
                kind = "person" if person is not None else "unnamed"
                state.report("indirect", s, e, Speaker(name, *view.span(k, src[0], src[-1]), kind), toks[-1].text)
                return
    for t in doc:
        if view.is_cue_word(t):
            before = len(state.statements)
            comps = [c for c in t.children if c.dep_ == "ccomp"]
            if comps:
                reported.clausal(view, state, k, t, comps[0])
            else:
                reported.parenthetical(view, state, k, t)
            if len(state.statements) > before:
                return
