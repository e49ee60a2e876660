"""The pipeline's stages, in order. Filled in one place; each stage's issue swaps in its class."""

from __future__ import annotations

from typing import ClassVar

from vigil.pipeline.stage import NotBuilt, Stage

STAGE_ORDER: tuple[str, ...] = ("extract", "signals", "link", "assess")


class _ExtractNotBuilt(NotBuilt):
    name: ClassVar[str] = "extract"


def build_stages() -> list[Stage]:
    """The stages in pipeline order. Imports are local so that `vigil status` stays fast."""
    from vigil.assess import AssessStage
    from vigil.link import LinkStage
    from vigil.signals.stage import SignalsStage

    return [_ExtractNotBuilt(), SignalsStage(), LinkStage(), AssessStage()]  # type: ignore[list-item]
