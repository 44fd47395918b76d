"""The issue's bad-input table, one test per row, through the real ``alliance ingest``.

A bad file costs one line on stderr, never the run; the summary counts failures and
names them; the exit code is 0 when at least one document was ingested or all were
unchanged, and 1 when everything failed.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliancecli import pipeline, sources
from alliancecli.cli import app

runner = CliRunner()

GOOD = ('Kazakhstan and Russia\n\n"We will never join a military alliance with them," said Kassym-Jomart Tokayev, '
        'the president of Kazakhstan.\n')


def ingest(*args):
    return runner.invoke(app, ["ingest", *[str(a) for a in args]])


def summary(result) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def _consistent(db: Path) -> list[str]:
    """Paths of the documents, after checking every statement is a slice of its document."""
    con = sqlite3.connect(db)
    for text, start, end, doc in con.execute(
            "select s.text, s.start, s.end, d.text from statements s join documents d on d.id = s.document_id"):
        assert doc[start:end] == text
    return [r[0] for r in con.execute("select path from documents order by path")]


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    return d


def _failed(result, name: str) -> str:
    """The reason the run gave for ``name``, from the --json summary."""
    reasons = [f["reason"] for f in summary(result)["failures"] if Path(f["path"]).name.startswith(name)]
    assert reasons, result.output
    return reasons[0]


def test_missing_path_is_a_usage_error(tmp_path):
    result = ingest(tmp_path / "nope", "--db", tmp_path / "t.db")
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert not (tmp_path / "t.db").exists()


def test_empty_file_is_skipped_with_a_note(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b" \r\n\n")
    result = ingest(corpus, "--db", tmp_path / "t.db", "--json")
    assert result.exit_code == 0, result.output
    s = summary(result)
    assert s["skipped"] == 1 and s["failed"] == 0 and s["new"] == 1
    assert "skipped: " in result.stderr and "empty.txt: empty file" in result.stderr


@pytest.mark.parametrize("name, data, reason", [
    ("scan.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
])
def test_binary_or_pdf_is_skipped_with_its_reason(corpus, tmp_path, name, data, reason):
    (corpus / name).write_bytes(data)
    result = ingest(corpus, "--db", tmp_path / "t.db", "--json")
    assert result.exit_code == 0, result.output
    assert reason in _failed(result, name)
    assert summary(result)["failed"] == 1 and summary(result)["new"] == 1
    assert f"failed: {corpus / name}" in result.stderr


def test_everything_failed_exits_1_and_names_each_failure(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(b"%PDF-1.4 whatever")
    (d / "b.txt").write_bytes(b"\x00\x01\x02\x03")
    result = ingest(d, "--db", tmp_path / "t.db", "--json")
    assert result.exit_code == 1
    s = summary(result)
    assert s["failed"] == 2 and s["new"] == 0
    assert {Path(f["path"]).name for f in s["failures"]} == {"a.txt", "b.txt"}
    assert "2 failed" in result.stderr


@pytest.mark.parametrize("codec, prefix, expect", [
    ("cp1251", b"", "cp1251"),
    ("latin-1", b"", ""),
    ("utf-16-le", b"\xff\xfe", "UTF-16"),
])
def test_legacy_encodings_are_decoded_with_a_warning(tmp_path, codec, prefix, expect):
    text = {"cp1251": "Казахстан и Россия\n\nПрезидент Казахстана заявил, что союза не будет.\n",
            "latin-1": "Kazakhstan et la Russie\n\nLe président a déclaré que l'alliance était fragile.\n",
            "utf-16-le": "Kazakhstan and Russia\n\nTokayev said «no alliance» — ever.\n"}[codec]
    f = tmp_path / "legacy.txt"
    f.write_bytes(prefix + text.encode(codec))
    db = tmp_path / "t.db"
    result = ingest(f, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert f"warning: {f}: " in result.stderr and expect in result.stderr
    stored = sqlite3.connect(db).execute("select text from documents").fetchone()[0]
    assert stored == text


def test_crlf_line_endings(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes(GOOD.replace("\n", "\r\n").encode("utf-8") + b"  1. bob 9 December 2022 16: 56\r\n    No way.\r\n")
    db = tmp_path / "t.db"
    result = ingest(f, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert _consistent(db) == [str(f)]
    con = sqlite3.connect(db)
    [(title, comment)] = con.execute("select d.title, c.text from documents d join comments c on c.document_id = d.id")
    assert title == "Kazakhstan and Russia" and comment == "No way."
    assert not any("\r" in t for (t,) in con.execute("select text from statements"))


def test_big_file_is_processed_in_parts_within_spacys_max_length(tmp_path, monkeypatch):
    from alliancecli import nlp

    assert sources.PART_CHARS < nlp.load().max_length
    # The same mechanism as for a 60 MB dump, at a size a test can afford through spaCy.
    monkeypatch.setattr(sources, "PART_CHARS", 2_000)
    para = "Tokayev said Kazakhstan would keep its ties with Russia and China. " * 5
    text = "A dump of articles\n\n" + "\n\n".join(f"{k}: {para}" for k in range(40))
    f = tmp_path / "dump.txt"
    f.write_text(text, encoding="utf-8")
    db = tmp_path / "t.db"
    result = ingest(f, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    paths = _consistent(db)
    con = sqlite3.connect(db)
    parts = [t for (t,) in con.execute("select text from documents order by id")]
    assert len(parts) == len(paths) > len(text) // 2_000
    assert "".join(parts) == text
    assert max(map(len, parts)) <= 2_000
    # unchanged parts are skipped on a re-run
    again = summary(ingest(f, "--db", db, "--json"))
    assert again["unchanged"] == len(parts) and again["new"] == 0


def test_a_60_mb_file_is_read_in_parts_no_larger_than_part_chars(tmp_path):
    line = ("Kazakhstan and Russia discussed the Eurasian union; the ministers met again. " * 3 + "\n")
    f = tmp_path / "dump.txt"
    with f.open("w", encoding="utf-8") as out:
        block = (line * 40 + "\n") * 50
        while out.tell() < 60_000_000:
            out.write(block)
    size = f.stat().st_size
    total = 0
    count = 0
    for doc in sources.read(f):
        assert len(doc.text) <= sources.PART_CHARS
        total += len(doc.text)
        count += 1
    assert total == size and count >= size // sources.PART_CHARS


def test_permission_denied_is_skipped_with_its_reason(corpus, tmp_path, monkeypatch):
    locked = corpus / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        # Running as root, where chmod does not deny: make opening it fail the way it would.
        import builtins

        from alliancecli import reader

        def locked_open(file, *args, **kwargs):
            if Path(file) == locked:
                raise PermissionError(13, "Permission denied", str(file))
            return builtins.open(file, *args, **kwargs)

        monkeypatch.setattr(reader, "open", locked_open, raising=False)
    try:
        result = ingest(corpus, "--db", tmp_path / "t.db", "--json")
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 0, result.output
    assert _failed(result, "locked.txt") == "permission denied"


def test_symlink_loop_is_skipped_with_its_reason(corpus, tmp_path):
    (corpus / "loop.txt").symlink_to(corpus / "loop2.txt")
    (corpus / "loop2.txt").symlink_to(corpus / "loop.txt")
    result = ingest(corpus, "--db", tmp_path / "t.db", "--json")
    assert result.exit_code == 0, result.output
    assert "symbolic links" in _failed(result, "loop.txt")
    assert summary(result)["new"] == 1


def test_file_deleted_during_the_run_is_skipped_with_its_reason(corpus, tmp_path):
    (corpus / "z_later.txt").write_text(GOOD.replace("Tokayev", "Nazarbayev"), encoding="utf-8")

    def on_event(kind, path, detail):
        if kind == "read" and path.endswith("good.txt"):
            (corpus / "z_later.txt").unlink()  # after listing, before it is read

    s = pipeline.ingest([corpus], tmp_path / "t.db", on_event=on_event)
    assert s.new == 1 and s.failed == 1
    assert s.failures == [(str(corpus / "z_later.txt"), "file vanished before it could be read")]


def test_unbalanced_quotes_and_malformed_comment_headers(tmp_path):
    text = ('Alliance talk\n\n"We will never join NATO, Tokayev said on Monday in Astana.\n\n'
            'He added: «Russia is our partner and “the EU too.\n\n'
            '  1. \n  2. bob 31 February 2022 16: 56\n  3. ann Offline bob\n    Quote: \n'
            '  4. carl (Carl 9 December 2022 99: 99\n    text under a broken header "with a quote\n')
    f = tmp_path / "messy.txt"
    f.write_text(text, encoding="utf-8")
    db = tmp_path / "t.db"
    result = ingest(f, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert summary(result)["new"] == 1
    assert _consistent(db) == [str(f)]
    con = sqlite3.connect(db)
    spans = sorted(con.execute("select start, end from segments"))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


def test_csv_with_a_missing_text_column_lists_the_fields(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text("link,headline,when\nhttps://x/1,A title,2022-06-24\n", encoding="utf-8")
    result = ingest(f, "--db", tmp_path / "t.db", "--json")
    assert result.exit_code == 1
    reason = _failed(result, "export.csv")
    assert "no text field" in reason and "available fields: link, headline, when" in reason
    assert "--text-field" in reason
    ok = ingest(f, "--db", tmp_path / "t.db", "--json", "--text-field", "headline", "--date-field", "when")
    assert ok.exit_code == 0, ok.output
    assert sqlite3.connect(tmp_path / "t.db").execute("select path, date from documents").fetchall() == [
        (f"{f}#https://x/1", "2022-06-24")]


def test_malformed_json_line_is_skipped_with_its_line_number(tmp_path):
    f = tmp_path / "rows.jsonl"
    rows = [json.dumps({"id": "a", "text": GOOD}), '{"id": "b", "text": "unterminated', "",
            json.dumps({"id": "c", "text": GOOD.replace("Tokayev", "Nazarbayev")})]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    result = ingest(f, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    s = summary(result)
    assert s["new"] == 2 and s["failed"] == 1
    assert s["failures"][0]["reason"].startswith("line 2: malformed JSON")
    assert _consistent(db) == [f"{f}#a", f"{f}#c"]
    # re-ingest is idempotent per row
    again = summary(ingest(f, "--db", db, "--json"))
    assert again["unchanged"] == 2 and again["new"] == 0


def test_stdin_document(tmp_path):
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db), "--json"], input=GOOD)
    assert result.exit_code == 0, result.output
    [path] = _consistent(db)
    assert path.startswith("<stdin>#")
    again = runner.invoke(app, ["ingest", "-", "--db", str(db), "--json"], input=GOOD)
    assert summary(again)["unchanged"] == 1


def test_html_page_end_to_end(tmp_path):
    from texts import PAGE

    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "t.db"
    result = ingest(tmp_path, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    _consistent(db)
    con = sqlite3.connect(db)
    assert con.execute("select title, date, author from documents").fetchone() == (
        "Russia and Kazakhstan talk alliance", "2024-01-30", "Ivan Petrov")
    comments = [r[0] for r in con.execute("select text from comments order by id")]
    assert len(comments) == 2 and comments[0].startswith("Kazakhstan will never join us")
    sources_ = {r[0] for r in con.execute("select source from statements where kind = 'comment'")}
    assert sources_ == {"comments"}


def test_a_big_file_that_shrinks_or_grows_keeps_no_stale_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "PART_CHARS", 600)
    para = "Tokayev said Kazakhstan would keep its ties with Russia. " * 2
    f = tmp_path / "dump.txt"
    db = tmp_path / "t.db"

    def run(n_paras: int) -> list[str]:
        f.write_text("A dump\n\n" + "\n\n".join(f"{k}: {para}" for k in range(n_paras)), encoding="utf-8")
        result = ingest(f, "--db", db, "--json")
        assert result.exit_code == 0, result.output
        con = sqlite3.connect(db)
        rows = con.execute("select path, text from documents").fetchall()
        rows.sort(key=lambda r: int(r[0].rsplit("#part-", 1)[1]) if "#part-" in r[0] else 0)
        # the documents are the file, once: no part missing, none left over from an earlier version
        assert "".join(t for _, t in rows) == f.read_text(encoding="utf-8")
        return _consistent(db)

    many = run(20)
    assert len(many) > 3 and all("#part-" in p for p in many)
    fewer = run(8)
    assert len(fewer) < len(many) and set(fewer) <= set(many)
    assert run(2) == [str(f)]  # small again: one document, no parts left behind
    assert run(20) == many
