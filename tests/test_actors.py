"""One canonical name per person across the corpus: entities.join_people, store.refresh_actors,
the overrides file (alliancecli.overrides) and the `actors` command."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from alliancecli import entities, overrides, store
from alliancecli.cli import app

# -- entities.join_people ---------------------------------------------------------------


def _groups(mapping: dict[str, str]) -> set[frozenset]:
    out: dict[str, set] = {}
    for name, canonical in mapping.items():
        out.setdefault(canonical, set()).add(name)
    return {frozenset(v) for v in out.values()}


def test_transliterations_and_surnames_join_one_man():
    counts = {"Kassym-Jomart Tokayev": 3, "Qasim-Jomart Tokayev": 1, "Tokaev": 2, "Tokayev": 1}
    out = entities.join_people(counts, {"Qasim-Jomart Tokayev": {1}, "Kassym-Jomart Tokayev": {2}})
    assert set(out.values()) == {"Kassym-Jomart Tokayev"}  # the most mentioned full name


def test_typo_with_letters_swapped_joins():
    out = entities.join_people({"Alexander Lukashenko": 4, "Lukashenka": 2, "kalushenko": 1, "Lukashenko": 3})
    assert set(out.values()) == {"Alexander Lukashenko"}


def test_lone_spellings_join_each_other_without_a_full_name():
    out = entities.join_people({"Lukashenko": 5, "Lukashenka": 2, "Kalushenko": 1})
    assert set(out.values()) == {"Lukashenko"}


def test_two_people_named_in_full_stay_apart():
    counts = {"Alexander Lukashenko": 3, "Viktor Lukashenka": 2, "Viktor Lukashenko": 1, "Lukashenko": 1}
    out = entities.join_people(counts)
    assert out["Alexander Lukashenko"] == "Alexander Lukashenko"
    assert out["Viktor Lukashenko"] == out["Viktor Lukashenka"] == "Viktor Lukashenka"
    # the surname fits both of them, so it joins neither
    assert out["Lukashenko"] == "Lukashenko"


def test_a_surname_two_people_share_goes_to_the_one_the_corpus_gives_its_title():
    counts = {"Joseph Biden": 5, "Jill Biden": 2, "Biden": 3}
    titles = {"Joseph Biden": {"president"}, "Jill Biden": {"lady"}, "Biden": {"president"}}
    assert entities.join_people(counts, titles=titles)["Biden"] == "Joseph Biden"
    # a title both hold, or none, decides nothing
    assert entities.join_people(counts)["Biden"] == "Biden"
    titles["Jill Biden"] = {"lady", "president"}
    assert entities.join_people(counts, titles=titles)["Biden"] == "Biden"


@pytest.mark.parametrize("before, title", [
    ("U.S. President ", "president"), ("the President of the United States ", "president"),
    ("First Lady ", "lady"), ("Gov. ", "governor"), ("Mr ", None), ("we thank ", None), ("", None)])
def test_the_title_before_a_name(before, title):
    assert entities.title_before(before) == title


def test_an_initial_joins_the_full_name_it_fits_in_one_article_too():
    out = entities.join_people({"Joseph Biden": 5, "J. Biden": 1, "Jill Biden": 2},
                               {"Joseph Biden": {1}, "J. Biden": {1}, "Jill Biden": {2}})
    assert out["J. Biden"] == "Joseph Biden"


def test_an_initial_joins_a_full_name_of_another_article_only_with_a_rarer_surname_spelt_the_same():
    counts = {"Robbie Williams": 9, "R Williams": 1, "Brian Liebenberg": 3, "B Liebenberg": 1,
              "Jason Forster": 2, "J Forrester": 1}
    docs = {"Robbie Williams": {1}, "R Williams": {2}, "Brian Liebenberg": {3}, "B Liebenberg": {4},
            "Jason Forster": {5}, "J Forrester": {6}}
    out = entities.join_people(counts, docs)
    assert out["R Williams"] == "R Williams"  # one of the commonest surnames: a rugby team sheet's, not the singer
    assert out["B Liebenberg"] == "Brian Liebenberg"
    assert out["J Forrester"] == "J Forrester"  # another spelling
    # in one article the initial abbreviates the name it fits, however common the surname
    docs["R Williams"] = {1, 2}
    assert entities.join_people(counts, docs)["R Williams"] == "Robbie Williams"


def test_a_first_name_alone_is_no_misspelt_surname():
    out = entities.join_people({"Christophe Dominici": 3, "Dominic": 1, "Maciej Sundra": 2, "Sandra": 1})
    assert out["Dominic"] == "Dominic" and out["Sandra"] == "Sandra"


def test_different_english_surnames_stay_apart():
    out = entities.join_people({"Boris Johnson": 3, "Johnston": 2, "Tony Blair": 2, "Clair": 1})
    assert out["Johnston"] == "Johnston"
    assert out["Clair"] == "Clair"


def test_spelling_variants_of_full_names_join_unless_one_article_names_both():
    counts = {"Dmitry Medvedev": 2, "Dmitri Medvedev": 1, "Ian Smith": 1, "Iain Smith": 1}
    docs = {"Dmitry Medvedev": {1}, "Dmitri Medvedev": {2}, "Ian Smith": {3}, "Iain Smith": {3}}
    out = entities.join_people(counts, docs)
    assert out["Dmitri Medvedev"] == "Dmitry Medvedev"
    assert out["Ian Smith"] != out["Iain Smith"]


def test_a_given_name_and_its_familiar_form_join_unless_one_article_names_both():
    """'Joseph Biden' in one release and 'Joe Biden' in another are one person; 'Jill Biden' stays herself, and
    two forms in one article, or two names that only share a root ('Will', 'Fred'), stay apart."""
    counts = {"Joseph Biden": 5, "Joe Biden": 2, "Jill Biden": 1, "William Hague": 2, "Bill Hague": 1,
              "Will Rogers": 1, "Fred Rogers": 1}
    docs = {"Joseph Biden": {1}, "Joe Biden": {2}, "Jill Biden": {3}, "William Hague": {4}, "Bill Hague": {4},
            "Will Rogers": {5}, "Fred Rogers": {6}}
    out = entities.join_people(counts, docs)
    assert out["Joe Biden"] == out["Joseph Biden"] == "Joseph Biden"
    assert out["Jill Biden"] == "Jill Biden"
    assert out["Bill Hague"] != out["William Hague"]
    assert out["Will Rogers"] != out["Fred Rogers"]


def test_a_generational_suffix_is_not_the_surname():
    """'Jr.' after two different surnames joins nobody; 'Biden' alone resolves to 'Joseph R. Biden Jr.'."""
    out = entities.join_people({"Robert Casey Jr.": 1, "Robert Downey Jr.": 1, "Bob Casey Jr.": 1},
                               {"Robert Casey Jr.": {1}, "Robert Downey Jr.": {2}, "Bob Casey Jr.": {3}})
    assert out["Robert Downey Jr."] != out["Robert Casey Jr."] == out["Bob Casey Jr."]
    assert entities.canonical_people(["Joseph R. Biden Jr.", "Biden"])["Biden"] == "Joseph R. Biden Jr."


def test_middle_initials_that_differ_name_two_people():
    out = entities.join_people({"George W. Bush": 5, "George P. Bush": 1, "George W Bush": 2,
                                "Hillary Rodham Clinton": 2, "Hillary Diane Rodham Clinton": 1})
    assert out["George P. Bush"] == "George P. Bush"
    assert out["George W Bush"] == "George W. Bush"
    # middle names written out join, whichever of them a text gives
    assert out["Hillary Diane Rodham Clinton"] == "Hillary Rodham Clinton"


def test_a_surname_alone_goes_to_the_first_person_named_with_it():
    # an article names its subject first: "Jeb Bush ... his son, George P. Bush ... Bush said"
    assert entities.canonical_people(["Jeb Bush", "George P. Bush", "Bush"])["Bush"] == "Jeb Bush"
    assert entities.canonical_people(["George P. Bush", "Jeb Bush", "Bush"])["Bush"] == "George P. Bush"
    # the most mentioned still comes first
    assert entities.canonical_people(["George P. Bush", "Jeb Bush", "Jeb Bush", "Bush"])["Bush"] == "Jeb Bush"


def test_a_name_takes_the_longer_name_it_opens_only_one_word_longer():
    assert entities.canonical_people(["Juan Carlos Ferro", "Juan Carlos"])["Juan Carlos"] == "Juan Carlos Ferro"
    # a headline's run of capitalised words is not the person's full name
    out = entities.canonical_people(["Marco Rubio Responds To Question", "Marco Rubio"])
    assert out["Marco Rubio"] == "Marco Rubio"


def test_surname_prefers_the_exact_spelling():
    out = entities.join_people({"Anna Petrova": 1, "Olga Petrov": 1, "Petrov": 1})
    assert out["Petrov"] == "Olga Petrov"


def test_patronymic_joins_the_full_name_with_that_first_name():
    out = entities.join_people({"Dmitry Peskov": 2, "Dmitry Sergeevich": 1, "Sergei Lavrov": 1})
    assert out["Dmitry Sergeevich"] == "Dmitry Peskov"


def test_canonical_name_spells_the_first_name_out():
    out = entities.join_people({"G Bulloch": 3, "Gordon Bulloch": 1, "Bulloch": 2})
    assert set(out.values()) == {"Gordon Bulloch"}


def test_keep_apart_names_map_to_themselves():
    out = entities.join_people({"Alexander Lukashenko": 3, "Lukashenka": 1}, keep_apart={"Lukashenka"})
    assert out["Lukashenka"] == "Lukashenka"


@pytest.mark.parametrize("a, b, same", [
    ("tokaev", "tokaiev", True),
    ("lukashenko", "lukashenka", True),
    ("lukashenko", "kalushenko", True),
    ("johnson", "johnston", False),
    ("blair", "clair", False),
    ("putin", "puton", False),  # short names must match exactly
])
def test_similar_surnames(a, b, same):
    assert entities.similar_surnames(entities.name_key(a), entities.name_key(b)) is same


def test_name_key_folds_transliterations():
    assert entities.name_key("Kassym-Jomart") == entities.name_key("Qasim-Jomart")
    assert entities.name_key("Dmitry") == entities.name_key("Dmitri")
    assert entities.name_key("Zelenskyy") == entities.name_key("Zelensky")
    assert entities.name_key("Tokayev's") == entities.name_key("Tokayev")
    assert entities.name_key("Johnson") != entities.name_key("Johnston")


# -- the overrides file ---------------------------------------------------------------------

YAML = """\
merge:
  Kassym-Jomart Tokayev: [Tokaev, Qasim-Jomart Tokayev]
