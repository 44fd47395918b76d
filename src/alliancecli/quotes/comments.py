"""Reader comments: each comment is its author's statement, and a "Quote: NAME" block inside it is a
quotation of NAME."""
from __future__ import annotations

from .state import State
from .view import DocView, Statement


def events(view: DocView, state: State):
    return [(c.start, lambda ci=ci, c=c: comment(view, state, ci, c)) for ci, c in enumerate(view.comments)
            if not c.deleted and c.end > c.start]


def comment(view: DocView, state: State, ci: int, c) -> None:
    text = view.text
    state.statements.append(Statement("comment", c.start, c.end, c.author, None, None, None, None, ci, "commenter"))
    for q in c.quoted:
        if q.end > q.start:
            ns = q.line_start + text[q.line_start:q.line_end].find(q.name)
            state.statements.append(Statement("quote", q.start, q.end, q.name, ns, ns + len(q.name), "Quote:", None,
                                              ci, "commenter"))
