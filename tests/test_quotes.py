"""Tests for alliancecli.quotes: pairing quotation marks, and attributing statements.

The attribution tests go through the real path (segment -> plan_units -> the real
spaCy pipeline -> pipeline.analyse) and read the statement rows.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancecli.quotes import MARKS, scan_quotes
from helpers import analyse_text

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "seeds").glob("*.txt"))


def _paras(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of ``text`` split on blank lines."""
    out, pos = [], 0
    for p in text.split("\n\n"):
        out.append((pos, pos + len(p)))
        pos += len(p) + 2
    return out


def _quoted(text: str, q) -> str:
    """The text between the marks (to the paragraph end for an unbalanced quote)."""
    return text[q.open + 1:(q.close if q.close is not None else q.end)]


# -- scan_quotes -------------------------------------------------------------


@pytest.mark.parametrize("opening, closing", [
    ('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("«", "”"),
])
def test_scan_quotes_pairs_each_style(opening, closing):
    text = f"The minister said {opening}we want a real union{closing} on Tuesday."
    qs = scan_quotes(text, _paras(text))
    assert len(qs) == 1
    q = qs[0]
    assert q.open == text.index(opening)
    assert q.close == text.rindex(closing)
    assert q.end == q.close
    assert (q.first, q.last) == (0, 0)
    assert _quoted(text, q) == "we want a real union"


def test_scan_quotes_several_in_one_paragraph():
    text = 'He called it a "gas union" and she called it «a trap», then “a joke”.'
    qs = scan_quotes(text, _paras(text))
    assert [_quoted(text, q) for q in qs] == ["gas union", "a trap", "a joke"]


def test_scan_quotes_nested_inside_guillemets():
    text = "She said «the so-called „gas union“ is a trap» and left."
    qs = scan_quotes(text, _paras(text))
    assert [_quoted(text, q) for q in qs] == ["the so-called „gas union“ is a trap"]


def test_apostrophes_are_not_quotes():
    text = "Russia's partners don't say 'no' to Moscow's plan."
    assert scan_quotes(text, _paras(text)) == []


def test_unbalanced_mark_stops_at_paragraph_end():
    text = ('He said "we want a union today.\n\n'
            'The next paragraph says "here" and more.\n\n'
            'A third paragraph without marks.')
    paras = _paras(text)
    qs = scan_quotes(text, paras)
    assert len(qs) == 2
    first, second = qs
    assert first.close is None
    assert (first.first, first.last) == (0, 0)
    assert first.end == paras[0][1]
    assert _quoted(text, first) == "we want a union today."
    # the next paragraph's own quote is paired on its own, not swallowed
    assert _quoted(text, second) == "here"
    assert (second.first, second.last) == (1, 1)


def test_unbalanced_mark_in_last_paragraph():
    text = "Intro.\n\nHe said “and then nothing closed"
    paras = _paras(text)
    qs = scan_quotes(text, paras)
    assert len(qs) == 1
    assert qs[0].close is None and qs[0].end == len(text)
    assert (qs[0].first, qs[0].last) == (1, 1)


def test_multi_paragraph_quote_is_one_span():
    text = ('"The first part of what he said.\n\n'
            '"The second part of it.\n\n'
            '"And the last part," he said.\n\n'
            "After the quote.")
    paras = _paras(text)
    qs = scan_quotes(text, paras)
    assert len(qs) == 1
    q = qs[0]
    assert q.open == 0
    assert (q.first, q.last) == (0, 2)
    assert q.close == text.index('," he said') + 1
    assert text[q.close] == '"'


def test_multi_paragraph_quote_with_curly_marks():
    text = "“First paragraph of the speech.\n\n“Second paragraph,” she said.\n\nNo marks here."
    qs = scan_quotes(text, _paras(text))
    assert len(qs) == 1
    assert (qs[0].first, qs[0].last) == (0, 1)
    assert text[qs[0].close] == "”"


def test_paragraph_not_opening_with_mark_ends_the_open_quote():
    text = '"Never closed in the first.\n\nPlain second paragraph.\n\n"Closed here," he said.'
    paras = _paras(text)
    qs = scan_quotes(text, paras)
    assert len(qs) == 2
    assert qs[0].close is None and (qs[0].first, qs[0].last) == (0, 0)
    assert qs[1].first == 2 and _quoted(text, qs[1]) == "Closed here,"


def test_only_given_paragraphs_are_scanned():
    text = 'Title "with marks"\n\nBody says "yes" here.'
    paras = _paras(text)[1:]
    qs = scan_quotes(text, paras)
    assert [_quoted(text, q) for q in qs] == ["yes"]
    assert qs[0].first == 0  # index into the list given


_FRAGMENTS = ['"', "“", "”", "«", "»", "„", " ", "a", "word", ",", ".", ":", "(", ")", "—", "\n"]


@st.composite
def _documents(draw):
    pieces = draw(st.lists(
        st.one_of(st.lists(st.sampled_from(_FRAGMENTS), max_size=15).map("".join), st.text(max_size=20)),
        max_size=8))
    sep = draw(st.sampled_from(["\n\n", "\n", " "]))
    text, spans = "", []
    for p in pieces:
        spans.append((len(text), len(text) + len(p)))
        text += p + sep
    keep = draw(st.lists(st.booleans(), min_size=len(spans), max_size=len(spans)))
    return text, [s for s, k in zip(spans, keep) if k]


def _a_mark(text: str, i: int) -> bool:
    """A quotation mark, or the apostrophe of two written for one that stands next to the quoted words (''…'')."""
    return text[i] in MARKS or text[i] == "'" and "''" in text[max(0, i - 1):i + 2]


@settings(max_examples=200, deadline=None)
@given(_documents())
def test_scan_quotes_spans_stay_inside_paragraphs(doc):
    text, paras = doc
    qs = scan_quotes(text, paras)
    prev_end = -1
    for q in qs:
        assert 0 <= q.first <= q.last < len(paras)
        s0, e0 = paras[q.first]
        s1, e1 = paras[q.last]
        assert s0 <= q.open < e0
        assert _a_mark(text, q.open)
        if q.close is None:
            assert q.end == e1
        else:
            assert s1 <= q.close < e1
            assert q.open < q.close == q.end
            assert _a_mark(text, q.close)
        assert q.open >= prev_end  # spans do not overlap
        prev_end = q.end


# -- attribution through the real pipeline ---------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from alliancecli import nlp as nlp_mod

    return nlp_mod.load()


def _analyse(nlp, text: str):
    return analyse_text(nlp, text)


@pytest.fixture(scope="module")
def analyse(nlp):
    """body text -> (document text, statement rows), with a title line put in front."""

    def run(body: str):
        text = f"A title for the test\n\n{body}\n"
        rows = _analyse(nlp, text)
        _check_rows(text, rows.statements)
        return text, rows

    return run


def _check_rows(text: str, statements: list[dict]):
    for s in statements:
        assert s["text"] == text[s["start"]:s["end"]]
        assert 0 <= s["start"] < s["end"] <= len(text)
        if s["speaker_start"] is not None:
            assert 0 <= s["speaker_start"] < s["speaker_end"] <= len(text)
            assert s["speaker_text"] == text[s["speaker_start"]:s["speaker_end"]]


def _quotes(rows) -> list[tuple[str, str, str | None, str | None]]:
    """(text, speaker, speaker_text, cue) of the article statements."""
    return [(s["text"], s["speaker"], s["speaker_text"], s["cue"]) for s in rows.statements if s["kind"] != "comment"]


def test_cue_before_quote(analyse):
    _, rows = analyse('Burton said, "I love cats!"')
    assert _quotes(rows) == [("I love cats!", "Burton", "Burton", "said")]
    assert rows.statements[0]["kind"] == "quote"
    assert rows.statements[0]["source"] == "article"


def test_inverted_cue_and_follow_on_quote(analyse):
    _, rows = analyse('"I love cats!" insists Burton. "I absolutely do."')
    got = _quotes(rows)
    assert [(t, sp) for t, sp, _, _ in got] == [("I love cats!", "Burton"), ("I absolutely do.", "Burton")]
    assert got[0][3] == "insists"


def test_pronoun_speaker_without_antecedent(analyse):
    _, rows = analyse('"Some people say otherwise," he conceded.')
    assert _quotes(rows) == [("Some people say otherwise", "he", "he", "conceded")]


def test_pronoun_resolves_to_person_before(analyse):
    _, rows = analyse('John Burton explained from a podium. "I love cats so much," he said.')
    assert _quotes(rows) == [("I love cats so much", "John Burton", "he", "said")]
    assert rows.statements[0]["speaker_kind"] == "person"


def test_textacy_pronoun_case(analyse):
    _, rows = analyse('Burton explained from a podium. "I love cats," he said.')
    assert _quotes(rows) == [("I love cats", "Burton", "he", "said")]


def test_short_comma_quote_with_cue(analyse):
    _, rows = analyse('"I love cats," Burton said.')
    assert [(t, sp, c) for t, sp, _, c in _quotes(rows)] == [("I love cats", "Burton", "said")]


def test_a_name_written_with_no_break_spaces_is_one_speaker(analyse):
    """Press releases join a title and a name with no-break spaces; spaCy reads them as plain spaces, and the
    statement keeps the text as written."""
    _, rows = analyse("Senator\u00a0Anna\u00a0Smith of Ohio said, \"The city has no money for this plan.\"")
    assert _quotes(rows) == [("The city has no money for this plan.", "Anna Smith", "Anna\u00a0Smith", "said")]


def test_pronoun_resolves_to_surname_only_person(analyse):
    _, rows = analyse('Burton explained from a podium. "I love cats so much," he said.')
    assert _quotes(rows) == [("I love cats so much", "Burton", "he", "said")]


@pytest.mark.parametrize("body", [
    'His favorite book is "One Hundred Years of Solitude".',
    'Burton thinks cats are "cuties".',
])
def test_no_statement_without_speech(analyse, body):
    _, rows = analyse(body)
    assert rows.statements == []


def test_scare_quote_is_not_a_statement(analyse):
    _, rows = analyse('Moscow keeps promoting its "gas union" across the region.')
    assert rows.statements == []


def test_naming_act_is_reported_speech_not_a_quote(analyse):
    """'called the plan a "gas union"': the scare quote is no quote of its own, but the naming is
    something the minister said (PolNeAR annotates it as an attribution)."""
    _, rows = analyse('The minister called the plan a "gas union" and left the room early.')
    assert [(s["kind"], s["text"], s["speaker"], s["cue"]) for s in rows.statements] == [
        ("indirect", 'the plan a "gas union"', "minister", "called")]


VASILENKO_INTRO = "Roman Vasilenko, Deputy Foreign Minister of Kazakhstan, spoke in the same spirit:"
VASILENKO_BLOCK = ("It is still too early to discuss the content, because so far this is some kind of idea. "
                   "The principled position of Kazakhstan is that it does not allow its territory to be used "
                   "to circumvent sanctions.")


def test_block_introduced_by_colon(analyse):
    _, rows = analyse(f"{VASILENKO_INTRO}\n\n{VASILENKO_BLOCK}")
    [st_] = rows.statements
    assert st_["kind"] == "block"
    assert st_["text"] == VASILENKO_BLOCK
    assert st_["speaker"] == "Roman Vasilenko"
    assert st_["speaker_text"] == "Roman Vasilenko"
    assert st_["speaker_kind"] == "person"
    assert st_["cue"] == "spoke"
    # the person mention itself carries the country from the apposition
    people = [m for m in rows.mentions if m["kind"] == "person"]
    assert [(m["name"], m["country"]) for m in people] == [("Roman Vasilenko", "Kazakhstan")]


def test_block_speaker_country(analyse):
    _, rows = analyse(f"{VASILENKO_INTRO}\n\n{VASILENKO_BLOCK}")
    assert [s["speaker_country"] for s in rows.statements] == ["Kazakhstan"]


def test_short_paragraph_after_colon_is_not_a_block(analyse):
    _, rows = analyse(f"{VASILENKO_INTRO}\n\nNo comment.")
    assert rows.statements == []


def test_a_paragraph_that_reports_someone_else_is_no_block(analyse):
    """A colon over an embedded post the text lost: the next paragraph is narration with its own speaker."""
    _, rows = analyse("After the vote, Tom Jones reminded viewers that he does not agree:\n\n"
                      "And after watching the debate for two hours, Anna Berg said that she was "
                      "\u201cproud to be a member of this party.\u201d")
    assert [(s["kind"], s["speaker"]) for s in rows.statements] == [("quote", "Anna Berg")]
    # words of the speaker the colon introduces stay a block, even where they report someone
    _, rows = analyse(f"{VASILENKO_INTRO}\n\nWe discussed it with the partners. "
                      "Tom Jones said that the idea is still too early to discuss in any detail.")
    assert [(s["kind"], s["speaker"]) for s in rows.statements][0] == ("block", "Roman Vasilenko")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_statement_offsets_on_seed_documents(nlp, path):
    text = path.read_text(encoding="utf-8")
    rows = _analyse(nlp, text)
    assert rows.statements
    _check_rows(text, rows.statements)
    for m in rows.mentions:
        assert m["text"] == text[m["start"]:m["end"]]


# -- signatures and parenthetical cues ---------------------------------------------------


def test_dash_signature_after_quote(analyse):
    body = ("“He can’t even answer a question without scaring people first.”\u00a0― Esther Tapia.\u00a0\n"
            "“Maybe we can build a wall around the whole campaign.” ― Steve Quinlan.")
    text, rows = analyse(body)
    got = [(s["text"], s["speaker"], s["speaker_text"], s["cue"]) for s in rows.statements]
    assert got == [
        ("He can’t even answer a question without scaring people first.", "Esther Tapia", "Esther Tapia", "―"),
        ("Maybe we can build a wall around the whole campaign.", "Steve Quinlan", "Steve Quinlan", "―"),
    ]


def test_dash_inside_a_sentence_is_not_a_signature(analyse):
    _, rows = analyse('He called it "a plan to win the whole war" - Moscow disagreed with that view today.')
    assert all(s["speaker"] != "Moscow" for s in rows.statements)


@pytest.mark.parametrize("body, content, speaker", [
    ("The museum, Mr. Obama said, would make visitors face uncomfortable truths.",
     "The museum, Mr. Obama said, would make visitors face uncomfortable truths", "Obama"),
    ("The timing of the news was not intentional, Republicans said on Friday.",
     "The timing of the news was not intentional", "Republicans"),
])
def test_parenthetical_cue_reports_the_sentence(analyse, body, content, speaker):
    _, rows = analyse(body)
    assert [(s["kind"], s["text"], s["speaker"]) for s in rows.statements] == [("indirect", content, speaker)]


@pytest.mark.parametrize("body", [
    "At the debate on Monday, Clinton said nothing new about the plan.",
    "The integration should continue, that is, the process must go on and on.",
])
def test_no_parenthetical_statement_without_a_reported_clause(analyse, body):
    _, rows = analyse(body)
    assert [s for s in rows.statements if s["cue"] in ("said", "continue")] == []


def _article(nlp, text: str):
    rows = _analyse(nlp, text)
    _check_rows(text, rows.statements)
    return rows


@pytest.mark.parametrize("title, content, speaker, speaker_text", [
    ("Pence: Gennifer Flowers Won’t Be at the Debate", "Gennifer Flowers Won’t Be at the Debate",
     "Mike Pence", "Pence"),
    ("Trump Could Address Clean Energy, Lindsey Graham Says.", "Trump Could Address Clean Energy",
     "Lindsey Graham", "Lindsey Graham"),
])
def test_headline_attribution(nlp, title, content, speaker, speaker_text):
    text = (f"{title}\n\nMike Pence and Lindsey Graham spoke to reporters on Sunday in Ohio, "
            f"where the campaign held a rally.\n")
    rows = _article(nlp, text)
    got = [(s["kind"], s["text"], s["speaker"], s["speaker_text"]) for s in rows.statements]
    assert got == [("indirect", content, speaker, speaker_text)]


def test_headline_label_is_not_a_source(nlp):
    text = "The Latest: markets fall sharply on Monday morning\n\nShares fell in early trading.\n"
    assert _article(nlp, text).statements == []


def test_relative_pronoun_speaker_reads_the_antecedent(analyse):
    _, rows = analyse("Ted Cruz endorses Donald Trump, who says he is honored by the support.")
    endorsement, st_ = rows.statements  # (Cruz's side taken: 'Donald Trump', without the relative clause)
    assert (endorsement["speaker"], endorsement["text"]) == ("Ted Cruz", "Donald Trump")
    assert (st_["kind"], st_["speaker"], st_["speaker_text"]) == ("indirect", "Donald Trump", "Donald Trump, who")
    assert st_["text"] == "he is honored by the support"


def test_reported_speech_of_a_country_or_a_survey_is_not_a_statement(analyse):
    _, rows = analyse("In November, Kazakhstan said it would increase oil exports via the Caspian Sea. "
                      "According to a sociological survey, about 30% of respondents have a negative view. "
                      "Kassym-Jomart Tokayev said that he would not recognize the new republics.")
    assert [(s["kind"], s["speaker"]) for s in rows.statements] == [("indirect", "Kassym-Jomart Tokayev")]


def test_a_noun_of_saying_held_by_a_possessive_pronoun_is_the_clause_subjects(analyse):
    """'Albright fanned controversy over her remark that "…"': 'her' is the subject of the clause the noun stands in."""
    _, rows = analyse("Madeleine Albright fanned controversy this year over her remark that the state budget had been "
                      "cut too deeply.")
    assert [(s["kind"], s["text"], s["speaker"], s["speaker_text"]) for s in rows.statements] == [
        ("indirect", "that the state budget had been cut too deeply", "Madeleine Albright", "her")]


def test_a_call_for_someone_to_act_reports_the_whole_clause(analyse):
    """'calling for the United States to take …': the parser hangs the clause on the verb as an adverbial
    clause marked 'for'; it is what was called for."""
    _, rows = analyse("Hillary Clinton is calling for the United States to take a stronger role in the conflict.")
    assert [(s["kind"], s["text"], s["speaker"], s["cue"]) for s in rows.statements] == [
        ("indirect", "for the United States to take a stronger role in the conflict", "Hillary Clinton", "calling")]


def test_speech_act_with_an_infinitive_clause(analyse):
    _, rows = analyse("Donald Trump urged his supporters to monitor polling places on Election Day.")
    assert [(s["kind"], s["text"], s["speaker"], s["cue"]) for s in rows.statements] == [
        ("indirect", "his supporters to monitor polling places on Election Day", "Donald Trump", "urged")]


@pytest.mark.parametrize("body, held, cue", [
    ("Senator Lindsey Graham endorsed Jeb Bush for president.", "Jeb Bush for president", "endorsed"),
    ("Kassym-Jomart Tokayev backed the creation of a customs union with Uzbekistan.",
     "the creation of a customs union with Uzbekistan", "backed"),
    ("Hillary Clinton accused Donald Trump of using divisive rhetoric.", "Donald Trump of using divisive rhetoric",
     "accused"),
])
def test_a_side_taken_on_what_the_object_names_is_a_statement(analyse, body, held, cue):
    _, rows = analyse(body)
    assert [(s["kind"], s["text"], s["cue"]) for s in rows.statements] == [("indirect", held, cue)]


def test_a_position_verb_whose_subject_is_another_verbs_takes_no_side_for_it():
    """'X thanked the UK for supporting …': the UK supports, not X; no statement of X's."""
    from tests.quotes_kit import attribute_text

    rows = attribute_text("Volodymyr Zelenskyy thanked the United Kingdom for supporting Ukraine's "
                          "Euro-Atlantic aspirations.")
    assert not [r for r in rows if r[1].startswith("Ukraine's Euro-Atlantic")]


@pytest.mark.parametrize("body", [
    "Kassym-Jomart Tokayev sharply criticized the Russian Federation on Friday.",  # an attitude to a target
    "Here Ukrainian soldiers are welcomed who need to rest after the fighting.",  # a passive subject
    "Many observers want to build a new union in the region soon.",  # a wish, not a speech act
    "We are grateful to all who support our state in these difficult times.",  # a side taken by nobody in particular
    "They support those who are brave and those who are free.",
    "Volodymyr Zelenskyy welcomed Mark Rutte to the Ukrainian capital on Monday.",  # a greeting
])
def test_no_statement_without_a_reported_proposition(analyse, body):
    _, rows = analyse(body)
    assert rows.statements == []


# -- role descriptions resolve through the document's role registry -------------------------


@pytest.mark.parametrize("body, speaker", [
    # a title before the name ties the role; a generic head ("leader") covers the office
    ('Russian President Vladimir Putin met Alexander Lukashenko on Monday. '
     '"We are allies in this," the Russian leader said.', "Vladimir Putin"),
    # an apposition ties it
    ('Alexander Lukashenko, the Belarusian president, met Vladimir Putin. '
     '"We will never be one state," the Belarusian leader said.', "Alexander Lukashenko"),
    # "the President of Russia NAME" ties it, and "the president" alone fits one person only
    ('The President of Russia Vladimir Putin arrived in Minsk. '
     '"The union is stronger than ever," the president said.', "Vladimir Putin"),
])
def test_role_description_resolves_to_the_person_tied_to_it(analyse, body, speaker):
    text, rows = analyse(body)
    [st_] = rows.statements
    assert st_["speaker"] == speaker
    assert st_["speaker_kind"] == "person"
    assert text[st_["speaker_start"]:st_["speaker_end"]].lower().endswith(("leader", "president"))


@pytest.mark.parametrize("body, speaker", [
    # nothing ties "the Russian leader" to anyone: keep the mention
    ('Vladimir Putin met Alexander Lukashenko. "The union is stronger than ever," the Russian leader said.',
     "Russian leader"),
    # two presidents fit "the president" equally: do not guess
    ('Russian President Vladimir Putin met Belarusian President Alexander Lukashenko. '
     '"The union is stronger than ever," the president said.', "president"),
])
def test_role_description_without_support_keeps_the_mention(analyse, body, speaker):
    _, rows = analyse(body)
    [st_] = rows.statements
    assert st_["speaker"] == speaker
    assert st_["speaker_kind"] != "person"


def test_a_quote_block_of_a_comment_in_the_thread_is_not_counted_twice(nlp):
    from texts import THREAD

    rows = _article(nlp, THREAD)
    # steppe_fox's words are steppe_fox's own comment: Marat's "Quote: steppe_fox" points to it
    assert [s for s in rows.statements if s["cue"] == "Quote:"] == []
    said = [s for s in rows.statements if "The union is a bad idea for Kazakhstan." in s["text"]]
    assert [(s["kind"], s["speaker"]) for s in said] == [("comment", "steppe_fox"), ("comment", "Marat")]
    marat = next(c for c in rows.comments if c["author"] == "Marat")
    fox = next(c for c in rows.comments if c["author"] == "steppe_fox" and "bad idea" in c["text"])
    assert marat["quotes_path"] == fox["path"]
    assert all(c["quotes_path"] is None for c in rows.comments if c["author"] != "Marat")


def test_a_quote_block_of_a_comment_not_in_the_thread_belongs_to_the_quoted_commenter(nlp):
    from texts import THREAD

    text = THREAD.replace("The union is a bad idea for Kazakhstan.\n\n      I disagree",
                          "Russia will never let Kazakhstan go.\n\n      I disagree")
    rows = _article(nlp, text)
    quoted = [s for s in rows.statements if s["cue"] == "Quote:"]
    assert [(s["kind"], s["speaker"], s["speaker_text"], s["text"]) for s in quoted] == [
        ("quote", "steppe_fox", "steppe_fox", "Russia will never let Kazakhstan go.")]
    assert text[quoted[0]["speaker_start"] - len("Quote: "):quoted[0]["speaker_end"]] == "Quote: steppe_fox"
    # the reply itself stays the commenter's, and is a different statement
    marat = [s for s in rows.statements if s["kind"] == "comment" and s["speaker"] == "Marat"]
    assert len(marat) == 1 and "I disagree with you completely." in marat[0]["text"]
    assert quoted[0]["_comment"] == marat[0]["_comment"]
    assert next(c for c in rows.comments if c["author"] == "Marat")["quotes_path"] is None


@pytest.mark.parametrize("body, content", [
    ("Fowler said he expects Clinton to recover from her bout with pneumonia, which forced her to leave early.",
     "he expects Clinton to recover from her bout with pneumonia"),
    ("Mr. Schultz said he did not support Mr. Trump, the presumed Putin favorite.",
     "he did not support Mr. Trump"),
    ("Republicans said the timing of the news was not intentional; they only learned of it on Friday.",
     "the timing of the news was not intentional"),
])
def test_reported_content_stops_at_a_clause_the_report_does_not_carry(analyse, body, content):
    _, rows = analyse(body)
    assert [s["text"] for s in rows.statements if s["kind"] == "indirect"][0] == content


@pytest.mark.parametrize("body, content", [
    ("The minister said that exports along the pipeline, which bypasses the strait, could double next year.",
     "that exports along the pipeline, which bypasses the strait, could double next year"),
    ("Officials said the treaty, the first of its kind, would be signed in March.",
     "the treaty, the first of its kind, would be signed in March"),
])
def test_a_relative_clause_or_apposition_inside_the_content_does_not_end_it(analyse, body, content):
    _, rows = analyse(body)
    assert [s["text"] for s in rows.statements if s["kind"] == "indirect"] == [content]


def test_cue_alone_in_the_sentence_after_a_multi_sentence_quote(analyse):
    _, rows = analyse("“You work hard. You pay your taxes. So why didn’t he pay his?” a narrator in the ad asks.")
    assert [(s["kind"], s["text"], s["speaker"], s["cue"]) for s in rows.statements] == [
        ("quote", "You work hard. You pay your taxes. So why didn’t he pay his?", "narrator", "asks")]


def test_object_that_is_itself_something_said(analyse):
    _, rows = analyse("At the debate, Hillary Clinton cited derogatory comments about the pageant winner.")
    assert [(s["kind"], s["text"], s["speaker"], s["cue"]) for s in rows.statements] == [
        ("indirect", "derogatory comments about the pageant winner", "Hillary Clinton", "cited")]


def test_opening_phrase_is_not_reported_content(analyse):
    _, rows = analyse("In his 2002 book, Kevin McKinley wrote about saving for college early.")
    assert [s for s in rows.statements if s["text"].startswith("In his")] == []


def test_it_speaks_for_the_organisation_named_before(analyse):
    _, rows = analyse("The Tax Policy Center published an analysis on Monday. "
                      "It says the plan would cut taxes for the top one percent.")
    [st_] = [s for s in rows.statements if s["cue"] == "says"]
    assert (st_["text"], st_["speaker_text"]) == ("the plan would cut taxes for the top one percent", "It")
    assert st_["speaker"] == "Tax Policy Center"


def test_expletive_it_is_no_speaker(analyse):
    _, rows = analyse("The weather was bad on Monday. It says a lot that nobody came to the meeting.")
    assert rows.statements == []


def test_noun_of_saying_with_its_holder(analyse):
    _, rows = analyse("Politifact checked Donald Trump’s claim that there have been thousands of shootings.")
    assert [(s["kind"], s["text"], s["speaker"], s["cue"]) for s in rows.statements] == [
        ("indirect", "that there have been thousands of shootings", "Donald Trump", "claim")]


def test_reported_speech_with_a_quoted_stretch_is_a_quotation(analyse):
    _, rows = analyse('Loretta Lynch said there remains a "significant difference in private practice and '
                      'government" when it comes to staffing.')
    [st_] = rows.statements
    assert (st_["kind"], st_["speaker"], st_["cue"]) == ("quote", "Loretta Lynch", "said")
    assert st_["text"].startswith('there remains a "significant difference')


def test_short_quoted_phrase_leaves_reported_speech_indirect(analyse):
    _, rows = analyse('Donald Trump said the plan was a "total disaster" for the whole country.')
    assert [(s["kind"], s["speaker"]) for s in rows.statements] == [("indirect", "Donald Trump")]


def test_parenthetical_content_stops_at_a_concessive_clause(analyse):
    _, rows = analyse("The latest test, Kim Jong Un said, was the biggest yet, although it may take days "
                      "to measure how powerful it was.")
    assert [s["text"] for s in rows.statements] == ["The latest test, Kim Jong Un said, was the biggest yet"]


def test_quote_after_a_sentence_that_names_the_speaker(analyse):
    _, rows = analyse('The administration may be reluctant to act, Adam Schiff said. '
                      '"The other factor is whether it would tip the scales."')
    quotes = [(s["text"], s["speaker"], s["cue"]) for s in rows.statements if s["kind"] == "quote"]
    assert quotes == [("The other factor is whether it would tip the scales.", "Adam Schiff", "said")]


def test_inverted_cue_before_a_colon_quote(analyse):
    _, rows = analyse("Experts disagree. Said Ellis: “I don’t get the sense she’s the least bit interested "
                      "in tax reform.”")
    assert [(s["speaker"], s["cue"]) for s in rows.statements] == [("Ellis", "Said")]


def test_quote_belongs_to_the_outermost_reporter(analyse):
    _, rows = analyse('Loretta Lynch said she speaks more often about race because "you talk about the issues '
                      'that are presented by the matters in front of you."')
    [st_] = [s for s in rows.statements if s["kind"] == "quote"]
    assert (st_["speaker"], st_["speaker_text"], st_["cue"]) == ("Loretta Lynch", "Loretta Lynch", "said")


def test_reported_content_that_opens_a_quotation_carries_it_to_its_end(analyse):
    _, rows = analyse("Obama called the holiday “a celebration of the ways faith can transcend any differences "
                      "or boundaries.”")
    [st_] = rows.statements
    assert (st_["kind"], st_["speaker"], st_["cue"]) == ("quote", "Obama", "called")
    assert st_["text"] == ("the holiday “a celebration of the ways faith can transcend any differences "
                           "or boundaries.”")


_SENTENCE_BITS = ['Burton said', ', "', '" ', '“', '” ', '«', '» ', ' ― Anna Petrova', 'He added:', '\n\n',
                  'the Russian leader', ' told reporters that ', 'according to the ministry, ', 'Putin', ': ',
                  'we will win this war', '. ', ', who said ', 'It says ', '— ', 'Quote: steppe_fox\n']


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_BITS), min_size=1, max_size=30))
def test_attribution_never_raises_and_offsets_stay_valid(nlp, bits):
    text = "A title\n\n" + "".join(bits) + "\n"
    rows = _analyse(nlp, text)
    _check_rows(text, rows.statements)


