"""Open a page in headless Chromium (Debian's /usr/bin/chromium) and report what happened, over DevTools.

A minimal DevTools-protocol client on ``websocket-client``: it starts Chromium
with networking cut off (a dead proxy, and the page's network emulated
offline), loads a ``file://`` page, and records every request, failed load,
console message and uncaught exception. :meth:`Browser.evaluate` runs checks in
the page; :meth:`Browser.screenshot` saves a PNG.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websocket

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:")


@dataclass
class PageLoad:
    url: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)

    @property
    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind in ("error", "assert")] + self.log_errors


class Browser:
    def __init__(self, binary: str = CHROMIUM, timeout: float = 60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="lkjip-chromium-")
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                "--proxy-server=http://127.0.0.1:9",  # nothing listens there: no request can leave
                "--proxy-bypass-list=<-loopback>",
                "--remote-allow-origins=*",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = self._devtools_url()
        self.ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        self._id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def _devtools_url(self) -> str:
        deadline = time.monotonic() + self.timeout
        seen = []
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                if self.proc.poll() is not None:
                    break
                continue
            seen.append(line)
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                return m.group(1)
        self.close()
        raise RuntimeError("Chromium did not start:\n" + "".join(seen[-20:]))

    def send(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def wait_for(self, method: str, timeout: float | None = None) -> dict:
        for ev in self.events:
            if ev.get("method") == method:
                return ev
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            ev = json.loads(self.ws.recv())
            self.events.append(ev)
            if ev.get("method") == method:
                return ev
        raise TimeoutError(method)

    def drain(self, seconds: float) -> None:
        """Collect events for a moment (late requests, console messages)."""
        self.ws.settimeout(0.1)
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                with contextlib.suppress(websocket.WebSocketTimeoutException):
                    self.events.append(json.loads(self.ws.recv()))
        finally:
            self.ws.settimeout(self.timeout)

    def open(self, path: Path, width: int = 1280, height: int = 900, mobile: bool = False) -> PageLoad:
        """Load ``path`` in a new tab of the given viewport, offline; what it requested and printed."""
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)[
            "sessionId"
        ]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile},
        )
        self.events.clear()
        url = Path(path).resolve().as_uri()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        self.drain(0.5)
        load = PageLoad(url)
        for ev in self.events:
            if ev.get("sessionId") != self.session:
                continue
            p = ev.get("params", {})
            match ev.get("method"):
                case "Network.requestWillBeSent":
                    load.requests.append(p["request"]["url"])
                case "Network.loadingFailed":
                    load.failed.append(f"{p.get('type')}: {p.get('errorText')}")
                case "Runtime.consoleAPICalled":
                    text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                    load.console.append((p.get("type"), text))
                case "Runtime.exceptionThrown":
                    load.exceptions.append(json.dumps(p.get("exceptionDetails", {}))[:500])
                case "Log.entryAdded":
                    if p["entry"].get("level") == "error":
                        load.log_errors.append(f"{p['entry'].get('source')}: {p['entry'].get('text')}")
        return load

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        params: dict = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
