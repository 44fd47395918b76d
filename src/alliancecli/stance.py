"""Stance of a statement: the alignment it is about (its target) and the speaker's position toward it.

One seam for classifiers: a :class:`Classifier` has a ``name``, a ``version`` and
``classify(text, context) -> Stance``.  :class:`Rules` (this module) and the trained
model of :mod:`alliancecli.stance_model` are its two implementations; ingest asks
:func:`active` for the one to use and calls it once per statement.

The rules, with every word list in ``data/stance.json``:

- **Target.** Each sentence of the statement is searched for an alignment: a bloc of
  the gazetteer (or "the alliance", "the union") with what is proposed toward it
  (membership, accession, enlargement, withdrawal), an integration process, a
  sanctions coalition, or a union or partnership of named countries.  A statement
  with none is ``neutral`` with no target, so that a query can tell "no target" from
  "neutral toward NATO".
- **Polarity.** Only sentences with a target count.  Support and oppose cues add up;
  a negation or refusal just before a support cue, or a disqualifying frame ("only a
  fool ...") earlier in the sentence, turns it into opposition; hedges and conditions
  weaken the cues of their sentence; what follows a report frame ("discussed", "the
  issue of") is a topic, not a position; a question is neutral unless a rhetorical
  pattern claims it; a reader comment with a sarcasm marker never counts as support.
- **Topic.** A statement that names no alignment takes its document's (:func:`document_topic`) where its
  own words, or a frame that endorses it ("expressed hope that", "called for"), take a clear position; not
  where it is about the war, and not a partnership with one side named, unless the speaker is of another
  country (then it is the two sides' partnership).
- **Evidence.** Character offsets, into the statement's own text, of the words that
  decided: the decisive cues and the target.  They never point outside the statement.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from . import gazetteer
from .resources import load_json

LABELS = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class Stance:
    label: str  # support, oppose, neutral
    score: float  # > 0 support, < 0 oppose
    evidence: str | None  # the words at ``spans``, joined with "; "
    spans: tuple[tuple[int, int], ...] = ()  # offsets into the statement's text, end exclusive
    target: str | None = None  # "NATO membership", "Poland–Ukraine partnership", "sanctions coalition", ...
    target_kind: str | None = None  # bloc, integration, sanctions, partnership
    parties: tuple[str, ...] = ()  # canonical countries and blocs the target involves


#: the kinds of mention a statement's context holds (``Context.mentions``): its countries, blocs and places, not its
#: people or organizations; ingest and a later re-classification pass the same (:mod:`alliancecli.stance_model`)
CONTEXT_KINDS = ("country", "bloc", "place")


@dataclass(frozen=True)
class Context:
    """What ingest knows about a statement besides its text.

    ``mentions`` are ``(name, kind, start, end)`` of the countries and blocs inside the
    statement, offsets into its text (``None``: the rules find them with the gazetteer).
    """
    mentions: tuple[tuple[str, str, int, int], ...] | None = None
    speaker_country: str | None = None
    comment: bool = False
    topic: "Topic | None" = None  # the document's alignment (see :func:`document_topic`)
    cue: str | None = None  # the verb that reports the statement ("thanked", "said"), outside its text
    lead: str | None = None  # the words of its sentence before the statement ("Scholz assured that"), outside it
    adversaries: tuple[str, ...] = ()  # the countries its document names as aggressor or sanctioned (:func:`adversaries`)


@dataclass(frozen=True)
class Topic:
    """The alignment a document is about, read from its title: the target of statements that name none."""
    target: str
    kind: str
    parties: tuple[str, ...] = ()


class Classifier(Protocol):
    name: str
    version: str

    def classify(self, text: str, context: Context | None = None) -> Stance: ...


NO_TARGET = Stance("neutral", 0.0, None)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)]*(?=\s|$)")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours|i|my)\b", re.I)
#: before a country that is the adversary: "against Russia", "protect Europe from Russia" (but "support from the
#: United States" comes from a partner)
_ADVERSARY = re.compile(r"\b(?:against|on|(?:protect\w*|defen[cd]\w*|sav(?:e|es|ed|ing)|shield\w*|secur\w*|"
                        r"safe|safety|away)(?: \w+){0,2} from|to stop|deter|(?:aggression|invasion|attacks?|war|troops|"
                        r"occupation|crimes|atrocities|brutality|cruelty|barbarism|threats?|blackmail) (?:of|by|with|from))\s+(?:the\s+)?$", re.I)
_ADVERSARY_AFTER = re.compile(r"^\W*(?:aggress\w*|invasion|invaders?|war|troops|forces|army|attacks?|occup\w*|"
                              r"missiles?|shelling|strikes?|terror\w*|propaganda|blockade|federation's)", re.I)
#: before a country that sanctions are aimed at: "sanctions against", "an embargo on", "sanctions pressure on" (not
#: "pressure on" alone: "Russia is trying to put pressure on Ukraine"), "banning the import of", "the suspension of
#: trade relations with"
_SANCTIONED = re.compile(r"(?:\b(?:sanctions?|sanctioning|embargo|blacklist)\b"
                         r"(?: (?!aggress|war\b|invasion|attack|crimes)\w+){0,3}? (?:against|on)"
                         r"|\b(?:ban(?:s|ned|ning)?|prohibit\w*) (?:on )?(?:the )?(?:imports?|exports?|purchases?) of"
                         r"|\b(?:suspension|suspend\w*|sever\w*) (?:of )?(?:all )?(?:trade|economic) (?:relations|ties) with"
                         r"(?: \w+ and)?)\s+(?:the\s+)?$", re.I)
#: after a country that is the aggressor: "the Russian invasion", "Russian aggression", "Russian occupiers"
#: the agent of an act of war before a country: "escalation by Russia", "attacks by", "illegally detained by"
_AGGRESSOR_BY = re.compile(r"\b(?:aggression|invasion|attacks?|escalation|occupation|shelling|bombing|strikes|"
                           r"atrocities|crimes|killed|murdered|tortured|detained|abducted|deported|shelled|bombed|"
                           r"attacked|invaded|occupied|captured|destroyed|seized|annexed) by\s+(?:the\s+)?$", re.I)
_AGGRESSOR = re.compile(r"^\W*(?:aggress\w*|invasion|invaders?|occup\w*|(?:(?:is|are|was|were|has been|have been|"
                        r"keeps?|continues? to|continue)\s+)?(?:killing|shelling|attacking|bombing|invading|"
                        r"torturing|terrori[sz]ing|destroying)\b)", re.I)
_WHY = re.compile(r"\W*(?:why|who needs|what for)\b", re.I)
_PRIORITY = {"bloc+": 0, "integration": 1, "sanctions": 2, "bloc": 3, "partnership": 4}


@lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = load_json("stance.json")
    rx = lambda p: re.compile(p, re.I)  # noqa: E731
    negs = [n for n in raw["negations"] if not n.startswith("n'")]
    return {
        "version": raw["version"],
        "threshold": raw["threshold"],
        "topic_threshold": raw["topic_threshold"],
        "topic_min_cue": raw["topic_min_cue"],
        "flip_min": raw["flip_min_cue"],
        "window": raw["negation_window"],
        "negation": re.compile(r"(?:\b(?:%s)\b|n[’']t\b)" % "|".join(re.escape(n) for n in negs), re.I),
        # the agreement cue first: 'a common view' is agreement, not the weaker 'common' of a partnership
        "support": [(rx(raw["agreement"]), raw["agreement_weight"])] + [(rx(p), w) for p, w in raw["support"]],
        "oppose": [(rx(p), w) for p, w in raw["oppose"]],
        "blocs_generic": rx(raw["blocs_generic"]),
        "actions": [(name, rx(p)) for name, p in raw["actions"].items()],
        "integration": rx(raw["integration"]),
        "sanctions": rx(raw["sanctions"]),
        "partnership": rx(raw["partnership"]),
        "partnership_weak": rx(raw["partnership_weak"]),
        "masks": re.compile(raw["cue_masks"]),
        "thanks": rx(raw["thanks"]),
        "agreement": rx(raw["agreement"]),
        "office_after": re.compile(raw["office_after"]),
        "sanctions_end": rx(raw["sanctions_end"]),
        "candidacy": rx(raw["candidacy"]["always"]),
        "candidacy_europe": rx(raw["candidacy"]["where_europe"]),
        "europe": re.compile(raw["candidacy"]["europe"]),
        "candidacy_bloc": raw["candidacy"]["bloc"],
        # what any target of :func:`_targets` needs in its sentence, a bloc mention aside
        "any_target": rx("|".join([f"(?:{raw[k]})" for k in ("blocs_generic", "integration", "sanctions",
                                                              "partnership", "partnership_weak")]
                                  + [f"(?:{raw['candidacy'][k]})" for k in ("always", "where_europe")])),
        "endorsing": rx(r"(?:%s)\W*$" % "|".join(raw["endorsing_frames"])),
        "courtesies": rx(raw["courtesies"]),
        "collective": rx(raw["collective_partners"]),
        "report": [rx(p) for p in raw["report_frames"]],
        "report_factor": raw["report_factor"],
        "hedge": rx("|".join(raw["hedges"])),
        "condition": rx("|".join(raw["conditions"])),
        "hedge_factor": raw["hedge_factor"],
        "flip": [rx(p) for p in raw["flip_frames"]],
        "sarcasm": [rx(p) for p in raw["sarcasm"]],
        "neutral_topics": rx(raw["neutral_topics"]),
        "neutral_factor": raw["neutral_factor"],
        "partner_aid": rx(raw["partner_aid"]),
        "encounter": rx(raw["encounter"]),
        "own_course": rx(raw["own_course"]),
        "reported_objections": [rx(p) for p in raw["reported_objections"]],
        "adversary_possessive": rx(raw["adversary_possessive"]),
        "own_course_weight": raw["own_course_weight"],
        # case-sensitive: 'No. 10' is an abbreviation, 'said no.' ends a sentence
        "abbreviation": re.compile(r"(?:^|[\s(.])(?:%s|[A-Z])\.[\"'”’»)]*\s*$" % "|".join(
            re.escape(w) for w in raw["abbreviations"])),
    }


@lru_cache(maxsize=2)
def _gazetteer_scan(ambiguous: bool = False):
    """One case-sensitive regex over the unambiguous gazetteer forms (with ``ambiguous``, over every form), for
    texts that come without mentions; the gazetteer's not-country phrases are in it too, mapped to None, so that
    the longer phrase wins."""
    forms = {}
    for f in gazetteer.load().forms:
        if (ambiguous or not f.ambiguous) and len(f.text) > 1:
            forms.setdefault(f.text, f.place)
    for phrase in gazetteer.load().not_countries:  # "former Soviet", "New Mexico": matched whole, and no country
        forms[phrase] = None
    return re.compile(r"(?<!\w)(?:%s)(?:['’]s)?(?!\w)" % trie_pattern(forms)), forms


def trie_pattern(words) -> str:
    """A regex that matches what the alternation of ``words``, longest first, matches, and in the same order
    of preference, written as a trie ("Russia|Rwanda" becomes "R(?:ussia|wanda)").

    Python's ``re`` tries every alternative at every position; the trie tries only the words that go on
    with the characters read, which made the country scan 16 times faster (1,358 forms, the same matches
    on 1,600 articles).  Where a word ends inside a longer one the rest is an optional greedy group, so a
    longer word is tried first and a shorter one on backtracking, as in the longest-first alternation.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        group = alts[0] if len(alts) == 1 and "" not in node else "(?:%s)" % "|".join(alts)
        return group + "?" if "" in node else group

    return emit(trie)


