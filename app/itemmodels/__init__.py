"""Qt item models over plain frozen rows from ``coding/``'s readers (``coding.readers``, ``coding.codebook``): no SQL in ``data()``."""
