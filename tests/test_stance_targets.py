"""Stance targets, evidence offsets, the classifier seam and what 'pairs' counts."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from alliancecli import stance

LABELS = Path(__file__).resolve().parent.parent / "benchmarks" / "stance" / "labels.csv"


@pytest.mark.parametrize("text, label, target", [
    ("Ukraine must become a member of NATO as soon as possible.", "support", "NATO membership"),
    ("Kazakhstan will never join the Eurasian Economic Union.", "oppose", "EAEU membership"),
    ("We are grateful to Poland for its support.", "support", "Poland–Ukraine partnership"),
    ("The EU must impose new sanctions against Russia.", "support", "sanctions coalition"),
    ("The weather in Kyiv was cold on Tuesday.", "neutral", None),
])
def test_target_and_polarity(text, label, target):
    s = stance.classify(text, stance.Context(speaker_country="Ukraine"))
    assert (s.label, s.target) == (label, target)


@pytest.mark.parametrize("text", [
    "The United States and Canada will hold elections next year.",
    "The United Kingdom and Ireland reported snow on Tuesday.",
    # the same with no mention: a name's word ('United Russia', a party), 'thanks to' (because of)
    "All members of the ruling party, United Russia, attended the congress.",
    "British artists struggle in the US, thanks to the tough visa requirements.",
])
def test_a_word_of_a_country_name_is_no_partnership_term(text):
    # 'United' in 'the United States' is not the word 'united': neither target nor evidence
    s = stance.classify(text)
    assert (s.label, s.target, s.evidence) == ("neutral", None, None)
    assert stance.document_topic(None, " ".join([text] * 3)) is None


def test_a_title_or_an_initial_ends_no_sentence_and_no_text_is_lost():
    text = ("We met Mr. Stoltenberg today. The U.S. position is firm, said Joseph R. Biden. "
            "Growth was 3.5% by Jan. 31 this year. Then he left")
    got = [text[a:b].strip() for a, b in stance._sentences(text)]
    assert got == ["We met Mr. Stoltenberg today.", "The U.S. position is firm, said Joseph R. Biden.",
                   "Growth was 3.5% by Jan. 31 this year.", "Then he left"]
    assert "".join(text[a:b] for a, b in stance._sentences(text)) == text


@pytest.mark.parametrize("text,target", [
    ("We are deeply grateful to Mr. Stoltenberg and to the Alliance.", "alliance"),
    ("I thank Mr. Rutte and NATO.", "NATO"),
])
def test_thanks_before_a_title_reach_the_alignment_after_it(text, target):
    # 'Mr.' cut 'I thank Mr.' off 'Rutte and NATO.', leaving the thanks without an alignment
    s = stance.classify(text, stance.Context(speaker_country="Ukraine"))
    assert (s.label, s.target) == ("support", target)


def test_no_target_is_neutral_and_told_apart_from_neutral_toward_a_bloc():
    none = stance.classify("Russia shelled the city again last night.")
    nato = stance.classify("The parties discussed Ukraine's accession to NATO.")
    assert none.label == nato.label == "neutral"
    assert none.target is None and nato.target == "NATO accession"


@pytest.mark.parametrize("text,label", [
    # 'no X without Y' sets a condition on X, it does not refuse X
    ("The strong support of Poland reaffirms that no decision on Ukraine can be made without Ukraine.", "support"),
    ("Ukraine will not join NATO without a referendum.", "neutral"),
    ("Ukraine will not join NATO.", "oppose"),
])
def test_no_x_without_y_is_a_condition_not_a_refusal(text, label):
    assert stance.classify(text, stance.Context(speaker_country="Ukraine")).label == label


@pytest.mark.parametrize("text,label", [
    # a weak objection objects to the alignment of its own clause, not to one a comma away
    ("It is important that the sanctions packages are effective, given the dangerous escalation.", "support"),
    ("Italy will only benefit if Ukraine joins the European Union, though someone may be afraid of that.",
     "support"),
    ("Joining NATO would be a mistake.", "oppose"),
    ("It is too early to talk about EU membership.", "oppose"),
])
def test_a_weak_objection_bears_on_the_alignment_of_its_clause(text, label):
    assert stance.classify(text, stance.Context(speaker_country="Ukraine")).label == label


def test_hedge_condition_and_question_stay_neutral():
    assert stance.classify("Perhaps Ukraine should join NATO.").label == "neutral"
    assert stance.classify("If Ukraine joins NATO, the border will be longer.").label == "neutral"
    assert stance.classify("Will Ukraine join NATO this year?").label == "neutral"


def test_a_condition_weakens_only_its_own_clause():
    # conditional advice still argues for what it advises; the condition itself takes no position
    assert stance.classify("If they want to stay sovereign, they should move closer to the Russia Belarus "
                           "alliance.").label == "support"
    assert stance.classify("If the war ends, Ukraine should join NATO.").label == "support"


def test_refusal_is_oppose():
    assert stance.classify("Armenia refuses to join the CSTO mission.").label == "oppose"


def test_sarcasm_in_a_comment_is_never_support():
    text = 'Oh sure, the union with our "brotherly" neighbours is a great idea!!!'
    assert stance.classify(text).label == "support"
    assert stance.classify(text, stance.Context(comment=True)).label == "neutral"


def test_a_statement_naming_no_alignment_takes_the_documents_where_it_is_clear():
    topic = stance.topic("Can Kazakhstan join the union of Russia and Belarus")
    assert topic is not None and topic.parties == ("Kazakhstan", "Belarus", "Russia")
    s = stance.classify("We categorically reject it.", stance.Context(topic=topic))
    assert s.label == "oppose" and s.target == topic.target
    assert stance.classify("It rained.", stance.Context(topic=topic)).target is None


def _evidence_inside(text: str, s: stance.Stance) -> bool:
    return all(0 <= a < b <= len(text) for a, b in s.spans) and \
        (s.evidence or "") == "; ".join(text[a:b] for a, b in s.spans)


def test_evidence_offsets_always_lie_inside_the_statement():
    with open(LABELS, newline="", encoding="utf-8") as f:
        texts = [r["text"] for r in csv.DictReader(f)]
    topic = stance.topic("Ukraine's accession to NATO")
    for text in texts:
        for ctx in (None, stance.Context(speaker_country="Ukraine", topic=topic)):
            s = stance.classify(text, ctx)
            assert _evidence_inside(text, s), text
            assert (s.target is None) == (not s.spans) or s.label != "neutral" or s.target is not None


@pytest.mark.parametrize("kind, parties, a, b, want", [
    ("bloc", "Ukraine|NATO", "Poland", "Ukraine", True),  # Ukraine joining a bloc Poland belongs to
    ("bloc", "Ukraine|NATO", "Russia", "Ukraine", False),
    ("partnership", "Poland|Ukraine", "Poland", "Ukraine", True),
    ("partnership", "Poland|Ukraine", "Russia", "Ukraine", False),
    ("sanctions", "Ukraine", "Russia", "Ukraine", False),
    (None, None, "Poland", "Ukraine", False),
])
def test_involves(kind, parties, a, b, want):
    assert stance.involves(kind, parties, a, b) is want


def test_rules_are_a_classifier_and_rows_name_it():
    row = stance.row(stance.classify("Ukraine must join NATO."), stance.RULES)
    assert row["stance_classifier"] == "rules" and row["stance_version"] == stance.RULES.version
    assert json.loads(row["stance_spans"]) and row["stance_parties"] == "Ukraine|NATO"


@pytest.mark.parametrize("args", [[], ["--within", "document"], ["--directed"]])
def test_pairs_evidence_lists_exactly_the_statements_behind_each_count(seeds_db, args):
    from helpers import as_json, run

    rows = as_json(run("pairs", *args, "--evidence", "--all", "--db", seeds_db, "--json"))
    assert rows
    counted = 0
    for r in rows:
        listed = [s["counted_as"] for s in r["statements"]]
        assert {k: listed.count(k) for k in ("support", "oppose", "neutral", "other")} == \
            {k: r[k] for k in ("support", "oppose", "neutral", "other")}, (r["a"], r["b"])
        counted += r["support"] + r["oppose"] + r["neutral"]
    assert counted  # some statements are about a pair's own relation


def test_pairs_count_support_only_where_the_target_involves_both(seeds_db):
    import sqlite3

    from alliancecli import queries
    from helpers import as_json, run

    con = sqlite3.connect(seeds_db)
    con.row_factory = sqlite3.Row
    for r in as_json(run("pairs", "--evidence", "--all", "--db", seeds_db, "--json")):
        for s in r["statements"]:
            row = dict(con.execute("select coalesce(label, stance) as stance, stance_target_kind, stance_parties "
                                   "from statements where id = ?", [s["id"]]).fetchone())
            want = row["stance"] if stance.involves(row["stance_target_kind"], row["stance_parties"],
                                                    r["a"], r["b"]) else "other"
            assert s["counted_as"] == want == queries.pair_stance(row, r["a"], r["b"])


def test_a_sentence_about_the_war_takes_no_position_on_a_partnership_it_names():
    ctx = stance.Context(speaker_country="Ukraine")
    assert stance.classify("Together with Poland we must hold the Russian soldiers accountable for these crimes.",
                           ctx).label == "neutral"
    # aid to the war effort is support: the partnership is what the sentence asks for
    assert stance.classify("Together with Poland we must provide more weapons and help to our army.",
                           ctx).label == "support"
    # a bloc named with what is proposed toward it keeps its stance, whatever the war around it
    assert stance.classify("Even during the war Ukraine must join the EU.", ctx).label == "support"
    # so is closer cooperation with the partner, whatever peace or war it serves
    assert stance.classify("We agreed with Poland to intensify cooperation to ensure peace in the region.",
                           ctx).label == "support"


def test_integration_needs_a_bloc_or_someone_to_integrate_with():
    ctx = stance.Context(speaker_country="Ukraine")
    for text in ("Ukraine's integration into the educational space remains a key priority.",
                 "During this time, we must move closer to a peace agreement."):
        assert stance.classify(text, ctx).target is None
    assert stance.classify("Ukraine's integration with Poland remains a key priority.", ctx).target == \
        "integration"
    assert stance.classify("Ukraine's European integration remains a key priority.", ctx).target == \
        "EU integration"


def test_a_document_names_its_topic_in_its_title_or_else_in_the_alignment_its_sentences_repeat():
    assert stance.document_topic("Ukraine wants to join NATO", "").target == "NATO membership"
    body = "The leaders discussed sanctions. New sanctions are ready. Sanctions work. The weather was fine."
    assert stance.document_topic("President met the Chancellor", body).target == "sanctions coalition"
    assert stance.document_topic("President met the Chancellor", "Sanctions were discussed. Sanctions work.") is None


def test_not_only_and_no_less_are_no_negation():
    ctx = stance.Context(speaker_country="Ukraine")
    assert stance.classify("Germany will not only keep its support for Ukraine, but also strengthen it.",
                           ctx).label == "support"
    assert stance.classify("Ukraine will not join NATO.", ctx).label == "oppose"


@pytest.mark.parametrize("text, target", [
    ("We support the expansion of practical cooperation between our country and NATO.", "NATO"),
    ("We support NATO expansion to the east of Europe.", "NATO enlargement"),
    ("We welcome the enlargement of the European Union to the Western Balkans.", "EU enlargement"),
])
def test_enlargement_is_of_the_bloc_not_of_cooperation_with_it(text, target):
    assert stance.classify(text, stance.Context(speaker_country="Ukraine")).target == target


def test_strategic_alone_is_no_partnership_term():
    ctx = stance.Context(speaker_country="Ukraine")
    assert stance.classify("Poland and Russia discussed the strategic situation on the border.", ctx).target is None
    assert stance.classify("Poland and Ukraine are strategic partners.", ctx).target_kind == "partnership"


def test_the_country_whose_brutality_a_sentence_names_is_no_party_to_the_support():
    s = stance.classify("The brutality of the Russian military means that millions of Ukrainians need urgent "
                        "help. I am very grateful for the support of Poland.", stance.Context(speaker_country="Ukraine"))
    assert s.label == "support"
    assert s.label == "support" and "Russia" not in s.parties


@pytest.mark.parametrize("text", [
    "The true goals of Russia move even further into the past, to the pre-bloc era of the Vienna Congress.",
    "The financial and economic bloc of the government is working with the central bank on critical imports.",
])
def test_a_bloc_inside_a_word_or_a_government_is_no_alliance(text):
    assert stance.classify(text, stance.Context(speaker_country="Ukraine")).target is None


def test_friends_of_ones_family_are_no_partners():
    ctx = stance.Context(speaker_country="Ukraine")
    assert stance.classify("Thank you for your great work. I wish you and your family and friends good health!",
                           ctx).target is None
    assert stance.classify("We are grateful to our friends for their help.", ctx).label == "support"


def test_a_speaker_on_their_own_countrys_accession_supports_it():
    ukraine, poland = stance.Context(speaker_country="Ukraine"), stance.Context(speaker_country="Poland")
    own = stance.classify("Ukraine has chosen the course of NATO membership.", ukraine)
    assert (own.label, own.target) == ("support", "NATO membership")
    assert {own.evidence.split("; ")[0], own.evidence.split("; ")[1]} == {"Ukraine", "NATO"}
    assert stance.classify("Our membership in the European Union is a matter of time, and we count on "
                           "Spain.").label == "support"  # 'our membership', with no speaker known
    # another country's accession, a negation, a question: no position of the speaker's own
    assert stance.classify("Ukraine has chosen the course of NATO membership.", poland).label == "neutral"
    assert stance.classify("Ukraine is not yet a member of NATO.", ukraine).label == "neutral"
    assert stance.classify("Will Ukraine's membership in NATO come this year?", ukraine).label == "neutral"
    assert stance.classify("The parties discussed Ukraine's accession to NATO.", ukraine).label == "neutral"


def test_the_country_whose_aggression_a_possessive_names_is_no_party():
    ctx = stance.Context(speaker_country="Ukraine")
    s = stance.classify("Poland supports Ukraine and condemns Russia's full-scale aggression.", ctx)
    assert s.label == "support" and "Russia" not in s.parties
    # a possessive of one's own forces is no aggression: the country stays a party
    assert "Ukraine" in stance.classify("Ukraine's armed forces thank Poland for its support.", ctx).parties


@pytest.mark.parametrize("text", [
    "Why are there still political skeptics who are hesitant to allow us to move to the European Union?",
    "The chancellor should be clearer about Ukraine's membership in the European Union and not be afraid of the "
    "states that oppose it.",
    "It is afraid of a strong union, that the EU and the United States will act as one organism.",
])
def test_an_objection_the_speaker_reports_of_others_is_not_the_speakers(text):
    assert stance.classify(text, stance.Context(speaker_country="Ukraine")).label != "oppose"


def test_the_speakers_own_objection_still_opposes():
    assert stance.classify("We reject any membership in the Eurasian union.").label == "oppose"
    assert stance.classify("Armenia refuses to join the CSTO mission.").label == "oppose"


def test_a_title_that_reports_an_encounter_makes_the_sides_partnership_the_topic():
    met = stance.document_topic("President of Ukraine met with the Prime Minister of Poland", "")
    assert (met.target, met.parties) == ("Poland–Ukraine partnership", ("Poland", "Ukraine"))
    # a side the title does not name comes from the document's named speakers
    call = stance.document_topic("The President had a phone conversation with the Chancellor", "", ("Germany", "Ukraine"))
    assert call.parties == ("Germany", "Ukraine")
    # one side is no partnership; an adversary the title names is no side; talks on the war are no partnership
    assert stance.document_topic("The President met with the Prime Minister", "", ("Ukraine",)) is None
    assert stance.document_topic("Minister discussed with UNICEF the schools damaged by Russian aggression", "",
                                 ("Ukraine",)) is None
    assert stance.document_topic("Ukraine and Turkey discussed the exchange of prisoners of war at the meeting", "",
                                 ()) is None
    # the city where they meet is no side
    met = stance.document_topic("President of Ukraine met with the President of Azerbaijan in Brussels", "")
    assert met.parties == ("Azerbaijan", "Ukraine")
    assert stance.document_topic("Leaders of Estonia and Latvia met in Warsaw", "").parties == ("Estonia", "Latvia")


def test_a_frame_that_endorses_the_statement_decides_a_neutral_one_toward_the_documents_topic():
    topic = stance.Topic("EU membership", "bloc", ("Ukraine", "EU"))
    text = "the decision to be taken at next week's summit would be unanimous"
    doc = "Emmanuel Macron expressed hope that " + text

    def ctx(lead):
        return stance.Context(speaker_country="France", topic=topic, lead=lead)

    assert stance.lead_of(doc, doc.index(text)) == "Emmanuel Macron expressed hope that "
    s = stance.classify(text, ctx(stance.lead_of(doc, doc.index(text))))
    assert (s.label, s.target, s.spans) == ("support", "EU membership", ())  # no word of the statement decided
    assert stance.classify(text, ctx("Emmanuel Macron said that ")).label == "neutral"
    # the frame's last word may open the statement: "called | for ..."
    assert stance.classify("for a meeting of the two governments soon", ctx("He called ")).label == "support"
    # no topic, nothing to support; a statement about the war takes no position whatever its frame
    assert stance.classify(text, stance.Context(lead="Macron expressed hope that ")).label == "neutral"
    assert stance.classify("the shelling of civilians would stop soon", ctx("He expressed hope that ")).label == "neutral"
    # the lead is the sentence's own words before the statement, never the sentence before
    doc = "He welcomed it. Then he said that it rains"
    assert stance.lead_of(doc, doc.index("it rains")) == "Then he said that "


def test_a_negation_in_another_clause_leaves_the_speakers_own_course_standing():
    ctx = stance.Context(speaker_country="Ukraine")
    assert stance.classify("Ukraine has chosen the course of NATO membership for its own security, but the "
                           "distance to the Alliance is not reduced.", ctx).label == "support"
    assert stance.classify("Ukraine, which is not yet a member of NATO, develops its army.", ctx).label == "neutral"


def test_the_sanctioned_country_is_no_party_to_the_sanctions_anywhere_in_the_sentence():
    ctx = stance.Context(speaker_country="Ukraine")
    s = stance.classify("We call for tougher sanctions against Russia, including a full embargo on Russian oil "
                        "and gas.", ctx)
    assert (s.label, s.target) == ("support", "sanctions coalition") and "Russia" not in s.parties
    s = stance.classify("Many companies have not left the Russian market despite the tough sanctions on Russia, "
                        "and we must strengthen them.", ctx)
    assert "Russia" not in s.parties
    # a ban on a country's goods and cutting trade with it are sanctions on it, no partnership with it
    s = stance.classify("We welcome the adoption by the United States Congress of laws banning the import of Russian "
                        "oil and the suspension of trade relations with Russia and Belarus.", ctx)
    assert (s.label, s.target) == ("support", "sanctions coalition")
    assert not {"Russia", "Belarus"} & set(s.parties)
    # the victim named after 'against' stays a party elsewhere in the sentence: only the aggressor and the
    # sanctioned are struck out everywhere
    s = stance.classify("We thank Poland for supporting Ukraine in the face of the aggression against Ukraine.", ctx)
    assert set(s.parties) == {"Poland", "Ukraine"}


def test_the_country_a_document_sanctions_is_no_party_to_sanctions_any_statement_speaks_of():
    doc = "Ukraine calls for tough sanctions against Russia. Every day Russia kills civilians, so sanctions must grow."
    mentions = stance.find_mentions(doc)
    assert stance.adversaries(doc, mentions) == ("Russia",)
    text = "Every day Russia kills civilians, so sanctions must grow."
    ctx = stance.Context(speaker_country="Ukraine", adversaries=stance.adversaries(doc, mentions))
    s = stance.classify(text, ctx)
    assert (s.label, s.target, s.parties) == ("support", "sanctions coalition", ())
    assert "Russia" in stance.classify(text, stance.Context(speaker_country="Ukraine")).parties  # without the document
    # 'sanctions for aggression against Ukraine' aims the sanctions at the aggressor, not at Ukraine
    assert stance.adversaries("They expand sanctions for aggression against Ukraine.",
                              stance.find_mentions("They expand sanctions for aggression against Ukraine.")) == ()


def test_a_capital_that_names_an_agreement_or_a_format_is_no_party():
    """'the Budapest Memorandum' is the instrument, not Hungary; a state's own demonym before it stays a party."""
    text = "We support the full implementation of the Budapest Memorandum together with Germany."
    mentions = (("Hungary", "country", text.index("Budapest"), text.index("Budapest") + 8),
                ("Germany", "country", text.index("Germany"), text.index("Germany") + 7))
    s = stance.classify(text, stance.Context(mentions, "Ukraine"))
    assert "Hungary" not in s.parties and "Germany" in s.parties
    text = "We are grateful to Poland for the Ukrainian-Polish agreement on transit."
    s = stance.classify(text, stance.Context(speaker_country="Ukraine"))
    assert set(s.parties) == {"Poland", "Ukraine"}


