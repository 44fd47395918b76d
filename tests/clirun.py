"""Running the CLI in-process for tests: ``run(*args)`` and ``as_json(result)``."""
import json

from typer.testing import CliRunner

from alliancecli.cli import app

runner = CliRunner()


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
