"""Quotations introduced by a document: '"…," the statement reads', 'The message reads, in part: "…"',
'"…," the letter says', 'According to the decree, "…"'.

The words are kept. The document is the speaker mention; the speaker is its author when the text ties
one: a possessor or an 'of' ("the group's statement", "the statement of the group"), or an earlier
mention of a document with one, the nearest first ("In its statement, the group …", "the President
sent a message …", "X published commentary … the analysis said"). Otherwise the speaker is the document phrase, of kind ``document``. The words are in
``data/attribution.json`` (``quoting_documents``, ``document_cue_verbs``, ``document_cue_forms``,
``document_author_verbs``).
"""
from __future__ import annotations

from ..resources import load_json
from .marks import QuoteSpan, substantial
from .speakers import Speaker
from .state import State
from .view import MARKS, DocView, joined, said, words

#: how far back an earlier mention of the document may tie it to its author (characters)
AUTHOR_WINDOW = 3000
#: the longest sentence after a quotation that may be its cue alone ('a welcome message on the website reads.')
SPLIT_CUE_TOKENS = 12


def lexicon() -> dict:
    raw = load_json("attribution.json")
    return {"nouns": set(raw["quoting_documents"]) | set(raw["document_nouns"]),
            "cues": set(raw["document_cue_verbs"]),
            # the forms of a cue the parser may tag as a noun after a document noun ('the email read')
            "cue_forms": set(raw["document_cue_forms"])}


def events(view: DocView, state: State):
    lex = lexicon()
    return [(q.open, lambda q=q: quotation(view, state, q, lex)) for q in view.quotes]


def quotation(view: DocView, state: State, q: QuoteSpan, lex: dict) -> None:
    k0, k1 = view.body[q.first], view.body[q.last]
    inner_s, inner_e = q.open + 1, (q.close if q.close is not None else q.end)
    n_words = words(view.text[inner_s:inner_e])
    open_tok = view.token_at(k0, q.open)
    close_tok = view.token_at(k1, q.close) if q.close is not None else view.docs[k1][-1]
    if open_tok is None or close_tok is None or n_words < 3:
        return
    found = None
    # after the quote, in its sentence: '"…," the statement reads.'
    after = [t for t in close_tok.sent if view.abs(k1, t) > inner_e and not view.inside_tok(t)]
    doc1 = view.docs[k1]
    if not [t for t in after if not t.is_punct] and close_tok.sent.end < len(doc1):
        # the cue split off into a short sentence of its own: '"… your country!" a welcome message on the
        # website reads.'
        nxt = doc1[close_tok.sent.end].sent
        if len(nxt) <= SPLIT_CUE_TOKENS and not any(view.inside_tok(t) or t.text in MARKS for t in nxt):
            after = list(nxt)
    found = cue_in(view, k1, after, lex)
    # before it, in its sentence or an introduction ending with a colon: 'The message reads, in part: "…"'
    if found is None:
        before = [t for t in open_tok.sent if view.abs(k0, t) < q.open and not view.inside_tok(t)]
        doc0 = view.docs[k0]
        if not [t for t in before if not t.is_punct] and open_tok.sent.start > 0:
            prev = doc0[open_tok.sent.start - 1].sent
            if prev[-1].text == ":":
                before = list(prev)
        words_before = [t for t in before if not t.is_punct]
        if before and before[-1].text == ":" or any(t.lower_ == "according" for t in before) or (
                words_before and words_before[-1].lemma_.lower() in lex["cues"] and words_before[-1].pos_ == "VERB"):
            found = cue_in(view, k0, before, lex)  # '… the website reads “…”': the cue right before it
        k = k0
    else:
        k = k1
    if found is None or not substantial(view, k0, q, n_words, view.text[inner_e - 1:inner_e] in ".!?…"):
        return
    cue, noun = found
    issuer = view.issuer(k, noun) if noun.dep_ == "dobj" and noun.head.text == cue else None
    if issuer is not None:  # the source that issues the document speaks, with its own mention
        sp = state.speaker(k, issuer, view.abs(k, issuer))
    else:
        sp = speaker(view, state, k, noun, lex)
    state.add(said("quote", inner_s, inner_e, sp, cue), q.last)


