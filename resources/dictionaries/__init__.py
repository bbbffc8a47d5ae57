"""Dictionaries that ship with Concord, in the plain-text format (docs/autocode.md, "Dictionaries")."""
