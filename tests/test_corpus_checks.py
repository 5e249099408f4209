"""Official reference counts: the Tech For Palestine daily series, the ReferenceSource
protocol, and ``warta figures --check`` on the seed articles (no store needed)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from warta.corpus.checks import (DailyCasualtiesJSON, Official, ReferenceSource, check_figure,
                                    gaza_casualties)
from warta.model import Figure

D = dt.date


@pytest.fixture(scope="module")
def gaza() -> DailyCasualtiesJSON:
    return gaza_casualties(shared_path("data", "reference", "gaza-casualties", "casualties_daily.json"))


def test_gaza_daily_counts(gaza):
    assert isinstance(gaza, ReferenceSource)
    assert gaza.where == "Gaza"
    assert gaza.count(D(2023, 11, 20), "killed").value == 13300
    assert gaza.count(D(2023, 11, 20), "killed", "children").value == 5600
    assert gaza.count(D(2023, 11, 20), "killed", "women").value == 3550
    assert gaza.count(D(2023, 11, 20), "injured", "people").value == 31000
    official = gaza.count(D(2023, 10, 24), "killed", "Palestinians")  # a total under another name
    assert official.value == 5791 and official.source == "Gaza Ministry of Health"
    assert gaza.count(D(2023, 11, 20), "hostages") is None  # not in this series
    assert gaza.count(D(2019, 1, 1), "killed") is None  # before the series


def test_breakdown_not_reported_that_day_is_flagged_extrapolated(gaza):
    official = gaza.count(D(2024, 4, 1), "killed", "children")
    assert official is not None and official.extrapolated and official.field.startswith("ext_")


def test_check_finds_the_report_a_figure_quotes(gaza):
    fig = Figure(text="13.300 orang", start=0, end=12, value=13300, qualifier="at_least",
                 measure="killed", group="people", where="Gaza", as_of="2023-11-21", scope="cumulative")
    row = check_figure(fig, gaza)
    assert row.official.value == 14128 and row.difference == 13300 - 14128
    assert row.matching_report.report_date == D(2023, 11, 20)
    elsewhere = fig.model_copy(update={"where": "Rafah"})
    assert check_figure(elsewhere, gaza) is None  # not a Gaza-wide tally
    one_attack = fig.model_copy(update={"scope": "incident"})
    assert check_figure(one_attack, gaza) is None  # one attack's dead are no toll to compare
    unknown = fig.model_copy(update={"scope": None})
    assert check_figure(unknown, gaza) is None


def test_users_can_bring_another_source():
    class WeeklyOcha:
        name, where = "UN OCHA weekly (test)", "Tepi Barat"

        def count(self, date, measure, group=None):
            if measure == "killed" and group in (None, "people", "Palestinians"):
                return Official(500.0, date, "UN OCHA", "killed")
            return None

    from warta.corpus.checks import check_figures

    fig = Figure(text="510 warga Palestina", start=0, end=19, value=510, measure="killed",
                 group="Palestinians", where="Tepi Barat", as_of="2024-03-01", scope="cumulative")
    rows = check_figures([("a1", fig)], [WeeklyOcha()])
    assert len(rows) == 1 and rows[0].difference == 10 and rows[0].article_id == "a1"


def test_lebanon_series_in_the_same_layout():
    leb = DailyCasualtiesJSON(shared_path("data", "reference", "gaza-casualties", "lebanon_casualties_daily.json"),
                              where="Lebanon")
    first = leb.first_date
    assert leb.count(first, "killed") is not None


def test_bad_reference_file_gives_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        DailyCasualtiesJSON(tmp_path / "missing.json", where="Gaza")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        DailyCasualtiesJSON(bad, where="Gaza")
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps([{"report_date": "nonsense"}, {"report_date": "2024-01-01", "killed_cum": 5}]))
    assert DailyCasualtiesJSON(odd, where="Gaza").count(D(2024, 1, 1), "killed").value == 5


def test_cli_check_on_seed_inputs_without_a_store(tmp_path, monkeypatch):
    from warta.cli.app import app

    monkeypatch.setenv("WARTA_DB", str(tmp_path / "never-created.db"))
    reference = shared_path("data", "reference", "gaza-casualties", "casualties_daily.json")
    result = CliRunner().invoke(app, ["figures", "--check", "--input", str(shared_path("seeds")),
                                      "--reference", str(reference)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()

    def row_with(value: str) -> str:
        hits = [line for line in lines if value in line and "2023-11-21" in line]
        assert hits, f"{value} not checked:\n{result.output}"
        return hits[0]

    # The seed's four tallies beside the official counts of their date (2023-11-21).
    assert "14.128" in row_with("13.300") and "-828" in row_with("13.300")
    assert "5.840" in row_with("5.600")
    assert "3.920" in row_with("3.550")
    assert "33.000" in row_with("31.000")
    assert "2023-11-20" in row_with("13.300")  # the report the article quotes
    assert not (tmp_path / "never-created.db").exists()
    assert "only cumulative tolls" in result.output  # says what it compares


def test_cli_bad_inputs_and_missing_reference_exit_codes(tmp_path):
    from warta.cli.app import app

    runner = CliRunner()
    missing = str(tmp_path / "missing.txt")
    assert runner.invoke(app, ["figures", "--input", missing]).exit_code == 2
    partly = runner.invoke(app, ["figures", "--input", missing, "--input", str(shared_path("seeds"))])
    assert partly.exit_code == 1 and "13.300" in partly.output
    no_ref = runner.invoke(app, ["figures", "--check", "--input", str(shared_path("seeds")),
                                 "--reference", str(tmp_path / "none.json")])
    assert no_ref.exit_code == 2 and "reference data not found" in no_ref.output