def test_a_thanking_cue_decides_a_statement_that_names_no_alignment_toward_the_documents_topic():
    topic = stance.Topic("Germany–Ukraine partnership", "partnership", ("Germany", "Ukraine"))
    text = "Angela Merkel for her long-term support and her active position in the negotiations"
    s = stance.classify(text, stance.Context(speaker_country="Ukraine", topic=topic, cue="thanked"))
    assert (s.label, s.target, s.spans) == ("support", "Germany–Ukraine partnership", ())
    assert stance.classify(text, stance.Context(speaker_country="Ukraine", topic=topic, cue="said")).label == "neutral"
    # thanks for what the war did are no position: 'thanked the rescuers who pulled people from the shelled house'
    assert stance.classify("the rescuers who pulled people out of the shelled house", stance.Context(
        speaker_country="Ukraine", topic=topic, cue="thanked")).label == "neutral"


def test_the_documents_aggressor_is_a_partner_only_where_the_sentence_joins_it_to_another_country():
    ctx = stance.Context(speaker_country="Ukraine", adversaries=("Russia",))
    s = stance.classify("We thank Canada for its support while companies in the Russian market must leave.", ctx)
    assert s.label == "support" and "Russia" not in s.parties
    s = stance.classify("We see the partnership of Russia and China grow.", ctx)
    assert {"China", "Russia"} <= set(s.parties)
    # 'pressure on Ukraine' is the aggressor's pressure on its victim: no mark of the sanctioned
    doc = "Russia is trying to put pressure on Ukraine."
    assert stance.adversaries(doc, stance.find_mentions(doc)) == ()


