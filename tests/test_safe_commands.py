"""Issue 10: every command that prints text from an article shows it, never lets the
terminal or rich interpret it. One store holds articles whose title, text, outlet and
annotations carry ANSI/OSC escape sequences, a BEL, bidi overrides and rich markup; each
command's output must contain none of those characters and show the markup literally."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from warta.cli.app import app
from warta.model import Article, DateMention, Entity, Figure, Framing, Quote

# An OSC 8 hyperlink, a colour, a BEL, a right-to-left override, and rich markup that would
# close a tag that is not open ("[/]" raised MarkupError) or make a link the author chose.
EVIL = "[/] [link=http://evil.example]klik[/link] \x1b]8;;http://x\x07\x1b[31mmerah\u202egnilam [bold]"
FORBIDDEN = ("\x1b", "\x07", "\u202e", "\x9b")


def _article(n: int) -> Article:
    title = f"Serangan di Gaza {n} {EVIL}"
    name = "Juru\x1b[1m Bicara[/]"
    said = f"Kami {EVIL} menolak"
    body = (f"{name} mengatakan \"{said}\". Sedikitnya 40 orang\u202e tewas di Gaza {EVIL}. "
            f"Peristiwa itu terjadi pada 7 Oktober 2023.")
    at = lambda s: (body.index(s), body.index(s) + len(s))  # noqa: E731
    return Article(
        id=f"evil{n}", source=f"evil\x1b[2J{n}.txt", title=title, outlet="Detik\x1b[31m[/]\u202e",
        published="2023-10-08", url="http://x/\x1b[0m", text=body, raw_text=body,
        entities=[Entity(text=name, start=at(name)[0], end=at(name)[1], label="PER", canonical="Juru Bicara",
                         role=f"Menteri {EVIL}"),
                  Entity(text="Gaza", start=at("Gaza")[0], end=at("Gaza")[1], label="LOC", canonical="Gaza")],
        quotes=[Quote(text=said, start=at(said)[0], end=at(said)[1], kind="direct", speaker=name,
                      cue="mengatakan\x1b[5m")],
        figures=[Figure(text="40 orang\u202e tewas", start=at("40")[0], end=at("40")[0] + 16, value=40,
                        qualifier="at_least", measure="killed", where="Gaza", group="orang",
                        source=f"Kemenkes {EVIL}", as_of="2023-10-08", scope="cumulative")],
        dates=[DateMention(text="7 Oktober 2023", start=at("7 Oktober")[0], end=at("7 Oktober")[0] + 14,
                           value="2023-10-07")],
        framing=[Framing(text="tewas", start=at("tewas")[0], end=at("tewas")[1], category="atrocity_term")],
    )


@pytest.fixture(scope="module")
def evil_db(tmp_path_factory) -> str:
    from warta.store.sqlite import SQLiteStore

    db = str(tmp_path_factory.mktemp("evil") / "w.db")
    with SQLiteStore(db) as store:
        store.save([_article(1), _article(2)])
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "stories", "rebuild"]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "follow", "outlet", "Detik\x1b[31m[/]\u202e"]).exit_code == 0
    return db


COMMANDS = [
    ["list"], ["show", "evil1"], ["search", "Gaza"], ["quotes"], ["entities"], ["entity", "Juru Bicara"],
    ["figures"], ["figures", "--check"], ["stories"], ["timeline", "--where", "Gaza"], ["watch", "--peek"],
    ["watch", "--list"], ["framing"], ["framing", "--story", "evil1"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_command_shows_hostile_text_inert(evil_db, command):
    result = CliRunner().invoke(app, ["--db", evil_db, *command])
    assert result.exit_code == 0, (result.output, result.exception)
    output = result.output
    for ch in FORBIDDEN:
        assert ch not in output, f"{ch!r} reached the terminal in `warta {' '.join(command)}`"
    flat = "".join(output.split())
    if command[0] not in ("entities", "watch", "framing", "figures") or command[-1] == "evil1":
        # the markup of the title, text or quote is printed as the characters it is
        assert "[link=http://evil.example]" in flat, output


def test_story_shows_hostile_text_inert(evil_db):
    runner = CliRunner()
    listed = runner.invoke(app, ["--db", evil_db, "stories", "--format", "jsonl"])
    story_id = json.loads(listed.output.splitlines()[0])["id"]
    result = runner.invoke(app, ["--db", evil_db, "story", str(story_id)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert not any(ch in result.output for ch in FORBIDDEN)
    assert "[link=http://evil.example]" in "".join(result.output.split())


def test_show_makes_every_metadata_field_visible(evil_db):
    result = CliRunner().invoke(app, ["--db", evil_db, "show", "evil1"])
    flat = "".join(result.output.split())
    assert "Detik␛[31m[/]\\u202e" in flat          # the outlet, escape shown as ␛
    assert "evil␛[2J1.txt" in flat                 # the source path
