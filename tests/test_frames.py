"""Tests for alliancecli.quotes.frames: attribution frames learned from annotated news.

The mechanism runs through the real pipeline (segment -> spaCy -> pipeline.analyse) with a frame table
set by the test, so that what is asserted is the mechanism, not what one training run learned."""
from __future__ import annotations

import hashlib

import pytest

from alliancecli import pipeline, quotes, reader
from alliancecli.quotes import frames
from alliancecli.segment import segment


@pytest.fixture(scope="module")
def nlp():
    from alliancecli import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture
def analyse(nlp, monkeypatch):
    """(body, frames in use) -> the (kind, text, speaker, speaker text, cue) of the statements the frames
    alone find."""

    def run(body: str, used: set[str], acts: set[str] = frozenset(), mechanisms=None, rows_of=False):
        raw = {"min_share": 0.5, "min_count": 3, "min_words": 2, "frames": {}}
        monkeypatch.setattr(frames, "model", lambda: (used, raw))
        monkeypatch.setattr(frames, "act_model", lambda: (acts, 1))
        monkeypatch.setattr(quotes, "MECHANISMS", mechanisms or [quotes.FRAMES])  # the frames alone
        text = f"A title for the test\n\n{body}\n"
        src = reader.SourceFile("test.txt", text, hashlib.sha256(text.encode()).hexdigest(), "utf-8")
        outline = segment(text)
        units = pipeline.plan_units(outline)
        docs = list(nlp.pipe([text[u.start:u.end] for u in units]))
        rows = pipeline.analyse(pipeline.Prepared(src, outline, units, None), docs)
        if rows_of:
            return rows
        return [(s["kind"], s["text"], s["speaker"], s["speaker_text"], s["cue"]) for s in rows.statements]

    return run


def test_a_learned_frame_attributes_its_object(analyse):
    body = "Senator Jane Miller sharply criticized the mayor's plan to close the library."
    assert analyse(body, {"criticize|dobj"}) == [
        ("indirect", "the mayor's plan to close the library", "Jane Miller", "Jane Miller", "criticized")]


def test_a_frame_not_learned_attributes_nothing(analyse):
    body = "Senator Jane Miller sharply criticized the mayor's plan to close the library."
    assert analyse(body, {"praise|dobj"}) == []


def test_an_act_aimed_at_a_target_is_not_a_statement(analyse):
    # a noun phrase alone is what the act is aimed at or about, not something said; a relative clause
    # only describes it
    for body in ("Senator Jane Miller sharply criticized the mayor's budget.",
                 "Senator Jane Miller thanked the mayor of Springfield for his work.",
                 "Senator Jane Miller discussed the budget, which was passed in May, with the mayor."):
        assert analyse(body, {"criticize|dobj", "thank|dobj", "discuss|dobj"}) == [], body


def test_an_act_of_a_learned_act_frame_is_recorded_apart_from_the_statements(analyse):
    body = "Senator Jane Miller sharply criticized the mayor's budget. She also thanked the mayor of Springfield."
    rows = analyse(body, set(), acts={"criticize|dobj", "thank|dobj"}, rows_of=True)
    assert rows.statements == []
    assert [(a["text"], a["speaker"], a["speaker_text"], a["cue"], a["frame"]) for a in rows.acts] == [
        ("the mayor's budget", "Jane Miller", "Jane Miller", "criticized", "criticize|dobj"),
        ("the mayor of Springfield", "Jane Miller", "She", "thanked", "thank|dobj")]


def test_an_act_frame_not_learned_records_nothing(analyse):
    body = "Senator Jane Miller sharply criticized the mayor's budget."
    assert analyse(body, set(), acts={"praise|dobj"}, rows_of=True).acts == []


def test_an_act_whose_words_a_statement_holds_is_not_recorded(analyse):
    body = 'Senator Jane Miller said: "We criticized the mayor\'s budget and we will do it again."'
    rows = analyse(body, set(), acts={"criticize|dobj"}, mechanisms=list(quotes.MECHANISMS), rows_of=True)
    assert rows.statements and rows.acts == []


def test_a_clause_in_the_object_is_a_statement_not_an_act(analyse):
    body = "Senator Jane Miller stressed the need to reopen the library before the winter."
    rows = analyse(body, {"stress|dobj"}, acts={"stress|dobj"}, rows_of=True)
    assert [s["text"] for s in rows.statements] == ["the need to reopen the library before the winter"]
    assert rows.acts == []


