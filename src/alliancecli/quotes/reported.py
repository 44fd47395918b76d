"""Reported speech (kind ``indirect``).

A cue verb with a clausal complement ("X said (that) …"), a parenthetical cue ("…, Mr. Obama said, …"), a
speech act whose object is a proposition or something said ("urged voters to …", "cited derogatory
comments"), a noun of saying with its holder ("Trump's claim that …") and "according to X". Reported
content stops where the report does.
"""
from __future__ import annotations

import re

from .state import State
from .view import MARKS, RELATIVES, DocView, clause_verb, that_clause, words

#: tokens after a comma searched for the head of the phrase it opens (see ``content_end``)
ATTACH_WINDOW = 25


def events(view: DocView, state: State):
    state.last = None  # reported speech is read paragraph by paragraph, not as a follow-on of the quotes
    return [(view.units[k].start, lambda k=k: paragraph(view, state, k)) for k in view.body]


def paragraph(view: DocView, state: State, k: int) -> None:
    doc = view.docs[k]
    rules = view.rules
    for t in view.select(k, ("NOUN", "VERB"), ("according",)):  # the only tokens the tests below can pass
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            according(view, state, k, t)
            continue
        if t.pos_ == "NOUN" and t.lemma_.lower() in rules["content_nouns"]:
            noun_cue(view, state, k, t)
            continue
        if t.pos_ != "VERB" or view.inside(view.abs(k, t)):
            continue
        lemma = t.lemma_.lower()
        act = lemma in rules["act_verbs"]
        if not (view.is_cue(t) or act or lemma in rules["belief_verbs"]):
            continue
        comps = [c for c in t.children if (c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(
            g.lower_ == "that" and g.i < c.i and g.dep_ in ("mark", "advmod") for g in c.children)))
            and not view.inside(view.abs(k, c))] or ([c] if view.is_cue(t) and (c := _through_document(view, t)) else [])
        if not comps and view.is_cue(t):
            comps = [c for c in _misparsed_complements(t, rules["addressee_cue_verbs"] | rules["listener_object_verbs"])
                     if not view.inside(view.abs(k, c))]
        if not comps:
            if view.is_cue(t):
                parenthetical(view, state, k, t)
            if act:
                speech_act(view, state, k, t)
            continue
        clausal(view, state, k, t, comps[0])


#: words that head a subject's noun phrase the parser may take for a cue's object ('said many of the …')
_QUANTIFIERS = frozenset({"many", "most", "some", "all", "few", "several", "both", "none", "each", "much", "half"})


def _misparsed_complements(t, listener_verbs: frozenset | set = frozenset()) -> list:
    """The clause a cue reports where the parser took it for something else:

    - a finite clause with a subject of its own and no subordinator or wh-word before its verb, hung on the cue as
      an adverbial clause ('said after the convention he would not accept …', the 'after' taken into the clause;
      not '… when he left');
    - a clause whose subject, headed by a quantifier, the parser took for the object of 'say' ('said many of the
      examples critics point to failed to note …'; not 'confirmed a few of his revelations, which are …');
    - for a verb whose object is the one spoken to (``listener_verbs``), a 'that'-clause hung on that object as a
      relative clause ('told a meeting of leaders that few people understood …', whose 'that' is a conjunction;
      not 'says the increase that Bloomberg decries …')."""
    out = []
    for c in t.children:
        if c.i < t.i:
            continue
        if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX") and any(
                g.dep_ == "nsubj" and g.tag_ not in ("WDT", "WP") for g in c.children) and not any(
                g.dep_ == "mark" or g.tag_ in ("WRB", "WDT", "WP") for g in c.subtree if g.i < c.i) and (
                c.tag_ in ("VBD", "VBZ", "VBP") or any(
                g.dep_ == "aux" and g.tag_ in ("MD", "VBD", "VBZ", "VBP") for g in c.children)):
            out.append(c)
        elif c.dep_ == "dobj" and c.lower_ in _QUANTIFIERS and t.lemma_.lower() == "say" and any(
                v.pos_ in ("VERB", "AUX") and v.tag_ in ("VBD", "VBZ", "VBP") and v.i > c.i for v in c.subtree):
            out.append(c)  # 'said many of the examples critics point to failed to note …': the subject of the
            # clause taken for the object of the cue
        elif c.dep_ in ("dobj", "dative") and t.lemma_.lower() in listener_verbs:
            out += [r for r in c.subtree if r.dep_ == "relcl" and any(
                g.lower_ == "that" and g.dep_ == "mark" and g.i < r.i for g in r.children)]
    return out[:1]


