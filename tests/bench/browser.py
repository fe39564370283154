"""Page weight and search time in Debian's Chromium (not a test: figures to read).

    python tests/bench/browser.py [BUILT_SITE]    (default: _build/html)

Serves the built site on 127.0.0.1, loads one page of each type with the cache disabled, and
prints the bytes transferred (HTML, CSS, JS, other) and the time until the search page shows
results, over HTTP and from file://. With --lighthouse it also runs Lighthouse (from the npm
registry, driving the same Chromium) on the overview page and prints its four scores.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PAGES = {
    "overview": "docs/index.html",
    "theme page": "docs/themes/cold-war.html",
    "timeline": "docs/timeline.html",
    "disputes": "docs/disputes.html",
    "source page": "sources/shaukat-2018-secret-strategy.html",
    "search page": "search.html",
}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def weigh(page, url: str) -> dict[str, int]:
    sizes: dict[str, int] = {}

    def count(response) -> None:
        kind = response.request.resource_type
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            size = 0
        sizes[kind] = sizes.get(kind, 0) + size

    page.on("response", count)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", count)
    return sizes


def search_time(page, base: str, term: str) -> float:
    start = time.perf_counter()
    page.goto(f"{base}/search.html?q={term}")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=30_000)
    return time.perf_counter() - start


def lighthouse(url: str) -> dict[str, float] | None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = ["npx", "--yes", "lighthouse@12", url, "--quiet", "--output=json", f"--output-path={out}",
               "--chrome-flags=--headless=new " + " ".join(ARGS)]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        if result.returncode != 0 or not out.exists():
            print("Lighthouse did not run:", (result.stderr or result.stdout).strip().splitlines()[-1:])
            return None
        report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(cat["score"] * 100) for name, cat in report["categories"].items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--lighthouse", action="store_true")
    args = parser.parse_args()
    site = Path(args.site).resolve()
    if not (site / "search.html").exists():
        sys.exit(f"no built site in {site}: run `make html` first")
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_())  # no cache: every byte counted
        print(f"{'page type':14} {'total KB':>9} {'HTML KB':>8} {'CSS KB':>7} {'JS KB':>7} {'other KB':>9}")
        for name, rel in PAGES.items():
            sizes = weigh(page, f"{base}/{rel}")
            total = sum(sizes.values())
            other = total - sizes.get("document", 0) - sizes.get("stylesheet", 0) - sizes.get("script", 0)
            print(f"{name:14} {total / 1024:9.1f} {sizes.get('document', 0) / 1024:8.1f}"
                  f" {sizes.get('stylesheet', 0) / 1024:7.1f} {sizes.get('script', 0) / 1024:7.1f}"
                  f" {other / 1024:9.1f}")  # fmt: skip
        for label, where in (("HTTP", base), ("file://", site.as_uri())):
            times = sorted(search_time(page, where, term) for term in ("Badaber", "Chebarkul", "Gwadar"))
            print(f"search to first snippet, {label:8}: median {times[1]:.2f} s (min {times[0]:.2f} s)")
        browser.close()
    if args.lighthouse:
        scores = lighthouse(f"{base}/docs/index.html")
        if scores:
            print("Lighthouse:", ", ".join(f"{k} {v}" for k, v in scores.items()))
    httpd.shutdown()


if __name__ == "__main__":
    main()
