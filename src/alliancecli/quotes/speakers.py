"""Who a speaker mention stands for: the document's registry of people, roles and unnamed actors.

:meth:`Registry.resolve` turns the token a mechanism found as the source of a statement into a
:class:`Speaker`: a person named there or in apposition, a surname, a pronoun resolved to the person
the passage is about, a relative pronoun or "it" read through its antecedent, a role noun the document
ties to one person ("the Russian leader"), a document ("the report") to its author, an organisation or
a country, or an unnamed actor by its first description ("the state TV guest"). Where nothing supports
a resolution the mention text stays.
"""
from __future__ import annotations

import re

from typing import NamedTuple

from .. import entities, gazetteer
from ..entities import Mention, doc_ents
from .view import DASHES, PERSONAL, RELATIVES, DocView, clause_verb, joined


def _titled_name(v, title, surname) -> str:
    """A surname after an honorific that the model left untagged ('Ms Detakats'): by the full name where the document
    writes it with a given name the model left untagged too ('local resident Francesca Detakats'); else the surname
    alone ('Mr Addink' is Addink, whom the corpus may name in full), but for a peer's or a knight's title, which is
    part of how the person is named ('Lord Browne': people.json ``titled_names``)."""
    full = entities.written_full_names(v.docs, {surname.text}).get(surname.text)
    if full and entities.any_given_name(full.split()[0]):
        return full
    return f"{title.text} {surname.text}" if title.lower_.rstrip(".") in entities.titled_names() else surname.text


class Speaker(NamedTuple):
    name: str | None
    start: int | None
    end: int | None
    kind: str | None  # person, unnamed, organization, country, document; role or pronoun when unresolved
    country: str | None = None
    role: str | None = None  # the role the mention names ("president", "head|state"), for corpus-wide ties


RoleKey = tuple[str, frozenset]
#: a group's speaker_role: its members' open roles in the order of its name's " and " parts ('' for a person)
GROUP_ROLES = " & "
#: entity labels of times, which name no body ('said the 20-year-old', 'said Friday': DATE)
TIME_LABELS = ("DATE", "TIME")
#: determiners of a role noun that hold no one person to it ('a senior official', 'another minister')
ANONYMOUS_DETERMINERS = frozenset({"a", "an", "another", "some", "any", "one", "several", "many", "few"})
#: the small words a title is written with: 'Head of the Office of the President', 'Adviser to the Minister'
CONNECTORS = ("of", "to", "for", "the", "'s", "’s")


def role_string(key: RoleKey) -> str:
    """A role key as stored: 'president', 'head|state', 'minister|foreign,Ukraine'."""
    head, mods = key
    return head + ("|" + ",".join(sorted(mods)) if mods else "")


def title_parts(people: list[Mention], text: str) -> list[Mention]:
    """``people`` without the names that are part of another person's title: in 'Minister for Reintegration of
    the Temporarily Occupied Territories of Ukraine Iryna Vereshchuk' the model's person 'Occupied
    Territories' is followed by 'of Ukraine' and a name, which no person's name is."""
    people = sorted(people, key=lambda m: m.start)
    out = []
    for a, b in zip(people, people[1:] + [None]):
        gap = text[a.end:b.start].split() if b is not None and b.unit == a.unit else []
        if (gap and len(gap) <= 6 and gap[0] in CONNECTORS[:3]
                and all(w in CONNECTORS or w[:1].isupper() for w in gap)):
            continue
        out.append(a)
    return out


#: what hangs a clause on a noun: a person named in it is not the one the noun names
#: ('Christie, who has campaigned for Donald Trump, …')
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})


