"""Tests for benchmarks/polnear.py on a tiny hand-made article, .ann file and database."""
import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "polnear.py"


def _load():
    spec = importlib.util.spec_from_file_location("polnear_eval", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["polnear_eval"] = mod  # dataclasses look the module up
    spec.loader.exec_module(mod)
    return mod


pn = _load()

TEXT = (
    'Smith said "we will win this race easily" on Monday. '
    "Taxes rose, the mayor claimed, by ten percent. "
    'Critics warned of "fraud" yesterday. '
    "It was reported that the bridge was closed."
)


def span(piece, text=TEXT):
    s = text.index(piece)
    return s, s + len(piece)


def t_line(tid, typ, *pieces):
    ranges = [span(p) for p in pieces]
    offs = ";".join(f"{s} {e}" for s, e in ranges)
    return f"{tid}\t{typ} {offs}\t{' '.join(pieces)}"


ANN = "\n".join([
    # E1: a quotation of five words, with a source
    t_line("T1", "Source", "Smith"),
    t_line("T2", "Cue", "said"),
    t_line("T3", "Content", '"we will win this race easily"'),
    t_line("T4", "Attribution", "said"),
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    # E2: discontiguous content, role order varies
    t_line("T5", "Content", "Taxes rose", "by ten percent"),
    t_line("T6", "Source", "the mayor"),
    t_line("T7", "Cue", "claimed"),
    t_line("T8", "Attribution", "claimed"),
    "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5",
    # E3: a one-word quotation, with a source (not in the quotation track)
    t_line("T9", "Source", "Critics"),
    t_line("T10", "Cue", "warned"),
    t_line("T11", "Content", 'of "fraud"'),
    t_line("T12", "Attribution", "warned"),
    "E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9",
    # E4: no source (excluded)
    t_line("T13", "Cue", "It was reported"),
    t_line("T14", "Content", "the bridge was closed"),
    t_line("T15", "Attribution-no-source", "It was reported"),
    "E4\tAttribution-no-source:T15 Content:T14 Cue:T13",
]) + "\n"


def statements():
    """(kind, comment_id, text piece, speaker piece or None)."""
    return [
        ("quote", None, '"we will win this race easily"', "Smith"),  # P1 right
        # P2: 24 of its 45 chars are in the discontiguous content: a match
        ("paraphrase", None, "Taxes rose, the mayor claimed, by ten percent", "mayor"),
        ("quote", None, 'of "fraud"', "Smith"),  # P3 span right, speaker wrong
        ("paraphrase", None, "the bridge was closed", None),  # P4 gold has no source
        ("comment", None, "Smith said", None),  # excluded: kind comment
        ("paraphrase", 7, "Taxes rose", "mayor"),  # excluded: comment_id set
    ]


def make_db(path, docs):
    """docs: list of (path, text, statements())."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT, text TEXT)")
    con.execute(
        'CREATE TABLE statements (id INTEGER PRIMARY KEY, document_id INTEGER, '
        'comment_id INTEGER, kind TEXT, text TEXT, start INTEGER, "end" INTEGER, '
        "speaker TEXT, speaker_start INTEGER, speaker_end INTEGER, cue TEXT)"
    )
    for doc_id, (dpath, text, stmts) in enumerate(docs, 1):
        con.execute("INSERT INTO documents VALUES (?, ?, ?)", (doc_id, dpath, text))
        for kind, comment_id, piece, spk in stmts:
            s, e = span(piece, text)
            ss, se = span(spk, text) if spk else (None, None)
            con.execute(
                'INSERT INTO statements (document_id, comment_id, kind, text, start, "end", '
                "speaker, speaker_start, speaker_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, comment_id, kind, piece, s, e, spk, ss, se),
            )
    con.commit()
    con.close()


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "art.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "text" / "other.txt").write_text("Nothing here.", encoding="utf-8")
    (tmp_path / "attributions" / "art_aa.ann").write_text(ANN, encoding="utf-8")
    # a later annotator in name order: must be ignored
    (tmp_path / "attributions" / "art_zz.ann").write_text(
        "T1\tContent 0 5\tSmith\nE1\tAttribution:T1 Content:T1\n", encoding="utf-8")
    db = tmp_path / "pred.db"
    make_db(db, [("/somewhere/else/art.txt", TEXT, statements()),
                 ("/somewhere/else/other.txt", "Nothing here.", [])])
    return tmp_path, db


def test_parse_ann_discontiguous_and_no_source():
    gold = pn.parse_ann(ANN, doc="art", article=TEXT)
    assert [g.id for g in gold] == ["E1", "E2", "E3", "E4"]
    e1, e2, e3, e4 = gold
    assert e2.content == [span("Taxes rose"), span("by ten percent")]
    assert e2.content_text == "Taxes rose by ten percent"
    assert e2.source == [span("the mayor")] and e2.cue == [span("claimed")]
    assert e4.source == [] and not e4.has_source
    assert e1.quote and not e2.quote and not e3.quote  # "fraud" is one word


def test_has_quotation():
    assert pn.has_quotation("he said “we will win this one” today")
    assert pn.has_quotation('"One two three four"')
    assert not pn.has_quotation('"one two three"')
    # a closing and an opening mark do not enclose a quotation
    assert not pn.has_quotation('win," the senator from Ohio said. "Yes')


def test_score_from_files_and_db(corpus):
    directory, db = corpus
    articles, gold = pn.load_gold(directory)
    assert sorted(articles) == ["art", "other"]
    assert len(gold) == 4  # from art_aa.ann only
    preds, counts = pn.load_predictions(db, articles)
    assert counts == {"art": 6, "other": 0}
    res = pn.score(gold, preds)
    assert res["gold_without_source"] == 1
    q, a = res["tracks"]["quotations"], res["tracks"]["attributions"]

    # quotations: gold {E1}; predictions P1, P3 (P3 matches E3, a sourced gold)
    assert (q["span"]["tp_pred"], q["span"]["pred"], q["span"]["tp_gold"], q["span"]["gold"]) == (2, 2, 1, 1)
    assert q["span"]["precision"] == 1.0 and q["span"]["recall"] == 1.0
    assert (q["end_to_end"]["tp_pred"], q["end_to_end"]["tp_gold"]) == (1, 1)
    assert q["end_to_end"]["precision"] == 0.5
    assert q["end_to_end"]["f1"] == pytest.approx(2 / 3)

    # all with a source: gold {E1, E2, E3}; predictions P1..P4
    s, e = a["span"], a["end_to_end"]
    assert (s["tp_pred"], s["pred"], s["tp_gold"], s["gold"]) == (3, 4, 3, 3)
    assert s["precision"] == 0.75 and s["recall"] == 1.0
    assert s["f1"] == pytest.approx(6 / 7)
    assert (e["tp_pred"], e["pred"], e["tp_gold"], e["gold"]) == (2, 4, 2, 3)
    assert e["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))

    d = res["details"]
    assert [p.text for p in d["false_positives"]] == ["the bridge was closed"]
    assert [(p.speaker_text, g.source_text) for p, g in d["wrong_speaker"]] == [("Smith", "Critics")]
    assert d["missed"] == []


def test_an_article_the_ingest_stored_once_shares_its_copys_statements(corpus):
    """Two annotated files with one text: the ingest keeps one document, and both files are scored on it."""
    directory, db = corpus
    (directory / "text" / "copy.txt").write_text(TEXT, encoding="utf-8")
    (directory / "attributions" / "copy_aa.ann").write_text(ANN, encoding="utf-8")
    articles, gold = pn.load_gold(directory)
    preds, counts = pn.load_predictions(db, articles)
    assert counts == {"art": 6, "copy": 6, "other": 0}
    res = pn.score(gold, preds)
    q = res["tracks"]["quotations"]["end_to_end"]
    assert (q["tp_gold"], q["gold"]) == (2, 2)


def test_match_threshold_and_null_speaker():
    g = pn.Gold(doc="d", id="E1", content=[(10, 20), (30, 40)], source=[(0, 5)],
                content_text="x", quote=False)
    # 10 of 20 chars inside: exactly half matches
    assert pn.match(pn.Prediction("d", 1, "quote", 10, 30, 0, 3), g) == (True, True)
    # 10 of 21 chars inside: no match
    assert pn.match(pn.Prediction("d", 2, "quote", 5, 26, 0, 3), g) == (False, False)
    # NULL speaker offsets never match end to end; touching is not overlapping
    assert pn.match(pn.Prediction("d", 3, "quote", 12, 18, None, None), g) == (True, False)
    assert pn.match(pn.Prediction("d", 4, "quote", 12, 18, 5, 9), g) == (True, False)
    # other document
    assert pn.match(pn.Prediction("e", 5, "quote", 12, 18, 0, 3), g) == (False, False)
    res = pn.score([g], [pn.Prediction("d", 9, "paraphrase", 0, 9, None, None)])
    a = res["tracks"]["attributions"]["span"]
    assert (a["precision"], a["recall"], a["f1"]) == (0.0, 0.0, 0.0)


def test_main_json_with_existing_db(corpus, capsys):
    directory, db = corpus
    assert pn.main([str(directory), "--db", str(db), "--json", "--misses", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 2 and out["articles_zero_statements"] == 1
    assert out["gold_without_source"] == 1
    assert out["tracks"]["attributions"]["span"]["precision"] == 0.75
    assert out["false_positives"][0]["text"] == "the bridge was closed"


def test_ingest_child_times_attribution_and_reports_no_exception(tmp_path):
    text_dir = tmp_path / "text"
    text_dir.mkdir()
    (text_dir / "a.txt").write_text('A title\n\n"We will win this vote," Mike Pence said on Sunday.\n',
                                    encoding="utf-8")
    db = tmp_path / "a.db"
    stats = pn.ingest(text_dir, db)
    assert stats["exceptions"] == [] and stats["failed"] == 0
    assert 0 < stats["attribute_s"] < stats["ingest_s"]
    line = pn.ingest_report(stats)
    assert "exceptions: 0" in line and "failed files: 0" in line and "% of ingest time" in line
    preds, counts = pn.load_predictions(db, {"a": (text_dir / "a.txt").read_text(encoding="utf-8")})
    assert counts == {"a": 1} and preds[0].speaker == "Mike Pence"


def test_ingest_report_lists_exceptions():
    stats = {"ingest_s": 2.0, "attribute_s": 0.5, "exceptions": [["x.txt", "ValueError: boom"]],
             "failed": 0, "failures": []}
    out = pn.ingest_report(stats)
    assert "25.0% of ingest time" in out and "exceptions: 1" in out
    assert "  x.txt: ValueError: boom" in out


def test_acts_count_in_the_attributions_track_only(corpus):
    directory, db = corpus
    articles, _ = pn.load_gold(directory)
    con = sqlite3.connect(db)
    doc = con.execute("select id from documents where path like '%art.txt'").fetchone()[0]
    con.execute("create table acts (id integer primary key, document_id int, text text, start int, end int, "
                "speaker text, speaker_start int, speaker_end int)")
    con.execute("insert into acts values (1, ?, 'Taxes', 0, 5, 'Smith', 0, 5)", [doc])
    con.commit()
    con.close()
    preds, counts = pn.load_predictions(db, articles)
    acts = [p for p in preds if p.kind == "act"]
    assert [(p.doc, p.start, p.end, p.speaker) for p in acts] == [("art", 0, 5, "Smith")]
    assert pn.in_track(acts[0], "attributions") and not pn.in_track(acts[0], "quotations")
    assert counts["art"] == 7
    alone, _ = pn.load_predictions(db, articles, acts=False)
    assert [p for p in alone if p.kind == "act"] == [] and len(alone) == len(preds) - 1
