"""The document as the attribution mechanisms see it: the text, its units, their parsed docs, and the
offset and syntax helpers every mechanism shares.

A :class:`DocView` is built once per document and never changes after :meth:`DocView.set_quotes`; what the
mechanisms find and carry from one to the next lives in :class:`~alliancecli.quotes.state.State`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..entities import Mention, lexicon
from ..resources import load_json

MARKS = '"“”«»„'
DASHES = "—–―-"
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
PERSONAL = {"he", "she", "him", "her"}
RELATIVES = {"who", "which", "that", "whom"}
# subjects of a cue verb that are not sources of reported speech: expletives, relatives, and the
# author's own voice ("we can say that ...")
# "'s" is the "us" of "let's": "Let's see if we can go further" reports no one
NOT_SOURCES = {"it", "this", "that", "which", "what", "there", "we", "i", "you", "one", "'s", "’s"}
SOURCE_NOUNS = {"source", "official", "report", "survey", "poll", "data", "study", "people", "person", "witness",
                "media", "estimate", "figure", "account"}


@dataclass
class Unit:
    start: int
    end: int
    kind: str  # title, dateline (opening the lead), body, comment, quoted (a "Quote: NAME" block in a comment)
    comment: int | None = None  # index into Outline.comments


@dataclass
class Statement:
    kind: str  # quote, block, indirect, comment
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    speaker_country: str | None = None
    comment: int | None = None
    speaker_kind: str | None = None  # person, unnamed, organization, commenter, document, country, role, pronoun
    speaker_role: str | None = None  # the role the speaker mention names (speakers.role_string)
    learned: bool = False  # found by a learned frame (frames.py): kept only where nothing else was found
    frame: str | None = None  # the learned frame of an act ("criticize|dobj"; frames.py)


def said(kind: str, s: int, e: int, sp, cue: str | None) -> Statement:
    """The statement ``[s, e)`` of speaker ``sp`` (a :class:`~alliancecli.quotes.speakers.Speaker`)."""
    return Statement(kind, s, e, sp.name, sp.start, sp.end, cue, sp.country, speaker_kind=sp.kind,
                     speaker_role=sp.role)


def that_clause(tok, deps: tuple[str, ...] = ("acl", "ccomp")):
    """The clause hung on ``tok`` after it (as one of ``deps``) that opens with the complementizer 'that' ("a
    claim that …", "said in a statement that …"), or None; not a relative clause ("a statement that was read")."""
    return next((c for c in tok.children if c.dep_ in deps and c.i > tok.i and any(
        g.dep_ == "mark" and g.lower_ == "that" and g.i == c.left_edge.i for g in c.children)), None)


def words(s: str) -> int:
    return len(WORD.findall(s))


def joined(toks) -> str:
    """Tokens as the text writes them ("Russia's government", not "Russia 's government"), on one line."""
    return " ".join("".join(t.text_with_ws for t in toks).split())


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in MARKS + ","):
        e -= 1
    return s, e


