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
    }


def classify(text: str) -> Stance:
    r = _rules()
    score = 0.0
    evidence: list[tuple[float, str]] = []
    for rx, w in r["support"]:
        for m in rx.finditer(text):
            before = text[max(0, m.start() - 40):m.start()].split()[-r["window"]:]
            if r["negation"].search(" ".join(before)):
                w2 = -abs(w)
            else:
                w2 = w
            score += w2
            evidence.append((w2, m.group(0)))
    for rx, w in r["oppose"]:
        for m in rx.finditer(text):
            score += w
            evidence.append((w, m.group(0)))
    if abs(score) < r["threshold"]:
        return Stance("neutral", round(score, 3), None)
    label = "support" if score > 0 else "oppose"
    decisive = [e for w, e in sorted(evidence, key=lambda x: -abs(x[0])) if (w > 0) == (score > 0)]
    return Stance(label, round(score, 3), "; ".join(decisive[:3]) or None)
