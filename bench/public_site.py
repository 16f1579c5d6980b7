"""The public site under load and on the wire (issue #16).

    .venv/bin/python bench/public_site.py [--postgres] [--duration 8] [--rounds 3]

A goal page (/offentlig/maal/2: chart, tables, initiatives) served by `sammen serve` with one
worker, anonymous as residents are, under wrk -t2 -c32, against the limit app's /items-db
(/items-pg with --postgres) in the same run; rounds alternate and medians are printed. Also the
same page revalidated by a cache (If-None-Match, 304), the page rendered for every request
(PUBLIC_CACHE_SECONDS=0: what the process's page cache saves), and what a browser transfers for a goal
page and the front page: the HTML and the stylesheet gzipped, no JavaScript, fonts apart.

Targets: goal page ≥ 0.5× the limit app; HTML + CSS + JS ≤ 100 KB compressed, fonts aside.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import re
import statistics
import urllib.request

from common import free_port, limit_app, load_average, place, sammen, seed, wrk

GZIP = {"Accept-Encoding": "gzip"}


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[bytes, dict[str, str]]:
    """The body as sent, and the headers by lower-case name."""
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), {k.lower(): v for k, v in response.headers.items()}


def transfer(base: str, path: str) -> dict[str, int]:
    """Bytes on the wire for one visit: the page and every stylesheet, script and font it names."""
    body, headers = fetch(base + path, GZIP)
    html = gzip.decompress(body).decode() if headers.get("content-encoding") == "gzip" else body.decode()
    sizes = {"html": len(body), "css": 0, "js": 0, "fonts": 0}
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
        css, css_headers = fetch(base + href, GZIP)
        sizes["css"] += len(css)
        text = (
            gzip.decompress(css).decode() if css_headers.get("content-encoding") == "gzip" else css.decode()
        )
        folder = href.split("?")[0].rsplit("/", 1)[0]
        for font in set(re.findall(r"url\((fonts/[^)]+)\)", text)):
            sizes["fonts"] += len(fetch(f"{base}{folder}/{font}")[0])
    for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
        sizes["js"] += len(fetch(base + src, GZIP)[0])
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with place(args.postgres) as where:
        asyncio.run(seed(where.url))
        app_port, limit_port, raw_port = free_port(), free_port(), free_port()
        app = sammen(where, app_port)
        uncached = sammen(where, raw_port, env_extra={"PUBLIC_CACHE_SECONDS": "0"})
        limit, limit_token = limit_app(where, limit_port)
        try:
            base = f"http://127.0.0.1:{app_port}"
            goal = f"{base}/offentlig/maal/2"
            _, first = fetch(goal, GZIP)
            reference = f"http://127.0.0.1:{limit_port}/items-{'pg' if args.postgres else 'db'}"
            runs: dict[str, list[dict[str, float]]] = {"limit": [], "goal": [], "goal-304": [], "render": []}
            print(f"load average before: {load_average()}")
            for _ in range(args.rounds):
                runs["limit"].append(wrk(reference, limit_token, args.duration))
                runs["goal"].append(wrk(goal, None, args.duration, headers=GZIP))
                runs["goal-304"].append(
                    wrk(goal, None, args.duration, headers={**GZIP, "If-None-Match": first["etag"]})
                )
                rendered = f"http://127.0.0.1:{raw_port}/offentlig/maal/2"
                runs["render"].append(wrk(rendered, None, args.duration, headers=GZIP))
            print(f"load average after: {load_average()}")
            limit_rps = statistics.median(r["rps"] for r in runs["limit"])
            print(f"\n{'':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6}")
            for name, label in (("limit", reference.rsplit("/", 1)[1] + " (limit app)"),
                                ("goal", "goal page /offentlig/maal/2"),
                                ("goal-304", "goal page, If-None-Match (304)"),
                                ("render", "goal page, rendered every time")):  # fmt: skip
                rps = statistics.median(r["rps"] for r in runs[name])
                p50 = statistics.median(r["p50"] for r in runs[name])
                p99 = statistics.median(r["p99"] for r in runs[name])
                bad = sum(r["non2xx"] for r in runs[name])
                print(
                    f"{label:34} {rps:8.0f} {p50:8.1f} {p99:8.1f} {rps / limit_rps:6.2f}"
                    + (f"  non-2xx: {bad:.0f}" if bad and name != "goal-304" else "")
                )
            print("target: goal page ≥ 0.50× the limit app\n")
            for path in ("/offentlig/maal/2", "/offentlig/"):
                sizes = transfer(base, path)
                total = sizes["html"] + sizes["css"] + sizes["js"]
                print(f"{path}: HTML {sizes['html'] / 1000:.1f} KB + CSS {sizes['css'] / 1000:.1f} KB + JS "
                      f"{sizes['js'] / 1000:.1f} KB = {total / 1000:.1f} KB compressed (target ≤ 100 KB); "
                      f"fonts apart {sizes['fonts'] / 1000:.1f} KB")  # fmt: skip
        finally:
            app.stop()
            uncached.stop()
            limit.stop()


if __name__ == "__main__":
    main()
