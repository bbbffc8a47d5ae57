"""Benchmark: export a project to REFI-QDA (.qdpx) and print seconds and megabytes.

    python benchmarks/bench_refi.py PROJECT.concord [--out FILE.qdpx] [--flavour crlf-utf16]
                                   [--validate | --no-validate] [--import-back]

Target: the 100x benchmark project (about a million codings) exports in under 30 s. By default
the written XML is re-read against the schema only when it is small (see VALIDATE_AUTO_BYTES);
``--validate`` times the check too. Wall time depends on the machine's load, so CPU time is printed
as well. ``--synthetic DOCS CODINGS [--lines N]`` first builds a stand-in project at PROJECT when it does not
exist: DOCS documents of interview-like text (a few in Chinese, with emoji) and CODINGS codings
per document over 3 coders and the built-in codebook. Its rows are written directly (no spaCy
segmentation), which the export never reads, so building a million codings takes seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coding.project import Project
from coding.refi import Flavour, export_qdpx, import_qdpx
from models import Code, Coder, Coding, Document

SENTENCES_EN = [
    "The alliance decides on equipment purchases together with the health bureau.",
    "Our department heads meet every month to discuss referrals and shared staff.",
    "Patients now see specialists in the community clinic twice a week.",
    "Funding still comes through the old channels, so the hospital keeps its own budget.",
    "I think the reform is the right direction 👍 but the details are unclear.",
]
SENTENCES_ZH = [
    "医联体的决策权仍然在卫生行政部门。",
    "基层医生的培训由牵头医院负责。",
    "患者对双向转诊的满意度有所提高。",
]


def build_synthetic(path: Path, documents: int, codings_per_document: int, lines: int = 400, seed: int = 7) -> None:
    rng = random.Random(seed)
    project = Project.create(path, name=f"synthetic {documents}x{codings_per_document}")
    with project.session() as session:
        coder_ids = []
        for name in ("Coder A", "Coder B", "Coder C"):
            coder = Coder(name=name)
            session.add(coder)
            session.flush()
            coder_ids.append(coder.id)
        code_ids = list(session.scalars(select(Code.id)))
        now = datetime.now(UTC).replace(tzinfo=None)
        for number in range(documents):
            pool = SENTENCES_ZH if number % 10 == 0 else SENTENCES_EN
            turns = [f"{'Q' if i % 2 == 0 else 'A'}: {rng.choice(pool)} {rng.choice(pool)}" for i in range(lines)]
            text = "\n".join(turns) + f"\n(transcript {number})"
            document = Document(
                name=f"Interview {number:05d}",
                source_name=f"interview_{number:05d}.txt",
                format="txt",
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                language="zh" if pool is SENTENCES_ZH else "en",
                text=text,
                char_count=len(text),
            )
            session.add(document)
            session.flush()
            rows = []
            for _ in range(codings_per_document):
                start = rng.randrange(0, len(text) - 200)
                rows.append(
                    {
                        "uuid": str(uuid.uuid4()),
                        "document_id": document.id,
                        "coder_id": rng.choice(coder_ids),
                        "code_id": rng.choice(code_ids),
                        "start": start,
                        "end": start + rng.randrange(20, 200),
                        "memo": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            session.execute(insert(Coding), rows)
    project.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    parser.add_argument("--out", type=Path, help="the .qdpx to write (default: a temporary file, removed after)")
    parser.add_argument("--flavour", choices=[f.value for f in Flavour], default=Flavour.STANDARD.value)
    checks = parser.add_mutually_exclusive_group()
    checks.add_argument(
        "--validate",
        dest="validate",
        action="store_const",
        const=True,
        default=None,
        help="always re-read the written XML against the schema (default: only when small)",
    )
    checks.add_argument(
        "--no-validate",
        dest="validate",
        action="store_const",
        const=False,
        help="never re-read the written XML against the schema",
    )
    parser.add_argument("--import-back", action="store_true", help="also time importing the archive into a new project")
    parser.add_argument(
        "--synthetic",
        nargs=2,
        type=int,
        metavar=("DOCS", "CODINGS"),
        help="build a stand-in project at PROJECT first if it does not exist",
    )
    parser.add_argument("--lines", type=int, default=400, help="lines per synthetic document (~150 characters each)")
    args = parser.parse_args()
    if args.synthetic and not args.project.exists():
        started = time.perf_counter()
        build_synthetic(args.project, *args.synthetic, lines=args.lines)
        print(f"built synthetic project in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch) / "bench.qdpx"
        project = Project.open(args.project)
        with project.session() as session:
            codings = session.scalar(select(func.count(Coding.id)))
            documents = session.scalar(select(func.count(Document.id)))
            started, cpu_started = time.perf_counter(), time.process_time()
            report = export_qdpx(session, out, flavour=Flavour(args.flavour), overwrite=True, validate=args.validate)
            seconds = time.perf_counter() - started
            cpu_seconds = time.process_time() - cpu_started
        project.close()
        size_mb = out.stat().st_size / 1e6
        print(
            f"export: {documents} documents, {codings} codings, flavour {args.flavour}, "
            f"schema-checked {report.schema_valid is True}"
        )
        print(
            f"export seconds: {seconds:.2f} (CPU {cpu_seconds:.2f} s over both threads; load {os.getloadavg()[0]:.1f})"
        )
        print(f"export MB: {size_mb:.1f}")
        print(f"codings per second: {codings / seconds:,.0f}")
        if args.import_back:
            started = time.perf_counter()
            imported = import_qdpx(out, Path(scratch) / "back.concord")
            print(f"import seconds: {time.perf_counter() - started:.2f} ({imported.counts['codings']} codings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