@pytest.mark.parametrize("text", [
    "The minister met the EU High Representative for Foreign Affairs and Security Policy in Brussels.",
    "The Common Aviation Area Agreement with the European Union was discussed.",
])
def test_a_cue_word_written_inside_a_name_is_no_cue(text):
    s = stance.classify(text)
    assert s.label == "neutral"


def test_a_cue_word_that_opens_a_quotation_still_counts():
    s = stance.classify('He said: "Together we will join the EU."')
    assert s.label == "support" and "Together" in s.evidence


def test_together_with_an_official_is_company_not_unity():
    s = stance.classify("The Commissioner came to Kyiv together with EU High Representative Josep Borrell.")
    assert s.label == "neutral"
    assert stance.classify("We will stand together with our partners in the EU.").label == "support"


def test_a_bloc_in_a_comparison_is_no_target():
    s = stance.classify("Our army is stronger for us than any military bloc.")
    assert s.target is None and s.label == "neutral"


def test_a_negation_stops_at_a_new_verb_phrase_and_cancels_a_weak_objection_over_a_copula():
    ctx = stance.Context(speaker_country="Ukraine")
    # 'not' belongs to 'hesitate'; 'and will join' is a phrase of its own
    s = stance.classify("Ukraine will not hesitate and will join the European Union.", ctx)
    assert (s.label, s.target) == ("support", "EU membership")
    assert stance.classify("Ukraine will not join the European Union.", ctx).label == "oppose"
    # 'not to be afraid' objects to nothing; 'afraid' alone does
    assert stance.classify("Poland and Ukraine are not afraid of their partnership.", ctx).label != "oppose"
    assert stance.classify("We call on Poland and Ukraine not to be afraid of their partnership.", ctx).label != "oppose"
    assert stance.classify("Poland is afraid of the partnership with Ukraine.", ctx).label == "oppose"


