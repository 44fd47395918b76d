"""alliance timeline: counts by period that add up to the statements they stand for."""
import pytest

from alliancecli import timeline
from helpers import as_json, run


def test_periods():
    assert timeline.period_of("2022-12-09T16:56", "week") == "2022-W49"
    assert timeline.period_of("2022-12-09", "month") == "2022-12"
    assert timeline.period_of("2022", "month") is None and timeline.period_of(None, "year") is None
    assert timeline.span(["2021-12", "2022-02"], "month") == ["2021-12", "2022-01", "2022-02"]
    assert timeline.span(["2020-W53", "2021-W02"], "week") == ["2020-W53", "2021-W01", "2021-W02"]
    assert timeline.span(["2024-02-28", "2024-03-01"], "day") == ["2024-02-28", "2024-02-29", "2024-03-01"]


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_counts_add_up_to_the_dated_statements(seeds_db, by):
    rows = as_json(run("timeline", "-c", "Russia", "--by", by, "--db", seeds_db, "--json"))
    statements = as_json(run("statements", "-c", "Russia", "--db", seeds_db, "--json", "--all"))
    dated = [s for s in statements if timeline.period_of(s["date"], by)]
    assert sum(r["statements"] for r in rows) == len(dated)
    for stance in ("support", "oppose", "neutral"):
        assert sum(r[stance] for r in rows) == sum(s["stance"] == stance for s in dated)
    assert [r["period"] for r in rows] == timeline.span([r["period"] for r in rows], by)  # no gap left out


def test_filters_and_formats_are_those_of_statements(seeds_db):
    rows = as_json(run("timeline", "--pair", "Russia", "Kazakhstan", "--stance", "oppose", "--db", seeds_db, "--json"))
    ids = as_json(run("statements", "--pair", "Russia", "Kazakhstan", "--stance", "oppose", "--db", seeds_db,
                      "--json", "--all"))
    assert sum(r["oppose"] for r in rows) == sum(1 for s in ids if s["date"] and len(s["date"]) >= 7)
    assert sum(r["support"] + r["neutral"] for r in rows) == 0
    csv_out = run("timeline", "-c", "Russia", "--db", seeds_db, "--csv").stdout.splitlines()
    assert csv_out[0] == "period,statements,support,oppose,neutral"
    assert run("timeline", "-c", "Russia", "--since", "2023", "--until", "2022", "--db", seeds_db).exit_code == 2


def test_pair_mentions(seeds_db):
    rows = as_json(run("timeline", "--pair", "Russia", "China", "--mentions", "--by", "year", "--db", seeds_db,
                       "--json"))
    assert rows and all(set(r) == {"period", "mentions", "documents"} for r in rows)
    assert sum(r["mentions"] for r in rows) > 0
    assert run("timeline", "--mentions", "-c", "Russia", "--db", seeds_db).exit_code == 2


def test_terminal_bars_and_plot(seeds_db, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("timeline", "-c", "Russia", "--db", seeds_db)
    assert result.exit_code == 0 and "█" in result.stdout
    assert max(map(len, result.stdout.splitlines())) <= 80
    pytest.importorskip("matplotlib")
    for suffix in (".png", ".svg"):
        out = tmp_path / f"t{suffix}"
        assert run("timeline", "-c", "Russia", "--plot", out, "--db", seeds_db).exit_code == 0
        head = out.read_bytes()[:200]
        assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in out.read_bytes()[:2000]
    assert run("timeline", "-c", "Russia", "--plot", tmp_path / "t.pdf", "--db", seeds_db).exit_code == 2
