"""Write the database out for other tools: the country network for Gephi, whole tables for pandas or R.

:func:`graph` builds a networkx graph from :func:`alliancecli.queries.pairs`;
:func:`write_graph` writes it as GEXF or GraphML; :func:`write_table` streams a
table as CSV or newline-delimited JSON, one row at a time, so a large table never
sits in memory.
"""
from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from . import output, queries

if TYPE_CHECKING:
    import sqlite_utils

TABLES = ("statements", "comments", "mentions", "acts")
GRAPH_FORMATS = ("gexf", "graphml")


def graph(db: sqlite_utils.Database, min_mentions: int = 1, within: str = "sentence", source: str = "all",
          include_blocs: bool = False, since: str | None = None, until: str | None = None):
    """Countries (and blocs) as nodes with their mention counts; co-mentions as weighted edges with stance counts.

    ``since`` and ``until`` keep the mentions dated in that range (see :func:`alliancecli.queries.pairs`).
    """
    import networkx as nx

    g = nx.Graph()
    edges = queries.pairs(db, min_mentions=min_mentions, within=within, source=source, include_blocs=include_blocs,
                          since=since, until=until)
    names = sorted({r["a"] for r in edges} | {r["b"] for r in edges})
    src = {"article": " and m.comment_id is null", "comments": " and m.comment_id is not null"}.get(source, "")
    when, when_params = queries._date_clause("m", since, until)
    counts = {}
    if names:
        counts = {(n, k): (c, iso3) for n, k, c, iso3 in db.execute(
            f"select m.name, m.kind, count(*), max(m.iso3) from mentions m where m.kind in ('country', 'bloc')"
            f"{src}{when} and m.name in (select value from json_each(?)) group by m.name, m.kind",
            when_params + [json.dumps(names)])}
    for name in names:
        kind = "country" if (name, "country") in counts else "bloc"
        mentions, iso3 = counts.get((name, kind), (0, None))
        g.add_node(name, label=name, kind=kind, mentions=mentions, iso3=iso3 or "")
    for r in edges:
        g.add_edge(r["a"], r["b"], weight=r["count"], documents=r["documents"], support=r["support"],
                   oppose=r["oppose"], neutral=r["neutral"])
    return g


def write_graph(g, fmt: str, out: IO[bytes]):
    """Write ``g`` as GEXF or GraphML to a binary file object."""
    import networkx as nx

    if fmt == "gexf":
        nx.write_gexf(g, out)
    elif fmt == "graphml":
        nx.write_graphml(g, out)
    else:
        raise ValueError(f"format must be one of {', '.join(GRAPH_FORMATS)}")


def write_table(db: sqlite_utils.Database, table: str, fmt: str, out: IO[str], raw: bool = False) -> int:
    """Stream every row of ``table`` as CSV (with a header) or newline-delimited JSON; returns the row count.

    A CSV cell that a spreadsheet would run as a formula gets a leading ``'`` unless ``raw``
    (:func:`alliancecli.safe.csv_cell`, applied by :func:`alliancecli.output.format_rows`).
    """
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}")
    if fmt not in ("csv", "nl"):
        raise ValueError("format must be csv or nl")
    cur = db.execute(f"select * from [{table}] order by rowid")
    cols = [d[0] for d in cur.description]
    return output.write_rows((dict(zip(cols, row)) for row in cur), cols, "rawcsv" if raw and fmt == "csv" else fmt,
                             out)
