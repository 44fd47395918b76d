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


def test_the_president_of_a_body_is_no_head_of_state(attribute_text):
    text, sts = attribute_text(
        "President of Ukraine Volodymyr Zelenskyy met with President of the European Parliament Roberta Metsola who "
        "arrived in Kyiv.",
        "The Head of State noted that the result of his previous phone conversations with Roberta Metsola was her "
        "appeal to MEPs to support Ukraine.",
        title="President of Ukraine met with President of the European Parliament Roberta Metsola in Kyiv")
    assert _said(text, sts, "the result of his").speaker == "Volodymyr Zelenskyy"


def test_a_bare_role_is_not_decided_by_a_bare_title(attribute_text):
    text, sts = attribute_text(
        "President of Ukraine Volodymyr Zelenskyy met President of the Republic of Poland Andrzej Duda and President "
        "Gitanas Nausėda in Kyiv.",
        '"It must become irreversible and completely stop this project," the President stressed.',
        title="Ukraine, Poland and Lithuania share the view on European security - Volodymyr Zelenskyy")
    assert _said(text, sts, "It must become").speaker == "Volodymyr Zelenskyy"


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


@pytest.mark.parametrize("holder", ["Former chancellor Ken Clarke", "Shadow chancellor Oliver Letwin",
                                    "Ex-Conservative chancellor Ken Clarke"])
def test_a_former_or_shadow_holder_does_not_hold_the_role(attribute_text, holder):
    text, sts = attribute_text(
        f"Gordon Brown addressed the conference. {holder} was there too.",
        "The chancellor said the plans would cost thousands of jobs.")
    st = _said(text, sts, "the plans would cost")
    assert (st.speaker_kind, st.speaker_role) == ("role", "chancellor")


def test_the_former_holder_holds_the_former_role(attribute_text):
    text, sts = attribute_text(
        "Former chancellor Ken Clarke spoke first.",
        "The former chancellor said that the planned changes were wrong.")
    assert _said(text, sts, "planned changes").speaker == "Ken Clarke"


@pytest.mark.parametrize("speaker", ["U.S. officials", "A senior official", "Two officials"])
def test_plural_or_indefinite_role_is_no_one_holder(attribute_text, speaker):
    text, sts = attribute_text(
        "White House spokesman Josh Earnest spoke on Monday.",
        f"{speaker} said the deal was off.")
    st = _said(text, sts, "the deal was off")
    assert st.speaker != "Josh Earnest" and st.speaker_kind == "unnamed" and st.speaker_role is None


def test_a_hyphenated_surname_the_model_tags_as_a_body_is_the_person(attribute_text):
    text, sts = attribute_text(
        "Veritas leader Robert Kilroy-Silk has unveiled his plans.",
        "Mr Kilroy-Silk said that worked out at 143,000 pounds per asylum seeker.")
    st = _said(text, sts, "worked out")
    assert (st.speaker, st.speaker_kind) == ("Robert Kilroy-Silk", "person")


def test_a_surname_the_model_tags_as_a_body_is_the_person_the_document_names(attribute_text):
    text, sts = attribute_text(
        "Wales flanker Mark Davies is fit. Charvis will be reviewed next Monday, but Davies admitted that there "
        "was only an outside chance.")
    st = _said(text, sts, "outside chance")
    assert (st.speaker, st.speaker_kind) == ("Mark Davies", "person")


def test_a_coach_is_a_role_the_document_ties(attribute_text):
    text, sts = attribute_text(
        "Ireland coach Eddie O'Sullivan named his squad on Monday.",
        '"We gave Gordon a chance but it did not work out," said the Ireland coach.')
    assert _said(text, sts, "did not work out").speaker == "Eddie O'Sullivan"


def test_the_n_year_old_is_the_person_the_passage_is_about(attribute_text):
    text, sts = attribute_text(
        'Lleyton Hewitt reached the final on Sunday. "For me, this was a big success," said the 23-year-old.')
    st = _said(text, sts, "big success")
    assert (st.speaker, st.speaker_kind) == ("Lleyton Hewitt", "person")
    assert text[st.speaker_start:st.speaker_end] == "the 23-year-old"