def find_mentions(text: str, known=()) -> tuple[tuple[str, str, int, int], ...]:
    """Countries and blocs named in ``text`` by the gazetteer: ``(name, kind, start, end)``.

    A form that may mean something else ('Turkey', 'Georgia', 'Jordan') counts only for a country in ``known``:
    those its document names where the ingest's entity checks confirmed them."""
    rx, forms = _gazetteer_scan(bool(known))
    ambiguous = _ambiguous_forms() if known else frozenset()
    out = []
    for m in rx.finditer(text):
        form = re.sub(r"['’]s$", "", m.group(0))
        place = forms.get(form)
        if place is not None and (form not in ambiguous or place.name in known):
            out.append((place.name, place.kind, m.start(), m.start() + len(form)))
    return tuple(out)


@lru_cache(maxsize=1)
def _ambiguous_forms() -> frozenset[str]:
    return frozenset(gazetteer.load().ambiguous_forms())


@dataclass
class _Target:
    kind: str  # bloc+ (a bloc with an action), bloc, integration, sanctions, partnership
    name: str
    span: tuple[int, int]
    parties: tuple[str, ...] = ()
    action: str | None = None  # of a bloc+: membership, accession, enlargement, withdrawal


@dataclass
class _Sentence:
    start: int
    end: int
    targets: list[_Target] = field(default_factory=list)
    score: float = 0.0
    cues: list[tuple[float, tuple[int, int]]] = field(default_factory=list)
    denied: bool = False  # a negated cue that opposed nothing clear: the words took a position all the same


