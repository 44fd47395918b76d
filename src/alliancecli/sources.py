"""Turn input paths into source documents, whatever the format: one uniform record out.

A text or Markdown file is one document; an HTML page is one article (with its reader
comments split off, when the page has them); every row of a CSV, JSON Lines or JSON
array file is a document of its own; ``-`` is one document read from stdin.  A text
longer than :data:`PART_CHARS` is cut at paragraph breaks into parts, each a document,
so that spaCy never sees more than that at once.

A document's ``path`` is its identity in the database: the file's path, plus ``#`` and
the row's id (or row number) for a table row, or ``#part-N`` for a part of a big file.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple

from . import dates, reader
from .reader import CSV_SUFFIXES, HTML_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES  # the formats, listed there once
from .resources import load_json
from .segment import Outline, segment, segment_with_comments

#: Longest text made into one document.  spaCy refuses texts over ``nlp.max_length``
#: (1,000,000 characters by default) and its parser needs about 1 GB per 100,000
#: characters of one text; a longer text is cut into parts no longer than this.
PART_CHARS = 100_000

STDIN = "-"


@dataclass(frozen=True)
class SourceDocument:
    """One document to ingest, whatever file it came from."""

    path: str
    text: str
    sha256: str
    encoding: str
    warning: str | None = None
    title: str | None = None
    date: str | None = None  # ISO date
    author: str | None = None
    url: str | None = None
    #: Set when the reader split off reader comments itself (HTML): the article is
    #: ``text[:article_end]`` and each comment is one of ``comments``.
    article_end: int | None = None
    comments: tuple[CommentSpan, ...] = field(default=())


class CommentSpan(NamedTuple):
    """One reader comment the reader split off: its span in the text, and what the page says of it."""

    start: int
    end: int
    author: str | None = None
    posted: str | None = None  # ISO date or date and time
    parent: int | None = None  # index of the comment it replies to


class BadRow(NamedTuple):
    """One row of a table file that cannot be ingested; the rest of the file goes on."""

    path: str  # the file's
    reason: str  # starts with where in the file: "line 7: ...", "row 3: ...", "item 2: ..."
    skipped: bool = False  # a note (an empty row), not a failure


@dataclass(frozen=True)
class Fields:
    """Which column holds what in CSV and JSON input; None picks from the defaults in data/sources.json."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    id: str | None = None


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_json("sources.json")
    return {"fields": raw["fields"], "comment_headings": [re.compile(p, re.I) for p in raw["comment_headings"]],
            "markup": {k: re.compile(v, re.I) for k, v in raw["comment_markup"].items()}}