@lru_cache(maxsize=1)
def rules() -> dict:
    """The attribution rules of ``data/attribution.json`` that only this package reads."""
    raw = load_json("attribution.json")
    return {
        "dash_signature": re.compile(raw["dash_signature"]),
        "indirect_excluded_speaker_kinds": set(raw["indirect_excluded_speaker_kinds"]),
        "act_verbs": set(raw["act_verbs"]),
        "position_verbs": set(raw["position_verbs"]),
        "greeting_verbs": set(raw["greeting_verbs"]),
        "possessive_holders": set(raw["possessive_holders"]),
        "naming_verbs": set(raw["naming_verbs"]),
        "naming_as_verbs": set(raw["naming_as_verbs"]),
        "company_nouns": set(raw["company_nouns"]),
        "generic_company_nouns": set(raw["generic_company_nouns"]),
        "adverbial_marks": set(raw["adverbial_marks"]),
        "act_preps": set(raw["act_preps"]),
        "act_min_words": raw["act_min_words"],
        "act_clausal_deps": set(raw["act_clausal_deps"]),
        "judgment_verbs": set(raw["judgment_verbs"]),
        "work_nouns": set(raw["work_nouns"]),
        "data_documents": set(raw["data_documents"]),
        "belief_verbs": set(raw["belief_verbs"]),
        "person_nouns": set(raw["person_nouns"]),
        "content_nouns": set(raw["content_nouns"]),
        "listener_object_verbs": set(raw["listener_object_verbs"]),
        "mixed_quote_min_words": raw["mixed_quote_min_words"],
        "cut_marks": set(raw["cut_marks"]),
        "role_generic": raw["role_generic"],
        "role_equivalents": raw["role_equivalents"],
        "authored_nouns": set(raw["authored_nouns"]),
        "document_author_verbs": set(raw["document_author_verbs"]),
        "first_person": set(raw["first_person"]),
        "first_person_plural": set(raw["first_person_plural"]),
        "group_nouns": set(raw["group_nouns"]),
        "meeting_verbs": set(raw["meeting_verbs"]),
        "meeting_object_verbs": set(raw["meeting_object_verbs"]),
        "meeting_nouns": set(raw["meeting_nouns"]),
        "they_meeting_sentences": raw["they_meeting_sentences"],
        "headline_speaker_max_tokens": raw["headline_speaker_max_tokens"],
        "generic_sources": set(raw["generic_sources"]),
        "generic_plurals": set(raw["generic_plurals"]),
        "named_speaker_kinds": set(raw["named_speaker_kinds"]),
        "role_ignored_modifiers": set(raw["role_ignored_modifiers"]),
        "role_other_modifiers": set(raw["role_other_modifiers"]),
        "it_cue_verbs": set(raw["it_cue_verbs"]),
        "quote_cue_verbs": set(raw["quote_cue_verbs"]),
        "listener_nouns": set(raw["listener_nouns"]),
        "tagged_fragment_min_words": raw["tagged_fragment_min_words"],
        "tag_not_preps": set(raw["tag_not_preps"]),
        "addressee_cue_verbs": set(raw["addressee_cue_verbs"]),
        "tag_not_verbs": set(raw["tag_not_verbs"]),
        "tag_of_verbs": set(raw["tag_of_verbs"]),
        "perception_verbs": set(raw["perception_verbs"]),
        "quoting_documents": set(raw["quoting_documents"]),
        "it_cue_not_preps": set(raw["it_cue_not_preps"]),
        "it_cue_advmods": set(raw["it_cue_advmods"]),
    }


