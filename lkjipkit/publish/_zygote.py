"""The first module the kernel zygote imports (:mod:`lkjipkit.publish.forked`), and what a forked kernel
does to become a kernel like a launched one.

Imported in the zygote before the chapters' modules: it makes the zygote end without tearing its modules
down, sends the zygote's own stderr to the null device
(a kernel's goes where the build keeps the kernels' output; the zygote's own messages, such as a first
run's "building the font cache", would otherwise land in the middle of the progress display), sets the
matplotlib backend ipykernel sets before anything imports matplotlib, notes the ``sys.path`` a kernel
launched with this Python has, and imports ipykernel's application.

Runs in the zygote and its children only; the builder never imports it.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys


def _exit_now() -> None:
    """The zygote's end: at once, without tearing down the modules it imported for its children (0.4 s)."""
    os._exit(0)


atexit.register(_exit_now)  # registered first, so it runs last of the exit functions

with open(os.devnull, "wb") as _null:
    os.dup2(_null.fileno(), 2)

# ipykernel sets this when it starts (kernelapp.init_gui_pylab), before a chapter can import matplotlib
if not os.environ.get("MPLBACKEND"):
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"

#: ``sys.path`` of ``python -m ipykernel_launcher`` without the working folder the launcher removes: the
#: zygote itself runs with the builder's path (the fork server copies it), which may hold a script's folder.
KERNEL_PATH: list[str] = json.loads(
    subprocess.run(
        [sys.executable, "-c", "import json, sys; print(json.dumps(sys.path[1:]))"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
)

import ipykernel.kernelapp  # noqa: E402,F401 - what every kernel imports first


def become_kernel(argv: list[str], env: dict[str, str], cwd: str) -> None:
    """In a forked child: the environment, working folder, ``sys.argv``, ``sys.path``, language and random
    state a launched kernel would start with; ipykernel then watches the zygote as its parent."""
    atexit.unregister(_exit_now)  # a kernel ends as a kernel does, with its own exit code
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    sys.argv[:] = argv
    sys.path[:] = KERNEL_PATH
    i18n = sys.modules.get("lkjipkit.i18n")
    if i18n is not None:  # imported in the zygote, it chose the language of the zygote's environment
        i18n.set_language(i18n.language_from())
    np = sys.modules.get("numpy")
    if np is not None:  # a fork would draw the zygote's random numbers (Python's random reseeds itself)
        np.random.seed()
