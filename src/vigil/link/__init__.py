"""The link stage: from posts to the groups of posts behind the same people.

Links (each with a type, a strength and its evidence) come from shared identifiers (with hub
detection), near-duplicate texts (MinHash LSH on masked word shingles), near-duplicate pictures
(pHash/dHash with Hamming search) and author names. Groups are near-duplicate text *clusters*
and *networks* (strong links join, weak ones must bundle). See ``docs/LINK.md``.

The core (``index``, ``graph``) is pure and incremental; ``vigil.link.store`` is the edge.
"""

from __future__ import annotations

import pickle
from typing import ClassVar

import numpy as np

from vigil.link.graph import finalize
from vigil.link.identifiers import note_handle
from vigil.link.index import LinkConfig, LinkState, update
from vigil.link.style import DIMS as style_dims
from vigil.model import Link
from vigil.pipeline.stage import Batch, GroupUpdate

STATE_FORMAT = "pickle-1"


class LinkStage:
    """Corpus stage: ``update`` links a batch against everything seen; ``finalize`` regroups."""

    name: ClassVar[str] = "link"
    built: ClassVar[bool] = True
    needs: ClassVar[tuple[str, ...]] = ("entities", "images")

    def __init__(self, config: LinkConfig | None = None) -> None:
        self.config = config or LinkConfig()

    def initial_state(self) -> LinkState:
        return LinkState(config=self.config)

    def update(self, state: LinkState, batch: Batch) -> tuple[LinkState, list[Link]]:
        return state, update(state, batch.posts, batch.entities, batch.images)

    def finalize(self, state: LinkState) -> tuple[LinkState, GroupUpdate]:
        changes, _ = finalize(state)
        return state, GroupUpdate(changes.upsert, changes.remove)

    def dump_state(self, state: LinkState) -> bytes:
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    def load_state(self, data: bytes) -> LinkState:
        state = pickle.loads(data)  # the workspace's own database: trusted like the rest of it
        if not isinstance(state, LinkState):
            raise TypeError("the saved link state is not a LinkState; delete the link_state row to rebuild")
        state.config = self.config
        if not hasattr(state, "style"):  # saved before style profiles: none for the old posts (no style support)
            state.style = np.zeros((state.n_posts, style_dims), np.int8)
        if not hasattr(state, "handle_platforms"):  # saved before bare words linked: rebuild from the identifiers
            state.handle_platforms = {}
            for k in state.idents:
                note_handle(state.handle_platforms, *k.split("\x1f", 1))
        return state


__all__ = ["LinkConfig", "LinkStage", "LinkState"]
