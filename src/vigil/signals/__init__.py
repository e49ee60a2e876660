"""Signals: why a post looks risky (indicator hits) and how risky (calibrated scores), per post.

- ``indicators``: the per-language indicator packs (``vigil/lang/<code>/indicators.yaml``) and the matcher.
- ``features``: indicator, entity and character n-gram features.
- ``model``: the shipped model (weights + recipe), loading and prediction; ``train`` builds it.
- ``stage``: the pipeline stage ``signals``; ``platforms``: platform-level assessment.

A score is a lead, never a verdict: every score comes with its reasons.
"""
