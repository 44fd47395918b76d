"""Countries, blocs and people in parsed text, each with one canonical name.

Input: spaCy docs of a document's units (body paragraphs, comment paragraphs)
with their character offsets.  Output: :class:`Mention` objects whose offsets
index the document text.  Country and bloc names come from the gazetteer's
entity ruler; people from NER plus name-shape rules, because the small English
model misses or mislabels many non-English names.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_json

PLACE_LABELS = {"COUNTRY", "BLOC", "NOT_COUNTRY"}
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ\u0100-\u024f\u0400-\u042f][\w'’\-.]*$")


@dataclass
class Mention:
    kind: str  # country, bloc, person
    name: str  # canonical
    text: str  # as written
    start: int
    end: int
    unit: int  # index of the unit (paragraph) it was found in
    sentence: int  # document-wide sentence number
    head: int | None = None  # token index of the head in the unit doc
    country: str | None = None  # for people: the country the text says they act for


@lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = load_json("attribution.json")
    return {
        "cues": set(raw["cue_verbs"]),
        "titles": set(raw["titles"]),
        "roles": set(raw["role_nouns"]),
        "org_words": set(raw["org_words"]),
        "documents": set(raw["document_nouns"]),
        "pronouns": dict(raw["pronouns"]),
        "acts_for": set(raw["acts_for_verbs"]),
        "acts_for_preps": set(raw["acts_for_preps"]),
        "patronymics": tuple(raw["patronymic_suffixes"]),
    }


def place_mentions(doc, base: int, unit: int, sent_base: int, ambiguous: set[str]) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("COUNTRY", "BLOC"):
            continue
        if ent.text in ambiguous and _looks_like_name_part(ent):
            continue
        out.append(Mention(
            "country" if ent.label_ == "COUNTRY" else "bloc", ent.ent_id_, ent.text,
            base + ent.start_char, base + ent.end_char, unit, sent_base + _sent_index(doc, ent.start), ent.root.i,
        ))
    return out


def _looks_like_name_part(ent) -> bool:
    """'Michael Jordan', 'Chad Smith', 'George Washington': an ambiguous form inside a personal name."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    lex = lexicon()

    def namey(t):
        return (t is not None and t.pos_ == "PROPN" and NAME_TOKEN.match(t.text) and t.ent_type_ not in PLACE_LABELS
                and t.lower_ not in lex["titles"])
    return bool(namey(prev) or (namey(nxt) and not ent[0].is_sent_start
                                and not (nxt.i + 1 < len(doc) and doc[nxt.i + 1].text == ",")))


def _sent_index(doc, i: int) -> int:
    if not doc.has_annotation("SENT_START"):
        return 0
    n = 0
    for s in doc.sents:
        if s.start <= i < s.end:
            return n
        n += 1
    return n


def sentence_count(doc) -> int:
    return sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1


def clean_name(tokens) -> list:
    """Tokens of a person mention without leading titles/roles/countries and trailing possessives."""
    lex = lexicon()
    toks = list(tokens)
    while toks and (toks[0].lower_ in lex["titles"] or toks[0].lower_ in lex["roles"]
                    or toks[0].ent_type_ in PLACE_LABELS or toks[0].pos_ in ("DET", "ADP", "PUNCT", "CCONJ")
                    or toks[0].lower_ in ("of", "the")):
        toks.pop(0)
    while toks and (toks[-1].pos_ == "PART" or toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct):
        toks.pop()
    return toks


def _valid_person(toks, handles: set[str]) -> bool:
    if not toks:
        return False
    lex = lexicon()
    text = " ".join(t.text for t in toks)
    if any(ch.isdigit() for ch in text) or "\n" in text or "@" in text:
        return False
    if text in handles or any(t.ent_type_ in PLACE_LABELS for t in toks):
        return False
    if any(t.lower_ in lex["org_words"] for t in toks):
        return False
    if not any(NAME_TOKEN.match(t.text) for t in toks):
        return False
    if len(toks) == 1 and (toks[0].is_upper and len(toks[0]) > 1 or toks[0].is_stop):
        return False  # "XNUMX", "RUSI", "It"
    if any(t.is_upper and len(t) > 3 for t in toks):
        return False
    return True