def _through_document(view: DocView, t):
    """The 'that'-clause the parser hung on the document a cue speaks in: "The Kremlin said in a statement that
    Moscow and Minsk would deepen their union" (the clause an 'acl' of 'statement'), or None.  Only 'in': a
    document the speaker answers ('responded to reports that …') says what its own author said."""
    documents = (o for p in t.children if p.dep_ == "prep" and p.i > t.i and p.lower_ == "in"
                 for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in view.lex["documents"])
    return next((c for o in documents if (c := that_clause(o)) is not None), None)


def clausal(view: DocView, state: State, k: int, t, c) -> None:
    """'X said (that) C': the clausal complement ``c`` of the cue verb ``t``."""
    doc = view.docs[k]
    left, right = c.left_edge, c.right_edge
    if left.i <= t.i <= right.i:
        return
    sj = view.subject(t)
    if sj is None or view.not_source(k, sj) or sj.i > right.i >= t.i:
        return
    if sj.dep_ == "nsubjpass" and sj.head.i == t.i:
        return  # "soldiers are welcomed who ...", "he was told that ...": not the source
    if right.i < t.i and any(m.dep_ == "mark" and m.lower_ in view.rules["adverbial_marks"] for m in c.children):
        return  # 'As a protester was removed, Jones said, "…"': an adverbial clause, not what was said
    if doc[-1].text == ":" and t.sent == doc[-1].sent:
        return  # the introduction of a block, which is its own statement
    right = continued(view, t, right)
    right = content_end(view, doc, left.i, right.i)
    s, e = view.span(k, left, right)
    if words(view.text[s:e]) < 4:
        return
    state.report("indirect", s, e, state.speaker(k, sj, view.abs(k, sj)), t.text)


PRESENT = ("VBZ", "VBP", "MD")


