"""Ambiguous country forms decided from context, towns named with their country, and the filters
that keep non-people out of the people, on whole sentences through the real pipeline."""
from __future__ import annotations

import pytest

from alliancecli import entities, gazetteer
from alliancecli import nlp as nlp_mod
from helpers import person_names


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load()


@pytest.fixture(scope="module")
def ambiguous():
    return gazetteer.load().ambiguous_forms()


def _countries(nlp, ambiguous, text: str, document: str | None = None) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(m.text, m.name) for m in entities.place_mentions(doc, 0, 0, 0, ambiguous, document or text)]


@pytest.mark.parametrize("text, form, country", [
    # Georgia: the US state or the country
    ("Protests continued in Tbilisi, the capital of Georgia, on Monday.", "Georgia", True),
    ("Russia recognised the independence of two breakaway regions of Georgia.", "Georgia", True),
    ("Second seed Andy Roddick will open his campaign against Irakli Labadze of Georgia.", "Georgia", True),
    ("He grew up in Atlanta, Georgia, and moved to New York in 1990.", "Georgia", False),
    ("The company is based in Savannah and employs 300 people across Georgia.", "Georgia", False),
    ("Storms hit Georgia, U.S. on Sunday night.", "Georgia", False),
    ("Ray Charles recorded Georgia On My Mind in 1960.", "Georgia", False),
    ("Georgian architecture is admired by visitors to Bath.", "Georgian", False),
    ("Georgian troops entered South Ossetia.", "Georgian", True),
    # Jordan: the person or the country
    ("King Abdullah of Jordan met the prime minister.", "Jordan", True),
    ("The 12 affected by the ruling are from Algeria, Tunisia, Egypt and Jordan.", "Jordan", True),
    ("Michael Jordan scored 40 points for the Bulls.", "Jordan", False),
    ("Pop star Christina Aguilera is to marry music executive Jordan Bratman.", "Jordan", False),
    ("Subs Not Used: Macken, Weaver, Onuoha, Jordan.", "Jordan", False),
    ("Jordan finished fifth in the Monaco Grand Prix.", "Jordan", False),
    # Turkey: the bird or the country
    ("Turkey is hoping to start EU membership talks next year.", "Turkey", True),
    ("Turkey remains the most popular choice for Christmas dinner in Britain.", "Turkey", False),
    ("Turkey sales rose before Thanksgiving.", "Turkey", False),
    ("We had roast turkey and gravy.", "turkey", False),  # lower case is never a country
    # Chad: the name or the country
    ("Chad has deployed troops along its border with Sudan.", "Chad", True),
    ("Chad Smith, the drummer, said the tour would go ahead.", "Chad", False),
    ("The drummer Chad Smith said the tour would go ahead.", "Chad", False),
    # Washington: the person or the US government
    ("Washington has urged Moscow to withdraw its troops.", "Washington", True),
    ("Denzel Washington won an Oscar for the role.", "Washington", False),
    ("George Washington was the first president.", "Washington", False),
    ("President Washington crossed the Delaware in 1776.", "Washington", False),
    ("Washington Irving wrote the story in 1820.", "Washington", False),
    ("The Washington Post reported the story first.", "Washington", False),
    # Holland: the surname or the Netherlands
    ("England beat Holland 2-0 in Amsterdam on Saturday.", "Holland", True),
    ("The pianist Jools Holland said the new album was his best.", "Holland", False),
    ("Matt Holland had put the visitors ahead in the 14th minute.", "Holland", False),
    # forms that left the gazetteer because they are nearly always something else
    ("Male life expectancy is much higher than originally estimated.", "Male", False),
    ("Victoria Beckham launched a fashion line.", "Victoria", False),
    ("Pole vaulter Yelena Isinbayeva broke her own record.", "Pole", False),
])
def test_ambiguous_form_in_context(nlp, ambiguous, text, form, country):
    found = [t for t, _ in _countries(nlp, ambiguous, text)]
    assert (form in found) is country, (text, found)


