"""Split one document into title, body paragraphs, boilerplate and reader comments.

Plain text in, an :class:`Outline` out; every span is a pair of Python string
offsets into the text as given, so nothing downstream has to re-find anything.
Boilerplate is recognised by general signals (position, length, punctuation,
link, credit and label patterns, repetition of the title) kept in
``data/boilerplate.json``.

Segmentation never drops the article's own text on a guess:

- the first paragraph is the title unless it reads as prose (a lead dateline; or it ends like
  a sentence, is not in headline case, and is long, or fairly long with several sentences,
  running quotation punctuation, a next paragraph of similar length or none): a file without a
  title line keeps its lead paragraph as body;
- a paragraph of prose (several sentences or many words, ending like a sentence) is
  boilerplate only when it repeats the title or shows two independent signals (a label, each
  distinct prompt, a link); a short paragraph needs one, as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import load_json

TERMINAL = tuple('.!?…"”»’)\']:;')
SENTENCE_END = tuple(".!?…:;")
#: a quotation signed with a dash, '“The most unqualified child ever.” ― Francisco Herrero': a line that
#: ends in a name without a full stop, like a headline, but a statement
SIGNED_QUOTE = re.compile(r"[\"“«].*[\"”»]\s*[―—–]\s*[A-ZÀ-Þ]", re.S)
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hh>\d{1,2})\s*:\s*(?P<mm>\d{2})(?:\s*(?P<ampm>[aApP]\.?[mM]\.?))?)?"
DATE_TAILS = [
    re.compile(r"^(?P<who>.+?)\s+(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME + r"\s*$"),
    re.compile(r"^(?P<who>.+?)\s+" + _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})" + _TIME + r"\s*$"),
    re.compile(r"^(?P<who>.+?)\s+(?P<year>\d{4})-(?P<mo>\d{2})-(?P<day>\d{2})(?:[ T](?P<hh>\d{2}):(?P<mm>\d{2}))?\s*$"),
]
NUMBERED = re.compile(r"^(?P<indent>[ \t]*)(?P<num>\d{1,4})\.\s+(?P<rest>\S.*?)\s*$")
STATUS = re.compile(r"^(?P<handle>.+?)\s+(?:Offline|Online)\s+(?P<again>.+?)\s*$")
DELETED = re.compile(r"^the comment (?:was|has been) deleted\.?$", re.I)
WHO = re.compile(r"^(?P<handle>.+?)(?:\s+\((?P<display>[^()]*)\))?$")
QUOTE_LINE = re.compile(r"^[ \t]*Quote:[ \t]*(?P<name>\S.*?)[ \t]*$")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
#: what may follow a sentence's final stop: closing quotes and brackets, and the opening quotes that
#: scraped text often puts there instead
CLOSERS = "\"”»’')]“«„"
#: a sentence end inside a paragraph: the word before it, its punctuation, and a capital or digit after
INNER_END = re.compile(r"(?P<word>[\w'’.-]+)[.!?…]+[\"”»’')\]]*\s+[\"“«‘(\[]?[A-Z0-9]")
#: running-text quotation: a comma closing a quotation (",” she said"); headlines quote with colons
RUNNING_QUOTE = re.compile(r",[\"”’]\s")
ADDRESS = re.compile(r"\b(?:you|your|us|our|we)\b", re.I)
#: prose, for boilerplate: this many words ending like a sentence, or PROSE_WORDS_SEVERAL in two sentences
PROSE_WORDS = 30
PROSE_WORDS_SEVERAL = 20
#: a first paragraph this long that ends like a sentence is a lead, not a title, whatever else
#: (twice a long headline; titles that end with a full stop stay far below it)
LEAD_WORDS = 30
#: below LEAD_WORDS, a first paragraph needs this many words and a second sign of prose
LEAD_WORDS_WITH_SIGN = 20


@dataclass(frozen=True)
class Segment:
    kind: str  # title, body, boilerplate, comment
    start: int
    end: int
    reason: str | None = None


@dataclass(frozen=True)
class QuotedBlock:
    """A "Quote: NAME" block inside a reader comment: NAME's words, not the commenter's."""

    name: str
    line_start: int
    line_end: int
    start: int
    end: int


@dataclass
class Comment:
    path: str
    parent_path: str | None
    author: str | None
    display_name: str | None
    posted: str | None
    deleted: bool
    start: int  # the comment's text, without header lines
    end: int
    block_start: int  # header and text
    block_end: int
    quotes_author: str | None = None
    quoted: list[QuotedBlock] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Signature:
    """A dash signature under an embedded post: "— Name (@handle) January 29, 2024"."""

    name: str
    name_start: int
    name_end: int
    line_start: int
    line_end: int


@dataclass
class Outline:
    text: str
    title: str
    segments: list[Segment]
    comments: list[Comment]
    signatures: list[Signature]

    @property
    def body(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "body"]

    def tiled(self) -> list[Segment]:
        """Segments widened so that together they cover every character exactly once."""
        segs = sorted(self.segments, key=lambda s: s.start)
        if not segs:
            return [Segment("boilerplate", 0, len(self.text), "blank")] if self.text else []
        out = []
        for i, s in enumerate(segs):
            start = 0 if i == 0 else s.start
            end = segs[i + 1].start if i + 1 < len(segs) else len(self.text)
            out.append(Segment(s.kind, start, end, s.reason))
        return out


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json("boilerplate.json")
    comp = lambda xs: [re.compile(x, re.I) for x in xs]  # noqa: E731
    return {
        "label": comp(raw["label_prefixes"]),
        "prompt": comp(raw["prompts"]),
        # one pass that tells whether any prompt is there (most paragraphs have none): 3x faster than 14
        "any_prompt": re.compile("|".join(f"(?:{x})" for x in raw["prompts"]), re.I),
        "link": comp(raw["links"]),
        "trailing_link": comp(raw["trailing_links"]),
        "credit": [re.compile(x) for x in raw["photo_credits"]],
        "dateline": comp(raw["datelines"]),
        "signature": re.compile(raw["tweet_signature"]),
        "lead_dateline": [re.compile(x) for x in raw["lead_datelines"]],
    }


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the line break (and a CR before it)."""
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        e = end - 1 if end > pos and text[end - 1] == "\r" else end
        out.append((pos, e))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs of a run of lines: one line each, except that hard-wrapped lines are joined."""
    paras: list[list[int]] = []
    prev_open = False
    for s, e in lines:
        s, e = _strip(text, s, e)
        if s == e:
            prev_open = False
            continue
        line = text[s:e]
        if paras and prev_open and line[:1].islower():
            paras[-1][1] = e
        else:
            paras.append([s, e])
        prev_open = (e - s) > 50 and not line.endswith(TERMINAL) and not line.endswith(",")
    return [(s, e) for s, e in paras]


def _posted(m: re.Match) -> str | None:
    g = m.groupdict()
    try:
        month = int(g["mo"]) if g.get("mo") else MONTHS[g["month"].lower()]
        day, year = int(g["day"]), int(g["year"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (1 <= day <= 31):
        return None
    if g.get("hh") is None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hh, mm = int(g["hh"]), int(g["mm"])
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    if hh > 23 or mm > 59:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{hh:02d}:{mm:02d}"


def _dated(line: str) -> tuple[re.Match, str] | None:
    for rx in DATE_TAILS:
        m = rx.match(line.strip())
        if m and _posted(m):
            return m, _posted(m)
    return None


@dataclass
class _Header:
    indent: int
    num: str
    lines_used: int  # how many lines the header takes
    author: str | None
    display: str | None
    posted: str | None
    deleted: bool


def _header_at(text: str, lines: list[tuple[int, int]], i: int) -> _Header | None:
    s, e = lines[i]
    m = NUMBERED.match(text[s:e])
    if not m:
        return None
    indent = len(m["indent"].expandtabs(4))
    rest = m["rest"]
    if DELETED.match(rest):
        return _Header(indent, m["num"], 1, None, None, None, True)
    dated = _dated(rest)
    if dated:
        who = WHO.match(dated[0]["who"].strip())
        return _Header(indent, m["num"], 1, who["handle"].strip(), who["display"], dated[1], False)
    status = STATUS.match(rest)
    nxt = i + 1 if i + 1 < len(lines) else None
    nxt_dated = _dated(text[lines[nxt][0]:lines[nxt][1]]) if nxt is not None else None
    if status and status["handle"].strip() == status["again"].strip():
        handle = status["handle"].strip()
        if nxt_dated:
            who = WHO.match(nxt_dated[0]["who"].strip())
            return _Header(indent, m["num"], 2, handle, who["display"], nxt_dated[1], False)
        return _Header(indent, m["num"], 1, handle, None, None, False)
    if nxt_dated and nxt_dated[0]["who"].strip().startswith(rest.split(" (")[0]):
        who = WHO.match(nxt_dated[0]["who"].strip())
        return _Header(indent, m["num"], 2, who["handle"].strip(), who["display"], nxt_dated[1], False)
    return None


def _parse_comments(text: str, lines: list[tuple[int, int]], first: int) -> list[Comment]:
    headers: list[tuple[int, _Header]] = []
    i = first
    while i < len(lines):
        h = _header_at(text, lines, i)
        if h:
            headers.append((i, h))
            i += h.lines_used
        else:
            i += 1
    comments: list[Comment] = []
    stack: list[tuple[int, str]] = []  # (indent, path)
    for k, (i, h) in enumerate(headers):
        while stack and stack[-1][0] >= h.indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        path = f"{parent}.{h.num}" if parent else h.num
        stack.append((h.indent, path))
        body_lines = lines[i + h.lines_used: headers[k + 1][0] if k + 1 < len(headers) else len(lines)]
        block_start = lines[i][0]
        block_end = headers[k + 1][1] and lines[headers[k + 1][0]][0] if k + 1 < len(headers) else len(text)
        header_end = lines[i + h.lines_used - 1][1]
        if h.deleted:
            s, e = _strip(text, lines[i][0], lines[i][1])
            s = s + NUMBERED.match(text[lines[i][0]:lines[i][1]]).start("rest") - (s - lines[i][0])
            comments.append(Comment(path, parent, None, None, None, True, s, e, block_start, block_end))
            continue
        spans = [_strip(text, a, b) for a, b in body_lines]
        spans = [sp for sp in spans if sp[0] < sp[1]]
        start, end = (spans[0][0], spans[-1][1]) if spans else (header_end, header_end)
        c = Comment(path, parent, h.author, h.display, h.posted, False, start, end, block_start, block_end)
        c.quoted, own_lines = _quoted_blocks(text, body_lines)
        c.quotes_author = c.quoted[0].name if c.quoted else None
        c.paragraphs = _paragraphs(text, own_lines)
        comments.append(c)
    return comments


def _quoted_blocks(text: str, lines: list[tuple[int, int]]) -> tuple[list[QuotedBlock], list[tuple[int, int]]]:
    """The "Quote: NAME" blocks among a comment's lines (the line and the quoted lines under it, up to a
    blank line), and the lines that are the commenter's own."""
    blocks, own = [], []
    j = 0
    while j < len(lines):
        a, b = lines[j]
        q = QUOTE_LINE.match(text[a:b])
        if q:
            k = j + 1
            while k < len(lines) and _strip(text, *lines[k])[0] < _strip(text, *lines[k])[1]:
                k += 1
            quoted = [_strip(text, *ln) for ln in lines[j + 1:k]]
            qs, qe = (quoted[0][0], quoted[-1][1]) if quoted else (b, b)
            blocks.append(QuotedBlock(q["name"], a, b, qs, qe))
            j = k
            continue
        own.append((a, b))
        j += 1
    return blocks, own


