"""Reviu: the automatic numeric review of a dataset and its report.

PermenPAN-RB 53/2014 has the internal auditor (APIP) review every LKjIP
before it is signed. This package does the numeric part: it compares the
figures a report prints with the figures they come from, checks that the same
thing is named and budgeted alike in every table, flags implausible figures,
and lists what the report still lacks. Each check is one rule in
:mod:`lkjipkit.review.rules`; every rule is documented in ``docs/review.md``.

>>> from lkjipkit.dataset import load_dataset
>>> from lkjipkit.review import review, render_findings_table
>>> findings = review(load_dataset("data/balikpapan-disnakersos"), 2016)
>>> print(render_findings_table(findings))  # doctest: +SKIP

A finding is not a load error: the data loaded, but something is wrong or
suspicious. ``exit_code(findings)`` is 1 when any finding is an ``error`` that the
analyst has not accepted with a reason in ``reviu.yaml`` (:mod:`lkjipkit.review.acceptance`).
"""

from __future__ import annotations

from .engine import review, sort_findings
from .finding import SEVERITIES, SEVERITY_LABELS, Finding, counts, exit_code, to_json
from .render import findings_frame, render_findings_table, rules_frame, summary_text
from .rules import RULE_BY_ID, RULES
from .settings import SETTINGS_FILE, ReviewSettings, dataset_settings, load_settings, settings_path

__all__ = [
    "RULES",
    "RULE_BY_ID",
    "SETTINGS_FILE",
    "SEVERITIES",
    "SEVERITY_LABELS",
    "Finding",
    "ReviewSettings",
    "counts",
    "dataset_settings",
    "exit_code",
    "findings_frame",
    "load_settings",
    "render_findings_table",
    "review",
    "rules_frame",
    "settings_path",
    "sort_findings",
    "summary_text",
    "to_json",
]
