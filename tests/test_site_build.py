"""The site built by mkdocs itself: the real content/, theme and plugin on a fixture model."""

from __future__ import annotations

import json
import shutil

from .conftest import FIXTURES
from .sitebuild import Tags, add_extra_modules, mkdocs_build, write_config

ADDRESSES = (
    "", "modules/", "modules/zaken/", "modules/afspraken/", "modules/eigen-app/",
    "organisaties/", "organisaties/gm0363/", "lagen/", "lagen/portalen/", "standaarden/",
    "standaarden/oidc/", "status/", "intekenen/", "afhankelijkheden/", "buiten-scope/",
    "wijzigingen/", "over/", "bijdragen/", "toegankelijkheid/",
)
FILES = (
    "api/landscape.json", "api/landscape.schema.json", "api/module.schema.json",
    "api/modules.csv", "api/landscape.graphml", "api/landscape.dot", "api/landscape-archimate.xml",
    "wijzigingen/feed.xml", "afhankelijkheden/afhankelijkheden.svg", "404.html",
)


def test_mkdocs_builds_a_fixture_model_strictly(tmp_path):
    model = add_extra_modules(shutil.copytree(FIXTURES / "base", tmp_path / "modules"))
    site = tmp_path / "site"
    done = mkdocs_build(write_config(tmp_path, model), site)
    assert done.returncode == 0, done.stderr
    for address in ADDRESSES:
        assert (site / address / "index.html").is_file(), address
    for file in FILES:
        assert (site / file).is_file(), file
    module = Tags((site / "modules" / "zaken" / "index.html").read_text(encoding="utf-8"))
    assert module.title == "Zaken - Retratstoliped"
    assert {"href": "../../organisaties/gm0363/"} in module.find("a")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home and "fonts.googleapis" not in home
    assert json.loads((site / "api" / "landscape.json").read_text(encoding="utf-8"))["modules"]


def test_navigation_does_not_list_every_module(tmp_path):
    model = add_extra_modules(shutil.copytree(FIXTURES / "base", tmp_path / "modules"))
    site = tmp_path / "site"
    assert mkdocs_build(write_config(tmp_path, model), site).returncode == 0
    home = Tags((site / "index.html").read_text(encoding="utf-8"))
    nav_links = {a.get("href") for a in home.find("a") if "md-nav__link" in (a.get("class") or "")}
    assert {"status/", "intekenen/", "modules/"} <= nav_links
    assert not any(str(href).startswith("modules/z") for href in nav_links)


def test_a_model_error_fails_the_build_with_its_message(tmp_path):
    model = shutil.copytree(FIXTURES / "base", tmp_path / "modules")
    shutil.copy(FIXTURES / "r5-compatibility" / "diensten" / "via.yaml", model / "diensten")
    done = mkdocs_build(write_config(tmp_path, model), tmp_path / "site", strict=False)
    assert done.returncode != 0
    assert "diensten/via.yaml:7:10: error: 'inloggen' does not implement standard 'zgw-apis'" in done.stderr
    assert "Traceback" not in done.stderr


def test_search_indexes_prose_but_not_the_lists_of_links(tmp_path):
    model = shutil.copytree(FIXTURES / "base", tmp_path / "modules")
    zaken = model / "diensten" / "zaken.yaml"
    zaken.write_text(
        zaken.read_text(encoding="utf-8")
        + "description: Het zaaksysteem houdt elk kwijtscheldingsverzoek bij.\n"
        + "history:\n  - {date: 2024-01-01, status: available,\n"
        + "     note: Overgedragen aan de beheerorganisatie.}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    done = mkdocs_build(write_config(tmp_path, model), site)
    assert done.returncode == 0, done.stderr
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["text"] for d in docs if d["location"].startswith("modules/zaken/"))
    assert "kwijtscheldingsverzoek" in text  # the description: a text block, put back before indexing
    assert "beheerorganisatie" in text  # the history
    assert "Rotterdam" not in text  # an adopter: a list of links, put back after indexing
    page = (site / "modules" / "zaken" / "index.html").read_text(encoding="utf-8")
    assert "kwijtscheldingsverzoek" in page and ">Rotterdam</a>" in page
    assert "<!--rt:" not in page  # every slot filled
