"""Build the public site's stylesheet: the rules of Det Fælles Designsystem the pages use, then
the site's own layout (backend/sammen/public/site.css), into backend/sammen/public/static/public.css.

dkfds ships one compiled stylesheet (212 KB, 30 KB gzipped); a public page needs a fraction of it.
A rule is kept when every class it names occurs as a word in the templates or in site.css (element
selectors are kept as they are), so nothing the pages use is lost. Fonts: IBM Plex Sans as woff2 in
the three weights the pages use, copied beside the stylesheet.

Run after changing a template's classes or upgrading dkfds:
    .venv/bin/python scripts/public-css.py
tests/public/test_assets.py checks that the committed file is what this script builds.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DKFDS = ROOT / "frontend" / "node_modules" / "dkfds" / "dist"
PUBLIC = ROOT / "backend" / "sammen" / "public"
OUT = PUBLIC / "static" / "public.css"
FONTS = {400: "IBMPlexSans-Regular.woff2", 600: "IBMPlexSans-SemiBold.woff2", 700: "IBMPlexSans-Bold.woff2"}
CLASS = re.compile(r"\.((?:[A-Za-z0-9_-]|\\.)+)")


def used_words() -> set[str]:
    words: set[str] = set()
    for path in [*(PUBLIC / "templates").glob("*.j2"), PUBLIC / "site.css", PUBLIC / "charts.py"]:
        words |= set(re.findall(r"[A-Za-z0-9_-]+", path.read_text(encoding="utf-8")))
    return words


def blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a stylesheet, nested blocks kept whole in the body."""
    out: list[tuple[str, str]] = []
    i, depth, start, prelude = 0, 0, 0, ""
    while i < len(css):
        c = css[i]
        if c == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((prelude, css[start:i]))
                start = i + 1
        elif c == ";" and depth == 0:  # @charset and the like
            start = i + 1
        i += 1
    return out


def keep_selector(selector: str, words: set[str]) -> bool:
    return all(name.replace("\\", "") in words for name in CLASS.findall(selector))


def prune(css: str, words: set[str]) -> str:
    kept: list[str] = []
    for prelude, body in blocks(css):
        if prelude.startswith("@font-face"):
            continue  # replaced by our own, pointing at the woff2 files we serve
        if prelude.startswith(("@media", "@supports")):
            inner = prune(body, words)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")  # keyframes etc.
        else:
            selectors = [s for s in prelude.split(",") if keep_selector(s, words)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def font_faces() -> str:
    """`optional`, not dkfds's `swap`: a font that is not there at first paint is not swapped in later,
    so text never jumps (layout shift); once cached it is used from the next page on."""
    return "".join(
        "@font-face{font-display:optional;font-family:IBM Plex Sans;font-style:normal;"
        f'font-weight:{weight};src:url(fonts/{name}) format("woff2")}}'
        for weight, name in FONTS.items()
    )


def build() -> str:
    source = (DKFDS / "css" / "dkfds.min.css").read_text(encoding="utf-8")
    own = (PUBLIC / "site.css").read_text(encoding="utf-8")
    header = (
        "/* Det Fælles Designsystem (dkfds, MIT), only the rules these pages use; then the site's own. */\n"
    )
    return header + font_faces() + prune(source, used_words()) + "\n" + own


def main() -> int:
    css = build()
    if "--check" in sys.argv:
        return 0 if OUT.read_text(encoding="utf-8") == css else 1
    OUT.write_text(css, encoding="utf-8")
    (OUT.parent / "fonts").mkdir(exist_ok=True)
    for name in FONTS.values():
        shutil.copyfile(
            DKFDS / "fonts" / "IBMPlexSans" / "complete" / "woff2" / name, OUT.parent / "fonts" / name
        )
    shutil.copyfile(
        DKFDS / "fonts" / "IBMPlexSans" / "complete" / "woff2" / "license.txt",
        OUT.parent / "fonts" / "LICENSE.txt",
    )
    print(f"{OUT.relative_to(ROOT)}: {len(css):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
