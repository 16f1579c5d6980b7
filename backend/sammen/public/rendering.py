"""Rendering public pages: the Jinja2 environment, its filters, and where the site lives."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sammen.core.clock import COPENHAGEN
from sammen.core.config import Settings
from sammen.public import texts
from sammen.public.charts import number

HERE = Path(__file__).parent
STATIC = HERE / "static"

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(("html", "xml", "j2")),
    trim_blocks=True,
    lstrip_blocks=True,
)


def long_date(value: dt.date | dt.datetime | str | None, lang: str) -> str:
    """12. marts 2025 / 12 March 2025 (a moment: its Copenhagen day). JSON's ISO text is read too."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.astimezone(COPENHAGEN).date()
    month = texts.MONTHS["da" if lang == "da" else "en"][value.month - 1]
    return f"{value.day}. {month} {value.year}" if lang == "da" else f"{value.day} {month} {value.year}"


def clock_time(value: dt.datetime, lang: str) -> str:
    local = value.astimezone(COPENHAGEN)
    return f"kl. {local:%H.%M}" if lang == "da" else f"at {local:%H:%M}"


env.filters["long_date"] = long_date
env.filters["clock_time"] = clock_time
env.filters["number"] = number
env.globals["path_of"] = texts.path_of


def _asset_version(name: str) -> str:
    return hashlib.blake2b((STATIC / name).read_bytes(), digest_size=6).hexdigest()


CSS_NAME = "public.css"
CSS_VERSION = _asset_version(CSS_NAME)
env.globals["css_href"] = f"{texts.PREFIX['da']}/static/{CSS_NAME}?v={CSS_VERSION}"


def base_url(request: Request, settings: Settings) -> str:
    """Where the site lives, for canonical links, feeds and the sitemap: PUBLIC_BASE_URL when set
    (always in production behind a shared cache), else the address the request came to."""
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/")
    return str(request.base_url).rstrip("/")


def render(template: str, **context: Any) -> str:
    return env.get_template(template).render(**context)
