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
    kind: str  # country, bloc, place, person, organization
    name: str  # canonical
    text: str  # as written
    start: int
    end: int
    unit: int  # index of the unit (paragraph) it was found in
    sentence: int  # document-wide sentence number
    head: int | None = None  # token index of the head in the unit doc
    country: str | None = None  # for people: the country the text says they act for


#: the words between two sides of a fixture ('Charlton v Yeovil'), which no person's name holds
FIXTURE_WORDS = frozenset({"v", "v.", "vs", "vs."})


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
        "envoys": set(raw["envoy_nouns"]),
        "envoy_host_preps": set(raw["envoy_host_preps"]),
        "patronymics": tuple(raw["patronymic_suffixes"]),
        "patronymics_formed": tuple(raw["patronymic_suffixes_formed"]),
    }


def place_mentions(doc, base: int, unit: int, sent_base: int, ambiguous: set[str],
                   document: str | None = None) -> list[Mention]:
    """Country and bloc mentions of one unit doc.  A form that is also something else ("Georgia"
    the US state, "Jordan" the person, "Turkey" the bird) is kept only where its context does not
    point to the other sense (:func:`other_sense`); ``document`` is the whole text, the widest context."""
    out = []
    for ent in doc_ents(doc):
        if ent.label_ not in ("COUNTRY", "BLOC"):
            continue
        if ent.text in ambiguous and other_sense(ent, document):
            continue
        if _a_language(ent) or _in_a_firms_name(ent) or _after_honorific(ent, document) or _in_a_works_title(ent) \
                or _a_surname_after_a_given_name(ent) or (
                    len(ent) == 1 and _a_given_name_before_a_surname(doc, ent.start)):
            continue
        if ent.label_ == "COUNTRY" and _a_capitals_place(ent):
            # 'the Kyiv region', 'Kyiv city council', 'the Kyiv direction': the city or its region, a place of the
            # country, not the state
            out.append(Mention("place", ent.text, ent.text, base + ent.start_char, base + ent.end_char, unit,
                               sent_base + _sent_index(doc, ent.start), ent.root.i, ent.ent_id_))
            continue
        out.append(Mention(
            "country" if ent.label_ == "COUNTRY" else "bloc", ent.ent_id_, ent.text,
            base + ent.start_char, base + ent.end_char, unit, sent_base + _sent_index(doc, ent.start), ent.root.i,
        ))
    return out


@lru_cache(maxsize=None)
def _forms(field: str) -> frozenset[str]:
    """The gazetteer's country forms of one field ('demonyms', 'capitals')."""
    from . import gazetteer

    return frozenset(f.text for f in gazetteer.load().forms if f.field == field)


def _a_capitals_place(ent) -> bool:
    """Whether a capital's name is written as a place of its country here: before a word that makes it a city or a
    region (people.json places 'after': 'the Kyiv region', 'Kyiv city council', 'the Kyiv direction')."""
    doc = ent.doc
    return (ent.text in _forms("capitals") and ent.end < len(doc) and doc[ent.end].is_lower
            and doc[ent.end].lower_ in _place_rules()["after"])


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return _forms("demonyms")


def _a_language(ent) -> bool:
    """Whether a demonym names a language here: before a language word ('in Ukrainian language', 'Thai
    subtitles', 'Spanish-language music'), or written alone after a word that takes a language ('spoken in Ukrainian -', 'translated into
    English.', 'speaks Russian'; not 'from Irish', 'in Russian-occupied Mariupol', 'in Germans')."""
    if ent.text not in _demonyms():
        return False
    rules = _ambiguity()["languages"]
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in rules["nouns"]:
        return True
    if nxt is not None and nxt.text == "-" and not doc[ent.end - 1].whitespace_ and ent.end + 1 < len(doc) and (
            doc[ent.end + 1].lower_ in rules["nouns"]):
        return True  # 'Spanish-language music', 'Russian-speaking people'; not 'Russian-occupied Mariupol'

    prev = doc[ent.start - 1] if ent.start > 0 else None
    glued = nxt is not None and nxt.text in ("-", "–") and not doc[ent.end - 1].whitespace_  # 'Russian-occupied'
    end = _list_end(doc, ent.end)
    if end > ent.end and _modifies_after_list(doc, end, rules):
        return False  # 'in Ukrainian, Polish and Lithuanian cities'
    return prev is not None and prev.lower_ in rules["before"] and not ent.text.endswith("s") and not glued and (
        nxt is None or nxt.is_punct or nxt.pos_ in ("ADP", "PRON", "AUX")) or _in_a_list_of_languages(ent, rules)


_LIST_SEPARATORS = (",", "and", "or")


def _list_end(doc, k: int) -> int:
    """The token after a list of capitalised words that goes on at token ``k`` (``k`` where none goes on)."""
    while k < len(doc) and (doc[k].text in _LIST_SEPARATORS or doc[k].is_title and doc[k].is_alpha):
        k += 1
    return k


def _modifies_after_list(doc, k: int, rules) -> bool:
    """Whether the list that ends before token ``k`` modifies a noun there that names no language ('... cities')."""
    return k < len(doc) and doc[k].pos_ == "NOUN" and doc[k].lower_ not in rules["nouns"] and doc[k - 1].text not in (
        _LIST_SEPARATORS)


def _in_a_list_of_languages(ent, rules) -> bool:
    """Whether a demonym is an item of a list of languages: one that a language word ends ('Russian, Hungarian or sign
    language', 'Polish and Lithuanian languages'), or one that opens after a word that takes a language, its first item
    a demonym, with nothing after it that the items could modify ('speaks Ukrainian, Crimean Tatar, Russian or
    Hungarian.'; not 'in Ukrainian, Polish and Lithuanian cities')."""
    doc = ent.doc
    if ent.text.endswith("s"):
        return False  # a people ('travellers in Germans, Norwegians and Swedes')
    seps = _LIST_SEPARATORS
    k = _list_end(doc, ent.end)
    if k == ent.end and ent.start > 0 and doc[ent.start - 1].text not in seps:
        return False  # no list
    if k < len(doc) and doc[k].lower_ in rules["nouns"] and k > ent.end:
        return True
    if (k + 1 < len(doc) and doc[k - 1].text in ("and", "or") and doc[k].is_lower
            and doc[k + 1].lower_ in rules["nouns"]):
        return True  # 'or sign language'
    j = ent.start
    while j > 0 and doc[j - 1].lower_ not in rules["before"] and (
            doc[j - 1].text in seps or doc[j - 1].is_title and doc[j - 1].is_alpha):
        j -= 1
    first, prev = doc[j], (doc[j - 1] if j > 0 else None)
    return (j < ent.start and prev is not None and prev.lower_ in rules["before"] and first.text in _demonyms()
            and not first.text.endswith("s")
            and (k >= len(doc) or doc[k].is_punct or doc[k].pos_ in ("ADP", "PRON", "AUX")))


def _a_surname_after_a_given_name(ent) -> bool:
    """Whether a demonym is a surname here: right after a given name, with nothing after it that it could modify
    ('Philip French said', 'Mike German, leader of ...', 'Michael English's'; not 'Anna English lessons', 'Han Chinese',
    nor a title before it: 'President French')."""
    if len(ent) != 1 or ent.text not in _demonyms() or ent.text.endswith("s") or ent.start == 0:
        return False  # (a people is no surname: 'Christian Ukrainians')
    doc = ent.doc
    prev, nxt = doc[ent.start - 1], (doc[ent.end] if ent.end < len(doc) else None)
    lex = lexicon()
    # a given name of the nicknames package's hand-kept list, not the census's, whose rarest entries ('Han', as in 'Han
    # Chinese') may keep a name but must not drop a country
    return (prev.is_title and prev.whitespace_ == " " and _given_name(prev.lower_) and prev.ent_type_ != "COUNTRY"
            and prev.lower_ not in lex["titles"] | lex["roles"]
            and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")))


def _a_given_name_before_a_surname(doc, k: int) -> bool:
    """Whether the demonym at token ``k`` is a given name here: one that is also a given name ('German', as Herman
    Gref and Herman Galushchenko write theirs in English), right before a one-word surname the model tagged alone,
    after a title or a role ('Economy minister German Gref', 'Minister of Energy German Galushchenko') or after a
    person's name and 'and' ('Oleg Ustenko and German Galushchenko'). English writes a nationality before a title ('the
    German Chancellor'), not after one; before a bare surname it opens a sentence ('Italian Ranieri took over')."""
    t = doc[k]
    if k == 0 or t.text not in _demonyms() or not any_given_name(t.text) or k + 1 >= len(doc):
        return False
    nxt = doc[k + 1]
    if nxt.ent_type_ != "PERSON" or nxt.ent_iob_ != "B" or any_given_name(nxt.text) or (
            k + 2 < len(doc) and doc[k + 2].ent_iob_ == "I"):
        return False
    prev = doc[k - 1]
    return _after_title_chain(doc, k) and not prev.is_punct or (
        prev.lower_ == "and" and k >= 2 and doc[k - 2].ent_type_ == "PERSON")


def _in_a_firms_name(ent) -> bool:
    """Whether a country's form is a word of a firm's name: before a word that names a firm ('France Telecom',
    'Swiss Re', 'China Daily', 'British Airways', 'Australian Idol'; also over another country's word: 'British
    American Tobacco') or after one ('Air China', 'Agence France Presse'), both capitalised."""
    firms = _ambiguity()["firm_words"]
    doc = ent.doc
    end = ent.end
    while end < len(doc) and doc[end].ent_type_ == "COUNTRY" and doc[end].text[:1].isupper():
        end += 1  # another country's word between: 'British American Tobacco'
    nxt = doc[end] if end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    return (nxt is not None and nxt.text in firms["after"]) or (prev is not None and prev.text in firms["before"])


#: prepositions that a title of a work writes with a capital ('Born In The USA', 'Live From Tokyo')
_TITLE_PREPOSITIONS = frozenset({"In", "Of", "From", "To", "On", "At", "Over", "Across", "Inside", "Beyond"})


def _in_a_works_title(span) -> bool:
    """Whether a country's or a place's name is a word of a work's title: the title is in apposition to a work noun
    ('a new book, Brown's Britain'), is written 'by' a person ('Brown's Britain, by Robert Peston'), or follows a
    preposition written with a capital after another word of it, inside running text ('Bruce Springsteen's Born In
    The USA', 'Escape From New York'; not in a headline, whose every word is capitalised)."""
    works = _people_rules_raw()["work_nouns"]
    root = span.root
    if root.dep_ == "appos" and root.head.i < root.i and root.head.pos_ == "NOUN" and root.head.is_lower and (
            root.head.lemma_.lower() in works and any(c.dep_ == "det" for c in root.head.children)):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" and g.ent_type_ == "PERSON"
                                                        for g in c.children) for c in root.children):
        return True
    doc = span.doc
    k = span.start - 1
    if k > 0 and doc[k].text == "The":
        k -= 1
    if k <= 0 or doc[k].text not in _TITLE_PREPOSITIONS or doc[k].is_sent_start:
        return False
    # inside the title, after one of its words: not where a sentence, a quotation or a clause opens ('"In Paris, we
    # looked good', ': From Borodyanka to Zhytomyr'), nor after a title miswritten so ('the President Of Ukraine')
    before = doc[k - 1]
    if not before.is_alpha or before.lower_ in lexicon()["titles"] | lexicon()["roles"]:
        return False
    # running text, not a headline in title case: most of its words that name nothing are written in lower case
    words = [t for t in doc if t.is_alpha and t.pos_ != "PROPN" and not t.ent_type_]
    return sum(t.is_lower for t in words) * 2 > len(words)


@lru_cache(maxsize=1)
def _ambiguity() -> dict:
    raw = load_json("ambiguity.json")
    forms = {}
    for form, r in raw["forms"].items():
        forms[form] = {
            "before": [tuple(x) for x in r.get("before", [])],
            "after": [tuple(x) for x in r.get("after", [])],
            "other": _cue_pattern(r.get("other_cues", [])),
            "sense": _cue_pattern(r.get("sense_cues", [])),
        }
    return {"forms": forms, "title_case_words": set(raw["title_case_words"]), "person_titles": set(raw["person_titles"]),
            "languages": {"nouns": set(raw["languages"]["nouns"]), "before": set(raw["languages"]["before"])},
            "firm_words": {"after": set(raw["firm_words"]["after"]), "before": set(raw["firm_words"]["before"])}}


def _cue_pattern(cues: list[str]):
    if not cues:
        return None
    alts = "|".join(re.escape(c.lower()) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alts})(?![\w-])")


def other_sense(ent, document: str | None = None) -> bool:
    """True when an ambiguous country form means something else here.

    Any ambiguous form: part of a personal name ("Michael Jordan", "Chad Smith"), after a title
    ("Mr Wellington"), the start of a title of a work ("Georgia On My Mind"), or an item in a list
    of people.  Forms with rules in ``ambiguity.json``: a marker right before or after ("Atlanta,
    Georgia", "Georgia, U.S.", "Turkey dinner"), then cue words in the sentence, the paragraph and
    the document, the narrowest first ("Thanksgiving" for the bird, "Tbilisi" for the country).
    """
    if _looks_like_name_part(ent) or _after_title(ent) or _starts_work_title(ent) or _in_list_of_people(ent):
        return True
    rules = _ambiguity()["forms"].get(ent.text)
    if rules is None:
        return False
    doc = ent.doc
    for seq in rules["before"]:
        if ent.start >= len(seq) and tuple(t.text for t in doc[ent.start - len(seq):ent.start]) == seq:
            return True
    for seq in rules["after"]:
        if tuple(t.text for t in doc[ent.end:ent.end + len(seq)]) == seq:
            return True
    sent = ent.sent.text if doc.has_annotation("SENT_START") else doc_text(doc)
    for context in (sent, doc_text(doc), document):
        if not context:
            continue
        low = context.lower()
        if rules["sense"] is not None and rules["sense"].search(low):
            return False
        if rules["other"] is not None and rules["other"].search(low):
            return True
    return False


def honorifics() -> set[str]:
    """Words that put a person's name after them ('Mr', 'Lord', 'Dr'; ``people.json`` places.honorifics)."""
    return _place_rules()["honorifics"]


def _after_honorific(span, document: str | None = None) -> bool:
    """Whether ``span`` follows an honorific or a person's initials, so that it is a surname: 'said Mr Irish', 'Mr
    French', 'JM Barrie', 'J.M. Barrie', 'S Orlando' (not 'might miss England's': the honorific is capitalised; not
    'US State Department': initials are no country's abbreviation; not 'A US company'). Two capitals without dots are
    initials only where ``document`` (the whole text) never writes them otherwise: 'the UN', 'a TV show' make 'UN
    Geneva', 'TV Angola' an acronym's."""
    if span.start == 0:
        return False
    t = span.doc[span.start - 1]
    if t.is_title and t.lower_.rstrip(".") in honorifics():
        return True
    if not (_INITIALS.fullmatch(t.text) and t.whitespace_) or t.text in _country_forms():
        return False
    text = document if document is not None else doc_text(span.doc)
    return not (len(t.text) == 2 and re.search(r"(?<![\w.])%s\b(?!\s+[A-Z])" % re.escape(t.text), text))


#: initials: 'J.M.', 'JM', 'S' of a team sheet ('S Orlando'); not the words 'A' and 'I'
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|(?![AI]$)[A-Z]{1,2}")


@lru_cache(maxsize=1)
def _country_forms() -> frozenset[str]:
    from . import gazetteer

    return frozenset(f.text for f in gazetteer.load().forms)


def _after_title(ent) -> bool:
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    return prev is not None and prev.lower_.rstrip(".") in _ambiguity()["person_titles"]


def _starts_work_title(ent) -> bool:
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return (nxt is not None and not ent[0].is_sent_start and nxt.text[:1].isupper() and not nxt.is_upper
            and nxt.lower_ in _ambiguity()["title_case_words"])


def _in_list_of_people(ent) -> bool:
    """'Subs: Macken, Weaver, Onuoha, Jordan': the other items of the list are people, none a place."""
    doc = ent.doc
    items = []
    i = ent.start - 1
    if i >= 0 and doc[i].text in (",", ";") or i >= 0 and doc[i].lower_ == "and":
        items.append(doc[i - 1] if i >= 1 else None)
    j = ent.end
    if j < len(doc) and (doc[j].text in (",", ";") or doc[j].lower_ == "and"):
        items.append(doc[j + 1] if j + 1 < len(doc) else None)
    items = [t for t in items if t is not None]
    if not items or any(t.ent_type_ in PLACE_LABELS | {"GPE", "LOC", "NORP"} for t in items):
        return False
    return any(t.ent_type_ == "PERSON" for t in items)


