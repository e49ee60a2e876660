"""The pipeline's extract stage: entities (and languages) for each post of a batch.

Pure: no I/O; the runner stores what ``process`` returns. One bad post fails alone: its error is
reported under its id and the rest of the batch goes on.
"""

from __future__ import annotations

from typing import ClassVar

from vigil.extract import extract
from vigil.pipeline.stage import Batch, StageResult


class ExtractStage:
    name: ClassVar[str] = "extract"
    built: ClassVar[bool] = True
    needs: ClassVar[tuple[str, ...]] = ()

    def __init__(self, default_region: str | None = None, languages: bool = True) -> None:
        self.default_region = default_region
        self.languages = languages

    def process(self, batch: Batch) -> StageResult:
        result = StageResult()
        for post in batch.posts:
            try:
                result.entities.extend(extract(post, self.default_region, self.languages))
            except Exception as exc:  # one post's failure must not lose the batch
                result.errors[post.id] = f"{type(exc).__name__}: {exc}"
        return result
