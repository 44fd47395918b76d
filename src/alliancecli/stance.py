"""Stance of a statement toward the alliance, union or rapprochement it is about.

Rule-based and explainable: cues from ``data/stance.json`` add up to a score; a
negation just before a support cue turns it into opposition; the matched words are
kept as evidence.  Sentiment is not stance: "integration is the only way to survive
NATO pressure" scores as support, whatever its tone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_json


@dataclass(frozen=True)
class Stance:
    label: str  # support, oppose, neutral
    score: float  # > 0 support, < 0 oppose
    evidence: str | None  # the words that decided it


@lru_cache(maxsize=1)
def _rules():
    raw = load_json("stance.json")
    return {
        "support": [(re.compile(p, re.I), w) for p, w in raw["support"]],
        "oppose": [(re.compile(p, re.I), w) for p, w in raw["oppose"]],
        "negation": re.compile(r"(?:\b(?:%s)\b|n[’']t\b)" % "|".join(re.escape(n) for n in raw["negations"]
                                                              if not n.startswith("n'")), re.I),
        "window": raw["negation_window"],
        "threshold": raw["threshold"],
        "topic": re.compile(raw["topic"], re.I),
        "flip": [re.compile(p, re.I) for p in raw.get("flip_frames", [])],
        "hedge": re.compile("|".join(raw.get("hedges", [])) or r"(?!x)x", re.I),
        "hedge_factor": raw.get("hedge_factor", 1.0),
    }


SENTENCE_WINDOW = 1000
_SENTENCE_END = re.compile(r"[.!?]\s")


def _sentence_before(text: str, pos: int) -> str:
    """The text of the sentence that contains ``pos``, up to ``pos`` (looking back at most
    SENTENCE_WINDOW characters, so that a long utterance is read in linear time)."""
    start = max(0, pos - SENTENCE_WINDOW)
    for m in _SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    return text[start:pos]


def classify(text: str) -> Stance:
    r = _rules()
    score = 0.0
    evidence: list[tuple[float, str]] = []
    for rx, w in r["support"]:
        for m in rx.finditer(text):
            before = " ".join(text[max(0, m.start() - 40):m.start()].split()[-r["window"]:])
            flipped = bool(r["negation"].search(before))
            if any(f.search(_sentence_before(text, m.start())) for f in r["flip"]):
                flipped = True  # the frame's own "no" ("who has no brains") is not a second negation
            w2 = -abs(w) if flipped else w
            if r["hedge"].search(_sentence_before(text, m.start())):
                w2 *= r["hedge_factor"]
            score += w2
            evidence.append((w2, m.group(0)))
    for rx, w in r["oppose"]:
        for m in rx.finditer(text):
            w2 = w * r["hedge_factor"] if r["hedge"].search(_sentence_before(text, m.start())) else w
            score += w2
            evidence.append((w2, m.group(0)))
    if abs(score) < r["threshold"]:
        return Stance("neutral", round(score, 3), None)
    label = "support" if score > 0 else "oppose"
    decisive = [e for w, e in sorted(evidence, key=lambda x: -abs(x[0])) if (w > 0) == (score > 0)]
    return Stance(label, round(score, 3), "; ".join(decisive[:3]) or None)


def target(text: str, mentions: list[tuple[str, str, int]]) -> str | None:
    """What the statement's stance is about, where the text names it.

    ``mentions`` are ``(name, kind, offset into text)`` of the countries and blocs in the
    statement.  A named bloc is the target; otherwise the countries named in the
    sentences that speak of an alliance, union or integration (the proposed union).
    """
    blocs = sorted({n for n, k, _ in mentions if k == "bloc"})
    if blocs:
        return ", ".join(blocs)
    topic = _rules()["topic"]
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text) + 1]
    names: set[str] = set()
    for a, b in zip(bounds, bounds[1:]):
        if topic.search(text[a:b]):
            names.update(n for n, k, at in mentions if k == "country" and a <= at < b)
    return ", ".join(sorted(names)) if len(names) >= 2 else None


def utterances(spans: list[tuple[int, object, str | None, str]]) -> dict[int, str]:
    """Join the parts of one utterance so that stance is read from all of it.

    ``spans`` are ``(index, paragraph key, speaker, text)`` in document order; a
    quotation interrupted by its attribution ("...," he said. "...") comes as two
    consecutive spans with the same paragraph and speaker.  Returns index -> the
    text of the whole utterance it belongs to.
    """
    out: dict[int, str] = {}
    group: list[tuple[int, str]] = []
    key = None
    for i, para, speaker, text in list(spans) + [(None, object(), None, "")]:
        k = (para, speaker) if speaker else None
        if group and (k is None or k != key):
            whole = " ".join(t for _, t in group)
            for j, _ in group:
                out[j] = whole
            group = []
        if i is not None:
            if k is None:
                out[i] = text
            else:
                group.append((i, text))
                key = k
    return out
