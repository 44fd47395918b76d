"""The last pass over what the mechanisms found: drop what is not a statement, turn reported speech that
carries quoted words into a (mixed) quotation, and keep one statement where several cover the same words."""
from __future__ import annotations

from .state import State
from .view import DocView, Statement, words


def merge(view: DocView, state: State) -> list[Statement]:
    rules = view.rules
    article = [st for st in state.statements if st.comment is None]
    # reported speech needs someone who speaks: not a country standing for its government, nor a
    # survey or report without an author (data the article cites, not a statement)
    excluded = rules["indirect_excluded_speaker_kinds"]
    article = [st for st in article if not (st.kind == "indirect" and st.speaker_kind in excluded)]
    # reported speech that carries the speaker's own words in quotation marks ('Lynch said there remains
    # a "significant difference in private practice and government"') is a (mixed) quotation
    # (a learned frame's only for a quotation no other mechanism attributed: it carries the quotation's
    # words, not the speaker the quotation marks place, which the quotation's own mechanism reads)
    quoted = [st for st in article if st.kind == "quote"]
    for st in article:
        if st.kind != "indirect":
            continue
        for q in view.quotes:
            if not (st.start <= q.open < st.end and q.close is not None):
                continue
            if st.learned and any(o.start <= q.open + 1 < o.end for o in quoted):
                continue
            if st.end <= q.close and q.first == q.last and "\n" not in view.text[st.end:q.close]:
                st.end = q.close + 1  # content that opens a quotation carries it to its end
            if words(view.text[q.open + 1:q.close]) >= rules["mixed_quote_min_words"]:
                st.kind = "quote"
    out: list[Statement] = []
    for st in sorted(article, key=lambda x: (x.kind == "indirect", x.start, -(x.end - x.start))):
        if any(min(st.end, o.end) - max(st.start, o.start) > 0.5 * (st.end - st.start) for o in out):
            continue
        out.append(st)
    out.sort(key=lambda x: x.start)
    return out + [st for st in state.statements if st.comment is not None]
