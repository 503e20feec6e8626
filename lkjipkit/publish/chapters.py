"""The chapter notebooks of a report: found by name, checked before anything runs.

A chapter is ``notebooks/NN_name.ipynb`` (two digits, an underscore, a name), or
``NNx_name.ipynb`` (a lower-case letter after the digits) for a chapter added
after chapter NN; the report puts them in name order, so ``03a_capaian_lainnya``
comes after ``03_akuntabilitas_kinerja`` and before ``04_penutup``.

A dataset folder may carry its own ``notebooks/`` (:func:`resolve_chapters`): a
chapter there replaces the default chapter of the same file name, any other
is added in name order. ``lkjip notebooks DATASET`` copies the default chapters
there for editing (:func:`copy_default_chapters`).

It may carry its own wording too, ``teks/`` (:func:`wording_overrides`): templates of the
generated sentences (``ringkasan.j2``, …) that replace the package's of the same file name;
``lkjip teks DATASET`` copies them there (:func:`copy_default_wording`).

Each chapter must declare the report parameters in a cell tagged ``parameters``::

    dataset = ""  # empty: the embedded dataset
    year = 0  # 0: the latest year

A chapter without them would silently report on the embedded dataset instead of
the one asked for, so the build refuses it before executing anything.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from lkjipkit.config import WORDING_FOLDER
from lkjipkit.errors import BuildError
from lkjipkit.i18n import _

CHAPTER_GLOB = "[0-9][0-9]*.ipynb"
CHAPTER_NAME = re.compile(r"^\d{2}[a-z]?_[^/\\]+\.ipynb$")
PARAMETERS = ("dataset", "year")
DATASET_NOTEBOOKS = "notebooks"
"""The folder of a dataset holding its own chapters."""
WORDING = WORDING_FOLDER
"""The folder of a dataset holding its own wording (`lkjipkit.config.WORDING_FOLDER`)."""
ORIGINS = ("default", "dataset")


@dataclass(frozen=True)
class ChapterNotebook:
    """One chapter notebook file, as found on disk and checked (not the report's
    :class:`lkjipkit.report.chapter.Chapter`, which makes a chapter's content)."""

    path: Path
    code_cells: int
    imports: tuple[str, ...]
    sha256: str
    kernel: str | None = None
    """The notebook's kernelspec name (``python3``), if it names one."""
    origin: str = "default"
    """Where the chapter came from: ``default`` (the notebooks folder) or ``dataset`` (the dataset's own)."""

    @property
    def name(self) -> str:
        """The notebook's name without ``.ipynb`` (``03_akuntabilitas_kinerja``): how errors name it."""
        return self.path.stem


def find_chapters(folder: str | Path) -> list[ChapterNotebook]:
    """The chapter notebooks of ``folder`` in report order, each checked for its parameters cell.

    Raises
    ------
    BuildError
        The folder is missing or holds no chapter, or a chapter is unreadable or
        lacks the ``parameters`` cell with ``dataset`` and ``year``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BuildError(_("{folder}: no such notebooks folder").format(folder=folder))
    paths = chapter_paths(folder)
    if not paths:
        raise BuildError(
            _("{folder}: no chapter notebooks (expected files named like 01_pendahuluan.ipynb)").format(folder=folder)
        )
    return [read_chapter_notebook(p) for p in paths]


def dataset_notebooks(dataset: str | Path) -> Path | None:
    """The dataset's own chapter folder (``DATASET/notebooks/``), or None (none there, or a workbook)."""
    folder = Path(dataset) / DATASET_NOTEBOOKS
    return folder if Path(dataset).is_dir() and folder.is_dir() else None


def resolve_chapter_paths(dataset: str | Path, notebooks: str | Path) -> list[tuple[Path, str]]:
    """The chapter files of a dataset's report with their origin (``default``/``dataset``), in report order.

    The default chapters of ``notebooks``, each replaced by the dataset's chapter of the same file name,
    with the dataset's other chapters added; unchecked (see :func:`resolve_chapters`).
    """
    chosen = {p.name: (p, "default") for p in chapter_paths(Path(notebooks))}
    own = dataset_notebooks(dataset)
    if own is not None:
        chosen |= {p.name: (p, "dataset") for p in chapter_paths(own)}
    return [chosen[name] for name in sorted(chosen)]


def resolve_chapters(dataset: str | Path, notebooks: str | Path) -> list[ChapterNotebook]:
    """The chapters of a dataset's report: the defaults, replaced or extended by the dataset's own.

    Parameters
    ----------
    dataset
        The dataset folder (a workbook has no chapters of its own).
    notebooks
        The folder of the default chapters (the package's ``notebooks/``, or ``--notebooks``).

    Raises
    ------
    BuildError
        The default folder is missing, no chapter is found, or a chapter is unreadable or lacks
        its ``parameters`` cell.
    """
    folder = Path(notebooks)
    if not folder.is_dir():
        raise BuildError(_("{folder}: no such notebooks folder").format(folder=folder))
    found = resolve_chapter_paths(dataset, folder)
    if not found:
        raise BuildError(
            _("{folder}: no chapter notebooks (expected files named like 01_pendahuluan.ipynb)").format(folder=folder)
        )
    chapters = [replace(read_chapter_notebook(p), origin=origin) for p, origin in found]
    wording_overrides(dataset)  # checked now, before any chapter runs
    return chapters


@dataclass(frozen=True)
class WordingOverride:
    """One template of the generated sentences that a dataset words its own way (``DATASET/teks/ringkasan.j2``)."""

    path: Path
    sha256: str

    def record(self) -> dict[str, str]:
        """Its entry in ``provenance.json`` (``wording``), as a chapter's: the template, its source and SHA-256."""
        return {"template": self.path.name, "source": str(self.path), "source_sha256": self.sha256}


def wording_overrides(dataset: str | Path) -> list[WordingOverride]:
    """The dataset's overrides of the generated sentences' templates (``DATASET/teks/*.j2``), checked.

    Raises
    ------
    WordingError
        A file there that is not one of the package's templates, does not parse (file and line), or lacks
        a macro of the template it replaces.
    """
    folder = Path(dataset) / WORDING
    if not (Path(dataset).is_dir() and folder.is_dir()):
        return []
    from lkjipkit.report.narrative import check_wording  # only then: the report package is slow to import

    return [WordingOverride(p, hashlib.sha256(p.read_bytes()).hexdigest()) for p in check_wording(folder)]


def copy_default_wording(dataset: str | Path, names=(), *, overwrite: bool = False) -> list[Path]:
    """Copy the package's templates of the generated sentences into ``DATASET/teks/`` (``lkjip teks``).

    ``names`` (``ringkasan`` or ``ringkasan.j2``) copies only those; by default all of them.

    Raises
    ------
    BuildError
        The dataset is not a folder, a name is not a template, or a template is already there and
        ``overwrite`` is not set (nothing is copied then).
    """
    from lkjipkit.report.narrative import TEMPLATES, template_names

    dataset = Path(dataset)
    if not dataset.is_dir():
        raise BuildError(
            _("{dataset}: not a dataset folder (a workbook cannot carry wording of its own)").format(dataset=dataset)
        )
    known = template_names()
    wanted = [n if n.endswith(".j2") else f"{n}.j2" for n in names] or list(known)
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise BuildError(
            _("{names}: not a template of the generated sentences ({known})").format(
                names=", ".join(unknown), known=", ".join(known)
            )
        )
    target = dataset / WORDING
    there = [n for n in wanted if (target / n).exists()]
    if there and not overwrite:
        raise BuildError(
            _("{folder}: {names} already there; edit them, or add --overwrite to replace them by the package's").format(
                folder=target, names=", ".join(there)
            )
        )
    target.mkdir(exist_ok=True)
    for n in wanted:
        (target / n).write_bytes((TEMPLATES / n).read_bytes())
    return [target / n for n in wanted]


def copy_default_chapters(dataset: str | Path, notebooks: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Copy the default chapters into ``DATASET/notebooks/`` for editing (what ``lkjip notebooks`` does).

    In the copies, the parameters cell's ``dataset = ""`` becomes ``dataset = ".."``: run in JupyterLab, a
    copy shows the dataset it lives in; the build passes its own parameters as always.

    Raises
    ------
    BuildError
        The dataset is not a folder, or a chapter is already there and ``overwrite`` is not set
        (nothing is copied then).
    """
    dataset = Path(dataset)
    if not dataset.is_dir():
        raise BuildError(
            _("{dataset}: not a dataset folder (a workbook cannot carry chapters of its own)").format(dataset=dataset)
        )
    target = dataset / DATASET_NOTEBOOKS
    sources = chapter_paths(Path(notebooks))
    there = [target / p.name for p in sources if (target / p.name).exists()]
    if there and not overwrite:
        raise BuildError(
            _(
                "{target}: {names} already there; edit them, or add --overwrite to replace them by the default chapters"
            ).format(target=target, names=", ".join(p.name for p in there))
        )
    target.mkdir(exist_ok=True)
    for p in sources:
        (target / p.name).write_text(_pointing_at_the_dataset(p.read_text(encoding="utf-8")), encoding="utf-8")
    return [target / p.name for p in sources]


DATASET_PARAMETER = 'dataset = ".."  # this dataset: the folder above notebooks/ (the build passes its own)'


def _pointing_at_the_dataset(text: str) -> str:
    """A default chapter's JSON with ``dataset = ""`` set to the dataset it is copied into (``..``), so the copy
    opened in JupyterLab (whose kernel starts in the notebook's folder) shows that dataset."""
    nb = json.loads(text)
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = cell["source"]
            lines = ("".join(src) if isinstance(src, list) else src).splitlines(keepends=True)
            cell["source"] = [
                DATASET_PARAMETER + ("\n" if line.endswith("\n") else "") if line.startswith('dataset = ""') else line
                for line in lines
            ]
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def chapter_paths(folder: Path) -> list[Path]:
    """The files of ``folder`` named like chapter notebooks (``NN_name.ipynb``), in report order; unchecked."""
    return sorted(p for p in Path(folder).glob(CHAPTER_GLOB) if p.is_file() and CHAPTER_NAME.match(p.name))


def read_chapter_notebook(path: Path) -> ChapterNotebook:
    """One chapter notebook: its code cells, imports and SHA-256, after checking its ``parameters`` cell.

    Raises
    ------
    BuildError
        The notebook is unreadable or lacks the ``parameters`` cell with ``dataset`` and ``year``.
    """
    raw = path.read_bytes()
    # Plain JSON, not nbformat: reading the chapters must not wait for nbformat's import (see execute.py).
    try:
        nb = json.loads(raw.decode("utf-8"))
        cells = nb["cells"]
        for c in cells:
            src = c.get("source", "")
            c["source"] = "".join(src) if isinstance(src, list) else src
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BuildError(
            _("{path}: not a readable notebook ({error})").format(path=path, error=f"{type(exc).__name__}: {exc}")
        ) from exc
    code = [c for c in cells if c.get("cell_type") == "code"]
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not params:
        raise BuildError(
            _(
                "{path}: no cell tagged 'parameters'; every chapter declares "
                '`dataset = ""` and `year = 0` in a cell tagged parameters (see docs/build.md)'
            ).format(path=path)
        )
    declared = set().union(*(_assigned_names(c["source"]) for c in params))
    missing = [p for p in PARAMETERS if p not in declared]
    if missing:
        raise BuildError(
            _(
                "{path}: the parameters cell does not set {names}; "
                'it must declare `dataset = ""` and `year = 0` (see docs/build.md)'
            ).format(path=path, names=_(" and ").join(missing))
        )
    imports = sorted(set().union(*(_imported_modules(c["source"]) for c in code)))
    return ChapterNotebook(
        path=path,
        code_cells=len(code),
        imports=tuple(imports),
        sha256=hashlib.sha256(raw).hexdigest(),
        kernel=(nb.get("metadata") or {}).get("kernelspec", {}).get("name") or None,
    )


def _parse(source: str) -> ast.Module | None:
    # IPython magics and shell escapes are not Python; blank them out so the rest still parses.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _assigned_names(source: str) -> set[str]:
    tree = _parse(source)
    names: set[str] = set()
    for node in tree.body if tree else []:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _imported_modules(source: str) -> set[str]:
    """Modules a cell imports (absolute imports only), for warming a kernel up before the chapters run."""
    tree = _parse(source)
    found: set[str] = set()
    for node in ast.walk(tree) if tree else []:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found