def comment_quotes(text: str, start: int, end: int) -> list[QuotedBlock]:
    """The "Quote: NAME" blocks of the comment whose text is ``text[start:end]``, as :func:`segment` finds
    them (for reading a stored comment again)."""
    return _quoted_blocks(text, _lines_within(text, start, end))[0]


def own_words(text: str, start: int, end: int, quoted) -> str:
    """``text[start:end]`` with the lines of the ``quoted`` blocks blanked out: a comment's own words, at
    their offsets."""
    body = text[start:end]
    for q in quoted:
        a, b = max(q.line_start, start) - start, min(q.end, end) - start
        if b > a:
            body = body[:a] + " " * (b - a) + body[b:]
    return body


def _words(s: str) -> int:
    return len(WORD.findall(s))


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _ends_like_sentence(par: str) -> bool:
    return par.rstrip().rstrip(CLOSERS).endswith((".", "!", "?", "…"))


def _sentences(par: str) -> int:
    """Sentences in a paragraph: ends followed by a capital, not after an abbreviation ("Sen.", "U.S.")."""
    n = 0
    for m in INNER_END.finditer(par):
        word = m["word"].rstrip(".")
        if "." in word or (word[:1].isupper() and len(word) <= 4) or len(word) == 1:
            continue
        n += 1
    return n + (1 if _ends_like_sentence(par) else 0)


