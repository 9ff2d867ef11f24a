"""Pelican plugins for the archive, one package each (listed in ``PLUGINS`` in pelicanconf.py).

Each package has a ``register()`` that connects Pelican signals, and its own tests under
``tests/plugins/<name>/`` that build a small real site. Plugins may read the article format
(``scrapers.core.article``) and the data loaders (gazetteer, vocabulary); they never import the
fetching side.
"""
