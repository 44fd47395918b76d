"""Quotations in quotation marks and their speakers.

The marks are paired by a scanner that reads each mark's context (so «…”, “…”, „…“ and straight quotes
all pair), with multi-paragraph quotes and a hard stop at a paragraph end for an unbalanced mark. The
speaker is read from a cue: a dash signature ("…” ― Name"), the subject of a cue verb next to or around
the quote (climbing to the outermost report), an inverted cue ("said Burton", "Said Ellis:"), a bare cue
sentence after it ("… a narrator asks."), "according to X", an introduction ending with a colon, a cue
in the sentence just before, a cue in the last sentence of the paragraph before for a quote that opens
its paragraph, or the speaker of the previous quote for a follow-on quote.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import colon, turns
from .speakers import Speaker
from .state import State
from .view import DASHES, MARKS, TITLE_SMALL_WORDS, DocView, a_title, only_a_name, said, words

OPEN_CTX = "([{/:;" + DASHES
#: the marks that close a quotation opened by each mark
CLOSERS = {'"': '"', "“": "”“", "”": "”", "«": "»", "„": "“”", "'": "'"}
#: two apostrophes written for a double quotation mark (''…'', the New York Times' archive, TeX-like wire copy)
APOSTROPHES = "''"
CLOSE_CTX = ".,;:!?)]}…" + DASHES


@dataclass
class QuoteSpan:
    open: int  # position of the opening mark
    close: int | None  # position of the closing mark, None when unbalanced
    first: int  # body paragraph index where it opens
    last: int  # ... and where it closes
    end: int  # end of the quoted text (exclusive)


def _role(text: str, i: int, s: int, e: int, width: int = 1) -> str | None:
    """Open, close, either or None for the mark of ``width`` characters at ``i`` of paragraph ``[s, e)``, from
    what stands on each side of it."""
    c = text[i]
    p = text[i - 1] if i > s else " "
    n = text[i + width] if i + width < e else " "
    left = i == s or p.isspace() or p in OPEN_CTX
    right = i + width == e or n.isspace() or n in CLOSE_CTX
    if c in "«„":
        return "open"
    if c == "»":
        return "close"
    if c == "“":
        return "close" if right and not left else "open"
    if c == "”":
        return "open" if left and not right else "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either" if left and right else None


def _marks(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """The quotation marks of one paragraph with their roles. Two apostrophes ('') count as one mark, placed
    on the apostrophe next to the quoted words (the second of an opening pair, the first of a closing one), so
    that the words between two marks are the quotation, as for every other mark."""
    out = []
    i = s
    while i < e:
        c = text[i]
        if c in MARKS:
            r = _role(text, i, s, e)
            if r:
                out.append((i, r))
        elif text.startswith(APOSTROPHES, i) and i + 2 <= e and (i == s or text[i - 1] != "'") and (
                i + 2 == e or text[i + 2] != "'"):
            r = _role(text, i, s, e, width=2)
            if r == "open":
                out.append((i + 1, "open"))
            elif r == "close":
                out.append((i, "close"))
            i += 2
            continue
        i += 1
    return out


def scan_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Pair quotation marks over a run of paragraphs.

    A quote left open at a paragraph end continues only if the next paragraph opens
    with the mark it opened with (the multi-paragraph convention); otherwise it stops at the
    paragraph end, so an unbalanced mark never swallows the rest of a document. A quote in the
    other style inside a quote ('"… “Shark Tank.” …') nests when its own closing mark follows.
    """
    out: list[QuoteSpan] = []
    cur: dict | None = None
    for k, (s, e) in enumerate(paragraphs):
        marks = _marks(text, s, e)
        if cur is not None:
            if (marks and marks[0][0] == s + (cur["ch"] == "'") and marks[0][1] in ("open", "either")
                    and text[s] == cur["ch"] and k - cur["first"] < 12):
                marks = marks[1:]
            else:
                out.append(QuoteSpan(cur["open"], None, cur["first"], cur["last"], cur["last_end"]))
                cur = None
        for n, (i, r) in enumerate(marks):
            if cur is None:
                if r in ("open", "either"):
                    cur = {"open": i, "first": k, "depth": 1, "ch": text[i]}
            elif r == "open" and cur["ch"] == "«" and text[i] != "«":
                cur["depth"] += 1
            elif r == "open" and text[i] == cur["ch"] and len(marks) > n + 2 and all(
                    rr in ("close", "either") and text[j] in CLOSERS[cur["ch"]] for j, rr in marks[n + 1:n + 3]):
                cur["depth"] += 1  # a quote inside a quote in the same marks: '"I believe it is "paving" the way,"' or
                # '“I'd rather live in what he calls “hell” than …”'
            elif r == "open" and text[i] != cur["ch"] and text[i] not in "«„" and any(
                    rr in ("close", "either") and text[j] in CLOSERS[text[i]] for j, rr in marks[n + 1:]):
                # a quote in the other style inside this one, closed in its own style later in the
                # paragraph: '"PENCE: … an episode of “Shark Tank.” But …' (its '”' is not the end of the
                # straight-quoted turn)
                cur["depth"] += 1
            elif r == "open":
                if text[i] == cur["ch"] or text[i] in "«„":
                    cur = {"open": i, "first": k, "depth": 1, "ch": text[i]}
            elif r in ("close", "either"):
                if cur["depth"] > 1:
                    cur["depth"] -= 1
                else:
                    out.append(QuoteSpan(cur["open"], i, cur["first"], k, i))
                    cur = None
        if cur is not None:
            cur["last"], cur["last_end"] = k, e
    if cur is not None:
        out.append(QuoteSpan(cur["open"], None, cur["first"], cur["last"], cur["last_end"]))
    return out


