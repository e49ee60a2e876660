"""The evidence tests reuse the crawler tests' loopback site."""

from __future__ import annotations

from tests.collect.conftest import ads, web  # noqa: F401