def _sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as offsets, every character in one: a sentence ends after '.', '!' or '?' (and
    any closing quote) before white space, except a period after a title or an initial ('Mr. Stoltenberg',
    'Joseph R. Biden', 'the U.S. position'; ``abbreviations`` in ``stance.json``)."""
    out: list[tuple[int, int]] = []
    start = 0
    abbreviation = lexicon()["abbreviation"]
    for m in _SENTENCE_END.finditer(text):
        if m.group(0) == "." and abbreviation.search(text[start:m.end()]):
            continue
        if text[start:m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _members(bloc: str) -> set[str]:
    place = gazetteer.load().places.get(bloc)
    if place is None:
        return set()
    by_iso = gazetteer.load().by_iso3
    return {by_iso[i].name for i in place.members if i in by_iso}


def _marked_adversary(text: str, s: int, e: int, lo: int = 0) -> bool:
    """Whether the country mention at ``s:e`` is marked as the aggressor ("the Russian invasion", "Russia's
    aggression", "escalation by Russia", "prisoners illegally detained by Russia") or as the aim of sanctions
    ("sanctions against Russia"; the words before it read from ``lo``)."""
    before = text[max(lo, s - 60):s]
    return bool(_AGGRESSOR.match(text[e:e + 30]) or lexicon()["adversary_possessive"].match(text[e:e + 40])
                or _SANCTIONED.search(before) or _AGGRESSOR_BY.search(before))


def _allies(text: str, a: int, b: int, mentions, speaker_country: str | None) -> list[str]:
    """Countries of the sentence that take part (not the adversary: 'against Russia', 'Russian aggression')."""
    out, adversaries = [], set()
    for name, kind, s, e in mentions:
        if kind != "country" or not (a <= s < b):
            continue
        if _marked_adversary(text, s, e, a):
            adversaries.add(name)  # "Russia's full-scale aggression", "the Russian invasion", "sanctions against Russia"
            continue
        if _ADVERSARY.search(text[max(a, s - 40):s]) or _ADVERSARY_AFTER.match(text[e:e + 30]):
            continue  # "against Russia", "Russian troops"; but also "aggression against Ukraine", "British troops"
        if _names_an_instrument(text, s, e):
            continue  # "the Normandy format", "the Budapest Memorandum", "the Minsk agreements"
        out.append(name)
    # the aggressor or the sanctioned of a sentence is no party anywhere in it: "sanctions against Russia ... the
    # Russian market"
    out = [n for n in out if n not in adversaries]
    if speaker_country and _FIRST_PERSON.search(text[a:b]):
        out.append(speaker_country)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _state_forms() -> frozenset[str]:
    """The gazetteer forms that name a state itself: its names, demonyms and abbreviations (not its capital)."""
    return frozenset(f.text for f in gazetteer.load().forms if f.field in ("names", "demonyms", "abbreviations"))


@lru_cache(maxsize=1)
def _instrument_after():
    words = load_json("people.json")["places"]["instruments"]
    # capitalised words of the forum's name may come between ('the Munich Security Conference')
    return re.compile(r"^(?:['’]s)?\s+(?:[A-Z][\w-]*\s+){0,2}(?i:%s)\b" % "|".join(re.escape(w) for w in words))


def _names_an_instrument(text: str, s: int, e: int) -> bool:
    """Whether the country mention at ``s:e`` is a capital or a place that names an agreement, format or forum
    ("the Normandy format", "the Budapest Memorandum", "the Minsk agreements", "the Munich Security
    Conference"): the instrument, not a state that takes part.  A state's own name or demonym is kept ("the
    Ukrainian-Polish agreement" is between the two)."""
    return text[s:e] not in _state_forms() and bool(_instrument_after().match(text[e:e + 40]))


#: 'stronger than any military bloc': a bloc in a comparison is the standard measured against, not the alignment
#: the sentence is about
_COMPARED = re.compile(r"\bthan (?:any|a|an|the|every|other) (?:other )?(?:[\w-]+ )?$", re.I)


_JOINS = re.compile(r"\s*(?:-|–|—|/|,|\band\b|\bor\b|\bwith\b)\s*(?:the\s+)?$", re.I)


def _joined(text: str, a: int, b: int, mentions) -> set[str]:
    """The countries of the sentence ``[a, b)`` written next to another one, joined by 'and', 'or', 'with', a comma,
    a slash or a hyphen ("Russia and Belarus", "Russian-Chinese", "Moscow and Minsk")."""
    ms = sorted((s, e, n) for n, k, s, e in mentions if k == "country" and a <= s < b)
    out = set()
    for (s1, e1, n1), (s2, e2, n2) in zip(ms, ms[1:]):
        if n1 != n2 and e1 <= s2 and len(text[e1:s2]) <= 12 and _JOINS.match(text[e1:s2] + " "):
            out.update((n1, n2))
    return out


_TOWARD = re.compile(r"\s+(?:to|with|into|towards?)\s+(?:the\s+)?")


def _partner_after(text: str, i: int, mentions) -> bool:
    """Whether a country or bloc is named right after 'to', 'with' or 'into' at offset ``i``: whom the
    integration before it is with ("move closer to Russia")."""
    m = _TOWARD.match(text, i)
    return m is not None and any(s == m.end() for _, kind, s, _ in mentions if kind in ("country", "bloc"))


def _within(mentions, starts: list[int], a: int, b: int, reach: int = 80):
    """The ``mentions`` (sorted by their ``starts``) that start in ``[a, b + reach)``: all that :func:`_targets`
    reads of a sentence ``[a, b)`` (the partner right after 'to' may lie past its end), without scanning a long
    document's every mention for each of its sentences."""
    return mentions[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b + reach)]


#: a name right after a verb of joining: what it joins ('join ENTSO-E', 'join the Three Seas Initiative')
_JOINED_NAME = re.compile(r"\s+(?:the\s+)?(?=[A-Z])")


def _joins_another_name(text: str, i: int, blocs) -> bool:
    """Whether the action word ending at ``i`` is followed by a capitalised name that is none of the sentence's
    ``blocs`` (name, start, end) ('and join ENTSO-E' after 'the European Union's energy system', 'NATO member
    Estonia'): that name is what is joined, or the member."""
    m = _JOINED_NAME.match(text, i)
    return m is not None and not any(s <= m.end() < e or i <= s <= m.end() for _, s, e in blocs)


def _targets(text: str, a: int, b: int, mentions, speaker_country: str | None,
             sanctioned: tuple[str, ...] = ()) -> list[_Target]:
    lx = lexicon()
    sent = text[a:b]
    if not (lx["any_target"].search(sent) or any(kind == "bloc" and a <= s < b for _, kind, s, _ in mentions)):
        return []  # most sentences name no alignment: no word below could make one
    found: list[_Target] = []
    allies = _allies(text, a, b, mentions, speaker_country)
    # a bloc before an office's title names the office ('the former NATO Secretary General Anders Fogh Rasmussen',
    # 'the UN Secretary-General's visit'): a person's post, not an alignment the sentence speaks of
    blocs = [(name, s, e) for name, kind, s, e in mentions if kind == "bloc" and a <= s < b
             and not lx["office_after"].match(text, e)]
    blocs += [(m.group(0).lower().removeprefix("the ").strip(), a + m.start(), a + m.end())
              for m in lx["blocs_generic"].finditer(sent)
              if not any(s <= a + m.start() < e or a + m.start() <= s < a + m.end() for _, s, e in blocs)
              and not _COMPARED.search(sent, 0, m.start())]
    for bloc, s, e in blocs:
        named, members = bloc[:1].isupper(), _members(bloc)
        if not named:  # "the union of Russia and Belarus": a union of the countries it names
            after = re.match(r"\s+(of|between|with)\s+(.{0,60})", text[e:b])
            members = {n for n, k, ms, _ in mentions if k == "country" and after and e < ms <= e + after.end()}
            if members and after.group(1) == "with":  # "we do not need an alliance with China": us and China
                members |= set(allies)
            if members:
                bloc = "–".join(sorted(members)) + " " + bloc.split()[-1]
        near = []
        for action, rx in lx["actions"]:
            for m in rx.finditer(sent):
                if _joins_another_name(text, a + m.end(), blocs):
                    continue  # 'integrate with the European Union's energy system and join ENTSO-E': ENTSO-E is joined
                near.append((abs(a + m.start() - s), action))
        own = (bloc,) if named else tuple(sorted(members))
        if near:
            action = min(near)[1]
            joiner = next((c for c in allies if c not in members), None)
            found.append(_Target("bloc+", f"{bloc} {action}", (s, e), tuple(p for p in (joiner, *own) if p), action))
        else:
            found.append(_Target("bloc", bloc, (s, e), own))
    # 'the status of a candidate country', 'candidate status' where the text speaks of Europe: the EU's accession
    # process, whose candidates only the EU names so (not 'Reznikov's candidacy', nor an election's candidate status)
    m = lx["candidacy"].search(sent)
    if m is None and (m := lx["candidacy_europe"].search(sent)) is not None and not lx["europe"].search(text):
        m = None  # (the whole text is read only for a sentence that writes 'candidate status')
    if m is not None and not any(x[0] == lx["candidacy_bloc"] for x in blocs):
        joiner = next((c for c in allies if c not in _members(lx["candidacy_bloc"])), None)  # not Spain, a member
        found.append(_Target("bloc+", f"{lx['candidacy_bloc']} accession", (a + m.start(), a + m.end()),
                             tuple(p for p in (joiner, lx["candidacy_bloc"]) if p), "accession"))
    for m in lx["integration"].finditer(sent):
        words = m.group(0).lower()
        bloc = "EU" if "european" in words else "NATO" if "atlantic" in words else None
        bloc = bloc or (blocs[0][0] if blocs else None)
        name = f"{bloc} integration" if bloc else "integration"
        # joining a bloc ("Ukraine's European integration"), or named countries moving closer to each other
        parties = tuple(p for p in (*allies[:1], bloc) if p) if bloc else tuple(sorted(allies))
        if not bloc and len(parties) < 2 and not lx["collective"].search(sent) and not _partner_after(
                text, a + m.end(), mentions):
            continue  # "move closer to a peace agreement", "Ukraine's integration into the educational space":
            # integration needs a bloc, or someone to integrate with ("move closer to Russia")
        found.append(_Target("integration", name, (a + m.start(), a + m.end()), parties))
    for m in lx["sanctions"].finditer(sent):
        # who imposes the sanctions, never whom the document names as their aim or as the aggressor
        imposers = (set(allies) - set(sanctioned)) | {x for x, _, _ in blocs if x[:1].isupper()}
        found.append(_Target("sanctions", "sanctions coalition", (a + m.start(), a + m.end()), tuple(sorted(imposers))))
        break
    # a strong term (allies, partnership, thanks) is a target alone; a weak one (help, weapons, ties)
    # only where the sentence names a country or bloc that takes part
    named = allies if not speaker_country else [c for c in allies if c != speaker_country]
    named = named or blocs or lx["collective"].search(sent)
    terms = [lx["partnership"]] + ([lx["partnership_weak"]] if named else [])
    names = _name_spans(text, a, b, mentions)  # 'United' in 'the United States' or 'United Russia' is no term
    hit = min((m for rx in terms for m in rx.finditer(sent)
               if not any(s <= a + m.start() < e for s, e in names)), key=lambda m: m.start(), default=None)
    if hit is not None:
        # a country the document names as the aggressor or the sanctioned takes part in a partnership only where
        # the sentence joins it to another ("Russia and China", "the Russian-Chinese alliance", "between Moscow
        # and Minsk"), not where it is named in passing ("companies in the Russian market must leave")
        joined = _joined(text, a, b, mentions)
        parties = tuple(sorted(p for p in allies if p not in sanctioned or p in joined))
        name = ("–".join(parties) + " partnership") if len(parties) >= 2 else "partnership"
        found.append(_Target("partnership", name, (a + hit.start(), a + hit.end()), parties))
    return found


def adversaries(text: str, mentions) -> tuple[str, ...]:
    """The countries a document names as the aggressor ("the Russian invasion", "Russia's aggression") or as the
    aim of sanctions ("sanctions against Russia"), from its country ``mentions`` ``(name, kind, start, end)`` into
    ``text``: none of them takes part in a sanctions coalition its statements speak of, nor in a partnership
    unless a sentence joins it to another country."""
    return tuple(sorted({name for name, kind, s, e in mentions if kind == "country" and _marked_adversary(text, s, e)}))


def _is_question(sent: str) -> bool:
    """A sentence that asks: it ends with a question mark, or opens with 'why', 'who needs', 'what for'."""
    return sent.rstrip("\"'”’») ").endswith("?") or bool(_WHY.match(sent))


_NOT_NEGATION = re.compile(r"\b(?:not|no) (?:only|just|merely|simply|less|fewer)\b|\bno doubt\b|\bnot least\b", re.I)


#: the rest of a clause that goes on to 'without': with a negation before, 'no X without Y' sets a condition on X
_WITHOUT_AFTER = re.compile(r"[^,;:.!?]*?\bwithout\b", re.I)


#: what ends a clause: a comma, a semicolon, a colon, a dash
_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]| - ")


