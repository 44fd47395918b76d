"""Countries and blocs: every surface form the news uses, mapped to one canonical name.

The data lives in ``data/gazetteer.json``.  This module has no spaCy import: query
commands use :func:`normalize` to read ``--country kazakh`` without loading a model.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_json

FORM_FIELDS = ("names", "former_names", "demonyms", "capitals", "metonyms", "abbreviations")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country or bloc
    iso3: str | None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    text: str
    place: Place
    field: str  # names, demonyms, capitals, ...
    ambiguous: bool = False


class UnknownName(ValueError):
    """A name that is not known as a ``what``; ``suggestions`` holds the closest known names."""

    what = "name"

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown {self.what}: {name!r}.{hint}")


class UnknownPlace(UnknownName):
    """A name that is not a known country or bloc."""

    what = "country or bloc"


def _strings(values) -> list[str]:
    out = []
    for v in values or []:
        out.append(v["name"] if isinstance(v, dict) else v)
    return out


@dataclass
class Gazetteer:
    places: dict[str, Place]
    forms: list[Form]

    @classmethod
    def from_data(cls, data: dict) -> "Gazetteer":
        places: dict[str, Place] = {}
        forms: list[Form] = []
        for kind, key in (("country", "countries"), ("bloc", "blocs")):
            for entry in data.get(key, []):
                place = Place(entry["name"], kind, entry.get("iso3"), tuple(entry.get("members", ())))
                places[place.name] = place
                ambiguous = set(entry.get("ambiguous", []))
                seen = set()
                for field in FORM_FIELDS:
                    for text in _strings(entry.get(field)):
                        if text and text not in seen:
                            seen.add(text)
                            forms.append(Form(text, place, field, text in ambiguous))
                if place.name not in seen:
                    forms.append(Form(place.name, place, "names"))
        return cls(places, forms)

    @property
    def not_countries(self) -> list[str]:
        return list(load_json("gazetteer.json").get("not_countries", []))

    @property
    def by_iso3(self) -> dict[str, Place]:
        return {p.iso3: p for p in self.places.values() if p.iso3}

    def lookup(self) -> dict[str, Place]:
        """Folded surface form -> place, for reading user input."""
        table: dict[str, Place] = {}
        for f in self.forms:
            table.setdefault(_fold(f.text), f.place)
        for p in self.places.values():
            table[_fold(p.name)] = p
            if p.iso3:
                table.setdefault(_fold(p.iso3), p)
        return table

    def normalize(self, name: str, kinds: tuple[str, ...] = ("country", "bloc")) -> Place:
        """The place a user means by ``name`` ("kazakh", "RF", "Nur-Sultan"); raises UnknownPlace."""
        table = _lookup()
        place = table.get(_fold(name))
        if place is not None and place.kind in kinds:
            return place
        names = sorted({p.name for p in self.places.values() if p.kind in kinds})
        keys = [k for k, p in table.items() if p.kind in kinds]
        close = difflib.get_close_matches(_fold(name), keys, n=6, cutoff=0.6)
        suggestions = list(dict.fromkeys(table[k].name for k in close))[:3]
        if not suggestions:
            suggestions = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
        raise UnknownPlace(name, suggestions)

    def ruler_patterns(self) -> list[dict]:
        """Phrase patterns for a spaCy EntityRuler (ORTH, so matching is case-sensitive).

        Each form is added as written and in upper case (headlines); ``id`` carries the
        canonical name and the label says country, bloc or a phrase that is not a country.
        """
        pats = []
        for f in self.forms:
            label = "COUNTRY" if f.place.kind == "country" else "BLOC"
            variants = {f.text}
            if f.field != "abbreviations" and len(f.text) > 3:
                variants.add(f.text.upper())
            for v in variants:
                pats.append({"label": label, "pattern": v, "id": f.place.name})
        for phrase in self.not_countries:
            pats.append({"label": "NOT_COUNTRY", "pattern": phrase, "id": phrase})
        return pats

    def ambiguous_forms(self) -> set[str]:
        return {f.text for f in self.forms if f.ambiguous}


def _fold(s: str) -> str:
    s = s.strip().lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[\s\-_.]+", " ", s).strip()


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    return Gazetteer.from_data(load_json("gazetteer.json"))


@lru_cache(maxsize=1)
def metonyms() -> frozenset[str]:
    """The forms that name a country by an institution or its seat ("Kremlin", "White House"), not by its
    name, demonym or capital: a speaker so named is that institution."""
    return frozenset(f.text for f in load().forms if f.field == "metonyms")


@lru_cache(maxsize=1)
def _lookup() -> dict[str, Place]:
    return load().lookup()


def kind_of(name: str) -> str | None:
    """The kind of place ``name`` is a form of (country, bloc, ...), spelt any way; None if it is none."""
    place = _lookup().get(_fold(name))
    return place.kind if place is not None else None


def normalize(name: str, kinds: tuple[str, ...] = ("country", "bloc")) -> Place:
    return load().normalize(name, kinds)


# -- places below the country ----------------------------------------------------------------------


@dataclass(frozen=True)
class SubPlace:
    """A city or region (``data/places.json``, built from GeoNames by scripts/build_places.py)."""
    name: str
    country: str | None
    kind: str  # city or region
    population: int
    disputed: bool = False


class Places:
    """Surface form -> :class:`SubPlace`, exact first, then by a spelling-neutral key
    ("Zaporizhzhia" finds GeoNames' "Zaporizhzhya")."""

    def __init__(self, data: dict):
        self._places = data["places"]
        self._forms = data["forms"]
        self._alternates = data.get("alternates", {})
        self._folded: dict[str, str] | None = data.get("folded")  # built with the data; else at first need
        self._contested: dict[str, list] = data.get("contested", {})
        self._namesakes: dict[str, list] = data.get("namesakes", {})

    def place(self, key: str) -> SubPlace | None:
        """The place of a key of ``places``: its name, or 'name (country)' for a smaller namesake abroad."""
        p = self._places.get(key)
        if p is None:
            return None
        return SubPlace(p.get("name", key), p.get("country"), p.get("kind", "city"), int(p.get("population") or 0),
                        bool(p.get("disputed")))

    def contested(self, text: str, alternates: bool = True) -> list[SubPlace]:
        """The places of several countries that ``text`` names when none of them outweighs the others ("Newcastle":
        in Australia, South Africa and England), the heaviest of each country first; [] for any other text. Which
        one a document means, its own countries decide (:func:`alliancecli.entities.sub_places`)."""
        return [self.place(key) for key, alternate in self._contested.get(text, ()) if alternates or not alternate]

    def namesakes(self, text: str) -> list[SubPlace]:
        """The places abroad that ``text`` also names where :meth:`lookup` gives the largest of its name and they
        are a tenth of its size or more ("Durham": the English city beside the one in North Carolina), the heaviest
        of each other country; [] for any other text. A sentence that names one of their countries and not the
        largest's means that one (:func:`alliancecli.entities.sub_places`)."""
        return [self.place(key) for key, _ in self._namesakes.get(text, ())]

    def lookup(self, text: str, alternates: bool = True) -> SubPlace | None:
        """The place ``text`` names: a GeoNames name as written or spelt another way ("Zaporizhzhia"),
        then, with ``alternates``, another name of it ("Kharkov", "Gostomel")."""
        name = self._forms.get(text)
        if name is None and alternates:
            name = self._alternates.get(text)
        if name is None and len(text) >= 6:  # short words fold into other short words ("Bar", "Baar")
            if self._folded is None:
                self._folded = folded_forms(self._forms)
            name = self._folded.get(place_key(text))
        return self.place(name) if name else None

    def __contains__(self, text: str) -> bool:
        return self.lookup(text) is not None


def folded_forms(forms: dict[str, str]) -> dict[str, str]:
    """:func:`place_key` of each form -> its place, the first form of a key winning."""
    folded: dict[str, str] = {}
    for form, name in forms.items():
        folded.setdefault(place_key(form), name)
    return folded


def place_key(text: str) -> str:
    """Case, accents, apostrophes and common romanisation variants folded away."""
    import unicodedata

    s = unicodedata.normalize("NFKD", text.lower())
    s = "".join(ch for ch in s if ch.isalpha() or ch == " ")
    for a, b in (("zh", "j"), ("kh", "h"), ("yi", "i"), ("ya", "ia"), ("yu", "iu"), ("y", "i"), ("w", "v")):
        s = s.replace(a, b)
    # a doubled consonant is one sound ('Odessa', 'Zaporizhzhia' -> 'jj'), and so is an 'i' doubled by the folds
    # above ('Kryvyy' -> 'krivii'); another doubled vowel is not ('Bloomberg' is no spelling of 'Blomberg')
    return re.sub(r"([^aeou ])\1+", r"\1", " ".join(s.split()))


@lru_cache(maxsize=1)
def places() -> Places:
    return Places(load_json("places.json"))