def events(view: DocView, state: State):
    return [(q.open, lambda q=q: quotation(view, state, q)) for q in view.quotes]


def quotation(view: DocView, state: State, q: QuoteSpan) -> None:
    text = view.text
    k0, k1 = view.body[q.first], view.body[q.last]
    if q.open == view.units[k0].start and turns.turn_at_start(view, k0) is not None:
        return  # '"PENCE: ...' is a transcript turn, attributed by its name
    if any(st.start == q.open + 1 and st.kind == "quote" for st in state.statements):
        return  # a document's words (documents.py)
    inner_s, inner_e = q.open + 1, (q.close if q.close is not None else q.end)
    content = text[inner_s:inner_e]
    n_words = words(content)
    if n_words == 0:
        return
    open_tok = view.token_at(k0, q.open)
    close_tok = view.token_at(k1, q.close) if q.close is not None else view.docs[k1][-1]
    if open_tok is None or close_tok is None:
        return
    s_open, s_close = open_tok.sent, close_tok.sent
    # (a no-break space is a token of its own, and no word: '…,”\xa0added Gowdy.')
    before = [t for t in s_open if view.abs(k0, t) < q.open and not view.inside(view.abs(k0, t)) and not t.is_space]
    after = [t for t in s_close if view.abs(k1, t) > (q.close or q.end) and not view.inside(view.abs(k1, t))
             and not t.is_space]
    words_before = [t for t in before if not t.is_punct]
    words_after = [t for t in after if not t.is_punct]
    doc1 = view.docs[k1]
    # a cue split off into its own short sentence: '"I love cats!" insists Burton.'
    if not words_after and s_close.end < len(doc1):
        nxt = doc1[s_close.end].sent
        lead = [t for t in nxt if not t.is_punct][:3]
        inverted = bool(lead) and (view.is_quote_cue(lead[0]) or (
            len(lead) > 1 and lead[0].pos_ in ("PROPN", "PRON") and view.is_quote_cue(lead[1])))
        # or a short sentence that is only a cue and its subject: '… pay his?” a narrator in the ad asks.'
        bare = view.is_quote_cue(nxt.root) and not any(
            c.dep_ in ("ccomp", "dobj", "xcomp") for c in nxt.root.children) and len(nxt) <= 12
        if (len(nxt) <= 8 and inverted or bare or tag_sentence(view, nxt)) and not any(ch in MARKS for ch in nxt.text):
            after = [t for t in nxt if not t.is_space]
            words_after = [t for t in after if not t.is_punct]
    ends_sentence = content.rstrip()[-1:] in ".!?…" if content.strip() else False
    set_off = ends_sentence or content.rstrip().endswith(",") or (
        q.close is not None and text[q.close + 1:q.close + 2] == ",")
    cue = subj = None
    ck = k1
    # 0. a dash signature after the quote: '"…" ― Pamela Padilla'
    if q.close is not None:
        sig = dash_signature(view, k1, q.close + 1)
        nxt = q.last + 1  # '"…"' ending its paragraph, and '- Bernie Sanders.' alone in the next one
        if sig is None and nxt < len(view.body) and not view.text[q.close + 1:view.units[k1].end].strip(" .,\n"):
            k2 = view.body[nxt]
            sig = dash_signature(view, k2, view.units[k2].start)
            if sig is not None and sig.end is not None and view.text[sig.end:view.units[k2].end].strip(" .\n"):
                sig = None  # the whole paragraph must be the signature
        if sig is not None:
            if substantial(view, k0, q, n_words, ends_sentence):
                state.add(said("quote", inner_s, inner_e, sig, "―"), q.last)
            return
    # 1. a cue right after the quote: '," he said' / '," said Burton' / '," attacks Burton' (not where the
    #    quotation is the clause a cue before it reports: 'as Berg claimed that "…," one of them said …')
    top = _quotation_top(view, k0, q) if q.first == q.last and q.close is not None else None
    reported = top is not None and top.dep_ == "ccomp" and top.head.i < open_tok.i and view.is_quote_cue(
        top.head) and not view.inside_tok(top.head) and view.subject(top.head) is not None
    if words_after and set_off and words_after[0].pos_ != "CCONJ" and not reported:  # ('…," and he …': no tag)
        a = words_after
        first = a[0]
        # (an inverted cue is finite: '," claiming that …' is a clause of the sentence the quote is part of)
        if (first.pos_ == "VERB" or view.is_quote_cue(first)) and first.tag_ != "VBG" and len(a) > 1:
            # the parser may take the inverted subject for an object ('," added the Head of the Office'):
            # the noun a leading determiner belongs to, not the determiner
            cue, subj = first, view.subject(first) or (a[1].head if a[1].dep_ == "det" else a[1])
        else:
            # the first verb, else a cue past a participle ('," Bill Eastland, wearing a cowboy hat, said')
            v = next((t for t in a[:8] if t.pos_ in ("VERB",) or view.is_quote_cue(t)), None)
            if v is not None and not view.is_quote_cue(v):
                sj = view.subject(v)
                if v.dep_ == "relcl" and not view.is_cue(v) and not (
                        sj is not None and sj.i in {t.i for t in a[:4]} and sj.pos_ == "PROPN"):
                    # a clause that describes a noun is no tag: '…," part of a lashing they gave', '…," Ben
                    # Carson, the physician who caught fire last year, …' (a cue after it may be: '…," Nate
                    # Silver, the guru who founded the site, tweeted'; and a name right after the quotation is the
                    # tag's subject however the parser hung it: '…, friends," Zelenskyy summed up')
                    v = next((t for t in a[:12] if view.is_quote_cue(t) and t.pos_ == "VERB"), None)
                elif sj is None or view.abs(k1, sj) < (q.close or q.end):
                    v = next((t for t in a[:12] if view.is_quote_cue(t) and t.pos_ == "VERB"), v)
            if v is None and len(a) > 1 and (name := view.person_at(k1, first)) is not None:
                # a long apposition between the name and its cue: '…," Trump, the 2016 GOP frontrunner nationally
                # and current polling leader in South Carolina by a wide margin after winning …, said' (the cue
                # whose subject is the name, or lost)
                v = next((t for t in a if view.is_quote_cue(t) and t.pos_ == "VERB" and (
                    (sj := view.subject(t)) is None or view.person_at(k1, sj) == name)), None)
            if v is not None:
                sj = view.subject(v)
                if sj is not None and view.abs(k1, sj) > (q.close or q.end) and not _thing_relative(view, k1, sj):
                    cue, subj = v, sj
                elif sj is None and view.is_quote_cue(v) and (first.pos_ == "PROPN" or view.person_at(k1, first)):
                    # '…," Flynn, a top Trump surrogate, said': the parser lost the subject; the person
                    # named before the cue ('," Texas delegate Bill Eastland, …, said')
                    cue, subj = v, next((t for t in a if t.i < v.i and view.person_at(k1, t)), first)
        if cue is not None and not view.is_quote_cue(cue):
            if not (subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ == "PERSON" or view.person_at(k1, subj)):
                cue = subj = None
    tagged = cue is not None and view.is_quote_cue(cue)  # '… to be "overrun with social conservatives," Hoover said.'
    # 1a. a verb that names with the quotation, with a subject of its own: 'Smith called the plan "a gift to the
    #     richest families"', 'which he called "a cartel for higher education"'
    named = False
    if cue is None and q.close is not None and q.first == q.last and n_words >= view.rules["mixed_quote_min_words"]:
        v = naming_verb(view, k0, q, open_tok)
        sj = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i), None) if v is not None else None
        if sj is None and v is not None and v.dep_ == "conj":  # '… but described Cruz as "…"'
            sj = view.subject(v)
        if sj is not None and not view.inside_tok(sj) and not view.not_source(k0, sj) and (
                sj.pos_ in ("PROPN", "PRON") or sj.ent_type_ == "PERSON") and not any(
                c.dep_ == "auxpass" for c in v.children):
            cue, subj, ck, named = v, sj, k0, True
    # 1b. the verb the quotation is the clause of, right before it: 'After the governor criticized him, Smith
    #     shot back, "I suppose …"' (a cue earlier in the sentence is another clause's)
    if cue is None and q.close is not None and q.first == q.last:
        v = governing_verb(view, k0, q, open_tok)
        if v is not None:
            cue, subj, ck = v, view.subject(v), k0
    # 2. a cue verb before the quote, or anywhere else around it
    if cue is None:
        for toks, k in ((list(reversed(before)), k0), (after, k1)):
            for t in toks:
                if view.is_quote_cue(t) and t.pos_ != "NOUN":
                    t = view.outermost_cue(t)
                    sj = view.subject(t)
                    if sj is None:
                        sj = lost_cue_subject(view, k, t)
                    if sj is not None and not _thing_relative(view, k, sj):
                        cue, subj, ck = t, sj, k
                        break
            if cue is not None:
                break
        else:
            ck = k1
    # 2b. an inverted cue before the quote: 'Said Ellis: "…"'
    if cue is None and len(words_before) >= 2:
        wb = words_before
        for i in range(len(wb) - 1):
            if view.is_cue_word(wb[i]) and wb[i + 1].pos_ == "PROPN" and (
                    wb[i].i == wb[0].sent.start or wb[i - 1].is_punct):
                rest = [t for t in wb[i + 1:] if t.pos_ != "PROPN"]
                if not rest:
                    cue, subj, ck = wb[i], wb[-1], k0
                    break
    # 3. "according to X"
    if cue is None:
        for toks, k in ((before, k0), (after, k1)):
            for t in toks:
                if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                    pobj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        cue, subj, ck = t, pobj, k
                        break
            if cue is not None:
                break
    # 2c. a person named right before the colon that opens the quotation: '… doesn't surprise Republican
    #     pollster Daron Shaw: “Historically, …”'
    colon_opens = bool(before) and before[-1].text == ":" and not text[view.abs(k0, before[-1]) + 1:q.open].strip()
    if cue is None and len(words_before) >= 2 and colon_opens:
        name = before[-2]
        if view.person_at(k0, name) is not None and name.dep_ != "pobj":
            cue, subj, ck = before[-1], name, k0
    # 2d. a colon that ends a clause whose subject is a person: 'Trump leaned in and boomed: "…"', 'In a Fox
    #     interview, Trump went even further: "…"' (a speaker reproducing others' words keeps the quotation)
    # (or a dash before a whole sentence: 'Trump also embraced enhanced interrogation techniques -- "I think
    # waterboarding is peanuts compared to what they'd do to us."')
    dash_opens = bool(before) and before[-1].text in (*DASHES, "--") and ends_sentence and not text[
        view.abs(k0, before[-1]) + len(before[-1]):q.open].strip()
    if cue is None and len(words_before) >= 2 and (colon_opens or dash_opens):
        v = before[-1].head  # the verb the colon ends, up to the first verb with a subject ('boomed' -> 'gestured')
        if v.i > before[-1].i:  # the parser hung the colon on the quotation's verb: the clause before the colon
            # is headed by its verb that hangs there too ('Sanders delivered a snappy retort: "No one is …"')
            v = next((t for t in before if t.pos_ in ("VERB", "AUX") and t.head.i > before[-1].i), v)
        for _ in range(4):
            if any(c.dep_ == "nsubj" for c in v.children) or v.head.i == v.i or v.head.i > before[-1].i or (
                    v.dep_ not in ("conj", "dep", "xcomp")):  # never out of a clause of its own ('so upset that I …')
                break
            v = v.head
        sj = view.subject(v) if v.pos_ in ("VERB", "AUX") and v.i < before[-1].i else None
        if sj is not None and (view.person_at(k0, sj) is not None or sj.lower_ in ("he", "she")) and (
                not view.inside_tok(sj)):
            cue, subj, ck = v, sj, k0
    if cue is not None and subj is not None:
        # words set off by a comma and tagged with their cue right after them are someone's words, verb or not
        # (a scare quote or a title is not tagged so): 'less likely to be "overrun with social conservatives,"
        # Hoover said.'
        if not named and not substantial(view, k0, q, n_words, ends_sentence) and not (
                tagged and n_words >= view.rules["tagged_fragment_min_words"] and content.rstrip().endswith(",")
                and not title_cased(content)):
            return
        sp = state.speaker(ck, subj, q.open)
        cue_text = "according to" if cue.lower_ == "according" else cue.text
        state.add(said("quote", inner_s, inner_e, sp, cue_text), q.last)
        return
    standalone = not words_before and not words_after
    if not standalone or n_words < 3:
        return
    # 4. after an introduction ending with a colon
    intro = colon.colon_intro(view, state, k0, open_tok)
    if intro is not None:
        sp, cue_text = intro
        state.add(said("quote", inner_s, inner_e, sp, cue_text), q.last)
        return
    # 5. the speaker named by a cue in the sentence just before, in the same paragraph:
    #    '…, Schiff said. "The other factor is …"'
    doc0 = view.docs[k0]
    if s_open.start > 0:
        prev = doc0[s_open.start - 1].sent
        cues = [t for t in prev if view.is_cue(t) and t.pos_ == "VERB" and not view.inside(view.abs(k0, t))]
        for v in sorted(cues, key=lambda t: t.dep_ != "ROOT"):
            sj = view.subject(v)
            if sj is not None and not view.not_source(k0, sj) and sj.dep_ != "nsubjpass" and (
                    view.source_like(sj, k0)):
                sp = state.speaker(k0, sj, view.abs(k0, sj))
                state.add(said("quote", inner_s, inner_e, sp, v.text), q.last)
                return
        # 5c. no cue there: the person the sentence before is about, its main subject when that names a
        #     person ('Sanders identified young voters' exhaustion as a reason. "The younger people …"')
        root = prev.root
        sj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root.pos_ in ("VERB", "AUX") else None
        # (or a surname the model did not tag, of a person the document names: 'Roloson supports …')
        sp = state.speaker(k0, sj, view.abs(k0, sj)) if sj is not None and not view.inside_tok(sj) and (
            view.person_at(k0, sj) is not None or sj.pos_ == "PROPN") else None
        if sp is not None and sp.kind == "person":
            state.add(said("quote", inner_s, inner_e, sp, None), q.last)
            return
    # 5b. a quote that opens its paragraph: the speaker a cue names in the last sentence of the
    #     paragraph before ('Jones, the mayor, disagreed.\n\n"That is wrong. …"')
    if open_tok.i == 0 and q.first > 0:
        sp, v = previous_paragraph_speaker(view, state, view.body[q.first - 1])
        if sp is not None:
            state.add(said("quote", inner_s, inner_e, sp, v), q.last)
            return
    # 6. a follow-on quote continues the previous speaker
    last = state.last
    if last is not None and q.first - last.para <= 1 and last.speaker.name:
        state.add(said("quote", inner_s, inner_e, last.speaker, None), q.last)


