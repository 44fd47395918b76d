import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliancecli.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path, monkeypatch):
    """No test touches a real database: ALLIANCE_DB points into tmp_path."""
    monkeypatch.setenv("ALLIANCE_DB", str(tmp_path / "alliance.db"))


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """The demo corpus ingested once with the real pipeline."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def seeds_copy(seeds_db, tmp_path):
    """A private copy of the ingested demo database, for tests that write."""
    dst = tmp_path / "copy.db"
    shutil.copy(seeds_db, dst)
    return dst


@pytest.fixture(scope="session")
def nlp_pipeline():
    """The real spaCy pipeline with the gazetteer ruler, loaded once."""
    from alliancecli import nlp

    return nlp.load()


@pytest.fixture(scope="session")
def attribute_text(nlp_pipeline):
    """Attribution from a text and its parsed docs, without segmentation or the ingest:
    ``run(*paragraphs, title=None, mechanisms=None)`` -> (document text, statements)."""
    from alliancecli.quotes import Unit, attribute

    def run(*paragraphs: str, title: str | None = None, mechanisms=None):
        parts = ([title] if title else []) + list(paragraphs)
        text = "\n\n".join(parts) + "\n"
        units, pos = [], 0
        for i, part in enumerate(parts):
            units.append(Unit(pos, pos + len(part), "title" if title and i == 0 else "body"))
            pos += len(part) + 2
        docs = list(nlp_pipeline.pipe([text[u.start:u.end] for u in units]))
        return text, attribute(text, units, docs, mechanisms=mechanisms)

    return run
