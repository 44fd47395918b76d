"""Tests for alliancecli.segment: title, body, boilerplate, reader comments, tiling."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from alliancecli.segment import Outline, segment
from texts import THREAD


def _texts(outline: Outline, kind: str) -> list[str]:
    return [outline.text[s.start:s.end] for s in outline.segments if s.kind == kind]


def _reason(outline: Outline, snippet: str) -> tuple[str, str | None]:
    """(kind, reason) of the one segment whose text is exactly ``snippet``."""
    hits = [s for s in outline.segments if outline.text[s.start:s.end] == snippet]
    assert len(hits) == 1, (snippet, outline.segments)
    return hits[0].kind, hits[0].reason


def _assert_tiles(outline: Outline):
    tiles = outline.tiled()
    n = len(outline.text)
    if n == 0:
        assert tiles == []
        return
    assert tiles[0].start == 0
    assert tiles[-1].end == n
    for a, b in zip(tiles, tiles[1:]):
        assert a.end == b.start
    assert all(t.start < t.end for t in tiles)
    assert sum(t.end - t.start for t in tiles) == n


# -- title and body ------------------------------------------------------------


def test_title_is_first_non_empty_line():
    text = "\n\n   \nKazakhstan weighs a union with Russia\n\nAstana and Moscow met on Tuesday.\n"
    o = segment(text)
    assert o.title == "Kazakhstan weighs a union with Russia"
    title = [s for s in o.segments if s.kind == "title"]
    assert len(title) == 1
    assert text[title[0].start:title[0].end] == o.title


def test_body_paragraphs():
    p1 = "Kazakhstan and Russia discussed closer economic ties on Tuesday, officials said."
    p2 = "The talks in Astana lasted three hours and ended without a joint statement."
    text = f"Talks in Astana\n\n{p1}\n\n{p2}\n"
    o = segment(text)
    assert _texts(o, "body") == [p1, p2]
    assert [text[s.start:s.end] for s in o.body] == [p1, p2]
    assert o.comments == []
    assert o.signatures == []


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    line1 = "Kazakhstan and Russia discussed closer economic ties and a gas union"
    line2 = "on Tuesday, officials in both capitals said."
    text = f"Title here\n\n{line1}\n{line2}\n"
    o = segment(text)
    assert _texts(o, "body") == [f"{line1}\n{line2}"]


def test_crlf_text_offsets():
    p1 = "Kazakhstan and Russia discussed closer economic ties on Tuesday."
    text = f"A title\r\n\r\n{p1}\r\n"
    o = segment(text)
    assert o.title == "A title"
    assert _texts(o, "body") == [p1]
    _assert_tiles(o)


# -- boilerplate --------------------------------------------------------------

ARTICLE = """Kazakhstan weighs a new union with Russia

Posted: 12 March 2023 by the editors

Kazakhstan and Russia discussed closer economic ties on Tuesday, officials said.

Kazakhstan weighs a new union with Russia

Why Moscow wants a gas union with its Central Asian neighbours

Officials will meet again next month to discuss the gas union. pic.twitter.com/AbC123xyz

Leaders pose for a photo in Astana on Tuesday. JOHN DOE/AFP/Getty Images

This is a quoted post that a journalist embedded in the story.

— Jane Roe (@jroe) January 29, 2024

Share this article and follow our channel

Thank you for reading and supporting the author!