def person_spans(doc, handles: set[str]) -> list[tuple[int, int]]:
    """Token spans (start, end) of people in one unit doc."""
    lex = lexicon()
    spans: list[tuple[int, int]] = []
    taken = set()

    def add(start, end):
        toks = clean_name(doc[start:end])
        if not _valid_person(toks, handles):
            return
        s, e = toks[0].i, toks[-1].i + 1
        # extend left over first names the NER left out ("Dmitry" Peskov)
        while s > 0 and e - s < 4 and _namey(doc[s - 1]) and doc[s - 1].ent_type_ not in ("ORG", "GPE", "LOC"):
            s -= 1
        if any(i in taken for i in range(s, e)):
            return
        taken.update(range(s, e))
        spans.append((s, e))

    for ent in doc.ents:
        if ent.label_ == "PERSON":
            add(ent.start, ent.end)
    # Name-shaped runs the model missed or called ORG: accept them with a title before
    # them or a role apposition after them ("Beibit Apsenbetov, a former board member").
    i = 0
    while i < len(doc):
        if not _namey(doc[i]) or i in taken:
            i += 1
            continue
        j = i
        while j < len(doc) and _namey(doc[j]) and j - i < 4:
            j += 1
        run = doc[i:j]
        if 2 <= len(run) <= 3 and all(t.ent_type_ in ("", "ORG", "PERSON", "NORP") for t in run):
            head = run.root
            before = [t.lower_ for t in doc[max(0, i - 6):i]]
            titled = bool(before) and any(w in lex["titles"] or w in lex["roles"] for w in before) and \
                not any(t.pos_ in ("VERB", "PUNCT") for t in doc[max(0, i - 3):i])
            appos = any(c.dep_ == "appos" and c.lemma_.lower() in lex["roles"] for c in head.children)
            if titled or appos:
                add(i, j)
        i = j
    return sorted(spans)


def _namey(t) -> bool:
    lex = lexicon()
    return (t.pos_ == "PROPN" and bool(NAME_TOKEN.match(t.text)) and t.ent_type_ not in PLACE_LABELS
            and t.lower_ not in lex["titles"] and t.lower_ not in lex["roles"] and t.lower_ not in lex["org_words"]
            and not t.is_stop and t.text not in ("-", "—"))


def person_country(doc, start: int, end: int) -> str | None:
    """The country the text says a person acts for, from titles and appositions around the name.

    "Kazakh President Tokaev", "Deputy Foreign Minister of Kazakhstan Roman Vasilenko",
    "Roman Vasilenko, Deputy Foreign Minister of Kazakhstan", "an adviser to Ukraine's
    minister": a country attached to the name or to a role noun, through a compound,
    an adjective, 'of'/'to', or a possessive.  "an expert on Russian politics" is not.
    """
    lex = lexicon()
    head = doc[start:end].root

    def country_of(t):
        return t.ent_id_ if t.ent_type_ == "COUNTRY" else None

    def via_role(role, depth=0):
        if depth > 2:
            return None
        for c in role.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and country_of(c):
                return country_of(c)
            if c.dep_ == "prep" and c.lower_ in lex["acts_for_preps"]:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if country_of(p):
                        return country_of(p)
                    for pc in p.children:
                        if pc.dep_ in ("poss",) and country_of(pc):
                            return country_of(pc)
                    if p.lemma_.lower() in lex["roles"]:
                        found = via_role(p, depth + 1)
                        if found:
                            return found
            if c.dep_ == "compound" and c.lemma_.lower() in lex["roles"] | lex["titles"]:
                found = via_role(c, depth + 1)
                if found:
                    return found
        return None

    for c in head.children:
        if c.dep_ in ("compound", "amod", "nmod") and country_of(c) and c.i < start:
            return country_of(c)
    found = via_role(head)
    if found:
        return found
    for c in head.children:
        if c.dep_ == "appos" and c.lemma_.lower() in lex["roles"]:
            found = via_role(c)
            if found:
                return found
    # "Lukashenko ruled Belarus", "Tokayev leads Kazakhstan"
    if head.dep_ in ("nsubj",) and head.head.lemma_.lower() in lex["acts_for"]:
        for c in head.head.children:
            if c.dep_ == "dobj" and country_of(c):
                return country_of(c)
    # the person is the object of a role noun's 'of': "the President of Russia Vladimir Putin"
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in lex["roles"]:
        found = via_role(head.head.head)
        if found:
            return found
    return None


def is_patronymic(words: list[str]) -> bool:
    return len(words) == 2 and words[1].lower().endswith(lexicon()["patronymics"])


def canonical_people(names: list[str]) -> dict[str, str]:
    """Map each person name of one document to its canonical form.

    A surname alone, or a first name with a patronymic ("Dmitry Sergeevich"), resolves to
    the one full name that ends (or starts) with it; where several full names share a
    surname, the one mentioned most often wins.
    """
    counts = Counter(names)
    full = [n for n in counts if len(n.split()) >= 2 and not is_patronymic(n.split())]
    by_last: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for n in full:
        parts = n.split()
        by_last[_key(parts[-1])].append(n)
        by_first[_key(parts[0])].append(n)
    # a longer full name absorbs a shorter one with the same last name ("Vladimir Putin" <- "Putin")
    out: dict[str, str] = {}
    for n in counts:
        parts = n.split()
        cands: list[str] = []
        if is_patronymic(parts):
            cands = by_first.get(_key(parts[0]), [])
        elif len(parts) == 1:
            cands = by_last.get(_key(parts[0])) or by_first.get(_key(parts[0]), [])
        else:
            longer = [f for f in by_last.get(_key(parts[-1]), []) if len(f.split()) > len(parts)
                      and f.endswith(n)]
            cands = longer
        if cands:
            out[n] = max(cands, key=lambda f: (counts[f], len(f)))
        else:
            out[n] = n
    return out


def _key(word: str) -> str:
    return re.sub(r"(?:'s|’s)$", "", word).lower()
