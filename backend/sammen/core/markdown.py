"""A small, safe Markdown renderer for texts partners write (initiative descriptions, report sections).

Everything is HTML-escaped first, so no tag or attribute from the text survives; then a
limited Markdown subset is turned into HTML: paragraphs, headings (#..###), bullet and
numbered lists, **bold**, *italic*, `code` and [links](https://...) whose target is
http(s) or mailto (any other scheme is shown as plain text). Links get rel="noopener
nofollow". This is enough for descriptions and report texts and keeps scripts out by construction.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")
_CODE = re.compile(r"`([^`\n]+)`")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _link(match: re.Match[str]) -> str:
    text, target = match.group(1), match.group(2)
    plain = html.unescape(target)
    if not plain.lower().startswith(_SAFE_SCHEMES):
        return match.group(0)
    return f'<a href="{html.escape(plain, quote=True)}" rel="noopener nofollow">{text}</a>'


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=True)
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(match.group(1))
        return f"\x00{len(codes) - 1}\x00"

    escaped = _CODE.sub(keep_code, escaped)
    escaped = _LINK.sub(_link, escaped)
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    escaped = _ITALIC.sub(r"<em>\1</em>", escaped)
    return re.sub(r"\x00(\d+)\x00", lambda m: f"<code>{codes[int(m.group(1))]}</code>", escaped)


def render(text: str | None) -> str | None:
    if text is None:
        return None
    # NUL marks the renderer's own placeholders; input refuses it, but older rows may hold one.
    text = text.replace("\x00", "\ufffd")
    out: list[str] = []
    paragraph: list[str] = []
    list_tag: str | None = None

    def flush_paragraph() -> None:
        if paragraph:
            out.append("<p>" + "<br>\n".join(_inline(p) for p in paragraph) + "</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_tag
        if list_tag:
            out.append(f"</{list_tag}>")
            list_tag = None

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        bullet = re.match(r"^\s*[-*+]\s+(.*)$", line)
        numbered = re.match(r"^\s*\d+[.)]\s+(.*)$", line)
        if not line.strip():
            flush_paragraph()
            close_list()
        elif heading:
            flush_paragraph()
            close_list()
            level = len(heading.group(1)) + 2  # h3..h5 inside a page
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet or numbered:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag != tag:
                close_list()
                out.append(f"<{tag}>")
                list_tag = tag
            item = (bullet or numbered).group(1)  # type: ignore[union-attr]
            out.append(f"<li>{_inline(item)}</li>")
        else:
            close_list()
            paragraph.append(line.strip())
    flush_paragraph()
    close_list()
    return "\n".join(out)
