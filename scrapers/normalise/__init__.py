"""Pure text → text cleaning steps, one concern each; ``pipeline`` composes them.

Nothing here touches the network or files (data files are read once at import), so
every step can be tested and fuzzed alone.
"""
