"""``alliance report OUT.html``: one self-contained page an analyst can send to a colleague.

:func:`build` gathers what the page shows (what was ingested, the top speakers per
country, the stance table per target, the country network, the timeline) and, for
every number, the statements behind it; :func:`render` fills the jinja2 template
``templates/report.html.j2``.  The charts are inline SVG drawn here, so the page
needs no server, no script and nothing from the network.  Each number links to an
evidence list (``#ev-N``) of its statements, each with its document, date, URL and
character offsets; a list longer than ``evidence_cap`` shows its first statements
and the ``alliance statements`` command that prints them all.
"""
from __future__ import annotations

import datetime as dt
import math
import shlex
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import queries, timeline

STANCES = timeline.STANCES
COLOURS = timeline.COLOURS


@dataclass
class Evidence:
    id: str
    title: str
    ids: list[int]
    command: str


@dataclass
class Page:
    """What the template shows; ``evidence`` holds the lists the numbers link to."""

    title: str
    generated: str
    database: str
    ingested: dict
    documents: list[dict]
    speakers: list[dict]
    targets: list[dict]
    pairs: list[dict]
    network_svg: str
    timeline_svg: str
    timeline_rows: list[dict]
    period: str
    evidence: list[Evidence] = field(default_factory=list)
    statements: dict[int, dict] = field(default_factory=dict)
    evidence_cap: int = 200


class _Links:
    """Hands out an evidence anchor per list of statements (the same list gets the same anchor)."""

    def __init__(self, cap: int):
        self.cap, self.items, self.by_key = cap, [], {}

    def __call__(self, title: str, ids: list[int], command: str) -> str | None:
        if not ids:
            return None
        key = tuple(ids)
        if key not in self.by_key:
            self.by_key[key] = f"ev-{len(self.items) + 1}"
            self.items.append(Evidence(self.by_key[key], title, list(ids), command))
        return self.by_key[key]


def _cmd(*args) -> str:
    return "alliance statements " + " ".join(shlex.quote(str(a)) for a in args)


def build(db, db_path: str | Path, top_countries: int = 10, top_speakers: int = 5, top_pairs: int = 30,
          period: str = "month", evidence_cap: int = 200, title: str = "Who said what about which alliance") -> Page:
    """Everything :func:`render` shows, counted from the database ``db``."""
    link = _Links(evidence_cap)
    rows = {r["id"]: r for r in queries.iter_statements(db)}
    targets_of = {i: t for i, t in db.execute("select id, stance_target from statements")} \
        if "stance_target" in _columns(db, "statements") else {}

    # what was ingested
    stats = queries.stats(db, db_path)
    dates = [d for (d,) in db.execute("select date from documents where date is not null")]
    per_doc = defaultdict(list)
    for r in rows.values():
        per_doc[r["document_id"]].append(r["id"])
    documents = []
    for d in db.execute("select id, title, date, path, url from documents order by id"):
        doc = dict(zip(("id", "title", "date", "path", "url"), d))
        doc["link"] = link(f"statements in document {doc['id']}: {doc['title']}", per_doc.get(doc["id"], []),
                           _cmd("--doc", doc["id"], "--all"))
        doc["statements"] = len(per_doc.get(doc["id"], []))
        documents.append(doc)
    ingested = {"documents": stats["documents"], "statements": sum(stats["statements"].values()),
                "by_kind": stats["statements"], "comments": stats["comments"], "countries": stats["countries"],
                "first": min(dates) if dates else None, "last": max(dates) if dates else None,
                "last_ingest": stats["last_ingest"],
                "all_link": link("every statement", sorted(rows), _cmd("--all"))}

    # top speakers per country
    by_country: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in rows.values():
        if r["speaker_country"] and r["kind"] != "comment":
            by_country[r["speaker_country"]][r["speaker"] or "(unnamed)"].append(r["id"])
    speakers = []
    for country, people in sorted(by_country.items(), key=lambda kv: (-sum(map(len, kv[1].values())), kv[0])):
        if len(speakers) >= top_countries:
            break
        ids = sorted(i for v in people.values() for i in v)
        entry = {"country": country, "statements": len(ids),
                 "link": link(f"statements by speakers of {country}", ids, _cmd("--country", country, "--all")),
                 "people": []}
        for name, pid in sorted(people.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top_speakers]:
            entry["people"].append({"name": name, **_stance_cells(link, rows, pid, f"{name} ({country})",
                                                                   ("--actor", name))})
        speakers.append(entry)

    # stance per target
    by_target: dict[str, list[int]] = defaultdict(list)
    for i, t in targets_of.items():
        for name in (t or "").split(", "):
            if name and i in rows:
                by_target[name].append(i)
    targets = [{"target": name, **_stance_cells(link, rows, sorted(ids), f"stance on {name}", ("--target", name))}
               for name, ids in sorted(by_target.items(), key=lambda kv: (-len(kv[1]), kv[0]))]

    # the country network
    pairs = []
    for p in queries.pairs(db, limit=top_pairs):
        ids = [r["id"] for r in queries.pair_statements(db, p["a"], p["b"])]
        cells = _stance_cells(link, rows, ids, f"statements naming {p['a']} and {p['b']}",
                              ("--pair", p["a"], p["b"]))
        pairs.append({**p, **cells, "stance_of_edge": _dominant(cells)})
    network_svg = network_svg_of(pairs)

    # the timeline of every statement
    t = timeline.statements(db, period=period)
    timeline_rows = []
    for r in t.rows:
        row = dict(r)
        since, until = timeline.bounds(r["period"], period)
        for col in ("statements",) + STANCES:
            ids = t.ids.get((r["period"], col), [])
            row[col + "_link"] = link(f"{col} in {r['period']}", ids,
                                      _cmd(*(("--stance", col) if col in STANCES else ()), "--since", since,
                                           "--until", until, "--all"))
        timeline_rows.append(row)
    timeline_svg = timeline_svg_of(timeline_rows, t.undated)

    shown = {i for e in link.items for i in e.ids[:evidence_cap]}
    return Page(title=title, generated=dt.datetime.now().isoformat(timespec="seconds"),
                database=str(db_path), ingested=ingested, documents=documents, speakers=speakers, targets=targets,
                pairs=pairs, network_svg=network_svg, timeline_svg=timeline_svg, timeline_rows=timeline_rows,
                period=period, evidence=link.items, statements={i: rows[i] for i in sorted(shown)},
                evidence_cap=evidence_cap)


