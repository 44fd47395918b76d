"""The lean pipeline (nlp.load's default) sets exactly what spaCy's own components set."""
from alliancecli import nlp as nlp_mod
from alliancecli import pipeline, sources

from conftest import SEEDS


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_,
             t.is_sent_start) for t in doc]


def test_lean_components_set_the_same_token_attributes_as_spacys():
    full, lean = nlp_mod.load(lean=False), nlp_mod.load()
    assert full.pipe_names == lean.pipe_names
    assert type(lean.get_pipe("attribute_ruler")) is not type(full.get_pipe("attribute_ruler"))
    units = []
    for f in sorted(SEEDS.glob("*.txt")):
        for src in sources.read(f):
            prep = pipeline.segmented(pipeline.Prepared(src, None, [], None))
            units += [src.text[u.start:u.end] for u in prep.units]
    units += ["", "   ", "There's nothin' y'all can't do.\n\n  It isn't.", "But but BUT: that, this, those."]
    for a, b in zip(full.pipe(units), lean.pipe(units)):
        assert annotations(a) == annotations(b), a.text


def test_lean_pipeline_multiplies_through_numpy_with_one_blas_thread():
    from threadpoolctl import threadpool_info

    full, lean = nlp_mod.load(lean=False), nlp_mod.load()
    models = [p.model for _, p in lean.pipeline if hasattr(getattr(p, "model", None), "walk")]
    assert models and all(not node.ops.use_blis for m in models for node in m.walk())
    assert any(node.ops.use_blis for _, p in full.pipeline if hasattr(getattr(p, "model", None), "walk")
               for node in p.model.walk())
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


class _Libc:
    def __init__(self):
        self.calls = []

    def mallopt(self, param, value):
        self.calls.append((param, value))
        return 1


def test_large_blocks_are_kept_only_where_a_malloc_variable_froze_the_threshold():
    libc = _Libc()
    assert not nlp_mod.keep_large_blocks({}, libc)
    assert not nlp_mod.keep_large_blocks({"MALLOC_TRIM_THRESHOLD_": "65536", "MALLOC_MMAP_THRESHOLD_": "131072"}, libc)
    assert libc.calls == []  # no variable, or a threshold the user chose: left alone
    assert nlp_mod.keep_large_blocks({"MALLOC_TRIM_THRESHOLD_": "65536"}, libc)
    assert libc.calls == [(-3, nlp_mod.MMAP_THRESHOLD), (-1, 2 * nlp_mod.MMAP_THRESHOLD)]


FAULTS = r"""
import resource, sys
import numpy
from alliancecli import nlp

def faults():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(100):
        numpy.ones(1 << 18, dtype="float32")  # 1 MiB, written, freed: an activation array's life
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

frozen = faults()
changed = nlp.keep_large_blocks()
print(frozen, changed, faults())
"""


def test_under_dasks_malloc_setting_each_large_array_is_not_mapped_afresh():
    """Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_ set: every 1 MiB array is then a fresh
    mapping, 256 page faults; once the pipeline is loaded, arrays reuse the heap."""
    import ctypes.util
    import os
    import subprocess
    import sys

    import pytest

    if not sys.platform.startswith("linux") or "libc.so" not in (ctypes.util.find_library("c") or ""):
        pytest.skip("glibc's malloc only")
    env = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "65536"}
    env.pop("MALLOC_MMAP_THRESHOLD_", None)
    out = subprocess.run([sys.executable, "-c", FAULTS], env=env, capture_output=True, text=True, check=True)
    frozen, changed, after = out.stdout.split()
    assert changed == "True"
    assert int(frozen) > 100 * 200  # a mapping faulted in page by page, each time
    assert int(after) < int(frozen) / 10