def test_cue_after_quote_with_an_apposition_between_name_and_verb(analyse):
    _, rows = analyse("Michael Flynn spoke on Thursday.\n\n“There's a severe disconnect between this White House "
                      "and our military,” Flynn, a top Trump surrogate, said Thursday morning.")
    [st_] = [s for s in rows.statements if s["kind"] == "quote"]
    assert (st_["speaker"], st_["speaker_text"], st_["cue"]) == ("Michael Flynn", "Flynn", "said")


def test_coordinated_cue_is_its_own_report(analyse):
    _, rows = analyse('Ivanka Trump spoke last week. She said fathers would not be eligible, and when pressed, '
                      'the young mother of three replied, "It is meant to benefit the mother who gave birth."')
    [st_] = [s for s in rows.statements if s["kind"] == "quote"]
    assert (st_["cue"], st_["speaker_text"]) == ("replied", "young mother")


def test_transcript_turns_say_something_a_labelled_list_does_not(analyse):
    """'NAME: …' paragraphs of an interview are turns; a label over a list of names, however often
    it repeats ('Subs Not Used: …' under each team), is not a speaker."""
    _, rows = analyse("Subs Not Used: Almunia, Cygan, Owusu-Abeyie, Clichy.\n\n"
                      "Subs Not Used: Cudicini, Johnson, Tiago, Geremi.\n\n"
                      "Paxman: Did you threaten to overrule him?\n\n"
                      "Howard: I was entitled to express my view and I did so.\n\n"
                      "Paxman: Did you threaten to overrule him?\n\n"
                      "Howard: I did not overrule him, as I said before today.")
    assert [(s["speaker"], s["cue"]) for s in rows.statements] == [
        ("Paxman", ":"), ("Howard", ":"), ("Paxman", ":"), ("Howard", ":")]