def _looks_like_name_part(ent) -> bool:
    """'Michael Jordan', 'Chad Smith', 'George Washington': an ambiguous form inside a personal name."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    lex = lexicon()

    def namey(t):
        return (t is not None and t.pos_ == "PROPN" and NAME_TOKEN.match(t.text) and t.ent_type_ not in PLACE_LABELS
                and t.ent_type_ not in ("GPE", "LOC") and t.lower_ not in lex["titles"])
    return bool(namey(prev) or (namey(nxt) and not nxt.is_upper))


def passing_places(docs: list, bases: list[int], sent_bases: list[int]) -> list[Mention]:
    """Places named with their country in one document ("Grodno, a city in Western Belarus",
    "Aichi, Japan"), and every later mention of the same name in that document, as mentions of
    the country.  Only names the document itself ties to a country count, so no list of small
    towns is needed and a town that shares its name with a common word never matches elsewhere."""
    rules = load_json("ambiguity.json")["city_in_passing"]
    nouns, preps, mods = set(rules["nouns"]), set(rules["preps"]), set(rules["modifiers"])
    before_town = set(rules["preps_before_town"])
    learned: dict[str, str] = {}
    for doc in docs:
        for ent in doc_ents(doc):
            if ent.label_ != "COUNTRY":
                continue
            i = ent.start - 1
            while i >= 0 and doc[i].lower_ in mods:
                i -= 1
            if i >= 2 and doc[i].lower_ in preps:
                j = i - 1
                while j >= 0 and doc[j].pos_ in ("ADJ", "NOUN") and doc[j].lower_ not in nouns:
                    j -= 1
                if not (j >= 2 and doc[j].lower_ in nouns):
                    continue
                j -= 1  # past the noun, then its adjectives, to its article
                while j >= 0 and doc[j].pos_ in ("ADJ", "ADV", "NUM"):
                    j -= 1
                if j >= 1 and doc[j].lower_ in ("a", "an", "the") and doc[j - 1].text == ",":
                    end = j - 1
                else:
                    continue
            elif i == ent.start - 1 and i >= 1 and doc[i].text == "," and doc[i - 1].ent_type_ in ("GPE", "LOC", "FAC") \
                    and not _goes_on(doc, ent.end):
                end = i  # "Aichi, Japan"
            else:
                continue
            start = end
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ not in PLACE_LABELS \
                    and NAME_TOKEN.match(doc[start - 1].text) and end - start < 3:
                start -= 1
            if end == ent.start - 1 and start > 0 and not doc[start].is_sent_start \
                    and doc[start - 1].lower_ not in before_town:
                continue  # "Oslo, Munich, Paris": a list, not a town and its country
            if start < end:
                learned.setdefault(doc[start:end].text, ent.ent_id_)
    # the place gazetteer, not a neighbouring country, decides where a place it knows lies; a
    # person's name is never a place
    from . import gazetteer

    people = {e.text for doc in docs for e in doc_ents(doc) if e.label_ == "PERSON"}
    people |= {w for p in people for w in p.split()}
    learned = {k: v for k, v in learned.items() if k not in people and gazetteer.places().lookup(k) is None}
    if not learned:
        return []
    out = []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(learned, key=len, reverse=True))
                         + r")(?!\w)")
    for k, (doc, base, sent_base) in enumerate(zip(docs, bases, sent_bases)):
        for m in pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end())
            if span is None or any(t.ent_type_ in PLACE_LABELS for t in span):
                continue
            out.append(Mention("country", learned[m.group()], m.group(), base + m.start(), base + m.end(), k,
                               sent_base + _sent_index(doc, span.start), span.root.i))
    return out


def _goes_on(doc, i: int) -> bool:
    """Whether the text at token ``i`` continues a list or a possessive: "..., Italy and France",
    "India's", "Wales, France"."""
    if i >= len(doc):
        return False
    t = doc[i]
    if t.text in ("'s", "’s", "'", "’") or t.lower_ in ("and", "or", "&"):
        return True
    if t.text == "," and i + 1 < len(doc):
        n = doc[i + 1]
        return n.pos_ == "PROPN" or n.ent_type_ in PLACE_LABELS | {"GPE", "LOC"}
    return False


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
    prefixes = _name_prefixes()
    not_starts = _place_rules()["not_starts"]
    while toks and not _glued_to_a_name(toks, lex, prefixes) and (
                    toks[0].lower_ in lex["titles"] or toks[0].lower_ in lex["roles"] or toks[0].lower_ in prefixes
                    or len(toks) > 1 and _plural_title(toks[0])
                    or toks[0].ent_type_ in PLACE_LABELS or toks[0].pos_ in ("DET", "ADP", "PUNCT", "CCONJ")
                    or toks[0].is_punct  # '― Ana Lopez': the tagger calls a horizontal bar a verb
                    or toks[0].lower_ in ("of", "the") or toks[0].lower_ in not_starts
                    # 'His Holiness', 'Her Majesty': a possessive before a title is no part of a name
                    or toks[0].lower_ in ("his", "her", "their", "your") and len(toks) > 1
                    and toks[1].lower_ in lex["titles"]):
        toks.pop(0)
    # a bracket or a comma ends a name: 'G Dempsey (Leinster', 'Kay, King' of a team sheet; so does a lower-case word
    # that is no particle before a capitalised one ('Luc Bondy for Cruel', a play's title after it)
    particles = _place_rules()["particles"]
    cut = next((i for i, t in enumerate(toks) if i and (t.text in ("(", ",", ")", "[", ";") or (
        t.is_lower and t.is_alpha and t.lower_ not in particles and i + 1 < len(toks) and toks[i + 1].text[:1].isupper()
        and toks[i - 1].text != "-"))), None)
    if cut is not None:
        toks = toks[:cut]
    while toks and (toks[-1].pos_ == "PART" or toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct
                    or len(toks) > 1 and post_nominal(toks[-1])  # 'Ken Macdonald QC'
                    or len(toks) > 1 and toks[-1].is_lower and toks[-1].is_alpha and not (
                        len(toks) > 2 and toks[-2].text == "-" and not toks[-3].whitespace_ and not toks[-2].whitespace_
                        and toks[-3].text[:1].isupper())):
        # 'Prince Frederik of', 'Javelin anti-tank': a name's words are capitalised, but for particles inside it
        # ('Ursula von der Leyen') and the second half of a hyphenated one ('Lee Jun-seok')
        toks.pop()
    return toks


def _glued_to_a_name(toks, lex, prefixes) -> bool:
    """Whether the first word is glued by a hyphen to a capitalised word that is no title, role or prefix itself: the
    first half of a surname ('Saint-Andre', 'Saint-Exupery'), not a title ('Vice-President Dick Cheney')."""
    if len(toks) < 3 or toks[0].whitespace_ or toks[1].text != "-" or toks[1].whitespace_:
        return False
    nxt = toks[2]
    return nxt.text[:1].isupper() and not (nxt.lower_ in lex["titles"] or nxt.lower_ in lex["roles"]
                                           or nxt.lower_ in prefixes)


@lru_cache(maxsize=1)
def titled_names() -> frozenset[str]:
    """Honorifics that stay with a surname as the person's name where no given name is known: a peer's or a knight's
    ('Lord Browne', 'Baroness Amos'), not 'Mr' or 'Dr' (people.json ``titled_names``)."""
    return frozenset(load_json("people.json")["titled_names"])


@lru_cache(maxsize=1)
def _post_nominals() -> frozenset[str]:
    return frozenset(load_json("people.json")["post_nominals"])


def post_nominal(tok) -> bool:
    """Honours, offices and degrees written in capitals after a name ('QC', 'MP', 'OBE': people.json)."""
    return tok.text.isupper() and tok.lower_ in _post_nominals()


@lru_cache(maxsize=1)
def _name_prefixes() -> frozenset[str]:
    return frozenset(load_json("people.json")["name_prefixes"])


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
    if any(_brand_case(t.text) for t in toks):
        return False  # 'PlayStation', 'SmithKlineBeecham': no one's name is written so
    if len(toks) >= 2 and toks[-1].lower_ in lex["titles"] | lex["roles"] and not any(
            any_given_name(t.text) for t in toks):
        return False  # an office, not its holder: 'High Commissioner', 'Prime Minister' (not 'Larry King')
    return True


def _brand_case(word: str) -> bool:
    """A word with capitals inside it as brands and companies write them: two or more, or one after four lower-case
    letters or more ('PlayStation' is not, 'SmithKlineBeecham', 'InterContinental' are); names written with an
    inner capital have it after a short prefix ('McDonald', 'MacKenzie', 'DiCaprio', 'FitzGerald', 'O'Neill')."""
    if word.isupper():
        return False  # an acronym or initials ('JFK'), which other rules judge
    inner = [k for k, ch in enumerate(word) if k > 0 and ch.isupper() and word[k - 1].isalpha()]
    if len(inner) >= 2:
        return True
    return bool(inner) and inner[0] >= 5 and word[1:inner[0]].islower()


def person_spans(doc, handles: set[str], known: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Token spans (start, end) of people in one unit doc; ``known`` holds names (of two words or more, as
    written) that the document gives to a person (:func:`known_people`), which are people here too however
    the model tagged them ("These are the words of Mantas Kvedaravičius", tagged ORG)."""
    lex = lexicon()
    spans: list[tuple[int, int]] = []
    taken = set()

    rules = _people_rules_raw()

    def add(start, end):
        toks = clean_name(doc[start:end])
        cut = next((k for k, t in enumerate(toks) if t.lower_ in rules["list_separators"]
                    and (t.whitespace_ or doc[t.i - 1].whitespace_)), None)  # not "Qasim-Jomart"
        if cut is not None:  # "Everton v Manchester United", "Jonathan Kaplan - England"
            if any(t.lower_ in FIXTURE_WORDS for t in toks):
                return
            toks = clean_name(toks[:cut])
        # 'Ex-Labour leader …', 'ex-Beatle Paul …': a prefix and the word it is glued to modify what follows
        while len(toks) >= 3 and toks[0].lower_ in rules["modifier_prefixes"] and _glued_hyphen(doc, toks[1].i):
            toks = clean_name(toks[3:])
        # a word before the name, then a title the model ran into it ('Describing Mr Jackson', 'Said Mr Bysshe')
        toks = clean_name(_strip_leading_non_name(toks))
        if not _valid_person(toks, handles) or not _person_context(doc, toks, rules):
            return
        after = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        if len(toks) == 1 and after is not None and after.text[:1].isupper() and after.lower_ in lex["roles"] | lex[
                "titles"] and _is_common_word(toks[0]) and not any_given_name(toks[0].text):
            # the first word of an office: 'Managing Director Kristalina Georgieva'
            return
        s, e = toks[0].i, toks[-1].i + 1
        s, e = whole_name(doc, s, e)
        if e - s == 1 and _surname_left_out(doc, s):
            e += 1  # 'Major Oleksandr' + 'Kukurba,'
        # extend left over first names the NER left out ("Dmitry" Peskov); not over a common word before a name the
        # model tagged whole, the end of a title ('Minister for ... Climate Action' + 'Robert Habeck', 'on Economic
        # Affairs' + 'Oleh Ustenko')
        if s > 0 and e - s == 1 and _a_given_name_before_a_surname(doc, s - 1):
            s -= 1  # 'Minister of Energy German Galushchenko'
        while (s > 0 and e - s < 4 and _namey(doc[s - 1]) and doc[s - 1].ent_type_ not in ("ORG", "GPE", "LOC")
               and not _ends_a_body(doc, s - 1) and not _common_word_before_name(doc[s - 1], e - s)
               and not (e - s >= 2 and _body_word(doc[s - 1]) and not any_given_name(doc[s - 1].text))
               and not _brand_case(doc[s - 1].text)):  # not 'Tesla and SpaceX' + 'Kimbal Musk'
            s -= 1
        s = _strip_leading_non_name(list(doc[s:e]))[0].i
        # a common word that ends the name of a body before the person's ("the Union of Estonian Rowers Anna Tamm")
        while e - s >= 3 and _body_word(doc[s]) and _ends_a_body(doc, s, over_places=True) \
                and not _given_name_after_place(doc, s):
            s += 1
        # the last word of a body's or portfolio's name the model ran into the name, before a given name and one
        # word or more ('for Neighbourhood and Enlargement' + 'Olivér Várhelyi'; a given name the lists lack is
        # left to the corpus: :func:`_body_word_before_a_first_name`)
        while (len(doc[s + 1:e].text.split()) >= 2 and doc[s].whitespace_ and any_given_name(_plain(doc[s + 1].text))
               and _tail_of_a_bodys_name(doc, s) and not any_given_name(doc[s].text)):
            s += 1
        if any(i in taken for i in range(s, e)):
            return
        taken.update(range(s, e))
        spans.append((s, e))

    for ent in doc_ents(doc):
        if ent.label_ == "PERSON":
            add(ent.start, ent.end)
    # Name-shaped runs the model missed or called ORG: accept them with a title before
    # them or a role apposition after them ("Beibit Apsenbetov, a former board member").
    i = 0
    while i < len(doc):
        if not _namey(doc[i]) or i in taken:
            i += 1
            continue
        j, words = i, 0
        while j < len(doc) and words < 4:
            if _namey(doc[j]) or j > i and _name_like_noun(doc[j]):
                words += 1
            elif not (j > i and j + 2 < len(doc) and _glued_hyphen(doc, j) and _namey(doc[j + 1])
                      and _namey(doc[j + 2])):
                break  # a first name with a hyphen goes on with it, before the surname ("Kassym-Jomart Tokayev")
            j += 1
        run = doc[i:j]
        if words >= 3:  # "Minister of Infrastructure | Oleksandr Kubrakov"
            run = doc[_strip_leading_non_name(list(run), towns_first_names=False)[0].i:j]
            while len(run) >= 3 and _body_word(run[0]) and _ends_a_body(doc, run.start, over_places=True) and (
                    not _body_word(run[-1])) and not _given_name_after_place(doc, run.start):  # (not 'State of Agricultural Commodity | Markets')
                run = doc[run.start + 1:j]  # a common word that ends a body's name, tagged a proper noun
            words = len(run.text.split()) if not _glued_hyphen(doc, run.start) else 0  # not "California-" + "Los Angeles"
        prev = doc[run.start - 1] if run.start > 0 else None
        nxt = doc[j] if j < len(doc) else None
        inside_name_of_body = (prev is not None and prev.lower_ in ("the", "a", "an", "of")
                               and run.text not in known) or (
            # a portfolio or a body: 'Minister for Ecological Transition', 'a spokeswoman for Royal Mail' (no given
            # name: 'best director for Alexander Payne' is the award's)
            prev is not None and prev.lower_ == "for" and prev.i > 0
            and doc[prev.i - 1].lower_ in lex["titles"] | lex["roles"] and run.text not in known
            and not any_given_name(run[0].text)) or (
            nxt is not None and nxt.text[:1].isupper() and (nxt.lower_ in lex["titles"] | lex["roles"] | lex["org_words"]
                                                           or nxt.lower_ in rules["not_name_words"]))
        if (2 <= words <= 3 or words == 4 and any_given_name(run[0].text)) \
                and all(t.ent_type_ in ("", "ORG", "PERSON", "NORP") for t in run) \
                and not inside_name_of_body:  # not "the Permanent Delegation", "Donetsk Regional State ..."
            head = run.root
            titled = _after_title_chain(doc, run.start)
            appos = any(c.dep_ == "appos" and c.lemma_.lower() in lex["roles"] for c in head.children) \
                or head.dep_ == "appos" and doc[run.start - 1].text == "," and run.start - 4 <= head.head.i < run.start \
                and _titled_head(head.head, lex)
            # a post-nominal after the name ('Guy Mansfield QC') is a person's
            post = post_nominal(run[-1]) or j < len(doc) and post_nominal(doc[j])
            if titled or appos or post or run.text in known:
                add(run.start, j)
        i = j
    return sorted(spans)


def known_people(docs, spans: list[list[tuple[int, int]]]) -> frozenset[str]:
    """The names (two words or more, as written) that person spans of ``docs`` hold, and that the model tags
    PERSON at least as often as anything else in the document: '…," Volodymyr Zelenskyy said.' left untagged or
    tagged ORG where other paragraphs tag it PERSON is the person, but 'Alfa Romeo' tagged PERSON once and
    ORG twice is not (on BBC news the other readings of a name tagged PERSON once were right as often as
    not)."""
    names = {d[s:e].text for d, sp in zip(docs, spans) for s, e in sp if e - s >= 2}
    person: dict[str, int] = {}
    other: dict[str, int] = {}
    for d in docs:
        for ent in doc_ents(d):
            if ent.text in names:
                counts = person if ent.label_ == "PERSON" else other
                counts[ent.text] = counts.get(ent.text, 0) + 1
    return frozenset(n for n in names if person.get(n, 0) >= other.get(n, 0))


def misses_known(doc, spans: list[tuple[int, int]], known: frozenset[str]) -> bool:
    """Whether unit ``doc`` writes a known name (:func:`known_people`) more often than its person ``spans`` hold
    it: only then can :func:`person_spans` with ``known`` find more there."""
    held = Counter(doc[s:e].text for s, e in spans)
    text = doc_text(doc)
    return any(text.count(n) > held[n] for n in known)


def doc_text(doc) -> str:
    """``doc.text``, which spaCy joins anew from the tokens on every call, kept in the doc's user data."""
    return _kept(doc, "text")


def doc_ents(doc) -> tuple:
    """``doc.ents``, which spaCy builds anew (a Span per entity, a scan of every token) on every call,
    kept in the doc's user data: nothing here changes a doc's entities after the pipeline."""
    return _kept(doc, "ents")


def keep_text(doc, text: str) -> None:
    """Give :func:`doc_text` the text ``doc`` was made from, which the caller has (a unit's slice)."""
    doc.user_data[_KEPT + "text"] = text


def drop_kept(doc) -> None:
    """Forget the entity spans :func:`doc_ents` kept: they refer back to the doc, and would leave its freeing
    to the cycle collector."""
    doc.user_data.pop(_KEPT + "ents", None)


_KEPT = "alliance."  # the prefix of what this module keeps in a doc's user data


def _kept(doc, attr: str):
    """``getattr(doc, attr)``, computed once and kept in ``doc.user_data`` (a doc-like object without
    user data, as tests build, is simply asked)."""
    data = getattr(doc, "user_data", None)
    if data is None:
        return getattr(doc, attr)
    key = _KEPT + attr
    value = data.get(key)
    if value is None:
        value = data[key] = getattr(doc, attr)
    return value


def _ends_a_body(doc, k: int, over_places: bool = False) -> bool:
    """Whether token ``k`` ends a run of capitalised words that opens after 'of', 'for' or 'the': the name of a
    body or place before a person's name ("Regional Director for Europe | Hans Kluge", "Secretary-General of the
    United Nations | António Guterres"), not a first name the model left out. With ``over_places`` the run may
    hold country and nationality words ("Union of Estonian Rowers")."""
    j = k
    while j > 0 and (_namey(doc[j - 1]) or over_places and doc[j - 1].text[:1].isupper()
                     and doc[j - 1].ent_type_ in ("COUNTRY", "NORP", "GPE")):
        j -= 1
    return j > 0 and doc[j - 1].lower_ in ("of", "for", "the")


def _given_name_after_place(doc, k: int) -> bool:
    """Whether token ``k`` is a given name right after a country's or a place's name, where a person's name starts:
    'Ambassador of the Dominican Republic | Francisco Alberto Caraballo Nuñez' (wordfreq counts 'francisco' as a
    common word, for San Francisco)."""
    return k > 0 and doc[k - 1].ent_type_ in ("COUNTRY", "GPE") and any_given_name(doc[k].text)


def _glued_hyphen(doc, k: int) -> bool:
    """Whether token ``k`` is a hyphen written without spaces between two words ("Kassym-Jomart")."""
    return 0 < k and doc[k].text in ("-", "\u2010") and not doc[k - 1].whitespace_ and not doc[k].whitespace_


def whole_name(doc, s: int, e: int) -> tuple[int, int]:
    """Token span (s, e) of a name grown over the particles that join its parts ("Ursula von der"
    + "Leyen", "von der Leyen" + "Ursula", "Mohammed bin" + "Salman"), and cut of any particles
    left dangling at its ends."""
    parts = _place_rules()["particles"]

    def name_word(t):
        return bool(NAME_TOKEN.match(t.text)) and t.ent_type_ not in PLACE_LABELS and not t.is_stop \
            and t.lower_ not in lexicon()["titles"]

    j = e
    while j < len(doc) and j - e < 3 and (doc[j].lower_ in parts or doc[j].text in ("-",) and doc[j - 1].lower_ in parts):
        j += 1
    if (j > e or doc[e - 1].lower_ in parts) and j < len(doc) and name_word(doc[j]) and not doc[j - 1].is_sent_end:
        e = j + 1
    # a surname the tokenizer split at its hyphen, whose second half the model left out ("Quincy Owusu" +
    # "-Abeyie"); a word that makes the name a modifier is no part of it ("George Bush" + "-style", but "Lee
    # Jun-seok": ``name_compounds`` in people.json)
    while e + 1 < len(doc) and _glued_hyphen(doc, e) and name_word(doc[e + 1]) and not doc[e + 1].is_sent_start:
        e += 2
    while e - s >= 3 and _glued_hyphen(doc, e - 2) and doc[e - 1].lower_ in _people_rules_raw()["name_compounds"]:
        e -= 2
    # a patronymic the model left out, and the surname after it ("Yakovenko Oleksandr" + "Oleksiyovych",
    # "Oleksandr" + "Oleksandrovych Sak"): Eastern Slavic and Turkic names put it between the two
    # ("Mrochko" + "Kostiantyn Vasyliovych": surname first, as official lists write it)
    if (e + 1 < len(doc) and _patronymic(doc[e + 1]) and name_word(doc[e]) and doc[e].pos_ == "PROPN"
            and doc[e - 1].whitespace_ and doc[e].whitespace_ and not doc[e].is_sent_start):
        e += 2
    elif e < len(doc) and _patronymic(doc[e]) and doc[e - 1].whitespace_ and not doc[e].is_sent_start:
        e += 1
        # the surname after it, tagged or a proper noun no common word ('Oleksiy' + 'Oleksandrovych Senyuk.')
        if (e < len(doc) and name_word(doc[e]) and not doc[e].is_sent_start and doc[e - 1].whitespace_ and (
                doc[e].ent_type_ == "PERSON" or not doc[e].ent_type_ and doc[e].pos_ == "PROPN"
                and not _is_common_word(doc[e]))):
            e += 1
    elif (e - s >= 2 and e < len(doc) and _patronymic(doc[e - 1]) and name_word(doc[e]) and doc[e].pos_ == "PROPN"
          and doc[e - 1].whitespace_ and not doc[e].is_sent_start and not doc[e].ent_type_
          and not _is_common_word(doc[e])):
        e += 1  # the surname after a given name and patronymic the model tagged alone ('Dmytro Mykolayovych' +
        # 'Vasyliyev')
    # a first name the tokenizer split at its hyphen, whose first half the model left out ("Kassym-" + "Jomart
    # Tokayev", "Jean-" + "Yves Le Drian")
    while (s >= 2 and e - s >= 2 and _glued_hyphen(doc, s - 1) and name_word(doc[s - 2])
           and not _place_word(doc[s - 2].text)):  # not "Nevada-" + "Las Vegas"
        s -= 2
    i = s
    while i > 0 and s - i < 3 and doc[i - 1].lower_ in parts:
        i -= 1
    if i < s and i > 0 and name_word(doc[i - 1]) and doc[s - 1].text != ",":
        s = i - 1
    while e - s > 1 and doc[e - 1].lower_ in parts:
        e -= 1
    while e - s > 1 and doc[s].lower_ in parts and doc[s].text.islower():
        s += 1
    return s, e


def _patronymic(t) -> bool:
    """A capitalised word with a patronymic ending (``patronymic_suffixes``: 'Oleksandrovych', 'Mykolaivna',
    'Sergeevich'), long enough to be one and no place ('Munich')."""
    return (t.is_title and t.is_alpha and len(t.text) >= 7
            and t.lower_.endswith(lexicon()["patronymics"] + lexicon()["patronymics_formed"])
            and t.ent_type_ not in ("GPE", "LOC", "FAC") and not _place_word(t.text))


def _name_like_noun(t) -> bool:
    """A capitalised word inside a sentence that the tagger read as a common noun but that goes on
    a name ("Denys Shmyhal", Shmyhal tagged NOUN)."""
    lex = lexicon()
    return (t.pos_ in ("NOUN", "ADJ") and bool(NAME_TOKEN.match(t.text)) and not t.is_sent_start
            and not t.is_upper and not t.is_stop and t.ent_type_ not in PLACE_LABELS
            and t.lower_ not in lex["titles"] and t.lower_ not in lex["roles"] and t.lower_ not in lex["org_words"])


def _strip_leading_non_name(toks: list, towns_first_names: bool = True) -> list:
    """A name without the words before it that name a place, a body or a thing ("Crimea Anton
    Korynevych", "Storting Masud Gharahkhani", "Infrastructure Oleksandr Kubrakov", "PABSEC Anna
    Purtova"): only while two words are left.  With ``towns_first_names`` (a name the model tagged as a
    person), a town's name that nothing before it makes a place is kept as a first name (:func:`_place_word`),
    and so is a town named like a given name after a preposition that follows no title ('the speech of Martin
    Luther King'; 'Mayor of Melitopol Ivan Fedorov' is cut)."""
    from . import gazetteer

    not_name = _people_rules_raw()["not_name_words"]
    # a lower-case preposition, article or conjunction next ("Order of the Golden Star", "Os du Randt")
    # makes the first word the head of a longer name, not a word before a person's name: nothing is stripped
    while len(toks) >= 3 and not (toks[1].is_lower and toks[1].pos_ in ("ADP", "DET", "CCONJ")) and len("".join(t.text_with_ws for t in toks[1:]).split()) >= 2 and (toks[0].pos_ in ("NOUN", "ADJ") or toks[0].is_upper and len(toks[0]) > 1
                              or toks[0].lower_ in not_name or toks[0].ent_type_ in ("GPE", "LOC")
                              or _place_word(toks[0].text, not towns_first_names or _governed(toks[0]) and not (
                                  _given_name(toks[0].lower_) and not _after_title_chain(toks[0].doc, toks[0].i)))
                              or _verb_before_name(toks[0]) or _word_before_given_name(toks)):
        toks = toks[1:]
    return toks


def _word_before_given_name(toks) -> bool:
    """A common English word that opens its sentence before a given name, which the model took into the name
    ('Prop Martin Castrogiovanni'): no given name or census surname itself."""
    t = toks[0]
    return (t.pos_ == "PROPN" and _starts_sentence(t) and _is_common_word(t) and any_given_name(toks[1].text)
            and not any_given_name(t.text) and t.lower_ not in _census_surnames())


def _verb_before_name(t) -> bool:
    """A verb form the model took into a name ('Greeting Zuzana Čaputová in Kyiv, he stressed …'), which no given
    name is ('Will Smith', 'Mark Rutte' keep theirs)."""
    return t.pos_ == "VERB" and t.tag_ in ("VBG", "VBN", "VBD") and not any_given_name(t.text)


def _governed(tok) -> bool:
    """Whether the word before ``tok`` makes it the noun of a phrase that ends there: a preposition ('Mayor of
    Melitopol Ivan Fedorov', 'in Crimea Anton Korynevych'), an adjective ('the French Republic Emmanuel
    Macron', 'Petty Officer Lyle White') or a possessive ('the People's Republic')."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and (prev.pos_ in ("ADP", "ADJ") or prev.tag_ == "POS")


def _place_word(word: str, governed: bool = True) -> bool:
    """A word that is a place's name, for cutting it off the front of a person's name: a region or a town of
    ``small_town_population`` people or more (a small town named like a first name, 'Vitali' in the
    Philippines, must not cut 'Vitaliy Kim').  A town cuts only where the text before it makes it a place
    (``governed``, :func:`_governed`): after a title, a verb or a comma it is a first name, as towns named
    George, David, Martin or Nancy are ('President George W. Bush', 'said David H. Koch')."""
    from . import gazetteer

    place = gazetteer.places().lookup(word, alternates=False)
    return place is not None and (place.kind == "region" or governed
                                  and place.population >= _place_rules()["small_town_population"])


def without_common_words(m: Mention, lower: set[str]) -> Mention:
    """A name of three words or more cut after the last capitalised word, among all but its last two, that the
    document also writes in lower case: the tail of a title the model ran into the name ('Deputy Prime
    Minister for European and Euro-Atlantic Integration Olga Stefanishyna' -> 'Olga Stefanishyna'). Particles
    are lower case and never cut at ('Ursula von der Leyen')."""
    words = m.text.split()
    cut = max((j for j in range(len(words) - 2) if words[j][:1].isupper() and words[j].lower() in lower), default=-1)
    if cut < 0 or not words[cut + 1][:1].isupper():  # 'Missiles against Odesa' is no name cut short
        return m
    start = m.start + m.text.index(words[cut + 1], len(" ".join(words[:cut + 1])))
    text = m.text[start - m.start:]
    return Mention(m.kind, text, text, start, m.end, m.unit, m.sentence, m.head, m.country)


def without_descriptor(m: Mention, doc, base: int, written: set[str]) -> Mention:
    """A name that opens its sentence with a common word the document does not write before it elsewhere, where the
    document names the rest alone: a descriptor the model took into the name ('Defiant Matt Williams', 'Sprinter
    Kelly Holmes', 'Classy Henman', where the story also says 'Matt Williams', 'Holmes', 'Henman'). A given name, a
    census surname or a title is no descriptor ('Boy George' stays whole unless the story says 'George' alone).
    An occupation or role (``people.json`` 'person_nouns', the role nouns) before two or more capitalised words is
    one wherever it stands ('Farmer Geoff Brooks', 'Rescuer Oleksiy Danchenko'), and so is one before the surname of
    a longer name the document writes ('Sprinter Walker' in a story about Dougie Walker), or one that opens its
    sentence or is written in lower case before a word that is no given name ('Rapper Eminem', 'stepson Sholto')."""
    words = m.text.split()
    if len(words) < 2 or m.head is None:
        return m
    first = words[0]
    rest = m.text[len(first):].lstrip()
    span = doc.char_span(m.start - base, m.start - base + len(first))  # the first word

    def without_first() -> Mention:
        return Mention(m.kind, rest, rest, m.start + m.text.index(rest, len(first)), m.end, m.unit, m.sentence, m.head,
                       m.country)

    if first.isalpha() and first[1:].islower() and first.lower() in _occupations() and (len(words) >= 3 or any(
            n.endswith(" " + rest) for n in written) or _occupation_opens(span, first, rest)) and all(
            w[:1].isupper() for w in words[1:]):
        # 'Farmer Geoff Brooks', 'Rescuer Oleksiy Danchenko'; 'Sprinter Walker' where the story names 'Dougie Walker'
        return without_first()
    if not first.isalpha() or not rest[:1].isupper() or not (rest in written or rest.split()[-1] in written):
        return m  # 'Jay-Jay Okocha'; 'Missiles against Odesa
    if span is None or not _starts_sentence(span[0]) or not _is_common_word(span[0]) or any_given_name(first) \
            or first.lower() in _census_surnames() or first.lower() in lexicon()["titles"]:
        return m
    return without_first()


def _occupation_opens(span, first: str, rest: str) -> bool:
    """Whether an occupation (``span``, written ``first``) before one more word is written in lower case or opens
    its sentence, and that word is no given name: 'Rapper Eminem said', 'his stepson Sholto' (not 'Boy George', a
    stage name)."""
    if " " in rest or any_given_name(rest):
        return False
    return span is not None and (first.islower() or _starts_sentence(span[0]))


def as_the_body_writes_it(m: Mention, body_names: set[str]) -> Mention:
    """A person name from a headline, cut to the longest first words of it (two or more) that the body writes as a
    name: a headline in title case runs its verb into the name ('Billy Bush Joins a Parade …', 'Donald Trump
    Playing Dumb …'), which the model then tags with it. A name the body writes whole, or not at all, stays."""
    words = m.text.split()
    if m.text in body_names or len(words) < 3:
        return m
    for k in range(len(words) - 1, 1, -1):
        head = " ".join(words[:k])
        if head in body_names:
            end = m.start + m.text.index(words[k - 1], len(" ".join(words[:k - 1]))) + len(words[k - 1])
            text = m.text[:end - m.start]
            return Mention(m.kind, text, text, m.start, end, m.unit, m.sentence, m.head, m.country)
    return m


def lower_case_words(docs) -> set[str]:
    """The words a document writes in lower case ("boycott", "statement", "missiles")."""
    from spacy.attrs import IS_ALPHA, IS_LOWER, LENGTH, ORTH

    words = set()
    for doc in docs:  # the lexical flags as one array: no Token object made per word
        if len(doc):
            strings = doc.vocab.strings
            words.update(strings[orth] for orth, lower, alpha, n in
                         doc.to_array([ORTH, IS_LOWER, IS_ALPHA, LENGTH]).tolist() if lower and alpha and n > 2)
    return words


@lru_cache(maxsize=1)
def common_words() -> dict[str, float]:
    """Common English words (lower case) -> Zipf frequency (``common_words.json``, from wordfreq)."""
    return load_json("common_words.json")["words"]


def _person_evidence(tok, person_words: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence shows the one-word name at token ``tok`` to be a person: a title, honorific or role
    right before it ('Mr Brown', 'coach Smith'), a role in apposition ('Ann, a blues singer'), a verb it is the
    subject of ('Baker warned'), a possessive ('Baker's plays'), an address ('thank you, Viktor', 'Dear Anna'), a
    person it is joined to by a conjunction ('Oleg Ustenko and German Galushchenko'), a role it serves under ('prime
    minister under Yeltsin', 'served under Stalin'), or a list whose other items are people: the model tags them
    PERSON or they are words of the document's person names (``person_words``: 'Subs: Baker, Smertov')."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text in ("'s", "’s") and nxt.i + 1 < len(doc) and (
            doc[nxt.i + 1].pos_ in ("NOUN", "PROPN", "ADJ") or doc[nxt.i + 1].text in _OPENING_QUOTES):
        return True  # 'Baker's plays', 'Parajanov's "Shadows of Forgotten Ancestors"'
    if tok.i >= 2 and doc[tok.i - 1].text == "," and doc[tok.i - 2].lower_ == "you" or (
            tok.i >= 1 and doc[tok.i - 1].lower_ == "dear") or (
            tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].lower_ == "you"):
        return True  # addressed by name: 'thank you, Viktor', 'when you, Boris, addressed', 'Gitanas, you know'
    if tok.dep_ == "conj" and tok.head.ent_type_ == "PERSON" or any(
            c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in tok.children):
        return True  # 'Oleg Ustenko and German Galushchenko summed up'
    for step in (-2, 2):  # the other one-word items of a list it stands in
        k = tok.i + step
        while 0 <= k < len(doc) and abs(k - tok.i) <= 12 and doc[k - step // 2].text in (",", ";", "and"):
            if doc[k].text in person_words or doc[k].ent_type_ == "PERSON":
                return True
            k += step
    if _person_word_before(tok):  # 'Mr Baker', 'coach Baker', 'my friend Baker'
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX") and not (
            _starts_sentence(tok) and _is_common_word(tok) and not any_given_name(tok.text)
            and tok.lower_ not in _census_surnames()):  # 'Ruins are all that is left', not 'Baker warned'
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "under" and _serves(tok.head.head):  # 'minister under Yeltsin'
        return True
    if _role_apposition(tok):
        return True
    return _in_list_of_people(doc[tok.i:tok.i + 1])


_OPENING_QUOTES = frozenset({'"', "“", "'", "‘", "«"})


def _serves(tok) -> bool:
    """A role or title, or the verb 'serve': what a person serves under another as ('minister under Yeltsin')."""
    lex = lexicon()
    return tok.lemma_.lower() in lex["roles"] | lex["titles"] or tok.lemma_ == "serve"


def _person_word_before(tok) -> bool:
    """Whether a title, honorific, role or person noun stands right before ``tok`` ('Mr Baker', 'coach Smith', 'my
    friend Anna')."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is None or prev.lower_.rstrip(".") not in _person_words_before() or prev.lower_ in _title_parts():
        return False  # ('Ukraine's Foreign Intelligence Day': a word of a title is none alone)
    # 'the best actress Oscar', 'a best new artist Grammy': an award's category, no person's job
    return not any(t.lower_ == "best" for t in tok.doc[max(0, prev.i - 2):prev.i])


@lru_cache(maxsize=1)
def _occupations() -> frozenset[str]:
    """Kin, occupations and roles: the nouns that describe a person before the name ('singer Mina', 'coach Smith')."""
    return frozenset(lexicon()["roles"] | _people_rules_raw()["person_nouns"])


@lru_cache(maxsize=1)
def _title_parts() -> frozenset[str]:
    """Words of a title that qualify it and never stand for one right before a name ('Foreign', 'State', 'Press':
    ``people.json`` 'title_parts')."""
    return frozenset(load_json("people.json")["title_parts"])


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """The titles and roles that stand for one right before a name ('Major', 'minister'; not 'Foreign')."""
    lex = lexicon()
    return frozenset((lex["titles"] | lex["roles"]) - _title_parts())


def _plural_title(tok) -> bool:
    """A title in the plural, before the names it stands for ('Lord Justices Clarke and Rix', 'Lords Bingham')."""
    return tok.lower_.endswith("s") and tok.lower_[:-1] in lexicon()["titles"]


def _surname_left_out(doc, k: int) -> bool:
    """Whether the one word the model tagged as a person at token ``k``, after a title or role, has its surname right
    after it untagged: a proper noun that is no common word and ends the phrase ('Major Oleksandr Kukurba, Captain
    ...')."""
    if k == 0 or k + 1 >= len(doc):
        return False
    lex = lexicon()
    prev, nxt = doc[k - 1], doc[k + 1]
    after = doc[k + 2] if k + 2 < len(doc) else None
    return (prev.lower_ in _title_heads() and doc[k].whitespace_ == " "
            and nxt.pos_ == "PROPN" and not nxt.ent_type_ and bool(NAME_TOKEN.match(nxt.text)) and nxt.is_title
            and not nxt.is_sent_start and not _is_common_word(nxt) and nxt.lower_ not in lex["titles"]
            and nxt.lower_ not in lex["roles"] and (after is None or after.is_punct or after.lower_ in ("and", "or")))


def _tail_of_a_bodys_name(doc, k: int) -> bool:
    """Whether token ``k`` is the last word of the name of a body or a portfolio written before a person's name
    ('Commissioner for Neighbourhood and Enlargement | Olivér Várhelyi'): the capitalised words before it open after
    'of', 'for', 'the' or 'at', and are two or more, or two runs that 'and' joins (only the run before an 'and' may
    hold a place). A title, an honorific or a place right before the word makes it the first word of a name ('the
    President | Recep Tayyip Erdoğan', 'of Turkey | Recep Tayyip Erdoğan'), and so does a word of none ('of | Martin
    Luther King') or one word alone ('of the Council of Europe | Marija Pejčinović Burić')."""
    heads = _title_heads() | (honorifics() - _title_parts())
    j, words, joined = k, 0, False
    while j > 0:
        t = doc[j - 1]
        if t.lower_ in ("and", "&") and j >= 2 and doc[j - 2].text[:1].isupper():
            joined = True
        elif not (t.is_alpha and t.text[:1].isupper() and t.lower_ not in heads and not t.is_sent_start
                  and (joined or t.ent_type_ not in PLACE_LABELS)):
            break
        else:
            words += 1
        j -= 1
    # one word alone after 'of' names what a name may follow as well ('of the Council of Europe | Marija
    # Pejčinović Burić', 'Mayor of Kharkiv | Ihor Terekhov'): two words or an 'and' make a longer name
    return (words > 1 or joined) and j > 0 and doc[j - 1].lower_ in ("of", "for", "the", "at")


@lru_cache(maxsize=1)
def _person_words_before() -> frozenset[str]:
    lex = lexicon()
    return frozenset(lex["titles"] | lex["roles"] | honorifics() | _people_rules_raw()["person_nouns"])


def _role_apposition(tok) -> bool:
    """Whether ``tok`` has a role in apposition ('Ann, a blues singer') or stands in apposition to a role or title."""
    lex = lexicon()
    return any(c.dep_ == "appos" and c.lemma_.lower() in lex["roles"] for c in tok.children) or (
        tok.dep_ == "appos" and tok.head.lemma_.lower() in lex["roles"] | lex["titles"])


def _starts_sentence(tok) -> bool:
    """The first word of its sentence, after any opening quotes or brackets."""
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i - 1].is_punct and not doc[i - 1].is_sent_end and doc[i - 1].text not in (",", ";", ":"):
        i -= 1
    return i == 0 or doc[i].is_sent_start or doc[i - 1].is_sent_end


def _is_common_word(t) -> bool:
    """A common English word (``common_words.json``), or the plural of one ('Teachers')."""
    words = common_words()
    low = t.lower_
    return low in words or low.endswith("s") and low[:-1] in words


def _body_word(t) -> bool:
    """A word that can end the name of a body: the plural of a common word ('Teachers'), or a word as common as
    'anywhere_zipf' ('Industry'); a first name that wordfreq also counts ('Mohamed' is 3.6) is neither, nor is a
    given name of the ``nicknames`` package's list, however common ('Donald' is 4.5: 'of Donald J. Trump')."""
    words = common_words()
    low = t.lower_
    return (low.endswith("s") and low[:-1] in words
            or words.get(low, 0) >= _anywhere_zipf()) and not _given_name(low)


def _given_name(low: str) -> bool:
    """A given name (lower case) that the ``nicknames`` package lists, as a name or as a familiar form."""
    nn = _nicknamer()
    return bool(nn.nicknames_of(low) or nn.canonicals_of(low))


def _common_word_before_name(t, words: int) -> bool:
    """Whether ``t``, right before a name of ``words`` words the model tagged, is a common word that starts its
    sentence ('Coach Luis Vega said', 'Novelist Ann Ray'): capitalised for its place, not a first name the model
    left out, where the name has its first name already."""
    return words >= 2 and _starts_sentence(t) and _is_common_word(t)


def unevidenced_lone_names(tokens: dict[str, list], person_words: frozenset[str] = frozenset(),
                           docs: list | None = None,
                           longer_names: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The one-word person names of a document that no mention shows to be a person (:func:`_person_evidence`).

    The model tags many one-word names of firms, products, works, clubs and places PERSON ('Endemol', 'Blu-ray',
    'Saracens', 'Powys', 'Gazprombank'): in the hand checks of issue 14 about two thirds of the one-word person
    clusters were no person, against a tenth of the longer ones. A one-word name that is a person almost always
    shows it somewhere in the document: a title or role before it, a possessive, a verb it is the subject of, a
    list of people, a role it serves under ('prime minister under Yeltsin').  ``tokens`` maps each one-word name
    to the tokens of its mentions; where ``docs`` are given, the same word elsewhere in them, as a name of whatever
    kind the model tagged it there, can show it too ('Molik grew in confidence', tagged ORG, for '... her match with
    Molik'); a common word that opens a sentence ('Passport applications rose') cannot. A spelling of a name that
    another mention shows, or that a word of one of the document's ``longer_names`` has (:func:`similar_surnames`),
    is that person ('President Tokaev' and '... praised Tokayev')."""
    out = {name for name, toks in tokens.items()
           if toks and not any(_person_evidence(t, person_words - {name}) for t in toks)}
    if out and docs:
        others = [t for doc in docs for ent in doc.ents for t in ent if t.text in out]  # a name there too
        out -= {t.text for t in others if _person_evidence(t, person_words - {t.text})}
    if out:  # another spelling of a person the document shows ('President Tokaev', '... praised Tokayev')
        shown = {name_key(w) for n in tokens if n not in out for w in n.split()}
        shown |= {name_key(w) for n in longer_names for w in n.split()}
        out = {n for n in out if not any(similar_surnames(name_key(n), k) for k in shown)}
    return out


def common_word_names(spans: dict[str, list], lower: set[str]) -> set[str]:
    """The names of two words or more that end in a common English word, have no given name and that no mention
    shows to be a person: 'Numis Securities', 'Newmarket Films', 'Barrick Gold', what is left of 'Million Dollar
    Baby'. The model tags such firms and titles PERSON where they stand like a name.

    wordfreq counts a famous surname as a common word ('putin' is 4.2), so the last word must be the plural of a
    common word ('Securities', 'Films') or be written in lower case elsewhere in the document (``lower``, from
    :func:`lower_case_words`: 'gold'). A
    person's surname can be a common word all the same: one of the 10,000 commonest of the 1990 US census keeps the
    name ('Gennifer Flowers'), so does a given name (the ``nicknames`` package's or the census's: 'Gordon Brown'),
    and so does one mention with evidence: a title or role before it, a role in apposition, a verb it is the
    subject of. ``spans`` maps each name to its mentions."""
    out = set()
    for name, mentions in spans.items():
        if not mentions:
            continue
        # firms and bands are subjects too ('Iron Maiden played', 'Air Deccan said'), and so are places ('Zaporizhzhia
        # Bridge was hit', 'Babyn Yar was attacked'): only a title, role or person word before one shows a person
        if _opens_with_common_word(name) or _facility_name(name):
            if not any(_person_word_before(m[0]) or _role_apposition(m.root) for m in mentions):
                out.add(name)
        elif _common_word_name(name, lower) and not any(_name_evidence(m) for m in mentions):
            out.add(name)
    return out


def _opens_with_common_word(name: str) -> bool:
    """A name of two words or more that opens with a common English word (``anywhere_zipf``) and has no given name,
    no title or occupation before the rest and no census surname ('Ask Jeeves', 'Finding Nemo', 'Virgin Megastores',
    'Iron Maiden'; not 'Chen Yan', 'Spike Lee', 'Boy George')."""
    words = _name_words_without_given_name(name)
    if not words:
        return False
    first, last = words[0].lower(), words[-1].lower()
    return (common_words().get(first, 0) >= _anywhere_zipf() and first not in _person_words_before()
            and first not in _census_surnames() and last not in _census_surnames())


def _facility_name(name: str) -> bool:
    """'Zaporizhzhia Bridge', 'Korolenko Library', 'Intelligence Day' (not 'Wayne Bridge', 'Doris Day'): a name that
    ends in a facility word, has no given name before it (the census's 'Day' is one) and no census surname for its
    first word."""
    words = name.split()
    return (len(words) >= 2 and all(w[:1].isupper() for w in words) and not any(any_given_name(w) for w in words[:-1])
            and words[-1].lower() in _people_rules_raw()["facility_words"]
            and words[0].lower() not in _census_surnames())


def _common_word_name(name: str, lower: set[str]) -> bool:
    words = _name_words_without_given_name(name)
    if not words:
        return False
    last = words[-1].lower()
    if last in _census_surnames():
        return False  # 'Gennifer Flowers', 'Joss Stone'
    if _common_plural(last):
        return True  # 'Films', 'Securities'
    return last in lower and common_words().get(last, 0) >= _anywhere_zipf()


def _name_words_without_given_name(name: str) -> list[str]:
    """The words of a name of two words or more, all capitalised, none a given name; else none."""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or any(any_given_name(w) for w in words):
        return []
    return words


def _anywhere_zipf() -> float:
    """The Zipf frequency from which a capitalised word is a common English word (people.json lone_words)."""
    return load_json("people.json")["lone_words"]["anywhere_zipf"]


def _common_plural(low: str) -> bool:
    """Whether ``low`` is the plural of a common word ('films', 'securities', 'christmases') and no surname or
    given name ('williams', 'edwards', 'woods' are)."""
    common = common_words()
    if low.endswith("ies"):
        singulars = [low[:-3] + "y"]
    elif low.endswith(("ses", "xes", "zes", "ches", "shes")):
        singulars = [low[:-2], low[:-1]]  # 'christmases', 'boxes', 'houses'
    else:
        singulars = [low[:-1]] if low.endswith("s") and not low.endswith("ss") else []  # not 'welles' as 'well'

    return any(w in common for w in singulars) and low not in _census_surnames() and not any(
        any_given_name(w) for w in singulars + [low])


def any_given_name(word: str) -> bool:
    """A given name of the ``nicknames`` package or of the 1990 US census, in any case."""
    low = word.lower()
    return _given_name(low) or low in _census_given_names()


def _census_rows(part: str) -> list[tuple[str, float]]:
    """The names of one file of the 1990 US census as the ``names`` package ships it, most frequent first, lower
    case, each with its share (per cent) of the people the file counts."""
    from importlib.resources import files

    text = files("names").joinpath(part).read_text(encoding="utf-8")
    return [(cols[0].lower(), float(cols[1])) for cols in (line.split() for line in text.splitlines()) if cols]


def _census(part: str) -> list[str]:
    """The names of one file of the 1990 US census, most frequent first, lower case (:func:`_census_rows`)."""
    return [name for name, _ in _census_rows(part)]


@lru_cache(maxsize=1)
def _census_given_names() -> frozenset[str]:
    """The 5,163 given names of the 1990 US census (its rarest entries include words such as 'see' and 'long':
    only ever used to keep a name, never to drop one)."""
    return frozenset(_census("dist.male.first") + _census("dist.female.first"))


@lru_cache(maxsize=1)
def _census_genders() -> dict[str, str]:
    """Given name (lower case) -> 'm' or 'f', for the 1990 US census's given names that nine in ten of their
    bearers of one sex carry (the census gives each name's share of men and of women; the US population of 1990
    had about as many of each): 'hillary' f, 'donald' m, not 'jordan' or 'kelly', nor the names another language
    gives to the other sex ('valery', 'nikita', 'andrea': ``either_sex_given_names`` in ``people.json``)."""
    share: dict[str, list[float]] = {}
    for i, part in enumerate(("dist.male.first", "dist.female.first")):
        for name, pct in _census_rows(part):
            share.setdefault(name, [0.0, 0.0])[i] = pct
    either = set(load_json("people.json")["either_sex_given_names"])
    return {n: "m" if m >= 9 * f else "f" for n, (m, f) in share.items()
            if (m >= 9 * f or f >= 9 * m) and n not in either}


def gender_of(name: str) -> str | None:
    """'m' or 'f' where the first word of a person's ``name`` is a given name of one sex (:func:`_census_genders`),
    else None."""
    first = name.split()[0].lower() if name.split() else ""
    return _census_genders().get(first)


@lru_cache(maxsize=4)
def _census_surnames(top: int = 10_000) -> frozenset[str]:
    """The ``top`` most frequent surnames of the 1990 US census (of 88,799 the ``names`` package ships, the rest
    down to one person in millions): 'Woods', 'Flowers', 'Stone', not 'Securities' or 'Labs'."""
    return frozenset(_census("dist.all.last")[:top])


def _name_evidence(span) -> bool:
    """Whether the sentence shows the name ``span`` to be a person: a title, honorific, role or person noun right
    before it, a role in apposition, or a verb (not 'be') it is the subject of."""
    root = span.root
    return (_person_word_before(span[0]) or root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ == "VERB"
            or _role_apposition(root))


def _titled_head(t, lex) -> bool:
    """Whether ``t``, which a name stands in apposition to (after a comma, a few words on), is a title or role
    ("the Kazakh president, Qasym Tokayev"), or the place or body of one ("the President of Kazakhstan,
    Kassym-Jomart Tokayev")."""
    def title(x):  # one person's: not "journalists representing European media: Süddeutsche Zeitung"
        return (x.lower_ in lex["titles"] or x.lower_ in lex["roles"]) and x.tag_ not in ("NNS", "NNPS")

    if title(t):
        return True
    return t.dep_ == "pobj" and t.head.lower_ == "of" and title(t.head.head)


def _after_title_chain(doc, i: int, reach: int = 10) -> bool:
    """Whether a title or role ends the phrase before token ``i``, through the institution it names
    ("Chairman of the Verkhovna Rada of Ukraine | Ruslan Stefanchuk", "Prime Minister of Ukraine |
    Denys Shmyhal"): walking left over names, 'of', articles and adjectives, no verb or punctuation."""
    lex = lexicon()
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        t = doc[k]
        if t.lower_ in lex["titles"] or t.lower_ in lex["roles"]:
            return True
        if t.pos_ in ("VERB", "AUX", "PUNCT", "PRON", "SCONJ", "CCONJ") or t.is_sent_end and k < i - 1:
            return False
    return False


@lru_cache(maxsize=1)
def _people_rules_raw() -> dict:
    raw = load_json("people.json")
    return {k: set(raw[k]) for k in ("not_name_words", "list_separators", "place_preps", "other_labels", "org_nouns",
                                       "body_roles", "owned_by_bodies", "person_org_nouns", "person_org_modifiers",
                                       "org_nouns_not_before_names", "name_compounds", "modifier_prefixes",
                                       "person_nouns", "thing_nouns", "work_nouns", "facility_words", "team_roles")}


#: titles of saints and sovereigns, after which awards and bodies are named ('the Order of Prince Yaroslav the Wise')
_NOBLE_TITLES = frozenset({"prince", "princess", "king", "queen", "saint", "st", "st.", "duke", "duchess", "emperor",
                           "empress", "tsar", "grand"})


def _person_context(doc, toks, rules) -> bool:
    """Name-shaped words that their context shows are not a person: 'the Gunners', 'the Tate'
    (a one-word name after an article), 'in Lievin' (after 'in', with no possessive), 'Sheffield
    United' (a club or body word), 'the Order of Danylo Halytsky', 'the Order of Princess Olga' (after such a word and
    'of', and any titles)."""
    if any(t.lower_ in rules["not_name_words"] for t in toks):
        return False
    # 'the Order of Danylo Halytsky', 'the Orders of Bohdan Khmelnytsky', 'the Museum of Taras Shevchenko': a name
    # after such a word and 'of' names the award or the body, not a person who acts in the text
    k = toks[0].i - 1
    while k > 0 and doc[k].is_title and doc[k].lower_ in _NOBLE_TITLES:  # 'the Order of Princess Olga'
        k -= 1
    if k > 0 and doc[k].lower_ == "the" and doc[k - 1].lower_ == "of":
        k -= 1
    if k > 0 and doc[k].lower_ == "of" and doc[k - 1].is_title and (
            doc[k - 1].lower_ in rules["not_name_words"] or doc[k - 1].lemma_.lower() in rules["not_name_words"]):
        return False
    if _after_member_for(doc, toks[0].i):
        return False  # a constituency: 'the MP for Sedgefield', 'the MP for Sittingbourne and Sheppey'
    if len(toks) == 1:
        s, e = toks[0].i, toks[0].i + 1
        prev = doc[s - 1] if s > 0 else None
        nxt = doc[e] if e < len(doc) else None
        if prev is not None and prev.lower_ in ("the", "a", "an"):
            return False
        if nxt is not None and nxt.text in ("'s", "’s") and e + 1 < len(doc) and doc[e + 1].text in ("Day", "Eve"):
            return False  # 'Valentine's Day', 'St Patrick's Day': a feast named after someone
        if prev is not None and prev.lower_ in rules["place_preps"] and not (
                nxt is not None and nxt.text in ("'s", "’s", "'", "’")):
            return False
    return True


#: members of a parliament, who are elected 'for' a constituency ('the MP for Sedgefield')
_MEMBERS = frozenset({"mp", "mps", "msp", "msps", "am", "mep", "meps", "mla", "td", "member"})


def _after_member_for(doc, i: int) -> bool:
    """Whether the name at token ``i`` is the constituency a member sits for: right after 'MP for', or after 'and' and
    the first name of a constituency of two ('the MP for Sittingbourne and Sheppey')."""
    k = i - 1
    if k > 1 and doc[k].lower_ == "and":
        k -= 1
        while k > 1 and doc[k].is_title:
            k -= 1
    return k > 0 and doc[k].lower_ == "for" and doc[k - 1].lower_ in _MEMBERS


def bodies_described(docs) -> set[str]:
    """Names, of any length, that the document itself describes as a company, club, band, work or place the
    model called a person: in apposition, either way round ('Diageo, the world's biggest spirits company', 'the
    games company, Lateral,'), as the subject of
    'be' ('Sohu is a "yellow edition"'), after the noun that names what it is ('the British bank Abbey
    National', 'analyst firm Gartner', 'the rock band Deep Purple'), or after a role and 'of' ('director
    general of Elspa', 'chief executive of BT Wholesale': a person holds a role of a body, not of a person)."""
    rules = _people_rules_raw()
    org, body_roles, not_before = rules["org_nouns"], rules["body_roles"], rules["org_nouns_not_before_names"]
    works = rules["work_nouns"]
    kinds = (org | works | rules["thing_nouns"] | _place_rules()["settlements"]) - rules["person_org_nouns"]
    out: set[str] = set()
    for doc in docs:
        which: set[str] = set()  # 'Diageo, which is listed on ...': whatever its length
        listed: set[str] = set()  # 'companies such as Maersk, Jysk and Lego', 'Foster's shares'
        personal: set[str] = set()  # 'Mr Howard', 'Ann, who ...': a person in this document
        for ent in doc_ents(doc):
            if ent.label_ != "PERSON":
                continue
            relative = _relative_pronoun_after(doc, ent)
            if relative == "who":
                personal.add(ent.text)
            elif relative == "which" and _which_is_the_names(ent):
                which.add(ent.text)
            root = ent.root
            before = doc[ent.start - 1] if ent.start > 0 else None
            quoted = before is not None and before.text in _OPENING_QUOTES and ent.start > 1
            if quoted:  # 'the ship "Boris Alexandrov"'
                before = doc[ent.start - 2]
            # (one word only: a list the parser reads as an apposition, 'Kelly Clarkson, The Game and the
            # Killers', would take a person's full name)
            if len(ent) == 1 and (any(c.dep_ == "appos" and c.lemma_.lower() in org for c in root.children) or (
                    root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in org
                    and root.head.i < root.i and not _names_a_person(root.head, rules)) or (
                    root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
                        c.dep_ == "attr" and c.lemma_.lower() in org for c in root.head.children))):
                out.add(ent.text)
            elif _described_as_work(root, works) or _after_the_work_noun(ent, before, works):
                out.add(ent.text)
            elif before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in org - not_before and (
                    quoted or root.head.i == before.i or before.head.i == root.i) and not _names_a_person(
                    before, rules) and (
                    not _after_title_chain(doc, before.i)):  # 'mayor of the city Ivan Fedorov'
                out.add(ent.text)
            elif before is not None and before.lower_ == "of" and root.head.i == before.i and (
                    before.head.lemma_.lower() in body_roles):
                out.add(ent.text)  # not 'over the head of Mr Brown', 'the wife of Johnny Cash', 'director of rugby X
            elif _works_at(ent):
                out.add(ent.text)
            elif _listed_under(ent, kinds) or _owns_a_bodys(ent, rules["owned_by_bodies"]) and not (
                    len(ent) > 1 and any_given_name(ent[0].text)):  # not 'Roman Abramovich's shares'
                listed.add(ent.text)
            elif _team_of(doc, ent, rules["team_roles"]) or _affiliation_in_brackets(doc, ent):
                out.add(ent.text)  # whatever is before it ('Former Chelsea captain Desailly': the captain's 'former')
        if which or listed:
            personal.update(ent.text for ent in doc_ents(doc) if ent.text in which | listed and (
                _person_word_before(ent[0]) or _role_apposition(ent.root)))
            # a surname the document writes after a given name ('Mikhail Khodorkovsky ... Khodorkovsky's shares')
            personal.update(ent[-1].text for ent in doc_ents(doc) if ent.label_ == "PERSON" and len(ent) > 1
                            and ent[-1].text in listed and any_given_name(ent[0].text))
        out |= {name for name in which - personal if not any(any_given_name(w) for w in name.split())}
        out |= listed - personal
    return out


def _works_at(ent) -> bool:
    """Whether the name is where a person works: the object of 'at' after an occupation, with nothing capitalised
    between ('an economist at UBS Brunswick', 'a research director at analyst Gartner', 'the other partners at Tods
    Murray'; not 'chief economist at the International Monetary Fund Simon Johnson', which parses so too)."""
    root = ent.root
    if root.dep_ != "pobj":
        return False
    at = root.head
    if not (at.lower_ == "at" and at.i < ent.start and at.head.i < at.i and at.head.lemma_.lower() in _occupations()):
        return False
    return all(t.is_lower or t.is_punct for t in ent.doc[at.i + 1:ent.start])


def _town_as_a_firm(span) -> bool:
    """Whether the document describes a town's name as a firm's here: after a noun of a body that names it ('water
    firm Suez', 'parent companies Paramount and Viacom'), listed under a plural noun of bodies ('carmakers, including
    Hyundai, Toyota and Ford'), or owning what only a body has ('Toyota's US sales', 'Asahi's chief executive'). Not
    a noun of a place ('cities such as Lviv', 'the region of Kherson')."""
    firms = _firm_words()
    doc, root = span.doc, span.root
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.is_lower and (
            before.lemma_.lower() in firms["nouns"] and (root.head.i == before.i or before.head.i == root.i)):
        return True
    return _listed_under(span, firms["nouns"]) or _owns_a_bodys(span, firms["owns"])


@lru_cache(maxsize=1)
def _firm_words() -> dict:
    """people.json's words for a firm named like a town: the org nouns that name a firm (no settlement's, no
    'not_firm_nouns'), what a firm owns ('owned_by_bodies' and 'firm_owns'), what one holds 'in' a firm, and the
    prepositions that make the name a place."""
    rules, places = _people_rules_raw(), load_json("people.json")["places"]
    return {"nouns": rules["org_nouns"] - _place_rules()["settlements"] - set(places["not_firm_nouns"]),
            "owns": rules["owned_by_bodies"] | set(places["firm_owns"]), "held": set(places["held_in_firms"]),
            "locative": set(places["locative_preps"])}


def _where_a_firm_is(span, after: set[str]) -> bool:
    """Whether a locative preposition or a place word marks a firm's town as the place itself ('prosecutors in Parma',
    'near Toyota', 'the Parma region'); not 'of' ('an officer of Toyota'), nor 'in' after what one holds in a firm
    ('shares in Toyota', 'a stake in Suez')."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in after:
        return True
    firms = _firm_words()
    if prev is None or prev.lower_ not in firms["locative"]:
        return False
    held = doc[prev.i - 1] if prev.i > 0 else None
    return not (prev.lower_ == "in" and held is not None and held.lower_ in firms["held"])


def _first_conjunct(tok):
    """The first item of the coordination ``tok`` stands in ('Maersk' for 'Lego' in 'Maersk, Jysk and Lego'); ``tok``
    itself where it is none or the first."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def _conjuncts(tok) -> list:
    """The items coordinated under ``tok``, however deep the parse nests them, depth first from the last."""
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _listed_under(ent, kinds: set[str]) -> bool:
    """Whether the name stands in a list that a plural noun of ``kinds`` names the members of (the patterns of Hearst,
    1992): 'companies such as Maersk, Jysk and Lego', 'drug companies, including Merck and Pfizer', 'browsers like
    Opera and Safari', 'Maersk, Jysk, Lego and many other companies', 'its customers include Boots, Burberry and
    Mothercare', 'O2 and Vodafone are among the operators'. A plural only: 'the group, including Ken Clarke' names
    people, one group."""
    root = ent.root
    first = _first_conjunct(root)
    noun = None
    if first.dep_ == "pobj" and first.head.lower_ in ("as", "including", "like"):
        prep = first.head
        if prep.lower_ != "as" or any(c.lower_ == "such" for c in prep.children) or (
                prep.i > 0 and ent.doc[prep.i - 1].lower_ == "such"):
            noun = prep.head.head if prep.head.lower_ == "such" else prep.head
    if noun is None and first.dep_ == "dobj" and first.head.lemma_ == "include":  # 'its customers include Boots'
        noun = next((c for c in first.head.children if c.dep_ == "nsubj"), None)
    if noun is None and first.dep_ == "nsubj" and first.head.lemma_ == "be":  # 'O2 and Vodafone are among the ...'
        among = next((c for c in first.head.children if c.dep_ == "prep" and c.lower_ == "among"), None)
        noun = next((c for c in among.children if c.dep_ == "pobj"), None) if among is not None else None
    if noun is None:  # '... and (many) other companies'
        noun = next((t for t in _conjuncts(first) if t.i > root.i and t.pos_ == "NOUN"
                     and any(c.lower_ == "other" for c in t.children)), None)
    return (noun is not None and noun.pos_ == "NOUN" and noun.tag_ == "NNS" and noun.is_lower
            and noun.lemma_.lower() in kinds)


def _owns_a_bodys(ent, owned: set[str]) -> bool:
    """Whether the name owns, or stands right before, a noun that only a body has: a possessive or a compound, with
    nothing but lower-case words between ('Wanadoo's chief executive', 'Yukos' largest shareholder', 'Yukos founder
    Mikhail Khodorkovsky', 'Krispy Kreme shares'). No person has a chairman, an owner or shareholders; a person has a
    spokesman ('a Blair spokesman'), a boss ('Rooney's boss') and a share of the vote, which are not such nouns."""
    root = ent.root
    if root.dep_ not in ("poss", "compound"):
        return False
    doc, head = ent.doc, root.head
    if head.i < ent.end or not (head.pos_ == "NOUN" and head.lower_ in owned):
        return False
    k = ent.end
    if root.dep_ == "poss" and k < len(doc) and doc[k].text in ("'s", "’s", "'", "’"):
        k += 1
    return all(t.is_lower for t in doc[k:head.i + 1])


def _affiliation_in_brackets(doc, ent) -> bool:
    """Whether a one-word name stands alone in brackets right after a proper noun, the end of a name: the team,
    party or country of a team sheet or a list of candidates ('S Best (Ulster), S Byrne (Leinster)'), not a
    person; not after a pronoun, where it says who that is ('He (Smith) would be the outstanding candidate')."""
    a, e = ent.start, ent.end
    return (len(ent) == 1 and a >= 2 and e < len(doc) and doc[a - 1].text == "(" and doc[e].text == ")"
            and doc[a - 2].text[:1].isupper() and doc[a - 2].pos_ == "PROPN")  # not 'He (Smith) would be'


def _team_of(doc, ent, roles: set[str]) -> bool:
    """Whether the name stands right before a role in a team, written in lower case, and a person's name follows
    the role ('Charlton defender Hermann Hreidarsson', 'Former Chelsea captain Desailly', 'Blackburn boss Mark
    Hughes'): the team's name. Not a possessive ('Rooney's boss'), nor a name of two words or more that opens with a
    given name."""
    k = ent.end
    if k + 1 >= len(doc) or not (doc[k].is_lower and doc[k].lower_ in roles):
        return False
    after = doc[k + 1]
    if not (after.ent_type_ == "PERSON" and after.ent_iob_ == "B"):
        return False
    return len(ent) == 1 or not any_given_name(ent[0].text)


def _relative_pronoun_after(doc, ent) -> str | None:
    """'which' or 'who' where a relative clause opens right after the name, after a comma or a dash at most
    ('Novartis, which last month forecast ...', 'Baikal - which bought ...')."""
    e = ent.end
    if e < len(doc) and doc[e].text in (",", "-", "–", "—"):
        e += 1
    if e < len(doc) and doc[e].lower_ in ("which", "who", "whom", "whose"):
        return "which" if doc[e].lower_ == "which" else "who"
    return None


def _which_is_the_names(ent) -> bool:
    """Whether a 'which' right after the name can be the name's own: not where the name stands inside another
    relative clause ('a trumpet which belonged to Dizzy Gillespie, which is expected to fetch ...') or after 'by'
    ('a book by journalist Robert Peston, which suggested ...'), where the clause is most likely the noun's before
    it. A person is 'who', a company, work or place 'which'."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "by" or root.dep_ == "agent":
        return False
    return not any(a.dep_ in ("relcl", "acl") for a in root.ancestors)


def _after_the_work_noun(ent, before, works: set[str]) -> bool:
    """Whether a name follows a work noun that 'the' opens, adjectives between at most, and is no subject of the verb
    after it: 'the musical Oliver!', 'the film Shakespeare in Love' (not 'In the book Tony Blair is a hero', 'the
    documentary Michael Moore made', nor 'his book Tony Blair': a possessive names the work's author)."""
    if (before is None or not before.is_lower or before.lemma_.lower() not in works
            or before.pos_ not in ("NOUN", "ADJ")):
        return False
    doc = ent.doc
    k = before.i - 1
    while k >= 0 and doc[k].pos_ == "ADJ" and doc[k].is_lower and before.i - k <= 2:
        k -= 1  # 'the hit musical', 'the stage musical' (a noun the tagger read as an adjective)
    if k < 0 or doc[k].lower_ != "the":
        return False
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return nxt is None or nxt.pos_ not in ("VERB", "AUX")


def _described_as_work(root, works: set[str]) -> bool:
    """Whether the name whose head is ``root`` is described as a work, whatever its length: in apposition to a work
    noun that a determiner or a possessive opens, either way round ('Vera Drake, Mike Leigh's tale about ...',
    'Fat Albert, a live-action adaptation of ...', 'David Mitchell's novel, Cloud Atlas'), or the subject of 'be' with
    one for its attribute ('Wolf Brother is an enchanting book'). A noun in lower case only, so that a list the parser
    reads as an apposition ('Kelly Clarkson, The Game and the Killers') takes no name; a person is described by the
    noun of a job, not of a work ('Mike Leigh, the film's director'). A possessive that opens the noun is a name's or a
    pronoun ('Mike Leigh's tale', 'his latest film'), not a common noun's ('Willie Rushden, superb children's
    programme', where the programme is another name's)."""
    def work(noun) -> bool:
        return (noun.pos_ == "NOUN" and noun.is_lower and noun.lemma_.lower() in works
                and any(c.dep_ == "det" or c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON") for c in noun.children))

    while root.dep_ == "compound" and root.head.i == root.i + 1 and root.head.pos_ == "PROPN":
        root = root.head  # the model tagged only the first word: 'Wolf' of 'Wolf Brother is ...'
    if any(c.dep_ == "appos" and c.i > root.i and work(c) for c in root.children):
        return True
    if root.dep_ == "appos" and (head := root.head).i < root.i and work(head) and (
            root.doc[head.i + 1].text == "," and root.left_edge.i == head.i + 2):
        return True  # the other way round, right after the noun and a comma: 'David Mitchell's novel, Cloud Atlas,
        # makes it' (not 'In his book Tony Blair is a hero', nor a quotation's noun far before its speaker, which
        # parse so too)
    return root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
        c.dep_ == "attr" and work(c) for c in root.head.children)


def _names_a_person(noun, rules) -> bool:
    """'producer Andi Peters', 'film-maker Spike Lee': an org noun that, so modified, is a person's job."""
    if noun.lemma_.lower() not in rules["person_org_nouns"]:
        return False
    # what kind of producer: 'car maker' is a company, 'film-maker', 'fellow producer' a person; a name or a
    # nationality says nothing ('Final Wars producer', 'Dutch film maker')
    mods = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
            and c.pos_ != "PROPN" and c.ent_type_ != "NORP"}
    if noun.i > 1 and noun.doc[noun.i - 1].text == "-":
        mods.add(noun.doc[noun.i - 2].lower_)
    return not mods or bool(mods & rules["person_org_modifiers"])


def non_people(docs, bodies: set[str] | None = None) -> set[str]:
    """Words the model calls a person somewhere in one document but more often something else
    there (an organization, a place, a work: 'Altria', 'Konami'), or that the document describes
    as a company, club, film... in apposition ('Diageo, the world's biggest spirits company') or
    as the subject of 'be' ('Sohu is a "yellow edition"'): :func:`bodies_described`, or ``bodies`` where the
    caller has it already; and one-word names written right before one of ``thing_nouns`` ('Patriot systems', 'its
    Westfalen stadium', 'the Nobel prize')."""
    rules = _people_rules_raw()
    labels = rules["other_labels"]
    things = rules["thing_nouns"]
    person: Counter = Counter()
    other: Counter = Counter()
    named_things = set()  # 'Patriot systems', 'its Westfalen stadium', 'the Nobel prize'
    for doc in docs:
        for ent in doc_ents(doc):
            if ent.label_ == "PERSON":
                person[ent.text] += 1
                if len(ent) == 1 and ent.end < len(doc) and doc[ent.end].lower_ in things and doc[ent.end].is_lower:
                    named_things.add(ent.text)
                elif ent.end < len(doc) and _names_a_thing(ent, things):  # (the thing's noun comes after)
                    named_things.add(ent[0].text)
            elif ent.label_ in labels:
                other[ent.text] += 1
    return (bodies_described(docs) if bodies is None else bodies) | named_things | {
        t for t, n in other.items() if n > person[t]}


def _names_a_thing(ent, things: set[str]) -> bool:
    """Whether the one capitalised word that opens ``ent`` modifies a thing noun written in lower case after it, over
    lower-case words the model ran into the name ('Javelin anti-tank missile systems'), or stands in a pair whose other
    word does ('Javelin and NLAW anti-tank missile systems')."""
    doc = ent.doc
    first = ent[0]
    if not first.is_title or any(t.text[:1].isupper() for t in ent[1:]):
        return False

    def modifies_a_thing(t) -> bool:
        for _ in range(4):
            if t.dep_ not in ("compound", "nmod", "amod") or t.head.i <= t.i:
                return False
            t = t.head
            if t.is_lower and t.lower_ in things:
                return True
        return False

    if modifies_a_thing(first):
        return True
    k = ent.end
    return (k + 1 < len(doc) and doc[k].lower_ == "and" and doc[k + 1].text[:1].isupper()
            and modifies_a_thing(doc[k + 1]))


def numbered_names(docs) -> set[str]:
    """Names of two words or more, none a given name, that the document writes with a number right after them: a
    product, a project or a sequel ('Nord Stream 2', 'Battlefield Vietnam 2'), tagged as a person or, with its number,
    as something else; no person's name is followed so (a score, '6-4', or a goal's minute after a surname alone,
    'Rooney 23', are not this)."""
    out = set()
    for doc in docs:
        for ent in doc_ents(doc):
            words = ent.text.split()
            if ent.label_ == "PERSON":
                nxt = doc[ent.end] if ent.end < len(doc) else None
                after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
                if (nxt is not None and nxt.is_digit and len(nxt.text) <= 3 and nxt.whitespace_
                        and not (after is not None and after.text in ("-", "–", ":", ".", "/"))):
                    out.add(ent.text)
            elif len(words) >= 3 and words[-1].isdigit() and len(words[-1]) <= 3:
                out.add(" ".join(words[:-1]))  # 'Nord Stream 2' tagged whole as an organization
    return {n for n in out if len(n.split()) >= 2 and not any(any_given_name(w) for w in n.split())}


#: the entity labels of a name with a number that stands for a body, a project or a product ('Nord Stream 2'); not
#: an event ('World War 2'), a work or a date
_NAMED_THINGS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT"})


def numbered_mentions(docs, numbered: set[str], bases: list[int], sent_bases: list[int], kinds: list[str]) -> list:
    """Mentions of kind ``organization`` of the :func:`numbered_names` in the body's unit docs, wherever the model
    tagged one, with its number ('Nord Stream 2') or without it: what the corpus refresh reads as evidence that the
    name is no person's (:func:`alliancecli.store.bodies_named_as_people`)."""
    names = {n for n in numbered if all(w[:1].isupper() for w in n.split())}  # not 'the age of' (18), 'at least' (5)
    out = []
    for k, doc in enumerate(docs):
        if kinds[k] != "body":
            continue
        for ent in doc_ents(doc):
            if ent.label_ not in _NAMED_THINGS:
                continue  # not a date ('About February 24', 'Tomorrow, March 3')
            skip = 4 if ent.text.startswith(("the ", "The ")) else 0  # 'the Nord Stream 2'
            text = ent.text[skip:]
            name = next((n for n in names if text == n or text.startswith(n + " ")), None)
            if name is not None:
                start = bases[k] + ent.start_char + skip
                out.append(Mention("organization", name, name, start, start + len(name), k,
                                   sent_bases[k] + _sent_index(doc, ent.start), ent.root.i, None))
    return out


def _namey(t) -> bool:
    lex = lexicon()
    return (t.pos_ == "PROPN" and bool(NAME_TOKEN.match(t.text)) and t.ent_type_ not in PLACE_LABELS
            and t.lower_ not in lex["titles"] and t.lower_ not in lex["roles"] and t.lower_ not in lex["org_words"]
            and t.lower_ not in _name_prefixes()
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
    sides, hosts = title_sides(doc, start)

    def country_of(t):
        if t.i in hosts:  # 'Ambassador of Israel to Ukraine Michael Brodsky': Ukraine is where he serves
            return None
        if start <= t.i < end:  # a word of the name ('German Galushchenko')
            return None
        return t.ent_id_ if t.ent_type_ == "COUNTRY" else body_of(t)

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
    # the person is in apposition to a role noun: "the Kyrgyz President, Askar Akaev"
    if head.dep_ == "appos" and head.head.lemma_.lower() in lex["roles"] | lex["titles"]:
        found = via_role(head.head)
        if found:
            return found
    # the person is the object of a role noun's 'of': "the President of Russia Vladimir Putin"
    if head.dep_ == "pobj" and head.head.head.lemma_.lower() in lex["roles"]:
        found = via_role(head.head.head)
        if found:
            return found
    # a long title the parser broke up: read as written, the first side it names
    return sides[0] if sides else None


TITLE_CONNECTORS = frozenset({"of", "to", "for", "on", "the", "and", "'s", "’s", "-"})


def title_sides(doc, start: int, reach: int = 16) -> tuple[list[str], set[int]]:
    """The countries and bodies named in the title written right before the name at token ``start``, as
    written: ('Adviser to the President of the Republic of Estonia on Foreign Affairs Celia Kuningas-Saagpakk'
    -> Estonia), and the tokens of those an envoy's title names as the host ('Ambassador of the United Kingdom
    to Ukraine Melinda Simmons', 'the Head of the EU Delegation to Ukraine', 'U.S. Ambassador to Russia'): an
    envoy acts for who sends them, never for where they serve.

    The title is the run of capitalised words, country and body names and the small words titles are written
    with ('of', 'to', 'the', 'and', 'on') that ends at the name, stops at another person's name, and holds a
    role or title word; without one there is no title and nothing is read."""
    lex = lexicon()
    i = start - 1
    while i >= 0 and start - i <= reach:
        t = doc[i]
        if t.is_punct and t.text != "-":
            break
        if t.lower_ == "and" and i + 1 < start and (doc[i + 1].ent_type_ in ("COUNTRY", "BLOC") or doc[
                i + 1].lower_ in lex["roles"] | lex["titles"]):
            break  # 'Russian President Vladimir Putin and Kazakh President …': another person's title
        if t.ent_type_ == "PERSON" and not (doc[i + 1].lower_ == "and" and i + 1 < start):
            break  # another person's name ends it, not a title word the model took for one ('Extraordinary and')
        if not (t.lower_ in TITLE_CONNECTORS or t.ent_type_ in ("COUNTRY", "BLOC")
                or (t.text[:1].isupper() and not t.is_stop and t.pos_ in ("PROPN", "NOUN", "ADJ"))):
            break
        i -= 1
    chain = [t for t in doc[i + 1:start]]
    while chain and chain[0].lower_ in TITLE_CONNECTORS:
        chain.pop(0)
    if not any(t.lemma_.lower() in lex["roles"] | lex["titles"] for t in chain):
        return [], set()
    sides: list[str] = []
    hosts: set[int] = set()
    envoy = False  # an envoy's title is open, so its 'to'/'in' names the host
    host_next = False
    for t in chain:
        low = t.lemma_.lower()
        if low in lex["envoys"]:
            envoy = True
        elif low in lex["roles"] | lex["titles"]:
            envoy = False
        if envoy and t.lower_ in lex["envoy_host_preps"]:
            host_next = True
            continue
        side = t.ent_id_ if t.ent_type_ in ("COUNTRY", "BLOC") else None
        if side is None and t.ent_type_ in ("ORG", "NORP", ""):
            side = body_of(t)
        if side is None:
            if not (t.lower_ in TITLE_CONNECTORS or t.ent_iob_ == "I"):
                host_next = False
            continue
        if host_next:
            hosts.add(t.i)
        elif side not in sides:
            sides.append(side)
    return sides, hosts


@lru_cache(maxsize=1)
def _bodies() -> dict[str, str]:
    return dict(load_json("people.json")["bodies"])


def body_of(t) -> str | None:
    """The body (EU, NATO, the UN, ...) that the word ``t`` names, if it names one: a bloc of the
    gazetteer or an institution of ``people.json``'s 'bodies' ("the European Commission")."""
    if t.ent_type_ == "BLOC":
        return t.ent_id_
    if t.ent_type_ not in ("ORG", "NORP", ""):
        return None
    bodies = _bodies()
    ent = next((e for e in doc_ents(t.doc) if e.start <= t.i < e.end), None) if t.ent_type_ else None
    texts = [t.text]
    if ent is not None:
        toks = [x for x in ent if x.lower_ != "the"]
        texts.insert(0, " ".join(x.text for x in toks))
    elif t.i > 0:  # "European Commission" outside an entity: the compound before the head
        left = [c for c in t.lefts if c.dep_ in ("compound", "amod") and c.text[:1].isupper()]
        if left:
            texts.insert(0, " ".join(x.text for x in left + [t]))
    for x in texts:
        if x in bodies and (x[:1].isupper()):
            return bodies[x]
    return None


def country_for(doc, start: int, end: int) -> str | None:
    """The side a person named at tokens ``start:end`` of ``doc`` acts for, from evidence only.

    Evidence is the text's own link between the name and a country or body: a title or role
    ("Foreign Minister of Kazakhstan Roman Vasilenko", "Kazakh President Tokaev"), an apposition
    ("Roman Vasilenko, Deputy Foreign Minister of Kazakhstan"), a possessive ("Ukraine's
    ambassador"), or an institution that acts for a body ("President of the European Commission
    Ursula von der Leyen" -> "EU", "NATO Secretary General" -> "NATO"): officials of the EU, NATO
    or the UN act for their body, never for a country.  A country that merely shares the sentence
    ("Michel discussed Egypt") is no evidence and gives None.  Corpus consensus for a person is
    :func:`consensus_country`.
    """
    return person_country(doc, start, end)


def consensus_country(countries: list[str | None]) -> str | None:
    """The side a person acts for across the corpus: the one the evidence of their mentions names
    most often (ties: the first named), None when no mention carries evidence."""
    counts = Counter(c for c in countries if c)
    if not counts:
        return None
    best = max(counts.values())
    return next(c for c in countries if c and counts[c] == best)


def is_patronymic(words: list[str], first_names: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether two words are a first name and a patronymic ("Dmitry Sergeevich", "Tetyana Mykolaivna"): the second
    ends as a patronymic (``patronymic_suffixes``), or with an ending that many surnames share
    (``patronymic_suffixes_formed``: "Anton Korynevych", "Viktor Yanukovych") and is formed from a given name, one of
    the ``nicknames`` package or the census or of ``first_names`` (lower case; the first names of the document's or
    the corpus's full names: "Oleksandrovych")."""
    if len(words) != 2:
        return False
    low = words[1].lower()
    if low.endswith(lexicon()["patronymics"]):
        return True
    suffix = next((x for x in lexicon()["patronymics_formed"] if low.endswith(x)), None)
    if suffix is None:
        return False
    stem = low[:-len(suffix)]
    # the given name before the ending, as written or with the vowel the ending took off ('Mykola' + 'ivna',
    # 'Sergei' + 'evich', 'Andriy' + 'ovych' keeps it)
    forms = {stem, stem + "a", stem + "i", stem + "y", stem + "iy", stem + "ei", stem + "e"}
    forms |= {f[:-1] for f in forms if f.endswith("y") and len(f) > 3}
    return any(any_given_name(f) or f in first_names for f in forms if len(f) >= 3)


def _first_names(names) -> frozenset[str]:
    """The first words of the names of two words or more, lower case: the corpus's own given names."""
    return frozenset(n.split()[0].lower() for n in names if len(n.split()) >= 2)


def name_parts(name: str) -> list[str]:
    """The words of a person's name without the generational suffix after the surname ("Joseph R. Biden Jr." ->
    Joseph, R., Biden; people.json 'generational_suffixes'), so that the surname is the surname."""
    parts = name.split()
    suffixes = _generational_suffixes()
    while len(parts) > 2 and parts[-1].lower().strip(".,") in suffixes:
        parts.pop()
    return parts


@lru_cache(maxsize=1)
def _generational_suffixes() -> frozenset[str]:
    return frozenset(load_json("people.json")["generational_suffixes"])


def canonical_people(names: list[str]) -> dict[str, str]:
    """Map each person name of one document to its canonical form.

    A surname alone, or a first name with a patronymic ("Dmitry Sergeevich"), resolves to
    the one full name that ends (or starts) with it; where several full names share a
    surname, the one mentioned most often wins, and of those the one the document names first (an
    article names its subject before others of that surname: "Jeb Bush", then "his brother, George W. Bush").
    """
    counts = Counter(names)
    first = {n: i for i, n in enumerate(counts)}  # a Counter keeps the order its keys first came in
    given = _first_names(counts)
    full = [n for n in counts if len(n.split()) >= 2 and not is_patronymic(n.split(), given)]
    by_last: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for n in full:
        parts = name_parts(n)
        by_last[_key(parts[-1])].append(n)
        by_first[_key(parts[0])].append(n)
    # a longer full name absorbs a shorter one with the same last name ("Vladimir Putin" <- "Putin")
    out: dict[str, str] = {}
    for n in counts:
        parts = n.split()
        cands: list[str] = []
        if is_patronymic(parts, given):
            cands = by_first.get(_key(parts[0]), [])
        elif len(parts) == 1:
            cands = by_last.get(_key(parts[0])) or by_first.get(_key(parts[0]), [])
        else:
            # (a particle capitalised where the first name is dropped: "Van Persie" <- "Robin van Persie")
            longer = [f for f in by_last.get(_key(parts[-1]), []) if len(f.split()) > len(parts)
                      and f.lower().endswith(" " + n.lower())]
            # or the first words of the one name a word longer that starts with them ("Juan Carlos" <- "Juan Carlos
            # Ferro"; not a headline's "Marco Rubio Responds To Question")
            starts = [f for f in full if len(f.split()) == len(parts) + 1 and f.lower().startswith(n.lower() + " ")]
            cands = longer or (starts if len(starts) == 1 else [])
        if cands:
            out[n] = max(cands, key=lambda f: (counts[f], -first[f]))
        else:
            out[n] = n
    return out


def written_full_names(docs, names: set[str]) -> dict[str, str]:
    """For one-word person names of a document, the full name the document writes them in where the model tagged
    no person: the one name word right before the word ('… before Ramon Ortez faces …' gives "Ortez" its first
    name). Only a name written with one first name in the document is mapped; the word before must look like a
    name (a proper noun, no title, no place) and not be a common word starting its sentence ('Yesterday Ortez')."""
    lex = lexicon()
    common = common_words()
    found: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for t in doc:
            if t.i == 0 or t.text not in names:
                continue
            prev = doc[t.i - 1]
            if (not _namey(prev) or prev.ent_type_ in ("GPE", "LOC", "NORP", "FAC") or prev.whitespace_ != " "
                    or prev.is_upper or any(ch.isdigit() for ch in prev.text)  # 'UCL Carter', 'XR-7 Carter'
                    or prev.lower_ in lex["roles"] or _place_word(prev.text) and not any_given_name(prev.text)
                    or _plural_title(prev)  # 'Lord Justices Clarke'
                    or _brand_case(prev.text)  # (a town named like a first name, untagged: "Sweden's Carolina Kluft")
                    or _starts_sentence(prev) and prev.lower_ in common):
                continue
            found[t.text].add(prev.text + " " + t.text)
    return {n: next(iter(forms)) for n, forms in found.items() if len(forms) == 1}


def _key(word: str) -> str:
    return re.sub(r"(?:'s|’s)$", "", word).lower()


# -- one person across the corpus --------------------------------------------------------


def name_key(word: str) -> str:
    """A spelling-neutral key for one name word: lower case, no accents, common transliteration
    variants folded ("Kassym" and "Qasim" -> "kasim", "Aleksandr" -> "alexandr", "Dmitry" -> "dmitri")."""
    w = _plain(_key(word))
    for a, b in _translit():
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=1)
def _translit() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(p) for p in load_json("people.json")["transliteration"])


def _skeleton(key: str) -> str:
    """The consonants of a name key: transliterations mostly differ in vowels ("Lukashenka")."""
    return re.sub(r"[aeiouy]", "", key)


def similar_surnames(a: str, b: str) -> bool:
    """Two surname keys that spell one name: equal, the same consonants in the same order with a
    close spelling ("tokaev"/"tokaiev", "lukashenko"/"lukashenka"), the same letters in another
    order ("kalushenko"), or a one-letter slip in a long name.  "Johnson" and "Johnston" differ."""
    from rapidfuzz import fuzz

    if a == b:
        return True
    rules = _people_rules()
    if min(len(a), len(b)) < rules["min_fuzzy_length"]:
        return False
    ratio = fuzz.ratio(a, b)
    if _skeleton(a) == _skeleton(b) and ratio >= rules["same_consonants_ratio"]:
        return True
    if len(a) == len(b) >= rules["anagram_min_length"] and sorted(a) == sorted(b) and ratio >= rules["anagram_ratio"]:
        return True
    return min(len(a), len(b)) >= rules["long_name_length"] and ratio >= rules["long_name_ratio"]


def similar_index(keys: set[str]) -> dict[str, set[str]]:
    """For each surname key, the other keys that :func:`similar_surnames` accepts.

    Only keys that share a consonant skeleton or a multiset of letters, or are long, can
    match, so those blocks are compared and nothing else (rapidfuzz's ``cdist`` for long ones).
    """
    from rapidfuzz import fuzz, process

    blocks: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        blocks["s:" + _skeleton(k)].append(k)
        blocks["a:" + "".join(sorted(k))].append(k)
    out: dict[str, set[str]] = defaultdict(set)
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if similar_surnames(a, b):
                    out[a].add(b)
                    out[b].add(a)
    rules = _people_rules()
    long = sorted(k for k in keys if len(k) >= rules["long_name_length"])
    if len(long) > 1:
        scores = process.cdist(long, long, scorer=fuzz.ratio, score_cutoff=rules["long_name_ratio"])
        for i, j in zip(*scores.nonzero()):
            if i != j:
                out[long[i]].add(long[j])
    return out


def _same_first_name(a: str, b: str) -> bool:
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if len(a) > 1 and a.replace("h", "g") == b.replace("h", "g"):
        return True  # Ukrainian 'г' is romanised 'h', Russian 'g': Olha/Olga, Ihor/Igor, Oleh/Oleg
    return len(a) > 1 and len(b) > 1 and similar_surnames(a, b)


def familiar_forms(a: str, b: str) -> bool:
    """Two first names that are a given name and its familiar form ("Joseph" and "Joe", "William" and "Bill",
    "Edward" and "Ted"), from the ``nicknames`` package's hand-kept list of English names: only a pair it
    lists, and only where the familiar form is the shorter (the list also links names that merely share a root,
    "Will" and "Fred"). It holds a few forms of one name in other languages too ("John", "Ian"): like spelling
    variants, such names join only where no document writes both."""
    a, b = _plain(a), _plain(b)
    if a == b or not a or not b:
        return False
    short, full = sorted((a, b), key=len)
    return len(short) < len(full) and short in _nicknamer().nicknames_of(full)


def _plain(word: str) -> str:
    """A name word in lower case, without accents or anything that is not a letter."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if ch.isalpha())


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=1)
def _people_rules() -> dict:
    return dict(load_json("people.json")["fuzzy"])


_COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam"})


@lru_cache(maxsize=1)
def _title_modifiers() -> frozenset[str]:
    """Words that qualify a title and are none themselves: 'former', 'acting', 'deputy', 'vice'."""
    raw = load_json("attribution.json")
    return (frozenset(raw["role_other_modifiers"]) | frozenset(raw["role_ignored_modifiers"])) - {"the", "a", "an"}


def title_abbreviation(word: str) -> str | None:
    """The title an abbreviation stands for ('Gov.' -> 'governor', ``title_abbreviations`` in ``attribution.json``),
    or None."""
    return load_json("attribution.json")["title_abbreviations"].get(word.rstrip(".").lower())


def title_before(text: str) -> str | None:
    """The title or role written right before a name, from the ``text`` that precedes it: 'president' in 'U.S.
    President Joseph Biden' and in 'President of the United States Joseph Biden', 'lady' in 'First Lady Jill
    Biden' (lower case, abbreviations spelled out: 'Gov.' -> 'governor'), or None."""
    lex = lexicon()
    # back over the body or country the title is of: 'President of the United States Joseph Biden'
    for n, word in enumerate(reversed(re.findall(r"[\w'’-]+\.?", text)[-8:])):
        low = title_abbreviation(word) or word.rstrip(".").lower()
        if low in _COURTESY_TITLES or low in _title_modifiers():
            return None  # 'Mr', 'Dr': anyone's; 'the former Yukos': no title
        if low in lex["titles"] or low in lex["roles"]:
            return low
        # a capitalised name of what the title is of, joined by 'of', 'the', 'and' ('President of the United
        # States'); a name right after 'of' is what a role is of ('the head of Yukos'), not who holds it
        if not (word[:1].isupper() or n and low in ("of", "the", "and", "for")):
            return None
    return None


def join_people(counts: dict[str, int], documents: dict[str, set] | None = None,
                keep_apart: set[str] = frozenset(), titles: dict[str, set[str]] | None = None) -> dict[str, str]:
    """Map every person name of the corpus to one canonical name.

    ``counts`` holds each name (as resolved within its document) with its number of mentions;
    ``documents`` the documents each name occurs in.  Full names join when they fold to one
    transliteration key (:func:`name_key`: "Mykhailo Podolyak", "Mykhailo Podoliak"), or when their
    surnames are spelling variants of each other, their first names too or a given name and its familiar form
    (:func:`familiar_forms`: "Joseph Biden", "Joe Biden"), and they never occur in the same
    document (an article that writes both "Ian Smith" and "Iain Smith" means two people); two full names
    that differ otherwise stay apart.  A surname alone, or a first name with a patronymic, joins
    the one person whose full name it fits (an exact spelling first, a variant failing that);
    lone names that fit nobody join each other.  Where the surname fits several people ("Biden": Joseph and Jill
    Biden), the titles written before the names (``titles``, from :func:`title_before`) decide when only one of
    them was ever given a title the lone name is given ("President Biden": the Biden the corpus calls
    president).  The most mentioned full name is canonical.  Names in ``keep_apart`` map to themselves.
    """
    documents = documents or {}
    titles = titles or {}
    keys = {n: [name_key(w) for w in name_parts(n)] for n in counts}
    keys = {n: k for n, k in keys.items() if k and all(k)}
    # a word before a full name of the corpus that is no given name is a descriptor the model took into the name
    # ('Welshman Jimmy Watkins', 'Defiant Matt Williams', 'Blairite Alan Milburn'): that person, by the name without it
    described = {n: tail for n in keys if n not in keep_apart and (tail := _without_descriptor(n, counts)) in keys}
    opening = Counter(n.split()[0].lower() for n in keys if len(n.split()) >= 2)
    described.update({n: tail for n in keys if n not in keep_apart and n not in described
                      and (tail := _body_word_before_a_first_name(n, opening))})
    order = sorted((n for n in keys if n not in keep_apart and n not in described),
                   key=lambda n: (-counts[n], -len(n), n))
    given = _first_names(counts)
    full = [n for n in order if len(keys[n]) >= 2 and not is_patronymic(n.split(), given)]
    lone = [n for n in order if n not in set(full)]

    clusters: list[list[str]] = []
    by_surname: dict[str, list[int]] = defaultdict(list)

    similar = similar_index({k[-1] for k in keys.values()})

    def candidates(surname: str, exact_first: bool = False, alone: str | None = None) -> list[int]:
        exact = list(dict.fromkeys(by_surname.get(surname, [])))
        if exact_first and exact:
            return exact
        out = dict.fromkeys(exact)
        for s in similar.get(surname, ()):
            out.update(dict.fromkeys(c for c in by_surname.get(s, []) if alone is None or _variant_of(alone, s, c)))
        return list(out)

    def _variant_of(alone: str, s: str, c: int) -> bool:
        # a surname alone that is a surname of the 1990 US census is a family of its own, not another spelling of
        # one ('Malone' and 'Maloney' of one team sheet are two players); across articles the other spelling must
        # be none either, so that only transliterations join ('Lukashenka'; not 'Forrester' to Sara Forestier,
        # 'Ulster' to Tony Lester); in one article a misspelling joins the name it misspells ('Barrioneuvo')
        census = _census_surnames()
        if _plain(alone.split()[-1]).lower() in census:
            return False
        mine = documents.get(alone, set())
        return any(mine & documents.get(m, set()) for m in clusters[c]) or not any(
            keys[m][-1] == s and _plain(name_parts(m)[-1]).lower() in census for m in clusters[c])

    def same_person(a: str, b: str) -> bool:
        ka, kb = keys[a], keys[b]
        if ka == kb:  # one name in two romanisations ("Podolyak", "Podoliak"), even in one document
            return True
        if not similar_surnames(ka[-1], kb[-1]) or not (
                _same_first_name(ka[0], kb[0]) or familiar_forms(a.split()[0], b.split()[0])):
            return False
        # middle initials that differ: 'George W. Bush', 'George P. Bush' (not 'Hillary Rodham Clinton', 'Hillary
        # Diane Rodham Clinton')
        if len(ka) > 2 and len(kb) > 2 and len(ka[1]) <= 2 and len(kb[1]) <= 2 and ka[1][:1] != kb[1][:1]:
            return False
        initial = (len(ka[0]) == 1) != (len(kb[0]) == 1)
        shared = bool(documents.get(a, set()) & documents.get(b, set()))
        if initial and not shared and (ka[-1] != kb[-1] or _plain(b.split()[-1]).lower() in _census_surnames(
                _people_rules()["initial_join_max_surname_rank"])):
            # across articles an initial fits only the same spelling of a rarer surname: 'R Williams' and 'J Hayes' of
            # rugby team sheets are no Robbie Williams or Joanna Hayes, 'B Liebenberg' is Brian Liebenberg
            return False
        if ka[-1] == kb[-1] and initial:
            return True  # an initial abbreviates the name it fits, in one article too ('Joseph Biden', 'J. Biden')
        return not shared

    def add(n: str, ci: int | None):
        if ci is None:
            clusters.append([n])
            ci = len(clusters) - 1
        else:
            clusters[ci].append(n)
        by_surname[keys[n][-1]].append(ci)

    for n in full:
        ci = next((c for c in candidates(keys[n][-1]) if all(same_person(n, m) for m in clusters[c])), None)
        add(n, ci)
    n_full = len(clusters)
    for n in lone:
        k = keys[n]
        if len(k) == 2:  # first name and patronymic
            cands = [c for c in range(n_full) if any(keys[m][0] == k[0] for m in clusters[c])]
        else:
            cands = [c for c in candidates(k[-1], exact_first=True, alone=n) if c < n_full]
            if cands and not by_surname.get(k[-1]) and any_given_name(n):
                cands = []  # a first name alone is no misspelt surname: 'Dominic' (Grieve) is not 'Dominici'
            if len(cands) > 1 and titles.get(n):  # 'President Biden': the one Biden ever titled president
                titled = [c for c in cands if any(titles.get(m, set()) & titles[n] for m in clusters[c])]
                cands = titled if len(titled) == 1 else cands
            if len(cands) != 1:  # no full name fits, or several: join a lone spelling of it
                cands = [c for c in candidates(k[-1], exact_first=True, alone=n) if c >= n_full]
        add(n, cands[0] if len(cands) == 1 else None)

    out = {n: n for n in counts}
    full_names = set(full)
    clustered = {m for members in clusters for m in members}
    for members in clusters:
        # the most mentioned full name with a first name written out ("Gordon Bulloch", not
        # "G Bulloch"), or the most mentioned spelling
        named = [m for m in members if m in full_names] or members
        canonical = max(named, key=lambda m: (len(keys[m][0]) > 1, counts[m], len(m), m))
        for m in members:
            out[m] = canonical
    for n, tail in described.items():
        out[n] = out[tail] if tail in clustered else tail
    return out


def _body_word_before_a_first_name(name: str, opening: Counter) -> str | None:
    """The name that ``name`` writes after the last word of a body's name ('the State Geocadastre' + 'Serhiy
    Zavadsky', 'JSC Ukrzaliznytsia' + 'Oleksandr Kamyshin'), where its second word is a first name the corpus writes
    first in three names or more (``opening`` counts the first words of its names) and its first word opens no other
    name, is no given name of the lists and no census surname; not a name written surname first before a patronymic
    ('Baranyuk Volodymyr Anatoliyovych', 'Hutsol Volodymyr Volodymyrych')."""
    words = name.split()
    if len(words) < 3 or not words[0][:1].isupper() or not words[1][:1].isupper() or any_given_name(_plain(words[0])):
        return None  # (not a particle: 'Jeroen van der Veer')
    patronymics = lexicon()["patronymics"] + lexicon()["patronymics_formed"] + ("ych",)  # 'Volodymyrych' too
    if opening[words[0].lower()] > 1 or opening[words[1].lower()] < 4 or words[0].lower() in _census_surnames() \
            or any(w.lower().endswith(patronymics) for w in words[1:]):
        return None
    return " ".join(words[1:])


def _without_descriptor(name: str, counts: dict[str, int]) -> str | None:
    """The full name that ``name`` writes after one word that is no part of it, where the corpus names that person so
    too: a first word that is no given name (nor a census surname) before a given name ('Texan Michael Chicoine',
    'Springboks John Smit'), a common English word, or one the corpus mostly leaves out ('Sprinters Kostas Kenteris'
    7 times, 'Kostas Kenteris' 54); not a given name the lists lack, which the corpus writes as often ('Arjan De
    Zeeuw' twice, 'De Zeeuw' once)."""
    words = name.split()
    if len(words) < 3 or not words[0][:1].isupper() or any_given_name(words[0]):
        return None
    tail = " ".join(words[1:])
    if tail not in counts or words[0].lower() in _census_surnames():
        return None
    first = words[0].lower()
    common = first in common_words() or _common_plural(first)
    return tail if any_given_name(words[1]) or common or counts[tail] > counts[name] else None


# -- places below the country ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _place_rules() -> dict:
    raw = load_json("people.json")
    r = raw["places"]
    return {"before": set(r["before"]), "after": set(r["after"]), "min_population": int(r["min_population"]),
            "small_town_population": int(r["small_town_population"]), "instruments": set(r["instruments"]),
            "honorifics": set(r["honorifics"]), "not_starts": set(raw["not_name_starts"]),
            "particles": set(raw["name_particles"]), "settlements": set(r["settlement_nouns"])}


def named_settlements(docs) -> set[str]:
    """Names the model calls a person that the document writes as a settlement's or a street's, after one of
    ``settlement_nouns`` and 'of', or in a list so introduced ('the villages of Bohdanivka and Nova Bohdanivka',
    'the town of Borodyanka', 'the streets of Culture, Shevchenko and Darwin'), or as one item of a list whose two or
    more other items are all places ('visited Bucha, Borodyanka and Dmytrivka in the Kyiv region'; a name with a given
    name in it, or a team sheet, is kept): a place, never a person, whether or not the gazetteer knows it."""
    from . import gazetteer

    nouns = _place_rules()["settlements"]
    gaz = gazetteer.places()
    out = set()
    for doc in docs:
        places_at = {e.root.i: e for e in doc_ents(doc)}
        for ent in doc_ents(doc):
            if ent.label_ != "PERSON":
                continue
            root = _first_conjunct(ent.root)
            if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in nouns:
                out.add(ent.text)
            elif _listed_with_places(ent, root, places_at, gaz):
                out.add(ent.text)
    return out


def _listed_with_places(ent, top, ents_at: dict, gaz) -> bool:
    """Whether the one-word ``ent`` is one item of a coordination (from its first item ``top``) whose two or more other
    items are all places: a country, or a name the gazetteer places; not a given name, a name after a title, nor an item
    of a team sheet (:func:`_in_list_of_names`)."""
    others = [t for t in [top, *_conjuncts(top)] if not ent.start <= t.i < ent.end]
    if len(ent) != 1 or len(others) < 2 or any_given_name(ent.text) or _person_word_before(ent[0]):
        return False  # one word, no title before it: not 'President of Ukraine Volodymyr Zelenskyy and President of
        # Estonia Alar Karis', which parses as such a list

    def place(t) -> bool:  # the gazetteer's, not the tagger's word alone ('Caravaggio, Stubbs and Rubens')
        e = ents_at.get(t.i)
        return e is not None and e.label_ == "COUNTRY" or gaz.lookup(e.text if e is not None else t.text) is not None
    return all(place(t) for t in others) and not _in_list_of_names(ent, gaz)


PLACE_ENT_LABELS = {"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"}


def sub_places(docs: list, bases: list[int], sent_bases: list[int], unplaced: set[str] | None = None,
               settled: set[str] | None = None) -> list[Mention]:
    """Cities and regions of one document (``places.json``), as mentions of kind ``place`` with the
    country the gazetteer puts them in (never the country of a neighbouring word).

    A span the model calls a place (GPE, LOC) is a place when the gazetteer knows it.  A span it
    calls a person or organization ("Kherson", "Near Kharkiv") is a place when the gazetteer knows
    it, it is no word of a longer person name in the document and follows no title, and either a
    word beside it marks a place ("in Kherson", "Kherson region"), the place is large or a region,
    or the document names the country it lies in.  Once a form is a place in a document, every span so written there is.
    A name that large places of several countries share ("Newcastle") is the one in the country the document names
    most (its country names, and its places of one country only), and no mention where it names none of them; its
    text then goes into ``unplaced``, for it is still no person. So does a large town the model calls a person
    where the document names neither its country nor another of its places ("David and Victoria Beckham", "Munster's
    Shaun Payne"): too likely a place, a club or a first name to be a place or a person there.
    A name whose largest place has a smaller namesake abroad ("Durham") is the namesake where its sentence names the
    namesake's country and not the largest's (:func:`_sentence_countries`). A one-word town that the document also
    writes as the last word of a person's name ("Lindsay Davenport") is that person's surname there, not the town.
    A one-word form the document also writes in lower case ("alliance") is no place there, nor one it
    writes after a personal title ("Mr Hague") or, as a town, after "the" ("the Alliance").
    """
    from . import gazetteer

    gaz = gazetteer.places()
    rules = _place_rules()
    lex = lexicon()
    name_words: set[str] = set()
    surnames: set[str] = set()  # the last words of the document's person names that open with a given name or a
    # word that is no common English word ('Lindsay Davenport', 'Oleksiy Danilov')
    settled = named_settlements(docs) if settled is None else settled  # the caller's, where it has them
    spans = [list(_place_spans(doc, gaz)) for doc in docs]  # each name of 'Sumy - Poltava' or 'Tony Blair and Gordon Brown'
    for doc, doc_spans in zip(docs, spans):
        for ent, part in doc_spans:
            if ent.label_ == "PERSON" and not any(t.lower_ in FIXTURE_WORDS for t in ent):  # not 'Charlton v Yeovil'
                toks = [t for t in clean_name(doc[part[0].i:part[-1].i + 1]) if t.text[:1].isupper()]
                if len(toks) >= 2 and gaz.lookup(" ".join(t.text for t in toks)) is None:
                    name_words.update(t.text for t in toks)
                    if (any_given_name(toks[0].text) or toks[0].lower_ not in common_words()) and (
                            ent.text not in settled):
                        surnames.add(toks[-1].text)  # not 'Defending Volnovakha', 'Red Sharks Veracruz', nor
                        # 'the villages of Bohdanivka and Nova Bohdanivka'
    named = Counter(e.ent_id_ for doc in docs for e in doc_ents(doc) if e.label_ == "COUNTRY")
    lower = lower_case_words(docs)  # "the Alliance" is no town in Ohio where the text says "alliance"
    found: dict[str, object] = {}  # text -> SubPlace, for forms judged places in this document
    cands = []
    contested = []
    for k, doc in enumerate(docs):
        for ent, toks in spans[k]:
            toks = list(toks)
            while toks and (toks[0].lower_ in rules["not_starts"] or toks[0].lower_ in ("the",)):
                toks.pop(0)
            while toks and (toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct):
                toks.pop()
            if not toks or any(t.ent_type_ in PLACE_LABELS for t in toks):
                continue
            span = doc[toks[0].i:toks[-1].i + 1]
            if span.start > 0 and doc[span.start - 1].lower_ in rules["particles"] and doc[span.start - 1].is_lower:
                continue  # "von der Leyen"
            if len(span) == 1 and span.text.lower() in lower:
                continue
            place = gaz.lookup(span.text)
            if place is None and (options := gaz.contested(span.text)):
                contested.append((k, span, options, ent.label_))
                continue
            if place is None or place.country is None and place.kind != "region":
                continue
            cands.append((k, span, place, ent.label_))
    # a name that large places of several countries share ('Newcastle', 'Cambridge') means the place in the country
    # the document names most, by its country names and by the places it names by their own names that no other
    # country shares; no such country, no place
    evidence = Counter(named)
    evidence.update(place.country for _, span, place, label in cands
                    if label in ("GPE", "LOC", "FAC") and _own_name(gaz, span.text, place))
    # a name whose largest place has a namesake abroad ('Durham', in North Carolina and in England) is the namesake
    # where its sentence names the namesake's country more than any other, and not the largest's (not a list of
    # places of many countries: 'Paris, Berlin, Minsk, Istanbul, Geneva, Brussels, New York')
    sure = [(k, s, p) for k, s, p, lab in cands if lab in ("GPE", "LOC", "FAC") and not gaz.namesakes(s.text)]
    for i, (k, span, place, label) in enumerate(cands):
        if abroad := gaz.namesakes(span.text):
            own = _sentence_countries(docs[k], span, [(s, p) for k2, s, p in sure if k2 == k])
            top = own.most_common(2)
            if top and not own[place.country] and (len(top) == 1 or top[0][1] > top[1][1]) and (
                    there := [p for p in abroad if p.country == top[0][0]]):
                cands[i] = (k, span, there[0], label)
    withheld = set()  # a contested name whose countries the document never names: a place, but of no country
    for k, span, options, label in contested:
        place = max(options, key=lambda p: evidence[p.country])
        if not evidence[place.country]:
            withheld.add((k, span.start))
        cands.append((k, span, place, label))
    cands.sort(key=lambda c: (c[0], c[1].start))
    # a form written after an honorific anywhere in the document is a person's name there ('Mr Hague'); a role
    # word is not enough ('England coach … Wales manager')
    whole = "\n".join(doc_text(d) for d in docs)
    titled = {span.text for k, span, _, _ in cands if _after_honorific(span, whole)}  # not 'might miss England's'
    # a town that says something anywhere in the document is a firm's or a body's name there ('Halifax said house
    # prices rose', 'said Jupiter'); a capital that speaks for its country is a country mention, not one of these
    spoke = {span.text for k, span, place, _ in cands if place.kind == "city" and span.root.dep_ == "nsubj"
             and (verb := span.root.head).lemma_.lower() in lex["cues"] and (span.end <= verb.i < span.end + 3
                                                                          or verb.i == span.start - 1)
             and (verb.lemma_.lower() == "say" or any(c.dep_ == "ccomp" for c in verb.children))}
    # so is a town the document describes as a firm somewhere ('water firm Suez', 'Toyota's US sales', 'carmakers,
    # including Hyundai, Toyota and Ford', 'stores like Macy's and Bloomingdale's'), where nothing marks it a place
    # ('prosecutors in Parma' beside 'football club Parma'); nor is it a person ('Narbonne are really keen')
    firms = {span.text for k, span, place, _ in cands if place.kind == "city" and _town_as_a_firm(span)}

    def after_the(doc, span, place) -> bool:
        """A one-word town written after 'the' with no place word after it: 'the Alliance', 'the Dome' (a town
        takes no article: 'the Kharkiv region' does, and 'The Hague' has one in its name)."""
        nxt = doc[span.end] if span.end < len(doc) else None
        return (len(span) == 1 and place.kind == "city" and span.start > 0 and doc[span.start - 1].lower_ == "the"
                and not (nxt is not None and nxt.lower_ in rules["after"]) and gaz.lookup("The " + span.text) is None)

    # such a town as the head of its noun phrase is a capitalised common noun in the whole document, also where
    # the article is missing ('any Alliance country'); not as a modifier or in a list ('the Magdeburg law', 'the
    # Kherson, Zaporizhzhia and Sumy regions')
    articled = {span.text for k, span, place, _ in cands if after_the(docs[k], span, place)
                and span.root.dep_ != "compound" and not (
                    span.root.head.i > span.root.i and span.root.head.pos_ in ("NOUN", "PROPN")) and not (
                    span.end < len(docs[k]) and (docs[k][span.end].lower_ in {",", "and", "or"}
                                                 or docs[k][span.end].pos_ in ("NOUN", "PROPN", "ADJ")))}
    # unless the document also writes it as a place ('in Odesa', 'the Odesa region')
    articled -= {span.text for k, span, _, _ in cands if (
        span.start > 0 and docs[k][span.start - 1].lower_ in rules["before"]) or (
        span.end < len(docs[k]) and docs[k][span.end].lower_ in rules["after"])}

    towns_of: dict[str, set[str]] = defaultdict(set)  # the names of each country's places, however tagged
    regions = {place.country for _, _, place, _ in cands if place.kind == "region"}  # 'England' names the UK
    for k, span, place, label in cands:
        towns_of[place.country].add(span.text)
    for k, span, place, label in cands:
        doc = docs[k]
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        if span.text in titled or span.text in articled or span.text in spoke or after_the(doc, span, place):
            continue
        if span.text in firms and not _where_a_firm_is(span, rules["after"]):
            if unplaced is not None:
                unplaced.add(span.text)
            continue
        if _in_a_works_title(span):
            continue  # 'Fear and Loathing In Las Vegas', 'a new book, Brown's Britain'
        if _in_list_of_names(span, gaz):
            continue  # a team sheet: 'Corden, Murray, Curtis, Neil, Warne'
        small = place.kind == "city" and place.population < rules["small_town_population"]
        # so is a town under min_population whose name is a common English word: 'Olympic' (China), 'Somerset' and
        # 'Shaw' (United States), 'Nokia' (Finland) in stories that never name that country
        worded = place.kind == "city" and len(span) == 1 and place.population < rules["min_population"] and (
            span.text.lower() in common_words())
        if place.country not in named and (small or worded and place.country not in regions):
            continue  # a town of a few thousand in a country the text never names: 'Rossignol' the ski maker
        if not evidence[place.country] and place.kind == "city" and not _own_name(gaz, span.text, place):
            continue  # another name of a place abroad ('Twickenham' is also a name of Huntsville, Alabama)
        if len(span) == 1 and place.kind == "city" and span.text in surnames:
            continue  # 'Davenport defeated China's Jie Zheng' where the story names Lindsay Davenport: her surname
        if label in ("GPE", "LOC", "FAC"):
            found[span.text] = place
            continue
        if gaz.lookup(span.text, alternates=False) is None and place not in gaz.contested(span.text, alternates=False):
            # another name of a place ("Kharkov") only where the model calls some span so written
            # a place: "Bono" is no spelling of Bonn, nor "Stalin" a name of Donetsk
            continue
        if len(span) == 1 and span.text in name_words:
            continue
        if prev is not None and prev.lower_.rstrip(".") in lex["titles"]:
            continue
        marked = (prev is not None and prev.lower_ in rules["before"] | rules["not_starts"]) or (
            nxt is not None and nxt.lower_ in rules["after"])
        # a town the document's own country names make likely ("Bucha" in a text about Ukraine):
        # this decides place or person, never the place's country, which is the gazetteer's
        # a large town is likely enough where the model calls it a person ('Zomba', 'David' and Victoria Beckham,
        # 'Franca to score') only when the document names its country or another of its places; a firm's or a
        # club's name is the town's more often ('Liverpool boss', 'Norwich')
        large = place.population >= rules["min_population"]
        shown = label != "PERSON" or evidence[place.country] > 0 or len(towns_of[place.country] - {span.text}) > 0
        if marked or place.kind == "region" or large and shown or place.country in named:
            found[span.text] = place
        elif large and unplaced is not None:
            unplaced.add(span.text)  # nor a person: 'Munster' the province, 'Slough', 'Norwich' the club
    # a town named like a given name that the document writes as one of a couple's given names is no place anywhere
    # in it ('Graham and Sherry Edwards fly to Goa', 'his parents, Graham and Sherry'), whatever else it is
    for text in {span.text for k, span, _, _ in cands if _given_name_of_a_couple(span)}:
        found.pop(text, None)
    out = []
    named_for = instrument_places(docs, rules["instruments"])
    covered = {(k, span.start) for k, span, _ in named_for}
    for k, span, place, label in cands:
        if span.text not in found or (k, span.start) in covered:  # 'the Magdeburg law': below, as its country
            continue
        if (k, span.start) in withheld:
            if unplaced is not None:
                unplaced.add(span.text)  # no mention, and no person either ('Chelsea' the club)
            continue
        doc = docs[k]
        out.append(Mention("place", place.name, span.text, bases[k] + span.start_char, bases[k] + span.end_char, k,
                           sent_bases[k] + _sent_index(doc, span.start), span.root.i, place.country))
    for k, span, place in named_for:
        doc = docs[k]
        out.append(Mention("country", place.country, span.text, bases[k] + span.start_char, bases[k] + span.end_char,
                           k, sent_bases[k] + _sent_index(doc, span.start), span.root.i, place.country))
    return out


_PLACE_SEPARATORS = frozenset({"-", "–", "—", ",", "/", "and"})


def _sentence_countries(doc, span, places) -> Counter:
    """The countries the sentence of ``span`` names: by a country's name (not a demonym: 'his fellow American, who
    also won in Birmingham'), or by a region or a large town of ``places`` ((span, place) pairs) in it ('Woodbridge,
    Suffolk', 'the University of the West of England in Bristol')."""
    sent = span.sent
    out = Counter(e.ent_id_ for e in doc_ents(doc) if e.label_ == "COUNTRY" and sent.start <= e.start < sent.end
                  and e.text not in _demonyms())
    out.update(p.country for s, p in places if sent.start <= s.start < sent.end and p.country and (
        p.kind == "region" or p.population >= _SURE_TOWN))
    return out


#: a town this large says which country its sentence is in ('Slough', 'Hounslow'); a smaller one may be an English
#: village the gazetteer only knows abroad ('Charlton')
_SURE_TOWN = 100_000


def _place_spans(doc, gaz):
    """``(entity, tokens)`` for each entity the model tags that may be a place; one it ran over a list of places
    ('Volnovakha - Zaporizhzhia', a route; 'Mariupol - Zaporizhzhia,') gives each of the parts between separators,
    when the whole is no place the gazetteer knows and at least two parts, and half of them, are."""
    for ent in doc_ents(doc):
        if ent.label_ not in PLACE_ENT_LABELS:
            continue
        toks = list(ent)
        inner = [t for t in toks[1:-1] if _separates_places(t)]
        if not inner or gaz.lookup(ent.text.strip(" ,")) is not None:
            yield ent, toks
            continue
        parts, part = [], []
        for t in toks + [None]:
            if t is None or _separates_places(t):
                if part:
                    parts.append(part)
                part = []
            else:
                part.append(t)
        # a list of places, not a name with one in it ('Romeo and Juliet', 'Foreign, Commonwealth and Development
        # Office', 'Columbia/Sony Pictures'): two parts or more, and at least half of them, are places
        known = sum(1 for p in parts if gaz.lookup(" ".join(t.text for t in p)) is not None
                    or gaz.contested(" ".join(t.text for t in p)))
        if known >= 2 and 2 * known >= len(parts):
            yield from ((ent, p) for p in parts)
        else:
            yield ent, toks


def _separates_places(t) -> bool:
    """A comma, 'and', a slash or a dash between two names; a hyphen written close binds one ('Garcia-Lopez')."""
    return t.lower_ in _PLACE_SEPARATORS and not (t.text == "-" and t.i > 0 and not t.doc[t.i - 1].whitespace_)


def _own_name(gaz, text: str, place) -> bool:
    """Whether ``text`` names ``place`` by its GeoNames name, a spelling of it or the words it begins with
    ('Frankfurt', 'Rio', 'Hague'), not by another name ('Twickenham' is also a name of Huntsville, Alabama)."""
    from .gazetteer import place_key

    return (gaz.lookup(text, alternates=False) == place or place in gaz.contested(text, alternates=False)
            or re.match(r"(?:The )?" + re.escape(text) + r"\b", place.name) is not None
            or place_key(text) == place_key(place.name))


def _given_name_of_a_couple(span) -> bool:
    """Whether a one-word town named like a given name is the given name of one of two people who share the surname
    after them: 'and', another given name and a capitalised proper noun follow it ('Graham and Sherry Edwards',
    'Victoria and David Beckham'; not 'Austin and Dallas Love Field', nor 'Madonna and Elton John'): a place dropped,
    a name kept, as the census's given names may."""
    doc = span.doc
    e = span.end
    return (len(span) == 1 and any_given_name(span.text) and e + 2 < len(doc) and doc[e].lower_ == "and"
            and doc[e + 1].is_title and any_given_name(doc[e + 1].text) and doc[e + 1].ent_type_ not in PLACE_LABELS
            and doc[e + 2].is_title and doc[e + 2].pos_ == "PROPN" and doc[e + 2].ent_type_ not in PLACE_LABELS
            and not any_given_name(doc[e + 2].text) and not (e + 3 < len(doc) and doc[e + 3].is_title))


def _in_list_of_names(span, gaz, min_items: int = 4) -> bool:
    """Whether the one-word ``span`` is an item of a comma-separated list of at least ``min_items`` capitalised single
    words of which fewer than half are places (of ``places.json``, or countries and capitals of the gazetteer): a
    team sheet or a cast ('Pilkington, Talbot, Buxton, Dimech, Artell, Corden, Murray'), whose Buxton and Murray are
    no towns, where a list of towns ('Vienna, Budapest, Linz, Regensburg') keeps them. The model must tag another
    item a person: a list of regions the gazetteer half knows ('Volyn, Odesa, Galicia, Dnipro') is no team."""
    if len(span) != 1:
        return False
    doc = span.doc
    items = [span[0]]
    for step in (-2, 2):
        k = span.start + step
        while 0 <= k < len(doc) and doc[k - step // 2].text == "," and doc[k].text[:1].isupper() and doc[k].is_alpha \
                and not (0 <= k + step // 2 < len(doc) and doc[k + step // 2].text[:1].isupper()
                         and doc[k + step // 2].is_alpha):
            items.append(doc[k])
            k += step
    if len(items) < min_items:
        return False
    places = sum(gaz.lookup(t.text) is not None or t.ent_type_ == "COUNTRY" for t in items)
    return places * 2 < len(items) and any(t.ent_type_ == "PERSON" for t in items[1:])


def instrument_places(docs: list, instruments: set[str]) -> list:
    """The places that name an agreement, format, forum or criteria ('the Normandy format', 'the Magdeburg law',
    'the Munich Security Conference', 'the Geneva Convention'): ``(unit, span, place)`` for each, the span being
    the place's words. Such a name stands for the country the place lies in, as a capital's does ('the Minsk
    agreements', 'the Budapest Memorandum'), and is never a person; a place the gazetteer puts in no country
    (a disputed region) gives nothing. The instrument is the name's last word ('Brooklyn Law School' names
    none), and one written in lower case needs the article a name takes ('the Kyoto protocol', not 'tossed
    Hollywood convention out')."""
    from . import gazetteer

    gaz = gazetteer.places()
    out = []
    for k, doc in enumerate(docs):
        for ent in doc_ents(doc):
            if ent.label_ in PLACE_LABELS or ent.label_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL",
                                                            "MONEY", "PERCENT", "QUANTITY"):
                continue
            toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
            if not toks:
                continue
            # the place's words, then up to two more capitalised words, then the instrument: 'Normandy format'
            nxt = doc[ent.end] if ent.end < len(doc) else None
            words = toks + ([nxt] if nxt is not None and nxt.lower_ in instruments and nxt.is_lower else [])
            j = len(words) - 1
            if j < 1 or words[j].lower_ not in instruments:
                continue
            if words[j].is_lower and not (doc[ent.start].lower_ == "the" or (
                    ent.start > 0 and doc[ent.start - 1].lower_ == "the")):
                continue
            for n in range(j, 0, -1):
                if j - n > 2:
                    break
                span = doc[toks[0].i:toks[0].i + n]
                place = gaz.lookup(span.text)
                if place is not None and place.country:
                    out.append((k, span, place))
                    break
    return out
