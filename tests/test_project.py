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


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r.replace(" ", "") for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d): d.replace(" ", "") for d in env["dependencies"] if isinstance(d, str) and _name(d) != "python"}
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
