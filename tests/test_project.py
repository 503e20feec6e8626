"""Project-level promises: the environment files agree, docs are in step, the README's commands exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from lkjipkit.dataset import docs

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


CONDA_FORGE_NAMES = {"matplotlib-base": "matplotlib", "nbconvert-core": "nbconvert"}
"""conda-forge packages that hold the PyPI package under another name (its core, without the extras)."""


def _pypi(requirement: str) -> str:
    name = _name(requirement)
    return requirement.replace(name, CONDA_FORGE_NAMES[name], 1) if name in CONDA_FORGE_NAMES else requirement


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"] + extras["dev"] + extras["cluster"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = [_pypi(d) for d in env["dependencies"] if isinstance(d, str)]
    conda = {_name(d): d.replace(" ", "") for d in listed if _name(d) != "python"}
    conda.pop("pip", None)
    assert conda == wanted


def test_data_format_reference_is_generated_from_the_declaration():
    text = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert docs.reference() in text, "run: python -m lkjipkit.dataset.docs --write"


def test_readme_commands_are_make_targets_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("report", "test"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_lock_pins_every_declared_dependency_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    lines = [ln for ln in (ROOT / "requirements.lock").read_text().splitlines() if ln and not ln.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", ln) for ln in lines), "only exact pins"
    pinned = {_name(ln) for ln in lines}
    missing = {_name(r) for r in project["dependencies"] + extras["dev"] + extras["cluster"]} - pinned
    assert not missing, f"refresh requirements.lock (README): {sorted(missing)} not pinned"
    assert "requirements.lock" in (ROOT / "scripts" / "setup.sh").read_text()


def test_provenance_records_the_version_of_every_runtime_dependency():
    from importlib.metadata import version

    from lkjipkit.publish.provenance import tool_versions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    tools = tool_versions()
    for requirement in project["dependencies"] + project["optional-dependencies"]["cluster"]:
        assert tools[_name(requirement)] == version(_name(requirement))