@pytest.mark.parametrize("body, speaker", [
    ("Indonesia's government said it is considering raising fuel prices by as much as 30%.",
     "Indonesia's government"),
    ("The prosecution's star witness said that the chief executive ordered the adjustments.",
     "prosecution's star witness"),
])
def test_noun_phrase_speakers_keep_the_text_spacing(analyse, body, speaker):
    """A speaker named by a noun phrase is written as the text writes it, not token by token."""
    _, rows = analyse(body)
    assert [s["speaker"] for s in rows.statements] == [speaker]


@pytest.mark.parametrize("dateline", ["MINSK, March 3, 2025 --", "WASHINGTON (AP) —", "ASTANA, Kazakhstan, 3 March (Reuters) -"])
def test_a_wire_dateline_is_not_the_subject_of_the_leads_first_sentence(analyse, dateline):
    """Parsed with the sentence, 'MINSK … said' made the dateline its subject and dropped the statement."""
    text, rows = analyse(f"{dateline} The President of Kazakhstan, Kassym-Jomart Tokayev, said on Monday that "
                         "his country would not join a military alliance against Russia.")
    said = [(s["kind"], s["speaker"]) for s in rows.statements]
    assert said == [("indirect", "Kassym-Jomart Tokayev")]
    assert any(m["text"] == dateline.split(",")[0].split(" (")[0] for m in rows.mentions)  # its place still found