def _thing_relative(view: DocView, k: int, sj) -> bool:
    """A 'that' or 'which' subject that stands for no source: the chant "…" that ricocheted through the arena',
    'the political theme that would carry him … by urging "…"' (not 'the group, which said …')."""
    if sj.tag_ != "WDT":
        return False
    ante = sj.head.head if sj.head.dep_ == "relcl" and sj.head.head.i != sj.head.i else None
    lemma = ante.lemma_.lower() if ante is not None else ""
    return ante is None or not (view.source_like(ante, k) or lemma in view.lex["org_words"]
                                or lemma in view.rules["quoting_documents"])


def _quotation_top(view: DocView, k: int, q: QuoteSpan):
    """The one word of the quotation whose head lies outside it (or that is the root), where there is only one:
    what the quotation hangs on the sentence by. None when its words hang on the sentence in several places."""
    inside = [t for t in view.tokens_between(k, q.open, q.close) if not t.is_punct]
    tops = [t for t in inside if t.head.i == t.i or not (q.open < view.abs(k, t.head) < q.close)]
    return tops[0] if len(tops) == 1 else None


def naming_verb(view: DocView, k: int, q: QuoteSpan, open_tok):
    """A naming verb ('call', 'dub') before a quotation that hangs on it as its complement ('called the plan
    "…"', 'which he calls "…"'); not 'called for "…"' or 'called on leaders "…"'."""
    top = _quotation_top(view, k, q)
    if top is None:
        return None
    v = top.head
    # 'referred to Rubio as "…"', 'described Cruz as "…"': the quotation is the object of the verb's 'as'
    through_as = v.lower_ == "as" and v.dep_ == "prep" and v.i == open_tok.i - 1 and (
        v.head.lemma_.lower() in view.rules["naming_as_verbs"])
    if through_as:
        v = v.head
    if v.i == top.i or v.pos_ != "VERB" or v.i >= open_tok.i or view.inside_tok(v) or not (
            through_as or v.lemma_.lower() in view.rules["naming_verbs"]) or any(c.dep_ == "prt" for c in v.children):
        return None
    if not through_as and any(c.dep_ == "prep" and v.i < c.i < open_tok.i for c in v.children):
        return None
    return v


