"""Checks on the gazetteer data file itself (read with json, not through alliancecli).

The data is built by ``scripts/build_gazetteer.py``; ``tests/data/surface_forms.csv`` lists
surface forms with the canonical name and kind they must map to.
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "src" / "alliancecli" / "data" / "gazetteer.json"
SURFACE_FORMS = ROOT / "tests" / "data" / "surface_forms.csv"

COUNTRY_FIELDS = ("names", "former_names", "demonyms", "capitals", "metonyms", "abbreviations")
BLOC_FIELDS = ("names", "abbreviations", "demonyms")
COUNTRY_KEYS = ["name", "iso3", *COUNTRY_FIELDS, "ambiguous"]
BLOC_KEYS = ["name", "names", "abbreviations", "members", "demonyms"]


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(GAZETTEER.read_text(encoding="utf-8"))


def _forms(entry: dict, fields) -> list[str]:
    out = []
    for field in fields:
        for value in entry.get(field, []):
            out.append(value["name"] if isinstance(value, dict) else value)
    return out


@pytest.fixture(scope="module")
def owners(data) -> dict[str, set[tuple[str, str]]]:
    """Surface form -> {(canonical name, kind)}."""
    table: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entry in data["countries"]:
        for form in _forms(entry, COUNTRY_FIELDS):
            table[form].add((entry["name"], "country"))
    for entry in data["blocs"]:
        for form in _forms(entry, BLOC_FIELDS):
            table[form].add((entry["name"], "bloc"))
    return table


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with SURFACE_FORMS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_top_level_shape(data):
    assert data["version"] == 1
    assert set(data) == {"version", "countries", "blocs", "not_countries"}
    for entry in data["countries"]:
        assert list(entry) == COUNTRY_KEYS, entry["name"]
    for entry in data["blocs"]:
        assert list(entry) == BLOC_KEYS, entry["name"]
    names = [c["name"] for c in data["countries"]]
    assert names == sorted(names)
    blocs = [b["name"] for b in data["blocs"]]
    assert blocs == sorted(blocs)


def test_iso3_codes(data):
    codes = [c["iso3"] for c in data["countries"]]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{3}", c or "")]
    assert not bad, f"bad iso3 codes: {bad}"
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    assert not dupes, f"iso3 codes used twice: {dupes}"
    assert len(codes) >= 193 + 4
    for code in ("PSE", "VAT", "TWN", "XKX", "SUN", "YUG", "CSK", "DDR", "RUS", "KAZ", "USA"):
        assert code in codes


def test_canonical_names_unique_and_named(data):
    names = [e["name"] for e in data["countries"] + data["blocs"]]
    assert len(names) == len(set(names))
    for entry in data["countries"] + data["blocs"]:
        assert entry["name"] in entry["names"], entry["name"]


def test_dated_entries(data):
    for entry in data["countries"]:
        for field in ("former_names", "capitals"):
            for item in entry[field]:
                assert set(item) <= {"name", "from", "to"}, (entry["name"], item)
                if "from" in item and "to" in item:
                    assert item["from"] <= item["to"], (entry["name"], item)


def test_bloc_members_known(data):
    codes = {c["iso3"] for c in data["countries"]}
    unknown = {b["name"]: sorted(set(b["members"]) - codes) for b in data["blocs"]}
    unknown = {k: v for k, v in unknown.items() if v}
    assert not unknown, f"unknown bloc members: {unknown}"
    for bloc in data["blocs"]:
        assert bloc["members"], bloc["name"]
        assert len(bloc["members"]) == len(set(bloc["members"])), bloc["name"]


def test_no_surface_form_maps_to_two_places(owners):
    clashes = {form: sorted(places) for form, places in owners.items() if len(places) > 1}
    assert not clashes, f"surface forms with two canonical names: {clashes}"


def test_forms_are_clean(owners):
    bad = [f for f in owners if not f or f != f.strip() or "  " in f]
    assert not bad
    for banned in ("Korean", "Congolese", "Congo", "Arab", "Persian", "European",
                   "Asian", "Latin", "Western", "Slavic", "Kiwi"):
        assert banned not in owners, banned
    # "Soviet" is the Soviet Union's demonym; the successor states are not ("post-Soviet")
    assert owners["Soviet"] == {("Soviet Union", "country")}


def test_ambiguous_forms_belong_to_entry(data):
    for entry in data["countries"]:
        forms = set(_forms(entry, COUNTRY_FIELDS))
        missing = set(entry["ambiguous"]) - forms
        assert not missing, (entry["name"], missing)
    ambiguous = {a for c in data["countries"] for a in c["ambiguous"]}
    for form in ("Georgia", "Jordan", "Turkey", "Chad", "Washington", "Israel", "Niger", "Guinea"):
        assert form in ambiguous, form


def test_not_countries_are_not_forms(data, owners):
    phrases = data["not_countries"]
    assert len(phrases) == len(set(phrases))
    overlap = [p for p in phrases if p in owners]
    assert not overlap, f"not_countries phrases that are also forms: {overlap}"
    assert "Papua New Guinea" in owners
    assert "former Soviet Union" in phrases


def test_surface_forms_table(data, owners, rows):
    assert len(rows) >= 170
    assert set(rows[0]) == {"surface", "canonical", "kind"}
    ambiguous = {a for c in data["countries"] for a in c["ambiguous"]}
    failures = []
    for row in rows:
        surface, expected = row["surface"], (row["canonical"], row["kind"])
        assert row["kind"] in ("country", "bloc"), row
        assert surface not in ambiguous, f"ambiguous form in table: {surface}"
        if owners.get(surface) != {expected}:
            failures.append(f"{surface!r}: expected {expected}, got {sorted(owners.get(surface, []))}")
    assert not failures, "\n".join(failures)