def test_a_first_name_the_model_tags_as_a_body_is_the_one_person_so_named(nlp_pipeline):
    from spacy.tokens import Span

    from alliancecli.quotes import Unit, attribute

    first, second = "Serena Williams lost to Alicia Molik.", "Serena also said people tended to forget the injuries."
    text = f"{first}\n\n{second}\n"
    units = [Unit(0, len(first), "body"), Unit(len(first) + 2, len(first) + 2 + len(second), "body")]
    docs = list(nlp_pipeline.pipe([first, second]))
    docs[1].ents = [Span(docs[1], 0, 1, label="ORG")]  # as the model tags it in a longer article
    st = next(st for st in attribute(text, units, docs) if "forget" in text[st.start:st.end])
    assert (st.speaker, st.speaker_kind) == ("Serena Williams", "person")


@pytest.mark.parametrize("body", ["Muslim Council of Britain", "Confederation of British Industry"])
def test_a_body_named_for_its_country_keeps_the_country_in_its_name(attribute_text, body):
    text, sts = attribute_text(f"The {body} said the advert was offensive.")
    st = _said(text, sts, "offensive")
    assert (st.speaker, st.speaker_kind, st.speaker_country) == (body, "organization", "United Kingdom")


def test_a_date_is_no_organisation(attribute_text):
    text, sts = attribute_text('Ivo Minar reached the final. "For me, this was a big success," said the 20-year-old.')
    assert _said(text, sts, "big success").speaker_kind != "organization"


def test_a_name_with_a_post_nominal_is_a_person(attribute_text):
    text, sts = attribute_text(
        "The new chairman of the Bar Council, Guy Mansfield QC warned there was a real risk that people would be hurt.")
    st = _said(text, sts, "a real risk")
    assert (st.speaker, st.speaker_kind) == ("Guy Mansfield", "person")


def test_he_is_the_subject_of_the_sentence_before_not_the_nearest_name(attribute_text):
    text, sts = attribute_text(
        "Volodymyr Zelenskyy thanked Joe Biden for the new package of military aid. "
        "He stressed that the sanctions against Russia must be strengthened further.")
    assert _said(text, sts, "the sanctions against Russia").speaker == "Volodymyr Zelenskyy"


def test_he_in_a_clause_is_the_person_the_sentence_is_about_not_the_nearest_name(attribute_text):
    text, sts = attribute_text(
        "In an interview on Wednesday, Marek Lenz, the hacker known as \u201cGhost,\u201d stated that he had access "
        "to former minister Anna Berg\u2019s email server, which he described as \u201clike an open flower on the "
        "table.\u201d")
    assert _said(text, sts, "like an open flower").speaker == "Marek Lenz"


def test_a_clause_subject_that_may_be_someone_unnamed_stops_the_search(attribute_text):
    """'Lopez said the candidate was headed to the venue, where she told …': 'she' may be the candidate, so the
    person the sentence is about is not taken for her; the subject of the sentence before is."""
    text, sts = attribute_text(
        "Anna Berg spoke in the morning. Spokeswoman Maria Lopez said the candidate was headed to the venue, where "
        "she told reporters that the party would win the whole state in November.")
    assert _said(text, sts, "the party would win").speaker == "Anna Berg"


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


def test_a_tied_role_speaks_for_the_country_of_the_person_it_is_tied_to(tmp_path):
    # the open role was introduced by 'the presidents of Poland and Lithuania': that is no one country's
    # president, and once the role is tied, the speaker acts for the country the person acts for
    resolved = RESOLVED.replace("the Head of State said", "the President said")
    open_ = ('Meeting in Lublin\n\nThe talks followed a meeting with the presidents of Poland and Lithuania.\n\n'
             '"Every new package of sanctions brings our victory closer," the President said on Monday.\n')
    db = _ingest(tmp_path, {"a.txt": resolved, "b.txt": resolved.replace("months", "weeks"), "c.txt": open_})
    rows = db.execute("select speaker, speaker_kind, speaker_country from statements "
                      "where text like 'Every new package%'").fetchall()
    assert rows == [("Volodymyr Zelenskyy", "person", "Ukraine")]


def test_a_role_with_a_country_ties_through_the_role_when_the_person_acts_for_that_country(tmp_path):
    # no document ties 'the Ukrainian Head of State' as such; the source ties 'the Head of State' to a person
    # who acts for Ukraine, which the role names
    ukrainian = OPEN.replace("the Head of State", "the Ukrainian Head of State")
    db = _ingest(tmp_path, {"a.txt": RESOLVED, "b.txt": RESOLVED.replace("months", "weeks"), "c.txt": ukrainian})
    rows = db.execute("select speaker, speaker_kind, speaker_country from statements "
                      "where text like 'Every new package%'").fetchall()
    assert rows == [("Volodymyr Zelenskyy", "person", "Ukraine")]