def lost_cue_subject(view: DocView, k: int, v):
    """The subject of a cue the parser gave none: the name right after an inverted cue that follows a quotation
    or a comma ('"The risk," said Jones, an economist, "is that …"', where 'Jones' became the subject of the
    quotation's verb), or the name a cue was hung on as a modifier where that name is the root of the
    sentence ('Jones, who signed the laws, interjected to say: "…"', 'interjected' an acl of the root 'Jones')."""
    doc = v.doc
    if v.pos_ != "VERB" or view.inside_tok(v):
        return None
    if 0 < v.i < len(doc) - 1 and doc[v.i - 1].is_punct and doc[v.i + 1].pos_ == "PROPN" and (
            view.person_at(k, doc[v.i + 1]) is not None) and not view.inside_tok(doc[v.i + 1]):
        return doc[v.i + 1]
    # a finite cue the parser hung on the noun right before it as a modifier: 'a man yelled "Stay there!"' ('yelled'
    # an acl of 'man', tagged past tense, not participle)
    if v.dep_ == "acl" and v.tag_ == "VBD" and v.head.i == v.i - 1 and v.head.pos_ in ("NOUN", "PROPN") and (
            not view.inside_tok(v.head)):
        return v.head
    cur = v
    while cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:  # 'interjected to say'
        cur = cur.head
    # (the name is the root of the sentence: no other verb is its main one)
    # (a name the model took for an organisation speaks too: "O'Malley, who signed …, interjected to say: …")
    if cur.dep_ == "acl" and cur.tag_ in ("VBD", "VBN") and cur.head.pos_ == "PROPN" and cur.head.dep_ == "ROOT" and (
            view.person_at(k, cur.head) is not None or cur.head.ent_type_ in ("ORG", "")) and (
            not view.inside_tok(cur.head)):
        return cur.head
    return None


