"""The core: what every other part of the project may import, and what it imports nothing of.

The article model (:mod:`.article`), the content rules (:mod:`.rules`), the data loaders
(:mod:`.datafiles`, :mod:`.gazetteer`, :mod:`.vocabulary`), the shared patterns
(:mod:`.patterns`), the one decoder, the one atomic writer and the one result type. The
Pelican plugins import only this package; the pipeline stages, the editors' tools and the
CI helpers build on it. Nothing here opens a network connection or parses a command line.
"""
