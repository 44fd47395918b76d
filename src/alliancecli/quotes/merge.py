"""The last pass over what the mechanisms found: drop what is not a statement, turn reported speech that
carries quoted words into a (mixed) quotation, and keep one statement where several cover the same words."""
from __future__ import annotations

from .state import State
from .view import DocView, Statement, words


def merge(view: DocView, state: State) -> list[Statement]:
    rules = view.rules
    article = [st for st in state.statements if st.comment is None]
    one_mention_one_speaker(article)
    # reported speech needs someone who speaks: not a country standing for its government, nor a
    # survey or report without an author (data the article cites, not a statement)
    excluded = rules["indirect_excluded_speaker_kinds"]
    article = [st for st in article if not (st.kind == "indirect" and st.speaker_kind in excluded)]
    # what "everyone knows", "the world saw" or an unresolved "they understand" is no one's statement: a
    # belief or a perception of a generic subject
    article = [st for st in article if not generic_belief(view, st)]
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
    # a block or a transcript turn whose words are one quotation in marks ('Clinton: "Our goal is …"') is a
    # quotation: the marks say the words are the speaker's own, as they do after a cue (not a turn inside a
    # transcript quoted whole: '"WALLACE: …', whose label the marks open); a source in brackets may follow
    # ('Name: "…" [Gallup]')
    for st in article:
        if st.kind == "block" and any(q.close is not None and q.open <= st.start < q.close
                                      and not view.text[q.open + 1:st.start].strip()
                                      and (st.end <= q.close + 1 or words(view.text[q.close:st.end]) <= 3)
                                      for q in view.quotes):
            st.kind = "quote"
    out: list[Statement] = []
    for st in sorted(article, key=lambda x: (x.kind == "indirect", x.start, -(x.end - x.start))):
        if any(min(st.end, o.end) - max(st.start, o.start) > 0.5 * (st.end - st.start) for o in out):
            continue
        out.append(st)
    out.sort(key=lambda x: x.start)
    return out + [st for st in state.statements if st.comment is not None]


def one_mention_one_speaker(statements: list[Statement]) -> None:
    """A pronoun one mechanism resolved is resolved for all: in '"…," he said, adding that …' the quotation
    reads 'he' as the speaker quoted before, which the reported speech, read paragraph by paragraph, cannot
    see."""
    resolved = {(st.speaker_start, st.speaker_end): st for st in statements
                if st.speaker_start is not None and st.speaker_kind not in (None, "pronoun")}
    for st in statements:
        src = resolved.get((st.speaker_start, st.speaker_end)) if st.speaker_kind == "pronoun" else None
        if src is not None:
            st.speaker, st.speaker_kind = src.speaker, src.speaker_kind
            st.speaker_country, st.speaker_role = src.speaker_country, src.speaker_role


def generic_belief(view: DocView, st: Statement) -> bool:
    """Reported belief or perception ('knows', 'saw', 'understand') whose subject names no one: a generic
    subject ('everyone', 'the world', 'those who', 'our people' but not 'many people involved') or a pronoun
    nothing resolved; or a question ('Who doubts that …?')."""
    if st.kind != "indirect" or st.speaker_start is None or st.speaker_kind in view.rules["named_speaker_kinds"]:
        return False
    k = next((k for k in view.body if view.units[k].start <= st.speaker_start < view.units[k].end), None)
    tok = view.token_at(k, st.speaker_end - 1) if k is not None and st.speaker_end else None  # the head noun
    if tok is None or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if tok.tag_ == "WP" and tok.i == tok.sent.start and tok.sent[-1].text == "?":
        return True  # 'Who doubts that …?': a question reports no one's words
    verb = tok.head
    if verb.dep_ == "relcl" and verb.head.i < tok.i:
        tok = verb.head  # 'legal experts, who worry …', 'those who believe …': the antecedent
    rules = view.rules
    lemma = tok.lemma_.lower()
    generic = (tok.lower_ in rules["generic_sources"] or (tok.pos_ == "NOUN" and lemma in rules["generic_sources"])
               or st.speaker_kind == "pronoun"
               or (lemma in rules["generic_plurals"] and all(c.dep_ in ("det", "poss") for c in tok.children)))
    if not generic:
        return False
    # the cue is the subject's verb or what it governs ('the world did not want to see where …')
    verbs = [verb] + [c for c in verb.children if c.dep_ == "xcomp"]
    cue = next((t for t in verbs if t.text == st.cue), verb)
    return cue.lemma_.lower() in rules["belief_verbs"]