def cue_in(view: DocView, k: int, toks: list, lex: dict):
    """(cue, document noun) in ``toks``: a verb of saying or 'reads' whose subject is a document, or
    'according to' a document."""
    words_ = [t for t in toks if not t.is_punct]
    for t in toks:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in lex["nouns"]:
                return "according to", pobj
        # 'From the report: "…"', 'From Bush's Facebook post: "…"': an introduction that is only 'from' a document
        if t.lower_ == "from" and words_ and t.i == words_[0].i and toks[-1].text == ":":
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in lex["nouns"]:
                phrase = {y.i for y in pobj.subtree} | {t.i}
                if all(x.i in phrase for x in words_):
                    return "from", pobj
        # 'The ministry released a statement: "…"': an introduction in which a source issues the document
        if toks[-1].text == ":" and t.pos_ == "VERB" and t.lemma_.lower() in view.rules["document_author_verbs"]:
            obj = next((c for c in t.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            if obj is not None and obj.lemma_.lower() in lex["nouns"] and view.issuer(k, obj) is not None:
                return t.text, obj
        if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in lex["cues"] or view.is_cue(t)):
            sj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if sj is None and words_ and t.i == words_[0].i and t.lower_ in lex["cue_forms"]:
                # inverted right after the quotation: '"…," read the email.' (the parser takes the document
                # for the object of 'read')
                sj = next((c for c in t.children if c.dep_ == "dobj" and c.i > t.i), None)
            if sj is not None and sj.lemma_.lower() in lex["nouns"] and sj.pos_ == "NOUN":
                return t.text, sj
    # '…," the email read.': a document noun and its cue ending the sentence, which the parser may read as
    # a compound of two nouns
    # (or the noun as an adjective: 'the editorial read')
    if len(words_) >= 2 and words_[-2].pos_ in ("NOUN", "ADJ") and words_[-2].lemma_.lower() in lex["nouns"] and (
            words_[-1].lower_ in lex["cue_forms"]):
        return words_[-1].text, words_[-2]
    return None


def speaker(view: DocView, state: State, k: int, noun, lex: dict) -> Speaker:
    """The author of the document ``noun`` names, with the document as the mention; else the document."""
    left = min([noun] + [c for c in noun.lefts if c.dep_ in ("amod", "compound", "poss", "det", "nmod")],
               key=lambda t: t.i)
    toks = [t for t in noun.doc[left.i:noun.i + 1] if t.pos_ != "DET"]
    s, e = view.abs(k, toks[0]), view.abs(k, noun) + len(noun)
    author = author_of(view, state, k, noun, lex)
    if author is not None and author.kind in ("person", "organization", "unnamed", "country"):
        return author._replace(start=s, end=e)
    return Speaker(joined(toks), s, e, "document")


def author_of(view: DocView, state: State, k: int, noun, lex: dict) -> Speaker | None:
    own = tied(view, state, k, noun)
    if own is not None:
        return own
    # the nearest earlier mention of a document, in this paragraph or the ones before: "X published
    # commentary …. '…,' the analysis said"
    lemma = noun.lemma_.lower()
    pos = view.abs(k, noun)
    passed = None
    for kk in reversed(view.body[:view.body_pos(k) + 1]):
        if view.units[kk].end < pos - AUTHOR_WINDOW:
            break
        for t in reversed(view.docs[kk]):
            if view.abs(kk, t) >= pos or t.pos_ != "NOUN" or view.inside_tok(t) or not (
                    t.lemma_.lower() == lemma or t.lemma_.lower() in lex["nouns"]):
                continue
            found = tied(view, state, kk, t)
            if found is None and t.dep_ == "dobj" and t.head.lemma_.lower() in view.rules["document_author_verbs"]:
                sj = view.subject(t.head)
                if sj is not None and not view.not_source(kk, sj):
                    found = state.speaker(kk, sj, view.abs(kk, sj))
            if found is None:  # the person the sentence is about (its subject, or the name it opens with)
                sj = next((x for x in t.sent if (x.dep_ == "nsubj" or x.i == t.sent.start)
                           and view.person_at(kk, x)), None)
                if sj is not None:
                    found = state.speaker(kk, sj, view.abs(kk, sj))
            if found is None and t.lemma_.lower() != lemma and passed in (None, t.sent):
                passed = t.sent  # another kind of document that names no author, in the sentence that may name the
                continue  # document ('the DNC issued a statement apologizing to Sanders for the emails')
            return found if passed in (None, t.sent) else None  # the nearest mention decides
    return None


def tied(view: DocView, state: State, k: int, noun) -> Speaker | None:
    """The author a mention names itself: 'the group's statement', 'the statement of the group', 'one Clinton
    ad', or 'its statement' in the clause of its author ('In its statement, the group emphasizes …')."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None and poss.pos_ in ("NOUN", "PROPN"):
        return state.speaker(k, poss, view.abs(k, poss))
    # a name in front of it: 'one Clinton ad declared', 'the Trump campaign statement'
    name = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if name is not None and (view.person_at(k, name) is not None or name.ent_type_ in ("PERSON", "ORG")):
        return state.speaker(k, name, view.abs(k, name))
    # the body that issued it: 'a fundraising email sent out by Sanders', 'X issued a statement …'
    issuer = view.issuer(k, noun)
    if issuer is not None:
        return state.speaker(k, issuer, view.abs(k, issuer))
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "by", "from")), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ in ("PERSON", "ORG")
                             or pobj.lemma_.lower() in view.lex["roles"] | view.lex["org_words"]):
        return state.speaker(k, pobj, view.abs(k, pobj))
    if poss is not None and poss.pos_ == "PRON":
        head = noun.head
        while head.dep_ in ("pobj", "prep") and head.head.i != head.i:
            head = head.head
        sj = view.subject(head) if head.pos_ in ("VERB", "AUX") else None
        if sj is not None and sj.i != noun.i and not view.not_source(k, sj):
            return state.speaker(k, sj, view.abs(k, sj))
    return None
