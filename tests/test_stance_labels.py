"""Human labels, the trained stance classifier and its evaluation, through the CLI (--json)."""
import csv
import sqlite3
from pathlib import Path

from alliancecli import stance, stance_model
from helpers import as_json, corpus, run

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "stance" / "labels.csv"


def _corpus(tmp_path, body):
    return corpus(tmp_path, "Title\n\n" + body)


def test_label_wins_and_survives_reingest_of_a_changed_document(tmp_path):
    quote = '"We will build the union with Belarus," said John Smith.\n'
    src = _corpus(tmp_path, quote)
    db = tmp_path / "l.db"
    as_json(run("ingest", src, "--db", db, "--json"))
    st = next(r for r in as_json(run("statements", "--db", db, "--json")) if r["kind"] == "quote")
    predicted = st["stance"]
    human = "oppose" if predicted != "oppose" else "neutral"
    out = as_json(run("label", st["id"], human, "--db", db, "--json"))
    assert out == {"id": st["id"], "label": human, "predicted": predicted, "text": st["text"]}
    assert [r["stance"] for r in as_json(run("statements", "--db", db, "--json")) if r["id"] == st["id"]] == [human]
    # the document changes around the statement: all its rows are rebuilt, the same words keep the label
    (src / "a.txt").write_text("New title\n\nRussia and China met.\n\n" + quote, encoding="utf-8")
    assert as_json(run("ingest", src, "--db", db, "--json"))["changed"] == 1
    rows = [r for r in as_json(run("statements", "--db", db, "--json")) if r["kind"] == "quote"]
    assert [r["stance"] for r in rows] == [human]
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from statements where label is not null").fetchone()[0] == 1
    assert con.execute("select title from documents").fetchone()[0] == "New title"
    assert as_json(run("statements", "--stance", human, "--db", db, "--json"))
    # --clear gives the prediction back
    as_json(run("label", rows[0]["id"], "--clear", "--db", db, "--json"))
    assert [r["stance"] for r in as_json(run("statements", "--db", db, "--json"))
            if r["kind"] == "quote"] == [predicted]


def test_label_usage_and_runtime_errors(seeds_copy):
    assert run("label", "--db", seeds_copy).exit_code == 2
    assert run("label", "1", "--db", seeds_copy).exit_code == 2
    assert run("label", "1", "maybe", "--db", seeds_copy).exit_code == 2
    result = run("label", "999999", "support", "--db", seeds_copy)
    assert result.exit_code == 1 and "no statement" in result.output


def test_import_matches_statements_and_keeps_the_rest(seeds_copy, tmp_path):
    con = sqlite3.connect(seeds_copy)
    sid, text = con.execute("select id, text from statements where kind = 'quote' order by id").fetchone()
    f = tmp_path / "l.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "label", "text"])
        w.writeheader()
        w.writerow({"id": "a", "label": "oppose", "text": text})
        w.writerow({"id": "b", "label": "support", "text": "We should join the alliance."})
    out = as_json(run("label", "--import", f, "--db", seeds_copy, "--json"))
    assert out == {"rows": 2, "matched": 1, "standalone": 1,
                   "unmatched": [{"id": "b", "text": "We should join the alliance."}]}
    assert as_json(run("label", "--import", f, "--db", seeds_copy, "--json")) == out
    con = sqlite3.connect(seeds_copy)
    assert con.execute("select count(*) from labels").fetchone()[0] == 2
    assert con.execute("select label from statements where id = ?", [sid]).fetchone()[0] == "oppose"
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nsome text,maybe\n", encoding="utf-8")
    result = run("label", "--import", bad, "--db", seeds_copy)
    assert result.exit_code == 1 and "maybe" in result.output


def test_train_with_too_few_labels_keeps_the_rules(seeds_copy):
    result = run("stance", "train", "--db", seeds_copy, "--json")
    assert result.exit_code == 1 and "rules stay in use" in result.output
    assert stance_model.current(__import__("sqlite_utils").Database(seeds_copy)) is None


