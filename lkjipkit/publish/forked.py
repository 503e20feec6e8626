"""Warm kernels forked from one process that has already imported what the chapters need (Linux).

A kernel started the usual way is a new Python process that imports ipykernel, pandas, matplotlib and
lkjipkit before it runs a chapter: about 1.7 s of CPU, twice a build, while the builder needs the same two
cores to validate the dataset. Here one process, the *zygote*, imports all that once, beside the builder,
and every warm kernel is a fork of it: it starts with those modules imported (their memory shared with
its siblings) and runs ipykernel like any kernel.

The zygote is a :class:`multiprocessing.forkserver.ForkServer` of this module's own (not the process-wide
one): the standard library's process that forks on request and reports each child's pid and exit code.
A forked kernel is set up as :func:`jupyter_client.launcher.launch_kernel` would launch it: a session of
its own (interrupts reach its process group), the kernel's environment, working folder, ``sys.argv`` and
``sys.path``, stderr where the build keeps the kernels' output, the language its environment asks for and
fresh random state. It watches the zygote as its parent (``JPY_PARENT_PID``): the zygote ends when the
build closes it, or when the build's process ends, and any kernel left then ends too.

Only where that is safe and the same: on Linux (macOS frameworks do not survive a fork), for a kernel spec
that runs ``ipykernel_launcher`` with this Python, from a process that may start children. Anything else,
and any failure to fork, launches the kernel the usual way (:class:`jupyter_client.provisioning.LocalProvisioner`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from . import _kernel

log = logging.getLogger(__name__)

#: The module the zygote imports first: it sets up the process the kernels are forked from.
ZYGOTE_MODULE = "lkjipkit.publish._zygote"

#: Packages the zygote imports of the chapters' imports; the kernel imports any other itself, after the fork
#: (a module that starts a thread when imported would make forking the zygote unsafe).
ZYGOTE_PACKAGES = frozenset({"lkjipkit", "IPython", "pandas", "numpy", "matplotlib"})

#: Seconds :meth:`Zygote.stop` waits for the zygote to end before it kills it.
STOP_TIMEOUT = 5.0

#: Seconds a kernel waits for the zygote to fork it (the zygote may still be importing) before it is launched
#: the usual way instead.
FORK_TIMEOUT = 120.0


def supported() -> bool:
    """Kernels can be forked here: Linux, the fork server start method, and a process that may start children
    (not a daemonic multiprocessing worker)."""
    return (
        sys.platform.startswith("linux")
        and "forkserver" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


class Unavailable(Exception):
    """This kernel cannot be forked (its command is not this Python's ipykernel, the zygote is gone...)."""


class Zygote:
    """The process warm kernels are forked from; :meth:`start` it early, :meth:`stop` it after its kernels.

    ``preload``: the modules the chapters import (:attr:`lkjipkit.publish.execute.Executor.preload`); the
    zygote imports those of :data:`ZYGOTE_PACKAGES`, and of lkjipkit's packages their submodules too, as a
    warm kernel does.
    """

    def __init__(self, preload: list[str]) -> None:
        self.preload = list(preload)
        self._lock = threading.Lock()
        self._server = None
        self._owner = os.getpid()

    def start(self) -> None:
        """Start the zygote (it imports in its own process while this one goes on); a failure only means
        that kernels will be launched the usual way."""
        from multiprocessing import forkserver

        with self._lock:
            if self._server is not None:
                return
            server = forkserver.ForkServer()
            known = [m for m in self.preload if m.partition(".")[0] in ZYGOTE_PACKAGES]
            server.set_forkserver_preload([ZYGOTE_MODULE, *_kernel.expand(known)])
            # Ctrl-C is for the build, not the zygote (a KeyboardInterrupt in the middle of its imports would
            # print a traceback): it starts with SIGINT blocked, which its kernels unblock (their interrupts).
            # The fork server first starts multiprocessing's resource tracker, which unblocks SIGINT after
            # starting: so the tracker is started before SIGINT is blocked.
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                server.ensure_running()
            except Exception as exc:  # e.g. no AF_UNIX sockets: kernels are launched as usual
                log.debug("kernel zygote not started: %s", exc)
                return
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            self._server = server

    def adopt(self, km) -> None:
        """Have the kernel manager ``km`` start its kernel as a fork of this zygote (before ``start_kernel``)."""
        import uuid

        km.kernel_id = km.kernel_id or str(uuid.uuid4())
        km.provisioner = ForkedProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
        km.provisioner.zygote = self

    def fork(self, cmd: list[str], kwargs: dict[str, Any]) -> ForkedProcess:
        """Fork a kernel that runs ``cmd`` (``python -m ipykernel_launcher -f CONNECTION_FILE``) with the Popen
        arguments ``kwargs`` (env, cwd, stdout, stderr); the child process, or :class:`Unavailable`."""
        from multiprocessing import forkserver

        argv = _launcher_argv(cmd)
        extra = set(kwargs) - {"env", "cwd", "stdout", "stderr"}
        if extra:
            raise Unavailable(f"launch arguments {sorted(extra)}")
        with self._lock:
            server = self._server
            if server is None or os.getpid() != self._owner:
                raise Unavailable("no zygote in this process")
        streams = [_fileno(kwargs.get("stdout"), 1), _fileno(kwargs.get("stderr"), 2)]
        try:
            status_r, data_w = server.connect_to_new_process(streams)
        except Exception as exc:  # the zygote died or cannot accept: launch as usual
            raise Unavailable(f"zygote: {type(exc).__name__}: {exc}") from exc
        child = _KernelChild(
            argv=argv,
            env=dict(kwargs.get("env") or os.environ),
            cwd=str(kwargs.get("cwd") or Path.cwd()),
        )
        from multiprocessing import reduction

        try:
            with open(data_w, "wb", closefd=True) as pipe:
                reduction.dump({}, pipe)  # no "preparation data": the child sets itself up (_KernelChild)
                reduction.dump(child, pipe)
            if not select.select([status_r], [], [], FORK_TIMEOUT)[0]:
                raise TimeoutError(f"no fork in {FORK_TIMEOUT:g} s")
            pid = forkserver.read_signed(status_r)
        except Exception as exc:
            os.close(status_r)
            raise Unavailable(f"zygote: {type(exc).__name__}: {exc}") from exc
        return ForkedProcess(pid, status_r)

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """End the zygote (its kernels should be shut down first) and reap it, so that the CPU time of the
        zygote and its kernels is accounted to this process's children; killed after ``timeout`` seconds."""
        with self._lock:
            server, self._server = self._server, None
        if server is None or os.getpid() != self._owner:
            return
        pid, alive = server._forkserver_pid, server._forkserver_alive_fd
        if pid is None:
            return
        with contextlib.suppress(OSError):
            os.close(alive)  # the zygote ends when no one holds its "alive" pipe any more
        deadline = time.monotonic() + timeout
        try:
            while os.waitpid(pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    break
                time.sleep(0.01)
        except ChildProcessError:  # already reaped
            pass
        address = server._forkserver_address
        if isinstance(address, str) and not address.startswith("\0"):
            with contextlib.suppress(OSError):
                os.unlink(address)


class ForkedProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, whose kernel process is a fork of a :class:`Zygote`.

    Everything but the launch is the local provisioner's: the connection file, the environment, signals to
    the kernel's process group, kill, wait, cleanup. A kernel that cannot be forked is launched as usual.
    """

    zygote: Zygote | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        if self.zygote is None:
            return await super().launch_kernel(cmd, **kwargs)
        try:
            process = self.zygote.fork(cmd, self._scrub_kwargs(kwargs))
        except Unavailable as exc:
            log.debug("kernel launched, not forked: %s", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = process
        self.pid = process.pid
        self.pgid = process.pid  # the child's first act is a session of its own (never ask before it did)
        self.cwd = kwargs.get("cwd", Path.cwd())
        return self.connection_info


class ForkedProcess:
    """A forked kernel as :class:`subprocess.Popen` shows a process to the local provisioner.

    It is the zygote's child, not this process's: its exit code comes from the zygote, on ``status``.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, status: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._status = status

    def poll(self) -> int | None:
        """The exit code, or None while the kernel runs."""
        return self._wait(0)

    def wait(self, timeout: float | None = None) -> int:
        code = self._wait(timeout)
        if code is None:
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
        return code

    def _wait(self, timeout: float | None) -> int | None:
        if self.returncode is None and select.select([self._status], [], [], timeout)[0]:
            from multiprocessing import forkserver

            try:
                self.returncode = forkserver.read_signed(self._status)
            except (OSError, EOFError):  # the zygote ended before the kernel did: it is gone as well
                self.returncode = 255
            with contextlib.suppress(OSError):
                os.close(self._status)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:  # never signal a pid that may have been reused
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def __del__(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(OSError):
                os.close(self._status)


class _KernelChild:
    """What the zygote's child runs (multiprocessing calls ``_bootstrap`` in it): set up as a launched
    kernel would be, then ipykernel, then the child ends with ipykernel's exit code."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: str) -> None:
        self.argv, self.env, self.cwd = argv, env, cwd

    def _bootstrap(self, parent_sentinel: int) -> int:
        from multiprocessing import forkserver

        code = 1
        try:
            os.close(parent_sentinel)
            os.setsid()
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a kernel is interrupted with SIGINT
            # the zygote's "alive" pipe: held here, it would keep the zygote up after the build ended
            alive = getattr(forkserver._forkserver, "_forkserver_alive_fd", None)
            if alive is not None:
                os.close(alive)
            stdout, stderr = forkserver.get_inherited_fds()
            for fd, target in ((stdout, 1), (stderr, 2)):
                os.dup2(fd, target)
                os.close(fd)
            from . import _zygote

            _zygote.become_kernel(self.argv, self.env, self.cwd)
            from ipykernel import kernelapp

            # its parent, to end with (ipykernel read JPY_PARENT_PID when the zygote imported it)
            kernelapp.launch_new_instance(argv=[*self.argv[1:], f"--IPKernelApp.parent_handle={os.getppid()}"])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            import atexit

            atexit._run_exitfuncs()  # what a kernel's interpreter does when it ends (the zygote exits with os._exit)
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
        return code


#: Interpreter options of a kernel command that a fork may leave out: ipykernel's kernel spec asks for
#: ``-Xfrozen_modules=off`` so that its debugger can step into the standard library, which a forked kernel
#: (the zygote runs with this process's options) then does not; everything else is the same.
IGNORED_OPTIONS = ("-Xfrozen_modules=off",)


def _launcher_argv(cmd: list[str]) -> list[str]:
    """``[launcher, -f, connection file]`` for ``cmd`` if it is ``PYTHON -m ipykernel_launcher -f FILE`` with
    this process's Python (and options of :data:`IGNORED_OPTIONS`); else :class:`Unavailable`."""
    args = [a for a in cmd[1:] if a not in IGNORED_OPTIONS]
    if len(args) != 4 or args[:3] != ["-m", "ipykernel_launcher", "-f"]:
        raise Unavailable(f"kernel command {cmd}")
    try:
        same = os.path.samefile(os.path.expanduser(cmd[0]), sys.executable)
    except OSError:
        same = False
    if not same:
        raise Unavailable(f"kernel Python {cmd[0]} is not {sys.executable}")
    import importlib.util

    spec = importlib.util.find_spec("ipykernel_launcher")
    return [spec.origin if spec and spec.origin else "ipykernel_launcher", "-f", args[3]]


def _fileno(stream, default: int) -> int:
    """The file descriptor of a Popen ``stdout``/``stderr`` argument (None: this process's)."""
    if stream is None:
        return default
    if isinstance(stream, int):
        if stream < 0:  # subprocess.PIPE, DEVNULL, STDOUT: not something a fork can be given
            raise Unavailable(f"stream {stream}")
        return stream
    return stream.fileno()
