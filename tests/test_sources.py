"""Tests for alliancecli.sources and alliancecli.dates: every input format to one record."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancecli import dates, reader, sources
from alliancecli.reader import ReadError
from alliancecli.segment import segment
from alliancecli.sources import BadRow, Fields, SourceDocument
from texts import PAGE


def _docs(path, fields=None, **kw):
    return [d for d in sources.read(path, fields, **kw) if isinstance(d, SourceDocument)]


def _bad(path, fields=None):
    return [d for d in sources.read(path, fields) if isinstance(d, BadRow)]


# -- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, iso", [
    ("Post At: Jan 30/2024 12:50AM", "2024-01-30"),
    ("9 December 2022 16: 56", "2022-12-09"),
    ("— Anton (@a) January 29, 2024", "2024-01-29"),
    ("published 2023-05-01T10:00:00Z", "2023-05-01"),
    ("on the 3rd of March, 2021", "2021-03-03"),
    ("Sept. 7, 2020", "2020-09-07"),
])
def test_find_written_dates(written, iso):
    assert dates.find(written) == iso


@pytest.mark.parametrize("text", ["February 30, 2024", "Mayday 12 2020", "2024-13-01", "no date here", "", "12:50"])
def test_find_rejects_non_dates(text):
    assert dates.find(text) is None


def test_find_takes_the_earliest_position_not_the_first_pattern():
    assert dates.find("Updated January 29, 2024; first posted 2023-12-31") == "2024-01-29"


@pytest.mark.parametrize("value, iso", [
    ("2022-06-24T23:23:00Z", "2022-06-24"),
    ("2022-06-24", "2022-06-24"),
    ("24 June 2022", "2022-06-24"),
    (1656115380, "2022-06-25"),
    ("", None), (None, None), ("soon", None),
])
def test_parse_field_values(value, iso):
    assert dates.parse(value) == iso


def test_article_date_prefers_labelled_line_over_comment_dates():
    text = ("Title of the piece\n\nWar\nPost At: Jan 30/2024 12:50AM\n\nA long first paragraph that talks about "
            "the summit of 9 December 2022 and much else, so that it reads as body text.\n\n"
            "  1. bob 9 December 2022 16: 56\n    first!\n")
    assert dates.article_date(segment(text)) == "2024-01-30"


def test_article_date_ignores_dates_in_body_paragraphs():
    text = ("Title of the piece\n\nThe treaty signed on 9 December 2022 was discussed again by the ministers, "
            "who met in Astana for two days of talks.\n")
    assert dates.article_date(segment(text)) is None


def test_article_date_falls_back_to_the_earliest_comment():
    text = ("Title of the piece\n\nThe ministers met in Astana for two days of talks about trade and gas.\n\n"
            "  1. bob 10 December 2022 16: 56\n    later\n  2. ann 9 December 2022 08: 05\n    earlier\n")
    o = segment(text)
    assert len(o.comments) == 2
    assert dates.article_date(o) == "2022-12-09"


# -- plain text and stdin -----------------------------------------------------------------------------


def test_text_file_is_one_document_keyed_by_path(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title\n\nBody.\n", encoding="utf-8")
    [d] = _docs(f)
    assert d.path == str(f) and d.text == "Title\n\nBody.\n" and d.article_end is None


def test_stdin_is_one_document_keyed_by_its_hash():
    text = "A title\n\nKazakhstan met Russia.\n"
    [d] = _docs("-", stdin=io.BytesIO(text.encode("cp1251")))
    again = _docs("-", stdin=io.BytesIO(text.encode("cp1251")))[0]
    other = _docs("-", stdin=io.BytesIO(b"Another\n\ntext.\n"))[0]
    assert d.text == text and d.path.startswith("<stdin>#")
    assert d.path == again.path != other.path


def test_empty_stdin_is_an_error():
    with pytest.raises(ReadError, match="empty"):
        _docs("-", stdin=io.BytesIO(b"  \n"))


# -- HTML ---------------------------------------------------------------------------------------------



def test_html_article_comments_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    [d] = _docs(f)
    assert d.title == "Russia and Kazakhstan talk alliance"
    assert d.author == "Ivan Petrov"
    assert d.date == "2024-01-30"
    assert d.text.startswith(d.title + "\n\n")
    article = d.text[:d.article_end]
    assert "Tokayev said on Monday" in article and "sovereign country" in article
    assert "Home" not in d.text and "Copyright" not in d.text
    assert [d.text[s:e] for s, e, *_ in d.comments] == [
        "Kazakhstan will never join us, this much is obvious to anyone following the news.",
        "China is the real winner here, as always, and everyone in Moscow knows it well."]
    o = sources.outline(d)
    assert [d.text[c.start:c.end] for c in o.comments] == [d.text[s:e] for s, e, *_ in d.comments]
    assert all(c.end <= len(d.text) for c in o.comments)
    # the "Comments" heading is boilerplate, not a comment and not body
    assert any(s.kind == "boilerplate" and d.text[s.start:s.end] == "Comments" for s in o.segments)
    assert all(d.text[s.start:s.end] != "Comments" for s in o.body)
    tiles = o.tiled()
    assert tiles[0].start == 0 and tiles[-1].end == len(d.text)
    assert all(a.end == b.start for a, b in zip(tiles, tiles[1:]))


def test_html_without_comments(tmp_path):
    f = tmp_path / "plain.htm"
    f.write_text(PAGE.split('<section id="comments"')[0] + "</body></html>", encoding="utf-8")
    [d] = _docs(f)
    assert d.comments == () and d.article_end is None
    assert "sovereign country" in d.text


def test_html_is_recognised_by_its_content_whatever_the_suffix(tmp_path):
    f = tmp_path / "saved.txt"
    f.write_text("<!DOCTYPE html>\n" + PAGE, encoding="utf-8")
    [d] = _docs(f)
    assert "<p>" not in d.text and d.author == "Ivan Petrov"


def test_html_without_article_text_is_a_read_error(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script><img src=a.png></body></html>",
                 encoding="utf-8")
    with pytest.raises(ReadError, match="no article text"):
        _docs(f)


# -- tables -------------------------------------------------------------------------------------------


def test_csv_rows_with_default_fields(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text('link,headline,date,body\r\n'
                 'https://x/1,First title,2022-06-24T23:23:00Z,"Kazakhstan said no.\r\nSecond line."\r\n'
                 'https://x/2,Second title,,Russia said yes.\r\n', encoding="utf-8")
    docs = _docs(f)
    assert [d.path for d in docs] == [f"{f}#https://x/1", f"{f}#https://x/2"]
    assert [d.title for d in docs] == ["First title", "Second title"]
    assert [d.date for d in docs] == ["2022-06-24", None]
    assert docs[0].url == "https://x/1"
    # the title is the document's first line, where the segmenter finds it
    assert docs[0].text == "First title\n\nKazakhstan said no.\r\nSecond line."
    assert segment(docs[0].text).title == "First title"


def test_csv_row_identity_is_stable_and_hash_changes_with_content(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("text\nalpha\nbeta\n", encoding="utf-8")
    a = _docs(f)
    assert [d.path for d in a] == [f"{f}#1", f"{f}#2"]
    f.write_text("text\nalpha\ngamma\n", encoding="utf-8")
    b = _docs(f)
    assert a[0].sha256 == b[0].sha256 and a[1].sha256 != b[1].sha256


def test_csv_explicit_fields_and_duplicate_ids(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("key,story,when\nk1,one,9 December 2022\nk1,two,\n", encoding="utf-8")
    docs = _docs(f, Fields(text="story", id="key", date="when"))
    assert [d.text for d in docs] == ["one", "two"]
    assert docs[0].path == f"{f}#k1" and docs[1].path != docs[0].path
    assert docs[0].date == "2022-12-09"


def test_csv_missing_text_column_lists_the_fields(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("link,headline,when\nx,y,z\n", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        _docs(f)
    assert "no text field" in str(e.value) and "link, headline, when" in str(e.value)
    with pytest.raises(ReadError, match="no text field 'story'.*link, headline, when"):
        _docs(f, Fields(text="story"))


def test_csv_empty_text_row_is_skipped_not_failed(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("text\nalpha\n   \n", encoding="utf-8")
    [bad] = _bad(f)
    assert bad.skipped and "row 2" in bad.reason


def test_csv_in_cp1251(tmp_path):
    f = tmp_path / "ru.csv"
    f.write_bytes("title,text\nЗаголовок,Президент Казахстана заявил\n".encode("cp1251"))
    [d] = _docs(f)
    assert d.title == "Заголовок" and d.encoding == "cp1251" and "cp1251" in d.warning


def test_jsonl_malformed_line_is_skipped_with_its_line_number(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text('{"body": "one", "id": 7}\n{broken\n\n[1, 2]\n{"body": "two"}\n', encoding="utf-8")
    docs = _docs(f)
    assert [d.text for d in docs] == ["one", "two"]
    assert docs[0].path == f"{f}#7"
    bad = _bad(f)
    assert [b.reason.split(":")[0] for b in bad] == ["line 2", "line 4"]
    assert "malformed JSON" in bad[0].reason and not bad[0].skipped


def test_json_array_and_single_object(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps([{"content": "one", "headline": "H"}, "junk", {"content": "two"}]), encoding="utf-8")
    assert [d.text for d in _docs(f)] == ["H\n\none", "two"]
    assert [b.reason for b in _bad(f)] == ["item 2: not a JSON object"]
    g = tmp_path / "b.json"
    g.write_text(json.dumps({"article": "only one"}), encoding="utf-8")
    assert [d.text for d in _docs(g)] == ["only one"]


def test_json_malformed_file_is_a_read_error(tmp_path):
    f = tmp_path / "a.json"
    f.write_text('[{"text": "a"},\n {"text": }]', encoding="utf-8")
    with pytest.raises(ReadError, match="malformed JSON at line 2"):
        _docs(f)


def test_json_non_text_field_is_a_bad_row(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps([{"text": {"nested": 1}}, {"text": 5}]), encoding="utf-8")
    assert [d.text for d in _docs(f)] == ["5"]
    assert "not text" in _bad(f)[0].reason


# -- big texts ----------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=400), st.integers(min_value=1, max_value=50))
def test_cut_points_cover_the_text_within_the_limit(text, limit):
    ends = sources.cut_points(text, limit)
    starts = [0] + ends[:-1]
    assert ends[-1] == len(text)
    for s, e in zip(starts, ends):
        assert s < e or len(text) == 0
        assert e - s <= limit


def test_cut_points_prefer_paragraph_breaks():
    text = "aaaa\n\nbbbb bbbb\ncccc"
    assert sources.cut_points(text, 12) == [6, 16, len(text)]


def test_big_document_is_split_into_parts(tmp_path):
    para = "Kazakhstan and Russia discussed the union at length. " * 20
    text = "Title\n\n" + "\n\n".join([para] * 400)  # about 430,000 characters
    f = tmp_path / "dump.txt"
    f.write_text(text, encoding="utf-8")
    parts = _docs(f)
    assert len(parts) >= -(-len(text) // sources.PART_CHARS) > 1
    assert "".join(p.text for p in parts) == text
    assert all(len(p.text) <= sources.PART_CHARS for p in parts)
    assert [p.path for p in parts] == [f"{f}#part-{k}" for k in range(1, len(parts) + 1)]
    assert all(p.text.endswith("\n\n") for p in parts[:-1])  # cut at paragraph breaks
    import hashlib

    assert all(p.sha256 == hashlib.sha256(p.text.encode("utf-8")).hexdigest() for p in parts)


def test_jsonl_lines_are_split_at_newlines_only(tmp_path):
    f = tmp_path / "a.jsonl"
    texts = ["one\u2028still one", "two\x85also two", "three\r"]
    f.write_text("\r\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts) + "\r\n", encoding="utf-8")
    assert [d.text for d in _docs(f)] == texts
    assert _bad(f) == []


_TAGS = ["<html>", "</html>", "<body>", "<p>", "</p>", "<article>", "</article>", "<div class='comments'>",
         "<div id=\"comments\">", "</div>", "<h1>", "</h1>", "<script>", "</script>", "<!--", "-->", "&amp;",
         "&#0;", "<title>", "</title>", "Kazakhstan said no to the union. ", "\n", "“", "<", ">", "\x00", "\ufffd"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_TAGS), st.text(max_size=30)), max_size=40).map("".join))
def test_any_html_gives_a_document_or_a_reason(tmp_path_factory, markup):
    f = tmp_path_factory.mktemp("h") / "page.html"
    f.write_text("<html><body>" + markup, encoding="utf-8", errors="surrogatepass")
    try:
        docs = _docs(f)
    except ReadError as e:
        assert str(e)
        return
    for d in docs:
        assert d.text.strip()
        for c in d.comments:
            assert d.article_end <= c.start <= c.end <= len(d.text)
            assert c.parent is None or 0 <= c.parent < d.comments.index(c)
        o = sources.outline(d)
        tiles = o.tiled()
        assert tiles[0].start == 0 and tiles[-1].end == len(d.text)


# -- streaming big files -------------------------------------------------------------------------------


def _whole_file_parts(f: Path) -> list[tuple]:
    """What a big file becomes when read whole and then cut (the reference for streaming)."""
    src = reader.read_file(f)
    whole = SourceDocument(str(f), src.text, src.sha256, src.encoding, src.warning)
    return [(d.path, d.text, d.sha256, d.encoding, d.warning) for d in sources.split_parts(whole)]


@pytest.mark.parametrize("codec, prefix, tail", [
    ("utf-8", b"", b""),
    ("utf-8", b"\xef\xbb\xbf", b""),
    ("cp1251", b"", b""),
    ("utf-16-le", b"\xff\xfe", b""),
    ("utf-8", b"", b"\xff\xfe broken at the very end"),  # not UTF-8 only after many blocks
])
def test_streamed_parts_are_the_parts_of_the_whole_file(tmp_path, monkeypatch, codec, prefix, tail):
    monkeypatch.setattr(sources, "PART_CHARS", 700)
    monkeypatch.setattr(reader, "STREAM_BLOCK", 333)  # blocks end inside multi-byte characters
    para = "Президент Казахстана заявил, что союза с Россией не будет. Kazakhstan said no. "
    text = "Заголовок\n\n" + "\n\n".join(para * (1 + k % 4) for k in range(60)) + "\n" + " " * 900 + "\nend\n"
    f = tmp_path / "dump.txt"
    f.write_bytes(prefix + text.encode(codec) + tail)
    assert f.stat().st_size > 4 * sources.PART_CHARS + 4  # the streaming path
    streamed = [(d.path, d.text, d.sha256, d.encoding, d.warning) for d in _docs(f)]
    assert streamed == _whole_file_parts(f)
    assert len(streamed) > 10 and all(len(t) <= 700 for _, t, *_ in streamed)
    assert sum(1 for *_, w in streamed if w) == (0 if codec == "utf-8" and not tail else 1)


def test_streamed_file_of_whitespace_is_empty(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "PART_CHARS", 100)
    f = tmp_path / "blank.txt"
    f.write_bytes(b" \n\r\n\t" * 500)
    with pytest.raises(ReadError, match="^empty file$"):
        _docs(f)


@pytest.mark.parametrize("data, reason", [(b"%PDF-1.5\n" + b"x" * 2_000_000, "PDF"),
                                          (b"\x00\x01" * 1_000_000, "binary")])
def test_streamed_binary_and_pdf_are_refused(tmp_path, data, reason):
    f = tmp_path / "big.txt"
    f.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        _docs(f)


def test_a_60_mb_file_is_read_in_bounded_memory(tmp_path):
    import tracemalloc

    line = "Kazakhstan and Russia discussed the Eurasian union; the ministers met again. " * 3 + "\n"
    f = tmp_path / "dump.txt"
    block = (line * 40 + "\n") * 50
    with f.open("w", encoding="utf-8") as out:
        while out.tell() < 60_000_000:
            out.write(block)
    size = f.stat().st_size
    tracemalloc.start()
    try:
        count = total = 0
        for doc in sources.read(f):
            assert len(doc.text) <= sources.PART_CHARS
            total += len(doc.text)
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total == size and count >= size // sources.PART_CHARS
    # a few blocks and parts at a time, not the file: far under its 60 MB
    assert peak < 16 * reader.STREAM_BLOCK, peak


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(['"', ",", "\n", "\r\n", "text", "title", "id", "\x00", "é", "\\", "'"]),
                          st.text(max_size=10)), max_size=40).map("".join),
       st.sampled_from(["a.csv", "a.jsonl", "a.json"]))
def test_any_table_file_gives_documents_bad_rows_or_a_reason(tmp_path_factory, body, name):
    f = tmp_path_factory.mktemp("t") / name
    f.write_text(("text,title\n" if name.endswith("csv") else "") + body, encoding="utf-8", errors="surrogatepass")
    try:
        items = list(sources.read(f))
    except ReadError as e:
        assert str(e)
        return
    for item in items:
        if isinstance(item, BadRow):
            assert item.path == str(f) and item.reason
        else:
            assert item.text.strip() and item.path.startswith(f"{f}#")


THREADED = """<html><head><title>Russia and Kazakhstan talk alliance</title></head><body>
<article><h1>Russia and Kazakhstan talk alliance</h1>
<p>Tokayev said on Monday that Kazakhstan would not join any military alliance with Russia, officials said.</p>
<p>"We are a sovereign country," Tokayev said. "Our partnership with China and the EU matters as well."</p>
<p>Putin answered that the Eurasian union remained open to all former Soviet republics, and that the door to
closer military cooperation was not closed, whatever Astana said in public this week.</p>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts</h2><ol class="comment-list">
<li id="comment-1" class="comment even depth-1 parent"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">ivan2022</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="#c1"><time datetime="2024-01-30T10:00:00+00:00">January 30, 2024</time></a>
</div></footer><div class="comment-content">
<p>Kazakhstan will never join us, this much is obvious to anyone following the news.</p>
<p>And the second paragraph of the same comment says so again, at length.</p></div></article>
<ol class="children"><li id="comment-2" class="comment odd depth-2"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Bulanov</b></div>
<div class="comment-metadata"><time datetime="2024-01-31T08:00:00+00:00">January 31, 2024</time></div></footer>
<div class="comment-content"><p>China is the real winner here, as always, and everyone in Moscow knows it.</p>
</div></article></li></ol></li>
<li id="comment-3" class="comment even depth-1"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">kriten</b></div></footer><div class="comment-content">
<p>Belarus is the only real ally Russia has left in the region today, sadly.</p></div></article></li>
</ol></div></body></html>"""


def test_html_comment_threads_keep_authors_times_and_replies(tmp_path):
    f = tmp_path / "wp.html"
    f.write_text(THREADED, encoding="utf-8")
    [d] = _docs(f)
    got = [(d.text[c.start:c.end].split("\n\n"), c.author, c.posted, c.parent) for c in d.comments]
    assert got == [
        (["Kazakhstan will never join us, this much is obvious to anyone following the news.",
          "And the second paragraph of the same comment says so again, at length."], "ivan2022", "2024-01-30", None),
        (["China is the real winner here, as always, and everyone in Moscow knows it."], "Bulanov", "2024-01-31", 0),
        (["Belarus is the only real ally Russia has left in the region today, sadly."], "kriten", None, None),
    ]
    o = sources.outline(d)
    assert [(c.path, c.parent_path, c.author, c.posted, len(c.paragraphs)) for c in o.comments] == [
        ("1", None, "ivan2022", "2024-01-30", 2), ("1.1", "1", "Bulanov", "2024-01-31", 1),
        ("2", None, "kriten", None, 1)]
    # the earliest comment dates an article whose page gives no date
    assert dates.article_date(o) == "2024-01-30"


def test_html_comments_are_not_repeated_in_the_article(tmp_path):
    # A short article makes trafilatura fall back to an extractor that also takes the comments in.
    page = THREADED.replace(THREADED[THREADED.index("<p>Putin"):THREADED.index("</article>")], "")
    f = tmp_path / "short.html"
    f.write_text(page, encoding="utf-8")
    [d] = _docs(f)
    article = d.text[:d.article_end]
    assert "Tokayev said on Monday" in article
    assert "Kazakhstan will never join us" not in article
    assert not article.startswith(f"{d.title}\n\n{d.title}")
    assert len(d.comments) == 3