def test_a_role_with_another_country_does_not_tie_through_the_role(tmp_path):
    polish = OPEN.replace("the Head of State", "the Polish Head of State")
    db = _ingest(tmp_path, {"a.txt": RESOLVED, "b.txt": RESOLVED.replace("months", "weeks"), "c.txt": polish})
    rows = db.execute("select speaker_kind from statements where text like 'Every new package%'").fetchall()
    assert rows == [("role",)]


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


def test_the_company_is_the_firm_the_lead_introduces_with_a_company_noun(attribute_text):
    text, sts = attribute_text(
        "UK sportswear firm Umbro has posted a 222% rise in annual profit.",
        "The company said it had signed a new four-year agreement with Scottish club Rangers.",
        "The rise came as Dutch brewer Heineken cut its prices.",
        "The firm said the kits sold well.",
        title="Umbro profits lifted by Euro 2004")
    assert [_said(text, sts, w).speaker for w in ("it had signed", "the kits sold")] == ["Umbro", "Umbro"]


def test_the_company_is_no_firm_the_article_names_in_passing(attribute_text):
    text, sts = attribute_text(
        "Strong sales helped Renault boost its profits by more than 40% in 2004.",
        "Nissan, the Japanese carmaker, also raised its forecast.",
        "The firm said it expected lower margins in 2005.",
        title="Renault boss hails 'great year'")
    st = _said(text, sts, "it expected lower margins")
    assert (st.speaker, st.speaker_kind) == ("firm", "unnamed")


def test_two_firms_are_not_one_company(attribute_text):
    text, sts = attribute_text(
        "Elan, the Irish drug firm, fell sharply on the stock market.",
        "The two firms said the drug had been withdrawn.",
        title="Elan shares fall")
    assert _said(text, sts, "the drug had been withdrawn").speaker != "Elan"


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


def test_the_parties_are_the_people_of_the_meeting_reported_before(attribute_text):
    # the meeting is three sentences back; the sentences since name one person at most
    text, sts = attribute_text(
        "President of Ukraine Volodymyr Zelenskyy met with Prime Minister of Albania Edi Rama in Kyiv. "
        "Volodymyr Zelenskyy thanked Albania for its support. "
        "The visit comes at a difficult time for the region. "
        "The parties agreed that the accession talks must start this year.")
    st = _said(text, sts, "the accession talks must start")
    assert (st.speaker, st.speaker_kind) == ("Volodymyr Zelenskyy and Edi Rama", "group")


def test_a_meeting_of_a_coordinated_subject_names_its_participants(attribute_text):
    text, sts = attribute_text(
        "Prime Minister of the Netherlands Mark Rutte and President of Ukraine Volodymyr Zelenskyy met in Kyiv today.",
        "The visit comes at a difficult time for the region. The talks lasted three hours.",
        "The two leaders stressed that energy must never be used as a weapon.")
    st = _said(text, sts, "energy must never be used")
    assert st.speaker_kind == "group" and set(st.speaker.split(" and ")) == {"Mark Rutte", "Volodymyr Zelenskyy"}


def test_the_leaders_of_a_joint_statement_are_its_authors(attribute_text):
    text, sts = attribute_text(
        "The leaders stressed that the sovereignty of Ukraine is not negotiable.",
        title="Joint Statement by President of Ukraine Volodymyr Zelenskyy and President of the Republic of Estonia "
              "Alar Karis")
    st = _said(text, sts, "the sovereignty of Ukraine")
    assert (st.speaker, st.speaker_kind) == ("Volodymyr Zelenskyy and Alar Karis", "group")


def test_a_joint_statement_by_roles_stays_a_group_of_roles(attribute_text):
    text, sts = attribute_text(
        "The parties stressed that the sovereignty of Ukraine is not negotiable.",
        title="Joint statement by the President of Ukraine, the President of the Republic of Lithuania and the "
              "President of the Republic of Poland")
    st = _said(text, sts, "the sovereignty of Ukraine")
    assert st.speaker_kind == "group"
    assert st.speaker.split(" and ") == ["President of Ukraine", "President of the Republic of Lithuania",
                                         "President of the Republic of Poland"]


