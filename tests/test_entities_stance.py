"""Tests for alliancecli.gazetteer, the entity ruler, alliancecli.entities and alliancecli.stance."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from alliancecli import entities, gazetteer, stance
from alliancecli import nlp as nlp_mod
from alliancecli.gazetteer import UnknownPlace, normalize


@pytest.fixture(scope="module")
def blank():
    return nlp_mod.blank()


@pytest.fixture(scope="module")
def ambiguous():
    return gazetteer.load().ambiguous_forms()


def _ents(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


def _tagged(nlp, words: list[str], pos: list[str]):
    """A doc with hand-set part-of-speech tags, run through the blank pipeline (sentencizer + ruler)."""
    doc = Doc(nlp.vocab, words=words, pos=pos)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


# -- gazetteer.normalize -------------------------------------------------------------


@pytest.mark.parametrize("given, name, kind", [
    ("kazakh", "Kazakhstan", "country"),
    ("Kazakhstan", "Kazakhstan", "country"),
    ("  KAZAKHSTAN ", "Kazakhstan", "country"),
    ("RF", "Russia", "country"),
    ("Nur-Sultan", "Kazakhstan", "country"),
    ("nur sultan", "Kazakhstan", "country"),
    ("the Kremlin", "Russia", "country"),
    ("nato", "NATO", "bloc"),
    ("Tashkent", "Uzbekistan", "country"),
    ("KAZ", "Kazakhstan", "country"),  # an ISO3 code
])
def test_normalize(given, name, kind):
    place = normalize(given)
    assert (place.name, place.kind) == (name, kind)


def test_normalize_country_has_iso3_and_bloc_has_members():
    assert normalize("Kazakhstan").iso3 == "KAZ"
    nato = normalize("NATO")
    assert nato.iso3 is None
    assert "POL" in nato.members and "USA" in nato.members
    assert "RUS" not in nato.members


def test_normalize_unknown_name_suggests_close_names():
    with pytest.raises(UnknownPlace) as exc:
        normalize("Kazakstn")
    assert exc.value.name == "Kazakstn"
    assert exc.value.suggestions[0] == "Kazakhstan"
    assert "Kazakhstan" in str(exc.value)
    assert isinstance(exc.value, ValueError)


def test_normalize_respects_kinds():
    with pytest.raises(UnknownPlace):
        normalize("NATO", kinds=("country",))
    assert normalize("Russia", kinds=("country",)).name == "Russia"


# -- the entity ruler (blank pipeline) -----------------------------------------------


def test_ruler_is_added_once(blank):
    assert nlp_mod.RULER in blank.pipe_names
    before = list(blank.pipe_names)
    nlp_mod.add_ruler(blank)
    assert blank.pipe_names == before


@pytest.mark.parametrize("text, expected", [
    ("the Kremlin denied it.", [("Kremlin", "COUNTRY", "Russia")]),
    ("Officials in Tashkent agreed.", [("Tashkent", "COUNTRY", "Uzbekistan")]),
    ("A Kazakh diplomat spoke.", [("Kazakh", "COUNTRY", "Kazakhstan")]),
    ("The Warsaw Pact collapsed.", [("Warsaw Pact", "BLOC", "Warsaw Pact")]),
    ("The former Soviet Union states met.", [("former Soviet Union", "NOT_COUNTRY", "former Soviet Union")]),
    ("KAZAKHSTAN AND RUSSIA", [("KAZAKHSTAN", "COUNTRY", "Kazakhstan"), ("RUSSIA", "COUNTRY", "Russia")]),
])
def test_ruler_entities(blank, text, expected):
    assert _ents(blank, text) == expected


def test_ruler_is_case_sensitive(blank):
    # ORTH matching: a lower-case common word is not a country
    assert _ents(blank, "the turkey was roasted.") == []


def test_place_mentions_bloc_not_member(blank, ambiguous):
    doc = blank("The Warsaw Pact collapsed in 1991.")
    mentions = entities.place_mentions(doc, 0, 0, 0, ambiguous)
    assert [(m.kind, m.name, m.text) for m in mentions] == [("bloc", "Warsaw Pact", "Warsaw Pact")]
    assert "Poland" not in {m.name for m in mentions}


def test_place_mentions_not_country_is_dropped(blank, ambiguous):
    doc = blank("Leaders of the former Soviet Union met in Minsk.")
    mentions = entities.place_mentions(doc, 0, 0, 0, ambiguous)
    assert [(m.kind, m.name) for m in mentions] == [("country", "Belarus")]


def test_place_mentions_offsets_are_shifted_by_base(blank, ambiguous):
    text = "Astana and Moscow met."
    base = 100
    mentions = entities.place_mentions(blank(text), base, 3, 7, ambiguous)
    assert [(m.name, m.start, m.end, m.unit, m.sentence) for m in mentions] == [
        ("Kazakhstan", 100, 106, 3, 7), ("Russia", 111, 117, 3, 7)]


def test_ambiguous_form_inside_person_name(blank, ambiguous):
    assert "Jordan" in ambiguous
    doc = _tagged(blank, ["Yesterday", "Michael", "Jordan", "said", "so", "."],
                  ["NOUN", "PROPN", "PROPN", "VERB", "ADV", "PUNCT"])
    assert [e.text for e in doc.ents] == ["Jordan"]  # the ruler matches; place_mentions must drop it
    assert entities.place_mentions(doc, 0, 0, 0, ambiguous) == []


def test_ambiguous_form_as_country_is_kept(blank, ambiguous):
    doc = _tagged(blank, ["King", "Abdullah", "of", "Jordan", "said", "so", "."],
                  ["PROPN", "PROPN", "ADP", "PROPN", "VERB", "ADV", "PUNCT"])
    assert [m.name for m in entities.place_mentions(doc, 0, 0, 0, ambiguous)] == ["Jordan"]


def test_ambiguous_form_inside_person_name_at_sentence_start(blank, ambiguous):
    doc = _tagged(blank, ["Michael", "Jordan", "said", "so", "."], ["PROPN", "PROPN", "VERB", "ADV", "PUNCT"])
    assert entities.place_mentions(doc, 0, 0, 0, ambiguous) == []


# -- entities.canonical_people ------------------------------------------------------


def test_surname_alone_resolves_to_full_name():
    assert entities.canonical_people(["Vladimir Putin", "Putin", "Putin"]) == {
        "Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin"}


def test_a_surname_with_a_particle_capitalised_at_its_front_resolves():
    out = entities.canonical_people(["Robin van Persie", "Van Persie", "Anna de Groot", "De Groot"])
    assert out["Van Persie"] == "Robin van Persie" and out["De Groot"] == "Anna de Groot"


def test_possessive_surname_resolves():
    out = entities.canonical_people(["Kassym-Jomart Tokayev", "Tokayev's"])
    assert out["Tokayev's"] == "Kassym-Jomart Tokayev"


def test_first_name_and_patronymic_resolve_to_full_name():
    out = entities.canonical_people(["Dmitry Peskov", "Dmitry Sergeevich"])
    assert out == {"Dmitry Peskov": "Dmitry Peskov", "Dmitry Sergeevich": "Dmitry Peskov"}


def test_patronymic_without_full_name_stays():
    assert entities.canonical_people(["Dmitry Sergeevich"]) == {"Dmitry Sergeevich": "Dmitry Sergeevich"}


def test_lone_surname_stays():
    assert entities.canonical_people(["Tokayev"]) == {"Tokayev": "Tokayev"}


@pytest.mark.parametrize("names", [
    ["Alexander Lukashenko", "Viktor Lukashenko", "Alexander Lukashenko", "Lukashenko"],
    ["Viktor Lukashenko", "Alexander Lukashenko", "Alexander Lukashenko", "Lukashenko"],
])
def test_two_full_names_sharing_a_surname(names):
    out = entities.canonical_people(names)
    # each full name keeps its own identity
    assert out["Alexander Lukashenko"] == "Alexander Lukashenko"
    assert out["Viktor Lukashenko"] == "Viktor Lukashenko"
    # the surname alone goes to the one mentioned most often (twice, against once)
    assert out["Lukashenko"] == "Alexander Lukashenko"


def test_is_patronymic():
    assert entities.is_patronymic(["Dmitry", "Sergeevich"])
    assert entities.is_patronymic(["Anna", "Ivanovna"])
    assert not entities.is_patronymic(["Dmitry", "Peskov"])
    assert not entities.is_patronymic(["Dmitry", "Sergeevich", "Peskov"])


# -- stance.classify ------------------------------------------------------------------


def test_stance_oppose_with_evidence():
    text = ("Today we are negotiating to import gas and electricity from neighboring countries, "
            "and not through some kind of alliance or union.")
    s = stance.classify(text)
    assert s.label == "oppose"
    assert s.score < 0
    assert s.evidence is not None and "not through some kind of alliance" in s.evidence


def test_stance_support():
    s = stance.classify("we should move closer to the union")
    assert s.label == "support"
    assert s.score > 0
    assert "move closer" in s.evidence


@pytest.mark.parametrize("verb", ["become", "becomes", "became", "becoming"])
def test_stance_becoming_a_member_in_any_tense_is_support(verb):
    s = stance.classify(f"Georgia is {verb} a full member of the European Union." if verb == "becoming"
                        else f"Georgia {verb} a full member of the European Union.")
    assert s.label == "support", s
    assert verb in s.evidence


def test_stance_neutral_fact():
    s = stance.classify("The delegation arrived in Astana on Tuesday and met the foreign minister.")
    assert s == stance.Stance("neutral", 0.0, None)


def test_stance_negated_support_cue_is_oppose():
    s = stance.classify("Kazakhstan will not join the union.")
    assert s.label == "oppose"
    assert "join the union" in s.evidence


def test_stance_only_way_is_support_whatever_the_tone():
    s = stance.classify("Integration with Russia is the only way to survive NATO pressure")
    assert s.label == "support"
    assert "the only way" in s.evidence


@pytest.mark.parametrize("text", [
    "We don't want to move closer to Russia.",
    "Kazakhstan won't join the union.",
    "Astana doesn't support the union.",
])
def test_stance_contracted_negation_is_oppose(text):
    assert stance.classify(text).label == "oppose"


def test_stance_full_negation_is_oppose():
    # the uncontracted forms of the cases above
    for text in ("We do not want to move closer to Russia.", "Kazakhstan will not join the union.",
                 "Astana does not support the union."):
        assert stance.classify(text).label == "oppose", text


def test_stance_disqualifying_subject_turns_support_into_oppose():
    plain = stance.classify("Any patriot can desire the restoration of this union.")
    framed = stance.classify("Only a person who has no brains can desire the restoration of this union.")
    assert plain.label == "support"
    assert framed.label == "oppose" and "restoration" in framed.evidence


def test_stance_hedged_cue_stays_neutral():
    assert stance.classify("We should join the alliance.").label == "support"
    assert stance.classify("Perhaps we should join the alliance.").label == "neutral"


@pytest.mark.parametrize("text", ["Why would we join their bloc at all?", "Who needs this union? Nobody."])
def test_stance_rhetorical_question_is_oppose(text):
    assert stance.classify(text).label == "oppose"


def test_stance_same_question_without_question_mark_is_not_rhetorical():
    assert stance.classify("Why would we join their bloc at all.").label == "neutral"


@pytest.mark.parametrize("text, label", [
    ("Kazakhstan distanced itself from the union with Russia.", "oppose"),
    ("Minsk is distancing from the Union State.", "oppose"),
    ("The missiles have shown that the distance between the countries of the union is conditional.", "neutral"),
])
def test_stance_distancing_objects_the_noun_distance_does_not(text, label):
    assert stance.classify(text).label == label


def test_stance_mentions_skip_the_gazetteers_not_country_phrases():
    """'the former Soviet states' names no Soviet Union, 'New Mexico' no Mexico, as in the pipeline's mentions."""
    found = stance.find_mentions("the former Soviet states, New Mexico and Mexico")
    assert [(name, kind) for name, kind, _, _ in found] == [("Mexico", "country")]


