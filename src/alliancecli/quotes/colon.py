"""Blocks introduced by a colon.

"X said:" or "X spoke in the same spirit:" at the end of a paragraph introduces the next one; "X said: …"
inside a paragraph introduces the rest of it. Transcript turns ("NAME: …") are :mod:`.turns`.
"""
from __future__ import annotations

from . import turns
from .speakers import Speaker
from .state import State
from .view import MARKS, DocView, said, words


def events(view: DocView, state: State):
    return [(view.units[k].end - 1, lambda bi=bi: block(view, state, bi)) for bi, k in enumerate(view.body)]


def block(view: DocView, state: State, bi: int) -> None:
    """Blocks: a paragraph ending in ':' introduces the next one; 'X said: ...' inside a paragraph."""
    text = view.text
    k = view.body[bi]
    doc = view.docs[k]
    if not len(doc):
        return
    if turns.turn_at_start(view, k) is not None:
        return  # a transcript turn (turns.py)
    if doc[-1].text == ":" and bi + 1 < len(view.body):
        nk = view.body[bi + 1]
        ns, ne = view.units[nk].start, view.units[nk].end
        if text[ns] in MARKS or view.inside(ns):
            return  # a quotation: handled with its marks
        if view.units[nk].start - view.units[k].end > 4 and "\n\n\n" in text[view.units[k].end:ns]:
            return
        intro = intro_speaker(view, state, k, doc[-1].sent)
        if intro is not None and words(text[ns:ne]) >= 4 and not narrated(view, nk, intro[0]):
            sp, cue = intro
            state.add(said("block", ns, ne, sp, cue), bi + 1)
        return
    # "Putin said: at present, ..." inside one paragraph
    if ":" not in text[view.units[k].start:view.units[k].end]:
        return
    for t in doc:
        if t.text != ":" or t.i + 1 >= len(doc) or view.inside(view.abs(k, t)):
            continue
        if any(u.label_start < view.abs(k, t) < u.start for u in turns.turns(view)):
            continue  # the label of a transcript turn
        rest_s = view.abs(k, doc[t.i + 1])
        if text[rest_s] in MARKS or words(text[rest_s:view.units[k].end]) < 6:
            continue
        window = [x for x in doc[max(t.sent.start, t.i - 5):t.i]]
        v = next((x for x in reversed(window) if view.is_cue(x) and x.pos_ != "NOUN"), None)
        if v is None:
            continue
        sj = view.subject(v)
        if sj is None:
            continue
        sp = state.speaker(k, sj, view.abs(k, sj))
        state.add(said("block", rest_s, view.units[k].end, sp, v.text), bi)
        return


#: a speaker's own voice, outside quotation marks: the words a colon introduces, not narration about others
FIRST_PERSON = frozenset("i me my we us our".split())


def narrated(view: DocView, k: int, speaker: Speaker) -> bool:
    """Whether paragraph ``k`` is narration that reports someone else, not the words a colon before it
    introduces: a cue whose subject names another person, and no 'I' or 'we' of a speaker outside quotation
    marks ('O'Malley reminded viewers that he doesn't:' over an embedded post the text lost, then 'And after
    watching the Republicans, Clinton said that she was "proud to be a Democrat."')."""
    doc = view.docs[k]
    outside = [t for t in doc if not view.inside_tok(t)]
    if any(t.lower_ in FIRST_PERSON for t in outside):
        return False
    for t in outside:
        if t.pos_ == "VERB" and view.is_cue(t):
            sj = view.subject(t)
            m = view.person_at(k, sj) if sj is not None and not view.inside_tok(sj) else None
            if m is not None and m.name != speaker.name:
                return True
    return False


def colon_intro(view: DocView, state: State, k: int, open_tok) -> tuple[Speaker, str] | None:
    """Speaker and cue of a quote or block introduced by 'X said:' in the same or the previous paragraph."""
    doc = view.docs[k]
    sent = open_tok.sent
    prev_sent = None
    if open_tok.i > sent.start:
        toks_before = doc[sent.start:open_tok.i]
        if toks_before and toks_before[-1].text == ":":
            prev_sent = toks_before
    if prev_sent is None and sent.start > 0 and doc[sent.start - 1].text == ":":
        prev_sent = doc[sent.start - 1].sent
    kk = k
    if prev_sent is None and open_tok.i == 0:
        bi = view.body_pos(k)
        if bi > 0:
            kk = view.body[bi - 1]
            pdoc = view.docs[kk]
            if len(pdoc) and pdoc[-1].text == ":":
                prev_sent = pdoc[-1].sent
    if prev_sent is None:
        return None
    return intro_speaker(view, state, kk, prev_sent)


def intro_speaker(view: DocView, state: State, k: int, sent) -> tuple[Speaker, str] | None:
    """Speaker and cue of an introduction ending with a colon."""
    cues = [t for t in sent if view.is_cue(t) and t.pos_ != "NOUN" and not view.inside(view.abs(k, t))]
    found = []
    for v in reversed(cues):
        sj = view.subject(v)
        if sj is not None:
            sp = state.speaker(k, sj, view.abs(k, sj))
            if sp.kind in ("person", "unnamed", "organization", "role") or sj.pos_ == "PRON":
                found.append((sp.kind != "person", sj.pos_ == "PRON", (sp, v.text)))
    if found:
        return min(found, key=lambda f: f[:2])[2]
    root = sent.root
    sj = view.subject(root)
    if sj is not None:
        m = view.person_at(k, sj) or state.speakers.person_in_apposition(k, sj)
        if m is not None:
            return Speaker(m.name, m.start, m.end, "person"), ":"
    # "Said Ellis:": an inverted cue with the name after it
    toks = [t for t in sent if not t.is_punct]
    if len(toks) >= 2 and view.is_cue_word(toks[0]) and toks[1].pos_ == "PROPN":
        sp = state.speaker(k, toks[1], view.abs(k, toks[1]))
        return sp._replace(kind=sp.kind or "person"), toks[0].text
    # "Putin:" at the start of a paragraph
    if toks and len(toks) <= 4:
        m = view.person_at(k, toks[0])
        if m is not None and m.end >= view.abs(k, toks[-1]):
            return Speaker(m.name, m.start, m.end, "person"), ":"
    return None
