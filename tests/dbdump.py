"""Compare databases apart from ids: every row with its ids replaced by what they point at."""
import sqlite3


def canonical(path) -> dict[str, list]:
    """Every table's rows with ids replaced by what they point at (document path, offsets), sorted."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    doc = {r["id"]: r["path"] for r in con.execute("select id, path from documents")}
    comment = {r["id"]: (doc[r["document_id"]], r["start"]) for r in con.execute("select * from comments")}
    statement = {r["id"]: (doc[r["document_id"]], r["kind"], r["start"], r["end"])
                 for r in con.execute("select * from statements")}
    refs = {"document_id": doc, "comment_id": comment, "parent_id": comment, "statement_id": statement}
    out = {}
    for table in ("documents", "segments", "comments", "statements", "mentions", "pairs", "acts", "actors", "labels"):
        rows = []
        for r in con.execute(f"select * from [{table}]"):
            r = dict(r)
            r.pop("id", None)
            r.pop("ingested_at", None)
            r.pop("labelled_at", None)
            rows.append(tuple(sorted((k, refs[k].get(v) if k in refs and v is not None else v)
                                     for k, v in r.items())))
        out[table] = sorted(rows, key=repr)
    con.close()
    return out


def assert_same(got, expected):
    a, b = canonical(got), canonical(expected)
    assert b["statements"] and b["mentions"] and b["pairs"] and b["acts"]
    for table in a:
        assert a[table] == b[table], table
