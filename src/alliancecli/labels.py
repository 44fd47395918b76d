"""Human stance labels: set one on a statement, import a labelled file, list them.

A label lives in the ``labels`` table, keyed by what the statement is: the content
hash of its document (``documents.sha256``) and its exact text.  It is copied onto
``statements.label`` (see :func:`alliancecli.store.apply_labels`), so it applies to
the same statement in any database, after a re-ingest and after the file moves.
Queries read ``coalesce(label, stance)``: a human label always wins over a prediction.

An imported file (CSV with ``text`` and ``label`` columns, optionally ``id``,
``source``, ``date``, ``note``, ``sha256``) labels every stored statement whose
text equals a row's text (white space and quotation marks folded; only in the
document with that hash where the row gives one); a row that matches none is
reported and kept as a labelled text of its own, with path ``FILE#ID`` and no
hash, so that ``alliance stance train`` and ``eval`` can use it without adding the
text to the corpus that queries count.  Importing again, after the statement has
been ingested, matches it.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import store

if TYPE_CHECKING:
    import sqlite_utils

LABELS = ("support", "oppose", "neutral")


class LabelError(ValueError):
    pass


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‘": "'", "’": "'"})


def fold(text: str) -> str:
    """The form two copies of a statement share: white space and quotation marks folded."""
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip().strip("\"'").strip()


def _upsert(db: sqlite_utils.Database, sha256: str | None, path: str, text: str, label: str, origin: str,
            ref: str | None):
    if sha256 is not None:
        db.execute("delete from labels where sha256 = ? and text = ?", [sha256, text])
    db.execute("delete from labels where path = ? and text = ?", [path, text])
    db.execute("insert into labels (sha256, path, text, label, origin, ref, labelled_at) values (?, ?, ?, ?, ?, ?, ?)",
               [sha256, path, text, label, origin, ref, _now()])


def set_label(db: sqlite_utils.Database, statement_id: int, label: str | None) -> dict:
    """Label one statement (``None`` removes its label); returns the statement's id, text, prediction and label."""
    if label is not None and label not in LABELS:
        raise LabelError(f"label must be one of {', '.join(LABELS)}")
    row = db.execute("""
        select s.id, s.text, s.stance, d.path, d.sha256 from statements s join documents d on d.id = s.document_id
        where s.id = ?""", [statement_id]).fetchone()
    if row is None:
        raise LabelError(f"no statement with id {statement_id}")
    sid, text, predicted, path, sha = row
    with db.atomic():
        if label is None:
            db.execute("delete from labels where (sha256 = ? or path = ?) and text = ?", [sha, path, text])
        else:
            _upsert(db, sha, path, text, label, "cli", str(sid))
        db.execute("update statements set label = ? where document_id in (select id from documents where sha256 = ? "
                   "or path = ?) and text = ?", [label, sha, path, text])
    return {"id": sid, "label": label, "predicted": predicted, "text": text}


@dataclass
class ImportSummary:
    rows: int = 0
    matched: int = 0  # rows whose text is a stored statement
    standalone: int = 0  # rows kept as labelled texts of their own
    unmatched: list = field(default_factory=list)  # (ref, text) of the rows that matched no statement


def import_file(db: sqlite_utils.Database, path: str | Path) -> ImportSummary:
    """Import a labelled CSV file (see the module docstring); re-importing updates, never duplicates."""
    path = Path(path)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"text", "label"} - set(reader.fieldnames or ())
        if missing:
            raise LabelError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        rows = list(reader)
    stored: dict[str, list[tuple[str, str, str]]] = {}  # folded text -> (sha256, path, text)
    for sha, doc_path, text in db.execute("select distinct d.sha256, d.path, s.text from statements s "
                                          "join documents d on d.id = s.document_id"):
        stored.setdefault(fold(text), []).append((sha, doc_path, text))
    summary = ImportSummary()
    with db.atomic():
        for n, r in enumerate(rows, start=2):
            text, label = (r.get("text") or "").strip(), (r.get("label") or "").strip().lower()
            if not text:
                continue
            if label not in LABELS:
                raise LabelError(f"{path}, line {n}: label {label!r} is not one of {', '.join(LABELS)}")
            ref = r.get("id") or str(n)
            summary.rows += 1
            hits = [h for h in stored.get(fold(text), []) if not r.get("sha256") or h[0] == r["sha256"]]
            if hits:
                summary.matched += 1
                db.execute("delete from labels where path = ? and text = ?", [f"{path.name}#{ref}", text])
                for sha, doc_path, stext in hits:
                    _upsert(db, sha, doc_path, stext, label, "import", f"{path.name}#{ref}")
            else:
                summary.standalone += 1
                summary.unmatched.append((ref, text))
                _upsert(db, None, f"{path.name}#{ref}", text, label, "import", f"{path.name}#{ref}")
        store.apply_labels(db)
    return summary


def labelled(db: sqlite_utils.Database) -> list[dict]:
    """Every labelled text once (a row of an imported file once, whatever it matched): ``text``, ``label``, ``path``."""
    cur = db.execute("select min(id), min(text), label, path from labels group by case when origin = 'import' "
                     "then ref else text end order by min(id)")
    return [{"id": r[0], "text": r[1], "label": r[2], "path": r[3]} for r in cur.fetchall()]
