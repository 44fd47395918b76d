"""alliancecli.queries from Python: rows as plain dicts, and as a pandas DataFrame where pandas is installed."""
import builtins

import pytest

from alliancecli import queries, store


def test_to_dataframe(seeds_db):
    pd = pytest.importorskip("pandas")
    db = store.connect_read(seeds_db)
    rows = queries.statements(db, country="Kazakhstan")
    df = queries.to_dataframe(rows)
    assert list(df.columns) == queries.STATEMENT_COLUMNS and len(df) == len(rows)
    assert df["id"].tolist() == [r["id"] for r in rows]
    by_stance = df.groupby("stance").size().to_dict()
    assert sum(by_stance.values()) == len(rows)
    empty = queries.to_dataframe(queries.iter_statements(db, actor="nobody at all"), queries.STATEMENT_COLUMNS)
    assert isinstance(empty, pd.DataFrame) and empty.empty and list(empty.columns) == queries.STATEMENT_COLUMNS
    pairs = queries.to_dataframe(queries.pairs(db))
    assert {"a", "b", "count"} <= set(pairs.columns)


def test_to_dataframe_without_pandas_says_what_to_install(monkeypatch):
    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"alliancecli\[pandas\]"):
        queries.to_dataframe([{"a": 1}])
