"""quotes.marks: a quote with no cue next to it, when the paragraph before named the speaker."""
from __future__ import annotations

from tests.quotes_kit import attribute_text


def test_quote_opening_a_paragraph_takes_the_source_of_the_paragraph_before():
    rows = attribute_text('"We will win this," Anna Smith said.\n\n'
                          "The mayor, John Jones, disagreed with her on Tuesday.\n\n"
                          '"That is wrong. The city has no money for it."')
    assert [(w, s) for k, w, s, _, _ in rows if k == "quote"] == [
        ("We will win this", "Anna Smith"), ("That is wrong. The city has no money for it.", "John Jones")]


def test_a_quote_in_the_paragraph_before_is_continued_not_its_narration():
    """A quote there has its own speaker: the follow-on continues it, not the subject of a cue around it."""
    rows = attribute_text('John Jones, the mayor, said: "We will win this."\n\n'
                          '"The city has no money for anything else."')
    assert [(w, s) for k, w, s, _, _ in rows if k == "quote"] == [
        ("We will win this.", "John Jones"), ("The city has no money for anything else.", "John Jones")]


def test_a_quote_inside_a_quote_in_the_same_marks_stays_inside():
    """'"I believe it is "paving" the way to NATO," he said': one quotation, not a scare quote and a loss."""
    rows = attribute_text('"I believe that the war is "paving" our way to the alliance," Anna Smith said.')
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("quote", 'I believe that the war is "paving" our way to the alliance', "Anna Smith")]


def test_an_unclosed_quote_still_gives_way_to_the_next_one():
    from alliancecli.quotes import scan_quotes

    text = 'He left. "It was late. Then "we went home" and "we slept" too.'
    assert [text[q.open + 1:q.close] for q in scan_quotes(text, [(0, len(text))]) if q.close] == [
        "we went home", "we slept"]


def test_a_quote_after_a_sentence_without_a_cue_takes_the_person_it_is_about():
    """'X identified … as a reason. "…"': no cue in the sentence before, but its subject names a person, who
    is a better speaker than the last one quoted."""
    rows = attribute_text('"We will win this," Anna Smith said on Sunday.\n\n'
                          "On the radio, Senator John Jones identified the budget as the main reason for the "
                          'delay. "The city has no money for anything else this year."')
    assert [(w, s) for k, w, s, _, _ in rows if k == "quote"] == [
        ("We will win this", "Anna Smith"), ("The city has no money for anything else this year.", "John Jones")]


def test_an_inverted_cue_whose_subject_the_parser_took_for_an_object_keeps_the_whole_noun():
    """'," added the Head of the Office': the speaker is the role, never the determiner 'the'."""
    rows = attribute_text('"This support is important to us," added the Head of the President\'s Office.')
    assert [(k, w, s, kind) for k, w, s, _, kind in rows] == [
        ("quote", "This support is important to us", "Head of the President's Office", "role")]


def test_lets_reports_no_one():
    rows = attribute_text("This is one of the main tasks for today. Let's see if we can go further.")
    assert rows == []


def test_a_quote_in_the_other_style_nests_and_a_paragraph_opened_in_another_style_starts_afresh():
    """A straight-quoted passage holding a curly-quoted title runs on past the title's closing mark; a
    straight quote left open at its paragraph's end is not continued by a paragraph opening with '“'."""
    from alliancecli.quotes import scan_quotes

    text = ('"He thinks this is “Shark Tank.” But it is serious," she said.\n\n'
            '"He walked onto the stage, chanting “U-S-A! U-S-A!”\n\n'
            '“That is right, Donald,” Melanie said.')
    paras, pos = [], 0
    for p in text.split("\n\n"):
        paras.append((pos, pos + len(p)))
        pos += len(p) + 2
    spans = [text[q.open:(q.close if q.close is not None else q.end - 1) + 1] for q in scan_quotes(text, paras)]
    assert spans == ['"He thinks this is “Shark Tank.” But it is serious,"',
                     '"He walked onto the stage, chanting “U-S-A! U-S-A!”',
                     "“That is right, Donald,”"]


