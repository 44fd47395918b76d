"""Read the package's data files (gazetteer, cue lexicons, boilerplate signals)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_json(name: str) -> dict:
    return json.loads(resources.files("alliancecli").joinpath("data", name).read_text(encoding="utf-8"))
