"""A spaCy text classifier for stance: the second implementation of :class:`alliancecli.stance.Classifier`.

:func:`train` fits a small bag-of-words ``textcat`` (seconds on a CPU) on the
statement's words plus tokens naming the rules' verdict and target kind;
:func:`cross_validate` scores it by k-fold cross-validation next to the rules and the
majority class on the same texts; :func:`fit` cross-validates, trains on every
label, saves the model next to the database and puts it in use only where its
cross-validated accuracy and macro-F1 both beat the rules'; :func:`reapply`
re-classifies the stored statements in one pass with the classifier in use.  Human
labels stay in ``statements.label`` and win in every query.  With fewer labels than
``min_labels`` (``data/stance.json``) nothing is trained and the rules stay in use.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import labels as labels_mod
from . import segment, stance
from .resources import load_json

if TYPE_CHECKING:
    import sqlite_utils

CLASSES = ("support", "oppose", "neutral")


class TooFewLabels(RuntimeError):
    pass


def settings() -> dict:
    return load_json("stance.json").get("model", {})


def combined(model_label: str, rule_label: str) -> str:
    """The model's label, but the rules' where they find one of the classes ``stance.json`` lets them decide
    (``model.rules_decide``): opposition, which the rules read from negation, refusal and objection words and the
    model learns from a handful of labels."""
    return rule_label if rule_label in settings().get("rules_decide", ()) else model_label


def default_path(db_path: str | Path) -> Path:
    """Where ``stance train`` saves the model: ``alliance.db`` -> ``alliance.stance-model/``."""
    p = Path(db_path)
    return p.with_name(p.stem + ".stance-model")


def features(text: str, rule: stance.Stance | None = None) -> str:
    """The text the classifier reads: the statement plus tokens naming what the rules found.

    The rules know targets, negation, refusal, report frames and rhetorical questions,
    which a bag of words learned from a few hundred labels does not; given their verdict,
    the target's kind and the words of their evidence as features, the classifier learns
    when to trust them.
    """
    rule = rule or stance.classify(text)
    kind = rule.target_kind or "none"
    return (f"{text} rulestance{rule.label} ruletarget{kind} rule{rule.label}{kind} "
            + " ".join("ev" + w.lower() for w in (rule.evidence or "").replace(";", " ").split()))


def train(texts: list[str], labels: list[str], seed: int = 0):
    """A blank English pipeline with a bag-of-words textcat fitted to ``texts``/``labels``."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    cfg = settings()
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    tc = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True,
        "ngram_size": cfg.get("ngram_size", 2), "no_output_layer": False, "length": 2 ** 18}})
    for c in CLASSES:
        tc.add_label(c)
    examples = [Example.from_dict(nlp.make_doc(features(t)), {"cats": {c: float(c == y) for c in CLASSES}})
                for t, y in zip(texts, labels)]
    # a rare class (oppose: 23 of 260 on the benchmark) is repeated up to a share of the largest
    # one, so that the few examples of it are not drowned out
    rng = random.Random(seed)
    most = max(labels.count(c) for c in set(labels))
    for c in sorted(set(labels)):
        mine = [e for e, y in zip(list(examples), labels) if y == c]
        extra = int(most * cfg.get("balance", 0.0)) - len(mine)
        examples += [rng.choice(mine) for _ in range(max(0, extra))]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(cfg.get("epochs", 20)):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=cfg.get("batch_size", 8)):
            nlp.update(batch, sgd=optimizer, drop=cfg.get("dropout", 0.2))
    return nlp


def predict(nlp, texts: list[str]) -> list[tuple[str, float, float]]:
    """(label, probability of it, P(support) - P(oppose)) per text."""
    out = []
    for doc in nlp.pipe((features(t) for t in texts), batch_size=64):
        label = max(doc.cats, key=doc.cats.get)
        out.append((label, doc.cats[label], doc.cats.get("support", 0.0) - doc.cats.get("oppose", 0.0)))
    return out


