"""The speaker registry (alliancecli.quotes.speakers): roles, pronouns, and ties across a corpus."""
from __future__ import annotations

import pytest

from alliancecli import pipeline, store


def _said(text, statements, words: str):
    """The statement whose text holds ``words``."""
    found = [st for st in statements if words in text[st.start:st.end]]
    assert found, [text[st.start:st.end] for st in statements]
    return found[0]


def test_a_title_before_a_name_ties_the_role(attribute_text):
    text, sts = attribute_text(
        "President of Ukraine Volodymyr Zelenskyy met President of the Republic of Poland Andrzej Duda in Kyiv.",
        '"Poland will stand with Ukraine until the end," the President of Poland said.')
    st = _said(text, sts, "Poland will stand")
    assert (st.speaker, st.speaker_kind) == ("Andrzej Duda", "person")
    assert text[st.speaker_start:st.speaker_end].endswith("President of Poland")


def test_a_nested_title_ties_a_shorter_form_of_it(attribute_text):
    text, sts = attribute_text(
        "Head of the Office of the President of Ukraine Andriy Yermak met the ambassadors.",
        '"We are working on new sanctions every day," said the Head of the President\'s Office.')
    assert _said(text, sts, "We are working").speaker == "Andriy Yermak"


@pytest.mark.parametrize("role", ["the Head of State", "the President", "the Ukrainian President"])
def test_a_role_two_people_hold_goes_to_the_person_the_headline_names(attribute_text, role):
    text, sts = attribute_text(
        "President of Ukraine Volodymyr Zelenskyy met President of the Republic of Poland Andrzej Duda in Kyiv.",
        f'"We will rebuild every city together with our partners," {role} said.',
        title="Volodymyr Zelenskyy: Ukraine will rebuild every city")
    assert _said(text, sts, "We will rebuild").speaker == "Volodymyr Zelenskyy"


def test_a_role_nothing_decides_stays_unresolved_with_its_phrase(attribute_text):
    text, sts = attribute_text(
        "President of Ukraine Volodymyr Zelenskyy met President of the Republic of Poland Andrzej Duda in Kyiv.",
        '"We will rebuild every city together with our partners," the Head of State said.')
    st = _said(text, sts, "We will rebuild")
    assert st.speaker_kind == "role"
    assert st.speaker == "Head of State"
    assert st.speaker_role == "head|state"


def test_a_role_no_one_holds_stays_unresolved(attribute_text):
    text, sts = attribute_text('"The sanctions must be strengthened," the Foreign Minister said on Monday.')
    st = _said(text, sts, "The sanctions")
    assert st.speaker_kind == "role" and st.speaker_role == "minister|foreign"


def test_he_is_the_subject_of_the_sentence_before_not_the_nearest_name(attribute_text):
    text, sts = attribute_text(
        "Volodymyr Zelenskyy thanked Joe Biden for the new package of military aid. "
        "He stressed that the sanctions against Russia must be strengthened further.")
    assert _said(text, sts, "the sanctions against Russia").speaker == "Volodymyr Zelenskyy"


def test_he_passes_over_a_plural_subject(attribute_text):
    text, sts = attribute_text(
        "Andriy Yermak met a group of independent experts in Kyiv. "
        "The experts presented a new roadmap of energy sanctions. "
        "He noted that the embargo on Russian oil must come into force this year.")
    assert _said(text, sts, "the embargo on Russian oil").speaker == "Andriy Yermak"


def test_he_crosses_a_paragraph_end(attribute_text):
    text, sts = attribute_text(
        "Emmanuel Macron arrived in Kyiv on Monday and met the Prime Minister.",
        "He said that France would deliver more air defence systems to Ukraine.")
    assert _said(text, sts, "France would deliver").speaker == "Emmanuel Macron"


def test_a_pronoun_with_no_antecedent_is_marked_unresolved(attribute_text):
    text, sts = attribute_text("He said that the talks in Istanbul would continue next week.")
    st = _said(text, sts, "the talks in Istanbul")
    assert (st.speaker, st.speaker_kind) == ("He", "pronoun")


