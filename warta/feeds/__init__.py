"""Atom and JSON Feed 1.1 documents for a list of articles (a watchlist, a search, an
entity, an outlet). Atom is written by feedgen; JSON Feed is a plain JSON document."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional
from urllib.parse import quote

# Characters XML 1.0 cannot carry (control characters other than tab and newlines,
# surrogates, U+FFFE/U+FFFF): dropped from Atom text, since scraped text and queries have them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Optional[str]) -> Optional[str]:
    return _NOT_XML.sub("", value) if value else value


JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def entry_date(row: dict) -> dt.datetime:
    """The article's publication time (UTC when no zone is given), else when it was stored."""
    for value in (row.get("published"), row.get("ingested_at")):
        if not value:
            continue
        try:
            when = dt.datetime.fromisoformat(value if "T" in value or " " in value else value + "T00:00:00")
        except ValueError:
            continue
        return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def article_page(base_url: str, article_id: str) -> str:
    return f"{base_url.rstrip('/')}/articles/{quote(article_id, safe='')}"


def is_web_url(url: Optional[str]) -> bool:
    """Only http(s) links leave warta (never javascript:, data:, file: ...)."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _summary(row: dict) -> str:
    return (row.get("snippet") or "").replace("**", "").strip()


def atom(title: str, feed_url: str, page_url: str, base_url: str, rows: list[dict]) -> bytes:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    feed_url, page_url, title = xml_text(feed_url), xml_text(page_url), xml_text(title)
    fg.id(feed_url)
    fg.title(title)
    fg.link(href=feed_url, rel="self")
    fg.link(href=page_url, rel="alternate")
    fg.generator("warta")
    fg.language("id")
    dates = [entry_date(r) for r in rows]
    fg.updated(max(dates) if dates else dt.datetime.now(dt.timezone.utc))
    for row, when in zip(reversed(rows), reversed(dates)):  # feedgen prepends: keep newest first
        entry = fg.add_entry()
        link = xml_text(article_page(base_url, row["id"]))
        entry.id(link)
        entry.title(xml_text(row.get("title") or row["id"]))
        entry.link(href=link, rel="alternate")
        # Only the warta page as link: readers open an entry's first link, which must be
        # the annotated page (the original URL is one click away there, and in JSON Feed).
        entry.updated(when)
        entry.published(when)
        entry.summary(xml_text(_summary(row)) or None)
        if row.get("outlet"):
            entry.author(name=xml_text(row["outlet"]))
    return fg.atom_str(pretty=True)


def json_feed(title: str, feed_url: str, page_url: str, base_url: str, rows: list[dict],
              description: Optional[str] = None) -> dict:
    items = []
    for row in rows:
        link = article_page(base_url, row["id"])
        item = {"id": link, "url": link, "title": row.get("title") or row["id"],
                "content_text": _summary(row), "date_published": entry_date(row).isoformat()}
        if is_web_url(row.get("url")):
            item["external_url"] = row["url"]
        if row.get("outlet"):
            item["authors"] = [{"name": row["outlet"]}]
        items.append(item)
    feed = {"version": JSON_FEED_VERSION, "title": title, "home_page_url": page_url, "feed_url": feed_url,
            "language": "id", "items": items}
    if description:
        feed["description"] = description
    return feed