def _same_clause(text: str, s: int, e: int, span: tuple[int, int]) -> bool:
    """Whether nothing that ends a clause stands between the words at ``s:e`` and the target at ``span``."""
    between = text[e:span[0]] if e <= span[0] else text[span[1]:s]
    return not _CLAUSE_BREAK.search(between)


#: a coordinator that opens a new verb phrase: a negation before it does not reach past it ('will not hesitate and
#: will join', 'not to be afraid and to unite')
_NEW_VERB_PHRASE = re.compile(r"\b(?:and|but|or)\s+(?:to|will|would|shall|can|could|must|should|may|might|"
                              r"we|they|he|she|it|i|you)\b", re.I)


def _negated(text: str, start: int, sent_start: int, window: int) -> bool:
    """Whether a negation is among the ``window`` words before ``start`` ("not only", "no less" are none), and no
    coordinator that opens a new verb phrase stands between them."""
    before = _NOT_NEGATION.sub(" ", " ".join(text[max(sent_start, start - 40):start].split()[-window:]))
    last = None
    for last in lexicon()["negation"].finditer(before):
        pass
    if last is None:
        return False
    rest = before[last.end():] + " " + text[start:start + 12]  # the cue may open the new phrase ('and will join')
    return not _NEW_VERB_PHRASE.search(rest)


