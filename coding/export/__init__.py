"""Exports for the paper: Word (python-docx, real Word styles), Excel (openpyxl), CSV and JSON.

One module per kind: ``summary`` (coded summary DOCX), ``matrix`` (framework matrix DOCX/XLSX),
``codebook`` (DOCX/JSON), ``segments`` (XLSX/CSV), ``tables`` (crosstab, frequencies, co-occurrence,
word lists as XLSX/CSV), ``agreement_report`` (agreement runs). Shared helpers are in ``common``
(target checks, write-whole-or-nothing, progress/cancel), ``word`` (fast styled Word output: one font
family, A4 or Letter, APA three-line tables) and ``journal`` (paper sizes, the locale's paper, type sizes,
column widths measured from the text).
Long exports take ``progress(done, total, label)`` and ``cancel() -> bool``
like the importer, write to a temporary file, and replace the target only when complete.
"""
