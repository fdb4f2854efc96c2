"""Shared pytest configuration: hypothesis profiles.

Profiles (choose with ``HYPOTHESIS_PROFILE=name``; the default is ``ci``):

* ``ci``: 300 examples per property, no deadline (shared CI runners are
  noisy), random seeds so every run explores new cases;
* ``dev``: 50 examples for a quick edit–test loop;
* ``thorough``: 3000 examples, for an occasional long run.

No test measures wall-clock time: performance lives in ``benchmarks/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pluggy
import pytest
from hypothesis import HealthCheck, settings

from opiskeluhuolto import plugins

for _name, _examples in (("ci", 300), ("dev", 50), ("thorough", 3000)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        derandomize=False,
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
