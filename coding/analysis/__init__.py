"""Analyses of coded transcripts: retrieval, text search, word and code frequencies, co-occurrence,
the framework matrix and crosstabs with tests. Charts live in :mod:`coding.analysis.charts`
(imported on demand: it loads matplotlib). See docs/analysis.md for definitions.
"""

from coding.analysis.codetree import CodeTree, parse_rows_spec
from coding.analysis.cooccurrence import Cooccurrence, cooccurrence
from coding.analysis.crosstab import Crosstab, contingency_tests, crosstab
from coding.analysis.filters import AttributeCondition, SegmentFilter, parse_where, resolve_filter
from coding.analysis.frequencies import CodeFrequencies, code_frequencies
from coding.analysis.matrix import FrameworkMatrix, cell_segments, framework_matrix, set_cell_summary
from coding.analysis.retrieval import Segment, count_segments, iter_segments, retrieve_segments
from coding.analysis.search import Hit, code_hits, search_text
from coding.analysis.words import WordFrequencies, word_frequencies

__all__ = [
    "AttributeCondition",
    "CodeFrequencies",
    "CodeTree",
    "Cooccurrence",
    "Crosstab",
    "FrameworkMatrix",
    "Hit",
    "Segment",
    "SegmentFilter",
    "WordFrequencies",
    "cell_segments",
    "code_frequencies",
    "code_hits",
    "contingency_tests",
    "cooccurrence",
    "count_segments",
    "crosstab",
    "framework_matrix",
    "iter_segments",
    "parse_rows_spec",
    "parse_where",
    "resolve_filter",
    "retrieve_segments",
    "search_text",
    "set_cell_summary",
    "word_frequencies",
]