def test_a_bloc_in_capitals_that_opens_the_lead_is_no_dateline():
    from alliancecli.segment import lead_dateline

    assert lead_dateline("NATO — the alliance founded in 1949 — said it would respond.") is None
    assert lead_dateline("KYIV — Ukraine said it would respond.") == (len("KYIV —"), len("KYIV — "))


@pytest.mark.parametrize("body, said", [
    ("Paul Manafort told friends that the candidate knew all about his work.",
     "that the candidate knew all about his work"),
    ("The senator told reporters on Monday that the deal was dead.", "that the deal was dead"),
])
def test_whom_something_was_told_to_is_not_what_was_said(analyse, body, said):
    _, rows = analyse(body)
    assert [s["text"] for s in rows.statements] == [said]


def test_the_addressee_of_a_quoted_clause_is_no_statement_of_its_own(analyse):
    _, rows = analyse('Bernie Sanders told co-host Joe Scarborough that he "honestly [doesn\'t] know the answer" to that.')
    assert rows.statements and not any("Scarborough" in s["text"] for s in rows.statements)


def test_an_object_that_is_itself_what_was_said_stays_in_the_report(analyse):
    _, rows = analyse("Hillary Clinton cited disparaging remarks Trump had made about Machado as examples of his views.")
    assert [s["text"] for s in rows.statements] == [
        "disparaging remarks Trump had made about Machado as examples of his views"]