Disclaimer: the views expressed are those of the author.
"""


def test_boilerplate_signals():
    o = segment(ARTICLE)
    assert o.title == "Kazakhstan weighs a new union with Russia"
    assert _reason(o, "Posted: 12 March 2023 by the editors") == ("boilerplate", "label")
    assert _reason(o, "Disclaimer: the views expressed are those of the author.") == ("boilerplate", "label")
    assert _reason(o, "Share this article and follow our channel") == ("boilerplate", "prompt")
    assert _reason(o, "Thank you for reading and supporting the author!") == ("boilerplate", "prompt")
    # 10 words, no final punctuation, single line: a related-article headline
    assert _reason(o, "Why Moscow wants a gas union with its Central Asian neighbours") == (
        "boilerplate", "headline-like line")
    assert _reason(o, "— Jane Roe (@jroe) January 29, 2024") == ("boilerplate", "post signature")


def test_line_repeating_the_title_is_boilerplate():
    o = segment(ARTICLE)
    repeats = [s for s in o.segments if ARTICLE[s.start:s.end] == o.title]
    assert [s.kind for s in repeats] == ["title", "boilerplate"]
    assert repeats[1].reason == "repeats the title"


def test_trailing_link_and_photo_credit_are_split_off():
    o = segment(ARTICLE)
    assert _reason(o, "Officials will meet again next month to discuss the gas union.") == ("body", None)
    assert _reason(o, "pic.twitter.com/AbC123xyz") == ("boilerplate", "trailing link")
    assert _reason(o, "Leaders pose for a photo in Astana on Tuesday.") == ("body", None)
    assert _reason(o, "JOHN DOE/AFP/Getty Images") == ("boilerplate", "credit")


def test_body_of_boilerplate_article():
    o = segment(ARTICLE)
    assert _texts(o, "body") == [
        "Kazakhstan and Russia discussed closer economic ties on Tuesday, officials said.",
        "Officials will meet again next month to discuss the gas union.",
        "Leaders pose for a photo in Astana on Tuesday.",
        "This is a quoted post that a journalist embedded in the story.",
    ]
    _assert_tiles(o)


def test_dash_signature_recorded():
    o = segment(ARTICLE)
    assert len(o.signatures) == 1
    sig = o.signatures[0]
    assert sig.name == "Jane Roe"
    assert ARTICLE[sig.name_start:sig.name_end] == "Jane Roe"
    assert ARTICLE[sig.line_start:sig.line_end] == "— Jane Roe (@jroe) January 29, 2024"


def test_short_sentence_with_final_punctuation_is_body():
    text = "Title\n\nMoscow wants a gas union with its Central Asian neighbours.\n"
    o = segment(text)
    assert _texts(o, "body") == ["Moscow wants a gas union with its Central Asian neighbours."]


# -- a file without a title line keeps its lead ---------------------------------

LEAD = ("The mayor of Lakeport said on Monday that the city would close two of its four bridges "
        "for repairs this summer, a decision that angered shop owners along the river.")
SECOND = ("Work on the older of the two bridges is to start in June and last about three months, "
          "according to a notice posted at city hall.")


def test_long_first_paragraph_of_prose_is_body_not_title():
    # 29 words, one sentence: with a next paragraph of similar length it reads as a lead
    o = segment(f"{LEAD}\n\n{SECOND}\n")
    assert o.title == ""
    assert [s.kind for s in o.segments] == ["body", "body"]
    assert _texts(o, "body") == [LEAD, SECOND]
    _assert_tiles(o)


def test_first_paragraph_with_several_sentences_or_a_quotation_is_body():
    two = ("Shop owners on River Street want the work moved to the winter. "
           "They say the summer is when they earn most of their money.")
    quoted = ('"We will lose the whole season," said Ana Ruiz, who runs a bakery two doors '
              'from the older bridge on River Street.')
    long_next = " ".join([SECOND] * 4)  # a next paragraph far longer: only the sentence signs decide
    for first in (two, quoted):
        o = segment(f"{first}\n\n{long_next}\n")
        assert o.title == "", first
        assert _texts(o, "body")[0] == first


def test_lead_dateline_makes_the_first_paragraph_a_lead():
    lead = "LAKEPORT (Wire) — The city will close two bridges this summer."
    o = segment(f"{lead}\n\n{SECOND}\n")
    assert o.title == ""
    assert _texts(o, "body")[0] == lead


def test_a_file_of_one_paragraph_of_prose_is_all_body():
    text = ("The council met for three hours on Tuesday and voted to delay the bridge work "
            "until the autumn, after shop owners filled the public gallery.")
    o = segment(text)
    assert o.title == ""
    assert [s.kind for s in o.segments] == ["body"]


def test_headlines_stay_titles():
    cases = [
        "Lakeport to close two bridges this summer",  # no final punctuation
        "Lakeport Will Close Two Bridges This Summer, Mayor Says.",  # headline case
        "Bridge closures anger shop owners. Again.",  # short, even with two sentences
        # long, ends like a sentence, but far shorter than the text under it
        "Lakeport will close two of its four bridges for repairs this summer, and shop owners "
        "along the river are not happy about it at all.",
    ]
    long_next = " ".join([SECOND] * 4)
    for title in cases:
        o = segment(f"{title}\n\n{long_next}\n")
        assert o.title == title
        assert o.segments[0].kind == "title"


def test_title_given_by_the_input_is_the_title_whatever_it_looks_like():
    o = segment(f"{LEAD}\n\n{SECOND}\n", title=LEAD)
    assert o.title == LEAD
    assert [s.kind for s in o.segments] == ["title", "body"]
    # a given title that the text does not start with changes nothing
    assert segment(f"{LEAD}\n\n{SECOND}\n", title="Another headline").title == ""


# -- prose is not boilerplate on one weak signal -------------------------------------

CONTACT = ("The city has not said how much the repairs will cost. Residents who want to comment "
           "on the plan can write to the public works office before the end of the month, the "
           "notice says. Readers who know more about the closures can tell us at news.desk@lakeport-daily.example")


def test_long_final_paragraph_ending_with_an_email_address_is_body():
    o = segment(f"Bridges to close\n\n{SECOND}\n\n{CONTACT}\n")
    assert _reason(o, CONTACT) == ("body", None)


def test_prose_quoting_a_prompt_phrase_is_body():
    par = ('"We invite every business on the river to join us in asking for a winter schedule," '
           "the shop owners' association said in a statement on Tuesday, adding that the city had "
           "not answered its letters.")
    o = segment(f"Bridges to close\n\n{SECOND}\n\n{par}\n")
    assert _reason(o, par) == ("body", None)


def test_prose_with_two_signals_is_still_boilerplate():
    par = ("Get our morning newsletter in your inbox every weekday. Just click here and enter your "
           "e-mail address at https://lakeport-daily.example/signup to join. You can unsubscribe "
           "at any time, and we never share your address.")
    o = segment(f"Bridges to close\n\n{SECOND}\n\n{par}\n")
    assert _reason(o, par) == ("boilerplate", "prompt")


def test_short_paragraph_needs_only_one_signal():
    o = segment(f"Bridges to close\n\n{SECOND}\n\nFollow us for more news\n\nContact: desk@lakeport-daily.example\n")
    assert _reason(o, "Follow us for more news") == ("boilerplate", "prompt")
    assert _reason(o, "Contact: desk@lakeport-daily.example") == ("boilerplate", "link")


# -- reader comments -------------------------------------------------------------



def _by_path(o: Outline):
    return {c.path: c for c in o.comments}


def test_comment_tree_paths_and_parents():
    o = segment(THREAD)
    assert [(c.path, c.parent_path) for c in o.comments] == [
        ("1", None), ("2", None), ("2.1", "2"), ("2.2", "2"), ("2.2.1", "2.2"), ("3", None),
    ]


def test_numbered_article_paragraphs_are_not_comments():
    o = segment(THREAD)
    body = _texts(o, "body")
    assert body == [
        "Moscow proposed a gas union to its neighbours this week.",
        "1. Astana answered that the union is premature.",
        "2. Tashkent said the talks are only commercial.",
    ]
    first_comment = min(c.block_start for c in o.comments)
    assert THREAD[first_comment:].startswith("  1. Ivan Petrov")


def test_comment_headers():
    c = _by_path(segment(THREAD))
    # one-line header with a bracketed display name
    assert (c["1"].author, c["1"].display_name, c["1"].posted) == ("Ivan Petrov", "Vanya", "2022-12-09T16:56")
    # two-line header: "NAME Offline NAME" then "NAME (DISPLAY) date"
    assert (c["2"].author, c["2"].display_name, c["2"].posted) == ("steppe_fox", "Aigul", "2022-12-09T17:01")
    # "Online", no display name
    assert (c["2.2"].author, c["2.2"].display_name, c["2.2"].posted) == ("Marat", None, "2022-12-10T08:05")
    assert c["2.2.1"].posted == "2022-12-10T09:15"
    # one-line header without status or display name; a one-digit hour
    assert (c["3"].author, c["3"].display_name, c["3"].posted) == ("Oleg", None, "2022-12-11T06:36")


def test_comment_text_excludes_headers():
    o = segment(THREAD)
    c = _by_path(o)
    assert THREAD[c["1"].start:c["1"].end] == "Nobody needs this union."
    assert THREAD[c["2"].start:c["2"].end] == (
        "The union is a bad idea for Kazakhstan.\n\n    It would cost us our independence.")
    assert [THREAD[a:b] for a, b in c["2"].paragraphs] == [
        "The union is a bad idea for Kazakhstan.", "It would cost us our independence."]
    assert THREAD[c["3"].start:c["3"].end] == "Only time will tell."
    for cm in o.comments:
        assert cm.block_start <= cm.start <= cm.end <= cm.block_end


def test_deleted_comment():
    c = _by_path(segment(THREAD))["2.1"]
    assert c.deleted is True
    assert c.author is None and c.posted is None
    assert THREAD[c.start:c.end] == "The comment was deleted."
    assert c.paragraphs == []


def test_quote_block_in_comment():
    c = _by_path(segment(THREAD))["2.2"]
    assert c.quotes_author == "steppe_fox"
    assert len(c.quoted) == 1
    q = c.quoted[0]
    assert q.name == "steppe_fox"
    assert THREAD[q.line_start:q.line_end].strip() == "Quote: steppe_fox"
    assert THREAD[q.start:q.end] == "The union is a bad idea for Kazakhstan."
    # the commenter's own words exclude the quoted block
    assert [THREAD[a:b] for a, b in c.paragraphs] == ["I disagree with you completely."]


def test_comment_segments_cover_the_thread_and_tile():
    o = segment(THREAD)
    comments = [s for s in o.segments if s.kind == "comment"]
    assert len(comments) == len(o.comments)
    for a, b in zip(comments, comments[1:]):
        assert a.end == b.start
    assert comments[-1].end == len(THREAD)
    _assert_tiles(o)


def test_two_line_header_needs_matching_handle():
    # "1. Some sentence" followed by an unrelated dated line is not a comment header
    text = "Title\n\nIntro paragraph for the article.\n\n1. The first point.\nBob 9 December 2022 16: 56\n"
    o = segment(text)
    assert o.comments == []


def test_tiled_covers_every_character_once():
    for text in (ARTICLE, THREAD, "", "one line", "\n\n", "Title\n\n\n   \n"):
        _assert_tiles(segment(text))


def test_tiled_of_blank_text_is_one_boilerplate_tile():
    o = segment("\n  \n")
    assert o.segments == []
    tiles = o.tiled()
    assert [(t.kind, t.start, t.end) for t in tiles] == [("boilerplate", 0, 4)]


# -- properties ---------------------------------------------------------------------

FRAGMENTS = [
    '"', "“", "”", "»", "«", "\n", "\r\n", "  1. ", "    2. ", "1. ", "Quote: x\n", "The comment was deleted.",
    " 9 December 2022 16: 56\n", "Bob", "Bob Offline Bob\n", " ", "word", "Posted: x", ":",
    " pic.twitter.com/x", " JOHN DOE/AFP/Getty Images", "— Jane Roe (@jroe) January 29, 2024", ".",
]

texts = st.one_of(st.text(), st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_segment_properties(text):
    o = segment(text)
    n = len(text)
    for s in o.segments:
        assert 0 <= s.start <= s.end <= n
    for c in o.comments:
        spans = [(c.start, c.end), (c.block_start, c.block_end), *c.paragraphs]
        spans += [(q.start, q.end) for q in c.quoted] + [(q.line_start, q.line_end) for q in c.quoted]
        for a, b in spans:
            assert 0 <= a <= b <= n
    for sig in o.signatures:
        assert 0 <= sig.line_start <= sig.name_start <= sig.name_end <= sig.line_end <= n
    _assert_tiles(o)


def test_a_quotation_signed_with_a_dash_is_body_not_a_headline():
    """'“…” ― Name' ends in a name without a full stop and is short, like a headline; it is a statement."""
    text = ("Readers on the debate\n\n"
            "“The most unqualified child to ever run for president.” ― Francisco Herrero\n\n"
            "Why Moscow wants a gas union with its Central Asian neighbours")
    o = segment(text)
    assert _reason(o, "“The most unqualified child to ever run for president.” ― Francisco Herrero") == ("body", None)
    assert _reason(o, "Why Moscow wants a gas union with its Central Asian neighbours") == (
        "boilerplate", "headline-like line")


def test_a_share_of_something_is_no_prompt_to_share():
    """'has his share of support in our district' reads like 'share … our': a short quoted paragraph was
    dropped as boilerplate on that one signal."""
    text = ("Delegates meet\n\nThe district saw 30 applicants for delegate slots.\n\n"
            "“Donald Trump has his share of support in our district,” he said.\n\nShare this with our readers\n")
    o = segment(text)
    kinds = {text[s.start:s.end]: s.kind for s in o.segments}
    assert kinds["“Donald Trump has his share of support in our district,” he said."] == "body"
    assert kinds["Share this with our readers"] == "boilerplate"
