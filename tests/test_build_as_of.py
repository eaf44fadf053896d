"""``retratstoliped build --as-of`` and the plugin's ``as_of``: the whole site as the
landscape stood on a date, saying so on every page; bad dates are usage errors that
leave the published site as it was. The model is tests/asof_fixture (its history is
in the docstring of tests/test_asof.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project
from .sitebuild import mkdocs_build, write_config

EXE = Path(sys.executable).parent / "retratstoliped"
FIXTURE = ROOT / "tests" / "asof_fixture"
BANNER = re.compile(r'<aside class="md-banner">.*?<p class="rt-as-of">(.*?)</p>', re.DOTALL)


def build(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RETRATSTOLIPED_AS_OF"}
    return subprocess.run([str(EXE), "build", *args], cwd=folder, capture_output=True,
                          text=True, env=env)


def _banner(page: Path) -> str:
    match = BANNER.search(page.read_text(encoding="utf-8"))
    assert match, page
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


@pytest.fixture(scope="module")
def as_of_site(tmp_path_factory) -> Path:
    folder = copy_project(tmp_path_factory.mktemp("asof"), FIXTURE)
    done = build(folder, "--as-of", "2024-03-31")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("as of 2024-03-31")
    return folder / "site"


def test_every_page_says_it_is_the_past(as_of_site):
    pages = sorted(as_of_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert _banner(page) == (
            "Terugblik: zo stond het landschap er op 31 maart 2024 voor. Statussen komen uit "
            "de geschiedenis van de modules; modules zonder geschiedenis staan er niet in. "
            "Hoe het groeide"
        ), page
    home = (as_of_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="voortgang/">Hoe het groeide</a>' in home


def test_the_site_shows_the_landscape_of_that_day(as_of_site):
    modules = {p.parent.name for p in (as_of_site / "modules").glob("*/index.html")}
    assert modules == {"basis", "loket", "oud", "weg", "terug"}  # no nieuw, no zonder
    data = json.loads((as_of_site / "api" / "landscape.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2024-03-31"
    assert {m["id"]: (m["status"], m["owner"], m["consumers"], m["depends_on"])
            for m in data["modules"]} == {
        "basis": ("available", "vng", ["gm0147", "lev"], []),
        "loket": ("wanted", None, [], ["basis"]),
        "oud": ("available", "gm0141", ["gm0216", "gm0221"], ["basis"]),
        "terug": ("wanted", None, [], ["basis"]),
        "weg": ("out-of-scope", None, [], []),
    }
    loket = (as_of_site / "modules" / "loket" / "index.html").read_text(encoding="utf-8")
    assert "Gezocht" in loket and "Culemborg" not in loket  # no owner yet
    progress = (as_of_site / "voortgang" / "index.html").read_text(encoding="utf-8")
    assert "tot en met 31 maart 2024: zo stond het landschap er toen voor." in progress
    assert 'id="kwartaal-2024-k1"' in progress and 'id="kwartaal-2024-k2"' not in progress


def test_a_bad_date_is_a_usage_error_and_the_site_stays(tmp_path):
    folder = copy_project(tmp_path, FIXTURE)
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text("vorige", encoding="utf-8")
    for date, message in [
        ("2024-02-30", "Invalid value for '--as-of': '2024-02-30' is not a valid date (YYYY-MM-DD)"),
        ("31-03-2024", "Invalid value for '--as-of': '31-03-2024' is not a valid date (YYYY-MM-DD)"),
        ("2999-01-01", "Invalid value for '--as-of': 2999-01-01 lies in the future; "
                       "history runs up to today"),
        ("2022-12-31", "Invalid value for '--as-of': 2022-12-31 lies before the first history "
                       "entry (2023-01-15): no module was on the map yet"),
    ]:
        done = build(folder, "--as-of", date)
        assert done.returncode == 2, (date, done.stderr)
        assert done.stderr.strip().splitlines()[-1] == f"Error: {message}"
        assert "Traceback" not in done.stderr
    assert (folder / "site" / "index.html").read_text(encoding="utf-8") == "vorige"
    assert not list(folder.glob(".site.*"))


def test_the_plugin_option_and_its_errors(tmp_path, monkeypatch):
    monkeypatch.delenv("RETRATSTOLIPED_AS_OF", raising=False)
    config = write_config(tmp_path, FIXTURE)
    text = config.read_text(encoding="utf-8")
    for value, error in [
        ("2024-02-30", "retratstoliped: as_of: '2024-02-30' is not a valid date (YYYY-MM-DD)"),
        ("2020-01-01", "retratstoliped: as_of: 2020-01-01 lies before the first history "
                       "entry (2023-01-15): no module was on the map yet"),
    ]:
        config.write_text(text.replace("model_dir:", f'as_of: "{value}"\n      model_dir:'),
                          encoding="utf-8")
        done = mkdocs_build(config, tmp_path / "bad")
        assert done.returncode == 1 and error in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    # YAML reads an unquoted date as a date
    config.write_text(text.replace("model_dir:", "as_of: 2023-06-30\n      model_dir:"),
                      encoding="utf-8")
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert _banner(tmp_path / "site" / "index.html").startswith(
        "Terugblik: zo stond het landschap er op 30 juni 2023 voor.")
    modules = {p.parent.name for p in (tmp_path / "site" / "modules").glob("*/index.html")}
    assert modules == {"basis", "oud", "weg", "terug"}
