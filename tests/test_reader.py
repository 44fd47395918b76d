"""Tests for alliancecli.reader: finding input files and decoding them."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from alliancecli.reader import ReadError, find_files, read_file


def _touch(path: Path, data: bytes = b"text\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# -- find_files ------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    _touch(root / "b.txt")
    _touch(root / "a.md")
    _touch(root / "C.TXT")  # suffix match is case-insensitive
    _touch(root / "notes.csv")
    _touch(root / "image.png", b"\x89PNG")
    _touch(root / ".hidden.txt")
    _touch(root / "sub" / "z.txt")
    _touch(root / "sub" / "deeper" / "y.md")
    _touch(root / "sub" / ".secret.md")
    _touch(root / ".git" / "inside.txt")
    _touch(root / "sub" / ".cache" / "cached.txt")
    return root


def _rel(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_find_files_recursive_sorted_default_suffixes(tree):
    found = find_files([tree])
    # os.walk order: files of a folder (sorted), then its sub-folders (sorted).
    # .csv is an input format too (one document per row); .png is not.
    assert _rel(found, tree) == ["C.TXT", "a.md", "b.txt", "notes.csv", "sub/z.txt", "sub/deeper/y.md"]


def test_find_files_skips_hidden_files_and_dirs(tree):
    names = _rel(find_files([tree]), tree)
    assert not any(part.startswith(".") for n in names for part in n.split("/"))
    assert "sub/.cache/cached.txt" not in names
    assert ".git/inside.txt" not in names


def test_find_files_glob_filters_by_name(tree):
    assert _rel(find_files([tree], glob="*.csv"), tree) == ["notes.csv"]
    # the glob replaces the default suffix list: .md files are not included by "*.txt"
    assert _rel(find_files([tree], glob="*.txt"), tree) == ["b.txt", "sub/z.txt"]
    # hidden files stay hidden even when the glob matches them
    assert _rel(find_files([tree], glob=".*"), tree) == []


def test_find_files_explicit_file_always_included(tree):
    csv = tree / "notes.csv"
    hidden = tree / ".hidden.txt"
    assert find_files([csv]) == [csv]
    assert find_files([hidden]) == [hidden]
    # an explicit file is not subject to the glob either
    assert find_files([csv], glob="*.txt") == [csv]


def test_find_files_mixed_and_deduplicated(tree):
    b = tree / "b.txt"
    found = find_files([b, tree])
    assert found[0] == b
    assert found.count(b) == 1
    assert len(found) == 6


def test_find_files_missing_path_raises(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(FileNotFoundError):
        find_files([missing])
    with pytest.raises(FileNotFoundError):
        find_files([tmp_path, missing])


def test_find_files_empty_dir(tmp_path):
    assert find_files([tmp_path]) == []


# -- read_file ---------------------------------------------------------------


def test_read_utf8(tmp_path):
    text = "Tokayev met Putin in Astana — “a real union”.\n"
    data = text.encode("utf-8")
    src = read_file(_touch(tmp_path / "a.txt", data))
    assert src.text == text
    assert src.encoding == "utf-8"
    assert src.warning is None
    assert src.path == str(tmp_path / "a.txt")
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_read_utf8_bom_is_stripped(tmp_path):
    text = "Заголовок\nBody text.\n"
    data = b"\xef\xbb\xbf" + text.encode("utf-8")
    src = read_file(_touch(tmp_path / "a.txt", data))
    assert src.text == text
    assert not src.text.startswith("\ufeff")
    assert src.encoding == "utf-8-sig"
    # the hash is of the bytes on disk, BOM included
    assert src.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_read_utf16_with_bom(tmp_path, codec):
    text = "Kazakhstan and Russia\r\nКазахстан и Россия\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data  # utf-16-be writes no BOM by itself
    src = read_file(_touch(tmp_path / "u16.txt", data))
    assert src.text == text
    assert src.encoding == "utf-16"
    assert src.warning is not None and "UTF-16" in src.warning
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_read_cp1251_russian(tmp_path):
    text = "Президент Казахстана заявил"
    data = text.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the premise: this is not UTF-8
    src = read_file(_touch(tmp_path / "ru.txt", data))
    assert src.text == text
    assert src.encoding == "cp1251"
    assert src.warning is not None and "cp1251" in src.warning
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_read_latin1(tmp_path):
    text = "Le président a déclaré que l'alliance économique était très fragile, à côté de la Russie."
    data = text.encode("latin-1")
    src = read_file(_touch(tmp_path / "fr.txt", data))
    assert src.text == text
    assert src.warning is not None and src.encoding in src.warning
    assert src.encoding != "utf-8"


def test_read_empty_file(tmp_path):
    with pytest.raises(ReadError, match="^empty file$"):
        read_file(_touch(tmp_path / "e.txt", b""))


def test_read_whitespace_only_file_is_empty(tmp_path):
    with pytest.raises(ReadError, match="^empty file$"):
        read_file(_touch(tmp_path / "e.txt", b"  \n\r\n\t \n"))


def test_read_binary_with_nul_bytes(tmp_path):
    data = b"some text\x00\x01\x02\x00 more"
    with pytest.raises(ReadError, match="binary"):
        read_file(_touch(tmp_path / "b.txt", data))


def test_read_pdf(tmp_path):
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    with pytest.raises(ReadError, match="PDF"):
        read_file(_touch(tmp_path / "doc.txt", data))


def test_read_directory_raises_readerror(tmp_path):
    with pytest.raises(ReadError):
        read_file(tmp_path)


def test_read_missing_file_raises_readerror(tmp_path):
    with pytest.raises(ReadError):
        read_file(tmp_path / "gone.txt")


def test_read_crlf_kept(tmp_path):
    text = "Title\r\n\r\nFirst paragraph.\r\nSecond line.\r\n"
    data = text.encode("utf-8")
    src = read_file(_touch(tmp_path / "crlf.txt", data))
    assert src.text == text
    assert "\r\n" in src.text
    assert src.text.count("\r\n") == 4


def test_sha256_differs_for_different_bytes(tmp_path):
    a = read_file(_touch(tmp_path / "a.txt", b"alpha\n"))
    b = read_file(_touch(tmp_path / "b.txt", b"alpha \n"))
    assert a.sha256 == hashlib.sha256(b"alpha\n").hexdigest()
    assert a.sha256 != b.sha256


def test_read_bom_only_file_is_empty(tmp_path):
    with pytest.raises(ReadError, match="^empty file$"):
        read_file(_touch(tmp_path / "bom.txt", b"\xef\xbb\xbf\r\n\r\n"))


def test_read_truncated_utf16_raises_readerror_not_unicodeerror(tmp_path):
    data = "Kazakhstan".encode("utf-16") + b"A"  # BOM, 10 code units, then one stray byte
    try:
        src = read_file(_touch(tmp_path / "bad16.txt", data))
    except ReadError:
        return
    # decoding leniently is acceptable too, as long as the text survives
    assert src.text.startswith("Kazakhstan")
