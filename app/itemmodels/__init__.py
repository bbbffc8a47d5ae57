"""Qt item models over plain rows from ``app.data``: no SQL in ``data()``."""
