"""alliance browse: datasette opens on the analyst's questions, and its server ends with alliance."""
import asyncio
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from alliancecli import browse
from browser import chromium, errors
from helpers import as_json, run

pytest.importorskip("datasette")


def _get(ds, path):
    return asyncio.run(ds.client.get(path))


def test_canned_queries_answer_as_the_commands_do(seeds_db):
    ds = browse.datasette(seeds_db)
    name = seeds_db.stem
    r = _get(ds, f"/{name}.json")
    assert {q["name"] for q in r.json()["queries"]} >= {"who_said", "pairs", "statement_search", "timeline"}
    who = _get(ds, f"/{name}/who_said.json?country=Kazakhstan&_shape=array").json()
    cli = as_json(run("who-said", "-c", "Kazakhstan", "--db", seeds_db, "--json", "--all"))
    assert [r["id"] for r in who] == [r["id"] for r in cli]
    pairs = _get(ds, f"/{name}/pairs.json?country=&_shape=array").json()
    cli_pairs = as_json(run("pairs", "--db", seeds_db, "--json", "--all"))
    assert [(p["a"], p["b"], p["count"]) for p in pairs] == [(p["a"], p["b"], p["count"]) for p in cli_pairs]
    found = _get(ds, f"/{name}/statement_search.json?query=alliance&_shape=array").json()
    assert found and all("allian" in r["text"].lower() for r in found)
    months = _get(ds, f"/{name}/timeline.json?country=Russia&_shape=array").json()
    cli_months = as_json(run("timeline", "-c", "Russia", "--db", seeds_db, "--json"))
    assert {m["month"]: m["statements"] for m in months} == {r["period"]: r["statements"] for r in cli_months
                                                             if r["statements"]}


def test_facets_and_hidden_tables(seeds_db):
    ds = browse.datasette(seeds_db)
    name = seeds_db.stem
    tables = _get(ds, f"/{name}.json").json()["tables"]
    hidden = {t["name"] for t in tables if t["hidden"]}
    assert {"_migrations", "segments", "pairs"} <= hidden
    assert {"statements", "documents", "comments", "actors"}.isdisjoint(hidden)
    facets = _get(ds, f"/{name}/statements.json?_size=0").json()["facet_results"]
    facets = facets.get("results", facets)  # datasette 0.6x and 1.0 shapes
    assert {"stance", "speaker_country", "source"} <= set(facets)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _default_hangup():
    """A child of a test run started under ``nohup`` inherits SIGHUP ignored; alliance's own behaviour on a hang-up is
    what the tests ask about, so the child starts with the default action, as from a terminal."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def _start(db, port):
    proc = subprocess.Popen([sys.executable, "-m", "alliancecli", "browse", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_default_hangup)
    deadline = time.monotonic() + 300  # datasette's start on a loaded machine
    while not _listening(port):
        if proc.poll() is not None:
            pytest.fail(f"browse ended early: {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("browse did not listen in time")
        time.sleep(0.2)
    return proc


def _kill_session(proc):
    """End whatever is left of the session the test started (alliance, and a server it may have left)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_the_server_ends_with_alliance(seeds_db, sig):
    port = _free_port()
    proc = _start(seeds_db, port)
    try:
        proc.send_signal(sig)  # only to alliance itself, not to its process group
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _listening(port), "the port is still taken after alliance ended"
    finally:
        _kill_session(proc)


def test_browse_in_a_browser(seeds_db):
    port = _free_port()
    proc = _start(seeds_db, port)
    try:
        with chromium() as driver:
            driver.get(f"http://127.0.0.1:{port}/{seeds_db.stem}")
            assert errors(driver) == []
            links = {a.text for a in driver.find_elements("css selector", "a")}
            assert {"Who said what about a country", "Search statements"} <= links
            assert "_migrations" not in links
            driver.find_element("link text", "Who said what about a country").click()
            box = driver.find_element("css selector", "input[name=country]")
            box.send_keys("Kazakhstan")
            box.submit()
            from selenium.webdriver.support.ui import WebDriverWait

            rows = WebDriverWait(driver, 300).until(  # the answer page, once it has loaded
                lambda d: d.find_elements("css selector", "table.rows-and-columns tbody tr"))
            cli = as_json(run("who-said", "-c", "Kazakhstan", "--db", seeds_db, "--json", "--all"))
            assert len(rows) == len(cli)
    finally:
        _kill_session(proc)