def test_cue_words_elsewhere_in_the_document_decide(nlp, ambiguous):
    sentence = "The pair from Georgia released their fifth album this week."
    article = "OutKast, the hip-hop duo from Atlanta, won three awards. " + sentence
    assert ("Georgia", "Georgia") not in _countries(nlp, ambiguous, sentence, article)
    article = "Georgia's president Mikheil Saakashvili attended the concert in Tbilisi. " + sentence
    assert ("Georgia", "Georgia") in _countries(nlp, ambiguous, sentence, article)


def test_country_cue_wins_over_other_cue_in_the_same_sentence(nlp, ambiguous):
    text = "Turkey's Christmas exports to the EU fell, the Ankara government said."
    assert ("Turkey", "Turkey") in _countries(nlp, ambiguous, text)


def test_cue_words_are_data():
    rules = entities._ambiguity()["forms"]
    assert {"Georgia", "Jordan", "Turkey", "Chad", "Washington"} <= set(rules)
    assert rules["Turkey"]["other"].search("after thanksgiving dinner")
    assert not rules["Turkey"]["other"].search("thanksgivings")  # whole words only


# -- a town named in passing counts for its country ---------------------------------------


@pytest.mark.parametrize("text, town, country", [
    ("Protests were held in Grodno, a city in Western Belarus, on Sunday. Police in Grodno detained 20 people.",
     "Grodno", "Belarus"),
    ("The robots will be shown in Aichi, Japan, in March. Visitors to Aichi can try them.", "Aichi", "Japan"),
    ("Fighting continued around Avdiivka, an industrial town in eastern Ukraine.", "Avdiivka", "Ukraine"),
])
def test_town_named_with_its_country(nlp, text, town, country):
    """A town GeoNames knows is a place of its country (entities.sub_places); one it does not know
    counts for the country the text ties it to (entities.passing_places)."""
    doc = nlp(text)
    found = entities.passing_places([doc], [0], [0]) + entities.sub_places([doc], [0], [0])
    assert found and {(m.text, m.country if m.kind == "place" else m.name) for m in found} == {(town, country)}
    assert len(found) == text.count(town)
    for m in found:
        assert text[m.start:m.end] == town


@pytest.mark.parametrize("text", [
    "England have lost against Wales, France and Ireland this year.",
    "The research covered Helsinki, Oslo, Munich, Paris and Stockholm.",
    "Wipro, India's third-biggest software firm, reported a rise in profits.",
    "With Labour, Britain will never return to the mistakes of the past.",
    "Road shows were held in Toronto, South Korea and Madrid.",
])
def test_lists_and_possessives_are_not_towns_in_passing(nlp, text):
    assert entities.passing_places([nlp(text)], [0], [0]) == []


def test_town_without_its_country_is_not_a_country(nlp):
    doc = nlp("Police in Grodno detained 20 people on Sunday.")
    assert entities.passing_places([doc], [0], [0]) == []


# -- non-people never become people ---------------------------------------------------------




@pytest.mark.parametrize("text, not_a_person", [
    ("Arsenal ended the run, with the Gunners winning only three of their next ten games.", "Gunners"),
    ("Visitors to the Tate can send texts to the tree.", "Tate"),
    ("She broke her own record in Lievin on Saturday.", "Lievin"),
    ("Bolton host Arsenal or Sheffield United in the next round.", "Sheffield United"),
    ("Forster told BBC Wales Sport that he was happy.", "Wales Sport"),
    ("XNUMX said the report was wrong.", "XNUMX"),
    ("The hereditary khans ruled the steppe for centuries.", "khans"),
    ("Kazakhstan and Russia signed the treaty.", "Kazakhstan"),
])
def test_not_people(nlp, text, not_a_person):
    found = person_names(nlp, text)
    assert not any(not_a_person in p or p in not_a_person.split() for p in found), found


def test_a_fixture_is_not_one_person(nlp):
    found = person_names(nlp, "Everton v Manchester United")
    assert not any(" v " in p for p in found), found


def test_comment_handles_are_not_people(nlp):
    text = "Ivan_Petrov wrote that Sergei Lavrov was right."
    assert "Ivan_Petrov" not in person_names(nlp, text, handles={"Ivan_Petrov"})
    assert "Sergei Lavrov" in person_names(nlp, text, handles={"Ivan_Petrov"})