def test_thanks_take_a_position_unless_what_they_thank_for_is_the_war_or_crimes():
    topic = stance.Topic("EU–Ukraine partnership", "partnership", ("EU", "Ukraine"))
    ctx = stance.Context(speaker_country="Ukraine", topic=topic)
    # the war is the moment, not what is thanked for
    s = stance.classify("that in the difficult moment of the Russian invasion, Ukrainians are very grateful for "
                        "the bold position of the Council's President and his visit to Odesa", ctx)
    assert (s.label, s.target, s.evidence) == ("support", "EU–Ukraine partnership", "grateful")
    # thanks for recognising a war as genocide are about crimes: no position on the partnership
    assert stance.classify("We are grateful to the parliaments of the world who are recognizing this war as "
                           "genocide.", ctx).label == "neutral"
    # without thanks, a sentence about the invasion still takes no position on its document's topic
    assert stance.classify("that in the difficult moment of the Russian invasion, Ukrainians showed a bold "
                           "and strong position", ctx).label == "neutral"


def test_an_ambiguous_country_name_in_a_title_counts_where_the_document_names_that_country():
    title = "President of Ukraine had a phone conversation with the President of Turkey"
    assert stance.document_topic(title, "") is None  # 'Turkey' alone may be the bird
    met = stance.document_topic(title, "", (), frozenset({"Turkey", "Ukraine"}))
    assert (met.target, met.parties) == ("Turkey–Ukraine partnership", ("Turkey", "Ukraine"))
    # a country the document does not name stays unread
    assert stance.document_topic(title, "", (), frozenset({"Ukraine"})) is None
    assert stance.find_mentions("Jordan and Georgia", frozenset({"Georgia"})) == (("Georgia", "country", 11, 18),)