class DocView:
    """One document: ``docs[k]`` is the spaCy doc of ``units[k]``; ``people`` the person mentions of its body."""

    def __init__(self, text: str, units: list[Unit], docs: list, people: list[Mention], signatures=(), comments=()):
        self.text = text
        self.units = units
        self.docs = docs
        self.people = sorted(people, key=lambda m: m.start)
        self.people_starts = [m.start for m in self.people]
        self.signatures = signatures
        self.comments = comments
        self.lex = lexicon()
        self.rules = rules()
        self.body = [k for k, u in enumerate(units) if u.kind == "body"]
        self._body_index = {k: i for i, k in enumerate(self.body)}
        self._unit_of = {id(d): k for k, d in enumerate(docs)}
        self._token_starts: dict[int, list[int]] = {}
        self._first_noun: dict[str, object] | None = None
        self._selected: dict[tuple, list] = {}
        self.quotes: list = []
        self.intervals: list[tuple[int, int]] = []

    def set_quotes(self, quotes: list) -> None:
        """The paired quotation marks (:func:`~alliancecli.quotes.marks.scan_quotes`): what lies inside them
        is the speakers' own words, never a cue or a speaker."""
        self.quotes = quotes
        self.intervals = sorted((q.open, (q.close if q.close is not None else q.end) + 1) for q in quotes)

    def verbs(self, k: int) -> list:
        """The tokens of unit ``k`` tagged VERB."""
        return self.select(k, ("VERB",))

    def select(self, k: int, pos: tuple[str, ...] = (), lower: tuple[str, ...] = ()) -> list:
        """The tokens of unit ``k``, in order, whose part of speech is one of ``pos`` or whose lower-cased
        text is one of ``lower``: read from one array, so that no Token object is made for the others
        (spaCy makes one on every access); kept for the next mechanism that asks."""
        key = (k, pos, lower)
        hit = self._selected.get(key)
        if hit is None:
            from spacy.attrs import LOWER, POS

            doc = self.docs[k]
            strings = doc.vocab.strings
            want_pos = {strings[p] for p in pos}
            want_lower = {strings.add(w) for w in lower}
            hit = [doc[i] for i, (p, w) in enumerate(doc.to_array([POS, LOWER]).tolist())
                   if p in want_pos or w in want_lower] if len(doc) else []
            self._selected[key] = hit
        return hit

    def first_noun(self, lemma: str):
        """The first body token tagged NOUN whose lower-cased lemma is ``lemma``, or None."""
        if self._first_noun is None:
            self._first_noun = {}
            for k in self.body:
                for t in self.select(k, ("NOUN",)):
                    self._first_noun.setdefault(t.lemma_.lower(), t)
        return self._first_noun.get(lemma)

    # -- offsets -------------------------------------------------------------
    def abs(self, k: int, tok) -> int:
        return self.units[k].start + tok.idx

    def unit_of(self, tok) -> int:
        return self._unit_of[id(tok.doc)]

    def inside(self, pos: int) -> bool:
        """Whether document offset ``pos`` lies inside a quotation."""
        i = bisect.bisect_right(self.intervals, (pos, float("inf"))) - 1
        return i >= 0 and self.intervals[i][0] <= pos < self.intervals[i][1]

    def inside_tok(self, tok) -> bool:
        return self.inside(self.units[self.unit_of(tok)].start + tok.idx)

    def token_at(self, k: int, pos: int):
        """The token of unit ``k`` at document offset ``pos``, or None (no token there, or a view built
        without parses of its units, as tests of the final merge build them)."""
        if k >= len(self.docs):
            return None
        doc = self.docs[k]
        rel = pos - self.units[k].start
        span = doc.char_span(rel, rel + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def tokens_between(self, k: int, a: int, b: int) -> list:
        """The tokens of unit ``k`` that start strictly between document offsets ``a`` and ``b``."""
        starts = self._token_starts.get(k)
        if starts is None:
            starts = self._token_starts[k] = [self.abs(k, t) for t in self.docs[k]]
        return list(self.docs[k][bisect.bisect_right(starts, a):bisect.bisect_left(starts, b)])

    def body_pos(self, k: int) -> int:
        """The index of unit ``k`` among the body paragraphs, -1 for a title or comment."""
        return self._body_index.get(k, -1)

    def span(self, k: int, first, last) -> tuple[int, int]:
        """Document offsets of the tokens ``first`` .. ``last`` of unit ``k``."""
        return self.abs(k, first), self.abs(k, last) + len(last)

    # -- people ----------------------------------------------------------------
    def person_at(self, k: int, tok) -> Mention | None:
        pos = self.abs(k, tok)
        i = bisect.bisect_right(self.people_starts, pos) - 1
        if i >= 0 and self.people[i].start <= pos < self.people[i].end:
            return self.people[i]
        return None

    def person_before(self, pos: int, max_back: int = 4000, fits=None) -> Mention | None:
        """The last person the body names before ``pos`` (outside quotations), at most ``max_back`` characters
        back, of those for which ``fits(mention)`` holds when given."""
        i = bisect.bisect_left(self.people_starts, pos) - 1
        while i >= 0:
            m = self.people[i]
            if pos - m.end > max_back:
                return None
            if not self.inside(m.start) and self.units[m.unit].kind == "body" and (fits is None or fits(m)):
                return m
            i -= 1
        return None

    # -- syntax ------------------------------------------------------------------
    def is_cue(self, t) -> bool:
        if t.lemma_.lower() in self.lex["cues"] and t.pos_ in ("VERB", "AUX", "NOUN"):
            return True
        # 'as Senator Cornyn put it, "…"': a verb that reports words with the object 'it' and nothing else
        # ('put it into play', 'let's put it that way' report nothing)
        return t.pos_ == "VERB" and t.lemma_.lower() in self.rules["it_cue_verbs"] and any(
            c.dep_ == "dobj" and c.lower_ == "it" for c in t.children) and not any(
            c.dep_ in ("prt", "npadvmod", "dative") or (c.dep_ == "prep" and c.lower_ in self.rules["it_cue_not_preps"])
            or (c.dep_ == "advmod" and c.lower_ not in self.rules["it_cue_advmods"])
            for c in t.children)

    def is_quote_cue(self, t) -> bool:
        """A cue of a quotation in marks: a cue, or a verb of the manner of speaking ('"Out!" he yelled'), with
        no particle that makes it something else ('roared back', 'snapped up')."""
        return self.is_cue(t) or (t.pos_ == "VERB" and t.lemma_.lower() in self.rules["quote_cue_verbs"] and not any(
            c.dep_ == "prt" for c in t.children))

    def is_cue_word(self, t) -> bool:
        """A cue verb in a headline, where title case hides the part of speech ('Says')."""
        return t.lemma_.lower() in self.lex["cues"] or t.lower_ in self.lex["cues"] or (
            t.lower_.endswith("s") and t.lower_[:-1] in self.lex["cues"])

    def subject(self, v, depth=0):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and not self.inside_tok(c)]
        if subjects:
            # "The second objective, Ferrari continues, ...": prefer a name or pronoun, then the nearest
            return min(subjects, key=lambda c: (c.pos_ not in ("PROPN", "PRON") and c.ent_type_ != "PERSON",
                                                abs(c.i - v.i)))
        if depth < 3 and v.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl") and v.head.i != v.i:
            h = v.head
            # 'Scholz stressed that the status is a milestone, and assured that …': a second cue in the tense of
            # the first, which the parser joined to the reported verb, has the first cue's subject where the
            # reported verb is in another tense, or where its subject cannot speak ('She told ABC the tone was
            # cordial and predicted viewers "…"': 'tone' predicts nothing)
            if v.dep_ == "conj" and self.is_cue(v) and h.dep_ == "ccomp" and self.is_cue(h.head) and (
                    v.tag_ == h.head.tag_):
                if h.tag_ != v.tag_:
                    return self.subject(h.head, depth + 1)
                hs = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                alt = self.subject(h.head, depth + 1) if hs is not None and hs.pos_ == "NOUN" and not (
                    self.source_like(hs)) else None
                if alt is not None and alt.lower_ not in NOT_SOURCES:
                    return alt
            if v.dep_ == "xcomp":
                for c in v.head.children:
                    if c.dep_ == "dobj" and not self.inside_tok(c):
                        return c
            return self.subject(v.head, depth + 1)
        # 'She followed that by saying, "…"', 'upon saying': the subject of the verb the preposition hangs on
        # (a verb of saying: 'after learning that …', 'on seeing …' report a perception, not words)
        if depth < 3 and v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX") and (
                v.lemma_.lower() not in self.rules["belief_verbs"] | self.rules["perception_verbs"]):
            return self.subject(v.head.head, depth + 1)
        # 'held up a sign saying "…"': the noun a participle of saying describes
        # (a name, a role, a document or a group: not 'results showing', 'the share of Republicans saying')
        h = v.head
        if v.dep_ == "acl" and v.tag_ == "VBG" and self.is_cue(v) and not self.inside_tok(h) and (
                h.pos_ == "PROPN" or h.ent_type_ in ("PERSON", "ORG") or h.lemma_.lower() in (
                    self.lex["roles"] | self.lex["documents"] | self.rules["quoting_documents"] | SOURCE_NOUNS
                    | self.rules["person_nouns"])):
            return h
        return self.lost_subject(v)

    def issuer(self, k: int, noun):
        """The source a document's own clause names as its issuer: the subject of the verb that issues it ('Black
        Lives Matter issued a statement saying …'), or the agent of the participle that does ('a fundraising email
        sent out by Sanders', 'a statement released by the ministry'); None when no such clause names a source."""
        verbs = self.rules["document_author_verbs"]

        def issuing(v) -> bool:
            prt = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
            return v.pos_ == "VERB" and (v.lemma_.lower() in verbs or f"{v.lemma_.lower()} {prt}" in verbs)

        found = None
        h = noun.head
        if noun.dep_ == "dobj" and h.i != noun.i and issuing(h):
            found = self.subject(h)
        else:
            acl = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and issuing(c)), None)
            agent = next((a for a in acl.children if a.dep_ == "agent"), None) if acl is not None else None
            found = next((o for o in agent.children if o.dep_ == "pobj"), None) if agent is not None else None
        if found is None or found.i == noun.i or self.not_source(k, found) or not (
                self.source_like(found, k) or found.lemma_.lower() in self.lex["org_words"] or named_body(found)):
            return None
        return found

    def noun_of_saying(self, t) -> bool:
        """Whether ``t`` names something said ('cited derogatory comments', ``content_nouns``); a name is none,
        however it ends ('told Bloomberg News', 'the BBC's World Business Report')."""
        return t.lemma_.lower() in self.rules["content_nouns"] and not (t.pos_ == "PROPN" or t.ent_type_ == "ORG")

    def addressee(self, verb, c) -> bool:
        """Whether ``c`` is the one ``verb`` speaks to, not what it says: 'told Bloomberg News in October', 'asked
        reporters' (and the time or place of the telling that hangs on the verb)."""
        rules = self.rules
        if verb.lemma_.lower() not in rules["addressee_cue_verbs"]:
            return False
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during"):
            return True  # 'told X in October', 'on Wednesday', 'at a rally'
        lemma = c.lemma_.lower()
        if c.dep_ in ("dobj", "dative") and verb.lemma_.lower() in rules["listener_object_verbs"]:
            # 'told the federal court', 'told the BBC's World Business Report', not 'told the story'
            return not self.noun_of_saying(c) or c.ent_type_ == "PERSON"
        return c.dep_ in ("dobj", "dative") and (
            c.pos_ in ("PRON", "PROPN") and not c.lower_.endswith(("self", "selves"))
            or c.ent_type_ in ("PERSON", "ORG", "NORP")
            or lemma in rules["listener_nouns"] or lemma in rules["person_nouns"])

    def lost_subject(self, v):
        """The person named right before a cue verb that the parser gave no subject, past a parenthesis:
        'at the convention Sen. Elizabeth Warren (D-MA) said …', where 'Warren' became an apposition of
        'convention', or past the comma after such an apposition ('In a statement to the paper, her adviser, John
        Jones, said: …')."""
        if v.pos_ != "VERB" or not self.is_cue(v):
            return None
        doc, start, j = v.doc, v.sent.start, v.i - 1
        if j > start and doc[j].text == ")":
            while j > start and doc[j].text != "(":
                j -= 1
            j -= 1
        elif j - 1 > start and doc[j].text == "," and doc[j - 1].dep_ == "appos":
            j -= 1  # past the comma that closes an apposition: 'her senior adviser, Jake Sullivan, said: "…"'
        if j >= start and doc[j].pos_ == "PROPN" and not self.inside_tok(doc[j]) and (
                doc[j].ent_type_ == "PERSON" or any(p.name.split()[-1] == doc[j].text for p in self.people)):
            return doc[j]  # (or the surname of a person the document names, which the model took for part of a
            # body: 'with the editorial board of the Washington Post Trump said that …')
        return None

    def outermost_cue(self, t):
        """The cue that reports the report: in 'She said she speaks about race because "…"' the quote is
        what 'She said' reports, not 'she speaks'."""
        marks = self.rules["adverbial_marks"]
        best = cur = t
        while cur.head.i != cur.i and cur.dep_ not in ("conj", "parataxis"):  # a coordinated cue is its own report
            if cur.dep_ == "advcl" and self.is_cue(cur) and any(c.dep_ == "mark" and c.lower_ in marks
                                                                for c in cur.children) and any(
                    c.dep_ == "nsubj" for c in cur.children):
                # 'even as Trump claimed that "…", a prosecutor said …': a cue in an adverbial clause with a subject
                # of its own reports it (not 'while chanting "…"', whose speaker is the subject of the clause it
                # hangs on)
                break
            cur = cur.head
            if (self.is_cue(cur) and cur.pos_ == "VERB" and not self.inside_tok(cur)
                    and self.subject(cur) is not None):
                best = cur
        return best

    def not_source(self, k: int, tok) -> bool:
        """A subject that names no source: an expletive, the author's voice, an unresolvable 'it', or
        'that' (complementizer, demonstrative or relative: too ambiguous to read a speaker from)."""
        if tok.lower_ in RELATIVES - {"that"} and tok.head.dep_ == "relcl":
            return False  # 'who'/'which': read through the antecedent
        if tok.lower_ == "it":
            return self.it_antecedent(k, tok) is None
        return tok.lower_ in NOT_SOURCES

    def it_antecedent(self, k: int, tok):
        """What 'it' stands for as a speaker: the subject of the previous sentence when that is an
        organisation or a document ('The city sent a letter. It says …' -> the city)."""
        doc = self.docs[k]
        sent = tok.sent
        if sent.start == 0:
            return None
        for t in doc[sent.start - 1].sent:
            if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("PERSON",) and (
                    t.ent_type_ == "ORG" or t.lemma_.lower() in self.lex["documents"]
                    or t.lemma_.lower() in self.lex["org_words"] or self._issues_document(t.head)) and not (
                    self.person_at(k, t)):
                return t  # (or whoever sent the document 'it' is: 'The city of Tulsa sent a letter. It says …')
        return None

    def _issues_document(self, verb) -> bool:
        """Whether ``verb`` sends, issues or publishes a document ('sent a cease-and-desist letter')."""
        return verb.lemma_.lower() in self.rules["document_author_verbs"] and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.rules["quoting_documents"] | self.lex["documents"]
            for c in verb.children)

    def source_like(self, tok, k: int | None = None) -> bool:
        """Could this subject be the source of what is reported: a name, a personal pronoun, an
        organisation, or a noun for people or for documents ("critics", "the group", "the report")?"""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "COUNTRY"):
            return True
        if k is not None and tok.lower_ in (RELATIVES - {"that"}) | {"it"} and not self.not_source(k, tok):
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ in PERSONAL or tok.lower_ in ("they", "she", "he")
        return (lemma in self.lex["roles"] or lemma in self.lex["documents"] or lemma in SOURCE_NOUNS
                or tok.tag_ == "NNS" or named_body(tok) or named_in_apposition(tok))


