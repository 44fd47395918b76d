"""Combine databases ingested apart (shards of one corpus, colleagues' corpora) into one.

A document is known by the hash of its text: a text already in the target is not copied
again, whatever its path.  Each copied document brings everything derived from it (segments,
comments, statements, mentions, pairs) with fresh ids.  Human stance labels and actor
overrides are carried over; where two databases disagree (the same statement labelled
differently, one alias given two names, one actor two countries, one path two texts) the
first one given keeps its value and the disagreement is reported, never resolved silently.
Actors are rebuilt over the whole result, as one ingest of the union would build them.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from . import store

# the tables that hang off a document, in the order their ids are needed
CHILDREN = ("segments", "comments", "statements", "mentions", "pairs", "acts")


@dataclass
class MergeSummary:
    databases: int = 0
    documents: int = 0  # copied
    repeated: int = 0  # same text already there
    labels: int = 0
    overrides: int = 0
    conflicts: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.databases} databases: {self.documents} documents copied, {self.repeated} already there; "
                f"{self.labels} labels, {self.overrides} actor overrides; {len(self.conflicts)} conflicts")


def merge(inputs: list[str | Path], out: str | Path, on_event=None) -> MergeSummary:
    """Copy every database in ``inputs`` into ``out`` (created if missing); returns a :class:`MergeSummary`.

    ``on_event(kind, detail)`` is called with kind "database" as each input starts and
    "conflict" for each disagreement.  Raises :class:`alliancecli.store.NoDatabase` for a
    missing input, before writing anything.
    """
    on_event = on_event or (lambda *a: None)
    inputs = [Path(p) for p in inputs]
    for p in inputs:
        if not p.is_file():
            raise store.NoDatabase(p)
    db = store.connect(out, create=True)
    summary = MergeSummary()
    target = Path(out).resolve()
    try:
        for path in inputs:
            if path.resolve() == target:
                continue
            summary.databases += 1
            on_event("database", str(path))
            src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            src.row_factory = sqlite3.Row
            try:
                _copy_documents(src, db, summary, on_event)
                _copy_labels(src, db, summary, on_event)
                _copy_overrides(src, db, summary, on_event)
            finally:
                src.close()
        store.apply_labels(db)
        store.refresh_actors(db)
    finally:
        db.close()
    return summary


def _columns(db, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"pragma table_info([{table}])").fetchall()]


def _has(src, table: str) -> bool:
    return src.execute("select 1 from sqlite_master where type = 'table' and name = ?", [table]).fetchone() is not None


def _copy_documents(src, db, summary: MergeSummary, on_event):
    cols = {t: _columns(db, t) for t in ("documents", *CHILDREN)}
    for doc in src.execute("select * from documents order by id"):
        doc = dict(doc)
        if store.document_with_text(db, doc["sha256"]) is not None:
            summary.repeated += 1
            continue
        state = store.document_state(db, doc["path"])
        if state is not None:  # the path is taken by another text: keep the first, say so
            msg = f"document {doc['path']}: another text under the same path is kept (sha256 {state[1][:12]})"
            summary.conflicts.append(msg)
            on_event("conflict", msg)
            continue
        with db.atomic():
            _copy_document(src, db, doc, cols)
        summary.documents += 1


def _insert(db, table: str, row: dict, cols: list[str]) -> int:
    """``row`` as a new row of ``table``: the columns the merged database has, under a new id."""
    return store.insert_rows(db, table, [{c: row[c] for c in cols if c != "id" and c in row}])


def _copy_document(src, db, doc: dict, cols: dict):
    old_id = doc["id"]
    new_id = _insert(db, "documents", doc, cols["documents"])
    ids: dict[str, dict] = {"comments": {}, "statements": {}}

    def rows(table):
        return [dict(r) for r in src.execute(f"select * from [{table}] where document_id = ? order by rowid",
                                             [old_id])]

    for r in rows("segments"):
        _insert(db, "segments", {**r, "document_id": new_id}, cols["segments"])
    for r in rows("comments"):  # a parent comment comes before its replies (it was written first)
        parent = ids["comments"].get(r["parent_id"]) if r.get("parent_id") is not None else None
        ids["comments"][r["id"]] = _insert(db, "comments", {**r, "document_id": new_id, "parent_id": parent},
                                           cols["comments"])
    for r in rows("statements"):
        cid = ids["comments"].get(r["comment_id"]) if r.get("comment_id") is not None else None
        ids["statements"][r["id"]] = _insert(db, "statements", {**r, "document_id": new_id, "comment_id": cid},
                                             cols["statements"])
    for table in ("mentions", "pairs", "acts"):
        if not _has(src, table):  # a database from before the table
            continue
        for r in rows(table):
            r = {**r, "document_id": new_id}
            if r.get("statement_id") is not None:
                r["statement_id"] = ids["statements"].get(r["statement_id"])
            if r.get("comment_id") is not None:
                r["comment_id"] = ids["comments"].get(r["comment_id"])
            _insert(db, table, r, cols[table])


def _copy_labels(src, db, summary: MergeSummary, on_event):
    if not _has(src, "labels"):
        return
    for r in src.execute("select path, text, label, origin, ref, labelled_at from labels order by id"):
        have = db.execute("select label from labels where path = ? and text = ?", [r["path"], r["text"]]).fetchone()
        if have is None:
            db.execute("insert into labels (path, text, label, origin, ref, labelled_at) values (?, ?, ?, ?, ?, ?)",
                       list(r))
            summary.labels += 1
        elif have[0] != r["label"]:
            msg = f"label of {r['path']}: {r['text'][:60]!r}: {have[0]} kept, {r['label']} not taken"
            summary.conflicts.append(msg)
            on_event("conflict", msg)
    db.conn.commit()


def _copy_overrides(src, db, summary: MergeSummary, on_event):
    from . import overrides as ov

    if not _has(src, "actor_overrides"):
        return
    have = [ov.Rule.from_row(dict(r)) for r in db.query("select * from actor_overrides order by id")]
    for row in src.execute("select * from actor_overrides order by id"):
        rule = ov.Rule.from_row(dict(row))
        if rule in have:
            continue
        clash = _clash(rule, have)
        if clash:
            summary.conflicts.append(clash)
            on_event("conflict", clash)
            continue
        db["actor_overrides"].insert({**rule.to_row(), "added_at": row["added_at"]})
        have.append(rule)
        summary.overrides += 1


def _clash(rule, have) -> str | None:
    """Why ``rule`` contradicts one of ``have`` (an alias sent to another name, another country), or None."""
    for h in have:
        if rule.country and h.country and h.name == rule.name and h.country != rule.country:
            return f"actor {rule.name}: country {h.country} kept, {rule.country} not taken"
        for alias in set(rule.aliases) & set(h.aliases):
            if h.name != rule.name or h.action != rule.action:
                return (f"actor alias {alias}: {h.action} to {h.name} kept, "
                        f"{rule.action} to {rule.name} not taken")
    return None


def as_json(summary: MergeSummary) -> str:
    return json.dumps({"databases": summary.databases, "documents": summary.documents, "repeated": summary.repeated,
                       "labels": summary.labels, "overrides": summary.overrides, "conflicts": summary.conflicts},
                      ensure_ascii=False)