@pytest.mark.parametrize("title", [
    "We will win - President Volodymyr Zelenskyy",
    "President Volodymyr Zelenskyy's address to the students of British universities",
    "Speech by President of Ukraine Volodymyr Zelenskyy in the Verkhovna Rada",
])
def test_i_is_the_person_the_headline_names_as_its_speaker(attribute_text, title):
    text, sts = attribute_text(
        "Good evening! I emphasize: the sanctions against Russia must be stronger every week.", title=title)
    st = _said(text, sts, "the sanctions against Russia")
    assert (st.speaker, st.speaker_kind) == ("Volodymyr Zelenskyy", "person")


def test_a_headline_that_only_reports_names_no_author(attribute_text):
    text, sts = attribute_text(
        "Good evening! I emphasize: the sanctions against Russia must be stronger every week.",
        title="Russia attacked by drones overnight")
    st = _said(text, sts, "the sanctions against Russia")
    assert st.speaker_kind == "pronoun"


def test_a_name_written_in_a_title_is_no_person():
    from alliancecli.entities import Mention
    from alliancecli.quotes.speakers import title_parts

    text = "Minister for Reintegration of the Temporarily Occupied Territories of Ukraine Iryna Vereshchuk said so."
    junk = Mention("person", "Occupied Territories", "Occupied Territories", text.index("Occupied"),
                   text.index(" of Ukraine"), 0, 0)
    person = Mention("person", "Iryna Vereshchuk", "Iryna Vereshchuk", text.index("Iryna"), text.index(" said"), 0, 0)
    assert title_parts([junk, person], text) == [person]
    duo = "Olaf Scholz and Emmanuel Macron said so."
    a = Mention("person", "Olaf Scholz", "Olaf Scholz", 0, 11, 0, 0)
    b = Mention("person", "Emmanuel Macron", "Emmanuel Macron", 16, 31, 0, 0)
    assert title_parts([a, b], duo) == [a, b]


def test_a_title_joined_by_and_ties_its_role(attribute_text):
    text, sts = attribute_text(
        "According to Secretary of the National Security and Defense Council Oleksiy Danilov, the council met today. "
        "The Secretary of the National Security and Defense Council noted that the state would fulfil all its "
        "obligations.")
    st = _said(text, sts, "the state would fulfil")
    assert (st.speaker, st.speaker_kind) == ("Oleksiy Danilov", "person")


def test_the_prime_minister_is_not_the_deputy_prime_minister(attribute_text):
    text, sts = attribute_text(
        "According to Prime Minister Denys Shmyhal, the government has answered the questionnaire. "
        "Deputy Prime Minister Olga Stefanishyna thanked the team for its work.",
        '"We are already integrated into the European electricity grid," the Prime Minister said.')
    st = _said(text, sts, "We are already integrated")
    assert (st.speaker, st.speaker_kind) == ("Denys Shmyhal", "person")


@pytest.mark.parametrize("sentence", [
    "Everyone knows that Ukraine will never give up its land.",
    "The whole world saw that Ukraine will never give up its land.",
    "Who doubts that Ukraine will never give up its land?",
])
def test_a_generic_belief_is_no_statement(attribute_text, sentence):
    text, sts = attribute_text("President Volodymyr Zelenskyy addressed the nation. " + sentence)
    assert not [st for st in sts if "give up its land" in text[st.start:st.end]]


def test_a_generic_subject_that_speaks_is_kept(attribute_text):
    text, sts = attribute_text("Everyone said that Ukraine will never give up its land.")
    assert _said(text, sts, "give up its land")


@pytest.mark.parametrize("sentence, whole", [
    ("Volodymyr Zelenskyy stressed that the United States and the European Union support our country and note "
     "that Ukraine does not give in to provocations.", True),
    ("The Prime Minister stressed that the United Kingdom has provided and continues to provide assistance to "
     "Ukraine.", True),
    ("Volodymyr Zelenskyy said that the talks were useful and warned against any concessions to Russia.", False),
])
def test_a_conjoined_cue_ends_the_content_only_in_the_narrations_form(attribute_text, sentence, whole):
    text, sts = attribute_text(sentence)
    first = min((st for st in sts if st.kind == "indirect"), key=lambda st: st.start)
    last_words = sentence.rstrip(".").split()[-2:]
    assert (" ".join(last_words) in text[first.start:first.end]) == whole