def clause_verb(tok):
    """The verb of the clause ``tok`` stands in: ``tok`` itself or the nearest verb above it (the root, where
    none is): 'held talks with' -> 'held', 'her remark that …' -> the verb the remark hangs on."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def named_body(tok) -> bool:
    """A noun a name owns or qualifies, so that it stands for a body: "Rubio's campaign", "the Trump campaign"."""
    return tok.pos_ == "NOUN" and any(
        c.dep_ in ("poss", "compound") and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG"))
        for c in tok.children)


def named_in_apposition(tok) -> bool:
    """A noun a name stands in apposition to: "His former business partner, Lawrence Cummings, called him …"."""
    return any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in tok.children)


TITLE_MAX_WORDS = 6
TITLE_WITH_SUBTITLE_MAX_WORDS = 16


#: the words a title leaves in lower case
TITLE_SMALL_WORDS = frozenset("a an the and but or nor for of on in at to by up as vs from with".split())


def written_as_title(text: str) -> bool:
    """Written as a title is: every word capitalised but the small words a title leaves in lower case, two
    capitalised words at least, and no '!' or '?' at the end ('Meet the Press.', 'The Art of the Deal.'; not
    'Can we win Illinois?', 'What a Super Tuesday!', 'It's all Facebook, Instagram and Snapchat')."""
    stripped = text.strip().rstrip("\"'’”")
    if not stripped or stripped[-1] in "!?":
        return False
    words = [w.strip(",.;:'\"’”“‘()") for w in text.split()]
    words = [w for w in words if w and w[:1].isalpha()]
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 2 and all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)