def test_a_clause_the_parser_hangs_on_the_statement_a_cue_speaks_in_is_reported(analyse):
    _, rows = analyse("The Kremlin said in a statement that Moscow and Minsk would deepen their union.")
    assert [(s["speaker"], s["text"]) for s in rows.statements] == [
        ("Kremlin", "that Moscow and Minsk would deepen their union")]


def test_what_reports_said_is_not_said_by_whoever_answers_them(analyse):
    _, rows = analyse("Paul Nehlen responded to reports that Trump planned to endorse his opponent.")
    assert not any(s["text"].startswith("that Trump planned") for s in rows.statements)


def test_a_body_named_in_capitals_that_the_model_left_untagged_speaks_as_an_organisation(analyse):
    _, rows = analyse("The Russian Foreign Ministry said in a statement on Monday that Moscow would respond.")
    assert [(s["speaker"], s["speaker_kind"], s["speaker_country"]) for s in rows.statements] == [
        ("Russian Foreign Ministry", "organization", "Russia")]


def test_a_body_keeps_its_of_phrase_and_speaks_again_as_the_body(analyse):
    _, rows = analyse("Bank of America said it had lost computer tapes.\n\nThe bank said they had probably not been misused.")
    assert [(s["speaker"], s["speaker_kind"]) for s in rows.statements] == [
        ("Bank of America", "organization"), ("Bank of America", "organization")]


