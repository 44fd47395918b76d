"""A spaCy text classifier for stance, trained on the human labels in the database.

:func:`train` fits a small bag-of-words ``textcat`` (seconds on a CPU);
:func:`cross_validate` scores it by k-fold cross-validation next to the rules of
:mod:`alliancecli.stance` on the same texts; :func:`fit` trains on every label,
saves the model next to the database and records it; :func:`apply` writes its
predictions into ``statements.stance`` for every statement.  Human labels stay in
``statements.label`` and win in every query.  With fewer labels than
``min_labels`` (``data/stance.json``) nothing is trained and the rules stay in use.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import labels as labels_mod
from . import stance
from .resources import load_json

CLASSES = ("support", "oppose", "neutral")


class TooFewLabels(RuntimeError):
    pass


def settings() -> dict:
    return load_json("stance.json").get("model", {})


def default_path(db_path: str | Path) -> Path:
    """Where ``stance train`` saves the model: ``alliance.db`` -> ``alliance.stance-model/``."""
    p = Path(db_path)
    return p.with_name(p.stem + ".stance-model")


def features(text: str) -> str:
    """The text the classifier reads: the statement plus one token naming the rules' verdict.

    The rules know negation, refusal and rhetorical questions, which a bag of words
    learned from a few hundred labels does not; given their verdict as a feature the
    classifier learns when to trust them (on the benchmark, macro-F1 0.47 -> 0.61).
    """
    return f"{text} rulestance{stance.classify(text).label}"


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
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
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
    pred = [""] * len(texts)
    for f in range(k):
        train_i = [i for i in range(len(texts)) if fold[i] != f]
        test_i = [i for i in range(len(texts)) if fold[i] == f]
        nlp = train([texts[i] for i in train_i], [labels[i] for i in train_i], seed=seed)
        for i, (y, _, _) in zip(test_i, predict(nlp, [texts[i] for i in test_i])):
            pred[i] = y
    rules = [stance.classify(t).label for t in texts]
    counts = {c: labels.count(c) for c in CLASSES}
    return {"statements": len(texts), "folds": k, "labels": counts,
            "model": scores(labels, pred), "rules": scores(labels, rules),
            "majority": scores(labels, [max(counts, key=counts.get)] * len(labels))}


@dataclass
class Trained:
    path: Path
    labels: int
    classes: dict


def fit(db: sqlite_utils.Database, model_path: str | Path, seed: int = 0) -> Trained:
    """Train on every labelled text, save to ``model_path`` and record it; raises TooFewLabels."""
    rows = labels_mod.labelled(db)
    texts, ys = [r["text"] for r in rows], [r["label"] for r in rows]
    need = settings().get("min_labels", 30)
    if len(rows) < need or len(set(ys)) < 2:
        raise TooFewLabels(f"{len(rows)} labelled statements ({len(set(ys))} classes); need at least {need} "
                           "in 2 classes: the rules stay in use")
    nlp = train(texts, ys, seed=seed)
    path = Path(model_path).resolve()
    nlp.to_disk(path)
    classes = {c: ys.count(c) for c in CLASSES}
    with db.atomic():
        db["stance_models"].insert({
            "path": str(path), "trained_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "labels": len(rows), "classes": ", ".join(f"{c}={n}" for c, n in classes.items()),
        })
    return Trained(path, len(rows), classes)


def current(db: sqlite_utils.Database) -> Path | None:
    """The most recently trained model that still exists on disk, or None (the rules are used)."""
    if not db["stance_models"].exists():
        return None
    for (p,) in db.execute("select path from stance_models order by id desc").fetchall():
        if Path(p, "config.cfg").exists():
            return Path(p)
    return None


def apply(db: sqlite_utils.Database, model_path: str | Path | None = None) -> int:
    """Write the model's predictions into every statement's stance; returns how many statements.

    Without a model (none trained, or its folder gone) nothing changes: the rules'
    stance from ingest stays.
    """
    import spacy

    path = Path(model_path) if model_path else current(db)
    if path is None:
        return 0
    nlp = spacy.load(path)
    rows = db.execute("select id, text from statements").fetchall()
    preds = predict(nlp, [t or "" for _, t in rows])
    updates = []
    for (i, text), (y, p, score) in zip(rows, preds):
        rule = stance.classify(text or "")
        evidence = f"classifier p={p:.2f}"
        if rule.label == y and rule.evidence:
            evidence += f"; rules: {rule.evidence}"  # the words, where the rules agree
        updates.append((y, round(score, 3), evidence, i))
    with db.atomic():
        db.conn.executemany("update statements set stance = ?, stance_score = ?, stance_evidence = ? where id = ?",
                            updates)
    return len(rows)
