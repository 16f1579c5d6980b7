"""The SPA's JavaScript download: what the first page load fetches, and every lazily loaded chunk.

  python bench/bundle.py [--build] [--budget-kb 200] [--check]

Reads the built SPA (frontend/dist; `--build` runs `npm run build` first). The initial download is
the entry script of index.html plus the chunks it preloads (`<link rel="modulepreload">`): that is
what a browser fetches before the first page renders. Every other chunk is a feature's route,
loaded on first visit. Sizes are raw and gzip -9 (what the server or a proxy sends compressed).
Prints one line per chunk and the initial total against the budget (default 200 KB compressed);
`--check` exits 1 when the initial total is over it. Figures only, no timing.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRONTEND = ROOT / "frontend"
DIST = FRONTEND / "dist"
KB = 1000  # the budget is in kB as browsers' and bundlers' reports print them

ENTRY = re.compile(r'<script[^>]*type="module"[^>]*src="([^"]+)"')
PRELOAD = re.compile(r'<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"')


@dataclass(frozen=True)
class Chunk:
    name: str
    raw: int
    gzip: int
    initial: bool


def initial_scripts(index_html: str) -> set[str]:
    """The scripts the first page load fetches: the entry module and its preloaded imports."""
    return {Path(src).name for src in ENTRY.findall(index_html) + PRELOAD.findall(index_html)}


def measure(dist: Path) -> list[Chunk]:
    initial = initial_scripts((dist / "index.html").read_text(encoding="utf-8"))
    chunks = []
    for path in sorted((dist / "assets").glob("*.js")):
        data = path.read_bytes()
        chunks.append(Chunk(path.name, len(data), len(gzip.compress(data, 9)), path.name in initial))
    return chunks


def report(chunks: list[Chunk], budget_kb: float) -> bool:
    """Print the table; True when the initial download is within the budget."""
    width = max((len(c.name) for c in chunks), default=10)
    print(f"{'chunk':<{width}}  {'raw kB':>9}  {'gzip kB':>9}  loaded")
    for c in sorted(chunks, key=lambda c: (not c.initial, -c.gzip)):
        when = "initial" if c.initial else "on demand"
        print(f"{c.name:<{width}}  {c.raw / KB:>9.1f}  {c.gzip / KB:>9.1f}  {when}")
    first = [c for c in chunks if c.initial]
    raw, packed = sum(c.raw for c in first), sum(c.gzip for c in first)
    lazy = [c for c in chunks if not c.initial]
    print()
    print(f"initial JavaScript: {len(first)} file(s), {raw / KB:.1f} kB raw, {packed / KB:.1f} kB gzip")
    print(
        f"on demand: {len(lazy)} chunk(s), {sum(c.gzip for c in lazy) / KB:.1f} kB gzip in all, "
        f"largest {max((c.gzip for c in lazy), default=0) / KB:.1f} kB"
    )
    within = packed <= budget_kb * KB
    verdict = "within" if within else "OVER"
    print(
        f"budget: {budget_kb:.0f} kB gzip for the initial download: {verdict} ({packed / (budget_kb * KB):.0%})"
    )
    return within


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--build", action="store_true", help="run `npm run build` in frontend/ first")
    parser.add_argument("--budget-kb", type=float, default=200.0, help="initial JavaScript budget, kB gzip")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when the initial download is over budget"
    )
    args = parser.parse_args()
    if args.build:
        subprocess.run(["npm", "run", "build"], cwd=FRONTEND, check=True)
    if not (DIST / "index.html").exists():
        print("frontend/dist is missing: run `npm run build` in frontend/ (or pass --build)", file=sys.stderr)
        return 2
    within = report(measure(DIST), args.budget_kb)
    return 1 if args.check and not within else 0


if __name__ == "__main__":
    sys.exit(main())