def test_a_curly_quote_inside_a_curly_quote_stays_inside_and_a_dash_is_no_part_of_the_name():
    rows = attribute_text("Readers wrote to us.\n\n"
                          "“As a young woman, I’d rather live in what he calls “hell” than in his country.” ― Ana Lopez")
    assert [(k, w, s, written) for k, w, s, written, _ in rows] == [
        ("quote", "As a young woman, I’d rather live in what he calls “hell” than in his country.", "Ana Lopez",
         "Ana Lopez")]


def test_a_person_named_right_before_the_colon_that_opens_a_quotation_speaks_it(attribute_text):
    text, sts = attribute_text("The timing of the surge does not surprise Republican pollster Daron Shaw: "
                               "“Historically, lesser-known candidates beating establishment candidates in early "
                               "contests have seen the biggest boost.”")
    assert [(st.kind, st.speaker) for st in sts] == [("quote", "Daron Shaw")]
    # a name the colon follows as the object of a preposition is no speaker
    text, sts = attribute_text("The meeting was held with Joe Biden: “We agreed on many things today in the capital.”")
    assert not sts


def test_a_quotation_signed_with_a_dash_in_the_next_paragraph(attribute_text):
    text, sts = attribute_text(
        "Following are some claims culled from a longer list.",
        "\"Almost all new income and wealth is going to the top 1 percent of the country.\"",
        "- Bernie Sanders.",
        "The senator is relying on an outdated statistic.")
    assert [(st.kind, st.speaker) for st in sts] == [("quote", "Bernie Sanders")]
    # a paragraph that goes on after the name is no signature
    text, sts = attribute_text(
        "\"Almost all new income and wealth is going to the top 1 percent of the country.\"",
        "- Bernie Sanders and his team then left the hall for the airport.")
    assert not sts


def test_two_apostrophes_are_a_quotation_mark(attribute_text):
    """''…'' for “…” (the New York Times' archive, TeX-like wire copy); an apostrophe is still none."""
    text, sts = attribute_text(
        "In Las Vegas, Mr. Trump said, ''I'd like to punch him in the face.'' Then he left the stage.",
        "''The animosity is like I've never seen before,'' he told a reporter on Tuesday.",
        "It's the players' day, isn't it? Nobody's quoting anyone here at all.")
    assert [(st.kind, text[st.start:st.end], st.speaker) for st in sts] == [
        ("quote", "I'd like to punch him in the face.", "Trump"),
        ("quote", "The animosity is like I've never seen before", "Trump")]


def test_scan_pairs_two_apostrophes_around_the_words_only():
    from alliancecli.quotes import scan_quotes

    text = "He said, ''We will win.'' Then he left."
    [q] = scan_quotes(text, [(0, len(text))])
    assert text[q.open + 1:q.close] == "We will win."


def test_as_someone_put_it_is_a_cue_and_put_it_into_play_is_none():
    rows = attribute_text('As Senator John Cornyn put it: "This person will not be confirmed. There is no reason '
                          'to go through the motions."')
    assert [(k, s, c) for k, _, s, _, c in rows] == [("quote", "John Cornyn", "person")]
    # 'put it' with a goal or a manner reports no words
    from alliancecli.quotes.view import DocView
    from tests.quotes_kit import nlp
    doc = nlp()("He promised to put it into play. I will put it this way. As she put it on Wednesday, we won.")
    view = DocView(doc.text, [], [doc], [])
    assert [view.is_cue(t) for t in doc if t.lower_ == "put"] == [False, False, True]


def test_saying_after_a_preposition_or_describing_a_noun_has_a_speaker():
    rows = attribute_text('Anna Berg answered a question about trust. She followed that by saying, "I am not a '
                          'natural politician, in case you have not noticed."')
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Anna Berg")]
    rows = attribute_text('Lori Bernstein held up a sign saying "Teachers Against the Plan - Because We Have Seen '
                          'This Before."')
    assert [(k, x) for k, _, _, x, _ in rows] == [("quote", "sign")]


