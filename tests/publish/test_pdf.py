"""``html_to_pdf``: the cyclic garbage collector is paused while WeasyPrint renders, and comes back after."""

from __future__ import annotations

import gc
import threading

import pytest

from lkjipkit.errors import BuildError
from lkjipkit.publish import pdf
from lkjipkit.publish.pdf import _cyclic_gc_paused, html_to_pdf

PAGE = "<!DOCTYPE html><html><head><style>@page { size: A4 }</style></head><body><p>Satu halaman.</p></body></html>"


@pytest.fixture
def collector_on():
    """The collector running at the start, as in any process, and running again at the end whatever happens."""
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()
    assert pdf._gc_pausers == 0


def test_the_collector_is_paused_for_the_block_and_restarted_after(collector_on):
    with _cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), _cyclic_gc_paused():
        raise RuntimeError("a failed rendering")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on):
    gc.disable()
    with _cyclic_gc_paused():
        pass
    assert not gc.isenabled()


def test_renderings_in_two_threads_share_one_pause(collector_on):
    first_in, second_done = threading.Event(), threading.Event()
    seen = {}

    def first():
        with _cyclic_gc_paused():
            first_in.set()
            second_done.wait(10)
            seen["first, after the second ended"] = gc.isenabled()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with _cyclic_gc_paused():
        seen["second"] = gc.isenabled()
    second_done.set()
    thread.join(10)
    assert seen == {"second": False, "first, after the second ended": False}
    assert gc.isenabled()


def test_html_to_pdf_renders_and_writes_with_the_collector_paused(collector_on, monkeypatch):
    import weasyprint

    seen = []
    render, write_pdf = weasyprint.HTML.render, weasyprint.Document.write_pdf

    def spy_render(self, *args, **kwargs):
        seen.append(("render", gc.isenabled()))
        return render(self, *args, **kwargs)

    def spy_write(self, *args, **kwargs):
        seen.append(("write_pdf", gc.isenabled()))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", spy_render)
    monkeypatch.setattr(weasyprint.Document, "write_pdf", spy_write)
    assert html_to_pdf(PAGE).startswith(b"%PDF")
    assert seen == [("render", False), ("write_pdf", False)]
    assert gc.isenabled()
    # a refused fetch stops the rendering with a BuildError, and the collector runs again
    with pytest.raises(BuildError):
        html_to_pdf(PAGE.replace("<p>", '<p><img src="https://example.org/x.png">'))
    assert gc.isenabled()