def governing_verb(view: DocView, k: int, q: QuoteSpan, open_tok):
    """The verb before a quotation whose clausal complement the quotation is, when only its particles, adverbs
    and punctuation stand between them and its subject can be a source: 'Smith shot back, "…"', 'Jones fired
    back forcefully: "…"'. A cue verb is left to the cue search."""
    top = _quotation_top(view, k, q)
    if top is None:
        return None
    if top.dep_ in ("ccomp", "parataxis"):
        v = top.head
    elif top.head.i == top.i:  # the parser hung the verb on the quotation ('fired' a ccomp of 'going')
        v = next((c for c in top.children if c.dep_ in ("ccomp", "parataxis") and c.i < open_tok.i), None)
        if v is None:
            return None
    else:
        return None
    if v.pos_ != "VERB" or v.i >= open_tok.i or view.inside_tok(v) or view.is_quote_cue(v):
        return None
    ok = ("advmod", "prt", "npadvmod", "punct")
    if any(not (t.dep_ in ok and t.head.i == v.i) and not any(a.i == v.i for a in t.ancestors
                                                              if a.dep_ in ok and a.head.i == v.i)
           for t in v.doc[v.i + 1:open_tok.i]):
        return None
    sj = view.subject(v)
    if sj is None or sj.dep_ != "nsubj" or sj.i > v.i or view.inside_tok(sj) or view.not_source(k, sj) or (
            not view.source_like(sj, k)):
        return None
    return v


