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
