"""quotes.turns: transcript turns with a title and a name, and an interview's dash turns."""
from __future__ import annotations

from tests.quotes_kit import attribute_text


def test_turns_run_on_inside_one_paragraph():
    """Line breaks lost: each turn ends where the next label starts; the title is not the name."""
    rows = attribute_text(
        "Fellow citizens! Today is a special day. Chairman of the Parliament of Ukraine Ruslan Stefanchuk: "
        "Candidate status is a recognition of our achievements. We can't change geography. "
        "Prime Minister of Ukraine Denys Shmyhal: Candidate status is a high evaluation of our reforms. "
        "From now on, our place is in Europe.")
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("block", "Candidate status is a recognition of our achievements. We can't change geography.",
         "Ruslan Stefanchuk"),
        ("block", "Candidate status is a high evaluation of our reforms. From now on, our place is in Europe.",
         "Denys Shmyhal")]


def test_turn_at_a_paragraph_start_with_a_tagged_name():
    rows = attribute_text("President of France Emmanuel Macron: Thank you. We are here to support you.\n\n"
                          "The meeting ended at noon.")
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("block", "Thank you. We are here to support you.", "Emmanuel Macron")]


def test_a_label_over_a_list_or_without_a_name_is_no_turn():
    rows = attribute_text("Subs Not Used: Almunia, Cygan, Owusu-Abeyie, Clichy.\n\n"
                          "Today it is recognized: Ukraine is not a buffer between Europe and Asia.")
    assert [r for r in rows if r[0] == "block"] == []


def test_interview_answers_go_to_the_interviewee_questions_are_left_out():
    rows = attribute_text(
        "Interview of Mayor Anna Berg to the newspaper City Daily. - Mrs Berg, are the buses late again? "
        "- What are the buses late for? The drivers are on strike - nothing else. - Will the strike end? "
        "- We will talk to the drivers every day. Why would we not? - And the trams? "
        "- The trams run on time.")
    assert [(w, s) for k, w, s, _, _ in rows if k == "block"] == [
        ("What are the buses late for? The drivers are on strike - nothing else.", "Anna Berg"),
        ("We will talk to the drivers every day. Why would we not?", "Anna Berg"),
        ("The trams run on time.", "Anna Berg")]


def test_dashes_without_an_interview_are_no_turns():
    rows = attribute_text("The plan is ready. - The first stage starts today. - The second starts in May. "
                          "- The third is not planned.")
    assert [r for r in rows if r[0] == "block"] == []


def test_a_transcript_quoted_whole_keeps_its_turns():
    """'"WALLACE: … ¶ "PENCE: …': each paragraph of the transcript opens with a straight mark that is never
    closed (the multi-paragraph convention), and a turn quotes a title in curly marks. The colons lie
    inside the quotation, yet every label is a turn."""
    rows = attribute_text(
        "Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows:\n\n"
        '"WALLACE: Let us start with the debate. Why would Trump do that?\n\n'
        '"PENCE: Well, look, she thinks this is an episode of “Shark Tank.” But this is serious business.\n\n'
        '"WALLACE: Will she be there tomorrow night?\n\n'
        '"PENCE: She will not be attending the debate tomorrow night."')
    assert [(k, s) for k, w, s, _, _ in rows] == [
        ("block", "Chris Wallace"), ("block", "Mike Pence"), ("block", "Chris Wallace"), ("block", "Mike Pence")]
    assert rows[1][1] == "Well, look, she thinks this is an episode of “Shark Tank.” But this is serious business."


def test_a_label_after_a_spaced_dash_is_a_turn():
    """A digest's items: 'HEADLINE IN CAPITALS - Name Surname: “…”'."""
    rows = attribute_text("IOWA POLLS NOT NECESSARILY WRONG - Mark Blumenthal: “Although the polls failed to predict "
                          "the result, it isn't because they were dead wrong. They just ended too early.”")
    assert [(k, s) for k, w, s, _, _ in rows] == [("quote", "Mark Blumenthal")]  # its words are in marks


def test_a_turn_whose_words_are_in_quotation_marks_is_a_quotation():
    """'NAME: "…"': the marks say the words are the speaker's own; a turn without marks stays a block."""
    rows = attribute_text(
        "Fellow citizens! Today is a special day. Chairman of the Parliament of Ukraine Ruslan Stefanchuk: "
        '"Candidate status is a recognition of our achievements." Prime Minister of Ukraine Denys Shmyhal: '
        "Candidate status is a high evaluation of our reforms.")
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("quote", "Candidate status is a recognition of our achievements.", "Ruslan Stefanchuk"),
        ("block", "Candidate status is a high evaluation of our reforms.", "Denys Shmyhal")]


def test_a_quoted_turn_followed_by_its_source_in_brackets_is_a_quotation():
    rows = attribute_text("TURNOUT WAS HIGHER THAN EXPECTED - Mark Blumenthal: “Although the polls failed to predict "
                          "the result, it is not because they were wrong. They just ended too early.” [Gallup]")
    assert [(k, s) for k, w, s, _, _ in rows] == [("quote", "Mark Blumenthal")]