def test_a_meeting_whose_subject_the_parser_lost_names_the_name_before_the_verb(attribute_text):
    text, sts = attribute_text(
        "On the sidelines of the COP26 UN Climate Change Conference in Glasgow, President of Ukraine Volodymyr "
        "Zelenskyy met with Prime Minister of the Republic of India Narendra Modi. "
        "The visit comes at a difficult time for the region. The talks lasted three hours. "
        "The parties agreed that the trade between the two countries must grow.")
    st = _said(text, sts, "the trade between the two countries")
    assert (st.speaker, st.speaker_kind) == ("Volodymyr Zelenskyy and Narendra Modi", "group")


def test_the_authors_are_the_names_that_end_the_headline(attribute_text):
    text, sts = attribute_text(
        "This is stated in a joint article for an international media organization. "
        "The authors note that the price cap on Russian oil must be lower than today.",
        title="The world must live without Russian energy - Oleh Ustenko and Simon Johnson")
    st = _said(text, sts, "the price cap on Russian oil")
    assert (st.speaker, st.speaker_kind) == ("Oleh Ustenko and Simon Johnson", "group")


def test_they_is_the_plural_subject_of_the_clause_that_governs_it(attribute_text):
    text, sts = attribute_text(
        "Republicans had called the hearing because they felt that the FBI was not being forthcoming.")
    st = _said(text, sts, "the FBI was not being forthcoming")
    assert st.speaker == "Republicans"


@pytest.mark.parametrize("sentence, kept", [
    ("They understand that the war will not end soon.", False),
    ("Our people feel that the war will not end soon.", False),
    ("Many people involved assumed that the war will not end soon.", True),
    ("They said that the war will not end soon.", True),
])
def test_a_belief_of_no_one_in_particular_is_no_statement(attribute_text, sentence, kept):
    text, sts = attribute_text("The shelling of the city went on all night. " + sentence)
    assert bool([st for st in sts if "the war will not end soon" in text[st.start:st.end]]) == kept


def test_they_who_speak_in_a_joint_statement_are_its_authors(attribute_text):
    text, sts = attribute_text(
        "The shelling of Ukrainian cities went on all week. "
        "They stressed that the sanctions against Russia must stay until the war ends.",
        title="Joint Statement by President of Ukraine Volodymyr Zelenskyy and President of the Republic of Estonia "
              "Alar Karis")
    st = _said(text, sts, "the sanctions against Russia")
    assert (st.speaker, st.speaker_kind) == ("Volodymyr Zelenskyy and Alar Karis", "group")


def test_a_second_speech_act_in_the_past_with_an_auxiliary_still_ends_the_content(attribute_text):
    text, sts = attribute_text(
        "Marco Rubio said that he would offer a prayer for the eventual nominee but did not suggest it would be "
        "Donald Trump.")
    first = min((st for st in sts if st.kind == "indirect"), key=lambda st: st.start)
    assert "a prayer" in text[first.start:first.end] and "Donald Trump" not in text[first.start:first.end]


def test_a_belief_of_those_named_by_a_relative_clause_follows_its_antecedent(attribute_text):
    # 'legal experts, who worry' is kept (the experts are its source), 'those who believe' is not
    text, sts = attribute_text(
        "Legal experts, who worry that the trial will take years, met in Washington. "
        "Those who believe that the verdict will come soon are wrong.")
    said = {text[st.start:st.end]: st.speaker for st in sts}
    assert any("the trial will take years" in t and "experts" in sp for t, sp in said.items()), said
    assert not any("the verdict will come soon" in t for t in said), said


@pytest.mark.parametrize("mention", ["The President's wife", "The wife of the President of Ukraine"])
def test_the_presidents_wife_is_the_first_lady_the_document_names(attribute_text, mention):
    text, sts = attribute_text(
        "First Lady of Ukraine Olena Zelenska met the students of the Kyiv school on Monday.",
        f"{mention} stressed that every school must have a shelter by September.")
    st = _said(text, sts, "every school must have a shelter")
    assert (st.speaker, st.speaker_kind) == ("Olena Zelenska", "person")


def test_the_head_of_government_is_the_prime_minister_not_another_minister(attribute_text):
    text, sts = attribute_text(
        "Prime Minister of Ukraine Denys Shmyhal and Minister of Finance Serhiy Marchenko met the IMF mission.",
        "The head of government stressed that the budget deficit will be covered by grants.")
    st = _said(text, sts, "the budget deficit will be covered")
    assert (st.speaker, st.speaker_kind) == ("Denys Shmyhal", "person")


