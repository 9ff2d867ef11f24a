"""The fetch stage: the polite HTTP client, the sources registry, list readers, attachments, the run.

:mod:`.client` makes every request (robots.txt, delays, retries, the public-address
guard, the conditional-GET cache); :mod:`.sources` reads ``scrapers/sources.yaml``;
:mod:`.lists` reads list pages of every shape; :mod:`.attachments` downloads a notice's
files; :mod:`.crawl` is ``python -m scrapers fetch``; :mod:`.health` is the sources'
health record.
"""