def _sha(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


# -- the entry point ------------------------------------------------------------------------------


def read(path: Path | str, fields: Fields | None = None, stdin=None) -> Iterator[SourceDocument | BadRow]:
    """The documents in one input path.  Raises reader.ReadError when the whole file cannot be used."""
    fields = fields or Fields()
    if str(path) == STDIN:
        docs = _stdin(stdin if stdin is not None else sys.stdin.buffer)
    else:
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix in CSV_SUFFIXES:
            docs = _csv(path, fields)
        elif suffix in JSONL_SUFFIXES:
            docs = _jsonl(path, fields)
        elif suffix in JSON_SUFFIXES:
            docs = _json(path, fields)
        elif suffix not in HTML_SUFFIXES and _size(path) > 4 * PART_CHARS + 4:
            # More than PART_CHARS characters whatever the encoding: cut while decoding, never
            # holding the whole text.  The parts are the ones split_parts would cut.
            yield from _stream_parts(path)
            return
        else:
            src = reader.read_file(path)
            docs = iter([_from_text(src.path, src.text, src.sha256, src.encoding, src.warning,
                                    html=suffix in HTML_SUFFIXES)])
    for doc in docs:
        if isinstance(doc, BadRow):
            yield doc
        else:
            yield from split_parts(doc)


def outline(doc: SourceDocument) -> Outline:
    """Segment a document, keeping reader comments the reader split off as comments."""
    if doc.article_end is None:
        return segment(doc.text, doc.title)
    return segment_with_comments(doc.text, doc.article_end, list(doc.comments), doc.title)


# -- plain text, HTML and stdin ---------------------------------------------------------------------


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _from_text(path: str, text: str, sha256: str, encoding: str, warning: str | None,
               html: bool = False) -> SourceDocument:
    if html or _looks_like_html(text):
        return _html(path, text, sha256, encoding, warning)
    return SourceDocument(path, text, sha256, encoding, warning)


def _stdin(stream) -> Iterator[SourceDocument]:
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        raise reader.ReadError("empty input on stdin")
    if data.startswith(b"%PDF"):
        raise reader.ReadError("PDF input, not text")
    text, encoding, warning = reader.decode(data)
    sha = hashlib.sha256(data).hexdigest()
    # Each distinct text piped in is its own document; the same text again is unchanged.
    yield _from_text(f"<stdin>#{sha[:12]}", text, sha, encoding, warning)


def _html(path: str, page: str, sha256: str, encoding: str, warning: str | None) -> SourceDocument:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = trafilatura.bare_extraction(page, include_comments=True, with_metadata=True)
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise reader.ReadError(f"cannot parse the HTML page ({type(e).__name__})") from None
    body = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not body:
        raise reader.ReadError("no article text found in the HTML page")
    title = (found.title or "").strip() or None
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paras and paras[0] == title:
        paras = paras[1:]
    elif title and paras and paras[0].startswith(title + " "):  # a fallback extractor ran the heading in
        paras[0] = paras[0][len(title):].strip()
    comment_lines = [c.strip() for c in (found.comments or "").split("\n") if c.strip()]
    # On a page whose article is short, trafilatura's fallback extractor can take the comments into
    # the end of the article text as well: keep them once, as comments.  Only a trailing run is
    # dropped, so an article paragraph that a commenter quoted stays in the article.
    said_in_comments = _squash(" ".join(comment_lines))
    while len(paras) > 1 and said_in_comments and _squash(paras[-1]) in said_in_comments:
        paras.pop()
    head = [title] if title else []
    article = "\n\n".join(head + paras)
    heading = "Comments"
    if comment_lines and any(rx.match(comment_lines[0]) for rx in _rules()["comment_headings"]):
        heading = comment_lines.pop(0)
    if not comment_lines:
        return SourceDocument(path, article + "\n", sha256, encoding, warning, title, dates.parse(found.date),
                              found.author, found.url)
    text = article + "\n\n" + heading + "\n\n"
    spans = []
    for group, info in _comment_threads(page, comment_lines):
        start = len(text)
        text += "\n\n".join(group)
        spans.append(CommentSpan(start, len(text), *info))
        text += "\n\n"
    return SourceDocument(path, text, sha256, encoding, warning, title, dates.parse(found.date), found.author,
                          found.url, article_end=len(article), comments=tuple(spans))


def _squash(s: str) -> str:
    return " ".join(s.split())


def _comment_threads(page: str, paragraphs: list[str]) -> list[tuple[list[str], tuple]]:
    """Group trafilatura's comment paragraphs into the page's comments, with author, time and parent.

    trafilatura keeps a comment section's paragraphs but not where one comment ends, who wrote it
    or what it answers.  Elements whose class marks one comment (``data/sources.json``) give that
    back where the page has them: each paragraph goes to the comment whose own text holds it.
    A paragraph no such element holds is a comment of its own, with nothing known about it.
    """
    fallback = [([p], (None, None, None)) for p in paragraphs]
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(page)
    except Exception:  # unparsable markup: keep the paragraphs as they are
        return fallback
    rx = _rules()["markup"]

    def marked(el, kind: str) -> bool:
        cls = el.get("class") if isinstance(el.tag, str) else None
        return bool(cls) and any(rx[kind].match(tok) for tok in cls.split())

    boxes = [el for el in tree.iter() if marked(el, "comment")]
    if not boxes:
        return fallback
    box_set = set(boxes)

    def own(el):
        """Descendants of a comment element that are not inside a reply nested in it."""
        stack = list(el)
        while stack:
            x = stack.pop()
            if x in box_set:
                continue
            yield x
            stack.extend(x)

    def own_text(el) -> str:
        parts: list[str] = []

        def walk(x):
            if isinstance(x.tag, str):
                parts.append(x.text or "")
            for child in x:
                if child not in box_set:
                    walk(child)
                parts.append(child.tail or "")

        walk(el)
        return _squash(" ".join(parts))

    info = {}
    texts = {}
    for k, el in enumerate(boxes):
        names = [_squash(x.text_content()) for x in own(el) if marked(x, "author")]
        names = [n for n in names if n and len(n) <= 80]
        posted = None
        for x in own(el):
            if isinstance(x.tag, str) and (x.tag == "time" or marked(x, "time")):
                posted = dates.parse(x.get("datetime")) or dates.parse(_squash(x.text_content()))
                if posted:
                    break
        parent = next((boxes.index(a) for a in el.iterancestors() if a in box_set), None)
        info[k] = (min(names, key=len) if names else None, posted, parent)
        texts[k] = own_text(el)

    groups: list[tuple[list[str], tuple]] = []
    owner_of_group: list[int | None] = []
    index_of_box: dict[int, int] = {}
    for p in paragraphs:
        q = _squash(p)
        owner = next((k for k in range(len(boxes)) if q and q in texts[k]), None)
        if owner is not None and owner_of_group and owner_of_group[-1] == owner:
            groups[-1][0].append(p)
            continue
        if owner is None:
            groups.append(([p], (None, None, None)))
        else:
            author, posted, parent = info[owner]
            groups.append(([p], (author, posted, index_of_box.get(parent) if parent is not None else None)))
            index_of_box.setdefault(owner, len(groups) - 1)
        owner_of_group.append(owner)
    return groups


# -- big texts --------------------------------------------------------------------------------------


def cut_points(text: str, limit: int | None = None) -> list[int]:
    """Where to cut ``text`` into pieces of at most ``limit`` (default PART_CHARS) characters: at a
    blank line, else a line break, else a space, else anywhere.  Returns the end offset of every piece."""
    limit = limit or PART_CHARS
    ends = []
    start = 0
    n = len(text)
    while n - start > limit:
        window_end = start + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            i = text.rfind(sep, start + 1, window_end)
            if i > start:
                cut = i + len(sep)
                break
        if cut <= start:
            cut = window_end
        ends.append(cut)
        start = cut
    ends.append(n)
    return ends


def split_parts(doc: SourceDocument, limit: int | None = None) -> Iterator[SourceDocument]:
    """``doc`` itself, or, when its text is longer than ``limit`` (default PART_CHARS), its parts as
    documents of their own."""
    limit = limit or PART_CHARS
    if len(doc.text) <= limit:
        yield doc
        return
    start = 0
    for k, end in enumerate(cut_points(doc.text, limit), 1):
        part = doc.text[start:end]
        start = end
        if not part.strip():
            continue
        yield _part(doc, k, part)


def _part(doc: SourceDocument, k: int, text: str) -> SourceDocument:
    return replace(doc, path=f"{doc.path}#part-{k}", text=text,
                   sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                   title=doc.title if k == 1 else None, warning=doc.warning if k == 1 else None,
                   article_end=None, comments=())


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_file will say why


def _stream_parts(path: Path) -> Iterator[SourceDocument]:
    """The parts of a big text file, decoded and cut block by block."""
    encoding, warning, blocks = reader.stream_file(path)
    doc = SourceDocument(reader.path_str(path), "", "", encoding, warning)
    k = 0
    any_text = False
    buf = ""
    for block in blocks:
        buf += block
        if len(buf) <= PART_CHARS:
            continue
        ends = cut_points(buf, PART_CHARS)
        start = 0
        for end in ends[:-1]:  # the last piece may grow with the next block
            k += 1
            if buf[start:end].strip():
                any_text = True
                yield _part(doc, k, buf[start:end])
            start = end
        buf = buf[start:]
    if buf.strip():
        any_text = True
        yield _part(doc, k + 1, buf)
    if not any_text:
        raise reader.ReadError("empty file")


# -- table files: CSV, JSON Lines, JSON arrays -------------------------------------------------------


def _pick(available: list[str], chosen: str | None, role: str) -> str | None:
    """The column for ``role``: the one the user chose (it must exist), else the first default present."""
    by_lower = {a.lower(): a for a in available}
    if chosen is not None:
        if chosen in available:
            return chosen
        if chosen.lower() in by_lower:
            return by_lower[chosen.lower()]
        raise reader.ReadError(f"no {role} field {chosen!r}; available fields: {', '.join(available) or '(none)'}")
    for name in _rules()["fields"][role]:
        if name in by_lower:
            return by_lower[name]
    return None


@dataclass
class _Columns:
    text: str
    title: str | None
    date: str | None
    id: str | None
    author: str | None
    url: str | None


def _columns(available: list[str], fields: Fields) -> _Columns:
    text = _pick(available, fields.text, "text")
    if text is None:
        tried = ", ".join(_rules()["fields"]["text"])
        raise reader.ReadError(f"no text field (tried {tried}); available fields: "
                               f"{', '.join(available) or '(none)'}; choose one with --text-field")
    return _Columns(text, _pick(available, fields.title, "title"), _pick(available, fields.date, "date"),
                    _pick(available, fields.id, "id"), _pick(available, None, "author"),
                    _pick(available, None, "url"))


def _scalar(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return None
    s = str(value).strip()
    return s or None


def _row(path: str, row: dict, number: int, cols: _Columns, encoding: str, warning: str | None,
         seen: set[str], where: str) -> SourceDocument | BadRow:
    rid = _scalar(row.get(cols.id)) if cols.id else None
    key = rid if rid is not None and rid not in seen else str(number)
    seen.add(key)
    ident = f"{path}#{key}"
    value = row.get(cols.text)
    if isinstance(value, (dict, list)):
        return BadRow(path, f"{where}: the {cols.text!r} field is not text")
    text = "" if value is None else str(value)
    if not text.strip():
        return BadRow(path, f"{where}: empty {cols.text!r} field", skipped=True)
    title = _scalar(row.get(cols.title)) if cols.title else None
    date = dates.parse(row.get(cols.date)) if cols.date else None
    author = _scalar(row.get(cols.author)) if cols.author else None
    url = _scalar(row.get(cols.url)) if cols.url else None
    if title and not text.lstrip().startswith(title):
        # The title becomes the document's first line, where the segmenter looks for it.
        text = f"{title}\n\n{text}"
    return SourceDocument(ident, text, _sha(text, title, date, author, url), encoding, warning, title, date,
                          author, url)


def _decoded(path: Path) -> reader.SourceFile:
    return reader.read_file(path)


def _csv(path: Path, fields: Fields) -> Iterator[SourceDocument | BadRow]:
    """The rows of a CSV file.  A row whose quote is never closed would swallow every row after
    it into one text: it fails, with its line, and the rows after its first line are read again."""
    src = _decoded(path)
    csv.field_size_limit(2**31 - 1)
    lines = io.StringIO(src.text, newline="").readlines()
    rows = csv.DictReader(iter(lines))
    try:
        available = [f for f in (rows.fieldnames or []) if f is not None]
    except csv.Error as e:
        raise reader.ReadError(f"not a readable CSV file ({e})") from None
    cols = _columns(available, fields)
    seen: set[str] = set()
    number = 0
    offset = 0  # the line that the current reader began at
    while True:
        begin = offset + rows.line_num
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            number += 1
            yield BadRow(src.path, f"line {offset + rows.line_num}: {e}")
            continue
        number += 1
        end = offset + rows.line_num
        if end == len(lines) and end - begin > 1 and _unterminated(lines[begin:end]):
            yield BadRow(src.path, f"line {begin + 1}: a quote that is never closed (the rows after it are read "
                                   "on their own)")
            offset = begin + 1
            rows = csv.DictReader(iter(lines[offset:]), fieldnames=rows.fieldnames)
            continue
        yield _row(src.path, row, number, cols, src.encoding, src.warning, seen, f"row {number}")


def _unterminated(lines: list[str]) -> bool:
    """True when these lines, read as CSV, end inside a quoted field."""
    try:
        for _ in csv.reader(lines, strict=True):
            pass
    except csv.Error as e:
        return "unexpected end of data" in str(e)
    return False


def _jsonl(path: Path, fields: Fields) -> Iterator[SourceDocument | BadRow]:
    src = _decoded(path)
    cols: _Columns | None = None
    seen: set[str] = set()
    number = 0
    # split on "\n" only: str.splitlines() would also split at U+2028 and U+0085, which JSON strings may hold
    for lineno, line in enumerate(src.text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield BadRow(src.path, f"line {lineno}: malformed JSON ({e.msg})")
            continue
        except RecursionError:
            yield BadRow(src.path, f"line {lineno}: {TOO_DEEP}")
            continue
        if not isinstance(obj, dict):
            yield BadRow(src.path, f"line {lineno}: not a JSON object")
            continue
        if cols is None:
            cols = _columns(list(obj), fields)
        number += 1
        yield _row(src.path, obj, number, cols, src.encoding, src.warning, seen, f"line {lineno}")


TOO_DEEP = "JSON nested too deeply to read"


def _json(path: Path, fields: Fields) -> Iterator[SourceDocument | BadRow]:
    src = _decoded(path)
    try:
        data = json.loads(src.text)
    except json.JSONDecodeError as e:
        raise reader.ReadError(f"malformed JSON at line {e.lineno}: {e.msg}") from None
    except RecursionError:
        raise reader.ReadError(TOO_DEEP) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise reader.ReadError("expected a JSON array of objects")
    objects = [o for o in data if isinstance(o, dict)]
    available = list(dict.fromkeys(k for o in objects[:1000] for k in o))
    cols = _columns(available, fields)
    seen: set[str] = set()
    for number, obj in enumerate(data, 1):
        if not isinstance(obj, dict):
            yield BadRow(src.path, f"item {number}: not a JSON object")
            continue
        yield _row(src.path, obj, number, cols, src.encoding, src.warning, seen, f"item {number}")
