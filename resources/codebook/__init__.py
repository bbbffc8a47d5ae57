"""The built-in codebook shipped with Concord (Preker-Harding, seed 003 Table 2)."""
