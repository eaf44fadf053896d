"""codeowners and diff: what the forge gets from the model."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.forge import change_summary, codeowners
from generator.model import check_model

from .conftest import TODAY

EXE = Path(sys.executable).parent / "retratstoliped"


def test_codeowners_maps_module_files_to_owner_maintainers(model):
    folder = model()
    landscape = check_model(folder, today=TODAY).landscape
    text = codeowners(landscape)
    rules = [line for line in text.splitlines() if not line.startswith("#")]
    # only vng lists maintainers in the base fixture; it owns 'inloggen'
    assert rules == ["/modules/infrastructuur/inloggen.yaml @vng-team"]


def test_codeowners_command(model):
    folder = model()
    done = subprocess.run([str(EXE), "codeowners", str(folder)], capture_output=True, text=True)
    assert done.returncode == 0
    assert "inloggen.yaml @vng-team" in done.stdout


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_diff_reports_every_kind_of_change(model, tmp_path):
    folder = model()
    (folder / "diensten" / "vervallen.yaml").write_text(
        "name: Vervallen\nlayer: diensten\nsummary: s\nstatus: wanted\ndepends_on: [zaken]\n",
        encoding="utf-8",
    )
    old = tmp_path / "old"
    shutil.copytree(folder, old)
    (folder / "diensten" / "vervallen.yaml").unlink()
    loket = folder / "portalen" / "mijn-loket.yaml"
    _edit(loket, "status: developing\nowner", "status: available\nowner")
    _edit(loket, "Bouw gestart.\n", "Bouw gestart.\n  - date: 2025-09-01\n    status: available\n")
    _edit(loket, "  - inloggen\n", "")
    zaken = folder / "diensten" / "zaken.yaml"
    _edit(zaken, "  - gm0344\n", "  - gm0344\n  - vng\n")
    _edit(zaken, "owner: gm0363", "owner: gm0599")
    _edit(zaken, "depends_on: [inloggen]", "depends_on: [inloggen, nieuw]")
    (folder / "diensten" / "nieuw.yaml").write_text(
        "name: Nieuw *vet*\nlayer: diensten\nsummary: s\nstatus: wanted\n", encoding="utf-8"
    )
    before = check_model(old, today=TODAY)
    after = check_model(folder, today=TODAY)
    assert before.errors == [] and after.errors == [], after.errors
    assert change_summary(before.landscape, after.landscape) == (
        "## Wijzigingen in het landschap\n\n"
        "- Nieuwe module **Nieuw \\*vet\\*** (`nieuw`): Gezocht\n"
        "- Verwijderd: **Vervallen** (`vervallen`)\n"
        "- **Mijn loket** (`mijn-loket`): status In ontwikkeling → "
        "Beschikbaar (permanente bèta)\n"
        "- **Mijn loket** (`mijn-loket`): afhankelijkheid vervallen van `inloggen`\n"
        "- **Zaken** (`zaken`): trekker Amsterdam (`gm0363`) → Rotterdam (`gm0599`)\n"
        "- **Zaken** (`zaken`): nieuwe afhankelijkheid van `nieuw`\n"
        "- **Zaken** (`zaken`): nieuwe afnemers VNG Realisatie (`vng`)\n"
    )
    done = subprocess.run([str(EXE), "diff", str(old), str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == change_summary(before.landscape, after.landscape)
    assert change_summary(after.landscape, before.landscape) == (
        "## Wijzigingen in het landschap\n\n"
        "- Nieuwe module **Vervallen** (`vervallen`): Gezocht\n"
        "- Verwijderd: **Nieuw \\*vet\\*** (`nieuw`)\n"
        "- **Mijn loket** (`mijn-loket`): status Beschikbaar (permanente bèta) → "
        "In ontwikkeling\n"
        "- **Mijn loket** (`mijn-loket`): nieuwe afhankelijkheid van `inloggen`\n"
        "- **Zaken** (`zaken`): trekker Rotterdam (`gm0599`) → Amsterdam (`gm0363`)\n"
        "- **Zaken** (`zaken`): afhankelijkheid vervallen van `nieuw`\n"
    )


def test_diff_without_changes(model):
    folder = model()
    landscape = check_model(folder, today=TODAY).landscape
    assert "Geen wijzigingen" in change_summary(landscape, landscape)


def test_diff_against_a_git_ref(model, tmp_path):
    folder = model()
    repo = folder.parent
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    _edit(folder / "diensten" / "zaken.yaml", "status: available", "status: retired")
    done = subprocess.run(
        [str(EXE), "diff", "HEAD", "modules"], cwd=repo, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "status Beschikbaar (permanente bèta) → Uitgefaseerd" in done.stdout
    bad = subprocess.run(
        [str(EXE), "diff", "no-such-ref", "modules"], cwd=repo, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