_COPULA = frozenset({"to", "be", "being", "been", "is", "are", "was", "were", "am"})


def _negated_predicate(text: str, start: int, sent_start: int) -> bool:
    """Whether a negation is one of the two words before a predicate at ``start``, not counting 'to' and forms of
    'be' between them ('not afraid', 'not to be afraid', 'no mistake')."""
    words = [w for w in text[max(sent_start, start - 40):start].split() if w.lower() not in _COPULA]
    before = _NOT_NEGATION.sub(" ", " ".join(words[-2:]))
    return bool(lexicon()["negation"].search(before))


def _name_spans(text: str, a: int, b: int, mentions) -> list[tuple[int, int]]:
    """The spans of the sentence ``text[a:b]`` that are names, not words: its mentions and what ``cue_masks`` match
    ('United Russia', 'thanks to')."""
    return [(s, e) for _, _, s, e in mentions if a <= s < b] + [
        m.span() for m in lexicon()["masks"].finditer(text, a, b)]


def _masked(text: str, a: int, b: int, mentions) -> str:
    """The sentence with names blanked out, so that "United States" or "Union" in a name is no cue."""
    sent = text[a:b]
    for s, e in _name_spans(text, a, b, mentions):
        s, e = max(s, a) - a, min(e, b) - a
        sent = sent[:s] + " " * (e - s) + sent[e:]
    return sent


_CLAUSE_END = re.compile(r"[,;:]|\s[-–—]\s")


def _clause_end(sent: str, i: int) -> int:
    """Where the clause that starts before ``i`` ends: the next comma, semicolon, colon or dash, else the sentence."""
    m = _CLAUSE_END.search(sent, i)
    return m.start() if m else len(sent)


#: what may stand right before a word that opens a sentence or a quotation ('said: "Together we …"')
_OPENERS = "\"'“‘«([:—–-"


def _in_a_name(sent: str, i: int) -> bool:
    """Whether the cue word at ``i`` of the sentence ``sent`` is written with a capital where no sentence or quotation
    starts: a word of a name, an office or a body ('High Representative for Foreign Affairs and Security Policy',
    'the Solidarity trade union'), not the speaker's own word."""
    if not sent[i:i + 1].isupper():
        return False
    before = sent[:i].rstrip()
    return bool(before) and before[-1] not in _OPENERS and not _SENTENCE_END.search(before[-3:] + " ")


def _score_sentence(text: str, s: _Sentence, comment: bool, mentions=()):
    lx = lexicon()
    a, b = s.start, s.end
    sent = text[a:b]
    cue_text = _masked(text, a, b, mentions)
    report_at = min((m.start() for rx in lx["report"] for m in rx.finditer(sent)), default=None)
    hedged = bool(lx["hedge"].search(sent))
    # a condition weakens only its own clause: in "if they want X, they should move closer" the advice stands
    conditional = [(m.start(), _clause_end(sent, m.end())) for m in lx["condition"].finditer(sent)]

    def factor_at(i: int) -> float:
        return lx["hedge_factor"] if hedged or any(x <= i < y for x, y in conditional) else 1.0

    question = _is_question(sent)
    flip_at = min((m.end() for f in lx["flip"] for m in f.finditer(sent)), default=None)
    taken: list[tuple[int, int]] = []

    def add(w: float, m0: int, m1: int):
        span = (a + m0, a + m1)
        if any(x < span[1] and span[0] < y for x, y in taken):
            return
        taken.append(span)
        s.score += w
        s.cues.append((w, span))

    # a weak objection ("afraid", "a mistake") objects to an alignment only where the sentence names one
    # clearly: a bloc, an integration, sanctions, or a partnership of named countries
    clear = not s.targets or any(t.kind != "partnership" or len(t.parties) >= 2 for t in s.targets)
    # someone else's objection the speaker reports ('skeptics who are hesitant', 'the states that oppose it',
    # 'Europe has feared Ukraine's accession') is no objection of the speaker's
    others = [m.span() for rx in lx["reported_objections"] for m in rx.finditer(cue_text)]
    for rx, w in lx["oppose"]:
        for m in rx.finditer(cue_text):
            if _in_a_name(cue_text, m.start()):
                continue
            if abs(w) < 1.0 and (_negated_predicate(text, a + m.start(), a) or not clear or s.targets and not any(
                    _same_clause(text, a + m.start(), a + m.end(), t.span) for t in s.targets)):
                continue  # "not afraid", "no mistake": a negated objection objects to nothing; nor does one
                # in another clause than the alignment ('cooperation with NATO, given the dangerous challenges')
            if any(x <= m.start() < y or m.start() <= x < m.end() for x, y in others):
                continue
            w2 = w * (factor_at(m.start()) if not question else 1.0)
            add(w2, m.start(), m.end())
    # a sentence about the war, crimes, humanitarian matters, peace talks or self-reliance takes no position
    # on a partnership it happens to name; one that names a bloc, an integration or sanctions still does
    aside = bool(lx["neutral_topics"].search(cue_text)) and not lx["partner_aid"].search(cue_text) and not any(
        t.kind in ("bloc+", "bloc", "integration", "sanctions") for t in s.targets)
    for rx, w in lx["support"]:
        for m in rx.finditer(cue_text):
            if question or _in_a_name(cue_text, m.start()):
                continue
            if _joins_something_else(sent, m):
                continue  # 'can join the defense of Ukraine', 'joined the program': no alignment is joined
            # thanks take a position toward the thanked unless what they thank for is the war, crimes or peace
            # ('grateful for the bold position of Charles Michel' in 'the difficult moment of the Russian invasion';
            # not 'grateful to the parliaments ... recognizing this war as genocide')
            thanks = _thanks_or_agreement(m.group(0))
            thanked_aside = not thanks or bool(lx["neutral_topics"].search(cue_text, m.end()))
            # what the cue supports may be the war, a court or peace itself, whatever else the sentence asks
            # ('I support the need for a special court or tribunal'; not 'support Ukraine in the war')
            supports_aside = not thanks and _object_aside(sent, m.end()) and not any(
                t.kind in ("bloc+", "bloc", "integration", "sanctions") for t in s.targets)
            w2 = w * factor_at(m.start()) * (
                lx["neutral_factor"] if aside and thanked_aside or supports_aside else 1.0)
            if report_at is not None and not thanks:
                w2 *= lx["report_factor"]
            flipped = _negated(text, a + m.start(), a, lx["window"]) or (flip_at is not None and flip_at <= m.start())
            if flipped and _WITHOUT_AFTER.match(text, a + m.end(), b):
                continue  # "no decision on Ukraine without Ukraine", "not join without a referendum": a condition
            if flipped:  # "will not join" opposes; "not by common threats" only loses its weak cue; and a
                # negated cue opposes only an alignment the sentence names clearly, as a weak objection does
                # ('the Russian people would not support the war' opposes no partnership)
                w2 = -abs(w) if abs(w) >= lx["flip_min"] and clear else 0.0
                s.denied = s.denied or (abs(w) >= lx["flip_min"] and not clear)
            if w2:
                add(w2, m.start(), m.end())
    if any(w < 0 for w, _ in s.cues):  # a refusal or rejection decides its sentence, whatever praise is around it
        s.cues = [c for c in s.cues if c[0] < 0]
        s.score = sum(w for w, _ in s.cues)
    if comment and s.score > 0 and any(rx.search(sent) for rx in lx["sarcasm"]):
        s.score = 0.0


