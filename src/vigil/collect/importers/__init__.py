"""Importers for what investigators already hold: Telegram Desktop exports and WARC files.

Each keeps provenance: the original file goes into the evidence store (the WARC file itself, or
the Telegram export as a WARC ``resource`` record) before any post is stored, and every post's
version history points at that record, so ``vigil evidence export`` works for imports too.
"""

from __future__ import annotations