def continued(view: DocView, t, right):
    """The end of a report that a clause coordinated with its cue carries on in the speaker's tense: 'Alar Karis
    stressed that all these crimes must be investigated, and they must be taken into account …', 'He noted that
    the situation is still difficult, but the military is succeeding …'. The parser hangs the second clause on
    the cue; with its own subject, no cue of its own, and present or modal where the narration is past, it is
    still what was said (a clause in the narration's tense is the narration's: '…, and the crowd cheered')."""
    if not _past(t):
        return right
    for y in t.children:
        if y.dep_ != "conj" or y.i <= right.i or y.pos_ not in ("VERB", "AUX"):
            continue
        between = t.doc[right.i + 1:y.left_edge.i]
        if not between or between[0].text != "," or not any(x.dep_ == "cc" for x in between):
            return right
        sj = next((c for c in y.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # (a named subject or 'he'/'she' is the narration going on about someone: '…, but she has bristled at …',
        # '…, but Democrats have pushed for …')
        if sj is None or sj.pos_ == "PROPN" or sj.lower_ in ("he", "she") or view.is_cue(y) or any(
                c.dep_ == "ccomp" for c in y.children):
            return right
        if y.tag_ in PRESENT or any(a.dep_ in ("aux", "auxpass") and a.tag_ in PRESENT for a in y.children):
            return y.right_edge if not y.right_edge.is_punct else t.doc[y.right_edge.i - 1]
        return right
    return right


def _past(t) -> bool:
    return t.tag_ == "VBD" or (t.tag_ == "VBN" and any(a.dep_ == "aux" and a.lower_ in ("has", "have", "had")
                                                       for a in t.children))


def content_end(view: DocView, doc, lo: int, hi: int, clauses_only: bool = False):
    """The last token of reported content running from ``lo`` to ``hi``, cut before what the
    report does not carry: a second clause after a semicolon or a dash, or, after a comma, a
    non-restrictive relative clause (', which …'), a participle clause (', arguing …'), an
    apposition (', the presumed favorite') or a concessive clause (', although …'; cut_marks); a
    second speech act ('… and warned …'). A clause coordinated inside the reported clause is part of
    it ('noted that Ukraine is part of the European family, and the leaders support …').
    ``clauses_only`` keeps relative clauses and appositions (for a parenthetical cue, whose
    content is the whole sentence around it)."""
    rules = view.rules
    root = next((y for y in doc[lo:hi + 1] if not lo <= y.head.i <= hi), None)
    cue = root.head if root is not None and root.head.i != root.i else None  # the verb that reports it
    for i in range(lo + 3, hi + 1):
        t = doc[i]
        cut = t.text in (";", "--", "—", "–")
        if t.dep_ == "cc" and i < hi:  # "… and warned against …": a second speech act
            nxt = next((y for y in doc[i + 1:hi + 1] if y.dep_ == "conj" and y.head.i == t.head.i), None)
            # in the form of the narration (the reporting verb's, or the past: "… but did not suggest …"):
            # "stressed that the US supports us and notes that …" and "has provided and continues to provide"
            # are still content
            cut = nxt is not None and nxt.pos_ == "VERB" and (
                view.is_cue(nxt) or nxt.lemma_.lower() in rules["act_verbs"]) and (
                cue is None or nxt.tag_ in (cue.tag_, "VBD")
                or any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBD" for a in nxt.children))
        if t.text == "," and i < hi:
            # what the comma opens is headed near it; a bounded look keeps a run-on sentence linear
            # (not the content's own head, whose phrase starts before the comma: "that a free, sovereign
            # Ukraine would …" is one clause)
            attached = [y for y in doc[i + 1:min(hi, i + ATTACH_WINDOW) + 1] if y.head.i < i and y.left_edge.i > lo]
            cut = any((not clauses_only and (y.dep_ in ("appos", "relcl", "acl")
                                              or y.lower_ in RELATIVES - {"that"})
                       and _trails(doc, y.head if y.lower_ in RELATIVES else y, hi))
                      or (y.tag_ == "VBG" and y.dep_ in ("advcl", "xcomp", "conj")  # not 'and has been moving'
                          and not any(c.dep_ in ("aux", "auxpass") for c in y.children))
                      or (y.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in rules["cut_marks"]
                                                    for g in y.children))
                      for y in attached)
        if cut and view.inside_tok(t):
            cut = False  # never inside the speaker's own quoted words
        if cut:
            j = i - 1
            while j > lo and doc[j].is_punct and doc[j].text not in MARKS:
                j -= 1
            return doc[j]
    return doc[hi]


def _trails(doc, y, hi: int) -> bool:
    """Whether ``y``'s subtree runs to the end of the content (``hi``), punctuation aside: a
    relative clause or apposition in the middle ("flows along the route, which bypasses
    Russia, could rise …") is parenthetical, and the content goes on after it."""
    return all(t.is_punct for t in doc[y.right_edge.i + 1:hi + 1])


def noun_cue(view: DocView, state: State, k: int, t) -> None:
    """A noun of saying with its holder and a 'that'-clause: "Trump's claim that …", "a New York Times
    report that …"."""
    if view.inside(view.abs(k, t)):
        return
    doc = view.docs[k]
    clause = that_clause(t, ("acl", "relcl", "ccomp"))
    holder = next((c for c in t.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    if holder is None:
        holder = next((c for c in reversed(list(t.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    pronoun = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in view.rules["possessive_holders"]),
                   None) if holder is None and clause is not None else None
    if pronoun is not None:
        # 'Trump repeated his claim that …', 'Clinton came under fire over her remark that "…"': the subject of
        # the clause the noun stands in, where that names a person
        v = clause_verb(t.head)
        sj = view.subject(v) if v.pos_ in ("VERB", "AUX") else None
        if sj is not None and sj.dep_ == "nsubj" and not view.inside_tok(sj) and (
                view.person_at(k, sj) is not None or sj.lower_ in ("he", "she")):
            holder = sj
        else:
            pronoun = None
    if clause is None or holder is None or not view.source_like(holder):
        return
    lo = clause.left_edge.i
    hi = content_end(view, doc, lo, clause.right_edge.i).i
    s, e = view.span(k, doc[lo], doc[hi])
    if words(view.text[s:e]) < 4:
        return
    sp = state.speaker(k, holder, view.abs(k, holder))
    if pronoun is not None:  # the words that attribute are the pronoun's, as for 'she said'
        sp = sp._replace(start=view.abs(k, pronoun), end=view.abs(k, pronoun) + len(pronoun.text))
    state.report("indirect", s, e, sp, t.text)


def speech_act(view: DocView, state: State, k: int, t) -> None:
    """A speech act whose object is what was said or held: "Trump urged supporters to monitor
    polling places", "Clinton cited derogatory comments", "Schiff called for sanctions"."""
    doc = view.docs[k]
    rules = view.rules
    # (an infinitive clause with a subject of its own: 'is calling for the United States to take a stronger
    # role', which the parser hangs on the verb as an adverbial clause marked 'for')
    for_to = [c for c in t.children if c.i > t.i and c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ == "for" and m.i == c.left_edge.i for m in c.children)]
    parts = [c for c in t.children if c.i > t.i and (
        c.dep_ in ("dobj", "xcomp", "oprd", "dative")
        or (c.dep_ == "prep" and c.lower_ in rules["act_preps"]))] + for_to
    # what is reported is a proposition: an infinitive clause ("urged voters to stay home", "vowed to
    # fight") or a predication over the object ("called the deal a disaster"), not a bare noun phrase
    # ("criticized the Russian Federation" is an attitude to a target, not a statement)
    clausal_ = bool(for_to) or any(c.dep_ in rules["act_clausal_deps"] for c in parts) or any(
        g.dep_ in rules["act_clausal_deps"] for c in parts if c.dep_ == "dobj" for g in c.children)
    # or a judgment of the object through 'as': 'criticized the law as a crazy system', 'dismissed the report
    # as nonsense'
    as_ = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "as" and any(
        d.dep_ == "dobj" and d.i < c.i for d in t.children) and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
    if as_ and t.lemma_.lower() in rules["judgment_verbs"]:
        parts += as_
        clausal_ = True
    # or an object that is itself something said or held: "cited derogatory comments", "outlined his plan"
    said = any(c.dep_ in ("dobj", "pobj") and c.lemma_.lower() in rules["content_nouns"]
               for p in parts if not view.addressee(t, p)  # ('told Bloomberg News': a listener, not news)
               for c in [p] + [g for g in p.children if g.dep_ == "pobj"])
    if not parts:
        return
    others = [c for c in parts if c.dep_ not in rules["act_clausal_deps"]]
    if clausal_ and not said and others and all(view.addressee(t, c) for c in others) and all(
            view.inside_tok(c) for c in parts if c.dep_ in rules["act_clausal_deps"]):
        return  # '"…," he told Bloomberg News in October, "keeping rates at this level"': the quotation's own
    # or one that quotes the speaker's words: 'mocked Marco Rubio for “having a tough night”', 'described the
    # controversy as “a lesser set of circumstances”', wherever the parser hangs the quotation after the verb
    # or a position taken on what the object names: 'endorsed Jeb Bush for president', 'backed an amnesty bill'
    position = t.lemma_.lower() in rules["position_verbs"] and any(c.dep_ in ("dobj", "prep") for c in parts)
    side_only = position and not (clausal_ or said)  # reported for the side it takes, nothing else
    if not (clausal_ or said or position):
        if any(c.dep_ == "ccomp" and c.i > t.i for c in t.children):
            return  # 'told co-host Joe Scarborough that he "honestly [doesn't] know"': the clause is what was said
        rest = [c for c in t.children if c.i > t.i and c.dep_ not in ("punct", "cc", "conj", "advcl", "ccomp")
                and not view.addressee(t, c)]
        if t.lemma_.lower() in rules["addressee_cue_verbs"] and not any(
                c.dep_ not in ("prep", "advmod", "npadvmod") or c.lower_ in rules["act_preps"] for c in rest):
            return  # only when and where it was told: 'told Chris Cuomo of CNN after the debate'
        # the quotation may close after the punctuation that ends the clause ('calling him "a disgrace."')
        end = _CLOSING.match(view.text, view.span(k, t, t.right_edge)[1]).end()
        if not rest or not quotes_words(view, view.abs(k, min((c.left_edge for c in rest), key=lambda x: x.i)), end):
            return
        parts = rest
    sj = view.subject(t)
    if sj is None or view.not_source(k, sj) or sj.i > t.i or not view.source_like(sj, k):
        return
    if sj.dep_ != "nsubj" and sj.head.i == t.i:
        return  # a passive subject is the target of the act, not its source
    if side_only and (sj.head.i != t.i or t.dep_ == "relcl" or not (
            sj.pos_ == "PROPN" or sj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or sj.lower_ in ("he", "she")
            or sj.lemma_.lower() in view.lex["roles"])):
        # a subject read from another verb ('thanked the UK for supporting …': the UK supports), or one that
        # names nobody in particular: 'all who support our state', 'They support those who are brave'
        return
    if side_only and t.lemma_.lower() in rules["greeting_verbs"] and any(
            c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or view.person_at(k, c)) for c in parts):
        return  # 'welcomed Mark Rutte to the Ukrainian capital' greets him
    if doc[-1].text == ":" and t.sent == doc[-1].sent:
        return
    s, e = complement_span(view, k, parts)
    if as_ and as_[0] in parts:  # the judgment ends with what the object is held to be, not when or where
        e = min(e, _judgment_end(view, k, as_[0]))
    if side_only:
        e = min(e, _before_aside(view, k, parts))
    if words(view.text[s:e]) < rules["act_min_words"]:
        return
    state.report("indirect", s, e, state.speaker(k, sj, view.abs(k, sj)), t.text)


#: what a judgment through 'as' does not carry: when and where it was made ('as a crazy system during a campaign
#: stop', 'as a disgrace Wednesday on the radio')
_CIRCUMSTANCE_PREPS = frozenset({"during", "at", "on", "after", "before", "while"})


def _judgment_end(view: DocView, k: int, as_) -> int:
    doc = view.docs[k]
    heads = [g for g in as_.children if g.dep_ in ("pobj", "pcomp")]
    cut = [c for h in heads for c in h.children if c.i > h.i and (
        c.dep_ == "npadvmod" or c.dep_ == "prep" and c.lower_ in _CIRCUMSTANCE_PREPS)]
    if not cut:
        return len(view.text)
    j = min(c.left_edge.i for c in cut) - 1
    while j > as_.i and doc[j].is_punct and doc[j].text not in MARKS:
        j -= 1
    return view.span(k, doc[j], doc[j])[1]


def _before_aside(view: DocView, k: int, parts: list) -> int:
    """Where the object of a side taken stops: before a clause or apposition set off by a comma that only
    describes what it names ('endorses Donald Trump, who says …' holds 'Donald Trump')."""
    doc = view.docs[k]
    for p in parts:
        for d in p.subtree:
            if d.dep_ in ("relcl", "appos", "acl") and d.left_edge.i > 0 and doc[d.left_edge.i - 1].text == ",":
                return view.abs(k, doc[d.left_edge.i - 1])
    return len(view.text)


#: punctuation and closing quotation marks, with no word between them
_CLOSING = re.compile(r"[\s.,;:!?\"'”’»)]*")


def quotes_words(view: DocView, s: int, e: int) -> bool:
    """Whether ``[s, e)`` holds a quotation of at least ``mixed_quote_min_words`` words."""
    n = view.rules["mixed_quote_min_words"]
    return any(s <= q.open and q.close is not None and q.close < e and words(view.text[q.open + 1:q.close]) >= n
               for q in view.quotes)


def complement_span(view: DocView, k: int, parts: list) -> tuple[int, int]:
    """Document offsets of what a speech act's complements ``parts`` report: from the first to the last,
    trailing punctuation off, cut where the report ends (:func:`content_end`)."""
    doc = view.docs[k]
    lo = min(c.left_edge.i for c in parts)
    hi = max(c.right_edge.i for c in parts)
    while hi > lo and doc[hi].is_punct and doc[hi].text not in MARKS:
        hi -= 1
    hi = content_end(view, doc, lo, hi).i
    return view.span(k, doc[lo], doc[hi])


def parenthetical(view: DocView, state: State, k: int, t) -> None:
    """A cue clause set off by commas inside or after what it reports: "Acts of protest, Mr. Obama
    said, are acts of patriotism" / "The timing was not intentional, Republicans said." """
    doc = view.docs[k]
    if t.dep_ not in ("parataxis", "ROOT", "advcl", "ccomp", "conj") or view.inside(view.abs(k, t)):
        return
    sj = view.subject(t)
    if sj is None or sj.head.i != t.i or view.not_source(k, sj):
        return
    clause = {t.i} | {x.i for x in sj.subtree}
    clause |= {c.i for c in t.children if c.dep_ in ("aux", "neg", "advmod", "npadvmod")
               and c.i >= min(clause) - 1 and not any(True for _ in c.children)}
    for c in t.children:  # "in a statement", "on Tuesday", "to reporters"
        if c.dep_ in ("prep", "dative", "npadvmod", "dobj") and c.i > t.i:
            clause |= {x.i for x in c.subtree}
    lo, hi = min(clause), max(clause)
    if any(i not in clause for i in range(lo, hi + 1)):
        return
    sent = t.sent
    before = doc[sent.start:lo]
    after = doc[hi + 1:sent.end]
    # set off: a comma (or the sentence start) before, a comma or the sentence end after
    if before and before[-1].text not in (",", "—", "–") and not (lo == sent.start):
        return
    if after and after[0].text not in (",", "—", "–", ".", "!", "?", ";"):
        return
    if sent[-1].text == ":" or (len(after) > 1 and (after[1].text in MARKS or after[0].text == ":")) or (
            len(after) > 2 and not view.inside(view.abs(k, after[1])) and view.inside(view.abs(k, after[2]))):
        return  # introduces a block or a quotation (in any marks: "''I'd like …''"), handled with it
    if not view.source_like(sj, k):
        return
    # '…, said Geert Wilders, founder of the party.': a cue that ends the sentence with its subject after it
    # reports all that comes before it, however the parser hung that ('signals' read as a noun)
    inverted = sj.i > t.i and lo == t.i and not [x for x in after if not x.is_punct]
    # what it reports is a finite clause: a verb with its own subject outside the cue clause
    if not inverted and not any(x.dep_ in ("nsubj", "nsubjpass", "expl") and x.head.i not in clause
                                and x.i not in clause for x in sent):
        return
    # a cue that heads the sentence reports what comes before it only if that is a clause of its
    # own ("Though the transition was smooth, he said, ..."), not an opening phrase ("In his book, ...")
    if not inverted and t.dep_ != "parataxis" and not any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in before):
        return
    last = content_end(view, doc, sent.start, sent.end - 1, clauses_only=True).i if after else sent.end - 1
    if last < hi:
        last = sent.end - 1
    content = [x for x in doc[sent.start:last + 1] if x.i not in clause and not (x.is_punct and (
        x.i == lo - 1 or x.i == hi + 1))]
    while content and content[-1].is_punct and content[-1].text not in MARKS:
        content.pop()
    n = [x for x in content if not x.is_punct]
    if len(n) < 4 or not before or not [x for x in before if not x.is_punct]:
        return
    s, e = view.span(k, content[0], content[-1])
    if view.inside(s) and view.inside(e - 1):
        return
    state.report("indirect", s, e, state.speaker(k, sj, view.abs(k, sj)), t.text)


def according(view: DocView, state: State, k: int, t) -> None:
    """'According to X, …' / '…, according to X.'"""
    if view.inside_tok(t):
        return  # in quoted words: the source of someone's own words ('"… fired, according to the police"')
    doc = view.docs[k]
    to = doc[t.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:  # 'according to show insiders', parsed as a verb and its object: the noun it ends on
        pobj = next((x for x in reversed(list(to.subtree)) if x.pos_ in ("NOUN", "PROPN")), None)
    if pobj is None or not (view.source_like(pobj) or pobj.lemma_.lower() in view.lex["org_words"]):
        return  # "according to this logic" names no source
    sent = t.sent
    phrase_end = max(x.i for x in to.subtree) + 1
    # an 'apposition' that runs to the end of the sentence is the clause the parser hung on the source:
    # 'According to Rush Limbaugh, the move reeks of fear.'
    clause = next((c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i and doc[c.left_edge.i - 1].text == ","
                   and c.right_edge.i + 1 >= phrase_end and phrase_end >= sent.end - 1
                   and c.lemma_.lower() not in view.lex["roles"] | view.rules["person_nouns"]), None)
    if clause is not None:
        phrase_end = clause.left_edge.i - 1
    if phrase_end < sent.end and doc[phrase_end].text == ",":
        phrase_end += 1
    before = doc[sent.start:t.i]
    after = doc[phrase_end:sent.end]
    # the side that holds the verb 'according to' hangs on ('As for the so-called denazification, according to
    # X, it is aimed at …': not the topic before it; 'The AP reported that, according to X, 85 of …': not the
    # report around it); else the longer side
    h = clause_verb(t.head)
    if phrase_end <= h.i < sent.end:
        body = after
    elif sent.start <= h.i < t.i:
        body = before
    else:
        body = after if len(after) >= len(before) else before
    if not any(not x.is_punct or x.text in ("'", '"') for x in body) or words(body.text) < 4:
        return
    s, e = view.span(k, body[0], body[-1])
    if view.inside(s):
        return
    state.report("indirect", s, e, state.speaker(k, pobj, view.abs(k, pobj)), "according to")
