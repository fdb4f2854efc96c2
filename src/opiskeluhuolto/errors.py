"""The one base of the errors that speak Finnish and English.

Every error the user may see carries its text in both languages:
``message_fi``, ``message_en`` and ``message(lang)``; ``str(error)`` is the
Finnish.  An error may carry Swedish too (``message_sv``, e.g. a Swedish
timing phrase that cannot be read); ``message("sv")`` is the Finnish when it
does not.  :class:`BilingualError` holds them once; each error keeps the
built-in base callers catch it by (``ValueError``, ``RuntimeError``) next to it::

    class OutputError(BilingualError, ValueError): ...

>>> class Demo(BilingualError, ValueError):
...     pass
>>> error = Demo("kysely puuttuu", "the survey is missing")
>>> str(error), error.message("en"), isinstance(error, ValueError)
('kysely puuttuu', 'the survey is missing', True)

This module imports nothing heavy: every core module may use it.
"""

from __future__ import annotations

from opiskeluhuolto.fmt import Lang, pick

__all__ = ["BilingualError"]


class BilingualError(Exception):
    """An error with a Finnish and an English message; ``str()`` is the Finnish."""

    message_fi: str
    message_en: str
    message_sv: str | None

    def __init__(self, message_fi: str, message_en: str, message_sv: str | None = None) -> None:
        super().__init__(message_fi)
        self.message_fi = message_fi
        self.message_en = message_en
        self.message_sv = message_sv

    def message(self, lang: Lang | str = "fi") -> str:
        """The message in ``lang``: "en" English, "sv" the Swedish when the error has
        one (``message_sv``), anything else Finnish."""
        return pick(lang, self.message_fi, self.message_en, self.message_sv)

    def __str__(self) -> str:
        return self.message_fi