def test_a_statement_about_the_war_that_names_no_alignment_takes_no_side_on_its_documents_topic():
    topic = stance.Topic("Poland–Ukraine partnership", "partnership", ("Poland", "Ukraine"))
    ctx = stance.Context(speaker_country="Poland", topic=topic)
    # an objection inside talk of the war objects to nothing the document is about
    assert stance.classify("We must create a situation where the war will be a threat to Russia itself.",
                           ctx) == stance.NO_TARGET
    assert stance.classify("We will never accept the choice in favor of war and armed aggression.",
                           ctx) == stance.NO_TARGET
    # outside the war, a clear objection still opposes the document's topic
    s = stance.classify("This is out of the question.", ctx)
    assert (s.label, s.target) == ("oppose", "Poland–Ukraine partnership")
    # nor does praise for peace efforts support it: 'this' is peace, not the partnership
    assert stance.classify("For peace in Ukraine, we are ready to do everything possible in all formats. It is "
                           "important for everyone to be sincerely ready for this", ctx) == stance.NO_TARGET
    # outside the war, the same words do
    s = stance.classify("For trade, we are ready to do everything possible. It is important for everyone to be "
                        "sincerely ready for this", ctx)
    assert (s.label, s.target) == ("support", "Poland–Ukraine partnership")


