"""Attribution frames learned from annotated news (kind ``indirect``).

News attributes far more than what a cue verb with a clause reports: "Clinton criticized the deal",
"the group endorsed Trump", "she complained about the mic", "he wants to triple the program". Which verb
in which frame attributes is learned, not listed: a *frame* is a verb lemma and the first complement
after it (``dobj``, ``xcomp``, ``ccomp``, ``oprd`` or ``prep:WORD``), and ``data/attribution_frames.json``
holds, for each frame, how often it attributed in annotated news and how often it occurred (counts only,
written by ``benchmarks/train_frames.py``). A frame is used when it attributed at least ``min_share`` of
the times it occurred, ``min_count`` times or more.

A candidate is a verb outside quotation marks with a subject that can be a source (:meth:`DocView.subject`,
:meth:`DocView.source_like`), before the verb; its content runs over the complements after the verb, cut
where the report stops (:func:`~.reported.content_end`). The other mechanisms run first: a frame adds a
statement only where they found none (:func:`~.merge.merge` keeps one per stretch of words).

What a frame carries must be something said: PolNeAR also counts an act aimed at a target ("criticized the
deal", "thanked the mayor", "discussed the situation in the region", "is endorsed by the Times") as attribution, while the sample articles and the press releases do not count it as a statement
(with such frames on, their statement precision fell from 0.93 to 0.74 and 0.86 to 0.78). So a frame whose
complements are only noun phrases attributes nothing (:func:`is_target`) unless the noun is something said
("cited derogatory comments", ``content_nouns``) or holds a clause ("the need to act"; a relative clause
describes the noun and does not count); the object's 'that'-clause is the content ("expressed hope that
…"); and, as for the other cues, a sentence that ends with a colon introduces a block and reports nothing
itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json
from .reported import complement_span
from .state import State
from .view import MARKS, DocView, only_a_name, rules, that_clause, without_quoted_titles, words

#: complements of the verb that carry what is attributed, in the order they name the frame
COMPLEMENTS = ("dobj", "xcomp", "ccomp", "oprd", "prep")


@dataclass(frozen=True)
class Candidate:
    k: int  # unit
    verb: object  # the cue token
    subject: object  # the source token
    frame: str  # "lemma|dep" or "lemma|prep:word"
    start: int  # content, document offsets
    end: int
    parts: tuple = ()  # the complement tokens the content runs over


@lru_cache(maxsize=1)
def model() -> tuple[set[str], dict]:
    """The frames in use (:func:`chosen`) and the table they were chosen from."""
    raw = load_json("attribution_frames.json")
    return chosen(raw), raw


@lru_cache(maxsize=1)
def act_model() -> tuple[set[str], int]:
    """The frames whose acts aimed at a target are recorded (``acts`` of ``attribution_frames.json``), and the
    fewest words of a target."""
    raw = load_json("attribution_frames.json")
    return chosen(raw, "acts", raw["acts_min_share"]), raw["acts_min_words"]


def chosen(raw: dict, table: str = "frames", share: float | None = None) -> set[str]:
    """The frames of ``table`` seen at least ``min_count`` times that attributed at least ``min_share`` of them."""
    return pick(raw[table], raw["min_count"], raw["min_share"] if share is None else share)


def pick(counts: dict, count: int, share: float) -> set[str]:
    """The frames of ``counts`` (frame -> [times it attributed, times seen]) seen at least ``count`` times that
    attributed at least ``share`` of them."""
    return {f for f, (hits, seen) in counts.items() if seen >= count and hits >= share * seen}


def frame_of(t) -> tuple[str, list] | None:
    """The frame of verb ``t`` and the complement tokens that hold its content, or None: an object with
    what follows it ("called the deal a disaster", "urged voters to stay home"), else a clause ("wants
    to …", "argued that …"), else the object of the first preposition ("complained about …")."""
    parts = [c for c in t.children if c.i > t.i and c.dep_ in COMPLEMENTS]
    lemma = t.lemma_.lower()
    objs = [c for c in parts if c.dep_ == "dobj"]
    clauses = [c for c in parts if c.dep_ in ("xcomp", "ccomp", "oprd")]
    if objs:
        after = [c for c in clauses if c.i > objs[0].i]
        # "told friends that the candidate knew", "warned Moscow that sanctions would follow": the object of a
        # verb that a finite clause with its own subject follows is whom it was said to, and the clause what
        # was said; not an object that is itself what was said ("cited remarks Trump had made")
        told = [c for c in after if c.dep_ == "ccomp" and _finite(c) and objs[0].lemma_.lower() not in rules()["content_nouns"]]
        return f"{lemma}|dobj", told or objs + after
    if clauses:
        return f"{lemma}|{clauses[0].dep_}", clauses
    for p in parts:
        objs = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
        if objs:
            return f"{lemma}|prep:{p.lower_}", objs
    return None


def _finite(c) -> bool:
    """Whether verb ``c`` heads a clause of its own: a subject and a tensed verb ("that the candidate knew"), not
    a participle ("a memoir entitled …")."""
    return any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children) and (
        c.tag_ not in ("VBN", "VBG") or any(g.dep_ in ("aux", "auxpass") for g in c.children))


