"""Autocoding: codings proposed by a rule (a speaker's turns, a case's documents, a dictionary's hits) or by a
machine coder, previewed, then applied as a chosen coder in one undoable step (``coding.autocode.apply``)."""