def tag_sentence(view: DocView, sent) -> bool:
    """A sentence that opens with a subject and its cue and reports nothing of its own, however long it runs on:
    '"You think I'm going to change?" Trump asked reporters rhetorically during a news conference last month.'
    (an object other than a listener, or a clause, makes it a report of its own: 'Trump asked for a recount.')"""
    root = sent.root
    # (the parser may take the cue for a participle of the subject it follows: '"…!" the presumptive nominee,
    # Donald Trump, tweeted Sunday', 'tweeted' an acl of the root 'nominee')
    # (a past participle with an agent is one: 'the letter, written by Smith')
    acl = next((c for c in root.children if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and view.is_quote_cue(c)
                and not any(g.dep_ in ("agent", "auxpass") for g in c.children)), None) if (
        root.pos_ in ("NOUN", "PROPN")) else None
    if acl is not None and root.left_edge.i == sent.start and all(
            x.dep_ in ("punct", "appos", "compound", "det", "amod", "nmod", "poss", "case")
            or x.head.i != root.i for x in sent.doc[root.i + 1:acl.i]):
        root, sj = acl, root
    else:
        sj = None
    if root.pos_ != "VERB" or not view.is_quote_cue(root) or root.lemma_.lower() in view.rules["tag_not_verbs"]:
        return False  # ('"…" Mr Valentine, who was born in the US, agreed.' agrees with the words, he does not say them)
    if sj is None:
        sj = view.subject(root)
        if sj is None or sj.dep_ != "nsubj" or sj.left_edge.i != sent.start:
            return False
        if any(x.dep_ not in ("advmod", "aux", "neg") for x in sent.doc[sj.right_edge.i + 1:root.i]):
            return False
    for c in root.children:
        # no clause, no second verb, no future ('The two task forces will report back to the Council')
        if c.dep_ in ("ccomp", "xcomp", "advcl", "dative", "prt", "conj") or c.tag_ == "MD" or (
                c.dep_ == "prep" and c.lower_ in view.rules["tag_not_preps"]):
            return False
        # 'spoke of the next election' names a topic; '"Perpetual motion!" Thompson said of the convention' tags
        if c.dep_ == "prep" and c.lower_ == "of" and root.lemma_.lower() not in view.rules["tag_of_verbs"]:
            return False
        # an object only where it is the one told ('asked reporters'), not what is said or praised ('praised
        # winger Stewart Downing', 'described themselves as …')
        if c.dep_ == "dobj" and not view.addressee(root, c):
            return False
    return True


