"""What the mechanisms find and pass on: the statements so far and the last speaker quoted."""
from __future__ import annotations

from dataclasses import dataclass, field

from .speakers import Registry, Speaker
from .view import DocView, Statement, said, trim


@dataclass
class Last:
    """The speaker of the last statement added in reading order: a follow-on quote or a 'he' continues it."""
    speaker: Speaker
    para: int  # body paragraph index of the statement's end


@dataclass
class State:
    view: DocView
    speakers: Registry
    statements: list[Statement] = field(default_factory=list)
    last: Last | None = None
    acts: list[Statement] = field(default_factory=list)  # acts aimed at a target (:mod:`.frames`), not statements

    def speaker(self, k: int, tok, pos: int) -> Speaker:
        """The speaker named by token ``tok`` of unit ``k`` (:meth:`Registry.resolve`)."""
        return self.speakers.resolve(k, tok, pos, self.last)

    def add(self, st: Statement, para: int) -> None:
        """Add a statement found in reading order; it becomes the last speaker."""
        st.start, st.end = trim(self.view.text, st.start, st.end)
        if st.end <= st.start:
            return
        self.statements.append(st)
        if st.kind in ("block", "quote") and st.speaker_kind == "person":
            self.speakers.voices.append((st.start, st.end, Speaker(st.speaker, st.speaker_start, st.speaker_end,
                                                                   st.speaker_kind, st.speaker_country)))
        self.last = Last(Speaker(st.speaker, st.speaker_start, st.speaker_end, st.speaker_kind, st.speaker_country,
                                 st.speaker_role), para)

    def report(self, kind: str, s: int, e: int, sp: Speaker, cue: str | None) -> None:
        """Add a statement found outside reading order (reported speech, headlines)."""
        self.statements.append(said(kind, s, e, sp, cue))

    def act(self, s: int, e: int, sp: Speaker, cue: str | None, frame: str) -> None:
        """Record an act aimed at a target ("criticized the deal"): attributed, but nothing said."""
        s, e = trim(self.view.text, s, e)
        if e > s:
            self.acts.append(said("act", s, e, sp, cue))
            self.acts[-1].frame = frame
