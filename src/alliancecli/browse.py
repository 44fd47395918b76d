"""Browse the database in datasette (the optional extra ``alliancecli[browse]``).

``datasette alliance.db`` already works: statements and comments have full-text
search (``statements_fts``, ``comments_fts``), ``statements_view`` joins every
statement to its document's title, and foreign keys to ``documents`` show the
title.  :func:`metadata` adds what datasette cannot guess: label columns for
comments and statements, search on ``statements_view``, and descriptions.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path


class NotInstalled(RuntimeError):
    def __init__(self):
        super().__init__("datasette is not installed: pip install 'alliancecli[browse]'")


def available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata(db_path: str | Path) -> dict:
    name = Path(db_path).stem
    return {
        "title": "alliancecli",
        "description": "Who said what about which alliance: statements, speakers, countries and stance.",
        "databases": {name: {"tables": {
            "documents": {"label_column": "title"},
            "comments": {"label_column": "author", "description": "Reader comments, threaded by path."},
            "statements": {"label_column": "speaker", "description":
                           "Quoted, block, indirect statements and reader comments; stance is the prediction, "
                           "label the human label (it wins)."},
            "statements_view": {"fts_table": "statements_fts", "fts_pk": "id", "description":
                                "Statements with their document's title; stance = label where a human gave one."},
            "mentions": {"label_column": "name"},
            "labels": {"description": "Human stance labels, keyed by document path and statement text."},
        }}},
    }


def datasette(db_path: str | Path):
    """A ``datasette.app.Datasette`` over the database with :func:`metadata` (used by the tests)."""
    if not available():
        raise NotInstalled()
    from datasette.app import Datasette

    return Datasette([str(db_path)], metadata=metadata(db_path))


def serve(db_path: str | Path, port: int = 8001, open_browser: bool = False) -> int:
    """Run ``datasette serve`` on the database until interrupted; returns its exit status."""
    if not available():
        raise NotInstalled()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(metadata(db_path), f)
    cmd = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", f.name, "--port", str(port)]
    if open_browser:
        cmd.append("--open")
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 0
    finally:
        Path(f.name).unlink(missing_ok=True)
