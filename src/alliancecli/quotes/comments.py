"""Reader comments: each comment is its author's statement, and a "Quote: NAME" block inside it is a
quotation of NAME, unless the quoted words are a comment of the same thread: then they are already that
comment's statement, and the block only points to it (:func:`quoted_comment`)."""
from __future__ import annotations

from .state import State
from .view import DocView, Statement


def events(view: DocView, state: State):
    return [(c.start, lambda ci=ci, c=c: comment(view, state, ci, c)) for ci, c in enumerate(view.comments)
            if not c.deleted and c.end > c.start]


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def own_text(text: str, c) -> str:
    """A comment's own words: its text without the blocks it quotes."""
    body = text[c.start:c.end]
    for q in sorted(c.quoted, key=lambda q: -q.line_start):
        body = body[:max(q.line_start, c.start) - c.start] + " " + body[min(q.end, c.end) - c.start:]
    return body


def quoted_comment(text: str, comments, ci: int, q) -> int | None:
    """The index of the comment of the thread whose own words the block ``q`` of comment ``ci`` quotes."""
    words = _words(text[q.start:q.end])
    if not words:
        return None
    return next((i for i, o in enumerate(comments)
                 if i != ci and not o.deleted and words in _words(own_text(text, o))), None)


def comment(view: DocView, state: State, ci: int, c) -> None:
    text = view.text
    state.statements.append(Statement("comment", c.start, c.end, c.author, None, None, None, None, ci, "commenter"))
    for q in c.quoted:
        if q.end > q.start and quoted_comment(text, view.comments, ci, q) is None:
            ns = q.line_start + text[q.line_start:q.line_end].find(q.name)
            state.statements.append(Statement("quote", q.start, q.end, q.name, ns, ns + len(q.name), "Quote:", None,
                                              ci, "commenter"))