def test_a_colon_ending_a_clause_whose_subject_is_a_person_introduces_their_words():
    rows = attribute_text("Boos rained down. Donald Trump gestured as if to stop the ruckus, then leaned in and "
                          "boomed: “Let’s defeat her in November, all of us together.”")
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("quote", "Let’s defeat her in November, all of us together.", "Donald Trump")]
    # so does a dash before a whole sentence
    rows = attribute_text("Donald Trump also embraced enhanced interrogation techniques -- “I think waterboarding is "
                          "peanuts compared to what they would do to us.”")
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Donald Trump")]
    # a subject that is no person introduces no one's words
    assert attribute_text("The demands of the Kremlin were clear: “Ukraine must never join NATO, and the troops "
                          "must stay.”") == []


def test_a_perception_after_a_preposition_reports_no_words():
    assert attribute_text("Brian Harvey broke down in tears after learning that his grandmother had died.") == []
    assert [(k, s) for k, _, s, _, _ in attribute_text(
        "Jack Straw answered the question by saying that the party had been out of power for a decade.")] == [
        ("indirect", "Jack Straw")]


def test_a_verb_of_the_manner_of_speaking_cues_a_quotation_but_reports_nothing_itself():
    rows = attribute_text('"Go back to the studio and ask them yourself," Donald Trump barked at the reporter.')
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("quote", "Go back to the studio and ask them yourself", "Donald Trump")]
    rows = attribute_text('The marchers crossed the bridge. "Hey, hey! Ho, ho! The mayor has got to go!" some '
                          'protesters chanted as they walked.')
    assert [(k, x) for k, _, _, x, _ in rows] == [("quote", "protesters")]
    # they cue quotations only: 'roared back' is a comeback, with no words reported
    assert attribute_text("After Anna Berg lost the first vote by ten points in 2000, the governor roared back "
                          "in the southern states.") == []


def test_a_participle_after_a_partial_quote_is_no_inverted_cue():
    """'X insisted that he has "…," claiming …': the quote is part of what X insisted, not said by 'he'."""
    rows = attribute_text('Anna Berg insisted that she has "expanded the party beyond its old borders," claiming '
                          'that she is responsible for the higher turnout.')
    assert [(s, x) for k, _, s, x, _ in rows if k == "quote"] == [("Anna Berg", "Anna Berg")]


def test_a_sentence_that_opens_with_a_subject_and_its_cue_tags_the_quote_before_it():
    rows = attribute_text('"You think I am going to change my mind?" Anna Berg asked reporters rhetorically during '
                          'a news conference late last month. "I am not changing."')
    assert [(w, s) for k, w, s, _, _ in rows] == [
        ("You think I am going to change my mind?", "Anna Berg"), ("I am not changing.", "Anna Berg")]
    rows = attribute_text('"Perpetual motion, all day and all night!" Rep. Anna Berg, R-Pa., said of the swirl of '
                          'convention activities on the floor of the arena.')
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Anna Berg")]
    # a time after the cue is no report of its own ('… tweeted Sunday after a lone-wolf attack')
    rows = attribute_text('"Who is going to pay for the wall? Not us!" some protesters chanted, three days after '
                          'the release of the video, on Black Friday.')
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "protesters")]
    # the parser may hang the cue on the subject as a participle ('tweeted' an acl of 'nominee')
    rows = attribute_text('"Will the mayor finally say the words? If not he should resign!" the Democratic '
                          'presidential nominee, John Berg, tweeted on Sunday after a deadly attack on a Denver nightclub.')
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "John Berg")]
    # a sentence that reports something of its own is no tag of the quote before it
    assert attribute_text('"Will the count ever end before the winter comes?" Anna Berg asked for a recount in '
                          'three of the districts on Monday.') == []
    for narration in ("The two task forces will report back to the council at its April meeting.",
                      "The coach also praised winger Stewart Downing and the strikers.",
                      "Some 8% of the population described themselves as coming from a minority.",
                      "Some delegates even spoke of the next election being like the one in 1970.",
                      "Mr Valentine, who was born in the United States but grew up in Argentina, agreed."):
        rows = attribute_text('"Once we got the third goal it should have been four or five, but we nearly paid '
                              'for it in the end." ' + narration)
        assert [k for k, *_ in rows if k == "quote"] == [], narration


def test_a_colon_hung_on_the_quotations_verb_still_ends_the_clause_whose_subject_speaks():
    rows = attribute_text('Hillary Clinton has since apologized for what happened: "Yes, I should have used two '
                          'email addresses, one for personal matters and one for my work."')
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Hillary Clinton")]


