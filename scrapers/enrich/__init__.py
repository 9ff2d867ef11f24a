"""Metadata from cleaned text: title, dates and datelines, places, category and tags.

Pure functions over lines of clean Simplified text; data (gazetteer, vocabulary) is
read from ``scrapers/data`` once.
"""