#: a verb of joining at the end of a cue, and the determiner and common noun after it: what is joined
_JOIN_VERB = re.compile(r"\b(?:join|joins|joined|joining|unite|integrate)$", re.I)
_JOIN_OBJECT = re.compile(r"\s+(?:the|a|an|this|that|our|their|its)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")


def _thanks_or_agreement(cue: str) -> bool:
    """Whether the words of a support cue thank or praise someone ('grateful', ``thanks``) or agree with them ('a
    common view', ``agreement``): a position toward a partner, even in a sentence about the war."""
    lx = lexicon()
    return bool(lx["thanks"].fullmatch(cue) or lx["agreement"].fullmatch(cue))


def _joins_something_else(sent: str, m) -> bool:
    """Whether the cue ``m`` ends in a verb of joining whose object, a common noun, names no alignment ('can join the
    defense of Ukraine', 'will join the program'; not 'join the alliance', 'join the coalition', 'join the sanctions',
    'join the European Union', whose capitals no common noun has)."""
    if not _JOIN_VERB.search(m.group(0)):
        return False
    obj = _JOIN_OBJECT.match(sent, m.end())
    if obj is None:
        return False
    lx = lexicon()
    words = obj.group(1)
    return not any(lx[k].search(words) for k in ("blocs_generic", "partnership", "partnership_weak", "integration",
                                                 "sanctions"))


def _object_aside(sent: str, end: int) -> bool:
    """Whether what the cue ending at ``end`` of ``sent`` takes a position on is the war, crimes, a court, peace or
    another of ``neutral_topics``: one of them among the next five words of its clause, with no capitalised word (a
    country, a name) or object pronoun before it ('support the need for a special court or tribunal', 'support peace
    efforts'; not 'support Ukraine in the war', 'support our state in the fight')."""
    clause = sent[end:_clause_end(sent, end)]
    m = lexicon()["neutral_topics"].search(clause)
    if m is None:
        return False
    words = clause[:m.start()].split()
    # 'to' opens a purpose, not the object: 'intensify cooperation to ensure peace' supports the cooperation
    return len(words) <= 5 and not any(w[:1].isupper() or w.lower() in _OBJECT_PRONOUNS or w.lower() == "to"
                                       for w in words)


#: words that make someone the object of a cue ('support our state in the fight', 'have our support if you fight')
_OBJECT_PRONOUNS = frozenset({"us", "our", "you", "your", "them", "their", "him", "his", "her", "it", "its", "me", "my",
                              "everyone", "those", "people"})


def _own_course(text: str, sentences: list[_Sentence], ctx: Context, mentions):
    """A speaker on their own country's accession or integration, with no cue either way ("Ukraine has chosen
    the course of NATO membership", "our European integration path"), or on sanctions against the document's
    aggressor from another country ("the consequences of the embargo will be manageable"): the course their
    government pursues, so support, unless the target's clause negates or ends the sanctions, or the sentence asks.
    Returns the target and the words naming the joiner (the sanctions' own words)."""
    lx = lexicon()
    for s in sentences:
        sent = text[s.start:s.end]
        if any(w < 0 for w, _ in s.cues) or _is_question(sent):
            continue
        if any(rx.search(sent) for rx in lx["report"]):
            continue  # "the parties discussed Ukraine's accession" is a topic, not a position
        for t in s.targets:
            # sanctions on the document's aggressor, from a speaker of another country: that side's own course too
            sanctions = t.kind == "sanctions" and bool(ctx.speaker_country and ctx.adversaries) and (
                ctx.speaker_country not in ctx.adversaries)
            joining = t.kind == "integration" or (t.kind == "bloc+" and t.action in ("membership", "accession"))
            if not (sanctions or joining):
                continue
            # "not yet a member" negates the course; "..., but the distance to the Alliance is not reduced"
            # negates another clause
            a, b = t.span[0] - s.start, t.span[1] - s.start
            a = max((m.end() for m in _CLAUSE_BREAK.finditer(sent, 0, a)), default=0)
            b = next((m.start() for m in _CLAUSE_BREAK.finditer(sent, b)), len(sent))
            if lx["negation"].search(_NOT_NEGATION.sub(" ", sent[a:b])):
                continue
            if sanctions:
                if lx["sanctions_end"].search(sent[a:t.span[0] - s.start]):
                    continue  # 'plans to end the European Union's arms embargo on China': an end of them
                if any(k == "country" and s.start <= ms < s.end and n not in ctx.adversaries
                       and _SANCTIONED.search(text[max(s.start, ms - 60):ms]) for n, k, ms, _ in mentions):
                    continue  # sanctions aimed at a country the document does not call the aggressor
                return t, t.span
            m = lx["own_course"].search(sent)
            if m is not None:
                return t, (s.start + m.start(), s.start + m.end())
            if ctx.speaker_country and len(t.parties) >= 2 and t.parties[0] == ctx.speaker_country:
                # the joiner as named, else the first person that made it the speaker's country
                m = next((m for m in mentions if m[0] == ctx.speaker_country and s.start <= m[2] < s.end), None)
                if m is not None:
                    return t, (m[2], m[3])
                m = _FIRST_PERSON.search(sent)
                if m is not None:
                    return t, (s.start + m.start(), s.start + m.end())
    return None


_LEAD_BREAK = re.compile(r".*(?:[.!?][\"'”’»)]*\s|\n)", re.S)


def inside(mentions, start: int, end: int, body: str) -> tuple:
    """The (name, kind, start, end) ``mentions`` of a document that lie in the statement at ``start:end``, with
    offsets into its text ``body``; a mention in words blanked out of ``body`` (a comment's quoted lines) is
    not the statement's."""
    return tuple((n, k, a - start, b - start) for n, k, a, b in mentions
                 if start <= a and b <= end and body[a - start:b - start].strip())


def lead_of(text: str, start: int) -> str:
    """The words of the sentence before offset ``start`` of ``text``, at most 120 characters: what introduces a
    statement that starts there ("Olaf Scholz assured that")."""
    before = text[max(0, start - 120):start]
    m = _LEAD_BREAK.match(before)
    return before[m.end():] if m else before


