"""quotes.documents: quotations a document introduces, with its author where the text ties one."""
from __future__ import annotations

from tests.quotes_kit import attribute_text


def test_author_from_an_earlier_sentence():
    """'The President sent a message …. The message reads, in part: "…"': the author speaks, the
    message is the mention."""
    [(kind, words, speaker, written, _)] = attribute_text(
        "Anna Berg sent a message to the summit. The message reads, in part: "
        "\"We will never give up our freedom, and we will win.\"")
    assert (kind, words, speaker, written) == (
        "quote", "We will never give up our freedom, and we will win.", "Anna Berg", "message")


def test_author_from_the_mention_itself():
    rows = attribute_text("In its statement, the group said more. "
                          "\"Such sanctions will deprive the regime of its revenue,\" the statement reads.")
    assert [(k, w, s, x) for k, w, s, x, _ in rows if k == "quote"] == [
        ("quote", "Such sanctions will deprive the regime of its revenue", "group", "statement")]


def test_no_author_the_document_speaks():
    assert attribute_text("\"We demand an end to the war,\" the letter says.") == [
        ("quote", "We demand an end to the war", "letter", "letter", "document")]
    assert attribute_text("According to the decree, \"the ministry must report within ten days.\"") == [
        ("quote", "the ministry must report within ten days.", "decree", "decree", "document")]


def test_a_document_cue_the_parser_read_as_a_noun():
    """'…," the email read.': the parser makes 'read' a noun with 'email' its compound."""
    rows = attribute_text("Anna Berg sent an email to her supporters on Friday. \"Friend, let me be blunt. "
                          "I can win this race. My rival can't,\" the email read.")
    assert [(k, w, s, x) for k, w, s, x, _ in rows] == [
        ("quote", "Friend, let me be blunt. I can win this race. My rival can't", "Anna Berg", "email")]


def test_a_document_cue_right_before_the_quotation_without_a_colon():
    rows = attribute_text("A welcome message on the website reads “Hello, neighbours! You are welcome to "
                          "move here if the election goes wrong!”")
    assert [(k, s, x) for k, _, s, x, _ in rows] == [("quote", "welcome message", "welcome message")]


def test_a_document_cue_split_off_into_its_own_sentence():
    """'"… country!" a welcome message on the website reads.': the quotation ends its sentence with '!'."""
    rows = attribute_text("“Hello, neighbours! Your new home may be closer than you think!” a welcome message on "
                          "the website reads.")
    assert [(k, w, s, x) for k, w, s, x, _ in rows] == [
        ("quote", "Hello, neighbours! Your new home may be closer than you think!", "welcome message",
         "welcome message")]


def test_a_document_noun_the_parser_read_as_an_adjective():
    rows = attribute_text("“If she wants to be the next governor, she should come to the coast and see it,” "
                          "the editorial read.")
    assert [(k, w, x, kind) for k, w, _, x, kind in rows] == [
        ("quote", "If she wants to be the next governor, she should come to the coast and see it", "editorial",
         "document")]


def test_a_name_in_front_of_the_document_is_its_author():
    rows = attribute_text("Her rivals paint him as a danger. “If he wins, they could be running the country,” "
                          "one Clinton ad declared.")
    assert [(k, s, x) for k, _, s, x, _ in rows if k == "quote"] == [("quote", "Clinton", "Clinton ad")]


def test_the_issuer_of_a_statement_saying_speaks_with_its_own_mention():
    """'X issued a statement saying "…"': X speaks, and X is the mention, whether named, a pronoun or a body."""
    [(kind, _, speaker, written, _)] = attribute_text(
        'Anna Berg issued a statement saying that the deal was "a disaster for the whole country and its people."')
    assert (kind, speaker, written) == ("quote", "Anna Berg", "Anna Berg")
    rows = attribute_text('Anna Berg lost the vote. She released a statement saying the result was '
                          '"a betrayal of every voter who trusted the party."')
    assert [(s, w) for k, _, s, w, _ in rows if k == "quote"] == [("Anna Berg", "She")]
    [(_, _, speaker, written, _)] = attribute_text(
        'His office put out a statement saying the country "does not have the capacity to vet every refugee."')
    assert (speaker, written) == ("His office", "His office")


