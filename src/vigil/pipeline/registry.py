"""The pipeline's stages, in order. Filled in one place; each stage's issue swaps in its class."""

from __future__ import annotations

from vigil.pipeline.stage import Stage

STAGE_ORDER: tuple[str, ...] = ("extract", "signals", "link", "assess")


def build_stages() -> list[Stage]:
    """The stages in pipeline order. Imports are local so that `vigil status` stays fast."""
    from vigil.assess import AssessStage
    from vigil.extract.stage import ExtractStage
    from vigil.link import LinkStage
    from vigil.signals.stage import SignalsStage

    return [ExtractStage(), SignalsStage(), LinkStage(), AssessStage()]  # type: ignore[list-item]