def _endorsed(text: str, ctx: Context) -> bool:
    """Whether the words that introduce the statement endorse what it says ("assured that", "expressed hope
    that", "called for", "welcomed"; ``endorsing_frames`` in ``stance.json``), and the statement is not about
    the war, crimes, humanitarian matters or peace talks (``neutral_topics``), unless it asks partners for aid."""
    lx = lexicon()
    if not ctx.lead:
        return False
    # the statement may begin with the frame's last word: "called | for a meeting", "assured | that"
    first = re.match(r"\s*(?:for|on|upon|that|to)\b", text, re.I)
    if not lx["endorsing"].search(ctx.lead + (first.group(0).strip() if first else "")):
        return False
    # an invitation to visit, to come or to address a parliament is a courtesy: it takes no position
    return not _aside(text) and not lx["courtesies"].search(text)


def _thanked(ctx: Context) -> bool:
    """Whether the verb that reports the statement thanks or praises ("X thanked Y for ...")."""
    return bool(ctx.cue and lexicon()["thanks"].search(ctx.cue))


def _aside(text: str) -> bool:
    """Whether ``text`` is about the war, crimes, humanitarian matters or peace talks (``neutral_topics``) and asks
    partners for no aid, weapons or sanctions (``partner_aid``)."""
    lx = lexicon()
    return bool(lx["neutral_topics"].search(text)) and not lx["partner_aid"].search(text)


class Rules:
    """The rule classifier; its version is the lexicon's, so a changed data file is a new version."""

    name = "rules"

    @property
    def version(self) -> str:
        return lexicon()["version"]

    def classify(self, text: str, context: Context | None = None) -> Stance:
        ctx = context or Context()
        mentions = ctx.mentions if ctx.mentions is not None else find_mentions(text)
        sentences = []
        for a, b in _sentences(text):
            s = _Sentence(a, b, _targets(text, a, b, mentions, ctx.speaker_country,
                                         tuple(n for n in ctx.adversaries if n != ctx.speaker_country)))
            if s.targets:
                _score_sentence(text, s, ctx.comment, mentions)
                sentences.append(s)
        if not sentences:
            return self._by_topic(text, ctx, mentions)
        thanked = _thanked(ctx) or _endorsed(text, ctx)
        score = round(sum(s.score for s in sentences), 3)
        label = "neutral" if abs(score) < lexicon()["threshold"] else "support" if score > 0 else "oppose"
        if label == "neutral" and thanked and score >= 0 and not any(s.denied for s in sentences):
            # "X thanked Y for ...", "X assured that ...": the reporting verb takes the position its statement's
            # words leave open (not 'expressed hope that the Russian people would not support the war')
            label = "support"
        own = _own_course(text, sentences, ctx, mentions) if label == "neutral" and score >= 0 else None
        if own is not None:  # "Ukraine has chosen the course of NATO membership": a country's own accession
            t, span = own
            spans = tuple(sorted({t.span, span}))
            return Stance("support", score + lexicon()["own_course_weight"], "; ".join(text[x:y] for x, y in spans),
                          spans, t.name, "bloc" if t.kind == "bloc+" else t.kind, t.parties)
        deciding = [s for s in sentences if s.score and (label == "neutral" or (s.score > 0) == (score > 0))]
        pool = deciding or sentences
        target = min((t for s in pool for t in s.targets), key=lambda t: (_PRIORITY[t.kind], t.span[0]))
        spans = [target.span]
        if label != "neutral":
            cues = sorted((c for s in pool for c in s.cues if (c[0] > 0) == (score > 0)), key=lambda c: -abs(c[0]))
            spans += [span for _, span in cues[:3]]
        spans = tuple(sorted(set(spans)))
        evidence = "; ".join(text[x:y] for x, y in spans)
        kind = "bloc" if target.kind == "bloc+" else target.kind
        return Stance(label, score, evidence, spans, target.name, kind, target.parties)


    def _by_topic(self, text: str, ctx: Context, mentions) -> Stance:
        """A statement that names no alignment ("The Chinese don't need it") takes the document's, where
        its own words take a clear position; the evidence is then those words alone."""
        if ctx.topic is None:
            return NO_TARGET
        sentences = []
        for a, b in _sentences(text):
            s = _Sentence(a, b)
            _score_sentence(text, s, ctx.comment, mentions)
            s.cues = [c for c in s.cues if abs(c[0]) >= lexicon()["topic_min_cue"]]  # clear words only
            sentences.append(s)
        score = round(sum(w for s in sentences for w, _ in s.cues), 3)
        t = ctx.topic
        # a partnership with nobody named but one side is too vague a topic for a position
        vague = t.kind == "partnership" and len(t.parties) < 2
        if abs(score) < lexicon()["topic_threshold"]:
            if score >= 0 and not vague and (_thanked(ctx) and not _aside(text) or _endorsed(text, ctx)):  # "Macron expressed hope that the
                # decision would be unanimous", "X thanked Y for ...": the frame takes the position
                return Stance("support", score, None, (), t.target, t.kind, t.parties)
            return NO_TARGET
        # words that take a clear position, from a speaker of another side than the one named, speak of their
        # side's partnership with it (not a frame alone: 'welcomed the nation's willingness to diversify')
        t = _with_speaker(t, ctx.speaker_country)
        vague = t.kind == "partnership" and len(t.parties) < 2
        label = "support" if score > 0 else "oppose"
        if _aside(text) and (label == "oppose" or not any(
                _thanks_or_agreement(text[x:y]) for s in sentences for w, (x, y) in s.cues if w > 0)):
            # "the war will be a threat to Russia itself", 'we are ready to do everything for peace': about the
            # war or peace, not the document's topic; thanks still take a position ('grateful for the bold position
            # of Charles Michel' in 'the difficult moment of the Russian invasion')
            return NO_TARGET
        if vague:
            return NO_TARGET
        cues = sorted((c for s in sentences for c in s.cues if (c[0] > 0) == (score > 0)), key=lambda c: -abs(c[0]))
        spans = tuple(sorted({span for _, span in cues[:3]}))
        return Stance(label, score, "; ".join(text[x:y] for x, y in spans), spans, t.target, t.kind, t.parties)


def _with_speaker(t: Topic, speaker_country: str | None) -> Topic:
    """A partnership topic that names one side, taken up by a speaker of another: the partnership of the two
    ("Russia is becoming increasingly toxic" from a Kazakh speaker, in a document on Russia's partners)."""
    if t.kind != "partnership" or len(t.parties) != 1 or not speaker_country or speaker_country in t.parties:
        return t
    parties = tuple(sorted((*t.parties, speaker_country)))
    return Topic("–".join(parties) + " partnership", "partnership", parties)