def test_a_joint_statement_by_roles_takes_the_people_its_source_ties_to_them(tmp_path):
    poland = ("Talks in Warsaw\n\nPresident of the Republic of Poland Andrzej Duda met the Prime Minister of Japan.\n\n"
              '"We count on the support of our partners in the coming months," the President of Poland said.\n')
    joint = ("Joint statement by the President of Ukraine and the President of the Republic of Poland\n\n"
             "The parties stressed that the sanctions against Russia must stay until the war ends.\n")
    ukraine = RESOLVED.replace("the Head of State", "the President of Ukraine")
    db = _ingest(tmp_path, {"a.txt": ukraine, "b.txt": ukraine.replace("months", "weeks"), "c.txt": poland,
                            "d.txt": poland.replace("months", "weeks"), "e.txt": joint})
    rows = db.execute("select speaker, speaker_kind from statements where text like '%sanctions against Russia%'")
    assert rows.fetchall() == [("Volodymyr Zelenskyy and Andrzej Duda", "group")]


def test_a_seat_of_government_speaks_as_an_institution_a_country_name_does_not(attribute_text):
    """'The Kremlin said that …' is the presidential administration's statement, filed under 'Kremlin' with
    Russia as its country; 'Russia said that …' (a country name for its government) is no statement, as
    the sample articles' annotation has it."""
    text, sts = attribute_text("The Kremlin said that Kazakhstan would join the union next year.",
                               "Russia said that Kazakhstan would join the union next year.")
    assert [(text[st.start:st.end], st.speaker, st.speaker_kind, st.speaker_country) for st in sts] == [
        ("that Kazakhstan would join the union next year", "Kremlin", "organization", "Russia")]


@pytest.mark.parametrize("paragraph, title, words, speaker, kind", [
    pytest.param("Therefore, hope for victory. Today, I, our parliament and the entire Ukrainian people can say one "
                 "thing: thank you, Britain! Thank you, friends!",
                 "Speech by President of Ukraine Volodymyr Zelenskyy in the Verkhovna Rada", "thank you, Britain",
                 "Volodymyr Zelenskyy", "person", id="an 'I' the tagger read as a name is still the author"),
    pytest.param("Many Ukrainians have learned about one of our boys. This little boy was very grateful to all those "
                 "who sheltered his family. He really wanted to thank those who helped. He said that everyone should "
                 "come to visit his city next summer.", None, "everyone should come", "little boy", "unnamed",
                 id="'he' continues a person the text does not name"),
    pytest.param("The meeting in the capital lasted two hours. He said that the talks in Istanbul would continue "
                 "next week.", None, "the talks in Istanbul", "He", "pronoun", id="a thing before 'he' is no antecedent"),
    # '… by Olena Zelenska' tagged ORG in a title-case headline: the 'I' is hers, kind unnamed (it may be an
    # organisation as well; the corpus decides)
    pytest.param("I want to say one thing: the war in Ukraine is not a war somewhere out there, it is a war in Europe.",
                 "An Open Letter to the Global Media by Olena Zelenska", "the war in Ukraine is not a war",
                 "Olena Zelenska", "unnamed", id="an author the model did not tag as a person is kept as written"),
])
def test_the_speaker_a_mention_resolves_to(attribute_text, paragraph, title, words, speaker, kind):
    text, sts = attribute_text(paragraph, title=title)
    st = _said(text, sts, words)
    assert (st.speaker, st.speaker_kind) == (speaker, kind)
    if title and kind != "unnamed":
        assert text[st.speaker_start:st.speaker_end] == "I"


def test_a_pronoun_is_resolved_alike_in_every_statement_it_speaks():
    from alliancecli.quotes.merge import one_mention_one_speaker
    from alliancecli.quotes.view import Statement

    quote = Statement("quote", 0, 40, "Volodymyr Zelenskyy", 42, 44, "said", "Ukraine", speaker_kind="person")
    added = Statement("indirect", 60, 90, "he", 42, 44, "adding", speaker_kind="pronoun")
    other = Statement("indirect", 120, 150, "he", 100, 102, "said", speaker_kind="pronoun")
    one_mention_one_speaker([quote, added, other])
    assert (added.speaker, added.speaker_kind, added.speaker_country) == ("Volodymyr Zelenskyy", "person", "Ukraine")
    assert (other.speaker, other.speaker_kind) == ("he", "pronoun")  # another mention: nothing resolved it