def test_name_is_cut_at_a_spaced_dash_but_not_a_hyphen(nlp):
    found = person_names(nlp, "The try was not checked by referee Jonathan Kaplan - England were unable to win.")
    assert "Jonathan Kaplan" in found
    assert not any("England" in p for p in found)
    assert "Kassym-Jomart Tokayev" in person_names(nlp, "President Kassym-Jomart Tokayev signed the law.")


@pytest.mark.parametrize("text, name", [
    ("Green MEP Caroline Lucas welcomed the decision.", "Caroline Lucas"),
    ("But fellow Tory David Heathcoat-Amory said the system was folly.", "David Heathcoat-Amory"),
])
def test_party_and_office_words_are_not_part_of_the_name(nlp, text, name):
    assert name in person_names(nlp, text)


def test_real_people_are_kept(nlp):
    found = person_names(nlp, "Mr Putin's spokesman Dmitry Peskov said Lukashenko would attend.")
    assert {"Dmitry Peskov", "Lukashenko"} <= set(found)


def test_word_mostly_labelled_otherwise_in_the_document():
    class Root:
        children = ()
        dep_ = "ROOT"

    class Ent:
        start, end = 0, 1  # the only token of its doc: nothing before or after it

        def __init__(self, text, label):
            self.text, self.label_, self.root = text, label, Root()

        def __len__(self):
            return 1

    class Doc:
        def __init__(self, ents):
            self.ents = ents

        def __len__(self):
            return 1

    docs = [Doc([Ent("Altria", "PERSON")]), Doc([Ent("Altria", "ORG"), Ent("Altria", "ORG")]),
            Doc([Ent("Peskov", "PERSON"), Ent("Peskov", "ORG")])]
    assert entities.non_people(docs) == {"Altria"}


@pytest.mark.parametrize("text, name, country", [
    ("Its reputation suffered as the Kyrgyz President, Askar Akaev, pushed through the law.", "Askar Akaev",
     "Kyrgyzstan"),
    ("The Kazakh foreign minister, Roman Vasilenko, said so.", "Roman Vasilenko", "Kazakhstan"),
])
def test_country_of_a_person_in_apposition_to_a_role(nlp, text, name, country):
    doc = nlp(text)
    spans = {doc[s:e].text: (s, e) for s, e in entities.person_spans(doc, set())}
    assert entities.person_country(doc, *spans[name]) == country


def test_name_described_as_a_company_is_not_a_person_in_that_document(nlp):
    docs = [nlp("Diageo, the world's biggest spirits company, has agreed to buy a wine firm."),
            nlp("The rest was bought by market leader Diageo.")]
    assert "Diageo" in entities.non_people(docs)
    docs = [nlp("Nick Donofrio, senior vice-president of technology at IBM, said so.")]
    assert "Nick Donofrio" not in entities.non_people(docs)


def test_name_the_document_says_is_a_publication_is_not_a_person(nlp):
    docs = [nlp('Of course, we can say that Sohu is a "yellow edition", you never know what they write there.')]
    assert [e.text for e in docs[0].ents if e.label_ == "PERSON"] == ["Sohu"]  # the model's reading
    assert "Sohu" in entities.non_people(docs)
    docs = [nlp("Tony Blair is a Labour politician and a former prime minister.")]
    assert [e.text for e in docs[0].ents if e.label_ == "PERSON"] == ["Tony Blair"]
    assert "Tony Blair" not in entities.non_people(docs)


def test_a_name_after_the_noun_that_says_what_it_is_is_no_person_whatever_its_length(nlp):
    docs = [nlp("The deal was sealed last November with the British bank Abbey National."),
            nlp("Sales were driven by artists such as Keane and the rock band Scissor Sisters."),
            nlp("2004 was a stellar year, said Roger Bennett, director general of Elspa.")]
    assert {"Abbey National", "Scissor Sisters", "Elspa"} <= entities.bodies_described(docs)
    # a person's job, a title chain, a family role: still people
    docs = [nlp("The show was put together by producer Andi Peters for the BBC."),
            nlp("Film-maker Spike Lee says representation is stronger than ever."),
            nlp("Today the invaders captured the mayor of the city Ivan Fedorov."),
            nlp("June Carter Cash was the future wife of Johnny Cash.")]
    found = entities.bodies_described(docs)
    assert not found & {"Andi Peters", "Spike Lee", "Ivan Fedorov", "Johnny Cash"}