def topic(title: str | None, mentions=None, speaker_country: str | None = None) -> Topic | None:
    """The alignment a document's title names, if any (the first, by the rules' order of kinds)."""
    if not title:
        return None
    mentions = mentions if mentions is not None else find_mentions(title)
    found = [t for a, b in _sentences(title) for t in _targets(title, a, b, mentions, speaker_country)]
    if not found:
        return None
    t = min(found, key=lambda t: (_PRIORITY[t.kind], t.span[0]))
    return Topic(t.name, "bloc" if t.kind == "bloc+" else t.kind, t.parties)


def document_topic(title: str | None, text: str, sides: tuple[str, ...] = (), known=(),
                   people: tuple[tuple[str, str], ...] = ()) -> Topic | None:
    """The alignment a document is about: its title's (:func:`topic`); else, where the title reports an encounter
    of two sides or more, their partnership (:func:`encounter`); else the target its sentences name most often
    (a bloc joined, an integration, sanctions, a partnership), when one is named at least three times.

    ``sides`` are the countries and blocs the document's named speakers act for; ``known`` the countries the
    ingest found in it, whose ambiguous names ('Turkey', 'Georgia') then count (:func:`find_mentions`); ``people``
    the people it names, each with the side its text gives them (name as the document writes it, side)."""
    t = topic(title, find_mentions(title, known) if title else None)
    if t is not None and not (t.kind == "partnership" and len(t.parties) < 2):
        return t
    met = encounter(title, sides, known, people)
    if met is not None:
        return met
    if t is not None:
        return t
    counts: dict = {}
    mentions = find_mentions(text, known)
    starts = [m[2] for m in mentions]
    for a, b in _sentences(text):
        for x in _targets(text, a, b, _within(mentions, starts, a, b), None):
            key = (x.name, "bloc" if x.kind == "bloc+" else x.kind, x.parties)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    (name, kind, parties), n = max(counts.items(), key=lambda kv: (kv[1], -_PRIORITY.get(kv[0][1], 9)))
    return Topic(name, kind, parties) if n >= 3 else None


#: the words before a meeting's place in a title ('met ... in Brussels', 'talks at the Hague')
_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)


def _venue(title: str, s: int, e: int) -> bool:
    """Whether the mention at ``s:e`` of an encounter's title is a city, a capital, where it took place ('met with the
    President of Azerbaijan in Brussels'), not a side that meets; a state's own name stays a side ('membership in the
    EU')."""
    return title[s:e] not in _state_forms() and bool(_IN.search(title, max(0, s - 8), s))


#: what parts a title: a dash between spaces or a colon ("Ukraine must join NATO - President at the summit")
_TITLE_PART = re.compile(r"\s[-–—]\s|:\s")


def encounter(title: str | None, sides: tuple[str, ...] = (), known=(),
              people: tuple[tuple[str, str], ...] = ()) -> Topic | None:
    """A title that reports an encounter ("X met with Y", "had a phone conversation with", "held talks",
    "visit of the Turkish President"; ``encounter`` in ``stance.json``) is about the partnership of the sides
    that meet: the countries and blocs the title names, those of the people it names where the document gives
    them one ('had a phone conversation with Boris Johnson', whom the text calls the Prime Minister of the United
    Kingdom; ``people``: name, side), and those the document's speakers act for.  None where fewer than two sides
    take part."""
    lx = lexicon()
    met = lx["encounter"].search(title or "")
    if met is None or (lx["neutral_topics"].search(title) and not lx["partner_aid"].search(title)):
        return None  # no encounter; or talks on the war, crimes, peace or humanitarian matters
    places = gazetteer.load().places
    # the sides the title names in the part that reports the encounter ("The world must return Russia to its
    # borders - Zelenskyy at the Security Summit": not Russia), but not the adversary ("discussed with UNICEF
    # the schools damaged by Russian aggression")
    a = max((m.end() for m in _TITLE_PART.finditer(title, 0, met.start())), default=0)
    b = next((m.start() for m in _TITLE_PART.finditer(title, met.end())), len(title))
    named = [n for n, _, s, e in find_mentions(title, known) if a <= s < b and not (
        _ADVERSARY.search(title[max(0, s - 40):s]) or _ADVERSARY_AFTER.match(title[e:e + 30])
        or lx["adversary_possessive"].match(title[e:e + 40]) or _venue(title, s, e))]
    names = named + [side for name, side in people if side and name in title[a:b]] + [s for s in sides if s]
    names = list(dict.fromkeys(n for n in names if n in places and places[n].kind in ("country", "bloc")))
    if len(names) < 2:
        return None
    parties = tuple(sorted(names))
    return Topic("–".join(parties) + " partnership", "partnership", parties)


def involves(kind: str | None, parties: str | tuple | None, a: str, b: str) -> bool:
    """Whether a target is about the relation of ``a`` and ``b``: their union or partnership (both are
    parties), or one of them joining (leaving, ...) a bloc that the other belongs to or is."""
    if not kind or not parties:
        return False
    names = parties.split("|") if isinstance(parties, str) else list(parties)
    if kind in ("partnership", "integration", "sanctions"):
        if kind == "integration":  # "Ukraine's European integration", or "Russia and Belarus are moving closer"
            return _joins(names, a, b) or _joins(names, b, a) or (a in names and b in names)
        return a in names and b in names
    return _joins(names, a, b) or _joins(names, b, a) or (a in names and b in names)


def _joins(names: list[str], joiner: str, other: str) -> bool:
    if joiner not in names:
        return False
    blocs = [n for n in names if n in gazetteer.load().places and gazetteer.load().places[n].kind == "bloc"]
    return any(other == bloc or other in _members(bloc) for bloc in blocs if joiner not in _members(bloc))


RULES = Rules()
_in_use: list = [None, RULES]  # (model path, classifier) that ingest uses in this process


def classify(text: str, context: Context | None = None) -> Stance:
    """The rules' stance of ``text`` (see :class:`Rules`)."""
    return RULES.classify(text, context)


def use(model_path: str | None) -> Classifier:
    """Make ingest in this process (and the worker processes it forks) classify with the trained
    model at ``model_path``, or with the rules when it is None; returns that classifier."""
    if model_path != _in_use[0]:
        if model_path:
            from . import stance_model

            _in_use[:] = [model_path, stance_model.load(model_path)]
        else:
            _in_use[:] = [None, RULES]
    return _in_use[1]


def active() -> Classifier:
    """The classifier chosen by :func:`use` (the rules unless a trained model was put in use)."""
    return _in_use[1]


def row(s: Stance, classifier: Classifier) -> dict:
    """The ``statements`` columns of a stance decided by ``classifier``."""
    return {
        "stance": s.label, "stance_score": s.score, "stance_evidence": s.evidence,
        "stance_spans": json.dumps([list(x) for x in s.spans]) if s.spans else None,
        "stance_target": s.target, "stance_target_kind": s.target_kind,
        "stance_parties": "|".join(s.parties) if s.parties else None,
        "stance_classifier": classifier.name, "stance_version": classifier.version,
    }
