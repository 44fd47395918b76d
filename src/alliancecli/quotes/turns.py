"""Transcript turns: 'TITLE NAME: …' labels and the dash turns of an interview.

A labelled turn is a run of capitalised words (and the small words of a title: 'of', 'the') that ends
in a person the document names, then a colon and a capital: "President of France Emmanuel Macron:
Thank you. …". It opens a paragraph, or follows a sentence end inside one (press releases whose line
breaks were lost run the turns of a transcript together); the turn runs to the next label or the end
of the paragraph. A bare 'NAME:' at a paragraph start is a turn when the same name opens two or more
paragraphs (an interview transcript: 'PENCE: …'). A list under a label ('Subs Not Used: Almunia,
Cygan') names no person and says nothing: no turn.

An interview whose turns are set off by dashes ('… in an interview to the newspaper. - Question? -
Answer. - Question? - …') gives each answer to the person the interview is with; the questions
(turns that end with a question mark) are the interviewer's and are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..resources import load_json
from .speakers import Speaker
from .state import State
from .view import MARKS, DocView, said

CONNECTORS = r"of|the|and|for|de|da|del|di|der|van|von|al|bin|la|le"
WORD = rf"(?:[A-ZÀ-Þ][\w'’.\-]*|{CONNECTORS})"
#: a label at the end of the text before a colon, after a paragraph start, a sentence end or a spaced dash
#: ('IOWA POLLS NOT WRONG - Mark Blumenthal: “…”')
LABEL = re.compile(rf"(?:^[\"“«]?|(?<=[.!?…])[\"”»)]?\s+|(?<=\s[-–—])\s)(?P<label>[A-ZÀ-Þ][\w'’.\-]*(?: {WORD}){{0,14}})$")
COLON = re.compile(r":[ \t]+(?=[\"“«]?[A-ZÀ-Þ0-9])")
BARE = re.compile(r"^[\"“«]?(?P<name>(?:[A-Z][A-Za-z'’.\-]+ ){0,2}[A-Z][A-Za-z'’.\-]+):\s+(?=\S)")
#: a dash turn: at a paragraph start, or after a sentence end
DASH_TURN = re.compile(r"(?:^|(?<=[.!?…])[\"”»]?[ \t]+)[-–—][ \t]+(?=[\"“«]?[A-ZÀ-Þ0-9])", re.M)


@dataclass
class Turn:
    label_start: int  # where the label (or the dash) starts
    start: int  # where the words start
    end: int
    para: int  # body paragraph index
    speaker: Speaker


def events(view: DocView, state: State):
    return [(t.label_start, lambda t=t: add(state, t)) for t in turns(view)]


def add(state: State, t: Turn) -> None:
    state.add(said("block", t.start, t.end, t.speaker, ":"), t.para)


def turns(view: DocView) -> list[Turn]:
    """Every turn of the document (cached on the view: the quotation marks ask for it too)."""
    found = getattr(view, "_turns", None)
    if found is None:
        found = view._turns = labelled(view) + dashed(view)
    return found


def turn_at_start(view: DocView, k: int) -> Turn | None:
    """The turn that opens body paragraph ``k``, if any."""
    us = view.units[k].start
    return next((t for t in turns(view) if us <= t.label_start <= us + 1), None)


def labelled(view: DocView) -> list[Turn]:
    text = view.text
    bare = bare_names(view)
    out: list[Turn] = []
    for bi, k in enumerate(view.body):
        us, ue = view.units[k].start, view.units[k].end
        para = text[us:ue]
        labels = []  # (label start, words start, person or None, name)
        for c in COLON.finditer(para):
            m = LABEL.search(para, max(0, c.start() - 200), c.start())
            if m is None:
                continue
            # a colon inside a quotation is the speaker's own, unless the label opens a paragraph that a
            # quotation mark opens: a transcript quoted whole, '"WALLACE: … ¶ "PENCE: …'
            if view.inside(us + c.start()) and not (m.start("label") == 1 and para[0] in MARKS):
                continue
            ls, le = us + m.start("label"), us + m.end("label")
            person = next((p for p in view.people if ls <= p.start < le and abs(p.end - le) <= 1), None)
            if person is not None and (len(person.name.split()) >= 2 or m.start("label") <= 1):
                sp = Speaker(person.name, person.start, person.end, "person")
            elif m.start("label") <= 1 and m["label"] in bare:
                sp = Speaker(view_by_surname(view, m["label"]), ls, le, "person")
            else:
                sp = titled_name(view, k, ls, le)
                if sp is None:
                    continue
            labels.append((ls, us + c.end(), sp))
        for i, (ls, ws, sp) in enumerate(labels):
            we = labels[i + 1][0] if i + 1 < len(labels) else ue
            if says_something(view, k, ws, we):
                out.append(Turn(ls, ws, we, bi, sp))
    return out


def titled_name(view: DocView, k: int, ls: int, le: int) -> Speaker | None:
    """'Prime Minister of Ukraine Denys Shmyhal': a title, then a name of two or three words that the
    model did not tag as a person (the trailing capitalised words that are no title, role or country)."""
    toks = [t for t in view.tokens_between(k, ls - 1, le) if not t.is_space]
    lex = view.lex
    titles = lex["titles"] | lex["roles"]
    name = []
    for t in reversed(toks):
        if (len(name) == 3 or not t.text[:1].isupper() or t.lower_ in titles or t.lemma_.lower() in titles
                or t.ent_type_ in ("COUNTRY", "GPE", "NORP") or t.lower_ in lex["org_words"]):
            break
        name.insert(0, t)
    rest = toks[:len(toks) - len(name)]
    if len(name) < 2 or not any(t.lower_ in titles or t.lemma_.lower() in titles for t in rest):
        return None
    s, e = view.abs(k, name[0]), view.abs(k, name[-1]) + len(name[-1])
    country = next((t.ent_id_ for t in rest if t.ent_type_ == "COUNTRY" and t.ent_id_), None)
    return Speaker(view.text[s:e], s, e, "person", country)


def view_by_surname(view: DocView, name: str) -> str:
    low = name.lower().split()[-1]
    for p in view.people:
        if p.name.lower().split()[-1] == low:
            return p.name
    return name.title() if name.isupper() else name


def bare_names(view: DocView) -> set[str]:
    """Names that open two or more paragraphs as 'NAME: ...' (an interview transcript)."""
    counts: dict[str, int] = {}
    for k in view.body:
        m = BARE.match(view.text[view.units[k].start:view.units[k].end])
        if m:
            counts[m["name"]] = counts.get(m["name"], 0) + 1
    return {n for n, c in counts.items() if c >= 2}


def says_something(view: DocView, k: int, s: int, e: int) -> bool:
    """Words with a verb, not a list of names under a label."""
    toks = [t for t in view.tokens_between(k, s - 1, e) if not t.is_space]
    if not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return False
    names = [t for t in toks if t.pos_ == "PROPN" or t.is_punct]
    return len(names) < 0.8 * len(toks)


def dashed(view: DocView) -> list[Turn]:
    """The answers of an interview set off by dashes, given to the person the interview is with."""
    text = view.text
    marks = []  # (body index, dash start, words start, paragraph end)
    for bi, k in enumerate(view.body):
        us, ue = view.units[k].start, view.units[k].end
        for m in DASH_TURN.finditer(text, us, ue):
            dash = m.start() + next(i for i, ch in enumerate(m.group()) if ch in "-–—")
            marks.append((bi, dash, m.end(), ue))
    if len(marks) < 3:
        return []
    who = interviewee(view, marks[0][1])
    if who is None:
        return []
    out = []
    asked = False
    for i, (bi, dash, ws, ue) in enumerate(marks):
        we = marks[i + 1][1] if i + 1 < len(marks) and marks[i + 1][0] == bi else ue
        words = text[ws:we].rstrip().rstrip("\"”»")
        # a question is the interviewer's; an answer may end with a question of its own, but two
        # questions do not follow each other
        asked = words.endswith("?") and not asked
        if asked or not words:
            continue
        out.append(Turn(dash, ws, we, bi, Speaker(who.name, who.start, who.end, "person")))
    return out


def interviewee(view: DocView, before: int):
    """The person in the sentence that announces the interview, before the first turn."""
    nouns = set(load_json("attribution.json")["interview_nouns"])
    for k in view.body:
        us = view.units[k].start
        if us >= before:
            break
        for sent in view.docs[k].sents:
            if us + sent.start_char >= before:
                break
            if any(t.lemma_.lower() in nouns for t in sent):
                p = next((p for p in view.people if us + sent.start_char <= p.start < us + sent.end_char), None)
                if p is not None:
                    return p
    return None