def _in_clause_below(t, top) -> bool:
    """Whether ``t`` stands in a clause below ``top``."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in _CLAUSE_DEPS:
            return True
        t = t.head
    return False


def _next_to(t, noun) -> bool:
    """Whether the name at ``t`` stands in apposition to ``noun`` with no verb between them: 'His former partner,
    Lawrence Cummings,', 'With 50 days until the election, Minyon Moore, a senior adviser, called …' (the parser's
    subject 'election'); not a name the parser hung on it from across the clause ('An expert group has been set
    up …, co-chaired by …, Michael McFaul')."""
    return t.dep_ == "appos" and t.head.i == noun.i and not any(
        x.pos_ in ("VERB", "AUX") for x in t.doc[noun.i + 1:t.left_edge.i])


def _agrees(pronoun, name: str) -> bool:
    """Whether 'he' or 'she' can stand for the person ``name``: not where the given name is one of the other sex's
    (:func:`entities.gender_of`); any other word agrees with anyone."""
    want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(pronoun.lower_)
    got = entities.gender_of(name) if want else None
    return got is None or got == want


class Registry:
    def __init__(self, view: DocView, countries: dict[str, str] | None = None):
        self.view = view
        self.countries = countries or {}  # person -> the country the document's mentions of them give most
        self.unnamed: dict[str, tuple[str, str | None]] = {}  # head lemma -> (name, country)
        self.bodies: dict[str, tuple[str, str | None]] = {}  # head lemma -> (a body named in capitals, country)
        self._roles: list[tuple[RoleKey, Mention]] | None = None
        self._salient: set[str] | None = None
        self._author: list[Speaker] | bool = False  # False: not looked for yet
        self.voices: list[tuple[int, int, Speaker]] = []  # turns, blocks and quotations with a person speaking
        self._orgs: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None  # org_descriptors()

    def country_of(self, name: str | None) -> str | None:
        return self.countries.get(name) if name else None

    # -- resolution ------------------------------------------------------------
    def resolve(self, k: int, tok, pos: int, last=None) -> Speaker:
        """The speaker for token ``tok`` of unit ``k``; ``last`` is the previous speaker in reading order."""
        v = self.view
        doc = v.docs[k]
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            # "Marc Morial, who said ...": the antecedent, read through the relative pronoun
            ante = tok.head.head
            walk = ante  # "Morial, the chief executive of the League, who": up to the person
            while walk.dep_ in ("pobj", "prep", "appos", "compound") and walk.head.i != walk.i:
                walk = walk.head
                if v.person_at(k, walk) is not None:
                    ante = walk
                    break
            if ante.i < tok.i and not v.inside_tok(ante) and ante.lower_ not in RELATIVES:
                sp = self.resolve(k, ante, pos, last)
                return sp._replace(start=min(sp.start, v.abs(k, tok)), end=v.abs(k, tok) + len(tok))
        m = v.person_at(k, tok) or self.person_in_apposition(k, tok, speaking=True)
        if m is None and tok.i > 0 and entities.post_nominal(tok):  # 'Guy Mansfield QC warned'
            m = v.person_at(k, doc[tok.i - 1])
        if m is not None:
            return Speaker(m.name, m.start, m.end, "person")
        # 'the 20-year-old said': the person the passage is about, as 'he' or 'she' would be
        if (tok.lower_ == "old" and tok.i >= 2 and doc[tok.i - 2].lower_ in ("year", "years")
                and any(c.lower_ == "the" for c in tok.children)):
            sp = self.subject_antecedent(k, tok)
            if sp is not None and sp.kind == "person":
                left = next(c for c in tok.children if c.lower_ == "the")
                return sp._replace(start=v.abs(k, left), end=v.abs(k, tok) + len(tok))
        # a surname the model did not tag as a person, or tagged as a body ('Davies admitted', tagged ORG)
        if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON" or tok.ent_type_ == "ORG" and tok.text[:1].isupper():
            chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
            p = self.surname_person([tok], pos)
            if p is not None:
                return Speaker(p.name, v.abs(k, chain[0]), v.abs(k, tok) + len(tok), "person")
            title = doc[tok.i - 1] if tok.i > 0 else None
            if (title is not None and title.head.i == tok.i and title.dep_ == "compound" and title.text[:1].isupper()
                    and title.lower_.rstrip(".") in entities.honorifics() and tok.text[:1].isupper() and not tok.is_upper
                    and not tok.ent_type_ and title.tag_ == "NNP"
                    and tok.lower_ not in v.lex["titles"] and tok.lower_ not in v.lex["roles"]):
                # a surname after an honorific that the model left untagged: 'BP chief executive Lord Browne said';
                # by the full name where the document writes it with a given name the model left untagged too
                # ('local resident Francesca Detakats ... Ms Detakats said')
                return Speaker(_titled_name(v, title, tok), v.abs(k, title), v.abs(k, tok) + len(tok), "person")
        s, e = v.abs(k, tok), v.abs(k, tok) + len(tok)
        low = tok.lower_
        # 'Today, I, our parliament and the people can say …': the tagger may take a subject 'I' for a name
        if tok.pos_ == "PRON" or (tok.text == "I" and tok.dep_ in ("nsubj", "nsubjpass")):
            if low == "it":
                ante = v.it_antecedent(k, tok)
                if ante is not None:
                    sp = self.resolve(k, ante, pos, last)
                    return sp._replace(start=s, end=e)
            if low in v.rules["first_person"]:
                sp = self.voice_at(pos) or self.author() or (
                    self.joint_authors() if low in v.rules["first_person_plural"] else None)
                if sp is not None:
                    return sp._replace(start=s, end=e)
            if low in ("they", "them"):
                sp = self.group_antecedent(k, tok)
                if sp is None and tok.dep_ == "nsubj" and v.is_cue(tok.head):
                    sp = self.joint_authors()  # 'They stressed …' in a joint statement: its authors
                if sp is not None:
                    return sp._replace(start=s, end=e)
            if low in PERSONAL:
                sp = self.subject_antecedent(k, tok)
                if sp is not None:
                    return sp._replace(start=s, end=e)
                if last and last.speaker.kind in ("person", "unnamed") and v.body_pos(k) - last.para <= 3 and (
                        _agrees(tok, last.speaker.name)):
                    return last.speaker._replace(start=s, end=e)
                p = v.person_before(pos, fits=lambda m: _agrees(tok, m.name))
                if p is not None:
                    return Speaker(p.name, s, e, "person")
                named = self.named_subject_before(k, tok)
                if named is not None:  # 'Burton explained ... "…," he said': a name the model missed
                    return Speaker(named, s, e, "person")
                # no one of the pronoun's sex: the census may be wrong about the name ('Nikita' is a man's name in
                # Russia, a woman's in the US), so the subject before stands after all
                sp = self.subject_antecedent(k, tok, agree=False)
                if sp is not None:
                    return sp._replace(start=s, end=e)
            return Speaker(tok.text, s, e, "pronoun" if low in v.lex["pronouns"] else None)
        is_role = tok.lemma_.lower() in v.lex["roles"] and tok.pos_ in ("NOUN", "PROPN")
        if tok.ent_type_ and tok.ent_type_ not in ("COUNTRY", "BLOC", "NOT_COUNTRY") + TIME_LABELS and not is_role:
            ent = next((x for x in doc_ents(doc) if x.start <= tok.i < x.end), None)
            if ent is not None:
                label = ent.label_
                if len(ent) > 1 and ent[0].lower_ == "the":  # "The Clinton Foundation" at a sentence start is the
                    ent = ent[1:]  # "Clinton Foundation" the same text names elsewhere
                country = None
                at = ent.end + (0 if ent[-1].lower_ == "of" else 1)  # 'Muslim Council of' + 'Britain', or '… of' apart
                if label == "ORG" and at < len(doc) and doc[at - 1].lower_ == "of" and (
                        doc[at].ent_type_ == "COUNTRY" and doc[at].ent_iob_ == "B"):
                    # 'the Muslim Council of Britain': the country the gazetteer took out of the body's name
                    place = next(x for x in doc_ents(doc) if x.start == at)
                    country = place.ent_id_ or None
                    end = place.end  # and the name's words after it: 'Confederation of British Industry'
                    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                        end += 1
                    ent = doc[ent.start:end]
                comma = next((x.i for x in ent if x.text == "," and x.i > tok.i), None)
                if comma is not None:  # 'a new report by Politico, Democratic party insiders': one name, not two
                    ent = doc[ent.start:comma]
                return Speaker(ent.text, *v.span(k, ent[0], ent[-1]), "organization", country)
        if tok.ent_type_ == "COUNTRY":
            ent = next((x for x in doc_ents(doc) if x.start <= tok.i < x.end), None)
            if ent is not None:
                if ent.text in gazetteer.metonyms():  # "the Kremlin said": an institution speaks
                    return Speaker(ent.text, *v.span(k, ent[0], ent[-1]), "organization", ent.ent_id_)
                return Speaker(ent.ent_id_, *v.span(k, ent[0], ent[-1]), "country", ent.ent_id_)
        # a noun phrase: "the state TV guest", "the analysis"
        left = tok
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod", "nmod", "det", "poss") and c.i < left.i:
                left = c.left_edge if c.dep_ == "poss" else c  # the whole owner: "Anna Berg's campaign"
        toks = [t for t in doc[left.i:tok.i + 1] if t.pos_ != "DET"]
        s = v.abs(k, toks[0]) if toks else s
        phrase = joined(toks) or tok.text
        lemma = tok.lemma_.lower()
        if tok.tag_ in ("NNS", "NNPS") and lemma in v.rules["group_nouns"]:
            # "the parties", "the two leaders": the people of the meeting the text reports, else those the
            # sentence before names together ("X met Y")
            sp = self.meeting_participants(k, tok) or self.named_together(k, tok) or self.joint_authors()
            if sp is not None:
                return sp._replace(start=s, end=e)
        role = described = None
        # 'U.S. officials', 'a State Department official': no one holder of the role, in the document or the corpus
        anonymous = tok.tag_ in ("NNS", "NNPS") or any(
            c.dep_ == "det" and c.lower_ in ANONYMOUS_DETERMINERS or c.dep_ == "nummod" for c in tok.children)
        if lemma in v.lex["roles"]:
            key = self.mention_key(tok)
            of = self._of_phrase(tok)  # "the Head of State", not "Head"
            if of:
                last = doc[max(x.i for x in of)]
                phrase = joined([t for t in doc[left.i:last.i + 1] if t.pos_ != "DET" or t.i > tok.i])
                e = v.abs(k, last) + len(last)
            p = None if anonymous else self.role_person(tok, key)
            role = None if anonymous else role_string(key)
            described = role_string(key)
            if p is not None:
                return Speaker(p.name, s, e, "person", role=role)
        if lemma in v.lex["documents"] or lemma in v.rules["quoting_documents"]:
            # its author named in it: 'a new report by Politico', 'an analysis by Lily Batchelder' (not the maker of
            # a survey or a poll, whose figures are data, not words: ``data_documents``)
            by = None if lemma in v.rules["data_documents"] else next((
                g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > tok.i
                       for g in c.children if g.dep_ == "pobj" and (
                           g.pos_ == "PROPN" or g.ent_type_ in ("PERSON", "ORG") or v.person_at(k, g))), None)
            if by is not None:
                sp = self.resolve(k, by, v.abs(k, by), last)
                if sp.kind in ("person", "organization"):
                    return sp._replace(start=s, end=v.abs(k, by) + len(by))
            sp = self.issuer(k, tok, pos, last)
            if sp is not None:  # 'the group issued a statement saying …': the group speaks
                return sp
        if lemma in v.lex["documents"]:
            p = v.person_before(pos, max_back=1500)
            if p is not None:
                return Speaker(p.name, s, e, "person")
            return Speaker(phrase, s, e, "document")
        orgs = self.described_org(lemma, tok) if any(c.lower_ == "the" for c in tok.lefts) and tok.tag_ not in (
            "NNS", "NNPS") else set()  # 'the firm', not 'the two firms'
        if len(orgs) == 1:  # "the company" the document has said Diageo is
            return Speaker(orgs.pop(), s, e, "organization")
        if role is None and tok.pos_ == "PROPN" and tok.text[:1].isupper() and lemma in v.lex["org_words"]:
            # a body named in capitals that the model did not tag: "the Russian Foreign Ministry said"
            of = [x for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ == "of"
                  for x in c.subtree]  # "Bank of America", "Council of Europe"
            if of and all(x.text[:1].isupper() or x.lower_ in ("of", "the", "and") for x in of):
                last = doc[max(x.i for x in of)]
                phrase, e = joined([t for t in doc[left.i:last.i + 1] if t.pos_ != "DET" or t.i > tok.i]), v.abs(k, last) + len(last)
            named = doc[left.i:tok.i + 1 + len(of)]
            country = next((c.ent_id_ for c in named if c.ent_type_ == "COUNTRY" and c.ent_id_), None)
            self.bodies.setdefault(lemma, (phrase, country))
            return Speaker(phrase, s, e, "organization", country)
        if role is None and lemma in self.bodies and any(c.lower_ == "the" for c in tok.lefts):
            name, country = self.bodies[lemma]  # "the association" after "the Sri Lanka Banks Association"
            return Speaker(name, s, e, "organization", country)
        kind = "role" if role else "unnamed"  # a role no one in the document holds stays unresolved
        known = described or lemma  # 'the President of Lithuania' is not the 'President of Ukraine' named before
        if known in self.unnamed:
            name, country = self.unnamed[known]
            return Speaker(name, s, e, kind, country, role)
        if tok.pos_ in ("NOUN", "PROPN"):
            country = self.introduced_country(lemma)
            self.unnamed[known] = (phrase, country)
            return Speaker(phrase, s, e, kind, country, role)
        return Speaker(phrase, s, e, None)

    def issuer(self, k: int, tok, pos: int, last=None) -> Speaker | None:
        """The source that issued the document ``tok`` names, with its own mention (:meth:`DocView.issuer`)."""
        sj = self.view.issuer(k, tok)
        return self.resolve(k, sj, pos, last) if sj is not None else None

    def person_in_apposition(self, k: int, tok, speaking: bool = False) -> Mention | None:
        """A person named right after a role: 'the press secretary of the President of Russia Dmitry Peskov'; or
        in apposition to any noun, with no verb between (:func:`_next_to`): 'Trump's running mate — Mike Pence —',
        'the election, Minyon Moore, a senior adviser, called …' (where the parser made 'election' the subject of
        the cue, ``speaking``). For the subjects a pronoun may continue (not ``speaking``), not in apposition to a
        noun for a work ('The film, A Different Story, chronicles …' names a film, whatever the model tags;
        ``work_nouns``)."""
        v = self.view
        for t in tok.subtree:
            m = v.person_at(k, t)
            if m is None or v.inside(m.start) or _in_clause_below(t, tok):
                continue
            prev = v.docs[k][t.i - 1] if t.i > 0 else None
            chain_ok = t.i == tok.i or (prev is not None and prev.pos_ in ("PROPN", "PUNCT") and prev.lower_ not in (
                "of", "for", "to", "the"))
            if chain_ok and (tok.lemma_.lower() in v.lex["roles"] | v.lex["titles"] or t.i == tok.i
                             or tok.pos_ == "PROPN" or _next_to(t, tok) and (
                                 speaking or tok.lemma_.lower() not in v.rules["work_nouns"])):
                return m
        return None

    def surname_person(self, span, pos: int | None = None) -> Mention | None:
        """The document's person whose surname is written in ``span``: the last one named before
        ``pos`` when several share it, else the first one named."""
        words = {t.text.lower() for t in span if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"
                 or t.ent_type_ == "ORG" and t.text[:1].isupper()}
        for t in span:  # a surname the tokenizer split at its hyphen: 'Mr Kilroy' + '-' + 'Silk'
            doc = t.doc
            if t.i >= 2 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_ and not doc[t.i - 2].whitespace_:
                words.add(f"{doc[t.i - 2].text}-{t.text}".lower())
        found = [p for p in self.view.people if p.name.split() and p.name.split()[-1].lower() in words]
        alone = len(span) == 1 and not any(c.dep_ == "compound" for c in span[0].lefts)  # not 'Khin Zaw' + 'Win'
        if not found and alone:  # a given name alone ('Serena also said'), as entities.canonical_people reads one
            found = [p for p in self.view.people if len(p.name.split()) >= 2 and p.name.split()[0].lower() in words
                     and entities.any_given_name(p.name.split()[0])]  # not 'Axa' of a company read as 'Axa Equity'
            if len({p.name for p in found}) != 1:
                return None
        if not found:
            return None
        before = [p for p in found if pos is not None and p.start < pos]
        return before[-1] if before else found[0]

    def by_surname(self, name: str) -> str:
        """'PENCE' -> 'Mike Pence' when the document names a person with that surname."""
        low = name.lower()
        for p in self.view.people:
            if p.name.lower().split()[-1] == low.split()[-1]:
                return p.name
        return name.title() if name.isupper() else name

    def named_subject_before(self, k: int, tok) -> str | None:
        """The proper-noun subject of a verb in the previous sentence of the paragraph: the antecedent
        of 'he'/'she' when the model tagged no person there."""
        v = self.view
        doc = v.docs[k]
        sent = tok.sent
        if sent.start == 0:
            return None
        prev = doc[sent.start - 1].sent
        for t in prev:
            if (t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.head.pos_ == "VERB" and not v.inside_tok(t)
                    and t.ent_type_ not in ("COUNTRY", "BLOC", "NOT_COUNTRY", "GPE", "NORP")):
                parts = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
                if len(parts) == 2 and parts[0].lower_.rstrip(".") in entities.honorifics():
                    return _titled_name(v, parts[0], t)  # 'Ms Detakats said ... "…," she said'
                return joined(parts)
        return None

    def introduced_country(self, lemma: str) -> str | None:
        """The country in the phrase that first introduced an unnamed actor ('a guest on Russian state TV')."""
        t = self.view.first_noun(lemma)
        if t is None:
            return None
        found = [d for d in t.subtree
                 if d.ent_type_ == "COUNTRY" and d.i != t.i and len(list(d.ancestors)) - len(list(t.ancestors)) <= 4]
        if not found:
            return None
        # 'the presidents of Poland and Lithuania' introduce no one country's president
        if any(d.dep_ == "conj" and d.head.ent_type_ == "COUNTRY" and d.head.ent_id_ != d.ent_id_ for d in found):
            return None
        return found[0].ent_id_

    def described_org(self, lemma: str, tok) -> set[str]:
        """The organisation 'the <lemma>' (at ``tok``) stands for: the one in apposition to it, or else the one the
        document ties to that noun (in apposition, after 'is a' or right before the name), or for a generic company
        noun ('the company', 'the firm') to any company noun ('UK sportswear firm Umbro ... the company said'),
        where the headline or the lead names it. An article about Renault that calls Nissan a carmaker in passing
        does not make Nissan 'the firm', nor does one about Valeant make 'another pharmaceutical company, Actavis'
        'the company'."""
        ties, named = self.org_descriptors()
        rules = self.view.rules
        own = {o for o in ties.get(lemma, ()) if any(  # 'The French statistics agency, INSEE, expects …'
            c.dep_ == "appos" and o.endswith(c.text) for c in tok.children)}
        if len(own) == 1:
            return own
        nouns = {lemma}
        if lemma in rules["generic_company_nouns"] and not ties.get(lemma):
            nouns = rules["company_nouns"]
        found = {o for n in nouns for d in (ties, named) for o in d.get(n, ())}
        return found if len(found) == 1 and self._leading(next(iter(found))) else set()

    def _leading(self, name: str) -> bool:
        """Whether the headline names ``name`` (its first word will do: 'Cadbury' for Cadbury Schweppes), or the
        lead paragraph does."""
        v = self.view
        words = set(re.findall(r"\w+", " ".join(v.text[u.start:u.end] for u in v.units if u.kind == "title").lower()))
        if name.split()[0].lower() in words:
            return True
        return bool(v.body) and name in v.text[v.units[v.body[0]].start:v.units[v.body[0]].end]

    def org_descriptors(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Nouns the document ties to an organisation: by apposition or copula ('Diageo, the world's biggest
        spirits company', 'Altria is a tobacco company' tie 'company' to each; a name the model took for a
        person counts when the noun is an organisation word), and, second, right before the name ('budget
        airline Ryanair', company_nouns only).  A role ('Sanders, the senator from Vermont', where the model
        took Sanders for an organisation) or a relation ('its maker, Eli Lilly') ties nothing."""
        if self._orgs is None:
            ties: dict[str, set[str]] = {}
            named: dict[str, set[str]] = {}
            v = self.view
            for k in v.body:
                for ent in doc_ents(v.docs[k]):
                    if ent.label_ in ("COUNTRY", "BLOC", "NOT_COUNTRY", "GPE", "DATE", "CARDINAL"):
                        continue
                    r = ent.root
                    nouns = [(c, ties) for c in r.children if c.dep_ == "appos"]
                    if r.dep_ == "appos":
                        nouns.append((r.head, ties))
                    if r.dep_ == "nsubj" and r.head.lemma_ == "be":
                        nouns += [(c, ties) for c in r.head.children if c.dep_ == "attr"]
                    before = ent.doc[ent.start - 1] if ent.start > 0 else None
                    if before is not None and before.lemma_.lower() in v.rules["company_nouns"] and (
                            r.head.i == before.i or before.head.i == r.i):
                        nouns.append((before, named))
                    for n, into in nouns:  # an organisation, or a name the text says is one ('Diageo, the … company')
                        lemma = n.lemma_.lower()
                        if lemma in v.lex["roles"] or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in n.children):
                            continue
                        if n.pos_ == "NOUN" and (ent.label_ == "ORG" or lemma in v.lex["org_words"]):
                            into.setdefault(lemma, set()).add(ent.text)
            self._orgs = (ties, named)
        return self._orgs

    # -- first person -------------------------------------------------------------
    def voice_at(self, pos: int) -> Speaker | None:
        """The speaker of the turn, block or quotation ``pos`` lies in: the 'I' of 'Macron: … I said: …'."""
        inner = [(s, e, sp) for s, e, sp in self.voices if s <= pos < e]
        return min(inner, key=lambda x: x[1] - x[0])[2] if inner else None

    def author(self) -> Speaker | None:
        """Who the document itself is by, when its headline names one author: '… - address by President
        Volodymyr Zelenskyy', 'Speech by the Prime Minister to …'. The 'I' of the text outside any quotation
        is theirs."""
        found = self.authors()
        return found[0] if len(found) == 1 else None

    def joint_authors(self) -> Speaker | None:
        """The authors of a joint text as one group ('Joint Statement by President of Ukraine Volodymyr
        Zelenskyy and President of the Republic of Estonia Alar Karis'): its 'we', 'the parties', 'the
        leaders'."""
        members = list({sp.name: sp for sp in self.authors()}.values())
        if len(members) < 2:
            return None
        role = None
        if any(sp.kind == "role" for sp in members):  # the members' open roles, for store.resolve_roles
            role = GROUP_ROLES.join(sp.role or "" if sp.kind == "role" else "" for sp in members)
        return Speaker(" and ".join(sp.name for sp in members), None, None, "group", role=role)

    def authors(self) -> list[Speaker]:
        """The people (or roles) the headline says the document is by: the possessor of an authored noun, or
        the 'by'/'of' phrase after it with its conjuncts; else a name that ends the headline after a dash
        ('… - President Volodymyr Zelenskyy')."""
        if self._author is False:
            self._author = self._headline_authors()
        return self._author

    def _headline_authors(self) -> list[Speaker]:
        v = self.view
        for k, u in enumerate(v.units):
            if u.kind != "title":
                continue
            doc = v.docs[k]
            for t in doc:
                if t.lemma_.lower() not in v.rules["authored_nouns"] or t.pos_ not in ("NOUN", "PROPN"):
                    continue
                # 'Zelenskyy's address', 'Statement of …', '… address by President …' (the first 'by' after the
                # noun with no verb between, wherever the parser hangs it)
                heads = [c for c in t.children if c.dep_ == "poss"]
                heads += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == t.i + 1
                          for g in c.children if g.dep_ == "pobj"]
                for b in doc[t.i + 1:]:
                    if b.pos_ in ("VERB", "AUX"):
                        break
                    if b.lower_ == "by":
                        heads += [c for c in b.children if c.dep_ == "pobj"]
                        break
                for c in heads:
                    # the phrase up to what follows its names ('… Zelenskyy [in the Rada]'): a headline's parse
                    # may hang a name anywhere, so it is read as words, in parts split at 'and' and commas
                    end = next((y.i for y in doc[c.i + 1:] if (y.pos_ in ("ADP", "VERB") and y.lower_ not in
                                                               CONNECTORS)), len(doc))
                    found = self._named_parts(k, c.left_edge.i, end) or self._untagged_author(k, c.left_edge.i, end)
                    if found:
                        return found
            # '… is the best investment in stability - President Volodymyr Zelenskyy': a headline that ends by
            # naming its speakers
            dash = next((x for x in reversed(doc) if x.text in DASHES), None)
            if dash is not None and 2 <= len(doc) - dash.i - 1 <= v.rules["headline_speaker_max_tokens"]:
                found = [sp for sp in self._named_parts(k, dash.i + 1, len(doc)) if sp.kind == "person"]
                if found:
                    return found
            # '… our victory - President': a role alone, left open for the corpus to tie to its holder
            if dash is not None and dash.i + 1 < len(doc):
                tail = [t for t in doc[dash.i + 1:] if not t.is_punct]
                heads = [t for t in tail if t.lemma_.lower() in v.lex["roles"] and t.pos_ in ("NOUN", "PROPN")]
                if len(heads) == 1 and tail and all(
                        t is heads[0] or t.lower_ in v.lex["titles"] or t.pos_ in ("DET", "ADP")
                        or (t.ent_type_ == "COUNTRY" and t.ent_id_) for t in tail):
                    mods = frozenset(m for t in tail if t is not heads[0] and (m := self._modifier(t)))
                    key = (heads[0].lemma_.lower(), mods)
                    p = self.role_person(heads[0], key)
                    s, e = v.span(k, tail[0], tail[-1])
                    if p is not None:
                        return [Speaker(p.name, s, e, "person", role=role_string(key))]
                    return [Speaker(v.text[s:e], s, e, "role", role=role_string(key))]
        return []

    def _untagged_author(self, k: int, lo: int, end: int) -> list[Speaker]:
        """A name-shaped author the model did not tag as a person ('An Open Letter to the Global Media by Olena
        Zelenska', tagged ORG in a title-case headline): named as written, kind ``unnamed``, since it may
        as well be an organisation; the corpus decides what it is."""
        v = self.view
        toks = list(v.docs[k][lo:end])
        if not 2 <= len(toks) <= 4 or not all(
                t.pos_ == "PROPN" and t.is_title and t.ent_type_ in ("", "ORG") and t.lower_ not in v.lex["titles"]
                and t.lemma_.lower() not in v.lex["roles"] and t.lower_ not in v.lex["org_words"] for t in toks):
            return []
        s, e = v.span(k, toks[0], toks[-1])
        return [Speaker(v.text[s:e], s, e, "unnamed")]

    def _named_parts(self, k: int, lo: int, end: int) -> list[Speaker]:
        """The people (or roles) tokens ``lo``..``end`` of a headline name, read in parts split at 'and' and
        commas: 'Boris Johnson, Prime Minister of the United Kingdom and Volodymyr Zelenskyy, President of
        Ukraine' -> the two names (a role after a name is its apposition), 'the President of Ukraine, the
        President of Lithuania' -> the two roles."""
        v = self.view
        doc = v.docs[k]
        parts, part_start = [], lo
        for j in range(lo, end + 1):
            if j == end or doc[j].lower_ in (",", "and", "&"):
                if j > part_start:
                    parts.append((part_start, j))
                part_start = j + 1
        named = {p: self.named_in(k, *p) for p in parts}
        if any(named.values()):  # 'Oleh Ustenko and Simon Johnson': a name-shaped part beside a named person
            for (a, b), sp in named.items():
                toks = list(doc[a:b])
                if sp is None and 2 <= len(toks) <= 3 and all(
                        t.pos_ == "PROPN" and t.is_title and t.ent_type_ in ("", "PERSON")
                        and t.lower_ not in v.lex["titles"] and t.lemma_.lower() not in v.lex["roles"] for t in toks):
                    s, e = v.span(k, toks[0], toks[-1])
                    named[(a, b)] = Speaker(self.by_surname(v.text[s:e]), s, e, "person")
        found = []
        after_name = False
        for a, b in parts:
            sp = named[(a, b)]
            if sp is None and not after_name:  # a role alone, not the apposition of a name
                role = next((x for x in doc[a:b] if x.lemma_.lower() in v.lex["roles"] and x.pos_ in ("NOUN", "PROPN")),
                            None)
                sp = self.resolve(k, role, v.abs(k, role)) if role is not None else None
                sp = sp if sp is not None and sp.kind in ("person", "role") else None
            after_name = sp is not None and sp.kind == "person"
            if sp is not None:
                found.append(sp)
        return found

    def named_in(self, k: int, lo: int, hi: int) -> Speaker | None:
        """The person tokens ``lo``..``hi`` of unit ``k`` name, for a unit whose people the registry does not
        hold (a headline): a person entity in them ('President Volodymyr Zelenskyy's'), or a title and a name
        the model did not tag ('President of Ukraine Volodymyr Zelenskyy'); named as the body names them."""
        from .turns import titled_name

        v = self.view
        doc = v.docs[k]
        if hi <= lo:
            return None
        for ent in doc_ents(doc):
            if ent.label_ == "PERSON" and lo <= ent.start and ent.end <= hi:
                toks = [x for x in ent if x.dep_ != "case" and x.text not in ("'s", "’s")]
                s, e = v.span(k, toks[0], toks[-1])
                return Speaker(self.by_surname(v.text[s:e]), s, e, "person")
        s, e = v.span(k, doc[lo], doc[hi - 1])
        sp = titled_name(v, k, s, e)
        return sp._replace(name=self.by_surname(sp.name)) if sp is not None else None

    # -- pronouns ----------------------------------------------------------------
    def subject_antecedent(self, k: int, tok, depth: int = 0, agree: bool = True) -> Speaker | None:
        """The person a 'he'/'she' continues: the subject of the sentences before it, nearest first and the
        main clause's subject first in each ("Zelenskyy thanked Biden for the talks. He stressed ..." ->
        Zelenskyy, not the nearer Biden). Subjects that name no person are passed over, and with ``agree`` those of
        the other sex (:func:`_agrees`); three sentences back at most, across paragraph ends."""
        v = self.view
        own = self.clause_subject(k, tok)
        if own is not None:
            return own
        seen = 0
        for kk, sent in self._sentences_before(k, tok):
            subjects = sorted((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and not v.inside_tok(t)),
                              key=lambda t: (t.head.dep_ != "ROOT", t.i))
            for t in subjects:
                if t.tag_ in ("NNS", "NNPS"):
                    continue  # 'he' or 'she' is one person: "The experts emphasize …" is not their antecedent
                if t.lower_ in PERSONAL:
                    if depth < 2:
                        sp = self.subject_antecedent(kk, t, depth + 1, agree)
                        if sp is not None:
                            return sp
                    continue
                m = v.person_at(kk, t) or self.person_in_apposition(kk, t)
                if m is not None and agree and not _agrees(tok, m.name):
                    # 'Fiorina … she said': the Fiorina who is a she; 'His opponent, Hillary Clinton, won
                    # Georgia. He told the crowd …': not her
                    m = self._namesake(tok, m) if " " not in v.text[m.start:m.end].strip() else None
                    if m is None:
                        continue
                if m is not None:
                    return Speaker(m.name, m.start, m.end, "person")
                if t.pos_ == "PROPN":
                    p = self.surname_person([t], v.abs(kk, t))
                    if p is not None and agree and not _agrees(tok, p.name):
                        p = self._namesake(tok, p)
                    if p is not None:
                        return Speaker(p.name, p.start, p.end, "person")
                if t.lemma_.lower() in v.lex["roles"] and t.pos_ in ("NOUN", "PROPN"):
                    # a role, held by someone the document names or not: "the state TV guest"
                    return self.resolve(kk, t, v.abs(kk, t))
                if t.lemma_.lower() in v.rules["person_nouns"] and t.pos_ == "NOUN" and tok.lower_ in PERSONAL:
                    # "This little boy was grateful … He said …": a person the text does not name
                    return self.resolve(kk, t, v.abs(kk, t))
            seen += 1
            if seen >= 3:
                break
        return None

    def _namesake(self, pronoun, m: Mention) -> Mention | None:
        """The person of the document who shares the surname of ``m`` and whose given name agrees with
        ``pronoun`` ('she' after 'Fiorina': Carly, not Frank Fiorina), or None."""
        last = m.name.split()[-1]
        return next((q for q in self.view.people if q.name.split()[-1] == last and entities.gender_of(q.name)
                     and _agrees(pronoun, q.name)), None)

    def clause_subject(self, k: int, tok) -> Speaker | None:
        """The person named as the subject of the nearest clause around ``tok`` that has one, before it in its
        sentence: 'Lehel stated that he had access to Clinton's server, which he described as …' (Lehel, not the
        nearer Clinton). Clauses whose subject is a pronoun or a thing are passed; a subject that may be someone
        the document does not name as a person ('the candidate said he …'), or the person a relative clause is
        about ('Trump, who talked about things she believed'), ends the search with None."""
        v = self.view
        h = tok.head
        while h.i != tok.i:
            if h.pos_ in ("VERB", "AUX"):
                sj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
                if sj is not None and not v.inside_tok(sj) and sj.lower_ not in PERSONAL:
                    if sj.lower_ in RELATIVES:
                        if h.dep_ == "relcl" and (v.person_at(k, h.head) or h.head.ent_type_ == "PERSON"):
                            return None
                    else:
                        m = v.person_at(k, sj) or self.person_in_apposition(k, sj)
                        if m is not None:
                            return Speaker(m.name, m.start, m.end, "person")
                        lemma = sj.lemma_.lower()
                        if sj.pos_ == "PROPN" or lemma in v.lex["roles"] or lemma in v.rules["person_nouns"]:
                            return None
            if h.head.i == h.i:
                return None
            h = h.head
        return None

    def named_together(self, k: int, tok) -> Speaker | None:
        """The people a group ('the parties', 'they') stands for: those the sentence before names, when it
        names two or more ('Zelenskyy held a phone call with Macron. The parties discussed …'). They
        speak as one group, named as the text names them."""
        v = self.view
        for n, (kk, sent) in enumerate(self._sentences_before(k, tok)):
            s, e = v.units[kk].start + sent.start_char, v.units[kk].start + sent.end_char
            names = [m.name for m in v.people if s <= m.start < e and not v.inside(m.start)]
            for t in sent:  # "The President held talks with …": a role the document ties to a person
                if t.dep_ == "nsubj" and t.lemma_.lower() in v.lex["roles"] and t.tag_ in ("NN", "NNP"):
                    p = self.role_person(t)
                    if p is not None:
                        names.insert(0, p.name)
            names = list(dict.fromkeys(names))
            if len(names) >= 2:
                return Speaker(" and ".join(names), None, None, "group")
            if n >= 1:
                return None
        return None

    def meeting_participants(self, k: int, tok, max_back: int | None = None) -> Speaker | None:
        """The people of the meeting the text reports last before ``tok`` (its own sentence first): who
        'met', 'held talks' or 'had a phone conversation' and whom they met, as the text names them
        ('President of Ukraine Volodymyr Zelenskyy met with Prime Minister of Albania Edi Rama. … The
        parties discussed …'). A participant written as a role counts when the document ties the role to
        one person. None when no meeting names two people; ``max_back`` bounds the sentences looked at."""
        v = self.view
        own = (k, tok.sent)
        for n, (kk, sent) in enumerate([own] + list(self._sentences_before(k, tok))):
            if max_back is not None and n > max_back:
                return None
            for m in sent:
                if kk == k and m.i >= tok.i:
                    break
                names = self._met(kk, m)
                if len(names) >= 2:
                    return Speaker(" and ".join(names), None, None, "group")
        return None

    def _met(self, k: int, m) -> list[str]:
        """The people a meeting word ``m`` brings together: the subject of its clause and the people named
        in its 'with'/'between' phrase (or the object of 'met'); [] when ``m`` reports no meeting."""
        v = self.view
        lemma = m.lemma_.lower()
        if not ((m.pos_ == "VERB" and lemma in v.rules["meeting_verbs"] | v.rules["meeting_object_verbs"])
                or (m.pos_ == "NOUN" and lemma in v.rules["meeting_nouns"])) or v.inside_tok(m):
            return []
        others = [c for c in m.children if c.dep_ == "prep" and c.lower_ in ("with", "between")]
        others = [g for c in others for g in c.children if g.dep_ == "pobj"]
        if m.pos_ == "VERB" and lemma in v.rules["meeting_object_verbs"]:  # "met Macron"
            others += [c for c in m.children if c.dep_ == "dobj"]
        clause = clause_verb(m)  # "held talks with", "During the meeting with X, Y stressed"
        names: list[str] = []
        sj = v.subject(clause) if clause.pos_ in ("VERB", "AUX") else None
        if sj is not None:
            lo, hi = v.span(k, sj.left_edge, sj.right_edge)  # 'X and Y met': however the parser joins them
            found = [p.name for p in v.people if lo <= p.start < hi and not v.inside(p.start)]
            one = sj.pos_ in ("PROPN", "NOUN") or v.lex["pronouns"].get(sj.lower_) in ("m", "f")
            if not found and one and sj.lemma_.lower() not in v.rules["group_nouns"]:
                # 'The President of Ukraine met …', 'He met …' (not 'the parties' or 'they' themselves)
                sp = self.resolve(k, sj, v.abs(k, sj))
                found = [sp.name] if sp.kind == "person" else []
            names += found
        elif m.i > 0:  # a subject the parser lost: the name written right before the verb ('… Zelenskyy met')
            before = v.person_at(k, m.doc[m.i - 1])
            names += [before.name] if before is not None else []
        for o in others:
            for t in [o] + list(o.conjuncts):
                lo, hi = v.span(k, t.left_edge, t.right_edge)
                found = [p.name for p in v.people if lo <= p.start < hi and not v.inside(p.start)]
                if not found and t.lemma_.lower() in v.lex["roles"]:
                    p = self.role_person(t)  # "met with the President of the European Council"
                    found = [p.name] if p is not None else []
                names += found
        return list(dict.fromkeys(names))

    def group_antecedent(self, k: int, tok, depth: int = 0) -> Speaker | None:
        """What 'they' continues: a plural subject or a coordination of people in the sentence before (or
        what its own 'they' continues), else the people that sentence names together."""
        v = self.view
        # its own sentence first: the plural subject of the clause that governs it ('Republicans called the
        # hearing because they felt …')
        for t in tok.sent:
            if t.i >= tok.i:
                break
            if (t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS") and t.pos_ in ("NOUN", "PROPN")
                    and not v.inside_tok(t) and t.head.i != tok.head.i and tok.head in t.head.subtree):
                return self.resolve(k, t, v.abs(k, t))
        for kk, sent in self._sentences_before(k, tok):
            for t in sorted((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and not v.inside_tok(t)),
                            key=lambda t: (t.head.dep_ != "ROOT", t.i)):
                if t.lower_ == "they" and depth < 3:
                    return self.group_antecedent(kk, t, depth + 1)
                people = [m for m in (v.person_at(kk, x) for x in [t] + [c for c in t.conjuncts]) if m]
                if len(people) >= 2:
                    return Speaker(" and ".join(dict.fromkeys(m.name for m in people)), None, None, "group")
                if t.tag_ in ("NNS", "NNPS") and t.pos_ in ("NOUN", "PROPN"):
                    return self.resolve(kk, t, v.abs(kk, t))
            break
        return self.named_together(k, tok) or self.meeting_participants(
            k, tok, max_back=v.rules["they_meeting_sentences"])

    def _sentences_before(self, k: int, tok):
        """(unit, sentence) pairs before ``tok``, nearest first: its own paragraph, then the body paragraphs
        before it."""
        v = self.view
        sent = tok.sent
        doc = v.docs[k]
        i = sent.start
        while i > 0:
            prev = doc[i - 1].sent
            yield k, prev
            i = prev.start
        bi = v.body_pos(k)
        for kk in reversed(v.body[:bi] if bi > 0 else []):
            for prev in reversed(list(v.docs[kk].sents)):
                yield kk, prev

    # -- roles -------------------------------------------------------------------
    def _modifier(self, t) -> str | None:
        if t.ent_type_ == "COUNTRY" and t.ent_id_:
            return t.ent_id_
        low = t.lemma_.lower()
        if (low in self.view.rules["role_ignored_modifiers"] or t.pos_ in ("DET", "PUNCT", "ADP", "PART", "CCONJ")
                or t.ent_type_ == "PERSON"):
            return None
        return low

    def _of_phrase(self, tok) -> list:
        """The tokens of 'of …' after a role noun: 'Head [of the Office of the President]'."""
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.i > tok.i and c.lower_ in self.view.lex["acts_for_preps"]:
                out += [x for x in c.subtree if not self.view.inside_tok(x)]
        return out

    def mention_key(self, tok) -> RoleKey:
        """(role, modifiers) of a role noun: 'the Russian leader' -> ('leader', {'Russia'}), 'the President
        of Russia' -> ('president', {'Russia'}), 'the Head of the President's Office' -> ('head', {'president',
        'office'}). 'Head of State' and the like are the roles the data file says they are."""
        mods = set()
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i:
                mods.add(self._modifier(c))
                mods.update(self._modifier(g) for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i)
        mods.update(self._modifier(t) for t in self._of_phrase(tok))
        return tok.lemma_.lower(), frozenset(m for m in mods if m)

    def chain_key(self, m: Mention) -> RoleKey | None:
        """The role in the title written right before a name: 'President of the Republic of Poland Andrzej
        Duda' -> ('president', {'republic', 'Poland'}), 'former US National Security Advisor Michael McFaul'
        -> ('advisor', {'United States', 'national', 'security'})."""
        v = self.view
        first = v.token_at(m.unit, m.start)
        if first is None:
            return None
        doc = v.docs[m.unit]
        lex = v.lex
        chain = []
        i = first.i - 1
        while i >= first.sent.start:
            t = doc[i]
            low = t.lower_
            titled = (t.is_title or t.is_upper) and t.is_alpha
            # 'Deputy Prime Minister - Minister for Reintegration ...': a dash between two titled words
            # 'Deputy Prime Minister - Minister for …', 'National Security and Defense Council': a dash or
            # an 'and' between two titled words
            dash = (low in DASHES or low == "and") and i > first.sent.start and doc[i - 1].is_title and doc[
                i + 1].is_title
            titled = titled and t.pos_ != "VERB"  # not 'According to President …'
            if not (titled or dash or low in CONNECTORS or t.lemma_.lower() in lex["roles"]
                    or low in lex["titles"] or t.ent_type_ in ("COUNTRY", "NORP")
                    or low in v.rules["role_other_modifiers"]):  # 'shadow chancellor Oliver Letwin'
                break
            if v.person_at(m.unit, t) is not None or v.inside_tok(t):
                break
            chain.append(t)
            i -= 1
        chain.reverse()
        while chain and chain[0].lower_ in CONNECTORS:
            chain.pop(0)
        def role_word(t) -> str:  # 'Gov.' is the governor
            return entities.title_abbreviation(t.text) or t.lemma_.lower()

        roles = [t for t in chain if role_word(t) in lex["roles"]]
        if not roles:
            return None
        # the head is the last role before the first 'of'/'to'/'for': 'Deputy Head of the Office',
        # 'Adviser to the President', 'National Security Advisor'
        of = next((j for j, t in enumerate(chain) if t.lower_ in lex["acts_for_preps"]), len(chain))
        before = [t for t in chain[:of] if role_word(t) in lex["roles"]]
        head = before[-1] if before else roles[0]
        mods = {self._modifier(t) for t in chain if t is not head}
        if chain and i >= 1 and doc[i].text == "-" and doc[i - 1].lower_ in v.rules["role_other_modifiers"] and not (
                doc[i - 1].whitespace_ or doc[i].whitespace_):  # 'ex-Conservative chancellor Ken Clarke'
            mods.add(doc[i - 1].lower_)
        return role_word(head), frozenset(x for x in mods if x)

    def roles(self) -> list[tuple[RoleKey, Mention]]:
        """The document's role registry: each role a person is introduced with, by a title before the name
        ('Russian President Vladimir Putin', 'President of Ukraine Volodymyr Zelenskyy') or an apposition
        ('Putin, the Russian leader')."""
        if self._roles is not None:
            return self._roles
        v = self.view
        entries: list[tuple[RoleKey, Mention]] = []
        roles = v.lex["roles"]
        for m in v.people:
            k = m.unit
            if m.head is None or v.units[k].kind != "body":
                continue
            key = self.chain_key(m)
            if key is not None:
                entries.append((key, m))
            r = v.docs[k][m.head]
            for c in r.children:
                if c.lemma_.lower() in roles and c.dep_ == "appos":
                    entries.append((self.mention_key(c), m))
            if r.dep_ == "appos" and r.head.lemma_.lower() in roles:
                entries.append((self.mention_key(r.head), m))
        entries += self._untagged_titles()
        self._roles = entries
        return entries

    def _untagged_titles(self) -> list[tuple[RoleKey, Mention]]:
        """Titles written before a name the model did not tag, of a person the document names elsewhere:
        'Secretary of the National Security and Defense Council Oleksiy Danilov' where only a later
        'Oleksiy Danilov' is a person mention."""
        v = self.view
        known = {}
        for p in v.people:
            parts = p.name.split()
            if len(parts) >= 2:
                known.setdefault(parts[-1].lower(), (parts[0].lower(), p))
        out = []
        for k in v.body:
            doc = v.docs[k]
            for t in doc:
                first_name, p = known.get(t.lower_, (None, None))
                if (p is None or not t.is_title or v.person_at(k, t) is not None or v.inside_tok(t)
                        or t.i == 0 or doc[t.i - 1].lower_ != first_name or v.person_at(k, doc[t.i - 1])):
                    continue
                first = doc[t.i - 1]
                m = Mention("person", p.name, p.name, v.abs(k, first), v.abs(k, t) + len(t), k, p.sentence, t.i,
                            p.country)
                key = self.chain_key(m)
                if key is not None:
                    out.append((key, m))
        return out

    def salient(self) -> set[str]:
        """The people a document is about: those its headline names, else those its lead paragraph names."""
        if self._salient is None:
            v = self.view
            titles = " ".join(v.text[u.start:u.end] for u in v.units if u.kind == "title").lower()
            named = {p.name for p in v.people if p.name.split() and p.name.split()[-1].lower() in titles}
            if not named and v.body:
                named = {p.name for p in v.people if p.unit == v.body[0]}
            self._salient = named
        return self._salient

    def _fits(self, key: RoleKey, entry: RoleKey, person: Mention) -> bool:
        role, mods = key
        heads = {role} | set(self.view.rules["role_generic"].get(role, []))
        of_state = False
        for phrase, roles in self.view.rules["role_equivalents"].items():
            head, _, words = phrase.partition("|")
            if role == head and set(words.split(",")) <= mods:  # "Head of State": a president or a monarch
                heads, mods = set(roles), mods - set(words.split(","))
                of_state = words in ("state", "government")
                break
        country = self.countries.get(person.name) or person.country
        if of_state and (country and gazetteer.kind_of(country) == "bloc"
                         or entry[1] & self.view.lex["org_words"]):
            return False  # the President of the European Parliament heads a body, not a state or a government
        # 'the Prime Minister' is not the 'Deputy Prime Minister': a modifier that makes another role must be
        # in the mention too
        other = (entry[1] & self.view.rules["role_other_modifiers"]) - mods
        # an equivalent role may need its own modifiers: 'head of government' is a 'minister|prime'
        head_fits = any(head == entry[0] and set(filter(None, words.split(","))) <= entry[1]
                        for head, _, words in (h.partition("|") for h in heads))
        return head_fits and not other and all(m in entry[1] or m == country for m in mods)

    def role_person(self, tok, key: RoleKey | None = None) -> Mention | None:
        """The person the document has tied to the role ``tok`` names: the one whose title or apposition
        fits it; of several, the one whose title matches it exactly, else the one the document is about
        (:meth:`salient`). None where nothing decides."""
        key = key or self.mention_key(tok)
        fits = [(entry, m) for entry, m in self.roles() if self._fits(key, entry, m)]
        people = {m.name for _, m in fits}
        if len(people) > 1:  # several fit: an exact match of the modifiers decides, then salience
            # (not of none: a bare 'the President' says no more of 'President Gitanas Nausėda' than of the 'President
            # of Ukraine Volodymyr Zelenskyy' of the same release)
            exact = {m.name for entry, m in fits if entry == key} if key[1] else set()
            people = exact if len(exact) == 1 else people & self.salient()
        if len(people) != 1:
            return None
        name = people.pop()
        return next(m for _, m in fits if m.name == name)