def test_stance_im_afraid_as_a_hedge_is_no_objection():
    """'I'm afraid to make a mistake in the exact quotation' hedges the speaker's words; it objects to nothing."""
    s = stance.classify("Only a person who has no brains, I'm afraid to make a mistake in the exact quotation, "
                        "can desire the restoration of this union.")
    assert "afraid" not in (s.evidence or "") and "mistake" not in (s.evidence or "")
    assert stance.classify("We are afraid of NATO expansion to the east.").label == "oppose"


def test_trie_pattern_prefers_what_the_longest_first_alternation_prefers():
    import re

    from alliancecli.stance import trie_pattern

    words = ["Niger", "Nigeria", "Korea", "North Korea", "South Korea", "Sudan", "South Sudan", "UK", "U.S.", "US"]
    text = ("Nigeria's army and Niger's, North Korea and South Sudan; Korea, the U.S. and the US, "
            "the UKraine, Nigerians, South Koreans and Sudan.")
    wrap = r"(?<!\w)(?:%s)(?:['’]s)?(?!\w)"
    alternation = re.compile(wrap % "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(wrap % trie_pattern(words))
    found = [m.group(0) for m in trie.finditer(text)]
    assert found == [m.group(0) for m in alternation.finditer(text)]
    assert found == ["Nigeria's", "Niger's", "North Korea", "South Sudan", "Korea", "U.S.", "US", "Sudan"]