rename:
  Lukashenka: Alexander Lukashenko
split:
  Viktor Lukashenko: [Viktor Lukashenko, V. Lukashenko]
country:
  Roman Vasilenko: Kazakh
"""

CSV = """\
action,name,alias,country
merge,Kassym-Jomart Tokayev,Tokaev,
merge,Kassym-Jomart Tokayev,Qasim-Jomart Tokayev,
rename,Alexander Lukashenko,Lukashenka,
split,Viktor Lukashenko,Viktor Lukashenko,
split,Viktor Lukashenko,V. Lukashenko,
country,Roman Vasilenko,,Kazakh
"""


def test_yaml_and_csv_give_the_same_rules(tmp_path):
    (tmp_path / "o.yaml").write_text(YAML, encoding="utf-8")
    (tmp_path / "o.csv").write_text(CSV, encoding="utf-8")
    from_yaml = overrides.load(tmp_path / "o.yaml")
    assert sorted(from_yaml, key=repr) == sorted(overrides.load(tmp_path / "o.csv"), key=repr)
    assert overrides.Rule("country", "Roman Vasilenko", (), "Kazakhstan") in from_yaml  # "Kazakh" read as a country
    assert overrides.Rule("rename", "Alexander Lukashenko", ("Lukashenka",)) in from_yaml


@pytest.mark.parametrize("name, text, message", [
    ("bad.yaml", "merge: [a, b]\n", "must map names"),
    ("bad.yaml", "join:\n  A: [B]\n", "unknown section"),
    ("bad.yaml", "country:\n  Roman Vasilenko: Kazakhstn\n", "Did you mean: Kazakhstan"),
    ("bad.csv", "action,name,alias,country\nglue,A,B,\n", "line 2: unknown action"),
    ("bad.csv", "action,name,alias,country\nmerge,A,,\n", "line 2: 'merge' needs name and alias"),
    ("bad.csv", "who,what\n", "header"),
])
def test_bad_overrides_file(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(overrides.OverridesError) as exc:
        overrides.load(tmp_path / name)
    assert message in str(exc.value)


def test_resolve_applies_rules_in_order_to_whole_actors():
    names = {"Tokaev": "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev": "Kassym-Jomart Tokayev", "Putin": "Putin"}
    rules = [overrides.Rule("rename", "K. Tokayev", ("Kassym-Jomart Tokayev",)),
             overrides.Rule("merge", "Vladimir Putin", ("Putin",))]
    assert overrides.resolve(names, rules) == {
        "Tokaev": "K. Tokayev", "Kassym-Jomart Tokayev": "K. Tokayev", "Putin": "Vladimir Putin"}


def _actors(db_path, *args) -> list[dict]:
    result = CliRunner().invoke(app, ["actors", "--db", str(db_path), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _people(db_path) -> dict[str, dict]:
    return {a["name"]: a for a in _actors(db_path, "--kind", "person")}


def test_actors_apply_rewrites_an_existing_database(seeds_copy, tmp_path):
    before = _people(seeds_copy)
    speakers = sorted((a for a in before.values() if a["statements"]), key=lambda a: a["name"])
    renamed, merged_into, merged = speakers[0], speakers[1], speakers[2]
    split_from = next(a for a in before.values() if len(a["aliases"]) >= 2 and a["name"] in a["aliases"])
    alias = next(x for x in split_from["aliases"] if x != split_from["name"])
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        f"rename:\n  {renamed['name']}: Someone Else\n"
        f"merge:\n  {merged_into['name']}: [{merged['name']}]\n"
        f"split:\n  {alias}: [{alias}]\n"
        f"country:\n  Someone Else: Mongolia\n", encoding="utf-8")
    after = {a["name"]: a for a in _actors(seeds_copy, "--kind", "person", "--apply", str(rules))}

    assert renamed["name"] not in after
    assert after["Someone Else"]["country"] == "Mongolia"
    assert after["Someone Else"]["statements"] == renamed["statements"]
    assert merged["name"] not in after
    assert after[merged_into["name"]]["statements"] == merged_into["statements"] + merged["statements"]
    assert after[merged_into["name"]]["mentions"] == merged_into["mentions"] + merged["mentions"]
    assert alias in after and after[alias]["mentions"] >= 1
    assert after[split_from["name"]]["mentions"] == split_from["mentions"] - after[alias]["mentions"]

    db = store.connect(seeds_copy)
    rows = db.execute("select distinct speaker_country from statements where speaker = 'Someone Else'").fetchall()
    assert rows == [("Mongolia",)]
    assert db.execute("select count(*) from statements where speaker = ?", [renamed["name"]]).fetchone()[0] == 0
    assert db.execute("select count(*) from mentions where name = ?", [merged["name"]]).fetchone()[0] == 0
    # the rules are kept: a later refresh (as after the next ingest) applies them again
    store.refresh_actors(db)
    assert "Someone Else" in {r[0] for r in db.execute("select name from actors where kind = 'person'")}


def test_actors_apply_bad_file_is_a_usage_error(seeds_copy, tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text("action,name,alias,country\ncountry,Somebody,,Atlantis\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["actors", "--db", str(seeds_copy), "--apply", str(rules)])
    assert result.exit_code == 2
    assert "Atlantis" in result.output


def test_actors_kind_is_checked(seeds_copy):
    result = CliRunner().invoke(app, ["actors", "--db", str(seeds_copy), "--kind", "planet"])
    assert result.exit_code == 2


def test_actors_kinds_and_aliases(seeds_db):
    rows = _actors(seeds_db)
    assert {r["kind"] for r in rows} <= {"person", "country", "bloc", "place", "organization", "unnamed"}
    assert {"person", "country", "bloc"} <= {r["kind"] for r in rows}
    for r in rows:
        assert r["aliases"], r
        if r["kind"] == "country":
            assert r["country"] == r["name"]
        if r["kind"] == "place":  # a city or region, with the country the gazetteer puts it in
            assert r["country"]
    assert all(r["country"] == "Kazakhstan" for r in _actors(seeds_db, "--country", "Kazakh"))


ARTICLES = {
    "a.txt": "Talks in Moscow\n\nForeign Minister Sergei Lavrov said on Monday that the talks had failed. "
             "Later, Mr Lavrov told reporters in Astana that the talks had failed.\n",
    "b.txt": "Visit to Astana\n\nSergei Lavrov arrived in Astana on Tuesday for a meeting with officials.\n",
}


def test_ingest_aliases_applies_now_and_on_later_ingests(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    rules = tmp_path / "rules.csv"
    rules.write_text("action,name,alias,country\nrename,Sergey Lavrov,Sergei Lavrov,RF\n", encoding="utf-8")
    db_path = tmp_path / "a.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db_path), "--aliases", str(rules)])
    assert result.exit_code == 0, result.output
    people = _people(db_path)
    assert "Sergei Lavrov" not in people
    assert people["Sergey Lavrov"]["country"] == "Russia"
    assert {"Lavrov", "Sergei Lavrov"} <= set(people["Sergey Lavrov"]["aliases"])

    (folder / "b.txt").write_text(ARTICLES["b.txt"], encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    people = _people(db_path)
    assert "Sergei Lavrov" not in people
    assert people["Sergey Lavrov"]["mentions"] == 3


def test_ingest_aliases_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--aliases", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2


def _doc(path: str, text: str, statements=(), people=()) -> "store.DocumentRows":
    """A document whose ``statements`` are (speaker, speaker kind) and ``people`` (written, doc name)."""
    return store.DocumentRows(
        document={"path": path, "sha256": path, "title": None, "text": text, "encoding": "utf-8", "date": None,
                  "words": len(text.split()), "ingested_at": "2024-01-01T00:00:00+00:00"},
        segments=[{"kind": "body", "start": 0, "end": len(text), "reason": None}],
        comments=[],
        statements=[{"_comment": None, "kind": "quote", "source": "article", "text": text, "start": 0,
                     "end": len(text), "speaker": sp, "speaker_start": None, "speaker_end": None,
                     "speaker_text": sp, "speaker_kind": kind, "speaker_doc_name": sp if kind == "person" else None,
                     "speaker_country": None, "cue": "said", "stance": "neutral", "stance_score": 0.0,
                     "stance_evidence": None, "stance_target": None, "label": None, "posted": None}
                    for sp, kind in statements],
        mentions=[{"_statement": None, "_comment": None, "kind": "person", "name": name, "doc_name": name,
                   "text": written, "start": 0, "end": 1, "sentence": 0, "paragraph": 0, "country": None,
                   "iso3": None} for written, name in people],
        pairs=[])


def test_a_speaker_the_model_missed_is_the_person_the_corpus_names_so(tmp_path):
    """'"…," Kovalenko said.' where the tagger saw no entity goes to Anna Kovalenko, the one full name the
    corpus gives the surname it writes for a person elsewhere. A surname two full names share, a name
    written for a person in one document only, and a name the tagger took for an organisation stay."""
    db = store.connect(tmp_path / "a.db", create=True)
    docs = [
        _doc("1.txt", "Anna Kovalenko spoke. Kovalenko left. Harrison Ford spoke.",
             people=[("Anna Kovalenko", "Anna Kovalenko"), ("Kovalenko", "Anna Kovalenko"),
                     ("Harrison Ford", "Harrison Ford")]),
        _doc("2.txt", "Kovalenko spoke. Ford spoke. Gerald Ford spoke.",
             people=[("Kovalenko", "Kovalenko"), ("Ford", "Ford"), ("Gerald Ford", "Gerald Ford")]),
        _doc("3.txt", "We will go on, Kovalenko said.", statements=[("Kovalenko", "unnamed")]),
        _doc("4.txt", "We go on, Kovalenko said. Ford spoke.", statements=[("Kovalenko", "organization")],
             people=[("Ford", "Ford")]),
        _doc("5.txt", "Sales fell, Ford said.", statements=[("Ford", "unnamed")]),
        _doc("6.txt", "A one-off, Bravo said. Tom Bravo left.", statements=[("Bravo", "unnamed")],
             people=[("Bravo", "Bravo"), ("Tom Bravo", "Tom Bravo")]),
    ]
    for d in docs:
        store.write_document(db, d)
    store.refresh_actors(db)
    speakers = db.execute("select d.path, s.speaker, s.speaker_kind from statements s "
                          "join documents d on d.id = s.document_id order by d.path").fetchall()
    assert speakers == [("3.txt", "Anna Kovalenko", "person"), ("4.txt", "Kovalenko", "organization"),
                        ("5.txt", "Ford", "unnamed"), ("6.txt", "Bravo", "unnamed")]


def test_a_speaker_country_the_corpus_gives_later_classifies_the_statement_again(tmp_path):
    """At ingest the rules read the speaker's side from their own document; when the corpus names it later
    (here from another document's title), the statement is classified again: thanks to 'the defenders of
    Ukraine' by a Ukrainian speaker is no partnership. A statement whose country did not change keeps
    what it had (here a stance no rule would give, so a re-classification would show)."""
    db = store.connect(tmp_path / "a.db", create=True)
    thanks = "Thank you for defending the sovereignty and territorial integrity of Ukraine."
    a = _doc("1.txt", thanks, statements=[("Anna Kovalenko", "person")])
    a.statements[0].update(stance="support", stance_score=1.3, stance_evidence="Thank; defending",
                           stance_target="partnership")
    a.mentions = [{"_statement": 0, "_comment": None, "kind": "country", "name": "Ukraine", "doc_name": None,
                   "text": "Ukraine", "start": thanks.index("Ukraine"), "end": thanks.index("Ukraine") + 7,
                   "sentence": 0, "paragraph": 0, "country": "Ukraine", "iso3": "UKR"}]
    b = _doc("2.txt", "Minister of Ukraine Anna Kovalenko spoke.", people=[("Anna Kovalenko", "Anna Kovalenko")])
    b.mentions[0]["country"] = "Ukraine"
    c = _doc("3.txt", "We will win.", statements=[("Bob Smith", "person")])
    c.statements[0].update(stance="oppose", stance_score=-9.0, stance_evidence="win")
    for d in (a, b, c):
        store.write_document(db, d)
    store.refresh_actors(db)
    rows = db.execute("select speaker, speaker_country, stance, stance_evidence from statements order by id").fetchall()
    assert rows == [("Anna Kovalenko", "Ukraine", "neutral", None), ("Bob Smith", None, "oppose", "win")]


def test_a_headline_verb_run_into_a_name_comes_off_as_the_body_writes_the_name():
    m = entities.Mention("person", "Billy Bush Joins", "Billy Bush Joins", 0, 16, 0, 0)
    got = entities.as_the_body_writes_it(m, {"Billy Bush", "Bush"})
    assert (got.text, got.name, got.start, got.end) == ("Billy Bush", "Billy Bush", 0, 10)
    # a name the body writes whole, or not at all, stays as the headline has it
    m = entities.Mention("person", "Martin Luther King", "Martin Luther King", 0, 18, 0, 0)
    assert entities.as_the_body_writes_it(m, {"Martin Luther King", "Luther King"}) is m
    assert entities.as_the_body_writes_it(m, {"Coretta King"}) is m


def test_ingest_joins_a_titled_surname_to_the_one_who_holds_the_title(tmp_path):
    from alliancecli import pipeline

    (tmp_path / "a.txt").write_text(
        "Visit to Kyiv\n\nU.S. President Joseph Biden and First Lady Jill Biden arrived in Kyiv on Monday. "
        "Joseph Biden met the mayor. Jill Biden visited a school.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Aid package signed\n\nThe package was signed by President Biden on Friday, the office said.\n",
        encoding="utf-8")
    db = tmp_path / "t.db"
    pipeline.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], str(db))
    people = _people(db)
    assert "Biden" not in people
    assert "Biden" in people["Joseph Biden"]["aliases"]


def _ingest_texts(tmp_path, *texts):
    """The database of one ingest of ``texts``, each a document of its own."""
    from alliancecli import pipeline

    paths = []
    for n, text in enumerate(texts):
        paths.append(tmp_path / f"{n}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    db = tmp_path / "t.db"
    pipeline.ingest(paths, str(db))
    return db


def test_a_name_the_corpus_describes_as_a_body_is_no_person_in_its_other_documents(tmp_path):
    db = _ingest_texts(
        tmp_path,
        "Oil firm in court\n\nShares in the Russian oil giant Zorvex fell on Monday after the court ruling.\n",
        "Appeal lodged\n\nZorvex said it would appeal against the ruling, which it called unfair.\n")
    con = store.connect(db)
    # (the model tags the name a person in both documents; the first says it is an oil company)
    assert {r[0] for r in con.execute("select kind from mentions where text = 'Zorvex'")} == {"organization"}
    assert "Zorvex" not in _people(db)
    assert {r[0] for r in con.execute("select speaker_kind from statements where speaker = 'Zorvex'")} <= {
        "organization"}


def test_a_name_the_corpus_writes_with_a_number_is_no_person_in_its_other_documents(tmp_path):
    db = _ingest_texts(
        tmp_path,
        "Pipeline row\n\nThe construction of Nord Stream 2 must be stopped, the minister said on Monday.\n",
        "A warning\n\nI have been saying for a long time that Nord Stream is a weapon that will hit Europe.\n")
    # (the model tags 'Nord Stream' a person in the second document, which writes it without its number)
    assert "Nord Stream" not in _people(db)
    con = store.connect(db)
    assert {r[0] for r in con.execute("select kind from mentions where text like 'Nord Stream%'")} <= {"organization"}
    # classifying again reads the statements as ingest did: an organization inside one is no place or party
    from alliancecli import stance, stance_model

    before = con.execute("select id, stance, stance_target from statements order by id").fetchall()
    stance_model.reapply(con, stance.RULES)
    assert con.execute("select id, stance, stance_target from statements order by id").fetchall() == before


def test_an_english_surname_alone_joins_no_other_spelling_of_it_in_another_article():
    docs = {"Sara Forestier": {1}, "Forrester": {2}, "Nicholas Jeffries": {3}, "Jeffers": {4},
            "Jose Barrionuevo": {5}, "Barrioneuvo": {5}}
    out = entities.join_people({n: 1 for n in docs}, docs)
    # census surnames are families of their own: the player Forrester is not the actress Sara Forestier
    assert out["Forrester"] == "Forrester" and out["Jeffers"] == "Jeffers"
    # in one article a misspelling still joins the name it misspells
    assert out["Barrioneuvo"] == "Jose Barrionuevo"
    # and a transliteration still joins across articles
    out = entities.join_people({"Alexander Lukashenko": 3, "Lukashenka": 1},
                               {"Alexander Lukashenko": {1}, "Lukashenka": {2}})
    assert out["Lukashenka"] == "Alexander Lukashenko"


def test_a_descriptor_before_a_full_name_of_the_corpus_joins_that_person_by_the_name_without_it():
    counts = {"Welshman Jimmy Watkins": 3, "Jimmy Watkins": 1, "Sprinters Kostas Kenteris": 7, "Kostas Kenteris": 54,
              "Kenteris": 10, "Arjan De Zeeuw": 2, "De Zeeuw": 1}
    out = entities.join_people(counts)
    assert out["Welshman Jimmy Watkins"] == out["Jimmy Watkins"] == "Jimmy Watkins"  # before a given name
    # a word the corpus mostly leaves out; the surname alone then fits one person only
    assert out["Sprinters Kostas Kenteris"] == out["Kenteris"] == "Kostas Kenteris"
    # a given name the lists lack, written as often with the name as without it, stays the person's
    assert out["Arjan De Zeeuw"] == "Arjan De Zeeuw"
