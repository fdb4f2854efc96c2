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

from hypothesis import HealthCheck, settings

for _name, _examples in (("ci", 300), ("dev", 50), ("thorough", 3000)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        derandomize=False,
        suppress_health_check=[HealthCheck.too_slow],
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
