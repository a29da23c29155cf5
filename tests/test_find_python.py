"""scripts/find-python: which interpreter `make` builds the virtualenv with, on faked machines."""

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "find-python"
# What the script itself runs, linked into the fake PATH so no real Python is on it.
TOOLS = ["awk", "cat", "ls", "tr"]


def fake_python(path, version):
    """An executable that answers the script's probe as Python `version` would ("3.13.0")."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho {version.replace('.', ' ')}\n")
    path.chmod(0o755)
    return path


def fake_tool(path, first_words, answer):
    """A tool (pyenv, uv) that prints `answer` when its first arguments are `first_words`."""
    arguments = " ".join(f"${number}" for number in range(1, len(first_words.split()) + 1))
    path.write_text(f'#!/bin/sh\n[ "{arguments}" = "{first_words}" ] && echo "{answer}"\n')
    path.chmod(0o755)


def failing_shim(path):
    """pyenv's shim for a version that is installed but not active."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('#!/bin/sh\necho "pyenv: python3.13: command not found" >&2\nexit 127\n')
    path.chmod(0o755)
    return path


@pytest.fixture
def machine(tmp_path):
    """An empty machine: a PATH with only the shell tools, a HOME with nothing in it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    home = tmp_path / "home"
    home.mkdir()
    return tmp_path


def find_python(machine, **env):
    environment = {
        "PATH": str(machine / "bin"),
        "HOME": str(machine / "home"),
        "FIND_PYTHON_SYSTEM_DIRS": str(machine / "usr-local-bin"),
        **env,
    }
    return subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=30, check=False
    )


def test_it_finds_pyenv_versions_when_the_active_python_is_too_old(machine):
    fake_python(machine / "bin" / "python3", "3.11.7")
    failing_shim(machine / "bin" / "python3.13")
    failing_shim(machine / "bin" / "python3.12")
    pyenv_root = machine / "home" / ".pyenv"
    fake_python(pyenv_root / "versions" / "3.9.18" / "bin" / "python3", "3.9.18")
    fake_python(pyenv_root / "versions" / "3.12.1" / "bin" / "python3", "3.12.1")
    newest = fake_python(pyenv_root / "versions" / "3.13.0" / "bin" / "python3", "3.13.0")

    result = find_python(machine)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(newest)


def test_it_asks_pyenv_for_its_root(machine):
    root = machine / "elsewhere"
    chosen = fake_python(root / "versions" / "3.12.4" / "bin" / "python3", "3.12.4")
    fake_tool(machine / "bin" / "pyenv", "root", root)

    result = find_python(machine)

    assert result.stdout.strip() == str(chosen)


@pytest.mark.parametrize(
    ("variable", "folder", "install", "version"),
    [
        ("PYENV_ROOT", "custom-pyenv", "versions/3.12.4/bin/python3", "3.12.4"),
        ("PYENV_ROOT", "my pythons", "versions/3.12.0/bin/python3", "3.12.0"),
        ("ASDF_DATA_DIR", "asdf-data", "installs/python/3.13.2/bin/python3", "3.13.2"),
    ],
    ids=["pyenv-root", "pyenv-root-with-a-space", "asdf-data-dir"],
)
def test_it_follows_the_folder_a_variable_names(machine, variable, folder, install, version):
    root = machine / folder
    chosen = fake_python(root / install, version)

    result = find_python(machine, **{variable: str(root)})

    assert result.stdout.strip() == str(chosen)


def test_it_prefers_the_newest_wherever_it_is(machine):
    fake_python(machine / "bin" / "python3.12", "3.12.8")
    fake_python(machine / "home" / ".pyenv" / "versions" / "3.13.1" / "bin" / "python3", "3.13.1")
    newest = fake_python(machine / "usr-local-bin" / "python3.14", "3.14.0")

    result = find_python(machine)

    assert result.stdout.strip() == str(newest)


def test_a_suitable_python3_on_the_path_is_enough(machine):
    on_path = fake_python(machine / "bin" / "python3", "3.12.3")

    result = find_python(machine)

    assert result.stdout.strip() == str(on_path)


def test_it_asks_uv_for_its_pythons(machine):
    managed = fake_python(machine / "uv-pythons" / "cpython-3.13" / "bin" / "python3", "3.13.5")
    fake_tool(machine / "bin" / "uv", "python find", managed)

    result = find_python(machine)

    assert result.stdout.strip() == str(managed)


def test_python_given_by_name_wins(machine):
    fake_python(machine / "home" / ".pyenv" / "versions" / "3.13.0" / "bin" / "python3", "3.13.0")
    chosen = fake_python(machine / "mine" / "python", "3.12.2")

    result = find_python(machine, PYTHON=str(chosen))

    assert result.returncode == 0
    assert result.stdout.strip() == str(chosen)


def test_python_given_by_name_must_be_recent_enough(machine):
    old = fake_python(machine / "mine" / "python", "3.11.7")

    result = find_python(machine, PYTHON=str(old))

    assert result.returncode == 1
    assert result.stdout == ""
    assert "3.11.7" in result.stderr
    assert "3.12 or newer" in result.stderr


def test_without_a_suitable_python_it_says_how_to_get_one(machine):
    fake_python(machine / "bin" / "python3", "3.11.7")
    failing_shim(machine / "bin" / "python3.13")

    result = find_python(machine)

    assert result.returncode == 1
    assert result.stdout == ""
    for advice in ["pyenv install 3.13", "uv python install 3.13", "apt-get install", "PYTHON="]:
        assert advice in result.stderr