def _headline_case(par: str) -> bool:
    """Headline case: hardly a longer word in lower case, as in "Ukraine Wins a Key Vote in Brussels".

    Names capitalise many words of a sentence too, but a sentence keeps its verbs and
    nouns in lower case; headline case leaves at most a few short function words so.
    """
    words = [w for w in WORD.findall(par)[1:] if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].islower() for w in words) <= 0.2 * len(words)


def _prose(par: str, n: int) -> bool:
    """Running text: several sentences, or many words ending like a sentence.

    The last sentence need not end with a stop: a paragraph may end with an address or a link.
    """
    if n >= PROSE_WORDS_SEVERAL and _sentences(par) >= 2:
        return True
    return n >= PROSE_WORDS and _ends_like_sentence(par)


def lead_dateline(par: str) -> tuple[int, int] | None:
    """Where the dateline that opens a lead ends, and where the sentence after it starts ("MINSK, March 3,
    2025 -- The President …" -> the offsets of the dash's end and of "The"); None without one.  Parsed with
    its sentence, the dateline becomes the sentence's subject ("MINSK … said") and hides the speaker.  A
    bloc's acronym is no dateline ("NATO — the alliance …")."""
    from . import gazetteer

    for rx in _rules()["lead_dateline"]:
        m = rx.search(par)
        if m is None:
            continue
        first = re.match(r"[A-Z][A-Z.'\u2019-]+", par).group(0)
        if gazetteer.kind_of(first) == "bloc":
            return None
        start = m.end() - 1  # the regex ends on the sentence's first character
        return len(par[:start].rstrip()), start
    return None