def test_words_tagged_with_their_cue_right_after_them_are_a_quote_verb_or_not():
    rows = attribute_text('The campaign denied the report. "Nice try, but not true at all," Anna Berg said.')
    assert [(k, w, s) for k, w, s, _, _ in rows if k == "quote"] == [
        ("quote", "Nice try, but not true at all", "Anna Berg")]
    # a title so tagged is still no statement
    rows = attribute_text('The next film is "Guardians of the Galaxy and Friends," Anna Berg said, and it opens in May.')
    assert "Guardians of the Galaxy and Friends" not in [w.strip(',"') for _, w, *_ in rows]


def test_the_verb_a_quotation_is_the_clause_of_names_its_speaker_not_an_earlier_cue():
    """'After X criticized …, Smith shot back, "…"': 'shot back' is no cue word, but the quotation is its
    clause; the cue of the subordinate clause is another speaker's."""
    rows = attribute_text('After the governor criticized her husband during a debate, Anna Smith shot back, '
                          '"I suppose I could have stayed home, but I chose to work."')
    assert [(k, w, s) for k, w, s, _, _ in rows if k == "quote"] == [
        ("quote", "I suppose I could have stayed home, but I chose to work.", "Anna Smith")]
    rows = attribute_text('When the mayor suggested that the city would sue the state, Anna Smith fired back '
                          'forcefully: "If they sue us in a court here, they are going to lose."')
    assert [(k, w, s) for k, w, s, _, _ in rows if k == "quote"] == [
        ("quote", "If they sue us in a court here, they are going to lose.", "Anna Smith")]


def test_a_quoted_phrase_that_is_an_object_gets_no_speaker_from_its_verb():
    rows = attribute_text('The company signed a "historic agreement that changes everything for the workers."')
    assert [r for r in rows if r[0] == "quote"] == []


def test_a_cue_the_parser_left_without_a_subject_takes_the_name_it_stands_by():
    """'"…," said X, an economist, "…"' (X parsed as the subject of the quotation's verb) and 'X, who …,
    interjected to say: "…"' (the cue parsed as a modifier of X, the root of the sentence)."""
    rows = attribute_text('"The risk," said John Jones, an economist who is the director of the forecast, "is that '
                          'we are going to be attracting workers and repelling jobs."')
    assert [(k, s) for k, w, s, _, _ in rows] == [("quote", "John Jones")]
    rows = attribute_text('John Jones, who signed sweeping gun laws as governor, interjected to say: "They have both '
                          'been inconsistent when it comes to this issue."')
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("quote", "They have both been inconsistent when it comes to this issue.", "John Jones")]


def test_a_cue_before_a_quotation_in_doubled_apostrophes_reports_it_not_the_scene_before_it():
    """'In February, as …, Mr. Jones said, ''I'd like …''': the quotation is what was said; the opening phrase
    is no reported speech, and the quotation keeps its own span."""
    rows = attribute_text("In February, as a protester was being removed from an event in the city, Mr. John Jones "
                          "said, ''I'd like to punch him in the face.''")
    assert [(k, w, s) for k, w, s, _, _ in rows] == [("quote", "I'd like to punch him in the face.", "John Jones")]


def test_a_clause_joined_by_and_or_but_after_a_quotation_is_no_tag():
    """'…," but in fact Smith used …' carries on the narration; the cue before the quotation names the speaker,
    as written there, not the subject of the next clause."""
    text = ('Additionally, Anna Smith said: "I have acknowledged repeatedly that using two accounts was a mistake," '
            'but in fact Smith used only one account.')
    rows = attribute_text(text)
    assert [(k, w, s, written) for k, w, s, written, _ in rows] == [
        ("quote", "I have acknowledged repeatedly that using two accounts was a mistake", "Anna Smith", "Anna Smith")]


