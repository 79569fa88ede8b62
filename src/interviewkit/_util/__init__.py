"""Leaf helpers every stage shares: text and URL rules, file access, atomic output, the version.

They import nothing of interviewkit but :mod:`interviewkit.errors`, so any layer may use them.
"""
