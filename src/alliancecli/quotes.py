"""Quoted statements, reported speech and their speakers.

The mechanisms, each general:

* quotation marks of every kind, paired by a scanner that reads each mark's
  context (so «…”, “…”, „…“ and straight quotes all pair), with multi-paragraph
  quotes and a hard stop at a paragraph end for an unbalanced mark;
* the speaker of a quote read from a cue: the subject of a cue verb next to or around
  the quote (climbing to the outermost report), an inverted cue ("said Burton",
  "Said Ellis:"), a bare cue sentence after it ("… a narrator asks."), "according to
  X", a dash signature ("…” ― Name"), a cue in the sentence just before, or the
  speaker of the previous quote for a follow-on quote;
* blocks introduced by a colon: "X said:" or "X spoke in the same spirit:" before a
  paragraph, "X said: …" inside one, "NAME: …" transcript turns;
* reported speech (kind ``indirect``): a cue verb with a clausal complement, a
  parenthetical cue ("…, Mr. Obama said, …"), a speech act whose object is a
  proposition or something said ("urged voters to …", "cited derogatory
  comments"), a noun of saying with its holder ("Trump's claim that …"), "according
  to X", and attributing headlines ("Pence: …", "…, X Says"); reported content stops
  where the report does, and reported speech carrying a quoted stretch of four words
  or more is a (mixed) quotation;
* speakers resolve to people: pronouns to the last speaker or the nearest person
  before, relative pronouns and "it" to their antecedent, surnames to the full name,
  role descriptions through the document's role registry ("the Russian leader"),
  "the analysis" to its author, unnamed actors to their first description ("the
  state TV guest"); where nothing supports a resolution the mention text stays.

Lexicons and rules are in ``data/attribution.json``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .entities import Mention, lexicon
from .resources import load_json

MARKS = '"“”«»„'
DASHES = "—–―-"
OPEN_CTX = "([{/:;" + DASHES
CLOSE_CTX = ".,;:!?)]}…" + DASHES
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
PERSONAL = {"he", "she", "him", "her"}
RELATIVES = {"who", "which", "that", "whom"}
# subjects of a cue verb that are not sources of reported speech: expletives, relatives, and the
# author's own voice ("we can say that ...")
NOT_SOURCES = {"it", "this", "that", "which", "what", "there", "we", "i", "you", "one"}
SOURCE_NOUNS = {"source", "official", "report", "survey", "poll", "data", "study", "people", "person", "witness",
                "media", "estimate", "figure", "account"}


@dataclass
class Unit:
    start: int
    end: int
    kind: str  # body, comment, quoted (a "Quote: NAME" block in a comment)
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
    speaker_kind: str | None = None  # person, unnamed, organization, commenter


@dataclass
class QuoteSpan:
    open: int  # position of the opening mark
    close: int | None  # position of the closing mark, None when unbalanced
    first: int  # body paragraph index where it opens
    last: int  # ... and where it closes
    end: int  # end of the quoted text (exclusive)


def _role(text: str, i: int, s: int, e: int) -> str | None:
    c = text[i]
    p = text[i - 1] if i > s else " "
    n = text[i + 1] if i + 1 < e else " "
    left = i == s or p.isspace() or p in OPEN_CTX
    right = i + 1 == e or n.isspace() or n in CLOSE_CTX
    if c in "«„":
        return "open"
    if c == "»":
        return "close"
    if c == "“":
        return "close" if right and not left else "open"
    if c == "”":
        return "open" if left and not right else "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either" if left and right else None


def scan_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Pair quotation marks over a run of paragraphs.

    A quote left open at a paragraph end continues only if the next paragraph opens
    with a quotation mark (the multi-paragraph convention); otherwise it stops at the
    paragraph end, so an unbalanced mark never swallows the rest of a document.
    """
    out: list[QuoteSpan] = []
    cur: dict | None = None
    for k, (s, e) in enumerate(paragraphs):
        marks = [(i, _role(text, i, s, e)) for i in range(s, e) if text[i] in MARKS]
        marks = [(i, r) for i, r in marks if r]
        if cur is not None:
            if marks and marks[0][0] == s and marks[0][1] in ("open", "either") and k - cur["first"] < 12:
                marks = marks[1:]
            else:
                out.append(QuoteSpan(cur["open"], None, cur["first"], cur["last"], cur["last_end"]))
                cur = None
        for i, r in marks:
            if cur is None:
                if r in ("open", "either"):
                    cur = {"open": i, "first": k, "depth": 1, "ch": text[i]}
            elif r == "open" and cur["ch"] == "«" and text[i] != "«":
                cur["depth"] += 1
            elif r == "open":
                if text[i] == cur["ch"] or text[i] in "«„":
                    cur = {"open": i, "first": k, "depth": 1, "ch": text[i]}
            elif r in ("close", "either"):
                if cur["depth"] > 1:
                    cur["depth"] -= 1
                else:
                    out.append(QuoteSpan(cur["open"], i, cur["first"], k, i))
                    cur = None
        if cur is not None:
            cur["last"], cur["last_end"] = k, e
    if cur is not None:
        out.append(QuoteSpan(cur["open"], None, cur["first"], cur["last"], cur["last_end"]))
    return out


def _words(s: str) -> int:
    return len(WORD.findall(s))


def _joined(toks) -> str:
    """Tokens as the text writes them ("Russia's government", not "Russia 's government"), on one line."""
    return " ".join("".join(t.text_with_ws for t in toks).split())


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in MARKS + ","):
        e -= 1
    return s, e


@lru_cache(maxsize=1)
def rules() -> dict:
    """The attribution rules of ``data/attribution.json`` that only this module reads."""
    raw = load_json("attribution.json")
    return {
        "dash_signature": re.compile(raw["dash_signature"]),
        "indirect_excluded_speaker_kinds": set(raw["indirect_excluded_speaker_kinds"]),
        "act_verbs": set(raw["act_verbs"]),
        "act_preps": set(raw["act_preps"]),
        "act_min_words": raw["act_min_words"],
        "act_clausal_deps": set(raw["act_clausal_deps"]),
        "belief_verbs": set(raw["belief_verbs"]),
        "content_nouns": set(raw["content_nouns"]),
        "mixed_quote_min_words": raw["mixed_quote_min_words"],
        "cut_marks": set(raw["cut_marks"]),
        "role_generic": raw["role_generic"],
        "role_ignored_modifiers": set(raw["role_ignored_modifiers"]),
    }


