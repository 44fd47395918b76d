"""Human stance labels: set one on a statement, import a labelled file, list them.

A label lives in the ``labels`` table, keyed by the document's path and the
statement's exact text, and is copied onto ``statements.label`` (see
:func:`alliancecli.store.apply_labels`), so it survives re-ingest of a changed
document as long as the statement's words are the same.  Queries read
``coalesce(label, stance)``: a human label always wins over a prediction.

An imported file (CSV with ``text`` and ``label`` columns, optionally ``id``,
``source``, ``date``, ``note``) labels every stored statement whose text equals a
row's text; a row that matches none is kept as a labelled text of its own, with
path ``FILE#ID``, so that ``alliance stance train`` and ``eval`` can use it
without adding the text to the corpus that queries count.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import store

LABELS = ("support", "oppose", "neutral")


class LabelError(ValueError):
    pass


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _upsert(db: sqlite_utils.Database, path: str, text: str, label: str, origin: str, ref: str | None):
    db.execute("""
        insert into labels (path, text, label, origin, ref, labelled_at) values (?, ?, ?, ?, ?, ?)
        on conflict (path, text) do update set label = excluded.label, origin = excluded.origin,
            ref = excluded.ref, labelled_at = excluded.labelled_at""",
               [path, text, label, origin, ref, _now()])


def set_label(db: sqlite_utils.Database, statement_id: int, label: str | None) -> dict:
    """Label one statement (``None`` removes its label); returns the statement's id, text, prediction and label."""
    if label is not None and label not in LABELS:
        raise LabelError(f"label must be one of {', '.join(LABELS)}")
    row = db.execute("""
        select s.id, s.text, s.stance, d.path from statements s join documents d on d.id = s.document_id
        where s.id = ?""", [statement_id]).fetchone()
    if row is None:
        raise LabelError(f"no statement with id {statement_id}")
    sid, text, predicted, path = row
    with db.atomic():
        if label is None:
            db.execute("delete from labels where path = ? and text = ?", [path, text])
        else:
            _upsert(db, path, text, label, "cli", str(sid))
        db.execute("update statements set label = ? where document_id = (select document_id from statements "
                   "where id = ?) and text = ?", [label, sid, text])
    return {"id": sid, "label": label, "predicted": predicted, "text": text}


@dataclass
class ImportSummary:
    rows: int = 0
    matched: int = 0  # rows whose text is a stored statement
    standalone: int = 0  # rows kept as labelled texts of their own


def import_file(db: sqlite_utils.Database, path: str | Path) -> ImportSummary:
    """Import a labelled CSV file (see the module docstring); re-importing updates, never duplicates."""
    path = Path(path)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"text", "label"} - set(reader.fieldnames or ())
        if missing:
            raise LabelError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        rows = list(reader)
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
            hits = db.execute("""
                select distinct d.path, s.text from statements s join documents d on d.id = s.document_id
                where s.text = ?""", [text]).fetchall()
            if hits:
                summary.matched += 1
                for doc_path, stext in hits:
                    _upsert(db, doc_path, stext, label, "import", f"{path.name}#{ref}")
            else:
                summary.standalone += 1
                _upsert(db, f"{path.name}#{ref}", text, label, "import", r.get("source") or None)
        store.apply_labels(db)
    return summary


def labelled(db: sqlite_utils.Database) -> list[dict]:
    """Every labelled text once: ``text``, ``label``, ``path``."""
    cur = db.execute("select min(id), text, label, path from labels group by text order by min(id)")
    return [{"id": r[0], "text": r[1], "label": r[2], "path": r[3]} for r in cur.fetchall()]
