"""What every command shares: exit statuses, the user's error, the text width."""

from __future__ import annotations

from opiskeluhuolto.fmt import TEXT_WIDTH

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "WIDTH", "CliError", "ascii_digits"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

WIDTH = TEXT_WIDTH
"""The width of help and listings."""


class CliError(Exception):
    """A user error: printed as one message, exit status 2."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def ascii_digits(text: str) -> bool:
    """Digits 0–9 only: "²" and "٢" pass ``str.isdigit`` but are no number here."""
    return text.isascii() and text.isdigit()
