"""Each attribution mechanism of alliancecli.quotes on its own, from a text and its parsed docs, and the
seam that adds one (a module with an ``events`` function and a line in MECHANISMS)."""
from __future__ import annotations

import pytest

from alliancecli import quotes
from alliancecli.quotes import Mechanism, Statement


def _only(mechanism_names: set[str]):
    return [m for m in quotes.MECHANISMS if m.name in mechanism_names]


@pytest.fixture
def run(attribute_text):
    """(kind, words, speaker) of each statement the given mechanisms find in the paragraphs."""
    def go(*paragraphs, title=None, mechanisms=None):
        text, sts = attribute_text(*paragraphs, title=title, mechanisms=mechanisms)
        return text, [(st.kind, text[st.start:st.end], st.speaker) for st in sts]
    return go


def test_quotation_marks(run):
    _, sts = run('"The alliance has no future without Kazakhstan," Emmanuel Macron said.',
                  mechanisms=_only({"quotation marks"}))
    assert sts == [("quote", "The alliance has no future without Kazakhstan", "Emmanuel Macron")]


def test_colon_block(run):
    _, sts = run("Emmanuel Macron said:",
                  "Europe must stand with Ukraine for as long as it takes, whatever the cost.",
                  mechanisms=_only({"colon blocks"}))
    assert sts == [("block", "Europe must stand with Ukraine for as long as it takes, whatever the cost.",
                    "Emmanuel Macron")]


def test_colon_block_of_a_role_no_one_named_holds(run):
    # the role is the speaker, unresolved, as it is of a quotation
    _, sts = run("The governor added:",
                 "It is typical of the opposition. They know nothing, but the talking never stops.",
                 mechanisms=_only({"colon blocks"}))
    assert sts == [("block", "It is typical of the opposition. They know nothing, but the talking never stops.",
                    "governor")]


def test_reported_speech(run):
    _, sts = run("Emmanuel Macron said that Europe must stand with Ukraine for as long as it takes.",
                  mechanisms=_only({"reported speech"}))
    assert sts == [("indirect", "that Europe must stand with Ukraine for as long as it takes", "Emmanuel Macron")]


def test_reported_speech_whose_subject_the_parser_lost(run):
    """'at the convention Sen. Elizabeth Warren (D-MA) said …': the parser made the name an apposition of
    'convention' and gave 'said' no subject; the person named right before the cue is its source."""
    _, sts = run("Saturday at the Massachusetts Democratic state’s party convention Sen. Elizabeth Warren (D-MA) "
                 "said presumptive Republican presidential nominee Donald Trump was a “proven failure” in business.",
                 mechanisms=_only({"reported speech"}))
    assert sts == [("indirect", "presumptive Republican presidential nominee Donald Trump was a “proven failure” "
                    "in business", "Elizabeth Warren")]


def test_reported_speech_before_an_inverted_cue_that_ends_the_sentence(run):
    """'…, said Geert Wilders, founder of …': what comes before the cue is reported, however the parser hung
    it (here 'signals' is read as a noun and 'rejection' as the cue's second subject). Its four quoted words
    make it a (mixed) quotation."""
    _, sts = run("The rejection of the treaty signals \"the beginning of the end\" for the EU, said Geert Wilders, "
                 "founder of the right-wing Dutch Party for Freedom.", mechanisms=_only({"reported speech"}))
    assert sts == [("quote", 'The rejection of the treaty signals "the beginning of the end" for the EU',
                    "Geert Wilders")]


def test_a_cue_after_a_quotation_past_a_participle_phrase(run):
    _, sts = run("Not everyone was claiming success.",
                 "“We’ve had more successful conventions than this one,” Texas delegate Bill Eastland, wearing a "
                 "cowboy hat and “Ted Cruz” campaign pins, said matter-of-factly as confetti fluttered down.",
                 mechanisms=_only({"quotation marks"}))
    assert sts == [("quote", "We’ve had more successful conventions than this one", "Bill Eastland")]


@pytest.mark.parametrize("quoted, kept", [("“for their support in my campaign”", True),
                                           ("for their support in my campaign", False)])
def test_a_speech_act_that_quotes_the_speakers_words(run, quoted, kept):
    """'thanked its members “for their support in my campaign”' reports the speaker's own words; without the
    quotation marks it is an act toward a target, not a statement."""
    _, sts = run(f"Bernie Sanders thanked its members {quoted} on Monday.",
                 mechanisms=_only({"reported speech"}))
    assert bool(sts) is kept
    assert not sts or sts[0][2] == "Bernie Sanders"


def test_learned_frames(run):
    # what a noun's 'that'-clause holds is said (and a comma inside the clause's own subject does not end
    # it); an act aimed at someone is not a statement
    _, sts = run("Emmanuel Macron expressed hope that a free, sovereign, independent Ukraine would soon join "
                  "the union.", "Emmanuel Macron thanked the people of Kyiv for their welcome.",
                  mechanisms=_only({"learned attribution frames"}))
    assert sts == [("indirect", "a free, sovereign, independent Ukraine would soon join the union",
                    "Emmanuel Macron")]