def _columns(db, table: str) -> set[str]:
    return {r[1] for r in db.execute(f"pragma table_info([{table}])")}


def _stance_cells(link, rows, ids, title, args) -> dict:
    """The count of ``ids`` and of each stance among them, each with the anchor of its statements."""
    out = {"statements": len(ids), "link": link(title, ids, _cmd(*args, "--all"))}
    for s in STANCES:
        these = [i for i in ids if rows[i]["stance"] == s]
        out[s] = len(these)
        out[s + "_link"] = link(f"{title}: {s}", these, _cmd(*args, "--stance", s, "--all"))
    return out


def _dominant(cells: dict) -> str | None:
    best = max(STANCES, key=lambda s: cells[s])
    return best if cells[best] else None


def _esc(s) -> str:
    from markupsafe import escape

    return str(escape(s))


def network_svg_of(pairs: list[dict], size: int = 560) -> str:
    """The pairs as a circle of countries: an edge's width is its co-mentions, its colour the stance most of
    its statements take (grey: none); each edge links to its statements."""
    if not pairs:
        return '<p class="empty">No country pairs.</p>'
    weight = Counter()
    for p in pairs:
        weight[p["a"]] += p["count"]
        weight[p["b"]] += p["count"]
    names = [n for n, _ in weight.most_common()]
    c, r = size / 2, size / 2 - 90
    pos = {n: (c + r * math.cos(2 * math.pi * k / len(names) - math.pi / 2),
               c + r * math.sin(2 * math.pi * k / len(names) - math.pi / 2)) for k, n in enumerate(names)}
    top = max(p["count"] for p in pairs)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {size} {size}" '
             f'width="{size}" height="{size}" role="img" aria-label="country network">']
    for p in sorted(pairs, key=lambda p: p["count"]):
        (x1, y1), (x2, y2) = pos[p["a"]], pos[p["b"]]
        colour = COLOURS.get(p["stance_of_edge"] or "", "#bdbdbd")
        width = 1 + 9 * p["count"] / top
        line = (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
                f'stroke-width="{width:.1f}" stroke-opacity="0.75"><title>{_esc(p["a"])} – {_esc(p["b"])}: '
                f'{p["count"]} co-mentions, {p["statements"]} statements (support {p["support"]}, oppose '
                f'{p["oppose"]}, neutral {p["neutral"]})</title></line>')
        parts.append(f'<a href="#{p["link"]}" class="edge">{line}</a>' if p["link"] else line)
    for n in names:
        x, y = pos[n]
        radius = 4 + 10 * math.sqrt(weight[n] / weight[names[0]])
        anchor = "start" if x >= c + 1 else "end" if x <= c - 1 else "middle"
        dx = radius + 4 if anchor == "start" else -radius - 4 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-radius - 5 if y < c else radius + 14)  # top and bottom: above, below
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="#37474f"/>'
                     f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" font-size="12">{_esc(n)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg_of(rows: list[dict], undated: int, height: int = 220) -> str:
    """Stacked bars of statements by stance per period; each segment links to its statements."""
    if not rows:
        return '<p class="empty">No dated statements.</p>'
    bar, gap, left, bottom = max(4, min(28, 900 // len(rows))), 2, 36, 40
    width = left + len(rows) * (bar + gap) + 10
    top = max(r["statements"] for r in rows) or 1
    scale = (height - bottom - 10) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="timeline">',
             f'<text x="4" y="14" font-size="11">{top}</text>',
             f'<line x1="{left - 2}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#555"/>']
    step = max(1, len(rows) // 20)
    for k, r in enumerate(rows):
        x, y = left + k * (bar + gap), height - bottom
        for s in STANCES:
            h = r[s] * scale
            if h <= 0:
                continue
            y -= h
            rect = (f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{COLOURS[s]}">'
                    f'<title>{_esc(r["period"])}: {r[s]} {s}</title></rect>')
            parts.append(f'<a href="#{r[s + "_link"]}" class="bar">{rect}</a>')
        if k % step == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 12}" font-size="10" '
                         f'transform="rotate(60 {x + bar / 2:.1f} {height - bottom + 12})">{_esc(r["period"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(page: Page) -> str:
    """The page as HTML, from the package's jinja2 template."""
    from importlib.resources import files

    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(files("alliancecli").joinpath("templates/report.html.j2").read_text("utf-8"))
    return template.render(page=page, colours=COLOURS, stances=STANCES)


def write(db, db_path: str | Path, out: str | Path, **options) -> Page:
    """Build the report and write it to ``out``; returns what it holds."""
    page = build(db, db_path, **options)
    Path(out).write_text(render(page), encoding="utf-8")
    return page