def candidates(view: DocView, k: int):
    """Every verb of body unit ``k`` with a source and a content: a subject before it and a complement after
    it; a noun that a participle describes ("a tweet attacking the mayor"); or, in the passive, the agent
    ("the nominee has been endorsed by dozens of papers": frame ``lemma|passive``)."""
    for t in view.verbs(k):
        if view.inside(view.abs(k, t)):
            continue
        passive = _passive(t)
        if passive is not None:
            sj, content = passive
            frame, parts = f"{t.lemma_.lower()}|passive", [content]
        else:
            got = frame_of(t)
            if got is None:
                continue
            frame, parts = got
            sj = view.subject(t)
            if sj is None and t.dep_ == "acl" and t.tag_ == "VBG" and t.head.i < t.i:
                sj = t.head
            if sj is None or sj.i > t.i or sj.dep_ == "nsubjpass":
                continue
        if view.not_source(k, sj) or not view.source_like(sj, k) or view.inside_tok(sj):
            continue
        clauses = [_said_clause(p) for p in parts]
        parts = [c or p for c, p in zip(clauses, parts)]
        s, e = complement_span(view, k, parts)
        if clauses[0] is not None and clauses[0].left_edge.lower_ == "that":  # "hope that X" reports X
            s = view.abs(k, view.docs[k][clauses[0].left_edge.i + 1])
        yield Candidate(k, t, sj, frame, s, e, tuple(parts))


def _said_clause(o):
    """The 'that'-clause of an object noun, which is what was said: "expressed hope that talks resume" ->
    "(that) talks resume"; None when ``o`` has none."""
    if o.dep_ != "dobj" or o.pos_ != "NOUN":
        return None
    return that_clause(o)


def _passive(t):
    """The agent and the passive subject of verb ``t`` ("X is backed by Y" -> Y, X), or None."""
    content = next((c for c in t.children if c.dep_ == "nsubjpass" and c.i < t.i), None)
    agent = next((c for c in t.children if c.dep_ == "agent" and c.i > t.i), None)
    if content is None or agent is None:
        return None
    source = next((g for g in agent.children if g.dep_ == "pobj"), None)
    return (source, content) if source is not None else None


def events(view: DocView, state: State):
    return [(view.units[k].start, lambda k=k: paragraph(view, state, k)) for k in view.body]


def is_target(view: DocView, parts: list) -> bool:
    """Whether the complements ``parts`` name only what an act is aimed at or about, not something said: noun
    phrases only ("criticized the deal", "thanked the mayor", "discussed the situation in the region",
    "spoke about the economy", the subject of "... is backed by the Times"). A phrase holds something said when it
    is a noun of saying ("cited derogatory comments", ``content_nouns``) or holds a clause: a verb with its
    own subject or an infinitive ("the need to act", "his hope that talks resume")."""
    if any(o.dep_ not in ("dobj", "pobj", "pcomp", "nsubjpass") for o in parts):
        return False
    if any(view.noun_of_saying(o) for o in parts):
        return False
    return not any(_clause(x, o) for o in parts for x in o.subtree)


