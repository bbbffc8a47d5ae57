"""Read a .qdpx with pyqdpx and write what it sees as JSON: run by an interpreter that can import pyqdpx.

pyqdpx 0.1.8 needs Python >= 3.12 (its source uses PEP 701 f-strings), so the interop tests run this file in a
separate interpreter: ``python3.12 pyqdpx_reader.py FILE.qdpx OUT.json``. Only pyqdpx's public API is used.
pyqdpx pads each character outside the BMP with a zero-width space to count positions as NVivo does; the
padding is removed from the texts reported here (``unpadded``) and kept in ``padded_length``.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys

import pyqdpx

PADDING = re.compile("(?<=[\U00010000-\U0010ffff])\u200b")


def unpadded(text: str | None) -> str | None:
    return None if text is None else PADDING.sub("", text)


def read(path: str) -> dict[str, object]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # pyqdpx reports skipped items with print()
        project = pyqdpx.QDPX(path).get_project()
        if project is None:
            return {"printed": printed.getvalue(), "opened": False}
        users = [{"guid": u.guid, "name": u.name, "id": u.id} for u in project.users.values()]
        codes = [
            {"guid": c.guid, "name": c.name, "description": c.description, "is_codable": c.is_codable,
             "parent": c.parent.guid if c.parent else None, "children": [child.guid for child in c.children]}
            for c in project.codes.values()
        ]
        sources = []
        for source in project.sources.values():
            selections = [
                {"guid": s.guid, "start": s.start, "end": s.end, "text": unpadded(s.text), "code": s.code.guid,
                 "user": s.user.guid, "description": s.description}
                for s in source.coded_selections.values()
            ]
            sources.append({"guid": source.guid, "name": source.name, "text": unpadded(source.text_content),
                            "padded_length": len(source.text_content or ""), "selections": selections})
    return {"opened": True, "printed": printed.getvalue(), "users": users, "codes": codes, "sources": sources}


if __name__ == "__main__":
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(read(sys.argv[1]), out, ensure_ascii=False)
