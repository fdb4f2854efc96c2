"""The TOML examples of docs/school-calendar.md load and mean what the page says."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from opiskeluhuolto.loading import loads

PAGE = Path(__file__).resolve().parent.parent / "docs" / "school-calendar.md"
HEADER = 'schema = 1\n\n[organisation]\nid = "sedu"\nname = "Sedu"\n\n'
GROUPS = """
[[groups]]
id = "sedu"
name = "Sedu"

[[groups]]
id = "kampus"
name = "Kampus"
parent = "sedu"

"""


def test_page_toml_loads() -> None:
    terms_and_breaks, group = re.findall(r"```toml\n(.*?)```", PAGE.read_text("utf-8"), re.S)
    group = group.replace('id = "ohr"\n', 'id = "ohr"\nparent = "kampus"\n')
    org = loads(HEADER + terms_and_breaks + "\n" + GROUPS + group)
    wed_42, wed_43 = dt.date(2026, 10, 14), dt.date(2026, 10, 21)
    assert [org.school_calendar("sedu").is_school_day(d) for d in (wed_42, wed_43)] == [False, True]
    assert [org.school_calendar("kampus").is_school_day(d) for d in (wed_42, wed_43)] == [
        True,
        False,
    ]
    # Second Tuesdays in the campus's terms, its autumn break in week 43 (so
    # 13.10. is held), plus 20.10., minus 8.12.; 11.8. is before the term.
    days = [m.day for m in org.meetings("ohr", dt.date(2026, 8, 1), dt.date(2027, 7, 31))]
    assert days == [
        dt.date(2026, 9, 8),
        dt.date(2026, 10, 13),
        dt.date(2026, 10, 20),
        dt.date(2026, 11, 10),
        dt.date(2027, 1, 12),
        dt.date(2027, 2, 9),
        dt.date(2027, 3, 9),
        dt.date(2027, 4, 13),
        dt.date(2027, 5, 11),
    ]
