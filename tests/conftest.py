"""Shared pytest configuration: hypothesis profiles.

Profiles (choose with ``HYPOTHESIS_PROFILE=name``; the default is ``ci``):

* ``ci``: 300 examples per property, no deadline (shared CI runners are
  noisy), derandomized: every run tries the same examples, so a failure in
  CI is a failure on every run and never a flake;
* ``dev``: 50 examples for a quick edit–test loop (derandomized too);
* ``thorough``: 3000 examples (10,000 for the parser fuzz, see
  ``test_phrases``) with random seeds, to explore new cases; run it yourself:
  ``HYPOTHESIS_PROFILE=thorough python -m pytest``.

No test measures wall-clock time: performance lives in ``benchmarks/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pluggy
import pytest
from hypothesis import HealthCheck, settings

from opiskeluhuolto import plugins

for _name, _examples, _random in (("ci", 300, False), ("dev", 50, False), ("thorough", 3000, True)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        derandomize=not _random,
        suppress_health_check=[HealthCheck.too_slow],
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def manager() -> Iterator[pluggy.PluginManager]:
    """A plugin manager with only this distribution's entry points, installed process-wide.

    Plugins installed on the machine never leak into a test that uses it, and
    the process-wide manager is dropped afterwards.
    """
    manager, errors = plugins.make_plugin_manager(distributions=["opiskeluhuolto"])
    assert errors == []
    plugins.reset(manager)
    try:
        yield manager
    finally:
        plugins.reset()
