"""The shipped abuse lexicons of other languages (a package so that setuptools ships its data files)."""
