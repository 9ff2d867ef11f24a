"""The CI helpers: the scheduled scrape's pull request and the hourly publish decision.

:mod:`.schedule` runs with the standard library only (before any package is installed),
so this package must import nothing at import time.
"""
