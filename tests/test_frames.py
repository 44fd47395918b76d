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
    """(body, frames in use) -> the (kind, text, speaker, speaker text, cue) of the statements."""

    def run(body: str, used: set[str]):
        raw = {"min_share": 0.5, "min_count": 3, "min_words": 2, "frames": {}}
        monkeypatch.setattr(frames, "model", lambda: (used, raw))
        monkeypatch.setattr(quotes, "MECHANISMS", quotes.MECHANISMS + [quotes.FRAMES])
        text = f"A title for the test\n\n{body}\n"
        src = reader.SourceFile("test.txt", text, hashlib.sha256(text.encode()).hexdigest(), "utf-8")
        outline = segment(text)
        units = pipeline.plan_units(outline)
        docs = list(nlp.pipe([text[u.start:u.end] for u in units]))
        rows = pipeline.analyse(pipeline.Prepared(src, outline, units, None), docs)
        return [(s["kind"], s["text"], s["speaker"], s["speaker_text"], s["cue"]) for s in rows.statements]

    return run


def test_a_learned_frame_attributes_its_object(analyse):
    body = "Senator Jane Miller sharply criticized the mayor's budget."
    assert analyse(body, {"criticize|dobj"}) == [
        ("indirect", "the mayor's budget", "Jane Miller", "Jane Miller", "criticized")]


def test_a_frame_not_learned_attributes_nothing(analyse):
    assert analyse("Senator Jane Miller sharply criticized the mayor's budget.", {"praise|dobj"}) == []


def test_a_prepositional_frame_attributes_the_object_of_the_preposition(analyse):
    body = "The governor complained about the coverage of his campaign."
    assert analyse(body, {"complain|prep:about"}) == [
        ("indirect", "the coverage of his campaign", "governor", "governor", "complained")]


def test_the_passive_attributes_to_the_agent(analyse):
    body = "The Democratic nominee has been endorsed by the Dallas Morning News."
    got = analyse(body, {"endorse|passive"})
    assert [(k, t, sp_text, cue) for k, t, _, sp_text, cue in got] == [
        ("indirect", "The Democratic nominee", "the Dallas Morning News", "endorsed")]


def test_a_participle_attributes_to_the_noun_it_describes(analyse):
    body = "Protesters held a rally with veterans attacking the former governor."
    assert analyse(body, {"attack|dobj"}) == [
        ("indirect", "the former governor", "veterans", "veterans", "attacking")]


def test_no_frame_without_a_source_subject(analyse):
    assert analyse("It sharply criticized the mayor's budget.", {"criticize|dobj"}) == []


def test_frames_are_off_by_default(nlp):
    text = "A title for the test\n\nProtesters held a rally with veterans attacking the former governor.\n"
    src = reader.SourceFile("test.txt", text, hashlib.sha256(text.encode()).hexdigest(), "utf-8")
    outline = segment(text)
    units = pipeline.plan_units(outline)
    docs = list(nlp.pipe([text[u.start:u.end] for u in units]))
    assert quotes.FRAMES not in quotes.MECHANISMS
    assert pipeline.analyse(pipeline.Prepared(src, outline, units, None), docs).statements == []


def test_the_shipped_table_holds_counts_only():
    _, raw = frames.model()
    assert raw["frames"] and all(isinstance(h, int) and isinstance(s, int) and 0 <= h <= s
                                 for h, s in raw["frames"].values())
    assert all(len(f.split("|")) == 2 for f in raw["frames"])


def test_frames_are_chosen_by_share_and_count():
    raw = {"min_share": 0.5, "min_count": 3, "frames": {
        "criticize|dobj": [6, 10], "have|dobj": [1, 50], "liken|prep:to": [2, 2], "call|oprd": [3, 6]}}
    assert frames.chosen(raw) == {"criticize|dobj", "call|oprd"}
