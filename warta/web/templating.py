"""The Jinja environment of every page (routes) and of the stored article fragments
(article_page). Autoescape is on for every template: article text and metadata are hostile."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader

from warta.web import render

TEMPLATES = Path(__file__).parent / "templates"
# auto_reload off: the templates ship with the package, and checking each file's mtime on
# every page was ~1% of a page's CPU.
env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                  auto_reload=False)
env.filters["q"] = lambda value: quote(str(value), safe="")
env.filters["num"] = lambda v: "-" if v is None else (f"{v:,.0f}".replace(",", ".") if float(v).is_integer() else f"{v:g}")
env.globals["safe_url"] = render.safe_url
env.globals["entity_href"] = render.entity_href