def test_a_quote_after_a_sentence_about_a_person_by_surname_takes_that_mention():
    """'Roloson supports …. "…"': the surname the model did not tag still names the person, written there."""
    rows = attribute_text('"Immigration is important, but in my view it is education," says Melissa Roloson, 32, of '
                          'Sodus in Upstate New York, who works in retail. Roloson supports Democrat Anna Smith in the '
                          'race. "I am a college graduate, but I have student loans, and I do not have a great job."')
    assert [(s, written) for k, w, s, written, _ in rows if k == "quote"] == [
        ("Melissa Roloson", "Melissa Roloson"), ("Melissa Roloson", "Roloson")]


def test_a_name_in_apposition_before_a_cue_the_parser_left_without_a_subject_is_its_speaker():
    """'In a statement to the paper, her adviser, John Jones, said: "…"': the parser hangs the name on the paper
    as an apposition and leaves 'said' without a subject."""
    rows = attribute_text('In a statement to the Observer, her senior policy adviser, John Jones, said: "Anna Smith '
                          'believes that cooperation is essential. She has always valued a strong union."')
    assert [(k, s) for k, w, s, _, _ in rows] == [("quote", "John Jones")]


def test_a_quotation_a_naming_verb_takes_as_complement_is_its_subjects_words():
    """'which he called "…"': a phrase, not a sentence, but the subject's words; a passive naming ('will be dubbed
    the "…"') names no one who speaks."""
    rows = attribute_text('John Jones said he has supported legislation that would target the power of regional '
                          'bodies, which he called "a cartel for higher education." He would advocate for change.')
    assert [(w, s, written) for k, w, s, written, _ in rows if k == "quote"] == [
        ("a cartel for higher education.", "John Jones", "he")]
    rows = attribute_text('The new project will informally be dubbed the "Defeat the Mayor Once And For All PAC" '
                          'by its founders.')
    assert [r for r in rows if r[0] == "quote"] == []


def test_a_no_break_space_between_a_quotation_and_its_cue_is_no_word():
    """spaCy makes a token of a no-break space; it must not stand between the quotation and its tag."""
    rows = attribute_text("“The committee has faced serial delays from Day One,”\u00a0added Anna Smith.")
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("quote", "The committee has faced serial delays from Day One", "Anna Smith")]


def test_a_cue_joined_to_a_reported_clause_whose_subject_cannot_speak_has_the_first_cues_subject():
    """'X told ABC the tone was cordial and predicted viewers "…"': the parser joins 'predicted' to 'was', whose
    subject 'tone' predicts nothing; X does."""
    rows = attribute_text('Anna Smith told ABC on Monday the tone of the interview was cordial, with tense '
                          'moments, and predicted viewers "will be feeling a little uncomfortable."')
    assert [(k, w, s) for k, w, s, _, _ in rows if k == "quote"] == [
        ("quote", "will be feeling a little uncomfortable.", "Anna Smith")]


def test_a_name_the_model_takes_for_an_organisation_still_speaks_through_a_lost_subject():
    """'O'Malley, who signed …, interjected to say: "…"': the parser hangs the cue on the name as a modifier, and
    the model tags the name ORG; the name is still the speaker."""
    rows = attribute_text("O'Malley, who signed sweeping gun laws as governor, interjected to say: \"They've both "
                          "been inconsistent when it comes to this issue. I'm the one candidate here that acted.\"")
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "O'Malley")]


def test_a_cue_the_parser_hung_on_the_noun_before_it_has_that_noun_as_its_subject():
    """'…, a man yelled "Stay there!"': 'yelled' is parsed as a modifier of 'man'; the man yells, not the person
    a cue earlier in the sentence names."""
    rows = attribute_text('Some in the crowd booed, and when Rubio thanked Miami and said it was great to be home, '
                          'a man yelled “Stay there!”')
    assert [(k, w, s) for k, w, s, _, _ in rows if k == "quote"] == [("quote", "Stay there!", "man")]


