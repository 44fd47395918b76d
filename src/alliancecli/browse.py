"""Browse the database in datasette (the optional extra ``alliancecli[browse]``).

``datasette alliance.db`` already works: statements and comments have full-text
search (``statements_fts``, ``comments_fts``), ``statements_view`` joins every
statement to its document's title, and foreign keys to ``documents`` show the
title.  :func:`metadata` adds what datasette cannot guess: the analyst's questions
as canned queries (who said what about a country, pairs, a statement search, a
timeline), facets on stance, speaker country and source, label columns, and the
internal tables hidden.

:func:`serve` runs datasette inside this process, not as a child: when ``alliance
browse`` ends, however it ends (Ctrl-C, a kill, its terminal closing), the server
and its port go with it.
"""
from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

#: Tables a reader of the data has no use for: bookkeeping, and what is built from other tables.
HIDDEN = ("_migrations", "segments", "pairs", "actor_overrides", "stance_models", "labels")

_STATEMENT = """select s.id, s.speaker, s.speaker_country, coalesce(s.label, s.stance) as stance, s.kind, s.source,
       s.text, s.document_id, d.title as document, coalesce(s.posted, d.date) as date, d.url, s.start, s.end
from statements s join documents d on d.id = s.document_id"""

QUERIES = {
    "who_said": {
        "title": "Who said what about a country",
        "description": "Statements whose speaker acts for the country or that mention it (as 'alliance who-said "
                       "--country'). Give the country's name as the database has it, e.g. Kazakhstan.",
        "sql": _STATEMENT + """
where s.speaker_country = :country
   or s.id in (select statement_id from mentions where name = :country and statement_id is not null)
order by s.id""",
    },
    "pairs": {
        "title": "Country pairs mentioned together",
        "description": "Pairs of countries in one sentence, with the stance of the statements that hold both (as "
                       "'alliance pairs'). Leave country empty for every pair.",
        "sql": """select p.a, p.b, count(*) as count, count(distinct p.document_id) as documents,
       count(distinct case when coalesce(s.label, s.stance) = 'support' then s.id end) as support,
       count(distinct case when coalesce(s.label, s.stance) = 'oppose' then s.id end) as oppose,
       count(distinct case when coalesce(s.label, s.stance) = 'neutral' then s.id end) as neutral
from pairs p left join statements s on s.id = p.statement_id
where p.kind = 'country' and (:country = '' or p.a = :country or p.b = :country)
group by p.a, p.b order by count(*) desc, p.a, p.b""",
    },
    "statement_search": {
        "title": "Search statements",
        "description": "Full-text search over statements and reader comments, best match first (as 'alliance "
                       "search'). SQLite FTS syntax: words, \"a phrase\", OR, NOT.",
        "sql": _STATEMENT.replace("from statements s", "from statements_fts f join statements s on s.id = f.rowid")
        + "\nwhere statements_fts match :query order by f.rank",
    },
    "timeline": {
        "title": "Statements by month and stance",
        "description": "How many statements a month, by stance, whose speaker acts for the country or that mention "
                       "it (as 'alliance timeline --country'). Undated statements are left out.",
        "sql": """select substr(coalesce(s.posted, d.date), 1, 7) as month, count(*) as statements,
       sum(coalesce(s.label, s.stance) = 'support') as support,
       sum(coalesce(s.label, s.stance) = 'oppose') as oppose,
       sum(coalesce(s.label, s.stance) = 'neutral') as neutral
from statements s join documents d on d.id = s.document_id
where coalesce(s.posted, d.date) is not null
  and (s.speaker_country = :country
       or s.id in (select statement_id from mentions where name = :country and statement_id is not null))
group by month order by month""",
    },
}


class NotInstalled(RuntimeError):
    def __init__(self):
        super().__init__("datasette is not installed: pip install 'alliancecli[browse]'")


def available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata(db_path: str | Path) -> dict:
    name = Path(db_path).stem
    facets = ["stance", "speaker_country", "source"]
    tables = {t: {"hidden": True} for t in HIDDEN}
    tables.update({
        "documents": {"label_column": "title", "sort_desc": "date"},
        "comments": {"label_column": "author", "description": "Reader comments, threaded by path."},
        "statements": {"label_column": "speaker", "facets": facets, "description":
                       "Quoted, block, indirect statements and reader comments; stance is the prediction, "
                       "label the human label (it wins); start and end are offsets in the document's text."},
        "statements_view": {"fts_table": "statements_fts", "fts_pk": "id", "facets": facets, "description":
                            "Statements with their document's title; stance = label where a human gave one."},
        "mentions": {"label_column": "name", "facets": ["kind", "name"]},
        "actors": {"facets": ["kind", "country"], "sort_desc": "mentions"},
    })
    return {
        "title": "alliancecli",
        "description": "Who said what about which alliance: statements, speakers, countries and stance. "
                       "Start with the queries below.",
        "databases": {name: {"tables": tables, "queries": QUERIES}},
    }


def datasette(db_path: str | Path):
    """A ``datasette.app.Datasette`` over the database with :func:`metadata` (used by the tests)."""
    if not available():
        raise NotInstalled()
    from datasette.app import Datasette

    return Datasette([str(db_path)], metadata=metadata(db_path))


def serve(db_path: str | Path, port: int = 8001, open_browser: bool = False, host: str = "127.0.0.1") -> int:
    """Run datasette on the database in this process until interrupted; returns its exit status."""
    if not available():
        raise NotInstalled()
    from datasette.cli import cli

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(metadata(db_path), f)
    args = ["serve", str(db_path), "--metadata", f.name, "--port", str(port), "--host", host]
    if open_browser:
        args.append("--open")
    try:
        cli.main(args, prog_name="datasette", standalone_mode=False)
        return 0
    except KeyboardInterrupt:
        return 0
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 1
    finally:
        Path(f.name).unlink(missing_ok=True)