def test_train_replaces_the_rules_only_where_it_beats_them(seeds_copy, tmp_path):
    as_json(run("label", "--import", BENCH, "--db", seeds_copy, "--json"))
    model = tmp_path / "m"
    out = as_json(run("stance", "train", "--model-path", model, "--folds", "2", "--db", seeds_copy, "--json"))
    n_labels = sum(1 for _ in csv.DictReader(open(BENCH, encoding="utf-8")))
    assert out["labels"] == n_labels and (model / "config.cfg").exists()
    cv = out["cross_validation"]
    beats = (cv["model"]["accuracy"] > cv["rules"]["accuracy"] and cv["model"]["macro_f1"] > cv["rules"]["macro_f1"]
             and cv["model"]["macro_f1"] >= stance_model.settings()["min_macro_f1"])
    assert out["in_use"] is beats and "cross-validated" in out["reason"]
    con = sqlite3.connect(seeds_copy)
    used = {r[0] for r in con.execute("select stance_classifier from statements")}
    if beats:
        assert out["statements_predicted"] == con.execute("select count(*) from statements").fetchone()[0]
        assert used == {"textcat"}
    else:
        assert out["statements_predicted"] == 0 and used == {"rules"}
        assert out["reason"].startswith("the rules stay in use")
    # a human label differing from the prediction still decides what queries show
    sid, pred = con.execute("select id, stance from statements where label is null limit 1").fetchone()
    other = "support" if pred != "support" else "oppose"
    as_json(run("label", sid, other, "--db", seeds_copy, "--json"))
    assert [r["stance"] for r in as_json(run("statements", "--db", seeds_copy, "--json")) if r["id"] == sid] == [other]