def test_headline(run):
    _, sts = run("Emmanuel Macron arrived in Kyiv on Monday for talks.",
                  title="Macron: Europe will stand with Ukraine", mechanisms=_only({"headlines"}))
    assert sts == [("indirect", "Europe will stand with Ukraine", "Emmanuel Macron")]


def test_reported_speech_is_off_with_indirect_false(nlp_pipeline):
    units_text = "Emmanuel Macron said that Europe must stand with Ukraine for as long as it takes."
    text = units_text + "\n"
    units = [quotes.Unit(0, len(units_text), "body")]
    docs = list(nlp_pipeline.pipe([units_text]))
    assert quotes.attribute(text, units, docs, indirect=False) == []


def test_a_new_mechanism_is_one_function_and_one_entry(run):
    """A made-up form: a paragraph opening with '>>' is the words of the last person named before it."""

    def events(view, state):
        def handle(k):
            s, e = view.units[k].start + 2, view.units[k].end
            person = view.person_before(view.units[k].start)
            state.add(Statement("block", s, e, person.name if person else None), view.body_pos(k))
        return [(view.units[k].start, lambda k=k: handle(k)) for k in view.body
                if view.text.startswith(">>", view.units[k].start)]

    mine = Mechanism("chevron blocks", events, stage=0)
    _, sts = run("Emmanuel Macron spoke to the press in Kyiv.", ">> Europe is with you.",
                  mechanisms=[mine])
    assert sts == [("block", "Europe is with you.", "Emmanuel Macron")]


def test_mechanisms_are_listed_in_stage_order():
    stages = [m.stage for m in quotes.MECHANISMS]
    assert stages == sorted(stages)
    assert len({m.name for m in quotes.MECHANISMS}) == len(quotes.MECHANISMS)


def test_a_speech_act_whose_quotation_the_parser_hangs_elsewhere(run):
    """'described the email controversy as “…”': the quotation hangs on 'as', not on the object; 'called the
    decision “…”': on an adverb of the verb. Both are the speaker's quoted words."""
    _, sts = run("A former law enforcement official described the email controversy as “a lesser set of "
                 "circumstances.”", mechanisms=_only({"reported speech"}))
    assert [(k, w) for k, w, _ in sts] == [("quote", "the email controversy as “a lesser set of circumstances.”")]
    _, sts = run("She called the decision “a crucial step forward on gun violence.”",
                 mechanisms=_only({"reported speech"}))
    assert [(k, w) for k, w, _ in sts] == [("quote", "the decision “a crucial step forward on gun violence.”")]


def test_a_participle_speech_act_whose_quotation_closes_after_the_sentence_end(run):
    """'..., calling him "a disgrace …."': the closing mark stands after the period, outside the clause's last
    token; the quotation is still the act's, and the speaker the subject of the verb the participle hangs on."""
    _, sts = run('In December, Senator John Smith called for a vote, calling him "a disgrace not only to the GOP '
                 'but to all America."', mechanisms=_only({"reported speech"}))
    assert ("quote", 'him "a disgrace not only to the GOP but to all America."', "John Smith") in sts


@pytest.mark.parametrize("sentence, content", [
    # a clause coordinated inside the reported clause is reported too
    ("For her part, the President of Moldova Anna Berg noted that Ukraine is part of the European family, and the "
     "leaders of the four countries support granting Ukraine the status of a candidate.",
     "that Ukraine is part of the European family, and the leaders of the four countries support granting Ukraine "
     "the status of a candidate"),
    # a progressive after a comma is no participle clause (', arguing …')
    ("Anna Berg noted that Moldova has chosen the course of EU membership for its own security, and has been moving "
     "in this direction for a long time.",
     "that Moldova has chosen the course of EU membership for its own security, and has been moving in this "
     "direction for a long time"),
])
def test_the_content_runs_on_over_what_the_report_carries(run, sentence, content):
    _, rows = run(sentence)
    assert [(k, w) for k, w, _ in rows] == [("indirect", content)]


@pytest.mark.parametrize("sentence, content", [
    # present or modal after a past cue: what was said goes on
    ("Anna Berg stressed that all these crimes must be investigated, and they must be taken into account when "
     "the new sanctions are drawn up.",
     "that all these crimes must be investigated, and they must be taken into account when the new sanctions are "
     "drawn up"),
    # the narration's own tense, or someone named, is the narration going on
    ("Anna Berg said that the vote was rigged, and the crowd cheered loudly.", "that the vote was rigged"),
    ("Anna Berg said that she will not call on Mr. Sanders to withdraw, but she has bristled at the implication.",
     "that she will not call on Mr. Sanders to withdraw"),
])
def test_a_clause_coordinated_with_the_cue_carries_on_the_report_only_in_the_speakers_tense(run, sentence, content):
    _, rows = run(sentence)
    assert [(k, w) for k, w, _ in rows] == [("indirect", content)]