def test_a_name_tagged_a_person_once_is_a_person_throughout_the_document(tmp_path):
    db = _ingest(tmp_path, {"award.txt": (
        "A film award in Vilnius\n\n"
        "These are the words of Mantas Kvedaravičius. He told them when he spoke about his film on the city.\n\n"
        "The director Mantas Kvedaravičius was killed in the city in April.\n")})
    found = [r[0] for r in db.execute(
        "SELECT m.text FROM mentions m JOIN documents d ON d.id = m.document_id "
        "WHERE m.kind = 'person' AND m.start < instr(d.text, 'He told') ORDER BY m.start")]
    assert found == ["Mantas Kvedaravičius"]


def test_a_headline_ending_in_a_role_gives_the_i_that_role(attribute_text):
    """'… our victory - President': the parse hangs 'our victory' on 'President'; the role is the tail's."""
    text, sts = attribute_text("Free people of a free country! I repeat again and again: everyone must hold on "
                               "and fight for our freedom.",
                               title="We are moving towards our goal, our victory - President")
    st = _said(text, sts, "everyone must hold on")
    assert (st.speaker, st.speaker_kind, st.speaker_role) == ("President", "role", "president")


def test_the_corpus_ties_a_headline_role_to_its_holder(tmp_path):
    resolved = ("Talks in Kyiv\n\nPresident of Ukraine Volodymyr Zelenskyy met the Prime Minister of Japan.\n\n"
                '"We count on the support of our partners in the coming months," the President said.\n')
    address = ("We are moving towards our goal, our victory - President\n\nFree people of a free country! I repeat "
               "again and again: everyone must hold on and fight for our freedom.\n")
    db = _ingest(tmp_path, {"a.txt": resolved, "b.txt": resolved.replace("months", "weeks"), "c.txt": address})
    rows = db.execute("select speaker, speaker_kind from statements where text like 'everyone must%'").fetchall()
    assert rows == [("Volodymyr Zelenskyy", "person")]


def test_a_second_cue_the_parser_joined_to_the_reported_verb_has_the_first_cues_subject(attribute_text):
    _, sts = attribute_text("German Chancellor Anna Berg stressed that the status of a candidate is an important "
                            "milestone on the European path, and assured that she would stand for the decision at "
                            "the next meeting of the Council.")
    assert [(st.speaker, st.cue) for st in sts] == [("Anna Berg", "stressed"), ("Anna Berg", "assured")]


def test_a_surname_after_an_honorific_the_model_left_untagged_is_a_person(attribute_text):
    text, sts = attribute_text(
        "Speaking on the programme on Tuesday, BP chief executive Lord Browne said the profits were not down "
        "to the oil price.")
    st = _said(text, sts, "the profits were not down")
    assert (st.speaker, st.speaker_kind) == ("Lord Browne", "person")
    assert text[st.speaker_start:st.speaker_end] == "Lord Browne"


def test_an_honorific_and_surname_is_the_full_name_the_document_writes(attribute_text):
    # 'Ms Detakats' where the story wrote 'local resident Francesca Detakats', untagged both times
    text, sts = attribute_text(
        'Paul Burgess said: "I thought it was just a load of junk." But local resident Francesca Detakats came '
        "specially to the stall and left happy with her purchase of an original 1960s photograph of The Who by David "
        "Wedgburg. Ms Detakats said she was a collector and did not mind paying for the print. \"If you like "
        "something, you don't really count it like that,\" she said.")
    assert _said(text, sts, "she was a collector").speaker == "Francesca Detakats"
    assert _said(text, sts, "If you like something").speaker == "Francesca Detakats"


def test_a_title_that_is_no_honorific_names_no_person(attribute_text):
    text, sts = attribute_text("The US Defense Attaché noted the arrival of the ship.")
    assert _said(text, sts, "the arrival of the ship").speaker_kind != "person"


def test_a_person_named_in_a_relative_clause_is_not_the_subject(attribute_text):
    text, sts = attribute_text(
        "Governor Chris Christie spoke on the radio on Wednesday.",
        "Christie, who has campaigned for Donald Trump since he left the race, said the comments were a disgrace.")
    assert _said(text, sts, "the comments were").speaker == "Chris Christie"


