"""``warta framing``: loaded language per outlet — own and attributed spans per 1,000
words by category, top terms, lexical choices — with bootstrap intervals and evidence.
A thin wrapper over ``warta.corpus.outlets``."""

from __future__ import annotations

import csv
import sys
from enum import Enum
from typing import Optional

import typer

from warta.cli.options import DbOption, command, iso_day
from warta.cli.safe import Table, fail, json_text, out, safe


class By(str, Enum):
    outlet = "outlet"


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _ci(r, digits: int = 2) -> str:
    return f"{r.value:.{digits}f} [{r.low:.{digits}f}–{r.high:.{digits}f}]"


def _choice(c) -> str:
    """A lexical choice's share with its interval and counts; none when the outlet never
    named the referent (a 0.000 [0.000–0.000] (0/0) read as a measured zero)."""
    if not c.base:
        return "nothing to measure"
    return f"{_ci(c, 3)} ({c.count}/{c.base})"


def _print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    t = Table(title=safe(title))
    for k, col in enumerate(columns):
        t.add_column(col, justify="left" if k == 0 else "right")
    for row in rows:
        t.add_row(*row)
    out.print(t)


def _tables(profs) -> None:
    from warta.framing.lexicon import CATEGORIES

    _print_table("Loaded spans per 1,000 words (bootstrap 95% interval over articles)",
                 ["outlet", "articles", "words", "all", "own", "attributed"],
                 [[p.outlet, str(p.articles), str(p.words), _ci(p.rates["all"]), _ci(p.rates["own"]),
                   _ci(p.rates["attributed"])] for p in profs])
    _print_table("By category, per 1,000 words: own / attributed", ["outlet", *CATEGORIES],
                 [[p.outlet, *(f"{_ci(p.rates['own:' + c])} / {_ci(p.rates['attributed:' + c])}" for c in CATEGORIES)]
                  for p in profs])
    referents = list(profs[0].choices) if profs else []
    _print_table("Lexical choices: share of the loaded wording for one referent", ["outlet", *referents],
                 [[p.outlet, *(_choice(p.choices[r]) for r in referents)]
                  for p in profs])
    _print_table("Top terms", ["outlet", "terms (count)"],
                 [[p.outlet, ", ".join(f"{term} ({n})" for term, n in p.top_terms)] for p in profs])
    out.print("Evidence (article id, field, offsets of every span counted): --format jsonl")


def _story_rows(store) -> list[dict]:
    try:
        return store.story_rows()
    except NotImplementedError:   # a backend without stories: cluster on the fly
        return []


def _story(view: dict, fmt: Format) -> None:
    if fmt is Format.jsonl:
        sys.stdout.write(json_text(view) + "\n")
        return
    if fmt is Format.csv:
        w = csv.writer(sys.stdout)
        w.writerow(["outlet", "article_id", "published", "title", "term", "category", "attributed", "field", "start", "end"])
        for outlet, arts in view["outlets"].items():
            for a in arts:
                for t in a["terms"] or [{}]:
                    w.writerow([outlet, a["article_id"], a["published"], a["title"], t.get("text"), t.get("category"),
                                t.get("attributed"), t.get("field"), t.get("start"), t.get("end")])
        return
    rows = []
    for outlet, arts in view["outlets"].items():
        for a in arts:
            terms = ", ".join(f"{t['text']} ({t['category'].split('_')[0]}{', attr.' if t['attributed'] else ''})"
                              for t in a["terms"]) or "—"
            rows.append([outlet, (a["published"] or "")[:10], a["title"] or a["article_id"], terms])
    _print_table(f"Story {view['story']}: {view['articles']} articles", ["outlet", "published", "headline",
                                                                             "loaded terms"], rows)


def _csv(records) -> None:
    w = csv.writer(sys.stdout)
    w.writerow(["outlet", "measure", "count", "base", "value", "low", "high", "evidence"])
    for rec in records:
        for group, key in (("per_1000_words", "per_1000_words"), ("lexical_choice", "lexical_choices")):
            for name, r in rec[key].items():
                ev = ";".join(f"{a}:{f}:{s}-{e}" for a, f, s, e, _ in r["evidence"])
                w.writerow([rec["outlet"], f"{group}:{name}", r["count"], r["base"], r["value"], r["low"], r["high"], ev])


@command("framing")
def framing(
    by: By = typer.Option(By.outlet, "--by", help="Group the profile by outlet."),
    since: Optional[str] = typer.Option(None, "--since", callback=iso_day, help="Only articles published on or after (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", callback=iso_day, help="Only articles published on or before (YYYY-MM-DD)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl (with evidence) or csv."),
    story: Optional[str] = typer.Option(None, "--story", help="A story id (warta stories), or an article id: its "
                                                               "story's headlines and loaded terms, outlet by outlet."),
    top: int = typer.Option(10, "--top", help="Top terms per outlet."),
    db: Optional[str] = DbOption,
) -> None:
    """Per outlet: loaded spans per 1,000 words (own / attributed, by category), top
    terms, and lexical choices ("Zionis" where others say "Israel", "agresi" where others
    say "serangan", "syahid"/"gugur" where others say "tewas"), each with a bootstrap 95%
    interval; every figure's spans (article ids, offsets) with --format jsonl or csv."""
    from warta.corpus import outlets
    from warta.cli.db import store_for

    with store_for(db) as store:
        chosen = [a for a in store.articles() if outlets.in_period(a, since, until)]
        memberships = _story_rows(store) if story else []
    if story:
        stored = {r["article_id"] for r in memberships if str(r["story_id"]) == story}
        try:
            members = [a for a in chosen if a.id in stored] if stored else outlets.story_of_article(chosen, story)
        except KeyError as exc:
            raise fail(f"no story {story!r} and {exc.args[0]}")
        _story(outlets.story_side_by_side(members, story), fmt)
        return
    profs = outlets.profiles(chosen, top=top)
    if fmt is Format.table:
        _tables(profs)
    elif fmt is Format.jsonl:
        for rec in outlets.to_records(profs):
            sys.stdout.write(json_text(rec) + "\n")
    else:
        _csv(outlets.to_records(profs))
