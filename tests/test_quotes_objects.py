"""quotes.objects: reported speech whose content is the cue's object ('stressed the need to …')."""
from __future__ import annotations

import pytest

from tests.quotes_kit import attribute_text


@pytest.mark.parametrize("text, content, speaker", [
    ("Andrzej Duda stressed the importance of coordinated sanctions pressure on Russia.",
     "the importance of coordinated sanctions pressure on Russia", "Andrzej Duda"),
    ("Maria Lopez also called for tougher sanctions against the regime.",
     "tougher sanctions against the regime", "Maria Lopez"),
    ("John Carter spoke in favor of providing the city with more buses.",
     "providing the city with more buses", "John Carter"),
    ("Anna Berg insisted on developing an effective package of preventive measures.",
     "developing an effective package of preventive measures", "Anna Berg"),
    ("Peter Novak expressed hope that the new bridge would open before the winter.",
     "the new bridge would open before the winter", "Peter Novak"),
])
def test_content_is_the_object_of_the_cue(text, content, speaker):
    assert [(k, w, s) for k, w, s, _, _ in attribute_text(text)] == [("indirect", content, speaker)]


def test_hope_for_keeps_its_preposition_and_the_purpose():
    """'expressed hope for …': the content starts at 'for' and carries what the clause adds."""
    [(kind, words, speaker, _, _)] = attribute_text(
        "Roman Kovalenko expressed hope for its increase in order to strengthen the defence of the city.")
    assert (kind, speaker) == ("indirect", "Roman Kovalenko")
    assert words.startswith("for its increase in order to strengthen")


@pytest.mark.parametrize("text", [
    "Andrzej Duda thanked the mayor for the warm welcome.",  # a speech event without content
    "The report was stressed by officials.",  # no source in subject position
    "Anna Berg noted John Carter in the crowd.",  # a person as the object is no content
])
def test_no_content_no_report(text):
    assert [r for r in attribute_text(text) if r[0] == "indirect"] == []


@pytest.mark.parametrize("text, content", [
    # a noun a name stands in apposition to
    ("His former business partner, Lawrence Cummings, called him a master of impossible deals.",
     "him a master of impossible deals"),
    # a body a name qualifies
    ("The Trump campaign called the charges unsubstantiated and fabricated.",
     "the charges unsubstantiated and fabricated"),
])
def test_a_noun_a_name_stands_for_is_the_source_of_a_speech_act(text, content):
    assert [(k, w) for k, w, *_ in attribute_text(text)] == [("indirect", content)]


def test_a_noun_for_nobody_in_particular_is_no_source_of_a_speech_act():
    assert [r for r in attribute_text("The old building called him a master of impossible deals.")
            if r[0] == "indirect"] == []


@pytest.mark.parametrize("text, content", [
    ("Bill Clinton criticized the health law as a crazy system during a campaign stop.",
     "the health law as a crazy system"),
    ("Maria Lopez dismissed the mayor as a fraud.", "the mayor as a fraud"),
    ("Peter Novak attacked the mayor as being too cozy with developers.",
     "the mayor as being too cozy with developers"),
])
def test_a_judgment_through_as_states_what_the_object_is_held_to_be(text, content):
    assert [(k, w) for k, w, *_ in attribute_text(text)] == [("indirect", content)]


@pytest.mark.parametrize("text", [
    "Maria Lopez criticized the mayor.",  # an actor evaluated: no proposition
    "Maria Lopez cited the city as an example.",  # an example given, no judgment
])
def test_no_judgment_without_as_or_with_another_verb(text):
    assert [r for r in attribute_text(text) if r[0] == "indirect"] == []