def test_a_body_a_name_owns_issues_a_document():
    """'Berg's campaign sent out a press release saying …': the campaign is the issuer, as a named body is."""
    rows = attribute_text("Shortly after the call ended, Anna Berg's campaign sent out a press release saying Jones owes "
                          "\u201cthe voters an explanation for voting against the funding.\u201d")
    assert [(k, w) for k, _, _, w, _ in rows] == [("quote", "Anna Berg's campaign")]
    # a noun no name owns does not issue anything: the document stays the mention
    rows = attribute_text("Shortly after the call ended, the weather sent out a press release saying Jones owes "
                          "\u201cthe voters an explanation for voting against the funding.\u201d")
    assert all(w != "weather" for _, _, _, w, _ in rows)


def test_a_source_that_issues_a_document_before_a_colon_speaks():
    """'The ministry released a statement: "…"': the issuer speaks, with its own mention; what the document
    itself says keeps the document as the mention."""
    [(kind, words, speaker, written, _)] = attribute_text(
        "The ministry released a statement: \u201cWe will not accept this, and we will respond.\u201d")
    assert (kind, words, speaker, written) == ("quote", "We will not accept this, and we will respond.", "ministry",
                                               "ministry")
    rows = attribute_text("Anna Berg lost the vote. On Monday she issued a statement: "
                          "\u201cWe will fight on until the very end.\u201d")
    assert [(s, w) for _, _, s, w, _ in rows] == [("Anna Berg", "she")]
    # a colon after a document no one is said to issue is no issue
    rows = attribute_text("The ministry read a statement: \u201cWe will not accept this, and we will respond.\u201d")
    assert all(w != "ministry" for _, _, _, w, _ in rows)


def test_a_statement_nobody_is_said_to_issue_stays_the_mention():
    [(_, _, _, written, _)] = attribute_text(
        'Anna Berg spoke on Monday. A statement saying the deal was "a disaster for the whole country" circulated.')
    assert written == "statement"


def test_the_agent_of_the_participle_that_issued_a_document_is_its_author():
    [(kind, _, speaker, written, _)] = attribute_text(
        'In addition, a fundraising email sent out by Anna Berg on Tuesday night warned of the fight ahead: '
        '"There are 14 primaries and caucuses over the next three weeks."')
    assert (kind, speaker, written) == ("quote", "Anna Berg", "fundraising email")
    [(kind, _, speaker, written, _)] = attribute_text(
        "A statement released by the ministry said that the talks would resume next week in Geneva.")
    assert (kind, speaker, written) == ("indirect", "ministry", "ministry")


def test_an_introduction_that_is_only_from_a_document_gives_the_document():
    rows = attribute_text("Aides say she plans to support the bill. From Anna Berg's Facebook post: \"For the sake of "
                          "our party and country, we must move to overcome the divisiveness.\"")
    assert [(s, x) for k, _, s, x, _ in rows if k == "quote"] == [("Anna Berg", "Berg's Facebook post")]
    # 'from' inside a longer introduction is no source
    rows = attribute_text("Anna Berg came back from the summit with a message: \"We will never give up our freedom, "
                          "and we will win.\"")
    assert all(x != "summit" for _, _, _, x, _ in rows)


def test_an_inverted_read_after_a_quotation_names_the_document():
    """'"…," read the email.': the parser takes the document for the object of 'read'."""
    from tests.quotes_kit import attribute_text

    rows = attribute_text('"Our campaign has already forced the senator to change her mind on many matters," read '
                          'the email. "And with every vote we get stronger."')
    assert [(k, w, s) for k, w, s, _, _ in rows] == [
        ("quote", "Our campaign has already forced the senator to change her mind on many matters", "email"),
        ("quote", "And with every vote we get stronger.", "email")]


def test_another_kind_of_document_in_the_issuing_sentence_does_not_hide_the_author():
    """'the DNC issued a statement apologizing for the emails. … "…," the statement said': the emails name no
    author, and the statement the sentence issues is still the DNC's; an author further back is no one's guess."""
    rows = attribute_text("At the chair's direction, the committee issued a statement apologizing to Anna Berg for the "
                          "emails.\n\n\u201cOn behalf of everyone here, we want to offer a deep and sincere apology to "
                          "Senator Berg,\u201d the statement said.")
    assert [(s, w) for k, _, s, w, _ in rows if k == "quote"] == [("committee", "statement")]
    # past a sentence about other documents, the statement is left as it is: no guess
    rows = attribute_text("The committee issued a statement on Monday. The lawsuit names the emails.\n\n"
                          "\u201cWe want to offer a deep and sincere apology to everyone,\u201d the statement said.")
    assert [(s, w) for k, _, s, w, _ in rows if k == "quote"] == [("statement", "statement")]