def scores(gold: list[str], pred: list[str]) -> dict:
    """Accuracy, macro-F1 over the classes present in gold or predictions, and per-class F1."""
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0
    per = {}
    for c in CLASSES:
        tp = sum(g == p == c for g, p in zip(gold, pred))
        fp = sum(p == c and g != c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        if tp + fp + fn == 0:
            continue
        per[c] = 2 * tp / (2 * tp + fp + fn)
    macro = sum(per.values()) / len(per) if per else 0.0
    return {"accuracy": round(acc, 3), "macro_f1": round(macro, 3), "f1": {c: round(v, 3) for c, v in per.items()}}


def _folds(labels: list[str], k: int, seed: int) -> list[int]:
    """A fold number per item, stratified by label, so every fold sees every class."""
    rng = random.Random(seed)
    fold = [0] * len(labels)
    for c in sorted(set(labels)):
        idx = [i for i, y in enumerate(labels) if y == c]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold[i] = j % k
    return fold


def cross_validate(texts: list[str], labels: list[str], k: int = 5, seed: int = 0) -> dict:
    """k-fold cross-validated scores of the classifier, and the rules' scores on the same texts."""
    if len(texts) < max(k, 2) or len(set(labels)) < 2:
        raise TooFewLabels(f"{len(texts)} labelled statements in {len(set(labels))} classes: "
                           f"need at least {max(k, 2)} in 2 classes for {k}-fold cross-validation")
    fold = _folds(labels, k, seed)
    rules = [stance.classify(t).label for t in texts]
    pred = [""] * len(texts)
    for f in range(k):
        train_i = [i for i in range(len(texts)) if fold[i] != f]
        test_i = [i for i in range(len(texts)) if fold[i] == f]
        nlp = train([texts[i] for i in train_i], [labels[i] for i in train_i], seed=seed)
        for i, (y, _, _) in zip(test_i, predict(nlp, [texts[i] for i in test_i])):
            pred[i] = combined(y, rules[i])
    counts = {c: labels.count(c) for c in CLASSES}
    return {"statements": len(texts), "folds": k, "labels": counts,
            "rules_decide": list(settings().get("rules_decide", ())),
            "model": scores(labels, pred), "rules": scores(labels, rules),
            "majority": scores(labels, [max(counts, key=counts.get)] * len(labels))}


@dataclass
class Trained:
    path: Path
    labels: int
    classes: dict
    cv: dict
    in_use: bool
    reason: str


class Model:
    """A trained textcat behind the classifier seam; the rules still give target and evidence."""

    name = "textcat"

    def __init__(self, path: str | Path):
        import spacy

        self.path = Path(path)
        self.nlp = spacy.load(self.path)
        info = self.path / "alliance.json"
        self.version = json.loads(info.read_text())["version"] if info.exists() else "unknown"

    def classify(self, text: str, context: stance.Context | None = None) -> stance.Stance:
        rule = stance.classify(text, context)
        doc = self.nlp(features(text, rule))
        label = combined(max(doc.cats, key=doc.cats.get), rule.label)
        score = round(doc.cats.get("support", 0.0) - doc.cats.get("oppose", 0.0), 3)
        if label == rule.label:
            return stance.Stance(label, score, rule.evidence, rule.spans, rule.target, rule.target_kind, rule.parties)
        # the model overrules the rules' polarity: the evidence is the target alone, where there is one
        spans = tuple(sp for sp in rule.spans[:1]) if rule.target else ()
        return stance.Stance(label, score, "; ".join(text[a:b] for a, b in spans) or None, spans,
                             rule.target, rule.target_kind, rule.parties)


def load(path: str | Path) -> Model:
    return Model(path)


def fit(db: sqlite_utils.Database, model_path: str | Path, seed: int = 0, folds: int = 5) -> Trained:
    """Cross-validate, train on every labelled text, save to ``model_path`` and record it; the model is
    put in use only where it beats the rules in cross-validation.  Raises TooFewLabels."""
    rows = labels_mod.labelled(db)
    texts, ys = [r["text"] for r in rows], [r["label"] for r in rows]
    need = settings().get("min_labels", 30)
    if len(rows) < need or len(set(ys)) < 2:
        raise TooFewLabels(f"{len(rows)} labelled statements ({len(set(ys))} classes); need at least {need} "
                           "in 2 classes: the rules stay in use")
    cv = cross_validate(texts, ys, k=folds, seed=seed)
    m, r = cv["model"], cv["rules"]
    floor = settings().get("min_macro_f1", 0.0)
    beats = m["accuracy"] > r["accuracy"] and m["macro_f1"] > r["macro_f1"]
    better = beats and m["macro_f1"] >= floor
    reason = (f"cross-validated accuracy {m['accuracy']:.3f} and macro-F1 {m['macro_f1']:.3f} against the rules' "
              f"{r['accuracy']:.3f} and {r['macro_f1']:.3f}")
    if better:
        reason = "the model replaces the rules: " + reason
    elif beats:  # better than the rules on these labels, but not good enough to publish its labels
        reason = (f"the rules stay in use: the model's macro-F1 is below {floor:.2f}, the least a model must reach "
                  f"to replace them; " + reason)
    else:
        reason = "the rules stay in use: the model does not beat them on both, " + reason
    nlp = train(texts, ys, seed=seed)
    path = Path(model_path).resolve()
    trained_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    nlp.to_disk(path)
    (path / "alliance.json").write_text(json.dumps({"version": trained_at, "labels": len(rows)}))
    classes = {c: ys.count(c) for c in CLASSES}
    with db.atomic():
        if better:
            db.execute("update stance_models set in_use = 0")
        db["stance_models"].insert({
            "path": str(path), "trained_at": trained_at, "labels": len(rows),
            "classes": ", ".join(f"{c}={n}" for c, n in classes.items()), "classifier_version": trained_at,
            "cv_model": json.dumps(m), "cv_rules": json.dumps(r), "in_use": int(better),
        })
    return Trained(path, len(rows), classes, cv, better, reason)


def current(db: sqlite_utils.Database) -> Path | None:
    """The trained model in use (it beat the rules when trained and still exists), or None: the rules."""
    from . import store

    p = store.stance_model_in_use(db)
    return Path(p) if p else None


def reapply(db: sqlite_utils.Database, classifier: stance.Classifier,
            progress: Callable[[int, int], None] | None = None, batch: int = 500) -> int:
    """Re-classify every stored statement with ``classifier`` in one pass; returns how many.

    ``progress(done, total)`` is called after each batch.  Human labels are untouched.
    """
    total = db.execute("select count(*) from statements").fetchone()[0]
    topics: dict[int, stance.Topic | None] = {}
    done, last = 0, 0
    while True:
        ids = [r[0] for r in db.execute("select id from statements where id > ? order by id limit ?", [last, batch])]
        if not ids:
            break
        with db.atomic():
            reclassify(db, ids, classifier, topics)
        done += len(ids)
        last = ids[-1]
        if progress:
            progress(done, total)
    return done


def reclassify(db: sqlite_utils.Database, ids: list[int], classifier: stance.Classifier,
               topics: dict | None = None) -> None:
    """Classify statements ``ids`` again, with the context ingest gives them (their mentions, speaker
    country, kind, cue, the words that introduce them, the document's topic and adversaries); in the
    caller's transaction. Each document's text is read once a chunk; ``topics`` caches the document
    topics across calls."""
    topics = {} if topics is None else topics
    enemies: dict[int, tuple[str, ...]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" for _ in chunk)
        rows = db.execute(f"select s.id, s.document_id, s.text, s.start, s.end, s.speaker_country, s.kind, s.cue, "
                          f"c.start, c.end, c.quotes_author from statements s left join comments c on c.id = s.comment_id "
                          f"where s.id in ({marks})", chunk).fetchall()
        docs = sorted({r[1] for r in rows})
        in_docs = ",".join("?" for _ in docs)
        texts = {did: (title, text) for did, title, text in db.execute(
            f"select id, title, text from documents where id in ({in_docs})", docs)}
        ments: dict[int, list] = {}  # every country, bloc and place inside the statement, as ingest gives them
        kinds = ",".join("?" * len(stance.CONTEXT_KINDS))
        for did, name, kind, ms, me in db.execute(
                f"select document_id, name, kind, start, end from mentions where document_id in ({in_docs}) "
                f"and kind in ({kinds}) order by start", [*docs, *stance.CONTEXT_KINDS]):  # as ingest passes them
            ments.setdefault(did, []).append((name, kind, ms, me))
        updates = []
        for sid, did, text, start, end, country, kind, cue, c_start, c_end, quotes_author in rows:
            title, doc_text = texts[did]
            if kind == "comment" and quotes_author and c_start is not None:  # its own words, as ingest reads them
                text = segment.own_words(doc_text, start, end, segment.comment_quotes(doc_text, c_start, c_end))
            if did not in topics:  # as ingest reads it (pipeline.analyse)
                sides = tuple(r[0] for r in db.execute("select speaker_country from statements where document_id = ? "
                                                       "and speaker_country is not null and speaker_kind = 'person' order by start", [did]))
                people = tuple(db.execute("select distinct doc_name, country from mentions where document_id = ? "
                                          "and kind = 'person' and country is not null order by doc_name, country",
                                          [did]).fetchall())
                topics[did] = stance.document_topic(title, doc_text, sides, frozenset(
                    name for name, kind, _, _ in ments.get(did, []) if kind == "country"), people)
            if did not in enemies:
                enemies[did] = stance.adversaries(doc_text, ments.get(did, []))
            lead = stance.lead_of(doc_text, start) if kind != "comment" else None
            ctx = stance.Context(stance.inside(ments.get(did, []), start, end, text or ""), country, kind == "comment",
                                 topics[did], cue, lead, enemies[did])
            cols = stance.row(classifier.classify(text or "", ctx), classifier)
            updates.append(list(cols.values()) + [sid])
        cols = list(stance.row(stance.NO_TARGET, classifier))
        db.conn.executemany(f"update statements set {', '.join(c + ' = ?' for c in cols)} where id = ?", updates)
