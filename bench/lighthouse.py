"""Lighthouse on the public site (issue #16): the front page and a goal page, mobile configuration.

    .venv/bin/python bench/lighthouse.py

Lighthouse 12.2.3 (pinned exactly in bench/lighthouse/package.json; Node 20 needs this major) is
installed there on first use with `npm ci`, kept apart from the SPA so CI installs stay small. It
drives Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium); no browser is downloaded.
Lighthouse's default run is the mobile one (a phone's screen, simulated slow 4G and CPU).
The server is `sammen serve` with one worker on a freshly seeded SQLite database.

Targets: accessibility 100, performance ≥ 95, best practices ≥ 95, SEO ≥ 95.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from pathlib import Path

from common import ROOT, free_port, load_average, place, sammen, seed

HERE = Path(__file__).resolve().parent / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
CATEGORIES = (("performance", 95), ("accessibility", 100), ("best-practices", 95), ("seo", 95))
PAGES = (("front page", "/offentlig/"), ("goal page", "/offentlig/maal/2"))


def lighthouse() -> Path:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE, check=True)
    return binary


def scores(binary: Path, url: str) -> dict[str, float]:
    out = subprocess.run(
        [str(binary), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={FLAGS}", "--output=json",
         "--output-path=stdout", "--quiet", "--only-categories=" + ",".join(c for c, _ in CATEGORIES)],
        capture_output=True, text=True, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
    ).stdout  # fmt: skip
    report = json.loads(out)
    found = {name: float(report["categories"][name]["score"] or 0) * 100 for name, _ in CATEGORIES}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    if failing:
        print(f"  {url}: audits not passed: {', '.join(sorted(failing))}")
    metrics = (
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
        "speed-index",
    )
    print(f"  {url}: " + ", ".join(f"{m} {report['audits'][m]['displayValue']}" for m in metrics))
    return found


def main() -> None:
    binary = lighthouse()
    with place(postgres=False) as where:
        asyncio.run(seed(where.url))
        port = free_port()
        app = sammen(where, port)
        try:
            print(
                f"load average: {load_average()}  (Lighthouse {json.loads((HERE / 'package.json').read_text())['devDependencies']['lighthouse']}, {CHROMIUM})"
            )
            print(f"{'':12} " + " ".join(f"{name:>15}" for name, _ in CATEGORIES))
            for label, path in PAGES:
                found = scores(binary, f"http://127.0.0.1:{port}{path}")
                print(f"{label:12} " + " ".join(f"{found[name]:15.0f}" for name, _ in CATEGORIES))
            print(
                f"{'target':12} "
                + " ".join(f"{('= ' if t == 100 else '≥ ') + str(t):>15}" for _, t in CATEGORIES)
            )
        finally:
            app.stop()


if __name__ == "__main__":
    assert ROOT.exists()
    main()
