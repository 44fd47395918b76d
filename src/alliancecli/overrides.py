"""A user's corrections to the actors: merge, rename or split them, and set their countries.

The file is YAML or CSV (chosen by its suffix: ``.csv`` is CSV, anything else YAML).  YAML::

    merge:                      # these names become one actor, called by the key
      Kassym-Jomart Tokayev: [Tokaev, Qasim-Jomart Tokayev]
    rename:                     # old name: new name
      Lukashenka: Alexander Lukashenko
    split:                      # these names leave the actor they were joined to and form their own
      Viktor Lukashenko: [Viktor Lukashenko, V. Lukashenko]
    country:                    # the country an actor acts for
      Roman Vasilenko: Kazakhstan

CSV has the header ``action,name,alias,country`` and one alias a row: ``merge,NAME,ALIAS,``,
``rename,NEW,OLD,``, ``split,NAME,ALIAS,``, ``country,NAME,,COUNTRY`` (a merge, rename or split
row may set the country too).  Names are matched exactly: an actor's canonical name, or a name
an article gives (the ``aliases`` that ``alliance actors`` lists).  Countries are read like
``--country``: "Kazakh", "RF" and "Nur-Sultan" all work.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

ACTIONS = ("merge", "rename", "split", "country")


class OverridesError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    action: str  # merge, rename, split, country
    name: str  # the actor's name after the rule
    aliases: tuple[str, ...] = ()  # the names it applies to (merge, rename, split)
    country: str | None = None  # canonical country name

    def to_row(self) -> dict:
        import json

        return {"action": self.action, "name": self.name, "aliases": json.dumps(list(self.aliases), ensure_ascii=False),
                "country": self.country}

    @classmethod
    def from_row(cls, row: dict) -> "Rule":
        import json

        return cls(row["action"], row["name"], tuple(json.loads(row["aliases"] or "[]")), row["country"])


def load(path: str | Path) -> list[Rule]:
    """Read an overrides file; raises OverridesError with the file name and the entry at fault."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise OverridesError(f"cannot read {path}: {e}") from None
    rules = _from_csv(text, path) if path.suffix.lower() == ".csv" else _from_yaml(text, path)
    return [_checked(r, path) for r in rules]


def _from_yaml(text: str, path: Path) -> list[Rule]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise OverridesError(f"{path}: not valid YAML ({e})") from None
    if data is None:
        return []
    if not isinstance(data, dict):
        raise OverridesError(f"{path}: expected sections {', '.join(ACTIONS)}")
    unknown = set(data) - set(ACTIONS)
    if unknown:
        raise OverridesError(f"{path}: unknown section(s) {', '.join(map(str, sorted(unknown)))}; "
                             f"use {', '.join(ACTIONS)}")
    rules = []
    for action in ACTIONS:
        section = data.get(action) or {}
        if not isinstance(section, dict):
            raise OverridesError(f"{path}: '{action}' must map names to values")
        for key, value in section.items():
            key = _text(key, path, action)
            if action == "rename":
                rules.append(Rule("rename", _text(value, path, action), (key,)))
            elif action == "country":
                rules.append(Rule("country", key, (), _text(value, path, action)))
            else:
                values = value if isinstance(value, list) else [value]
                rules.append(Rule(action, key, tuple(_text(v, path, action) for v in values)))
    return rules


def _text(value, path: Path, action: str) -> str:
    if not isinstance(value, (str, int, float)) or not str(value).strip():
        raise OverridesError(f"{path}: '{action}': expected a name, got {value!r}")
    return str(value).strip()


def _from_csv(text: str, path: Path) -> list[Rule]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"action", "name"} <= {f.strip() for f in reader.fieldnames}:
        raise OverridesError(f"{path}: the header must be action,name,alias,country")
    grouped: dict[tuple[str, str], dict] = {}
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        action, name, alias, country = (row.get(k, "") for k in ("action", "name", "alias", "country"))
        if not action and not name:
            continue
        if action not in ACTIONS:
            raise OverridesError(f"{path}, line {line}: unknown action {action!r}; use {', '.join(ACTIONS)}")
        if not name or (action != "country" and not alias) or (action == "country" and not country):
            raise OverridesError(f"{path}, line {line}: '{action}' needs name and "
                                 f"{'country' if action == 'country' else 'alias'}")
        entry = grouped.setdefault((action, name), {"aliases": [], "country": None})
        if alias:
            entry["aliases"].append(alias)
        entry["country"] = country or entry["country"]
    rules = []
    for (action, name), entry in grouped.items():
        if action == "country":
            rules.append(Rule(action, name, (), entry["country"]))
        else:
            rules.append(Rule(action, name, tuple(entry["aliases"])))
            if entry["country"]:
                rules.append(Rule("country", name, (), entry["country"]))
    return rules


def _checked(rule: Rule, path: Path) -> Rule:
    if rule.country is None:
        return rule
    from . import gazetteer

    try:
        country = gazetteer.normalize(rule.country, kinds=("country",)).name
    except gazetteer.UnknownPlace as e:
        raise OverridesError(f"{path}: {rule.name}: {e}") from None
    return Rule(rule.action, rule.name, rule.aliases, country)


def resolve(names: dict[str, str], rules: list[Rule]) -> dict[str, str]:
    """Apply merge and rename rules, in order, to a map of document name -> canonical name.

    A rule takes a name when the name itself or its current canonical name is one of its aliases.
    """
    out = dict(names)
    for rule in rules:
        if rule.action not in ("merge", "rename"):
            continue
        targets = set(rule.aliases)
        for local, canonical in out.items():
            if local in targets or canonical in targets:
                out[local] = rule.name
    return out


def split_names(rules: list[Rule]) -> dict[str, str]:
    """Alias -> actor name, for every alias a split rule takes out of its actor."""
    return {alias: rule.name for rule in rules if rule.action == "split" for alias in rule.aliases}