def _ingest(tmp_path, docs: dict[str, str]):
    folder = tmp_path / "releases"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "a.db"
    pipeline.ingest([folder], db)
    return store.connect(db)


RESOLVED = ("Talks in Kyiv\n\nPresident of Ukraine Volodymyr Zelenskyy met the Prime Minister of Japan.\n\n"
            '"We count on the support of our partners in the coming months," the Head of State said.\n')
OPEN = ('Support for Ukraine\n\n"Every new package of sanctions brings our victory closer," the Head of State '
        "said on Monday.\n")


def test_a_role_left_open_takes_the_person_the_other_documents_of_its_source_tie_to_it(tmp_path):
    db = _ingest(tmp_path, {"a.txt": RESOLVED, "b.txt": RESOLVED.replace("months", "weeks"), "c.txt": OPEN})
    rows = db.execute("select speaker, speaker_kind from statements where text like 'Every new package%'").fetchall()
    assert rows == [("Volodymyr Zelenskyy", "person")]


def test_no_tie_from_documents_that_disagree(tmp_path):
    other = RESOLVED.replace("President of Ukraine Volodymyr Zelenskyy", "President of Moldova Maia Sandu")
    db = _ingest(tmp_path, {"a.txt": RESOLVED, "b.txt": other, "c.txt": OPEN})
    rows = db.execute("select speaker_kind from statements where text like 'Every new package%'").fetchall()
    assert rows == [("role",)]


def test_i_in_an_address_is_the_author_the_headline_names(attribute_text):
    text, sts = attribute_text(
        "Dear friends! Today I want to speak about our future in Europe.",
        "I emphasize this again: Ukraine will become a full member of the European Union.",
        title="We will be in the European Union - address by President Volodymyr Zelenskyy")
    st = _said(text, sts, "Ukraine will become a full member")
    assert (st.speaker, st.speaker_kind) == ("Volodymyr Zelenskyy", "person")
    assert text[st.speaker_start:st.speaker_end] == "I"


def test_i_without_an_author_stays_unresolved(attribute_text):
    text, sts = attribute_text("I emphasize this again: Ukraine will become a full member of the European Union.")
    st = _said(text, sts, "Ukraine will become a full member")
    assert (st.speaker, st.speaker_kind) == ("I", "pronoun")


def test_the_company_is_the_organisation_the_document_says_it_is(attribute_text):
    text, sts = attribute_text(
        "Diageo, the world's biggest spirits company, reported higher sales in Asia.",
        '"Demand in China has recovered faster than we expected," the company said in a statement.')
    st = _said(text, sts, "Demand in China")
    assert (st.speaker, st.speaker_kind) == ("Diageo", "organization")


def test_a_party_descriptor_is_the_person_introduced_with_it(attribute_text):
    text, sts = attribute_text(
        "Kentucky Republican Mitch McConnell met the president on Tuesday.",
        '"We will not support this bill in its current form," the Kentucky Republican said.')
    assert _said(text, sts, "We will not support").speaker == "Mitch McConnell"


def test_no_tie_from_a_single_document(tmp_path):
    db = _ingest(tmp_path, {"a.txt": RESOLVED, "c.txt": OPEN})
    rows = db.execute("select speaker_kind from statements where text like 'Every new package%'").fetchall()
    assert rows == [("role",)]


@pytest.mark.parametrize("group", ["The parties", "They"])
def test_a_group_after_a_meeting_is_the_people_who_met(attribute_text, group):
    text, sts = attribute_text(
        "Volodymyr Zelenskyy held a phone call with Emmanuel Macron on Monday. "
        f"{group} agreed that the European Council must decide on the candidacy in June.")
    st = _said(text, sts, "the European Council must decide")
    assert (st.speaker, st.speaker_kind) == ("Volodymyr Zelenskyy and Emmanuel Macron", "group")


def test_they_continues_a_plural_subject(attribute_text):
    text, sts = attribute_text(
        "The experts presented a new roadmap of energy sanctions in Kyiv. "
        "They believe that the embargo on Russian oil must come into force this year.")
    st = _said(text, sts, "the embargo on Russian oil")
    assert st.speaker == "experts" and st.speaker_kind != "person"
