"""Team work with no server: who codes what (``assignments``), coder copies and merging them back.

Qt-free like the rest of ``coding/``; each module is imported where it is used.
"""