def test_a_relative_clause_after_a_quotation_is_no_tag():
    """A clause that describes a noun after the quotation names no speaker; a cue after it still tags."""
    rows = attribute_text("Anna Berg accuses the mayor of \"hiding behind his staff\" and Tom Jones says he's "
                          "\"losing the fight against crime,\" part of a verbal lashing they've given the mayor.")
    assert [(s, w) for k, text, s, w, _ in rows if k == "quote" and text.startswith("losing")] == [
        ("Tom Jones", "Tom Jones")]
    rows = attribute_text("\"The mayor needs a strategy for the voters of the north,\" Tom Jones, the pollster "
                          "who founded the site, tweeted on Wednesday.")
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Tom Jones")]
    # a name right after the quotation is its tag's subject, however the parser hung the tag
    rows = attribute_text("The leaders also discussed further joint steps. \"Our meeting today confirmed that Lithuania "
                          "and Poland stand with Ukraine. We appreciate it, friends,\" Olena Kovalenko summed up.")
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Olena Kovalenko")]


def test_a_quotation_a_verb_names_through_as_is_its_subjects():
    """'referred to X as "…"', 'described X as "…"': the subject's words, as after 'called X "…"'."""
    rows = attribute_text("Anna Berg referred to Tom Jones as \u201ca bright, charismatic leader\u201d but described "
                          "the mayor as \u201ca man who will say anything.\u201d")
    quotes = [(text, s) for k, text, s, _, _ in rows if k == "quote"]
    assert ("a bright, charismatic leader", "Anna Berg") in quotes
    assert any("a man who will say anything" in text and s == "Anna Berg" for text, s in quotes)
    # 'as' after another verb names nothing
    rows = attribute_text("Anna Berg worked as \u201ca bright, charismatic leader of the party\u201d for years.")
    assert not [k for k, *_ in rows if k == "quote"]


def test_a_that_or_which_standing_for_a_thing_is_no_speaker():
    """'the chant "…" that ricocheted through the arena': 'that' is the chant, which says nothing; a document
    the relative pronoun stands for still speaks for its issuer ('a video that said, "…"')."""
    rows = attribute_text("At one point the crowd loudly reprised the caustic chant \u201cLock her up! Lock her up!\u201d "
                          "that ricocheted through the arena throughout the week.")
    assert all(w != "that" for _, _, _, w, _ in rows)
    rows = attribute_text('In selling the courses, Anna Berg released a marketing video that said, "We are going to '
                          'have professors who are absolutely terrific."')
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Anna Berg")]


def test_a_cue_in_an_adverbial_clause_with_its_own_subject_reports_its_quotation():
    """'even as Trump claimed that "…", a prosecutor said …': the quotation is what the adverbial clause reports,
    not the main clause; a participle without a subject ('while chanting "…"') still speaks for the clause it
    hangs on."""
    rows = attribute_text("But even as Anna Berg claimed on Tuesday that \u201cthe general got in trouble for far less,\u201d "
                          "one of the former prosecutors said the cases were different.")
    assert [(s, w) for k, _, s, w, _ in rows if k == "quote"] == [("Anna Berg", "Anna Berg")]
    rows = attribute_text("Small groups of protesters marched around the stadium while chanting, "
                          "\u201cHands up, don't shoot.\u201d")
    assert [w for k, _, _, w, _ in rows if k == "quote"] == ["Small groups"]


def test_a_name_after_a_quotation_reaches_its_cue_past_a_long_apposition():
    rows = attribute_text("\u201cVery good reporter, very good reporter this guy,\u201d Anna Berg, the party's frontrunner "
                          "nationally and current polling leader in the south by a wide margin after winning the "
                          "northern primaries, said on Monday.")
    assert [(k, s) for k, _, s, _, _ in rows if k == "quote"] == [("quote", "Anna Berg")]


def test_a_short_tagged_fragment_with_capitals_of_its_own_is_still_said():
    """'"Absolutely not. Absolutely not," Clinton responded': the capitals are a sentence's first words and names,
    not a title's; a title set off the same way stays nobody's words."""
    rows = attribute_text("\"Absolutely not. Absolutely not,\" Anna Berg responded.")
    assert [(k, text, s) for k, text, s, _, _ in rows] == [("quote", "Absolutely not. Absolutely not", "Anna Berg")]
    rows = attribute_text("Anna Berg spoke in Charleston. \u201cWith an eye to February 20th, Carolina,\u201d she said.")
    assert [(k, s) for k, _, s, _, _ in rows] == [("quote", "Anna Berg")]
    rows = attribute_text("\"Guardians of the Galaxy,\" Anna Berg said.")
    assert not [k for k, *_ in rows if k == "quote"]
