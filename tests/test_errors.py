"""One bilingual error base: every error with Finnish and English text is a BilingualError."""

from __future__ import annotations

import ast
import doctest
import pickle
from pathlib import Path

import pytest

from opiskeluhuolto import errors
from opiskeluhuolto.errors import BilingualError
from opiskeluhuolto.exporting import OptionError
from opiskeluhuolto.output import OutputError
from opiskeluhuolto.phrases import RuleSyntaxError, parse_rule
from opiskeluhuolto.plugins import DuplicateExporterError, PluginError
from opiskeluhuolto.recurrence import SchoolCalendarRequired, SchoolYearError
from opiskeluhuolto.school import SchoolCalendarError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (OptionError("style", "tuntematon tyyli", "unknown style"), ValueError),
        (OutputError("kansio puuttuu", "no such folder"), ValueError),
        (PluginError("p", "laajennus kaatui", "the plugin crashed"), RuntimeError),
        (SchoolYearError("virheellinen lukuvuosi", "a bad school year"), ValueError),
        (SchoolCalendarRequired("tarvitsee koulukalenterin", "needs a calendar"), ValueError),
        (SchoolCalendarError("tuntematon loma", "unknown break"), ValueError),
    ],
)
def test_each_error_is_bilingual_and_keeps_its_builtin_base(
    error: BilingualError, builtin: type[Exception]
) -> None:
    assert isinstance(error, BilingualError)
    assert isinstance(error, builtin)
    assert str(error) == error.message_fi == error.message("fi") == error.message("sv")
    assert error.message("en") == error.message_en
    assert error.args == (error.message_fi,)


def test_plugin_error_keeps_plugin_and_status() -> None:
    error = DuplicateExporterError("ical", ["a", "b"])
    assert isinstance(error, PluginError) and isinstance(error, BilingualError)
    assert error.plugin == "b" and error.status == 2
    assert error.message("en").startswith("two exporters named 'ical'")
    assert str(error).startswith("kaksi viejää samalla nimellä 'ical'")


def test_rule_syntax_error_keeps_its_two_language_str() -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule("syyskuussa foo")
    error = info.value
    assert isinstance(error, BilingualError) and isinstance(error, ValueError)
    assert str(error) == (
        f"{error.message_fi} kohdassa {error.position} ({error.message_en} at {error.position})"
    )
    assert error.args == (str(error),)
    assert error.message("en") == error.message_en
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.text, copy.position, copy.word, str(copy)) == (
        error.text,
        error.position,
        error.word,
        str(error),
    )


def test_errors_module_doctest() -> None:
    result = doctest.testmod(errors, report=False)
    assert result.attempted >= 1
    assert result.failed == 0


def _copies_of_the_base(path: Path, root: Path = ROOT) -> list[str]:
    """Classes doing again what BilingualError does once.

    A copy stores ``self.message_fi = …`` / ``self.message_en = …`` itself, or
    defines a ``message`` method that compares ``lang == "en"`` (``fmt.pick``
    is the one way to choose).  Values with ``message_fi`` fields (loading's
    Problem) store nothing on ``self`` and pick with ``fmt.pick``: not copies.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ClassDef):
            continue
        for sub in ast.walk(node):
            stores = isinstance(sub, ast.Assign) and any(
                isinstance(target, ast.Attribute)
                and target.attr in {"message_fi", "message_en"}
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
                for target in sub.targets
            )
            chooses = (
                isinstance(sub, ast.FunctionDef)
                and sub.name == "message"
                and any(
                    isinstance(cmp, ast.Compare)
                    and isinstance(cmp.left, ast.Name)
                    and cmp.left.id == "lang"
                    for cmp in ast.walk(sub)
                )
            )
            if stores or chooses:
                found.append(f"{path.relative_to(root)}:{node.name}:{sub.lineno}")
    return found


def test_no_copy_of_the_bilingual_base_is_left() -> None:
    """Only errors.py stores message_fi/message_en on self or picks a language in message()."""
    copies = [
        where
        for folder in ("src", "plugins")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != ROOT / "src" / "opiskeluhuolto" / "errors.py"
        for where in _copies_of_the_base(path)
    ]
    assert copies == []


def test_the_copy_finder_finds_the_old_copy(tmp_path: Path) -> None:
    old = tmp_path / "old.py"
    old.write_text(
        "class OutputError(ValueError):\n"
        "    def __init__(self, message_fi, message_en):\n"
        "        self.message_fi = message_fi\n"
        "    def message(self, lang='fi'):\n"
        "        return self.message_en if lang == 'en' else self.message_fi\n",
        encoding="utf-8",
    )
    assert sorted(_copies_of_the_base(old, tmp_path)) == [
        "old.py:OutputError:3",
        "old.py:OutputError:4",
    ]
    assert _copies_of_the_base(ROOT / "src" / "opiskeluhuolto" / "errors.py") != []