def a_title(text: str) -> bool:
    """Whether the words of a quotation are a title: six words or fewer (``TITLE_MAX_WORDS``), written as one
    (:func:`written_as_title`); or a title of that length with a subtitle after a colon, all written as a title
    and no longer than ``TITLE_WITH_SUBTITLE_MAX_WORDS`` ('Backfire: Carly Fiorina's High-Stakes Battle for the
    Soul of Hewlett-Packard', 'TrumpNation: The Art of Being the Donald')."""
    n = words(text)
    if n <= TITLE_MAX_WORDS:
        return written_as_title(text)
    head, colon, tail = text.partition(":")
    return bool(colon and tail.strip()) and 0 < words(head) <= TITLE_MAX_WORDS and (
        n <= TITLE_WITH_SUBTITLE_MAX_WORDS) and written_as_title(text)


_QUOTATION = re.compile(r"(?:''|[%s])([^%s]{1,80}?)(?:''|[%s])" % (MARKS, MARKS, MARKS))


def without_quoted_titles(text: str) -> str:
    """``text`` less the quotations in it that are titles (:func:`a_title`): 'on the podcast "Here's the
    Thing."' leaves 'on the podcast'."""
    return _QUOTATION.sub(lambda m: " " if a_title(m.group(1).strip(" .,")) else m.group(0), text)


def only_a_name(tokens) -> bool:
    """Whether the words of ``tokens`` are a person's name and nothing else: 'the words "Hillary Clinton."' are
    words said, not a title."""
    alpha = [t for t in tokens if t.is_alpha]
    return bool(alpha) and all(t.ent_type_ == "PERSON" for t in alpha)
