"""The reading experience in a real browser: Debian's Chromium driven by Playwright.

Served over HTTP on 127.0.0.1 and opened from file://; every request that would leave
the machine is blocked and counted.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def external() -> list[str]:
    """Requests that tried to leave 127.0.0.1 / file:// (each is aborted)."""
    return []


@pytest.fixture
def page(browser, external):
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def guard(route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("file", "data", "blob") or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    yield pg
    context.close()
    assert external == [], f"requests left the machine: {external}"


@pytest.fixture(params=["http", "file"])
def base(request, server, site: Path) -> str:
    return server if request.param == "http" else site.as_uri()


def test_search_finds_a_theme_section_and_a_source_passage(page, base):
    page.goto(f"{base}/search.html?q=Badaber")
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    links = [a.get_attribute("href") for a in page.query_selector_all("#search-results ul.search li a")]
    assert any("docs/themes/" in h for h in links), links
    assert any("sources/khan-2018-thaw" in h for h in links), links


def test_tooltip_on_hover_and_on_keyboard_focus(page, base):
    page.goto(f"{base}/docs/themes/cold-war.html")
    marker = page.locator("a.src-cite").first
    tip = page.locator("#" + marker.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    marker.hover()
    assert tip.is_visible() and "“" in tip.inner_text()
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    marker.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('src-cite')")
    assert tip.is_visible()


def test_tooltips_stay_inside_the_reading_column(page, base):
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{base}/docs/themes/arms-trade.html")
        column = page.locator("article").bounding_box()
        for marker in page.locator("a.src-cite").all()[:12]:
            marker.scroll_into_view_if_needed()
            marker.hover()
            box = page.locator("#" + marker.get_attribute("aria-describedby")).bounding_box()
            assert box["x"] >= column["x"] - 1 and box["x"] + box["width"] <= column["x"] + column["width"] + 1, (
                width,
                marker.get_attribute("id"),
                box,
                column,
            )
            assert box["y"] >= 0, (width, marker.get_attribute("id"), box)


def test_following_a_citation_lands_on_highlighted_words_and_back(page, base):
    page.goto(f"{base}/docs/themes/cold-war.html")
    marker = page.locator("a.src-cite").nth(3)
    citeid = marker.get_attribute("id")
    quote = page.locator("#" + marker.get_attribute("aria-describedby") + " .cite-tip-quote").inner_text()
    marker.click()
    page.wait_for_load_state()
    assert "/sources/" in page.url and re.search(r"#q-\d+-\d+$", page.url)
    target = page.url.rsplit("#", 1)[1]
    words = page.locator(f".quoted.{target}").first
    assert words.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert " ".join(page.locator(f".quoted.{target}").all_inner_texts()).split() == quote.strip("“”").split()
    playwright.expect(words).to_be_in_viewport()  # retries while the page scrolls smoothly
    back = page.locator(f"#{target}").locator("xpath=ancestor::div[contains(@class,'passage')]")
    back.locator(f".cited-by a[href$='#{citeid}']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"cold-war.html#{citeid}")
    playwright.expect(page.locator(f"#{citeid}")).to_be_in_viewport()


@pytest.mark.parametrize(
    "path", ["docs/timeline.html", "docs/themes/arms-trade.html", "sources/shaukat-2018-secret-strategy.html"]
)
def test_no_horizontal_overflow_on_a_phone(browser, server, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    pg = context.new_page()
    pg.goto(f"{server}/{path}")
    width = pg.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375


def _contrast(page, selector: str) -> float:
    return page.locator(selector).first.evaluate(
        """e => {
          const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
          const lin = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
          const lum = c => { const v = c.map(lin); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
          let bg = null, n = e;
          while (n && !bg) { const c = getComputedStyle(n).backgroundColor;
                             if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') bg = c; n = n.parentElement; }
          const a = lum(rgb(getComputedStyle(e).color)), b = lum(rgb(bg || 'rgb(255,255,255)'));
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }"""
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_highlight_and_furniture_stay_readable(browser, server, theme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=theme)
    pg = context.new_page()
    pg.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    pg.goto(f"{server}/docs/themes/cold-war.html")
    href = pg.locator("a.src-cite").first.get_attribute("href")
    pg.goto(f"{server}/docs/themes/{href}")
    assert pg.evaluate("document.body.dataset.theme") == theme
    assert _contrast(pg, ".quoted.hl") >= 4.5
    pg.goto(f"{server}/sources/khan-2018-thaw.html")
    assert _contrast(pg, ".passage.furniture .passage-text") >= 4.5
    context.close()


def all_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_page_passes_axe_wcag_aa(page, server, site: Path):
    failures = {}
    for rel in all_pages(site):
        if rel == "index.html":
            continue  # the redirect to docs/index.html
        page.goto(f"{server}/{rel}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        )
        if result["violations"]:
            failures[rel] = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result["violations"]]
    assert failures == {}


def test_search_from_disk_shows_a_snippet_with_the_word(page, site: Path):
    page.goto(f"{site.as_uri()}/search.html?q=Chebarkul")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=15_000)
    snippets = [p.inner_text() for p in page.query_selector_all("#search-results ul.search li p.context")]
    assert any("Chebarkul" in s for s in snippets), snippets
    assert not any("[" in s and "]" in s and ", ," in s for s in snippets)  # no empty citation brackets


def test_snippets_from_disk_keep_blocks_apart(page, site: Path):
    # "Badaber" is in a source page's metadata, the overview, a theme and the timeline: every
    # kind of block boundary; none may run two sentences or fields together
    page.goto(f"{site.as_uri()}/search.html?q=Badaber")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=15_000)
    page.wait_for_timeout(500)
    snippets = [p.inner_text() for p in page.query_selector_all("#search-results ul.search li p.context")]
    assert len(snippets) >= 4, snippets
    assert not [s for s in snippets if re.search(r"[a-z]{2}[.”)]+[A-Z][a-z]|notesSome", s)], snippets


def test_only_the_search_page_loads_the_snippet_data(site: Path):
    assert "prcite-searchtext.js" in (site / "search.html").read_text(encoding="utf-8")
    for rel in ("docs/index.html", "docs/themes/cold-war.html", "sources/khan-2018-thaw.html"):
        assert "prcite-searchtext.js" not in (site / rel).read_text(encoding="utf-8")


def test_copy_a_citation_of_a_passage(browser, server):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    pg = context.new_page()
    pg.goto(f"{server}/sources/klasra-2017-looks-to-moscow.html")
    passage = pg.locator("#p-12")
    passage.hover()
    passage.get_by_role("button", name="Copy citation").click()
    expect_text = (
        "Kaswar Klasra, “Amid Discord With US, Pakistan Looks To Moscow”, The Media Line, 2017-10-13, paragraph 12."
    )
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(expect_text) and copied.endswith("sources/klasra-2017-looks-to-moscow.html#p-12")
    assert passage.locator(".copy-status").inner_text() == "Copied."
    passage.get_by_role("button", name="Copy BibTeX").click()
    bib = pg.evaluate("navigator.clipboard.readText()")
    assert bib.startswith("@misc{klasra-2017-p12,") and "author = {Kaswar Klasra}" in bib and "year = {2017}" in bib
    # the same control inside a citation tooltip, reached with the keyboard
    pg.goto(f"{server}/docs/themes/afghanistan.html")
    pg.locator("a.src-cite").first.focus()
    pg.keyboard.press("Tab")
    focused = pg.evaluate("document.activeElement.textContent")
    assert focused == "Copy citation"
    pg.keyboard.press("Enter")
    assert "paragraph" in pg.evaluate("navigator.clipboard.readText()")
    context.close()


def test_a_search_result_opens_its_page_with_the_words_highlighted(page, base):
    # the search's address carries the query, so it can be shared as it is
    page.goto(f"{base}/search.html?q=Badaber")
    page.wait_for_selector("#search-results ul.search li a", timeout=15_000)
    link = page.locator('#search-results ul.search li a[href*="sources/khan-2018-thaw"]').first
    link.click()
    page.wait_for_url("**/sources/khan-2018-thaw.html*")
    page.wait_for_selector("span.highlighted", timeout=10_000)
    marked = [el.inner_text() for el in page.query_selector_all("span.highlighted")]
    assert marked and all(text.lower() == "badaber" for text in marked), marked
    # a page opened from a shared link with ?highlight= marks the words too
    page.goto(f"{base}/docs/themes/cold-war.html?highlight=Tashkent")
    page.wait_for_selector("span.highlighted", timeout=10_000)
    assert "Tashkent" in page.locator("span.highlighted").first.inner_text()


def test_the_voice_shows_on_hover_and_focus_and_a_date_explains_itself(page, base):
    page.goto(f"{base}/docs/themes/cold-war.html")
    voiced = page.locator(".cite-tip-source", has_text="quoted in Kaswar Klasra").first
    marker = page.locator(f"#{voiced.locator('xpath=..').get_attribute('id').removeprefix('tip-')}")
    tip = page.locator("#" + marker.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    marker.hover()
    assert tip.is_visible() and "Mushahid Ullah Khan" in tip.inner_text()
    page.mouse.move(0, 0)
    marker.focus()
    assert tip.is_visible()
    page.goto(f"{base}/docs/themes/us-pressure.html")
    mark = page.locator(".resolved-date a.date-mark").first
    note = page.locator("#" + mark.get_attribute("aria-describedby"))
    assert not note.is_visible()
    mark.focus()
    assert note.is_visible() and note.inner_text().startswith("The text says “")
