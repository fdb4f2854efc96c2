"""The headless-Chromium helpers of ``docs/render_wheel.py``, for the browser tests.

``docs/render_wheel.py`` is the script that draws the README's picture of the
wheel; its functions find Chromium and drive it headless.  The browser tests
(the wheel's, the site's, the report's) load it once, here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

RENDER_SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "render_wheel.py"


def _load_render_helpers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_wheel", RENDER_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _load_render_helpers()
