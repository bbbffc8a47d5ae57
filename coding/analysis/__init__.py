"""Analyses of coded transcripts, one module each; import what you use from its module:

- :mod:`coding.analysis.retrieval` (segments), :mod:`~coding.analysis.search` (text search, KWIC),
  :mod:`~coding.analysis.words` and :mod:`~coding.analysis.frequencies` (word and code frequencies),
  :mod:`~coding.analysis.cooccurrence`, :mod:`~coding.analysis.matrix` (the framework matrix),
  :mod:`~coding.analysis.crosstab` (crosstabs with tests), :mod:`~coding.analysis.filters`,
  :mod:`~coding.analysis.quotes`, :mod:`~coding.analysis.pooling`;
- content analysis: :mod:`~coding.analysis.content` (category tables with χ²),
  :mod:`~coding.analysis.phrases`, :mod:`~coding.analysis.keywords` (word and category co-occurrence),
  :mod:`~coding.analysis.correspondence` (CA and its biplot);
- :mod:`coding.analysis.charts` draws them (it loads matplotlib).

The package re-exports nothing, on purpose: scipy (crosstab, co-occurrence, frequencies) and matplotlib take
seconds to import, and the desktop app, which reads ``coding.analysis.quotes`` at start, must not pay for them
before an analysis is used. A lazy ``__getattr__`` is no way out either: ``crosstab`` and ``cooccurrence`` name
both a function and its module, and importing the module rebinds the package attribute to the module.
See docs/analysis.md for definitions.
"""
