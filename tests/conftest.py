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