def previous_paragraph_speaker(view: DocView, state: State, k: int) -> tuple[Speaker | None, str | None]:
    """The source a cue verb names in the last sentence of paragraph ``k``, when that sentence is
    narration (no quotation in it: a quote there has its own speaker, which a follow-on continues)."""
    doc = view.docs[k]
    if not len(doc):
        return None, None
    sent = doc[-1].sent
    if any(view.inside(view.abs(k, t)) for t in sent) or sent[-1].text == ":":
        return None, None
    for v in sorted((t for t in sent if view.is_cue(t) and t.pos_ == "VERB"), key=lambda t: t.dep_ != "ROOT"):
        sj = view.subject(v)
        if sj is not None and sj.dep_ == "nsubj" and not view.not_source(k, sj) and view.source_like(sj, k):
            return state.speaker(k, sj, view.abs(k, sj)), v.text
    return None, None


def dash_signature(view: DocView, k: int, pos: int) -> Speaker | None:
    """The name signed under or after a quote with a dash."""
    end = view.units[k].end
    m = view.rules["dash_signature"].match(view.text, pos, end)
    if m is None or view.inside(m.start("name")):
        return None
    ns, ne = m.start("name"), m.end("name")
    if view.text[ne - 1] == "." and len(view.text[ns:ne].split()[-1]) > 2:
        ne -= 1  # a full stop after the name, not an initial
    i = bisect.bisect_right(view.people_starts, ne) - 1
    if i >= 0 and view.people[i].end > ns:
        p = view.people[i]
        return Speaker(p.name, p.start, p.end, "person")
    return Speaker(view.text[ns:ne], ns, ne, "person")


