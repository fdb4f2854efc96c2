"""Finnish timing phrases: parse_rule() and describe().  (Being written.)"""

from __future__ import annotations

from typing import Literal

from opiskeluhuolto.recurrence import Rule

__all__ = ["RuleSyntaxError", "describe", "parse_rule"]


class RuleSyntaxError(ValueError):
    """A timing phrase that cannot be read."""


def parse_rule(text: str) -> Rule:
    raise RuleSyntaxError(f"not implemented yet: {text!r}")


def describe(rule: Rule, lang: Literal["fi", "en"] = "fi") -> str:
    raise NotImplementedError