def _is_title(par: str, next_par: str | None) -> bool:
    """Whether a document's first paragraph is its title rather than its lead paragraph.

    A title is what is left when the paragraph does not read as prose.  A lead dateline
    ("OTTAWA — ", "WASHINGTON (AP) -- ") makes it a lead.  Otherwise prose ends like a
    sentence, is not in headline case, and has LEAD_WORDS words, or LEAD_WORDS_WITH_SIGN words
    and a second sign: several sentences, running quotation punctuation ('," she said'), no
    paragraph after it, or a next paragraph no more than twice as long (a title is far shorter
    than the lead under it; a lead is about as long as the paragraphs that follow).  A wrong
    "body" only costs a title; a wrong "title" costs the lead and its quotations.
    """
    if _headline_case(par):
        return True
    if any(rx.search(par) for rx in _rules()["lead_dateline"]):
        return False
    if not _ends_like_sentence(par):
        return True
    n = _words(par)
    if n >= LEAD_WORDS:
        return False
    if n < LEAD_WORDS_WITH_SIGN:
        return True
    signs = (
        _sentences(par) >= 2,
        bool(RUNNING_QUOTE.search(par)),
        next_par is None,
        next_par is not None and _words(next_par) <= 2 * n,
    )
    return not any(signs)


def _signals(par: str, n: int, prose: bool) -> list[str]:
    """The boilerplate signals one paragraph shows, in order of strength, one entry per independent signal."""
    r = _rules()
    out = []
    if any(rx.search(par) for rx in r["label"]):
        out.append("label")
    # each distinct prompt is a signal of its own; in a short paragraph one is enough
    prompts = sum(1 for rx in r["prompt"] if rx.search(par)) if r["any_prompt"].search(par) else 0
    if prompts and (prose or n <= 60):
        out += ["prompt"] * prompts
    if any(rx.search(par) for rx in r["link"]):
        # a link in a short line, or one addressed to the reader, is a link block; in prose it is one signal
        if prose or n <= 12 or ADDRESS.search(par):
            out.append("link")
    if not prose and n <= 8 and any(rx.search(par) for rx in r["dateline"]):
        out.append("dateline")
    return out


