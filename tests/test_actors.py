"""One canonical name per person across the corpus: entities.join_people, store.refresh_actors,
the overrides file (alliancecli.overrides) and the `actors` command."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from alliancecli import entities, overrides, store
from alliancecli.cli import app

# -- entities.join_people ---------------------------------------------------------------


def _groups(mapping: dict[str, str]) -> set[frozenset]:
    out: dict[str, set] = {}
    for name, canonical in mapping.items():
        out.setdefault(canonical, set()).add(name)
    return {frozenset(v) for v in out.values()}


def test_transliterations_and_surnames_join_one_man():
    counts = {"Kassym-Jomart Tokayev": 3, "Qasim-Jomart Tokayev": 1, "Tokaev": 2, "Tokayev": 1}
    out = entities.join_people(counts, {"Qasim-Jomart Tokayev": {1}, "Kassym-Jomart Tokayev": {2}})
    assert set(out.values()) == {"Kassym-Jomart Tokayev"}  # the most mentioned full name


def test_typo_with_letters_swapped_joins():
    out = entities.join_people({"Alexander Lukashenko": 4, "Lukashenka": 2, "kalushenko": 1, "Lukashenko": 3})
    assert set(out.values()) == {"Alexander Lukashenko"}


def test_lone_spellings_join_each_other_without_a_full_name():
    out = entities.join_people({"Lukashenko": 5, "Lukashenka": 2, "Kalushenko": 1})
    assert set(out.values()) == {"Lukashenko"}


def test_two_people_named_in_full_stay_apart():
    counts = {"Alexander Lukashenko": 3, "Viktor Lukashenka": 2, "Viktor Lukashenko": 1, "Lukashenko": 1}
    out = entities.join_people(counts)
    assert out["Alexander Lukashenko"] == "Alexander Lukashenko"
    assert out["Viktor Lukashenko"] == out["Viktor Lukashenka"] == "Viktor Lukashenka"
    # the surname fits both of them, so it joins neither
    assert out["Lukashenko"] == "Lukashenko"


def test_different_english_surnames_stay_apart():
    out = entities.join_people({"Boris Johnson": 3, "Johnston": 2, "Tony Blair": 2, "Clair": 1})
    assert out["Johnston"] == "Johnston"
    assert out["Clair"] == "Clair"


def test_spelling_variants_of_full_names_join_unless_one_article_names_both():
    counts = {"Dmitry Medvedev": 2, "Dmitri Medvedev": 1, "Ian Smith": 1, "Iain Smith": 1}
    docs = {"Dmitry Medvedev": {1}, "Dmitri Medvedev": {2}, "Ian Smith": {3}, "Iain Smith": {3}}
    out = entities.join_people(counts, docs)
    assert out["Dmitri Medvedev"] == "Dmitry Medvedev"
    assert out["Ian Smith"] != out["Iain Smith"]


def test_surname_prefers_the_exact_spelling():
    out = entities.join_people({"Anna Petrova": 1, "Olga Petrov": 1, "Petrov": 1})
    assert out["Petrov"] == "Olga Petrov"


def test_patronymic_joins_the_full_name_with_that_first_name():
    out = entities.join_people({"Dmitry Peskov": 2, "Dmitry Sergeevich": 1, "Sergei Lavrov": 1})
    assert out["Dmitry Sergeevich"] == "Dmitry Peskov"


def test_keep_apart_names_map_to_themselves():
    out = entities.join_people({"Alexander Lukashenko": 3, "Lukashenka": 1}, keep_apart={"Lukashenka"})
    assert out["Lukashenka"] == "Lukashenka"


@pytest.mark.parametrize("a, b, same", [
    ("tokaev", "tokaiev", True),
    ("lukashenko", "lukashenka", True),
    ("lukashenko", "kalushenko", True),
    ("johnson", "johnston", False),
    ("blair", "clair", False),
    ("putin", "puton", False),  # short names must match exactly
])
def test_similar_surnames(a, b, same):
    assert entities.similar_surnames(entities.name_key(a), entities.name_key(b)) is same


def test_name_key_folds_transliterations():
    assert entities.name_key("Kassym-Jomart") == entities.name_key("Qasim-Jomart")
    assert entities.name_key("Dmitry") == entities.name_key("Dmitri")
    assert entities.name_key("Zelenskyy") == entities.name_key("Zelensky")
    assert entities.name_key("Tokayev's") == entities.name_key("Tokayev")
    assert entities.name_key("Johnson") != entities.name_key("Johnston")
