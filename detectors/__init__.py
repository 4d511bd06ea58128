"""Detectors: one per label, fed by one shared spaCy pass."""
