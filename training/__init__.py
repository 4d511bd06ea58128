"""Rebuilds the shipped learned models from the public data listed in training/SOURCES.md."""
