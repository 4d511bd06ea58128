"""Data files of the detectors: lexicons, domain lists and the exported profanity model."""