def test_agreement_with_a_partner_takes_a_position_on_the_documents_topic_even_in_talk_of_the_war():
    topic = stance.Topic("Ukraine–United Kingdom partnership", "partnership", ("Ukraine", "United Kingdom"))
    ctx = stance.Context(speaker_country="Ukraine", topic=topic)
    s = stance.classify("We discussed the situation on the frontline. We have a common view on how to move "
                        "towards victory.", ctx)
    assert (s.label, s.target) == ("support", "Ukraine–United Kingdom partnership")
    assert "common view" in s.evidence.split("; ")
    # the same talk of the war without the agreement takes no side
    assert stance.classify("We discussed the situation on the frontline. We talked about how to move towards "
                           "victory.", ctx) == stance.NO_TARGET


def test_a_negated_cue_opposes_only_an_alignment_the_sentence_names_clearly():
    ctx = stance.Context(speaker_country="Ukraine", lead="Volodymyr Zelenskyy expressed hope that ",
                         adversaries=("Russia",))
    # 'support' of the war is no partnership anyone proposes; nor does the endorsing frame make it support
    assert stance.classify("the Russian people would not support the war against the Ukrainian people",
                           ctx).label == "neutral"
    # a bloc, or a partnership of named countries, is opposed as before
    assert stance.classify("Hungary will not support the EU accession of Ukraine.").label == "oppose"
    assert stance.classify("Armenia will not support the Russia-Belarus union.").label == "oppose"


def test_a_documents_partnership_with_one_side_is_the_speakers_sides_partnership_with_it():
    topic = stance.Topic("partnership", "partnership", ("Russia",))
    # a speaker of another country takes it up: their country's partnership with it
    s = stance.classify("Russia is becoming increasingly toxic", stance.Context(speaker_country="Kazakhstan",
                                                                                  topic=topic))
    assert (s.label, s.target, s.parties) == ("oppose", "Kazakhstan–Russia partnership", ("Kazakhstan", "Russia"))
    # with nobody else, a partnership is too vague a topic to oppose ('we cannot support any of the options')
    vague = stance.Context(speaker_country="Ukraine", topic=stance.Topic("partnership", "partnership", ("Ukraine",)))
    assert stance.classify("We can't support any of the options that are being talked about.", vague) == \
        stance.NO_TARGET


