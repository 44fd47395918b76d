"""alliance report: the HTML page, checked as text and in a real (headless) browser."""
import html
import os
import re
import shutil
from pathlib import Path

import pytest

from browser import chromium, errors
from helpers import as_json, run

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def report_file(seeds_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run("report", out, "--db", seeds_db)
    assert result.exit_code == 0, result.output
    return out


def test_the_page_is_self_contained(report_file):
    page = report_file.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["'](https?:|//)""", page.replace('href="http', 'x'))  # only links to sources
    assert "<script" not in page and "<link" not in page
    assert page.count("<svg") == 2


def test_every_number_links_to_as_many_statements(report_file, seeds_db):
    page = report_file.read_text(encoding="utf-8")
    lists = {m.group(1): m.group(2) for m in re.finditer(r'<section class="evidence" id="(ev-\d+)">(.*?)</section>',
                                                          page, re.S)}
    links = re.findall(r'<a class="n[^"]*" href="#(ev-\d+)">(\d+)</a>', page)
    assert len(links) > 20
    for anchor, number in links:
        assert anchor in lists, anchor
        assert lists[anchor].count("<li data-statement=") == int(number)  # under the cap of 200
    # each listed statement is cited in full: document, offsets, and the text at those offsets
    rows = {r["id"]: r for r in as_json(run("statements", "--db", seeds_db, "--json", "--all"))}
    total = re.search(r'<a class="n" href="#ev-\d+">(\d+)</a> statements', page)
    assert int(total.group(1)) == len(rows)
    for sid, body in re.findall(r'<article class="statement" id="s-(\d+)">(.*?)</article>', page, re.S):
        r = rows[int(sid)]
        assert f"characters {r['start']}–{r['end']}" in body and f"document {r['document_id']}" in body
        assert html.escape(r["text"], quote=False) in body.replace("&#39;", "'").replace("&#34;", '"')


def test_the_report_in_a_browser(report_file):
    with chromium() as driver:
        driver.get(report_file.as_uri())
        assert driver.title == "Who said what about which alliance"
        assert errors(driver) == []
        for name, mark in (("network", "line"), ("timeline", "rect")):
            svg = driver.find_element("css selector", f"svg.{name}")
            assert svg.size["width"] > 200 and svg.size["height"] > 100, name
            assert svg.find_elements("css selector", mark), name
        # a number opens its statements
        link = driver.find_element("css selector", "#speakers a.n")
        number, anchor = int(link.text), link.get_attribute("href").split("#")[1]
        link.click()
        assert driver.current_url.endswith("#" + anchor)
        target = driver.find_element("css selector", ":target")
        assert target.get_attribute("id") == anchor and target.is_displayed()
        assert len(target.find_elements("css selector", "li")) == number
        # a statement in it opens with its document and offsets
        target.find_element("css selector", "li a").click()
        cited = driver.find_element("css selector", ":target")
        assert cited.tag_name == "article" and re.search(r"characters \d+–\d+", cited.text)
        # an edge of the network opens its statements too
        driver.execute_script("window.scrollTo(0, 0)")
        edge = driver.find_element("css selector", "svg.network a.edge")
        driver.execute_script("arguments[0].scrollIntoView()", edge)
        href = edge.get_dom_attribute("href")  # an SVG link: the attribute as written, "#ev-N"
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edge)
        assert driver.current_url.endswith("#" + href.split("#")[1])
        assert errors(driver) == []
        driver.set_window_size(1200, 2600)  # the ingest table, the speakers, targets and network in one picture
        driver.get(report_file.as_uri())
        shot = report_file.with_suffix(".png")
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("ALLIANCE_SCREENSHOTS"):  # make screenshots: keep it for the README
            shutil.copy(shot, DOCS / "report.png")
