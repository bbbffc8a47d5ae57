"""The codebook: a tree of codes, its built-in Preker-Harding default, edits, merges and JSON exchange.

A code's level is its depth (1 = top). Names are not identities (the built-in codebook has two
"Social functions"), so codes are addressed by id, uuid or a path of names ("A/B/C", or any
unambiguous suffix of it). Every write validates all of its input before touching the session, so
a refusal leaves the project unchanged, and records an audit event with the values before and after.

The modules by job: ``tree`` reads (the one read model: :class:`CodeInfo` per code and the :class:`CodeTree`
loaded in one query, with its :class:`CodeNode` view, levels, paths, roll-ups and ``find_code``), ``fields``
validates a code's editable fields, ``operations`` edits (add, update, move, merge, delete) and
``exchange`` reads and writes codebook files. This package's names are the public API.
"""

from coding.codebook.exchange import (
    CODEBOOK_FORMAT,
    CODEBOOK_VERSION,
    builtin_codebook_data,
    export_codebook,
    export_codebook_file,
    import_codebook,
    import_codebook_file,
    load_builtin_codebook,
)
from coding.codebook.fields import EDITABLE_FIELDS
from coding.codebook.operations import (
    CodePlace,
    add_code,
    code_place,
    delete_code,
    delete_refusal,
    expect_code_place,
    merge_codes,
    move_code,
    rename_code,
    update_code,
)
from coding.codebook.tree import (
    PATH_SEPARATOR,
    CodeInfo,
    CodeNode,
    CodeTree,
    code_levels,
    code_path,
    code_paths,
    codebook_tree,
    descendant_ids,
    find_code,
    parse_rows_spec,
)

__all__ = [
    "CODEBOOK_FORMAT",
    "CODEBOOK_VERSION",
    "EDITABLE_FIELDS",
    "PATH_SEPARATOR",
    "CodeInfo",
    "CodeNode",
    "CodeTree",
    "CodePlace",
    "add_code",
    "builtin_codebook_data",
    "code_levels",
    "code_path",
    "code_paths",
    "code_place",
    "codebook_tree",
    "delete_code",
    "delete_refusal",
    "descendant_ids",
    "expect_code_place",
    "export_codebook",
    "export_codebook_file",
    "find_code",
    "import_codebook",
    "import_codebook_file",
    "load_builtin_codebook",
    "merge_codes",
    "parse_rows_spec",
    "move_code",
    "rename_code",
    "update_code",
]