def test_an_organisation_that_opens_a_sentence_is_named_without_its_the(analyse):
    _, rows = analyse("The Clinton Foundation said it would release the documents.\n\n"
                      "A spokesman for the Clinton Foundation said the review was complete.")
    assert [s["speaker"] for s in rows.statements][:1] == ["Clinton Foundation"]


def test_according_to_inside_quoted_words_is_no_cue():
    """'Estrosi told BFM TV that "the driver fired, according to the police who killed him."': the quoted words
    are Estrosi's; the 'according to' in them is his source, not the narration's."""
    from tests.quotes_kit import attribute_text

    rows = attribute_text('Anna Berg told the radio station that "the driver fired on the crowd, according to '
                          'the police who stopped him."')
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Anna Berg")]


def test_the_one_told_is_not_what_was_said():
    """'"…," he told Bloomberg News in October, "…"': the object of 'told' is the listener, and with the time of
    the telling it is no statement."""
    from tests.quotes_kit import attribute_text

    rows = attribute_text('"This is a political thing," Anna Berg told Bloomberg News in October, "keeping interest '
                          'rates at this level."')
    assert [k for k, *_ in rows] == ["quote", "quote"]
    rows = attribute_text('"What makes this new is not just the hacking," Anna Berg told Capital Download on Wednesday.')
    assert [(k, text) for k, text, *_ in rows] == [("quote", "What makes this new is not just the hacking")]


@pytest.mark.parametrize("body, told", [
    ('Anna Berg ran the firm. "He made the accounting decisions," she told the federal court, saying her finance '
     'chief had "a keen command of the numbers".', "the federal court"),
    ('Anna Berg ran the ministry. "We have made progress," she told the committee, adding that the talks went on.',
     "the committee"),
    # a programme named like a noun of saying is still the one told
    ('"The recovery has been interrupted," Anna Berg, an economist, told the BBC\'s World Business Report.',
     "the BBC"),
])
def test_whoever_is_told_is_not_what_was_said_whatever_the_noun(body, told):
    """The object of 'tell' is the one spoken to, a court or a committee as much as a reporter."""
    from tests.quotes_kit import attribute_text

    rows = attribute_text(body)
    assert rows and not any(text.startswith(told) for _, text, *_ in rows), rows


def test_a_story_told_is_what_was_said(analyse):
    _, rows = analyse("She told the story of her escape from the city.")
    assert [s["text"] for s in rows.statements] == ["the story of her escape from the city"]