def title_cased(text: str) -> bool:
    """Most longer words capitalised, as a title is written ('Guardians of the Galaxy', 'State of the Union'), where
    the capitals are not only a sentence's first word and its names: 'Absolutely not. Absolutely not,' and 'With
    an eye to February 20th, Carolina,' are words said ('eye', 'not' would be capitalised in a title)."""
    stripped = [(w, w.strip(",.;:!?'\"’”")) for w in text.split()]
    long_words = [w for w, bare in stripped if len(bare) >= 4]
    if not long_words or sum(w[:1].isupper() for w in long_words) <= len(long_words) / 2:
        return False
    return not any(w[:1].islower() and bare.lower() not in TITLE_SMALL_WORDS
                   for w, bare in stripped if bare[:1].isalpha())


def substantial(view: DocView, k: int, q: QuoteSpan, n_words: int, ends_sentence: bool) -> bool:
    """A statement, not a scare quote or a title: long enough, or a full exclamation/sentence."""
    if n_words < 3 and not (ends_sentence and n_words >= 2):
        return False
    qs, qe = q.open, (q.close if q.close is not None else q.end)
    inside = view.tokens_between(k, qs, qe)
    if a_title(view.text[qs:qe]) and not only_a_name(inside):
        return False  # a title of a work, written as one ('Meet the Press.', 'Here's the Thing.')
    roots = [t for t in inside if (not (qs < view.abs(k, t.head) < qe) or t.head is t) and not t.is_punct]
    if roots and all(r.dep_ in ("amod", "compound", "nmod", "poss", "pcomp", "pobj", "npadvmod") for r in roots):
        return n_words >= 8 and any(t.pos_ in ("VERB", "AUX") for t in inside)
    return any(t.pos_ in ("VERB", "AUX") for t in inside) or ends_sentence