def test_reminded_that_reports_speech(run):
    _, rows = run("Anna Berg reminded that Moldova had asked the alliance to close the skies over the border.")
    assert [(k, w, s) for k, w, s in rows] == [
        ("indirect", "that Moldova had asked the alliance to close the skies over the border", "Anna Berg")]


@pytest.mark.parametrize("sentence, content", [
    ("As for the so-called reform, which the opposition lists among its demands, according to Anna Berg, it is "
     "aimed at the destruction of the courts.", "it is aimed at the destruction of the courts."),
    ("Only one person was killed by a gun last year in the country, according to the national police agency, and "
     "there were only eight incidents of a gun being fired.",
     "Only one person was killed by a gun last year in the country,"),
])
def test_according_to_reports_the_clause_it_hangs_on(run, sentence, content):
    _, rows = run(sentence)
    assert [(k, w) for k, w, _ in rows] == [("indirect", content)]


@pytest.mark.parametrize("sentence, content, speaker", [
    # the parser takes the clause for an apposition to the source ('reeks' a noun)
    ("According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation.",
     "the move reeks of fear and desperation.", "Rush Limbaugh"),
    # and the source for a verb and its object ('show' a verb)
    ("Donald Trump repeatedly demeaned women with sexist language, according to show insiders.",
     "Donald Trump repeatedly demeaned women with sexist language,", "insiders"),
])
def test_according_to_survives_a_misparsed_source(run, sentence, content, speaker):
    _, rows = run(sentence)
    assert [(k, w, s) for k, w, s in rows] == [("indirect", content, speaker)]


def test_according_to_with_only_an_apposition_reports_nothing(run):
    _, rows = run("According to John Smith, a former aide to the mayor.")
    assert rows == []


@pytest.mark.parametrize("paragraph", [
    'Asked about the polls, Carson said on "Meet the Press." that he was not worried.',
    'Weiner said in May on the podcast "Here\'s the Thing."',
    'Trump, who wrote "The Art of the Deal." decades ago, said so.',
    'Carly Fiorina said so, as Peter Burrows recalled in his book "Backfire: Carly Fiorina\'s High-Stakes Battle '
    'for the Soul of Hewlett-Packard."',
])
def test_a_quoted_title_is_nobody_s_words(run, paragraph):
    # a show, a podcast or a book written as a title, with its subtitle: neither a quotation nor the content of
    # a report
    _, got = run(paragraph)
    assert not [s for s in got if any(w in s[1] for w in ("Press", "Thing", "Art of the Deal", "Backfire"))], got


@pytest.mark.parametrize("paragraph,words", [
    ('"Can we win Illinois?" Manafort asked.', "Can we win Illinois?"),
    ('"It\'s all Facebook, Instagram and Snapchat," said Jacob Shiansky.', "It's all Facebook, Instagram and Snapchat"),
    ('"What a Super Tuesday!" Clinton wrote.', "What a Super Tuesday!"),
])
def test_capitalised_speech_is_still_speech(run, paragraph, words):
    _, got = run(paragraph)
    assert any(s[0] == "quote" and s[1].strip(",") == words for s in got), got


@pytest.mark.parametrize("sentence, content", [
    # the parser hung the clause on the cue as an adverbial clause, with 'after' inside it
    ("Peter Novak said after the debate he would not sign the bill if it passed.",
     "after the debate he would not sign the bill if it passed"),
    # the clause's subject, headed by a quantifier, taken for the object of 'said'
    ("Anna Berg said many of the examples that critics point to as failures in poor areas failed to note that the "
     "program helped transform places that were previously depressed.",
     "many of the examples that critics point to as failures in poor areas failed to note that the program helped "
     "transform places that were previously depressed"),
    # and on the one told as a relative clause, its 'that' a conjunction
    ("In Kyiv last week, Anna Berg told a meeting of regional leaders that few people understood the stakes "
     "better than the residents of the border towns.",
     "that few people understood the stakes better than the residents of the border towns"),
])
def test_a_reported_clause_the_parser_hung_elsewhere(run, sentence, content):
    _, rows = run(sentence)
    assert [(k, w) for k, w, _ in rows] == [("indirect", content)]


@pytest.mark.parametrize("sentence", [
    "Maria Lopez said nothing when she left the meeting.",  # an adverbial clause, not what was said
    "Anna Berg says the increase that the mayor decries is small.",  # a relative clause of what is said
    "Maria Lopez confirmed a few of his revelations, which are detailed in the book.",  # an object, not a clause
])
def test_an_adverbial_or_relative_clause_is_no_misparsed_report(run, sentence):
    _, rows = run(sentence)
    assert all(not w.startswith(("when", "that the mayor", "a few")) for _, w, _ in rows)
