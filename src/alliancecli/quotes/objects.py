"""Reported speech whose content is the object of the cue, not a 'that'-clause (kind ``indirect``).

* an emphasis verb with a noun phrase: "X stressed the need to …", "noted the importance of …",
  "reaffirmed Britain's support for …";
* a cue with its preposition: "called for …", "called on NATO to …", "insisted on …", "warned
  against …", "spoke in favour of …", "assured of …";
* an expressed attitude: "expressed hope that …", "expressed hope for …", "voiced confidence that …".

The content starts where the gold standard of reported speech starts it: at the object, after the
preposition of the cue ("called for"), but with the preposition of an attitude noun ("hope for …").
The words are in ``data/attribution.json`` (``object_cue_verbs``, ``prep_cues``, ``attitude_verbs``,
``attitude_nouns``).
"""
from __future__ import annotations

from ..resources import load_json
from .reported import content_end
from .state import State
from .view import MARKS, DocView, words


def lexicon() -> dict:
    raw = load_json("attribution.json")
    return {"verbs": set(raw["object_cue_verbs"]), "preps": raw["prep_cues"],
            "attitude_verbs": set(raw["attitude_verbs"]), "attitude_nouns": set(raw["attitude_nouns"]),
            "min_words": raw["object_min_words"]}


def events(view: DocView, state: State):
    lex = lexicon()
    return [(view.units[k].start, lambda k=k: paragraph(view, state, k, lex)) for k in view.body]


def paragraph(view: DocView, state: State, k: int, lex: dict) -> None:
    doc = view.docs[k]
    for t in view.verbs(k):
        if view.inside(view.abs(k, t)):
            continue
        if any(c.dep_ == "ccomp" for c in t.children):
            continue  # "said that …": a clausal report (reported.py)
        lemma = t.lemma_.lower()
        span = None
        if lemma in lex["preps"]:
            span = prep_content(doc, t, lex["preps"][lemma])
        if span is None and lemma in lex["verbs"]:
            span = object_content(view, k, t)
        if span is None and lemma in lex["attitude_verbs"]:
            span = attitude_content(doc, t, lex["attitude_nouns"])
        if span is None:
            continue
        report(view, state, k, t, span[0], span[1], lex["min_words"])


def object_content(view: DocView, k: int, t):
    """'stressed the importance of …': a direct object that is a thing said, not a person or a pronoun."""
    obj = next((c for c in t.children if c.dep_ == "dobj" and c.i > t.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ == "PERSON" or view.person_at(k, obj):
        return None
    return obj.left_edge.i, obj.right_edge.i


def prep_content(doc, t, phrases: list[str]):
    """'called for …' / 'spoke in favour of …' / 'called on NATO to …': the object of the phrase."""
    for phrase in phrases:
        n = len(phrase.split())
        toks = doc[t.i + 1:t.i + 1 + n]
        if len(toks) != n or " ".join(x.lower_ for x in toks) != phrase:
            continue
        last = toks[-1]
        obj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None
        hi = obj.right_edge.i
        # "called on NATO to provide …": the infinitive is the verb's or the object's
        for c in list(t.children) + list(obj.children):
            if c.dep_ in ("xcomp", "advcl", "acl") and c.i > hi and c.tag_ == "VB":
                hi = max(hi, c.right_edge.i)
        return last.i + 1, hi
    return None


def attitude_content(doc, t, nouns: set[str]):
    """'expressed hope that …' (after 'that') / 'expressed hope for …' (with 'for')."""
    obj = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None)
    if obj is None:
        return None
    for c in obj.children:
        if c.i <= obj.i:
            continue
        if c.dep_ in ("acl", "ccomp", "relcl"):
            lo = c.left_edge.i
            if doc[lo].lower_ == "that":
                lo += 1
            return lo, c.right_edge.i
        if c.dep_ == "prep" and c.lower_ in ("for", "in", "of"):
            return c.i, c.right_edge.i
    # the parser may hang the clause on the verb: "expressed hope that …" -> ccomp/advcl of 'expressed'
    for c in t.children:
        if c.i > obj.i and c.dep_ in ("advcl", "ccomp") and c.left_edge.lower_ == "that":
            return c.left_edge.i + 1, c.right_edge.i
    return None


def report(view: DocView, state: State, k: int, t, lo: int, hi: int, min_words: int) -> None:
    doc = view.docs[k]
    if lo > hi or lo >= len(doc):
        return
    sj = view.subject(t)
    if sj is None or sj.i > t.i or view.not_source(k, sj) or not view.source_like(sj, k):
        return
    if sj.dep_ != "nsubj" and sj.head.i == t.i:
        return  # a passive subject is the target, not the source
    if doc[-1].text == ":" and t.sent == doc[-1].sent:
        return  # introduces a block
    # what follows the object in the cue's clause belongs to it ("… for its increase in order to …")
    hi = max([hi] + [c.right_edge.i for c in t.children if c.i > hi and c.dep_ not in ("cc", "conj", "punct")])
    hi = min(hi, t.sent.end - 1)
    while hi > lo and doc[hi].is_punct and doc[hi].text not in MARKS:
        hi -= 1
    hi = content_end(view, doc, lo, hi, clauses_only=True).i
    s, e = view.span(k, doc[lo], doc[hi])
    if words(view.text[s:e]) < min_words or (view.inside(s) and view.inside(e - 1)):
        return
    state.report("indirect", s, e, state.speaker(k, sj, view.abs(k, sj)), t.text)
