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
