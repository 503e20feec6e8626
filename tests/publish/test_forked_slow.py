"""Warm kernels forked from the zygote are kernels like launched ones: the same process state, a session of
their own, the language and random numbers of their own; the zygote and its kernels end with the build,
even one that is killed; and their CPU time is accounted to the build's process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from build_helpers import still_running
from jupyter_core.utils import run_sync

from lkjipkit.publish import forked
from lkjipkit.publish.execute import WarmKernel

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not forked.supported(), reason="kernels are forked on Linux only"),
]

PRELOAD = ["IPython.display", "lkjipkit.report"]

#: What a chapter could notice of the process it runs in, written as JSON to the path in the kernel's
#: environment variable LKJIP_TEST_STATE.
PROBE = textwrap.dedent(
    """
    import json, os, sys, warnings
    import matplotlib, numpy, pandas
    from lkjipkit import i18n
    env = {k: v for k, v in os.environ.items() if k not in ("JPY_PARENT_PID", "LKJIP_TEST_STATE")}
    state = {
        "cwd": os.getcwd(), "argv": sys.argv, "path": [p for p in sys.path if p], "env": env,
        "own_session": os.getsid(0) == os.getpid() == os.getpgid(0),
        "parent_is_watched": os.environ["JPY_PARENT_PID"] == str(os.getppid()),
        "backend": matplotlib.get_backend(), "rc_font": matplotlib.rcParams["font.family"],
        "language": i18n.language(), "random": float(numpy.random.random()),
        "pandas_rows": pandas.get_option("display.max_rows"), "filters": len(warnings.filters),
        "pid": os.getpid(), "ppid": os.getppid(),
    }
    open(os.environ["LKJIP_TEST_STATE"], "w").write(json.dumps(state))
    """
)


def _state(kernel: WarmKernel, path: Path) -> dict:
    run_sync(kernel._execute)(f"import os\nos.environ['LKJIP_TEST_STATE'] = {str(path)!r}\n{PROBE}")
    return json.loads(path.read_text())


@pytest.fixture
def zygote(monkeypatch):
    monkeypatch.setenv("LKJIP_LANG", "en")  # the zygote starts speaking English ...
    z = forked.Zygote(PRELOAD)
    z.start()
    yield z
    z.stop()


def test_a_forked_kernel_starts_in_the_state_a_launched_one_does(zygote, tmp_path, monkeypatch):
    monkeypatch.setenv("LKJIP_LANG", "id")  # ... the kernels are started in Indonesian
    kernels = [WarmKernel("python3", tmp_path, PRELOAD, None, None, z) for z in (zygote, zygote, None)]
    try:
        for k in kernels:
            k.start()
        assert [type(k.km.provisioner.process).__name__ for k in kernels] == ["ForkedProcess"] * 2 + ["Popen"]
        one, two, launched = (_state(k, tmp_path / f"state-{i}.json") for i, k in enumerate(kernels))
    finally:
        for k in kernels:
            k.shutdown()
    assert one["language"] == launched["language"] == "id"
    assert one["ppid"] == two["ppid"] != os.getpid() == launched["ppid"]  # the zygote's children
    assert one["random"] != two["random"]  # not the zygote's random numbers, twice
    assert one["argv"][0] == launched["argv"][0] and one["argv"][1] == "-f"  # each its own connection file
    for key in ("cwd", "path", "env", "own_session", "parent_is_watched", "backend", "rc_font", "pandas_rows"):
        assert one[key] == launched[key], key
    assert one["own_session"] and one["parent_is_watched"]
    assert Path(one["argv"][0]).name == "ipykernel_launcher.py"


def test_a_kernel_that_cannot_be_forked_is_launched(tmp_path):
    idle = forked.Zygote(PRELOAD)  # never started: no zygote to fork from
    kernel = WarmKernel("python3", tmp_path, PRELOAD, None, None, idle)
    try:
        kernel.start()
        assert type(kernel.km.provisioner.process).__name__ == "Popen"
        assert kernel.alive()
    finally:
        kernel.shutdown()
    with pytest.raises(forked.Unavailable):
        forked._launcher_argv(["/usr/bin/python3.9", "-m", "ipykernel_launcher", "-f", "k.json"])
    with pytest.raises(forked.Unavailable):
        forked._launcher_argv([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json", "--debug"])
    assert forked._launcher_argv([sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "k.json"])[
        1:
    ] == ["-f", "k.json"]


SCRIPT = textwrap.dedent(
    """
    import json, os, resource, sys
    from pathlib import Path
    from jupyter_core.utils import run_sync
    from lkjipkit.publish import forked
    from lkjipkit.publish.execute import WarmKernel

    zygote = forked.Zygote(["lkjipkit.report"])
    zygote.start()
    kernel = WarmKernel("python3", Path.cwd(), ["lkjipkit.report"], None, None, zygote)
    kernel.start()
    run_sync(kernel._execute)("import time\\nt = time.process_time()\\nwhile time.process_time() - t < 1.5: pass")
    print(json.dumps({"zygote": zygote._server._forkserver_pid, "kernel": kernel.km.provisioner.pid}), flush=True)
    if sys.argv[1] == "killed":
        os._exit(3)  # as if killed: nothing is shut down
    kernel.shutdown()
    zygote.stop()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"children_cpu": usage.ru_utime + usage.ru_stime}), flush=True)
    """
)


def _run(how: str, tmp_path: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, how], cwd=tmp_path, capture_output=True, text=True, timeout=240
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_the_kernels_cpu_time_is_accounted_to_the_build_once_the_zygote_is_stopped(tmp_path):
    pids, usage = _run("closed", tmp_path)
    assert usage["children_cpu"] >= 1.5  # the kernel's busy loop, reaped by the zygote, the zygote by the build
    assert still_running({pids["zygote"], pids["kernel"]}) == set()


def test_a_killed_build_leaves_no_zygote_and_no_kernel_behind(tmp_path):
    (pids,) = _run("killed", tmp_path)
    assert still_running({pids["zygote"], pids["kernel"]}) == set(), "the zygote or a kernel outlived the build"
