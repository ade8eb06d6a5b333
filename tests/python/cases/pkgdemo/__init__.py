"""A package for the import tests."""
VERSION = "1.0"
loaded = []
loaded.append("pkgdemo")