def _clause(t, top) -> bool:
    """Whether ``t`` (in the phrase headed by ``top``) heads a clause that is said, not one that describes a
    noun: a verb with a subject of its own or an infinitive ("to act"), outside a relative clause ("the talks,
    which took place in Istanbul")."""
    if t.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ == "aux" and c.lower_ == "to") for c in t.children):
        return False
    x = t
    while x.i != top.i and x.head.i != x.i:
        if x.dep_ == "relcl":
            return False
        x = x.head
    return True


def reports(view: DocView, c: Candidate, min_words: int) -> bool:
    """Whether candidate ``c`` can report something, whatever its frame: content of ``min_words`` words or
    more that is not only a target (:func:`is_target`) nor mostly a quoted title ('on the podcast "Here's
    the Thing."'), outside the introduction of a block (a sentence
    that ends with a colon, which is its own statement). Training counts only such candidates, so that a
    frame's share is the precision of what it adds."""
    return usable(view, c, min_words) and not is_target(view, c.parts)


def is_act(view: DocView, c: Candidate, min_words: int) -> bool:
    """Whether candidate ``c`` is an act aimed at a target (:func:`is_target`: "criticized the deal", "thanked the
    mayor"), which annotated news attributes and the other corpora do not count as a statement: it is recorded
    apart, as an act, where its frame attributed often enough (``acts`` of ``attribution_frames.json``)."""
    return usable(view, c, min_words) and is_target(view, c.parts)


def usable(view: DocView, c: Candidate, min_words: int) -> bool:
    """Content of ``min_words`` words or more, not mostly a quoted title, not in a block's introduction, and not
    only the one told where the rest is a quotation's."""
    doc = view.docs[c.k]
    # (a complement inside quotation marks is the quotation's, read by its own mechanism: '"…," he told Bloomberg
    # News in October, "keeping rates at this level"' leaves only the one told)
    outside = [o for o in c.parts if not view.inside_tok(o.left_edge)]
    if len(outside) < len(c.parts) and outside and all(view.addressee(c.verb, o) for o in outside):
        return False
    return (words(view.text[c.start:c.end]) >= min_words
            and not (doc[-1].text == ":" and c.verb.sent == doc[-1].sent)
            and not names_a_title(view, c))


def names_a_title(view: DocView, c: Candidate) -> bool:
    """Whether the candidate only names a show, a book or a podcast: a quoted title (the window takes in the
    marks around the span) and no verb outside it ('on NBC's "Meet the Press."', 'on the podcast "Here's the
    Thing."')."""
    s, e = c.start, c.end
    while s > 0 and view.text[s - 1] in MARKS + "'":
        s -= 1
    while e < len(view.text) and view.text[e] in MARKS + "'.,":
        e += 1
    text = view.text[s:e]
    span = view.tokens_between(c.k, c.start - 1, c.end)
    if without_quoted_titles(text) == text or only_a_name([t for t in span if view.inside_tok(t)]):
        return False
    return not any(t.pos_ in ("VERB", "AUX") and not view.inside_tok(t) for t in span)


def paragraph(view: DocView, state: State, k: int) -> None:
    frames, raw = model()
    acts, act_words = act_model()
    for c in candidates(view, k):
        if c.frame in acts and is_act(view, c, act_words):
            state.act(c.start, c.end, state.speaker(k, c.subject, view.abs(k, c.subject)), c.verb.text, c.frame)
            continue
        if c.frame not in frames or not reports(view, c, raw["min_words"]):
            continue
        state.report("indirect", c.start, c.end, state.speaker(k, c.subject, view.abs(k, c.subject)),
                     c.verb.text)
        state.statements[-1].learned = True