#: tokens after a comma searched for the head of the phrase it opens (see ``_content_end``)
ATTACH_WINDOW = 25
TRANSCRIPT = re.compile(r"^[\"“«]?(?P<name>(?:[A-Z][A-Za-z'’.\-]+ ){0,2}[A-Z][A-Za-z'’.\-]+):\s+(?=\S)")


class Attributor:
    """Finds the statements of one document.  ``docs[k]`` is the spaCy doc of ``units[k]``."""

    def __init__(self, text, units, docs, people: list[Mention], signatures=(), indirect: bool = True):
        self.indirect = indirect
        self.text = text
        self.units = units
        self.docs = docs
        self.people = sorted(people, key=lambda m: m.start)
        self.people_starts = [m.start for m in self.people]
        self.signatures = signatures
        self.lex = lexicon()
        self.rules = rules()
        self.body = [k for k, u in enumerate(units) if u.kind == "body"]
        self.quotes: list[QuoteSpan] = []
        self.intervals: list[tuple[int, int]] = []
        self.unnamed: dict[str, tuple[str, str | None]] = {}  # head lemma -> (name, country)
        self.last: tuple | None = None  # (speaker, s, e, body index, kind)
        self.statements: list[Statement] = []

    # -- helpers ---------------------------------------------------------
    def _abs(self, k: int, tok) -> int:
        return self.units[k].start + tok.idx

    def _inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.intervals, (pos, float("inf"))) - 1
        return i >= 0 and self.intervals[i][0] <= pos < self.intervals[i][1]

    def _token_at(self, k: int, pos: int):
        doc = self.docs[k]
        rel = pos - self.units[k].start
        span = doc.char_span(rel, rel + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _person_at(self, k: int, tok) -> Mention | None:
        pos = self._abs(k, tok)
        i = bisect.bisect_right(self.people_starts, pos) - 1
        if i >= 0 and self.people[i].start <= pos < self.people[i].end:
            return self.people[i]
        return None

    def _person_in_apposition(self, k: int, tok) -> Mention | None:
        """A person named right after a role: 'the press secretary of the President of Russia Dmitry Peskov'."""
        best = None
        for t in tok.subtree:
            m = self._person_at(k, t)
            if m is None or self._inside(m.start):
                continue
            prev = self.docs[k][t.i - 1] if t.i > 0 else None
            chain_ok = t.i == tok.i or (prev is not None and prev.pos_ in ("PROPN", "PUNCT") and prev.lower_ not in (
                "of", "for", "to", "the"))
            if chain_ok and (tok.lemma_.lower() in self.lex["roles"] | self.lex["titles"] or t.i == tok.i
                             or tok.pos_ == "PROPN"):
                best = m
                break
        return best

    def _person_before(self, pos: int, max_back: int = 4000) -> Mention | None:
        i = bisect.bisect_left(self.people_starts, pos) - 1
        while i >= 0:
            m = self.people[i]
            if pos - m.end > max_back:
                return None
            if not self._inside(m.start) and self.units[m.unit].kind == "body":
                return m
            i -= 1
        return None

    def _subject(self, v, depth=0):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and not self._inside_tok(c)]
        if subjects:
            # "The second objective, Ferrari continues, ...": prefer a name or pronoun, then the nearest
            return min(subjects, key=lambda c: (c.pos_ not in ("PROPN", "PRON") and c.ent_type_ != "PERSON",
                                                abs(c.i - v.i)))
        if depth < 3 and v.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl") and v.head.i != v.i:
            if v.dep_ == "xcomp":
                for c in v.head.children:
                    if c.dep_ == "dobj" and not self._inside_tok(c):
                        return c
            return self._subject(v.head, depth + 1)
        return None

    def _outermost_cue(self, t):
        """The cue that reports the report: in 'She said she speaks about race because "…"' the quote is
        what 'She said' reports, not 'she speaks'."""
        best = cur = t
        while cur.head.i != cur.i and cur.dep_ not in ("conj", "parataxis"):  # a coordinated cue is its own report
            cur = cur.head
            if (self._is_cue(cur) and cur.pos_ == "VERB" and not self._inside_tok(cur)
                    and self._subject(cur) is not None):
                best = cur
        return best

    def _inside_tok(self, tok) -> bool:
        return self._inside(self.units[self._unit_of[id(tok.doc)]].start + tok.idx)

    def _is_cue(self, t) -> bool:
        return t.lemma_.lower() in self.lex["cues"] and t.pos_ in ("VERB", "AUX", "NOUN")

    # -- speakers ----------------------------------------------------------
    def _speaker(self, k: int, tok, pos: int):
        """(name, start, end, kind, country) for the speaker token ``tok`` of unit ``k``."""
        doc = self.docs[k]
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            # "Marc Morial, who said ...": the antecedent, read through the relative pronoun
            ante = tok.head.head
            walk = ante  # "Morial, the chief executive of the League, who": up to the person
            while walk.dep_ in ("pobj", "prep", "appos", "compound") and walk.head.i != walk.i:
                walk = walk.head
                if self._person_at(k, walk) is not None:
                    ante = walk
                    break
            if ante.i < tok.i and not self._inside_tok(ante) and ante.lower_ not in RELATIVES:
                name, ss, se, skind, country = self._speaker(k, ante, pos)
                return name, min(ss, self._abs(k, tok)), self._abs(k, tok) + len(tok), skind, country
        m = self._person_at(k, tok) or self._person_in_apposition(k, tok)
        if m is not None:
            return m.name, m.start, m.end, "person", None
        if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":  # a surname the model did not tag as a person
            chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
            p = self._surname_person([tok], pos)
            if p is not None:
                return p.name, self._abs(k, chain[0]), self._abs(k, tok) + len(tok), "person", None
        s, e = self._abs(k, tok), self._abs(k, tok) + len(tok)
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low == "it":
                ante = self._it_antecedent(k, tok)
                if ante is not None:
                    name, _, _, skind, country = self._speaker(k, ante, pos)
                    return name, s, e, skind, country
            if low in PERSONAL:
                if self.last and self.last[4] in ("person", "unnamed") and self._body_pos(k) - self.last[3] <= 3:
                    return self.last[0], s, e, self.last[4], self.last[5]
                p = self._person_before(pos)
                if p is not None:
                    return p.name, s, e, "person", None
                named = self._named_subject_before(k, tok)
                if named is not None:  # 'Burton explained ... "…," he said': a name the model missed
                    return named, s, e, "person", None
            return tok.text, s, e, None, None
        if tok.ent_type_ and tok.ent_type_ not in ("COUNTRY", "BLOC", "NOT_COUNTRY"):
            ent = next((x for x in doc.ents if x.start <= tok.i < x.end), None)
            if ent is not None:
                return ent.text, self._abs(k, ent[0]), self._abs(k, ent[-1]) + len(ent[-1]), "organization", None
        if tok.ent_type_ == "COUNTRY":
            ent = next((x for x in doc.ents if x.start <= tok.i < x.end), None)
            if ent is not None:
                return ent.ent_id_, self._abs(k, ent[0]), self._abs(k, ent[-1]) + len(ent[-1]), "country", ent.ent_id_
        # a noun phrase: "the state TV guest", "the analysis"
        left = tok
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod", "nmod", "det", "poss") and c.i < left.i:
                left = c
        toks = [t for t in doc[left.i:tok.i + 1] if t.pos_ != "DET"]
        s = self._abs(k, toks[0]) if toks else s
        phrase = _joined(toks) or tok.text
        lemma = tok.lemma_.lower()
        if lemma in self.lex["roles"]:
            p = self._role_person(tok)
            if p is not None:
                return p.name, s, e, "person", None
        if lemma in self.lex["documents"]:
            p = self._person_before(pos, max_back=1500)
            if p is not None:
                return p.name, s, e, "person", None
            return phrase, s, e, "document", None
        if lemma in self.unnamed:
            name, country = self.unnamed[lemma]
            return name, s, e, "unnamed", country
        if tok.pos_ in ("NOUN", "PROPN"):
            country = self._introduced_country(lemma)
            self.unnamed[lemma] = (phrase, country)
            return phrase, s, e, "unnamed", country
        return phrase, s, e, None, None

    # -- roles ---------------------------------------------------------------
    def _modifier(self, t) -> str | None:
        if t.ent_type_ == "COUNTRY" and t.ent_id_:
            return t.ent_id_
        low = t.lemma_.lower()
        if low in self.rules["role_ignored_modifiers"] or t.pos_ in ("DET", "PUNCT") or t.ent_type_ == "PERSON":
            return None
        return low

    def _role_key(self, tok) -> tuple[str, frozenset]:
        """(role, modifiers) of a role noun: 'the Russian leader' -> ('leader', {'Russia'}), 'the President
        of Russia' -> ('president', {'Russia'}), 'Foreign Minister' -> ('minister', {'foreign'})."""
        mods = set()
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i:
                mods.add(self._modifier(c))
                mods.update(self._modifier(g) for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i)
            elif c.dep_ == "prep" and c.lower_ in self.lex["acts_for_preps"]:
                mods.update(self._modifier(g) for g in c.children if g.dep_ == "pobj")
        return tok.lemma_.lower(), frozenset(m for m in mods if m)

    def _build_roles(self):
        """The document's role registry: each role a person is introduced with, by a title before the
        name ('Russian President Vladimir Putin') or an apposition ('Putin, the Russian leader')."""
        self.role_entries: list[tuple[tuple[str, frozenset], Mention]] = []
        roles = self.lex["roles"]
        for m in self.people:
            k = m.unit
            if m.head is None or self.units[k].kind != "body":
                continue
            doc = self.docs[k]
            r = doc[m.head]
            for c in r.children:
                if c.lemma_.lower() in roles and (
                        (c.dep_ == "compound" and c.i < r.i) or c.dep_ == "appos"):
                    self.role_entries.append((self._role_key(c), m))
            if r.dep_ == "appos" and r.head.lemma_.lower() in roles:
                self.role_entries.append((self._role_key(r.head), m))

    def _role_person(self, tok) -> Mention | None:
        """The person the document has tied to the role ``tok`` names, when exactly one fits."""
        if not hasattr(self, "role_entries"):
            self._build_roles()
        role, mods = self._role_key(tok)
        heads = {role} | set(self.rules["role_generic"].get(role, []))
        fits = [(key, m) for key, m in self.role_entries if key[0] in heads and mods <= key[1]]
        people = {m.name for _, m in fits}
        if len(people) > 1:  # several fit: only an exact match of the modifiers decides
            people = {m.name for key, m in fits if key[1] == mods}
        if len(people) != 1:
            return None
        name = people.pop()
        return next(m for _, m in fits if m.name == name)

    def _named_subject_before(self, k: int, tok) -> str | None:
        """The proper-noun subject of a verb in the previous sentence of the paragraph: the antecedent
        of 'he'/'she' when the model tagged no person there."""
        doc = self.docs[k]
        sent = tok.sent
        if sent.start == 0:
            return None
        prev = doc[sent.start - 1].sent
        for t in prev:
            if (t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.head.pos_ == "VERB" and not self._inside_tok(t)
                    and t.ent_type_ not in ("COUNTRY", "BLOC", "NOT_COUNTRY", "GPE", "NORP")):
                parts = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
                return _joined(parts)
        return None

    def _introduced_country(self, lemma: str) -> str | None:
        """The country in the phrase that first introduced an unnamed actor ('a guest on Russian state TV')."""
        for k in self.body:
            for t in self.docs[k]:
                if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
                    for d in t.subtree:
                        if d.ent_type_ == "COUNTRY" and d.i != t.i and len(list(d.ancestors)) - len(list(t.ancestors)) <= 4:
                            return d.ent_id_
                    return None
        return None

    def _body_pos(self, k: int) -> int:
        return self.body.index(k) if k in self.body else -1

    # -- the three mechanisms ------------------------------------------------
    def run(self) -> list[Statement]:
        self._unit_of = {id(d): k for k, d in enumerate(self.docs)}
        paras = [(self.units[k].start, self.units[k].end) for k in self.body]
        self.quotes = scan_quotes(self.text, paras)
        self._token_starts: dict[int, list[int]] = {}
        self.transcript_names = self._transcript_names()
        self.intervals = sorted((q.open, (q.close if q.close is not None else q.end) + 1) for q in self.quotes)
        events = [(q.open, "quote", q) for q in self.quotes]
        for bi, k in enumerate(self.body):
            events.append((self.units[k].end - 1, "colon", bi))
        events.sort(key=lambda x: (x[0], x[1]))
        for _, kind, obj in events:
            if kind == "quote":
                self._quote(obj)
            else:
                self._colon(obj)
        self._signatures()
        if self.indirect:
            self._reported_speech()
            for k, u in enumerate(self.units):
                if u.kind == "title":
                    self._headline(k)
        return self._dedup()

    def _add(self, st: Statement, bi: int):
        st.start, st.end = _trim(self.text, st.start, st.end)
        if st.end <= st.start:
            return
        self.statements.append(st)
        self.last = (st.speaker, st.speaker_start, st.speaker_end, bi, st.speaker_kind, st.speaker_country)

    def _quote(self, q: QuoteSpan):
        k0, k1 = self.body[q.first], self.body[q.last]
        if q.open == self.units[k0].start and self._transcript_turn(k0) is not None:
            return  # '"PENCE: ...' is a transcript turn, attributed by its name
        inner_s, inner_e = q.open + 1, (q.close if q.close is not None else q.end)
        content = self.text[inner_s:inner_e]
        n_words = _words(content)
        if n_words == 0:
            return
        open_tok = self._token_at(k0, q.open)
        close_tok = self._token_at(k1, q.close) if q.close is not None else self.docs[k1][-1]
        if open_tok is None or close_tok is None:
            return
        s_open, s_close = open_tok.sent, close_tok.sent
        before = [t for t in s_open if self._abs(k0, t) < q.open and not self._inside(self._abs(k0, t))]
        after = [t for t in s_close if self._abs(k1, t) > (q.close or q.end) and not self._inside(self._abs(k1, t))]
        words_before = [t for t in before if not t.is_punct]
        words_after = [t for t in after if not t.is_punct]
        doc1 = self.docs[k1]
        # a cue split off into its own short sentence: '"I love cats!" insists Burton.'
        if not words_after and s_close.end < len(doc1):
            nxt = doc1[s_close.end].sent
            lead = [t for t in nxt if not t.is_punct][:3]
            inverted = bool(lead) and (self._is_cue(lead[0]) or (
                len(lead) > 1 and lead[0].pos_ in ("PROPN", "PRON") and self._is_cue(lead[1])))
            # or a short sentence that is only a cue and its subject: '… pay his?” a narrator in the ad asks.'
            bare = self._is_cue(nxt.root) and not any(
                c.dep_ in ("ccomp", "dobj", "xcomp") for c in nxt.root.children) and len(nxt) <= 12
            if (len(nxt) <= 8 and inverted or bare) and not any(ch in MARKS for ch in nxt.text):
                after = list(nxt)
                words_after = [t for t in after if not t.is_punct]
        ends_sentence = content.rstrip()[-1:] in ".!?…" if content.strip() else False
        set_off = ends_sentence or content.rstrip().endswith(",") or (
            q.close is not None and self.text[q.close + 1:q.close + 2] == ",")
        cue = subj = None
        ck = k1
        # 0. a dash signature after the quote: '"…" ― Pamela Padilla'
        if q.close is not None:
            sig = self._dash_signature(k1, q.close + 1)
            if sig is not None:
                if self._substantial(k0, q, n_words, ends_sentence):
                    name, ss, se, skind = sig
                    self._add(Statement("quote", inner_s, inner_e, name, ss, se, "―", speaker_kind=skind), q.last)
                return
        # 1. a cue right after the quote: '," he said' / '," said Burton' / '," attacks Burton'
        if words_after and set_off:
            a = words_after
            first = a[0]
            if (first.pos_ == "VERB" or self._is_cue(first)) and len(a) > 1:
                cue, subj = first, self._subject(first) or a[1]
            else:
                v = next((t for t in a[:8] if t.pos_ in ("VERB",) or self._is_cue(t)), None)
                if v is not None:
                    sj = self._subject(v)
                    if sj is not None and self._abs(k1, sj) > (q.close or q.end):
                        cue, subj = v, sj
                    elif sj is None and self._is_cue(v) and (first.pos_ == "PROPN" or self._person_at(k1, first)):
                        # '…," Flynn, a top Trump surrogate, said': the parser lost the subject
                        cue, subj = v, first
            if cue is not None and not self._is_cue(cue):
                if not (subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ == "PERSON" or self._person_at(k1, subj)):
                    cue = subj = None
        # 2. a cue verb before the quote, or anywhere else around it
        if cue is None:
            for toks, k in ((list(reversed(before)), k0), (after, k1)):
                for t in toks:
                    if self._is_cue(t) and t.pos_ != "NOUN":
                        t = self._outermost_cue(t)
                        sj = self._subject(t)
                        if sj is not None:
                            cue, subj, ck = t, sj, k
                            break
                if cue is not None:
                    break
            else:
                ck = k1
        # 2b. an inverted cue before the quote: 'Said Ellis: "…"'
        if cue is None and len(words_before) >= 2:
            wb = words_before
            for i in range(len(wb) - 1):
                if self._is_cue_word(wb[i]) and wb[i + 1].pos_ == "PROPN" and (
                        wb[i].i == wb[0].sent.start or wb[i - 1].is_punct):
                    rest = [t for t in wb[i + 1:] if t.pos_ != "PROPN"]
                    if not rest:
                        cue, subj, ck = wb[i], wb[-1], k0
                        break
        # 3. "according to X"
        if cue is None:
            for toks, k in ((before, k0), (after, k1)):
                for t in toks:
                    if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                        pobj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
                        if pobj is not None:
                            cue, subj, ck = t, pobj, k
                            break
                if cue is not None:
                    break
        bi = q.first
        if cue is not None and subj is not None:
            if not self._substantial(k0, q, n_words, ends_sentence):
                return
            name, ss, se, skind, country = self._speaker(ck, subj, q.open)
            cue_text = "according to" if cue.lower_ == "according" else cue.text
            self._add(Statement("quote", inner_s, inner_e, name, ss, se, cue_text, country, speaker_kind=skind), q.last)
            return
        standalone = not words_before and not words_after
        if not standalone or n_words < 3:
            return
        # 4. after an introduction ending with a colon
        intro = self._colon_intro(k0, open_tok)
        if intro is not None:
            name, ss, se, skind, country, cue_text = intro
            self._add(Statement("quote", inner_s, inner_e, name, ss, se, cue_text, country, speaker_kind=skind), q.last)
            return
        # 5. the speaker named by a cue in the sentence just before, in the same paragraph:
        #    '…, Schiff said. "The other factor is …"'
        doc0 = self.docs[k0]
        if s_open.start > 0:
            prev = doc0[s_open.start - 1].sent
            cues = [t for t in prev if self._is_cue(t) and t.pos_ == "VERB" and not self._inside(self._abs(k0, t))]
            for v in sorted(cues, key=lambda t: t.dep_ != "ROOT"):
                sj = self._subject(v)
                if sj is not None and not self._not_source(k0, sj) and sj.dep_ != "nsubjpass" and (
                        self._source_like(sj, k0)):
                    name, ss, se, skind, country = self._speaker(k0, sj, self._abs(k0, sj))
                    self._add(Statement("quote", inner_s, inner_e, name, ss, se, v.text, country,
                                        speaker_kind=skind), q.last)
                    return
        # 6. a follow-on quote continues the previous speaker
        if self.last is not None and q.first - self.last[3] <= 1 and self.last[0]:
            sp, ss, se, _, skind, country = self.last
            self._add(Statement("quote", inner_s, inner_e, sp, ss, se, None, country, speaker_kind=skind), q.last)

    def _dash_signature(self, k: int, pos: int):
        """(name, start, end, kind) of a name signed under or after a quote with a dash."""
        end = self.units[k].end
        m = rules()["dash_signature"].match(self.text, pos, end)
        if m is None or self._inside(m.start("name")):
            return None
        ns, ne = m.start("name"), m.end("name")
        if self.text[ne - 1] == "." and len(self.text[ns:ne].split()[-1]) > 2:
            ne -= 1  # a full stop after the name, not an initial
        i = bisect.bisect_right(self.people_starts, ne) - 1
        if i >= 0 and self.people[i].end > ns:
            p = self.people[i]
            return p.name, p.start, p.end, "person"
        return self.text[ns:ne], ns, ne, "person"

    def _tokens_between(self, k: int, a: int, b: int) -> list:
        """The tokens of unit ``k`` that start strictly between document offsets ``a`` and ``b``."""
        starts = self._token_starts.get(k)
        if starts is None:
            starts = self._token_starts[k] = [self._abs(k, t) for t in self.docs[k]]
        return list(self.docs[k][bisect.bisect_right(starts, a):bisect.bisect_left(starts, b)])

    def _substantial(self, k: int, q: QuoteSpan, n_words: int, ends_sentence: bool) -> bool:
        """A statement, not a scare quote or a title: long enough, or a full exclamation/sentence."""
        if n_words < 3 and not (ends_sentence and n_words >= 2):
            return False
        doc = self.docs[k]
        qs, qe = q.open, (q.close if q.close is not None else q.end)
        inside = self._tokens_between(k, qs, qe)
        roots = [t for t in inside if (not (qs < self._abs(k, t.head) < qe) or t.head is t) and not t.is_punct]
        if roots and all(r.dep_ in ("amod", "compound", "nmod", "poss", "pcomp", "pobj", "npadvmod") for r in roots):
            return n_words >= 8 and any(t.pos_ in ("VERB", "AUX") for t in inside)
        return any(t.pos_ in ("VERB", "AUX") for t in inside) or ends_sentence

    def _colon_intro(self, k: int, open_tok):
        """Speaker of a quote or block introduced by 'X said:' in the same or the previous paragraph."""
        doc = self.docs[k]
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
            bi = self._body_pos(k)
            if bi > 0:
                kk = self.body[bi - 1]
                pdoc = self.docs[kk]
                if len(pdoc) and pdoc[-1].text == ":":
                    prev_sent = pdoc[-1].sent
        if prev_sent is None:
            return None
        return self._intro_speaker(kk, prev_sent)

    def _intro_speaker(self, k: int, sent):
        cues = [t for t in sent if self._is_cue(t) and t.pos_ != "NOUN" and not self._inside(self._abs(k, t))]
        found = []
        for v in reversed(cues):
            sj = self._subject(v)
            if sj is not None:
                name, ss, se, skind, country = self._speaker(k, sj, self._abs(k, sj))
                if skind in ("person", "unnamed", "organization") or sj.pos_ == "PRON":
                    found.append((skind != "person", sj.pos_ == "PRON", (name, ss, se, skind, country, v.text)))
        if found:
            return min(found, key=lambda f: f[:2])[2]
        root = sent.root
        sj = self._subject(root)
        if sj is not None:
            m = self._person_at(k, sj) or self._person_in_apposition(k, sj)
            if m is not None:
                return m.name, m.start, m.end, "person", None, ":"
        # "Said Ellis:": an inverted cue with the name after it
        toks = [t for t in sent if not t.is_punct]
        if len(toks) >= 2 and self._is_cue_word(toks[0]) and toks[1].pos_ == "PROPN":
            name, ss, se, skind, country = self._speaker(k, toks[1], self._abs(k, toks[1]))
            return name, ss, se, skind or "person", country, toks[0].text
        # "Putin:" at the start of a paragraph
        if toks and len(toks) <= 4:
            m = self._person_at(k, toks[0])
            if m is not None and m.end >= self._abs(k, toks[-1]):
                return m.name, m.start, m.end, "person", None, ":"
        return None

    def _transcript_names(self) -> set[str]:
        """Names that open two or more paragraphs as 'NAME: ...' (an interview transcript)."""
        counts: dict[str, int] = {}
        for k in self.body:
            m = TRANSCRIPT.match(self.text[self.units[k].start:self.units[k].end])
            if m:
                counts[m["name"]] = counts.get(m["name"], 0) + 1
        return {n for n, c in counts.items() if c >= 2}

    def _transcript_turn(self, k: int):
        """(match, person or None) when paragraph ``k`` is a 'NAME: ...' turn, else None.

        A turn needs a name that opens several paragraphs, or a person mention at the start, and
        words that say something: a list under a label ('Subs Not Used: Almunia, Cygan') has no verb."""
        us = self.units[k].start
        m = TRANSCRIPT.match(self.text[us:self.units[k].end])
        if not m:
            return None
        if not any(t.pos_ in ("VERB", "AUX") for t in self.docs[k] if t.idx >= m.end()):
            return None
        person = next((p for p in self.people if p.unit == k and p.start - us < m.end("name")), None)
        if person is None and m["name"] not in self.transcript_names:
            return None
        return m, person

    def _colon(self, bi: int):
        """Blocks: a paragraph ending in ':' introduces the next one; 'X said: ...' inside a paragraph;
        'NAME: ...' paragraphs of an interview transcript."""
        k = self.body[bi]
        doc = self.docs[k]
        if not len(doc):
            return
        turn = self._transcript_turn(k)
        if turn is not None:
            m, person = turn
            us, ue = self.units[k].start, self.units[k].end
            canonical = person.name if person is not None else self._transcript_canonical(m["name"])
            self._add(Statement("block", us + m.end(), ue, canonical, us + m.start("name"), us + m.end("name"),
                                ":", speaker_kind="person"), bi)
            return
        if doc[-1].text == ":" and bi + 1 < len(self.body):
            nk = self.body[bi + 1]
            ns, ne = self.units[nk].start, self.units[nk].end
            if self.text[ns] in MARKS or self._inside(ns):
                return  # a quotation: handled with its marks
            if self.units[nk].start - self.units[k].end > 4 and "\n\n\n" in self.text[self.units[k].end:ns]:
                return
            intro = self._intro_speaker(k, doc[-1].sent)
            if intro is not None and _words(self.text[ns:ne]) >= 4:
                name, ss, se, skind, country, cue = intro
                self._add(Statement("block", ns, ne, name, ss, se, cue, country, speaker_kind=skind), bi + 1)
            return
        # "Putin said: at present, ..." inside one paragraph
        for t in doc:
            if t.text != ":" or t.i + 1 >= len(doc) or self._inside(self._abs(k, t)):
                continue
            rest_s = self._abs(k, doc[t.i + 1])
            if self.text[rest_s] in MARKS or _words(self.text[rest_s:self.units[k].end]) < 6:
                continue
            window = [x for x in doc[max(t.sent.start, t.i - 5):t.i]]
            v = next((x for x in reversed(window) if self._is_cue(x) and x.pos_ != "NOUN"), None)
            if v is None:
                continue
            sj = self._subject(v)
            if sj is None:
                continue
            name, ss, se, skind, country = self._speaker(k, sj, self._abs(k, sj))
            self._add(Statement("block", rest_s, self.units[k].end, name, ss, se, v.text, country,
                                speaker_kind=skind), bi)
            return

    def _transcript_canonical(self, name: str) -> str:
        """'PENCE' -> 'Mike Pence' when the document names a person with that surname."""
        low = name.lower()
        for p in self.people:
            if p.name.lower().split()[-1] == low.split()[-1]:
                return p.name
        return name.title() if name.isupper() else name

    def _signatures(self):
        """An embedded post signed '— Name (@handle) date' is that person's statement."""
        for sig in self.signatures:
            prev = [k for k in self.body if self.units[k].end <= sig.line_start]
            if not prev:
                continue
            k = prev[-1]
            s, e = self.units[k].start, self.units[k].end
            name = sig.name
            for m in self.people:
                if m.text == sig.name or m.name.endswith(sig.name.split()[-1]):
                    name = m.name
                    break
            self._add(Statement("quote", s, e, name, sig.name_start, sig.name_end, "—",
                                speaker_kind="person"), self._body_pos(k))

    def _reported_speech(self):
        """Reported speech: a cue verb with a clausal complement ("X said that ...", "X warned ...")
        and "according to X, ..."; kept as kind ``indirect``."""
        self.last = None
        for k in self.body:
            doc = self.docs[k]
            for t in doc:
                if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                    self._according(k, t)
                    continue
                if t.pos_ == "NOUN" and t.lemma_.lower() in self.rules["content_nouns"]:
                    self._noun_cue(k, t)
                    continue
                if t.pos_ != "VERB" or self._inside(self._abs(k, t)):
                    continue
                lemma = t.lemma_.lower()
                act = lemma in self.rules["act_verbs"]
                if not (self._is_cue(t) or act or lemma in self.rules["belief_verbs"]):
                    continue
                comps = [c for c in t.children if (c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(
                    g.lower_ == "that" and g.i < c.i and g.dep_ in ("mark", "advmod") for g in c.children)))
                    and not self._inside(self._abs(k, c))]
                if not comps:
                    if self._is_cue(t):
                        self._parenthetical(k, t)
                    if act:
                        self._object(k, t)
                    continue
                self._clausal(k, t, comps[0])

    def _clausal(self, k: int, t, c):
        """'X said (that) C': the clausal complement ``c`` of the cue verb ``t``."""
        doc = self.docs[k]
        left, right = c.left_edge, c.right_edge
        if left.i <= t.i <= right.i:
            return
        sj = self._subject(t)
        if sj is None or self._not_source(k, sj) or sj.i > right.i >= t.i:
            return
        if sj.dep_ == "nsubjpass" and sj.head.i == t.i:
            return  # "soldiers are welcomed who ...", "he was told that ...": not the source
        if doc[-1].text == ":" and t.sent == doc[-1].sent:
            return  # the introduction of a block, which is its own statement
        right = self._content_end(doc, left.i, right.i)
        s, e = self._abs(k, left), self._abs(k, right) + len(right)
        if _words(self.text[s:e]) < 4:
            return
        name, ss, se, skind, country = self._speaker(k, sj, self._abs(k, sj))
        self.statements.append(Statement("indirect", s, e, name, ss, se, t.text, country, speaker_kind=skind))

    def _content_end(self, doc, lo: int, hi: int, clauses_only: bool = False):
        """The last token of reported content running from ``lo`` to ``hi``, cut before what the
        report does not carry: a second clause after a semicolon or a dash, or, after a comma, a
        non-restrictive relative clause (', which …'), a participle clause (', arguing …'), an
        apposition (', the presumed favorite'), a coordinated clause with its own subject or a
        concessive clause (', although …'; cut_marks); a second speech act ('… and warned …').
        ``clauses_only`` keeps relative clauses and appositions (for a parenthetical cue, whose
        content is the whole sentence around it)."""
        for i in range(lo + 3, hi + 1):
            t = doc[i]
            cut = t.text in (";", "--", "—", "–")
            if t.dep_ == "cc" and i < hi:  # "… and warned against …": a second speech act
                nxt = next((y for y in doc[i + 1:hi + 1] if y.dep_ == "conj" and y.head.i == t.head.i), None)
                cut = nxt is not None and nxt.pos_ == "VERB" and (
                    self._is_cue(nxt) or nxt.lemma_.lower() in self.rules["act_verbs"])
            if t.text == "," and i < hi:
                # what the comma opens is headed near it; a bounded look keeps a run-on sentence linear
                attached = [y for y in doc[i + 1:min(hi, i + ATTACH_WINDOW) + 1] if y.head.i < i]
                cut = any((not clauses_only and (y.dep_ in ("appos", "relcl", "acl")
                                                  or y.lower_ in RELATIVES - {"that"})
                           and self._trails(doc, y.head if y.lower_ in RELATIVES else y, hi))
                          or (y.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in y.children))
                          or (y.tag_ == "VBG" and y.dep_ in ("advcl", "xcomp", "conj"))
                          or (y.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self.rules["cut_marks"]
                                                        for g in y.children))
                          for y in attached)
            if cut and self._inside_tok(t):
                cut = False  # never inside the speaker's own quoted words
            if cut:
                j = i - 1
                while j > lo and doc[j].is_punct and doc[j].text not in MARKS:
                    j -= 1
                return doc[j]
        return doc[hi]

    @staticmethod
    def _trails(doc, y, hi: int) -> bool:
        """Whether ``y``'s subtree runs to the end of the content (``hi``), punctuation aside: a
        relative clause or apposition in the middle ("flows along the route, which bypasses
        Russia, could rise …") is parenthetical, and the content goes on after it."""
        return all(t.is_punct for t in doc[y.right_edge.i + 1:hi + 1])

    def _noun_cue(self, k: int, t):
        """A noun of saying with its holder and a 'that'-clause: "Trump's claim that …", "a New York Times
        report that …"."""
        if self._inside(self._abs(k, t)):
            return
        doc = self.docs[k]
        clause = next((c for c in t.children if c.dep_ in ("acl", "relcl", "ccomp") and c.i > t.i and any(
            g.dep_ == "mark" and g.lower_ == "that" and g.i == c.left_edge.i for g in c.children)), None)
        holder = next((c for c in t.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
        if holder is None:
            holder = next((c for c in reversed(list(t.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if clause is None or holder is None or not self._source_like(holder):
            return
        lo = clause.left_edge.i
        hi = self._content_end(doc, lo, clause.right_edge.i).i
        s, e = self._abs(k, doc[lo]), self._abs(k, doc[hi]) + len(doc[hi])
        if _words(self.text[s:e]) < 4:
            return
        name, ss, se, skind, country = self._speaker(k, holder, self._abs(k, holder))
        self.statements.append(Statement("indirect", s, e, name, ss, se, t.text, country, speaker_kind=skind))

    def _object(self, k: int, t):
        """A speech act whose object is what was said or held: "Trump urged supporters to monitor
        polling places", "Clinton cited derogatory comments", "Schiff called for sanctions"."""
        doc = self.docs[k]
        parts = [c for c in t.children if c.i > t.i and (
            c.dep_ in ("dobj", "xcomp", "oprd", "dative")
            or (c.dep_ == "prep" and c.lower_ in self.rules["act_preps"]))]
        # what is reported is a proposition: an infinitive clause ("urged voters to stay home", "vowed to
        # fight") or a predication over the object ("called the deal a disaster"), not a bare noun phrase
        # ("criticized the Russian Federation" is an attitude to a target, not a statement)
        clausal = any(c.dep_ in self.rules["act_clausal_deps"] for c in parts) or any(
            g.dep_ in self.rules["act_clausal_deps"] for c in parts if c.dep_ == "dobj" for g in c.children)
        # or an object that is itself something said or held: "cited derogatory comments", "outlined his plan"
        said = any(c.dep_ in ("dobj", "pobj") and c.lemma_.lower() in self.rules["content_nouns"]
                   for p in parts for c in [p] + [g for g in p.children if g.dep_ == "pobj"])
        if not parts or not (clausal or said):
            return
        sj = self._subject(t)
        if sj is None or self._not_source(k, sj) or sj.i > t.i or not self._source_like(sj, k):
            return
        if sj.dep_ != "nsubj" and sj.head.i == t.i:
            return  # a passive subject is the target of the act, not its source
        if doc[-1].text == ":" and t.sent == doc[-1].sent:
            return
        lo = min(c.left_edge.i for c in parts)
        hi = max(c.right_edge.i for c in parts)
        while hi > lo and doc[hi].is_punct and doc[hi].text not in MARKS:
            hi -= 1
        hi = self._content_end(doc, lo, hi).i
        s, e = self._abs(k, doc[lo]), self._abs(k, doc[hi]) + len(doc[hi])
        if _words(self.text[s:e]) < self.rules["act_min_words"]:
            return
        name, ss, se, skind, country = self._speaker(k, sj, self._abs(k, sj))
        self.statements.append(Statement("indirect", s, e, name, ss, se, t.text, country, speaker_kind=skind))

    def _parenthetical(self, k: int, t):
        """A cue clause set off by commas inside or after what it reports: "Acts of protest, Mr. Obama
        said, are acts of patriotism" / "The timing was not intentional, Republicans said." """
        doc = self.docs[k]
        if t.dep_ not in ("parataxis", "ROOT", "advcl", "ccomp", "conj") or self._inside(self._abs(k, t)):
            return
        sj = self._subject(t)
        if sj is None or sj.head.i != t.i or self._not_source(k, sj):
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
        if sent[-1].text == ":" or (len(after) > 1 and (after[1].text in MARKS or after[0].text == ":")):
            return  # introduces a block or a quotation, handled with it
        if not self._source_like(sj, k):
            return
        # what it reports is a finite clause: a verb with its own subject outside the cue clause
        if not any(x.dep_ in ("nsubj", "nsubjpass", "expl") and x.head.i not in clause and x.i not in clause
                   for x in sent):
            return
        # a cue that heads the sentence reports what comes before it only if that is a clause of its
        # own ("Though the transition was smooth, he said, ..."), not an opening phrase ("In his book, ...")
        if t.dep_ != "parataxis" and not any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in before):
            return
        last = self._content_end(doc, sent.start, sent.end - 1, clauses_only=True).i if after else sent.end - 1
        if last < hi:
            last = sent.end - 1
        content = [x for x in doc[sent.start:last + 1] if x.i not in clause and not (x.is_punct and (
            x.i == lo - 1 or x.i == hi + 1))]
        while content and content[-1].is_punct and content[-1].text not in MARKS:
            content.pop()
        words = [x for x in content if not x.is_punct]
        if len(words) < 4 or not before or not [x for x in before if not x.is_punct]:
            return
        s, e = self._abs(k, content[0]), self._abs(k, content[-1]) + len(content[-1])
        if self._inside(s) and self._inside(e - 1):
            return
        name, ss, se, skind, country = self._speaker(k, sj, self._abs(k, sj))
        self.statements.append(Statement("indirect", s, e, name, ss, se, t.text, country, speaker_kind=skind))

    def _not_source(self, k: int, tok) -> bool:
        """A subject that names no source: an expletive, the author's voice, an unresolvable 'it', or
        'that' (complementizer, demonstrative or relative: too ambiguous to read a speaker from)."""
        if tok.lower_ in RELATIVES - {"that"} and tok.head.dep_ == "relcl":
            return False  # 'who'/'which': read through the antecedent
        if tok.lower_ == "it":
            return self._it_antecedent(k, tok) is None
        return tok.lower_ in NOT_SOURCES

    def _it_antecedent(self, k: int, tok):
        """What 'it' stands for as a speaker: the subject of the previous sentence when that is an
        organisation or a document ('The city sent a letter. It says …' -> the city)."""
        doc = self.docs[k]
        sent = tok.sent
        if sent.start == 0:
            return None
        for t in doc[sent.start - 1].sent:
            if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("PERSON",) and (
                    t.ent_type_ == "ORG" or t.lemma_.lower() in self.lex["documents"]
                    or t.lemma_.lower() in self.lex["org_words"]) and not self._person_at(k, t):
                return t
        return None

    def _source_like(self, tok, k: int | None = None) -> bool:
        """Could this subject be the source of what is reported: a name, a personal pronoun, an
        organisation, or a noun for people or for documents ("critics", "the group", "the report")?"""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "COUNTRY"):
            return True
        if k is not None and tok.lower_ in (RELATIVES - {"that"}) | {"it"} and not self._not_source(k, tok):
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ in PERSONAL or tok.lower_ in ("they", "she", "he")
        return (lemma in self.lex["roles"] or lemma in self.lex["documents"] or lemma in SOURCE_NOUNS
                or tok.tag_ == "NNS")

    def _headline(self, k: int):
        """A headline that attributes: "Pence: Flowers won't be at debate", "X Says Y", "Y, X Says"."""
        doc = self.docs[k]
        us, ue = self.units[k].start, self.units[k].end
        colon = next((t for t in doc if t.text == ":"), None)
        if colon is not None and 0 < colon.i <= 5 and _words(self.text[us + colon.idx + 1:ue]) >= 3:
            src = doc[:colon.i]
            person = self._surname_person(src)
            last = src[-1].lemma_.lower()
            if person is not None or last in SOURCE_NOUNS or last in self.lex["documents"] or any(
                    t.ent_type_ in ("PERSON", "ORG") for t in src):
                name = person.name if person is not None else src.text
                s, e = _trim(self.text, us + colon.idx + 1, ue)
                skind = "person" if person is not None else "unnamed"
                self.statements.append(Statement("indirect", s, e, name, us + src[0].idx,
                                                 us + src[-1].idx + len(src[-1]), ":", speaker_kind=skind))
                return
        # "Y, X Says": a closing cue after a comma, read from the tokens (headlines parse poorly)
        words = [t for t in doc if not t.is_punct or t.text == ","]
        if len(words) > 4 and self._is_cue_word(words[-1]):
            comma = next((i for i in range(len(words) - 2, 0, -1) if words[i].text == ","), None)
            if comma is not None and 1 <= len(words) - 1 - comma - 1 <= 5 and _words(
                    self.text[us:us + words[comma].idx]) >= 3:
                src = words[comma + 1:-1]
                if all(t.text[:1].isupper() for t in src):
                    person = self._surname_person(src)
                    name = person.name if person is not None else _joined(src)
                    s, e = _trim(self.text, us, us + words[comma].idx)
                    self.statements.append(Statement(
                        "indirect", s, e, name, us + src[0].idx, us + src[-1].idx + len(src[-1]), words[-1].text,
                        speaker_kind="person" if person is not None else "unnamed"))
                    return
        for t in doc:
            if self._is_cue_word(t):
                before = len(self.statements)
                comps = [c for c in t.children if c.dep_ == "ccomp"]
                if comps:
                    self._clausal(k, t, comps[0])
                else:
                    self._parenthetical(k, t)
                if len(self.statements) > before:
                    return

    def _is_cue_word(self, t) -> bool:
        """A cue verb in a headline, where title case hides the part of speech ('Says')."""
        return t.lemma_.lower() in self.lex["cues"] or t.lower_ in self.lex["cues"] or (
            t.lower_.endswith("s") and t.lower_[:-1] in self.lex["cues"])

    def _surname_person(self, span, pos: int | None = None) -> Mention | None:
        """The document's person whose surname is written in ``span``: the last one named before
        ``pos`` when several share it, else the first one named."""
        words = {t.text.lower() for t in span if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"}
        found = [p for p in self.people if p.name.split() and p.name.split()[-1].lower() in words]
        if not found:
            return None
        before = [p for p in found if pos is not None and p.start < pos]
        return before[-1] if before else found[0]

    def _according(self, k: int, t):
        doc = self.docs[k]
        pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
        if pobj is None or not (self._source_like(pobj) or pobj.lemma_.lower() in self.lex["org_words"]):
            return  # "according to this logic" names no source
        sent = t.sent
        phrase_end = max(x.i for x in doc[t.i + 1].subtree) + 1
        if phrase_end < sent.end and doc[phrase_end].text == ",":
            phrase_end += 1
        before = doc[sent.start:t.i]
        after = doc[phrase_end:sent.end]
        body = after if len(after) >= len(before) else before
        if not any(not x.is_punct or x.text in ("'", '"') for x in body) or _words(body.text) < 4:
            return
        s, e = self._abs(k, body[0]), self._abs(k, body[-1]) + len(body[-1])
        if self._inside(s):
            return
        name, ss, se, skind, country = self._speaker(k, pobj, self._abs(k, pobj))
        self.statements.append(Statement("indirect", s, e, name, ss, se, "according to", country, speaker_kind=skind))

    def _dedup(self) -> list[Statement]:
        out: list[Statement] = []
        # reported speech needs someone who speaks: not a country standing for its government, nor a
        # survey or report without an author (data the article cites, not a statement)
        excluded = rules()["indirect_excluded_speaker_kinds"]
        self.statements = [st for st in self.statements if not (st.kind == "indirect" and st.speaker_kind in excluded)]
        # reported speech that carries the speaker's own words in quotation marks ('Lynch said there remains
        # a "significant difference in private practice and government"') is a (mixed) quotation
        for st in self.statements:
            if st.kind != "indirect":
                continue
            for q in self.quotes:
                if not (st.start <= q.open < st.end and q.close is not None):
                    continue
                if st.end <= q.close and q.first == q.last and "\n" not in self.text[st.end:q.close]:
                    st.end = q.close + 1  # content that opens a quotation carries it to its end
                if _words(self.text[q.open + 1:q.close]) >= self.rules["mixed_quote_min_words"]:
                    st.kind = "quote"
        for st in sorted(self.statements, key=lambda x: (x.kind == "indirect", x.start, -(x.end - x.start))):
            if any(min(st.end, o.end) - max(st.start, o.start) > 0.5 * (st.end - st.start) for o in out):
                continue
            out.append(st)
        return sorted(out, key=lambda x: x.start)


def attribute(text, units, docs, people, signatures=(), indirect: bool = True) -> list[Statement]:
    return Attributor(text, units, docs, people, signatures, indirect).run()
