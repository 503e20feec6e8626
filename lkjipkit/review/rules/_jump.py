"""When a realisation has jumped from last year's (shared by PLAUS-JUMP-IKU and PLAUS-JUMP-SPM)."""

from __future__ import annotations

import math

from ..context import EPS


def jumped(previous: float, current: float, settings) -> tuple[bool, float]:
    """(has it jumped, change as % of last year's value).

    Jumped: the change is at least ``loncatan_relatif`` % of last year's value
    and at least ``loncatan_minimum`` in the indicator's unit (points for %), so
    2 % → 4 % or 2 → 1 events are not jumps.
    """
    change = current - previous
    if abs(change) <= EPS:
        return False, 0.0
    relative = math.inf if abs(previous) <= EPS else abs(change) / abs(previous) * 100
    big_enough = abs(change) >= settings.loncatan_minimum - EPS
    return relative >= settings.loncatan_relatif - EPS and big_enough, relative


def change_text(relative: float) -> str:
    """``berubah 73 % dari nilai tahun lalu``, or ``dari nol`` when last year's value was 0."""
    if math.isinf(relative):
        return "padahal tahun lalu nol"
    from ..context import persen

    return f"berubah {persen(relative, 0)} dari nilai tahun lalu"
