"""``warta quotes``: who said what — the stored quotes as a table, optionally one
speaker's or only public figures'."""

from __future__ import annotations

from enum import Enum
from typing import Iterator, Optional

import typer

from warta.cli.options import DbOption, chosen_db, command
from warta.cli.safe import Table, fail, out, say
from warta.cli.common import article_info
from warta.model import Quote



class Standing(str, Enum):
    public_figure = "public_figure"
    member_of_public = "member_of_public"


def quotes_from_store(db: Optional[str], speaker: Optional[str],
                      standing: Optional[str] = None) -> Iterator[tuple[dict, Quote]]:
    """(article info, quote) for every stored quote, filtered by speaker (case-insensitive)
    and speaker standing: ``warta.services.quotes``, as /api/quotes."""
    from warta import services
    from warta.cli.db import store_for

    with store_for(db) as store:
        for row in services.quotes(store, speaker, standing, limit=None).items:
            yield article_info(row), services.quote_model(row)


@command("quotes")
def quotes_command(
    speaker: Optional[str] = typer.Option(None, "--speaker", "-s", help="Only this speaker's quotes (canonical name, case-insensitive)."),
    standing: Optional[Standing] = typer.Option(None, "--standing", help="Only speakers introduced as public figures (officials, experts, organisations) or as members of the public."),
    db: Optional[str] = DbOption,
    limit: int = typer.Option(200, "--limit", help="Show at most this many quotes (0: all)."),
    width: int = typer.Option(160, "--width", help="Characters of each quote to show."),
) -> None:
    """Stored quotes, one row each: speaker, kind (direct/indirect), cue, the quoted words
    and the article they come from."""
    try:
        rows = quotes_from_store(chosen_db(db), speaker, standing.value if standing else None)
        table = Table(show_lines=False)
        for col in ("speaker", "standing", "kind", "cue", "quote", "article"):
            table.add_column(col, overflow="fold")
        n = 0
        for info, q in rows:
            if limit and n >= limit:
                break
            text = q.text if len(q.text) <= width else q.text[:width - 1] + "…"
            # The stored value, as --standing and the API take it (it printed "public" /
            # "citizen", words no option accepts); "-" when the speaker has none.
            table.add_row(q.speaker or "?", q.speaker_standing or "-",
                          q.kind, q.cue or "", text, str(info.get("title") or info.get("id") or ""))
            n += 1
    except (OSError, ValueError) as exc:
        raise fail(str(exc), code=1)
    if not n:
        say("no quotes" + (f" by {speaker!r}" if speaker else "")
            + (f" by a {standing.value}" if standing else "") + " in the store")
        return
    out.print(table)
    say(f"{n} quote(s)" + (f" by {speaker}" if speaker else ""))