def test_a_surname_the_model_took_for_part_of_a_body_is_the_lost_subject(attribute_text):
    text, sts = attribute_text(
        "Donald Trump spoke about the alliance on Monday.",
        "In a meeting with the editorial board of the Washington Post Trump said that the alliance may need to be "
        "smaller.")
    assert _said(text, sts, "may need to be").speaker == "Donald Trump"


def test_he_or_she_passes_over_a_person_of_the_other_sex(attribute_text):
    text, sts = attribute_text(
        "Bernie Sanders is thanking supporters at a rally in Vermont.",
        "Hillary Clinton won Georgia and Virginia on Tuesday.",
        'He told the crowd that "the people who know me best" gave him a victory.')
    assert _said(text, sts, "the people who know me").speaker == "Bernie Sanders"


def test_he_or_she_after_a_shared_surname_is_the_one_of_that_sex(attribute_text):
    # the surname alone would go to the Walker named last
    text, sts = attribute_text(
        "Mary Walker arrived in Palo Alto on Sunday. Her husband John Walker came on Monday.",
        "Walker opened the meeting on Tuesday.",
        '"This is a choice between taking the hill and charging ahead or retreating," she said.')
    assert _said(text, sts, "This is a choice").speaker == "Mary Walker"
    text, sts = attribute_text(
        "John Walker arrived in Palo Alto on Sunday. His wife Mary Walker came on Monday.",
        "Walker opened the meeting on Tuesday.",
        '"This is a choice between taking the hill and charging ahead or retreating," he said.')
    assert _said(text, sts, "This is a choice").speaker == "John Walker"


def test_it_after_a_body_sent_a_document_is_the_body(attribute_text):
    text, sts = attribute_text(
        "The city of Tulsa sent a cease-and-desist letter to the campaign on Thursday. It says the campaign "
        "violated federal and state law by using copyrighted material.")
    st = _said(text, sts, "the campaign violated")
    assert (text[st.speaker_start:st.speaker_end], st.speaker) == ("It", "city")


@pytest.mark.parametrize("name, sex", [
    ("Hillary Clinton", "f"), ("Donald Trump", "m"), ("Angela Merkel", "f"),
    ("Volodymyr Zelenskyy", None),  # not in the census
    ("Jordan Peele", None),  # given to both sexes
    ("Valery Zaluzhny", None), ("Nikita Khrushchev", None), ("Andrea Bocelli", None),  # men's names elsewhere
])
def test_the_sex_of_a_given_name(name, sex):
    from alliancecli import entities

    assert entities.gender_of(name) == sex


def test_a_pronoun_with_no_one_of_its_sex_before_it_takes_the_subject_all_the_same(attribute_text):
    # the census has 'Roni' as a woman's name; no man is named, so 'he' is still Roni Size
    text, sts = attribute_text(
        "Roni Size became involved after two friends were shot in his home town.",
        '"Over the last ten years I have seen a lot of things happen," he said.')
    assert _said(text, sts, "Over the last ten years").speaker == "Roni Size"


def test_a_document_by_its_author_speaks_for_the_author(attribute_text):
    text, sts = attribute_text(
        "According to a new report by Human Rights Watch, the prisoners had been tortured in the camp.")
    st = _said(text, sts, "the prisoners had been tortured")
    assert (st.speaker, st.speaker_kind) == ("Human Rights Watch", "organization")


def test_the_figures_of_a_survey_are_no_statement_of_its_maker(attribute_text):
    text, sts = attribute_text(
        "According to a sociological survey from the Central Asia Barometer, about 30% of respondents in the "
        "country have a negative attitude toward the plan.")
    assert not [st for st in sts if st.kind == "indirect"]


@pytest.mark.parametrize("title, role", [("Gov.", "governor"), ("Sen.", "senator"), ("Gen.", "general")])
def test_an_abbreviated_title_ties_the_role(attribute_text, title, role):
    text, sts = attribute_text(
        f"{title} John Walker visited the border on Monday.",
        f'"We will not abandon these towns," the {role} said.')
    assert _said(text, sts, "We will not abandon").speaker == "John Walker"


def test_a_surname_after_mr_with_no_given_name_written_is_the_surname_alone(attribute_text):
    # 'Mr Davies' is Davies, whom the corpus may name in full; a peer keeps the title ('Lord Browne', above)
    text, sts = attribute_text(
        "Mr Davies said the plan would fail.")
    st = _said(text, sts, "the plan would fail")
    assert (st.speaker, st.speaker_kind) == ("Davies", "person")