def _classify(text: str, s: int, e: int, title: str, multi_line: bool) -> list[Segment]:
    """Body or boilerplate for one paragraph; a trailing link or photo credit is split off.

    A short paragraph is boilerplate on one signal; a paragraph of prose needs two
    independent ones (or to repeat the title), so that a news paragraph that quotes
    "join us" or ends with a reporter's e-mail address stays body.
    """
    r = _rules()
    par = text[s:e]
    n = _words(par)
    if title and _norm(par) == _norm(title):
        return [Segment("boilerplate", s, e, "repeats the title")]
    prose = _prose(par, n)
    signals = _signals(par, n, prose)
    if len(signals) >= (2 if prose else 1):
        return [Segment("boilerplate", s, e, signals[0])]
    for kind in ("trailing_link", "credit"):
        for rx in r[kind]:
            m = rx.search(par)
            if m and m.start() > 0:
                cut = s + m.start()
                cs, ce = _strip(text, s, cut)
                body = _classify(text, cs, ce, title, multi_line) if cs < ce else []
                return body + [Segment("boilerplate", _strip(text, cut, e)[0], e, kind.replace("_", " "))]
    if (not multi_line and 6 <= n <= 20 and not par.rstrip().rstrip(CLOSERS).endswith(SENTENCE_END)
            and not SIGNED_QUOTE.match(par)):
        return [Segment("boilerplate", s, e, "headline-like line")]
    return [Segment("body", s, e)]


def segment(text: str, title: str | None = None) -> Outline:
    """Split ``text`` into an :class:`Outline`.  Never raises on any string.

    ``title`` is the title the input gave (a CSV column, an HTML heading): a first paragraph
    that is that title is the title whatever it looks like.  Otherwise the first paragraph is
    the title unless it reads as prose (see :func:`_is_title`); then the outline's title is "".
    """
    lines = _lines(text)
    first_comment = next((i for i in range(len(lines)) if _header_at(text, lines, i)), len(lines))
    paras = _paragraphs(text, lines[:first_comment])
    segments: list[Segment] = []
    signatures: list[Signature] = []
    given = _norm(title or "")
    title = ""
    sig_rx = _rules()["signature"]
    for k, (s, e) in enumerate(paras):
        following = text[paras[1][0]:paras[1][1]] if len(paras) > 1 else None
        if k == 0 and ((given and _norm(text[s:e]) == given) or _is_title(text[s:e], following)):
            title = text[s:e]
            segments.append(Segment("title", s, e))
            continue
        m = sig_rx.match(text[s:e])
        if m:
            ns, ne = s + m.start("name"), s + m.end("name")
            signatures.append(Signature(text[ns:ne], ns, ne, s, e))
            segments.append(Segment("boilerplate", s, e, "post signature"))
            continue
        segments.extend(_classify(text, s, e, title, "\n" in text[s:e]))
    comments = _parse_comments(text, lines, first_comment) if first_comment < len(lines) else []
    for c in comments:
        segments.append(Segment("comment", c.block_start, c.block_end))
    segments.sort(key=lambda x: x.start)
    return Outline(text, title, segments, comments, signatures)


def segment_with_comments(text: str, article_end: int, comments: list[tuple],
                          title: str | None = None) -> Outline:
    """An outline of ``text`` whose reader comments were already split off by the reader.

    ``text[:article_end]`` is segmented as an article.  Each of ``comments`` is a tuple
    ``(start, end[, author, posted, parent])``, in text order after ``article_end``, where
    ``parent`` is the index of the comment it replies to; it becomes one comment, its
    paragraphs split at blank lines.  Text between the article and the first comment (a
    "Comments" heading) is boilerplate.
    """
    article = segment(text[:article_end], title)
    segments = list(article.segments)
    out: list[Comment] = []
    rows = [tuple(c) + (None,) * (5 - len(c)) for c in comments]
    rows = [r for r in rows if article_end <= r[0] <= r[1] <= len(text)]
    rows.sort(key=lambda r: r[0])
    if rows:
        hs, he = _strip(text, article_end, rows[0][0])
        if hs < he:
            segments.append(Segment("boilerplate", hs, he, "label"))
    children: dict[str | None, int] = {}
    for k, (s, e, author, posted, parent) in enumerate(rows):
        block_end = rows[k + 1][0] if k + 1 < len(rows) else len(text)
        parent_path = out[parent].path if parent is not None and 0 <= parent < k else None
        children[parent_path] = children.get(parent_path, 0) + 1
        path = f"{parent_path}.{children[parent_path]}" if parent_path else str(children[parent_path])
        s, e = _strip(text, s, e)
        c = Comment(path, parent_path, author, None, posted, False, s, e, s, block_end)
        c.paragraphs = _paragraphs(text, _lines_within(text, s, e))
        out.append(c)
        segments.append(Segment("comment", s, block_end))
    segments.sort(key=lambda x: x.start)
    return Outline(text, article.title, segments, out, article.signatures)


def _lines_within(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + a, start + b) for a, b in _lines(text[start:end])]
