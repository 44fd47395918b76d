"""An embedded post signed '— Name (@handle) date' under its paragraph is that person's statement."""
from __future__ import annotations

from .state import State
from .view import DocView, Statement


def events(view: DocView, state: State):
    return [(sig.line_start, lambda sig=sig: signed(view, state, sig)) for sig in view.signatures]


def signed(view: DocView, state: State, sig) -> None:
    prev = [k for k in view.body if view.units[k].end <= sig.line_start]
    if not prev:
        return
    k = prev[-1]
    s, e = view.units[k].start, view.units[k].end
    name = sig.name
    for m in view.people:
        if m.text == sig.name or m.name.endswith(sig.name.split()[-1]):
            name = m.name
            break
    state.add(Statement("quote", s, e, name, sig.name_start, sig.name_end, "—", speaker_kind="person"),
              view.body_pos(k))