def test_a_cue_whose_object_is_a_court_or_a_ceasefire_takes_no_position_on_the_partnership():
    topic = stance.Topic("Poland–Ukraine partnership", "partnership", ("Poland", "Ukraine"))
    ctx = stance.Context(speaker_country="Latvia", topic=topic)
    assert stance.classify("I support the need for a special court or tribunal that will deal with the crime of "
                           "aggression.", ctx).label == "neutral"
    ctx = stance.Context(speaker_country="Germany")
    assert stance.classify("Germany and France supported unconditional observance of the ceasefire regime.",
                           ctx).label == "neutral"
    # the partner, or a pronoun for it, is what the cue supports, whatever the war around it
    assert stance.classify("Poland will support our state both in the fight against aggression and in the "
                           "recovery.", ctx).label == "support"
    assert stance.classify("Poland will support Ukraine in the war.", ctx).label == "support"


def test_joining_what_is_no_alignment_supports_nothing():
    topic = stance.Topic("sanctions coalition", "sanctions", ())
    ctx = stance.Context(speaker_country="Ukraine", topic=topic)
    assert stance.classify("Everyone who has combat experience and can join the defense of Ukraine must immediately "
                           "come to the staffing centers.", ctx).label == "neutral"
    # a bloc, a coalition, sanctions, reconstruction with partners, a bloc's name: joined alignments
    assert stance.classify("Ukraine must join the alliance as soon as possible.", ctx).label == "support"
    assert stance.classify("Finland should join the coalition against aggression.", ctx).label == "support"
    assert stance.classify("Ukraine wants to join the European Union.", ctx).label == "support"


def test_a_threat_to_someones_energy_security_opposes():
    ctx = stance.Context(speaker_country="Lithuania")
    s = stance.classify("Nord Stream 2 is a geopolitical project that continues to threaten Europe's energy security",
                        ctx)
    assert s.label == "oppose"


def test_a_forum_named_after_a_place_with_words_between_is_no_party():
    text = "Today at the Munich Security Conference there is strong support for Ukraine's independence and sovereignty"
    mentions = (("Germany", "country", text.index("Munich"), text.index("Munich") + 6),
                ("Ukraine", "country", text.index("Ukraine"), text.index("Ukraine") + 7))
    s = stance.classify(text, stance.Context(mentions, "EU"))
    assert "Germany" not in s.parties and s.label == "support"


@pytest.mark.parametrize("text,target", [
    ("representatives of EU member states to actively decide on such assistance", "EU"),
    ("that today all NATO member states must help Ukraine with effective weapons", "NATO"),
    ("on the United States and other members of G7 to provide more financial support", "G7"),
    # a membership proposed: a singular member, or becoming members
    ("Our states must become full members of the EU.", "EU membership"),
    ("Ukraine will become a member of NATO.", "NATO membership"),
])
def test_the_members_of_a_bloc_name_the_bloc_not_a_membership(text, target):
    assert stance.classify(text, stance.Context(speaker_country="Ukraine")).target == target


@pytest.mark.parametrize("text,label", [
    ("It must completely stop this project, which is a weapon that is already being used against Ukraine and Europe",
     "oppose"),
    ("the commonality of assessments regarding the Nord Stream 2 project, which is used as an energy weapon", "oppose"),
    # the statement objects to who uses something as a weapon, not to what it supports
    ("Ukraine and Lithuania will work together against any efforts by third parties to use energy as a weapon",
     "support"),
    ("the unity of the Ukrainian people is an important weapon in resisting the aggressor", "neutral"),
])
def test_a_project_called_a_weapon_is_objected_to(text, label):
    topic = stance.Topic("Lithuania–Ukraine partnership", "partnership", ("Lithuania", "Ukraine"))
    assert stance.classify(text, stance.Context(speaker_country="Ukraine", topic=topic)).label == label


def test_an_encounter_with_a_person_the_document_gives_a_side_is_a_partnership_with_that_side():
    title = "Volodymyr Zelenskyy had a phone conversation with Boris Johnson"
    text = title + ". The President spoke with Prime Minister of the United Kingdom Boris Johnson."
    people = (("Boris Johnson", "United Kingdom"), ("Volodymyr Zelenskyy", "Ukraine"))
    t = stance.document_topic(title, text, ("Ukraine",), people=people)
    assert t is not None and t.parties == ("Ukraine", "United Kingdom")
    assert stance.document_topic(title, text, ("Ukraine",)) is None  # one side alone: too vague a topic
    # a person the title does not name is no side of its encounter
    assert stance.document_topic("Volodymyr Zelenskyy had a phone conversation with the Pope", text, ("Ukraine",),
                                 people=people) is None


@pytest.mark.parametrize("text,target", [
    ("that he personally and his country support the European aspirations of Ukraine and its people", "EU integration"),
    ("he expected Spain to support Ukraine's European perspective at the bilateral level", "EU integration"),
    ("Bucharest's effective support for our country's Euro-Atlantic aspirations", "NATO integration"),
])
def test_a_countrys_european_or_euro_atlantic_perspective_is_its_integration(text, target):
    s = stance.classify(text, stance.Context(speaker_country="Ukraine"))
    assert (s.label, s.target) == ("support", target)


@pytest.mark.parametrize("text,label", [
    ("the Federal Chancellor to pay a visit to Ukraine", "neutral"),
    ("the President of Poland to address the Verkhovna Rada of Ukraine", "neutral"),
    ("Japan to join the post-war reconstruction of our country", "support"),  # an invitation to take part
])
def test_an_invitation_to_visit_is_a_courtesy_that_takes_no_position(text, label):
    topic = stance.Topic("Germany–Ukraine partnership", "partnership", ("Germany", "Ukraine"))
    ctx = stance.Context(speaker_country="Ukraine", topic=topic, lead="Volodymyr Zelenskyy invited ")
    assert stance.classify(text, ctx).label == label


