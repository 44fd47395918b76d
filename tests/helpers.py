"""What several test modules share: running the CLI in-process (``run(*args)``, ``as_json(result)``), the
analysis of one text (``analyse_text``), a corpus folder in tmp_path, and the consistency check of a database (tests import this, never each other)."""
import json
import sqlite3

from typer.testing import CliRunner

from alliancecli.cli import app

runner = CliRunner()


def analyse_text(nlp, text: str, path: str = "test.txt"):
    """The rows the ingest would write for ``text``: segmentation, the spaCy pipeline ``nlp`` and
    ``pipeline.analyse``, without a database."""
    import hashlib

    from alliancecli import pipeline, reader
    from alliancecli.segment import segment

    src = reader.SourceFile(path, text, hashlib.sha256(text.encode()).hexdigest(), "utf-8")
    outline = segment(text)
    units = pipeline.plan_units(outline)
    docs = list(nlp.pipe([pipeline.unit_text(text, u) for u in units]))
    return pipeline.analyse(pipeline.Prepared(src, outline, units, None), docs)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def corpus(tmp_path, text: str, name: str = "a.txt"):
    """A folder ``tmp_path/in`` holding ``text`` as the file ``name``; returns the folder."""
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / name).write_text(text, encoding="utf-8")
    return src


DERIVED = ("segments", "comments", "statements", "mentions", "pairs")  # the tables built from each document


def check_consistent(con: sqlite3.Connection) -> set[int]:
    """Every table agrees on which documents exist; returns their ids."""
    assert con.execute("pragma integrity_check").fetchall() == [("ok",)]
    docs = {r[0] for r in con.execute("select id from documents")}
    for table in DERIVED:
        refs = {r[0] for r in con.execute(f"select distinct document_id from [{table}]")}
        assert refs <= docs, f"{table} has rows of documents that do not exist"
    # every document came with its derived rows: segments always, and here comments too
    for table in ("segments", "comments", "statements"):
        with_rows = {r[0] for r in con.execute(f"select distinct document_id from [{table}]")}
        assert with_rows == docs, f"a document without its {table}"
    st = {r[0] for r in con.execute("select id from statements")}
    assert {r[0] for r in con.execute("select statement_id from mentions where statement_id is not null")} <= st
    for fts, table in (("statements_fts", "statements"), ("comments_fts", "comments")):
        assert (con.execute(f"select count(*) from [{fts}]").fetchone()[0]
                == con.execute(f"select count(*) from [{table}]").fetchone()[0])
    return docs


def person_names(nlp, text: str, handles=()) -> list[str]:
    """The person names ``entities.person_spans`` finds in ``text``, as written."""
    from alliancecli import entities

    doc = nlp(text)
    return [doc[s:e].text for s, e in entities.person_spans(doc, set(handles))]
