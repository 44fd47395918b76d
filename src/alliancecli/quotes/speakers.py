"""Who a speaker mention stands for: the document's registry of people, roles and unnamed actors.

:meth:`Registry.resolve` turns the token a mechanism found as the source of a statement into a
:class:`Speaker`: a person named there or in apposition, a surname, a pronoun resolved to the person
the passage is about, a relative pronoun or "it" read through its antecedent, a role noun the document
ties to one person ("the Russian leader"), a document ("the report") to its author, an organisation or
a country, or an unnamed actor by its first description ("the state TV guest"). Where nothing supports
a resolution the mention text stays.
"""
from __future__ import annotations

from typing import NamedTuple

from ..entities import Mention
from .view import PERSONAL, RELATIVES, DocView, joined


class Speaker(NamedTuple):
    name: str | None
    start: int | None
    end: int | None
    kind: str | None  # person, unnamed, organization, country, document, or None (unresolved)
    country: str | None = None


class Registry:
    def __init__(self, view: DocView, countries: dict[str, str] | None = None):
        self.view = view
        self.countries = countries or {}  # person -> the country the document's mentions of them give most
        self.unnamed: dict[str, tuple[str, str | None]] = {}  # head lemma -> (name, country)
        self._roles: list[tuple[tuple[str, frozenset], Mention]] | None = None

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
        m = v.person_at(k, tok) or self.person_in_apposition(k, tok)
        if m is not None:
            return Speaker(m.name, m.start, m.end, "person")
        if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":  # a surname the model did not tag as a person
            chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
            p = self.surname_person([tok], pos)
            if p is not None:
                return Speaker(p.name, v.abs(k, chain[0]), v.abs(k, tok) + len(tok), "person")
        s, e = v.abs(k, tok), v.abs(k, tok) + len(tok)
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low == "it":
                ante = v.it_antecedent(k, tok)
                if ante is not None:
                    sp = self.resolve(k, ante, pos, last)
                    return sp._replace(start=s, end=e)
            if low in PERSONAL:
                if last and last.kind in ("person", "unnamed") and v.body_pos(k) - last.para <= 3:
                    return Speaker(last.speaker, s, e, last.kind, last.country)
                p = v.person_before(pos)
                if p is not None:
                    return Speaker(p.name, s, e, "person")
                named = self.named_subject_before(k, tok)
                if named is not None:  # 'Burton explained ... "…," he said': a name the model missed
                    return Speaker(named, s, e, "person")
            return Speaker(tok.text, s, e, None)
        if tok.ent_type_ and tok.ent_type_ not in ("COUNTRY", "BLOC", "NOT_COUNTRY"):
            ent = next((x for x in doc.ents if x.start <= tok.i < x.end), None)
            if ent is not None:
                return Speaker(ent.text, *v.span(k, ent[0], ent[-1]), "organization")
        if tok.ent_type_ == "COUNTRY":
            ent = next((x for x in doc.ents if x.start <= tok.i < x.end), None)
            if ent is not None:
                return Speaker(ent.ent_id_, *v.span(k, ent[0], ent[-1]), "country", ent.ent_id_)
        # a noun phrase: "the state TV guest", "the analysis"
        left = tok
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod", "nmod", "det", "poss") and c.i < left.i:
                left = c
        toks = [t for t in doc[left.i:tok.i + 1] if t.pos_ != "DET"]
        s = v.abs(k, toks[0]) if toks else s
        phrase = joined(toks) or tok.text
        lemma = tok.lemma_.lower()
        if lemma in v.lex["roles"]:
            p = self.role_person(tok)
            if p is not None:
                return Speaker(p.name, s, e, "person")
        if lemma in v.lex["documents"]:
            p = v.person_before(pos, max_back=1500)
            if p is not None:
                return Speaker(p.name, s, e, "person")
            return Speaker(phrase, s, e, "document")
        if lemma in self.unnamed:
            name, country = self.unnamed[lemma]
            return Speaker(name, s, e, "unnamed", country)
        if tok.pos_ in ("NOUN", "PROPN"):
            country = self.introduced_country(lemma)
            self.unnamed[lemma] = (phrase, country)
            return Speaker(phrase, s, e, "unnamed", country)
        return Speaker(phrase, s, e, None)

    def person_in_apposition(self, k: int, tok) -> Mention | None:
        """A person named right after a role: 'the press secretary of the President of Russia Dmitry Peskov'."""
        v = self.view
        for t in tok.subtree:
            m = v.person_at(k, t)
            if m is None or v.inside(m.start):
                continue
            prev = v.docs[k][t.i - 1] if t.i > 0 else None
            chain_ok = t.i == tok.i or (prev is not None and prev.pos_ in ("PROPN", "PUNCT") and prev.lower_ not in (
                "of", "for", "to", "the"))
            if chain_ok and (tok.lemma_.lower() in v.lex["roles"] | v.lex["titles"] or t.i == tok.i
                             or tok.pos_ == "PROPN"):
                return m
        return None

    def surname_person(self, span, pos: int | None = None) -> Mention | None:
        """The document's person whose surname is written in ``span``: the last one named before
        ``pos`` when several share it, else the first one named."""
        words = {t.text.lower() for t in span if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"}
        found = [p for p in self.view.people if p.name.split() and p.name.split()[-1].lower() in words]
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
                return joined(parts)
        return None

    def introduced_country(self, lemma: str) -> str | None:
        """The country in the phrase that first introduced an unnamed actor ('a guest on Russian state TV')."""
        v = self.view
        for k in v.body:
            for t in v.docs[k]:
                if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
                    for d in t.subtree:
                        if d.ent_type_ == "COUNTRY" and d.i != t.i and len(list(d.ancestors)) - len(list(t.ancestors)) <= 4:
                            return d.ent_id_
                    return None
        return None

    # -- roles -------------------------------------------------------------------
    def _modifier(self, t) -> str | None:
        if t.ent_type_ == "COUNTRY" and t.ent_id_:
            return t.ent_id_
        low = t.lemma_.lower()
        if low in self.view.rules["role_ignored_modifiers"] or t.pos_ in ("DET", "PUNCT") or t.ent_type_ == "PERSON":
            return None
        return low

    def role_key(self, tok) -> tuple[str, frozenset]:
        """(role, modifiers) of a role noun: 'the Russian leader' -> ('leader', {'Russia'}), 'the President
        of Russia' -> ('president', {'Russia'}), 'Foreign Minister' -> ('minister', {'foreign'})."""
        mods = set()
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i:
                mods.add(self._modifier(c))
                mods.update(self._modifier(g) for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i)
            elif c.dep_ == "prep" and c.lower_ in self.view.lex["acts_for_preps"]:
                mods.update(self._modifier(g) for g in c.children if g.dep_ == "pobj")
        return tok.lemma_.lower(), frozenset(m for m in mods if m)

    def roles(self) -> list[tuple[tuple[str, frozenset], Mention]]:
        """The document's role registry: each role a person is introduced with, by a title before the
        name ('Russian President Vladimir Putin') or an apposition ('Putin, the Russian leader')."""
        if self._roles is not None:
            return self._roles
        v = self.view
        entries: list[tuple[tuple[str, frozenset], Mention]] = []
        roles = v.lex["roles"]
        for m in v.people:
            k = m.unit
            if m.head is None or v.units[k].kind != "body":
                continue
            r = v.docs[k][m.head]
            for c in r.children:
                if c.lemma_.lower() in roles and (
                        (c.dep_ == "compound" and c.i < r.i) or c.dep_ == "appos"):
                    entries.append((self.role_key(c), m))
            if r.dep_ == "appos" and r.head.lemma_.lower() in roles:
                entries.append((self.role_key(r.head), m))
        self._roles = entries
        return entries

    def role_person(self, tok) -> Mention | None:
        """The person the document has tied to the role ``tok`` names, when exactly one fits."""
        role, mods = self.role_key(tok)
        heads = {role} | set(self.view.rules["role_generic"].get(role, []))
        fits = [(key, m) for key, m in self.roles() if key[0] in heads and mods <= key[1]]
        people = {m.name for _, m in fits}
        if len(people) > 1:  # several fit: only an exact match of the modifiers decides
            people = {m.name for key, m in fits if key[1] == mods}
        if len(people) != 1:
            return None
        name = people.pop()
        return next(m for _, m in fits if m.name == name)