def test_labels_are_keyed_by_content_and_match_again_in_a_fresh_database(tmp_path):
    quote = '"We will build the union with Belarus," said John Smith.\n'
    src = _corpus(tmp_path, quote)
    first, fresh = tmp_path / "a.db", tmp_path / "b.db"
    as_json(run("ingest", src, "--db", first, "--json"))
    st = next(r for r in as_json(run("statements", "--db", first, "--json")) if r["kind"] == "quote")
    f = tmp_path / "l.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "label", "text"])
        w.writeheader()
        w.writerow({"id": "q", "label": "oppose", "text": "  " + st["text"].replace(" ", "  ") + " "})
        w.writerow({"id": "x", "label": "support", "text": "A sentence no document holds."})
    # the same file, moved, in another database: the folded text finds the statement
    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / "b.txt").write_text((src / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    as_json(run("ingest", moved, "--db", fresh, "--json"))
    out = as_json(run("label", "--import", f, "--db", fresh, "--json"))
    assert (out["matched"], [u["id"] for u in out["unmatched"]]) == (1, ["x"])
    con = sqlite3.connect(fresh)
    sha = con.execute("select sha256 from documents").fetchone()[0]
    assert con.execute("select sha256, label from labels where text = ?", [st["text"]]).fetchall() == [(sha, "oppose")]
    assert [r["stance"] for r in as_json(run("statements", "--db", fresh, "--json")) if r["kind"] == "quote"] \
        == ["oppose"]


def test_eval_on_the_benchmark_compares_classifier_and_rules(seeds_copy):
    as_json(run("label", "--import", BENCH, "--db", seeds_copy, "--json"))
    r = as_json(run("stance", "eval", "--folds", "3", "--db", seeds_copy, "--json"))
    rows = list(csv.DictReader(open(BENCH, encoding="utf-8")))
    assert r["statements"] == len(rows) >= 150 and r["folds"] == 3
    assert r["labels"] == {c: sum(x["label"] == c for x in rows) for c in ("support", "oppose", "neutral")}
    rules_acc = sum(stance.classify(x["text"]).label == x["label"] for x in rows) / len(rows)
    assert r["rules"]["accuracy"] == round(rules_acc, 3)
    for k in ("model", "rules", "majority"):
        assert 0 <= r[k]["accuracy"] <= 1 and 0 <= r[k]["macro_f1"] <= 1
    assert r["model"]["macro_f1"] > r["majority"]["macro_f1"]


def test_eval_needs_labels(seeds_copy):
    result = run("stance", "eval", "--db", seeds_copy, "--json")
    assert result.exit_code == 1 and "labelled" in result.output


def test_scores_macro_f1():
    s = stance_model.scores(["support", "oppose", "neutral", "neutral"], ["support", "neutral", "neutral", "neutral"])
    assert s["accuracy"] == 0.75
    assert s["f1"] == {"support": 1.0, "oppose": 0.0, "neutral": 0.8}
    assert s["macro_f1"] == 0.6


def test_ingest_after_training_uses_the_classifier_in_use_and_classifies_new_statements_only(seeds_copy, tmp_path):
    as_json(run("label", "--import", BENCH, "--db", seeds_copy, "--json"))
    as_json(run("stance", "train", "--model-path", tmp_path / "m", "--folds", "2", "--db", seeds_copy, "--json"))
    con = sqlite3.connect(seeds_copy)
    con.execute("update stance_models set in_use = 1")  # as if it had beaten the rules
    con.commit()
    before = con.execute("select id, stance_classifier from statements order by id").fetchall()
    src = _corpus(tmp_path, '"We will never join a union with Moscow," said John Smith.\n')
    as_json(run("ingest", src, "--db", seeds_copy, "--json"))
    new = con.execute("select s.stance_classifier, s.stance_version from statements s join documents d "
                      "on d.id = s.document_id where d.path like '%a.txt'").fetchall()
    assert new and all(c == "textcat" and v for c, v in new)
    # the statements already stored were not classified again
    assert con.execute(f"select id, stance_classifier from statements where id <= {before[-1][0]} "
                       "order by id").fetchall() == before
    # without the model folder the rules are back for the next ingest
    import shutil
    shutil.rmtree(tmp_path / "m")
    (src / "a.txt").write_text('Title\n\n"We should join the alliance," said Jane Roe.\n', encoding="utf-8")
    as_json(run("ingest", src, "--db", seeds_copy, "--json"))
    (used,) = con.execute("select s.stance_classifier from statements s join documents d on d.id = s.document_id "
                          "where d.path like '%a.txt' and s.kind = 'quote'").fetchone()
    assert used == "rules"


def test_a_reapplied_classifier_reads_the_statements_as_ingest_did(tmp_path):
    """Re-classifying stored statements (stance train, a speaker's country set later) gives each the context
    ingest gave it: the document's topic, and the words of its sentence that introduce it."""
    filler = "The talks lasted three hours and covered many questions of the bilateral agenda. " * 2
    src = corpus(tmp_path, "President of Ukraine met with the Chancellor of Germany\n\n" + filler
                 + "Olaf Scholz assured that the decision would be taken at the next meeting of the Council.\n")
    db = tmp_path / "t.db"
    assert run("ingest", src, "--db", db).exit_code == 0
    cols = "id, stance, stance_target, stance_evidence, stance_spans, stance_score"
    con = sqlite3.connect(db)
    before = con.execute(f"select {cols} from statements order by id").fetchall()
    assert ("support", "Germany–Ukraine partnership") in [r[1:3] for r in before]  # 'assured that', met with
    import sqlite_utils

    stance_model.reapply(sqlite_utils.Database(db), stance.RULES)
    assert sqlite3.connect(db).execute(f"select {cols} from statements order by id").fetchall() == before


def test_a_reapplied_classifier_leaves_out_the_lines_a_comment_quotes(tmp_path):
    """A reply's "Quote: NAME" block is the quoted commenter's words: ingest classifies the reply without
    them, and so must re-classification."""
    from texts import THREAD

    text = THREAD.replace("The union is a bad idea for Kazakhstan.", "Kazakhstan must not join the Eurasian Economic Union.")
    db = tmp_path / "t.db"
    assert run("ingest", corpus(tmp_path, text), "--db", db).exit_code == 0
    cols = "s.id, s.stance, s.stance_target, s.stance_evidence, s.stance_spans, s.stance_score"
    query = f"select c.author, s.text, {cols} from statements s join comments c on c.id = s.comment_id order by s.id"
    before = sqlite3.connect(db).execute(query).fetchall()
    said = {r[0]: r[3] for r in before if "must not join" in r[1]}
    # the line takes a position; Marat's reply quotes it, and its own words ("I disagree ...") take none
    assert said == {"steppe_fox": "oppose", "Marat": "neutral"}
    marat = next(r for r in before if r[0] == "Marat")
    assert marat[4:6] == (None, None)  # no target, no evidence taken from the quoted line
    import sqlite_utils

    stance_model.reapply(sqlite_utils.Database(db), stance.RULES)
    assert sqlite3.connect(db).execute(query).fetchall() == before


def test_a_speakers_country_filled_in_by_the_corpus_reclassifies_the_whole_document(tmp_path):
    """The document's topic reads the countries of its person speakers: where the corpus refresh gives one of them
    a country the ingest did not have, every statement of that document is classified again, not only that
    speaker's, so that the rows read as :func:`stance_model.reapply` would classify them."""
    import sqlite_utils

    from alliancecli import store

    filler = "The talks lasted three hours and covered many questions of the bilateral agenda. " * 2
    src = corpus(tmp_path, "President of Ukraine met with the Chancellor of Germany\n\n" + filler
                 + "Olaf Scholz assured that the decision would be taken at the next meeting of the Council.\n"
                 + "The President of Ukraine Volodymyr Zelenskyy noted that the meeting was very important.\n")
    db = tmp_path / "t.db"
    assert run("ingest", src, "--db", db).exit_code == 0
    con = sqlite3.connect(db)
    cols = "id, stance, stance_target, stance_evidence, stance_spans"
    before = con.execute(f"select {cols} from statements order by id").fetchall()
    zelenskyy = con.execute("select id from statements where speaker = 'Volodymyr Zelenskyy' "
                            "and speaker_country = 'Ukraine'").fetchone()[0]
    other = next(r[0] for r in before if r[0] != zelenskyy and r[1] != "neutral")
    # as if the ingest had not known his country, and had classified the other statement without that side
    con.execute("update statements set speaker_country = null where id = ?", [zelenskyy])
    con.execute("update statements set stance = 'oppose', stance_target = 'stale' where id = ?", [other])
    con.commit()
    con.close()
    store.refresh_actors(sqlite_utils.Database(db))
    con = sqlite3.connect(db)
    assert con.execute("select speaker_country from statements where id = ?", [zelenskyy]).fetchone() == ("Ukraine",)
    assert con.execute(f"select {cols} from statements order by id").fetchall() == before


def test_the_rules_decide_the_classes_the_settings_give_them(monkeypatch):
    assert stance_model.combined("support", "oppose") == "oppose"  # stance.json: model.rules_decide
    assert stance_model.combined("neutral", "support") == "neutral"  # elsewhere the model decides
    monkeypatch.setattr(stance_model, "settings", lambda: {"rules_decide": []})
    assert stance_model.combined("support", "oppose") == "support"


def test_a_trained_model_leaves_opposition_to_the_rules(seeds_copy, tmp_path):
    as_json(run("label", "--import", BENCH, "--db", seeds_copy, "--json"))
    model = tmp_path / "m"
    as_json(run("stance", "train", "--model-path", model, "--folds", "2", "--db", seeds_copy, "--json"))
    m = stance_model.load(model)
    opposed = [x["text"] for x in csv.DictReader(open(BENCH, encoding="utf-8"))
               if stance.classify(x["text"]).label == "oppose"]
    assert opposed and {m.classify(t).label for t in opposed} == {"oppose"}
