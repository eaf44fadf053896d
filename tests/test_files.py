"""File-level rules: encodings, sizes, symlinks, names; made in tmp, not committed."""

from __future__ import annotations

import os
import time

from generator.model import check_model

from .conftest import TODAY

MODULE = "name: X\nlayer: diensten\nsummary: Y\nstatus: wanted\ndepends_on: [zaken]\n"


def lines(folder):
    return [str(p) for p in check_model(folder, today=TODAY).problems]


def test_invalid_utf8_is_located(model):
    folder = model()
    (folder / "diensten" / "x.yaml").write_bytes(b"name: X\nsummary: caf\xe9\n")
    assert lines(folder) == [
        "diensten/x.yaml:2:13: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"
    ]


def test_utf16_file_is_refused(model):
    folder = model()
    (folder / "diensten" / "x.yaml").write_bytes(MODULE.encode("utf-16"))
    assert lines(folder) == [
        "diensten/x.yaml:1:1: error: file is not valid UTF-8 (byte 0xff); save it as UTF-8"
    ]


def test_utf8_bom_is_accepted(model):
    folder = model()
    (folder / "diensten" / "x.yaml").write_bytes(b"\xef\xbb\xbf" + MODULE.encode())
    assert lines(folder) == []


def test_file_over_1_mib(model):
    folder = model()
    (folder / "diensten" / "x.yaml").write_text(MODULE + "#" * (1024 * 1024), encoding="utf-8")
    assert lines(folder) == ["diensten/x.yaml:1:1: error: file is larger than 1 MiB"]


def test_symlink_leaving_the_model_folder(model, tmp_path):
    folder = model()
    outside = tmp_path / "outside.yaml"
    outside.write_text(MODULE, encoding="utf-8")
    os.symlink(outside, folder / "diensten" / "x.yaml")
    os.symlink(tmp_path, folder / "elders")
    assert lines(folder) == [
        "diensten/x.yaml:1:1: error: symbolic link points outside the model folder",
        "elders:1:1: error: symbolic link points outside the model folder",
    ]


def test_symlink_inside_the_model_folder_is_followed_once(model):
    folder = model()
    os.symlink(folder / "diensten", folder / "ook-diensten")
    result = check_model(folder, today=TODAY)
    assert result.problems == []
    assert result.files == 5  # the folder is read once, not again through the link


def test_missing_frame_files(model):
    folder = model()
    (folder / "landscape.yaml").unlink()
    (folder / "organisations.yaml").unlink()
    problems = lines(folder)
    assert problems == [
        "landscape.yaml:1:1: error: landscape.yaml is missing",
        "organisations.yaml:1:1: error: organisations.yaml is missing",
    ]


def test_missing_model_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert lines(tmp_path / "nope") == ["nope:1:1: error: model folder does not exist"]


def test_organisations_must_be_a_list(model):
    folder = model()
    (folder / "organisations.yaml").write_text("gm0363: Amsterdam\n", encoding="utf-8")
    problems = lines(folder)
    assert problems[0] == (
        "organisations.yaml:1:1: error: organisations.yaml must be a list of organisations, "
        "not a mapping"
    )


def test_path_outside_working_directory_is_absolute(model, tmp_path, monkeypatch):
    folder = model("r5-compatibility")
    monkeypatch.chdir("/")
    assert lines(folder)[0].startswith(f"{folder}/diensten/via.yaml:7:10: error:")


def test_yml_extension_and_other_files(model):
    folder = model()
    (folder / "diensten" / "x.yml").write_text(MODULE, encoding="utf-8")
    (folder / "diensten" / "notes.txt").write_text("not: [yaml", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "y.yaml").write_text("broken: [", encoding="utf-8")
    result = check_model(folder, today=TODAY)
    assert result.problems == []
    assert "x" in result.landscape.modules
    assert result.files == 6


def test_reusing_parsed_files_sees_every_edit(model):
    """The live server's check re-parses only changed files, and misses no change."""
    folder = model()
    first = check_model(folder, today=TODAY, reuse=True)
    assert first.landscape is not None
    zaken = folder / "diensten" / "zaken.yaml"
    text = zaken.read_text(encoding="utf-8")
    for edit in (text.replace("name: Zaken", "name: Zaken twee"),  # longer
                 text.replace("name: Zaken", "name: Zakem"),       # same size
                 text.replace("status: available", "status: availabl")):  # an error
        zaken.write_text(edit, encoding="utf-8")
        stamp = time.time_ns() + 1_000_000
        os.utime(zaken, ns=(stamp, stamp))  # a new time even on a coarse clock
        again = check_model(folder, today=TODAY, reuse=True)
        fresh = check_model(folder, today=TODAY)
        assert again.problems == fresh.problems
        assert again.landscape == fresh.landscape
    assert check_model(folder, today=TODAY, reuse=True).errors  # the last edit is seen