def test_a_noun_of_saying_or_a_clause_in_the_object_is_a_statement(analyse):
    body = "Senator Jane Miller cited several remarks by the mayor about the library."
    assert [t for _, t, *_ in analyse(body, {"cite|dobj"})] == ["several remarks by the mayor about the library"]
    body = "Senator Jane Miller stressed the need to reopen the library before the winter."
    assert [t for _, t, *_ in analyse(body, {"stress|dobj"})] == ["the need to reopen the library before the winter"]


def test_the_that_clause_of_the_object_is_the_content(analyse):
    body = "Senator Jane Miller expressed hope that a new, larger library would open before the winter."
    assert analyse(body, {"express|dobj"}) == [
        ("indirect", "a new, larger library would open before the winter", "Jane Miller", "Jane Miller",
         "expressed")]


def test_a_frame_with_quoted_words_is_a_mixed_quotation(analyse):
    body = 'Senator Jane Miller stressed the need to "reopen the library before the winter comes."'
    assert [(k, t, sp) for k, t, sp, *_ in analyse(body, {"stress|dobj"})] == [
        ("quote", 'the need to "reopen the library before the winter comes."', "Jane Miller")]


def test_a_quotation_another_mechanism_attributed_keeps_its_speaker():
    """A learned frame carries the quoted words, not the speaker the quotation marks place: it does not
    become the quotation (which would displace the quotation's own statement)."""
    from alliancecli.quotes import State, Statement, Unit
    from alliancecli.quotes.marks import scan_quotes
    from alliancecli.quotes.merge import merge
    from alliancecli.quotes.view import DocView

    text = 'Jane Miller said that, as the mayor put it, "the library must close before the winter."'
    view = DocView(text, [Unit(0, len(text), "body")], [], [])
    view.set_quotes(scan_quotes(text, [(0, len(text))]))
    q = text.index('"')
    frame = Statement("indirect", text.index("as the"), len(text) - 1, "Jane Miller", 0, 11, "said", learned=True)
    quote = Statement("quote", q + 1, len(text) - 2, "mayor", text.index("mayor"), text.index("mayor") + 5, "put")
    got = merge(view, State(view, None, [frame, quote]))
    assert [(st.kind, st.speaker) for st in got] == [("quote", "mayor")]


def test_a_prepositional_frame_attributes_the_object_of_the_preposition(analyse):
    body = "The governor complained about how the papers covered his campaign."
    assert analyse(body, {"complain|prep:about"}) == [
        ("indirect", "how the papers covered his campaign", "governor", "governor", "complained")]


def test_the_passive_attributes_a_clause_to_the_agent(analyse):
    body = "An effort to close the library was backed by the Dallas Morning News."
    got = analyse(body, {"back|passive"})
    assert [(k, t, sp_text, cue) for k, t, _, sp_text, cue in got] == [
        ("indirect", "An effort to close the library", "Dallas Morning News", "backed")]
    assert analyse("The Democratic nominee has been endorsed by the Dallas Morning News.", {"endorse|passive"}) == []


def test_a_participle_attributes_to_the_noun_it_describes(analyse):
    body = "Protesters held a rally with veterans urging the governor to resign."
    assert analyse(body, {"urge|dobj"}) == [
        ("indirect", "the governor to resign", "veterans", "veterans", "urging")]


def test_no_frame_without_a_source_subject(analyse):
    assert analyse("It sharply criticized the mayor's plan to close the library.", {"criticize|dobj"}) == []


def test_no_frame_in_the_introduction_of_a_block(analyse):
    body = "The mayor wants to explain that the plan was misunderstood:\n\nThe library stays open."
    assert [t for _, t, *_ in analyse(body, {"want|xcomp", "explain|ccomp"}) if "misunderstood" in t] == []


def test_frames_are_on(nlp):
    assert quotes.FRAMES in quotes.MECHANISMS


def test_the_shipped_table_holds_counts_only():
    _, raw = frames.model()
    for table in ("frames", "acts"):
        assert raw[table] and all(isinstance(h, int) and isinstance(s, int) and 0 <= h <= s
                                  for h, s in raw[table].values())
        assert all(len(f.split("|")) == 2 for f in raw[table])
    acts, words = frames.act_model()
    assert acts and words >= 1


def test_frames_are_chosen_by_share_and_count():
    raw = {"min_share": 0.5, "min_count": 3, "frames": {
        "criticize|dobj": [6, 10], "have|dobj": [1, 50], "liken|prep:to": [2, 2], "call|oprd": [3, 6]}}
    assert frames.chosen(raw) == {"criticize|dobj", "call|oprd"}
