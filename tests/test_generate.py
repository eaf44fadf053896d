"""``retratstoliped generate``: the docs folder without MkDocs, built by plain MkDocs
with our plugin switched off, gives the same pages and links as the plugin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site import headings, markdown_source

from .conftest import copy_project
from .sitebuild import Tags, mkdocs_build
from .test_site_escaping import HOSTILE

_PLUGIN = re.compile(r"^  - retratstoliped:\n(?:    .*\n)+", re.MULTILINE)


def _generate(project: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "retratstoliped"), "generate", "-f", str(project / "mkdocs.yml"),
         "--out", str(out)],
        capture_output=True, text=True, cwd=project,
    )


def _plain_config(project: Path, docs: Path) -> Path:
    """mkdocs.yml of ``project`` without our plugin, reading ``docs``."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config, removed = _PLUGIN.subn("", config)
    assert removed == 1
    config = config.replace("docs_dir: content", f"docs_dir: {docs}")
    path = project / "plain.yml"
    path.write_text(config, encoding="utf-8")
    return path


def _article(page: Path) -> tuple[list[str], list[str], str]:
    """The links of a built page's content, its table of contents and its title."""
    text = page.read_text(encoding="utf-8")
    content = text[text.index("<article"):text.index("</article>")]
    toc = re.findall(r'<a href="(#[^"]+)" class="md-nav__link"', text)
    return re.findall(r'(?:href|src)="([^"]+)"', content), toc, Tags(text).title


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    """The shipped project built by the plugin, and generated then built by plain MkDocs."""
    tmp = tmp_path_factory.mktemp("generate")
    project = copy_project(tmp / "project", Path(__file__).parent.parent / "modules")
    plugin = mkdocs_build(project / "mkdocs.yml", tmp / "plugin")
    assert plugin.returncode == 0, plugin.stderr
    done = _generate(project, tmp / "docs")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("generated ")
    plain = mkdocs_build(_plain_config(project, tmp / "docs"), tmp / "plain")
    assert plain.returncode == 0, plain.stderr  # strict: no warning either
    return tmp / "plugin", tmp / "plain"


def test_plain_mkdocs_builds_the_same_pages(both):
    plugin, plain = both
    pages = {p.relative_to(plugin).as_posix() for p in plugin.rglob("*.html")}
    assert pages == {p.relative_to(plain).as_posix() for p in plain.rglob("*.html")}
    assert len(pages) > 100


def test_plain_mkdocs_builds_the_same_links_contents_and_titles(both):
    plugin, plain = both
    compared = 0
    for page in sorted(plugin.rglob("*.html")):
        relative = page.relative_to(plugin)
        if relative.parts[0] in ("assets", "search") or relative.name == "404.html":
            continue
        assert _article(page) == _article(plain / relative), relative
        compared += 1
    assert compared > 100


def test_generated_files_are_the_same(both):
    plugin, plain = both
    for name in ("api/landscape.json", "api/modules.csv", "wijzigingen/feed.xml",
                 "afhankelijkheden/afhankelijkheden.svg"):
        assert (plugin / name).read_bytes() == (plain / name).read_bytes(), name


def test_markdown_headings_keep_their_ids_and_text():
    page = (
        '---\ntitle: "x"\n---\n\n<h1>T</h1>\n\n<h2 id="a">*b* &amp; [c]</h2>\n\n'
        '<h3 id="d"><a href="e/">f_g</a></h3>\n'
    )
    source = markdown_source(page)
    assert "\n## &#42;b&#42; & &#91;c&#93; { #a }\n" in source
    assert '\n### <a href="e/">f&#95;g</a> { #d }\n' in source
    assert [h.id for h in headings(page)] == ["a", "d"]
    assert [h.name for h in headings(page)] == ["*b* &amp; [c]", "f_g"]


def test_a_failed_generate_leaves_the_folder_as_it_was(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "modules" / "diensten" / "zaken.yaml").write_text("name: [", encoding="utf-8")
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.md").write_text("kept", encoding="utf-8")
    done = _generate(project, out)
    assert done.returncode == 1
    assert "modules/diensten/zaken.yaml:2:1: error: invalid YAML" in done.stdout
    assert "Traceback" not in done.stderr
    assert [p.name for p in out.iterdir()] == ["keep.md"]


def test_hostile_text_stays_text_through_plain_mkdocs(tmp_path):
    """The generated Markdown goes through a Markdown pass after all: model text must
    still never become markup there."""
    project = copy_project(tmp_path / "project")
    zaken = project / "modules" / "diensten" / "zaken.yaml"
    text = zaken.read_text(encoding="utf-8").replace("name: Zaken", f'name: "{HOSTILE[:80]}"')
    zaken.write_text(text, encoding="utf-8")
    done = _generate(project, tmp_path / "docs")
    assert done.returncode == 0, done.stderr
    built = mkdocs_build(_plain_config(project, tmp_path / "docs"), tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for page in (tmp_path / "site").rglob("*.html"):
        tags = Tags(page.read_text(encoding="utf-8"))
        assert not any("alert(" in script for script in tags.scripts), page
        for name, attrs in tags.tags:
            assert name not in ("em", "strong") or "zaken" not in str(page), page
            for value in attrs.values():
                assert not (value or "").strip().lower().startswith("javascript:"), page
    zaken_page = (tmp_path / "site" / "modules" / "zaken" / "index.html").read_text(encoding="utf-8")
    assert Tags(zaken_page).title.startswith(HOSTILE[:80].strip())
