"""The settings `make bench` serves the app with: the production settings, unchanged,
and a URLconf that adds the floors (`benchmarks.floors`) beside the app's own pages.

Only the bench names this module (DJANGO_SETTINGS_MODULE=benchmarks.settings): a
deployment runs `raidassess.settings`, whose URLconf has no floor.
"""

from raidassess.settings import *  # noqa: F403
from raidassess.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "benchmarks.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "benchmarks" / "templates"]
