"""Data files of the named-pupil detector (name variants, the English word list for misspellings)."""
