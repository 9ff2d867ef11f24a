"""The editors' tools: ``invoke check``, ``new``, ``preview``, ``fix``, ``find``, ``evaluate``, ``sources check``.

They report and write for people; nothing in the pipeline or the plugins imports them.
"""
