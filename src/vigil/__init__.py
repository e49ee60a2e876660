"""Vigil: find human traffickers who recruit and advertise victims online.

Pipeline: collect -> extract -> signals -> link -> assess -> serve/export.
A score is a lead, never a verdict.
"""

__version__ = "0.1.0"