def test_a_bloc_before_an_office_or_a_mission_names_a_post_or_an_operation_not_an_alignment():
    ctx = stance.Context(speaker_country="Ukraine")
    s = stance.classify("Today I'm glad to announce that together with the former NATO Secretary General Anders Fogh "
                        "Rasmussen we're establishing an advisory group on security guarantees.", ctx)
    assert s.target != "NATO" and "NATO" not in s.parties
    assert stance.classify("We discussed the visit of the UN Secretary-General and the EU High Representative.",
                           ctx).target is None
    # nor does one before a mission's name: the operation, not an alignment
    assert stance.classify("Turkey also attaches great importance to the work of the OSCE Special Monitoring Mission "
                           "in Donbas.", ctx).target is None
    assert stance.classify("We insist on the full work of the OSCE SMM to prevent provocations.", ctx).target is None
    # the bloc itself is still a target
    s = stance.classify("Today I'm glad to announce that together with NATO we're establishing an advisory group.",
                        ctx)
    assert (s.label, s.target) == ("support", "NATO")


def test_sanctions_on_the_documents_aggressor_are_the_course_of_a_speaker_of_another_country():
    ctx = stance.Context(speaker_country="Ukraine", adversaries=("Russia",))
    s = stance.classify("All the consequences of the embargo will be manageable.", ctx)
    assert (s.label, s.target, s.evidence) == ("support", "sanctions coalition", "embargo")
    # not an end of them, not sanctions on someone the document does not call the aggressor, not a report
    assert stance.classify("There are plans to end the embargo.", ctx).label == "neutral"
    assert stance.classify("The consequences of the sanctions against Belarus will be manageable.",
                           ctx).label == "neutral"
    assert stance.classify("The parties discussed the sanctions.", ctx).label == "neutral"
    # the aggressor's own speaker, or a document with no aggressor, takes no course
    assert stance.classify("All the consequences of the embargo will be manageable.",
                           stance.Context(speaker_country="Russia", adversaries=("Russia",))).label == "neutral"
    assert stance.classify("All the consequences of the embargo will be manageable.",
                           stance.Context(speaker_country="Ukraine")).label == "neutral"


def test_the_agent_of_an_act_of_war_is_the_documents_aggressor():
    text = ("I ask those who want information about prisoners of war illegally detained by Russia to call. The line "
            "will help. The possibility of escalation by Russia has been constant for many years.")
    ms = stance.find_mentions(text)
    assert stance.adversaries(text, ms) == ("Russia",)
    # so no partnership with it, where nothing joins it to another country
    ctx = stance.Context(speaker_country="Ukraine", adversaries=("Russia",))
    s = stance.classify("I ask those who want information about prisoners illegally detained by Russia to call us: "
                        "the line will help.", ctx)
    assert "Russia" not in s.parties
    # a country that acts in no act of war is no aggressor
    text = "Their taxes finance the weapons with which the Russians are killing us."
    assert stance.adversaries(text, stance.find_mentions(text)) == ("Russia",)
    text = "Talks hosted by Poland went well."
    assert [m[0] for m in stance.find_mentions(text)] == ["Poland"] and stance.adversaries(
        text, stance.find_mentions(text)) == ()


def test_an_action_word_before_another_name_proposes_nothing_toward_the_bloc():
    ctx = stance.Context(speaker_country="Ukraine")
    s = stance.classify("We will integrate our system with the European Union's energy system and join ENTSO-E.", ctx)
    assert s.target == "EU integration"
    assert stance.classify("NATO member Estonia was named in the report.", ctx).target == "NATO"
    # the bloc itself, or a generic name of it, is still what is joined
    assert stance.classify("Ukraine will join the European Union.", ctx).target == "EU membership"
    assert stance.classify("Ukraine has long ago decided to join the Alliance.", ctx).target == "alliance membership"


def test_the_status_of_a_candidate_country_is_the_eus_accession():
    ctx = stance.Context(speaker_country="Ukraine")
    s = stance.classify("Ukrainian society has already proved its Europeanness, so our expectations for the status of a "
                        "candidate country in June are reasonable.", ctx)
    assert (s.label, s.target, s.parties) == ("support", "EU accession", ("Ukraine", "EU"))
    # a member that backs it is no joiner
    s = stance.classify("Spain would support granting Ukraine the status of a candidate country.", ctx)
    assert (s.target, s.parties) == ("EU accession", ("Ukraine", "EU"))
    # 'candidate status' needs Europe in the text: an election's is no accession; nor is a person's candidacy
    assert stance.classify("The election commission refused him candidate status.", ctx).target is None
    assert stance.classify("I call on deputies to support Oleksiy Reznikov's candidacy.", ctx).target is None
    assert stance.classify("Granting candidate status will recognise our European choice.", ctx).target == "EU accession"
