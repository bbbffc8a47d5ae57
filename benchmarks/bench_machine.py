"""Benchmark: the local machine coder (issue 15, item 4) on the demo and at seed scale.

    python benchmarks/bench_machine.py [--demo PATH] [--folds 5] [--skip-seed] [--documents 55] [--json]

Demo: trains "Machine (Lin)" on Lin's codings at sentence units, reports the training time, the cross-validated
precision, recall and F1 per code, and Krippendorff's α of (Machine (Lin), Morgan) beside α of (Lin, Morgan) at
sentence units per code, from the agreement engine the CLI uses (``coding.agreement.compare.run_comparison``).
The machine's codings are its out-of-fold predictions, so its α is not inflated by predicting its own training
units.

Seed scale: a synthetic coded corpus of 55 transcripts of ≈12,000 words (``benchmarks/generate_corpus.py``, six
in Chinese) where coder A codes the sentences that speak of budgets, referrals, staff quotas, insurance,
investment, public health, directors or the reform (in English and Chinese) with the matching level-3 code —
missing one in ten and coding 2 % of the other sentences at random, as a tired person might — and the machine
coder trains on A. Target: training < 60 s on 2 cores. Prints what it measured, honestly, with the load average.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import OUT_DIR, load_average, machine_line, machine_description  # noqa: E402

# keyword (English or Chinese, as the generator writes it) -> the level-3 code coder A gives the sentence
KEYWORDS: dict[str, tuple[str, ...]] = {
    "Residual claims/Financial management rights": ("budget", "预算", "预付", "the accounts", "结余"),
    "Decision rights/Organizational changes": ("referral", "转诊"),
    "Market competition/Personnel management rights": ("personnel quota", "staff recruitment", "编制", "招聘"),
    "Accountability/Government regulations": ("insurance", "医保"),
    "Market competition/Investment decision-making rights": ("investment", "equipment", "投入"),
    "Accountability/Social functions": ("public health", "公共 卫生"),
    "Decision rights/Owner functions": ("appointment of directors", "unified management"),
    "Social functions/Institutional environments": ("the reform", "the pilot", "改革"),
}
MISS, NOISE = 0.10, 0.02


def _train_and_store(path: Path, coder: str, folds: int) -> dict[str, Any]:
    from coding.autocode import machine
    from coding.project import Project

    with Project.open(path) as project:
        began = time.perf_counter()
        with project.session() as session:
            data = machine.training_data(session, from_coder=coder)
        read = time.perf_counter() - began
        cpu = time.process_time()
        trained = machine.train(data, folds=folds)
        cpu = time.process_time() - cpu
        began = time.perf_counter()
        with project.session() as session:
            report = machine.store_model(session, trained, actor="benchmark")
        stored = time.perf_counter() - began
    return {
        "units": len(data.texts), "codes": len(data.codes), "skipped": data.skipped, "language": data.language,
        "read_s": round(read, 2), "train_s": trained.seconds, "train_cpu_s": round(cpu, 1), "store_s": round(stored, 2),
        "epochs": trained.parameters["epochs"], "codings": report.codings,
        "per_code": [row.to_dict() for row in trained.per_code], "load_after": load_average(),
    }


def _alphas(path: Path, coders: tuple[str, str]) -> dict[str, float | None]:
    """α per code (all documents, every unit) between two coders at sentence units."""
    from coding.agreement.compare import ComparisonParams, run_comparison
    from coding.project import Project

    with Project.open(path) as project, project.session() as session:
        result = run_comparison(session, ComparisonParams(coders=coders, unit="sentence", measures=("alpha",)))
    alphas: dict[str, float | None] = {}
    for f in result.figures:  # a code above others is read rolled up (with the codes below it), as reports do
        if f.measure == "alpha" and f.document_uuid is None and f.code_uuid is not None and f.units == "all":
            alphas.setdefault(f.code_uuid, f.value)
    return alphas


def bench_demo(demo: Path | None, folds: int) -> dict[str, Any]:
    from coding.demo import build_demo

    target = OUT_DIR / "machine_demo.concord"
    for leftover in OUT_DIR.glob("machine_demo.concord*"):
        leftover.unlink()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    if demo is not None:
        shutil.copy(demo, target)
    else:
        build_demo(target)
    result = _train_and_store(target, "Lin", folds)
    machine_alpha = _alphas(target, ("Machine (Lin)", "Morgan"))
    human_alpha = _alphas(target, ("Lin", "Morgan"))
    for row in result["per_code"]:
        row["alpha_machine_morgan"] = machine_alpha.get(row["code_uuid"])
        row["alpha_lin_morgan"] = human_alpha.get(row["code_uuid"])
    return result


def _code_seed_corpus(path: Path, seed: int) -> int:
    """Coder A's keyword codings on the synthetic corpus (Core inserts, as the generator writes its own)."""
    from sqlalchemy import insert, select

    from coding.codebook import find_code
    from coding.project import Project
    from models import Coder, Coding, Document, Sentence, new_uuid

    rng = random.Random(seed)
    with Project.open(path) as project, project.session() as session:
        coder_id = session.scalar(select(Coder.id).where(Coder.name == "A"))
        codes = {path_: find_code(session, path_).id for path_ in KEYWORDS}
        texts = {row.id: row.text for row in session.execute(select(Document.id, Document.text))}
        rows = []
        for document_id, start, end in session.execute(select(Sentence.document_id, Sentence.start, Sentence.end)):
            sentence = texts[document_id][start:end].lower()
            for code_path, words in KEYWORDS.items():
                matches = any(word in sentence for word in words)
                if (matches and rng.random() >= MISS) or (not matches and rng.random() < NOISE / len(KEYWORDS)):
                    rows.append({"uuid": new_uuid(), "document_id": document_id, "coder_id": coder_id,
                                 "code_id": codes[code_path], "start": start, "end": end, "memo": ""})
        session.execute(insert(Coding), rows)
    return len(rows)


def bench_seed(documents: int, folds: int) -> dict[str, Any]:
    from benchmarks.generate_corpus import build_synthetic_project

    target = OUT_DIR / "machine_seed.concord"
    for leftover in OUT_DIR.glob("machine_seed.concord*"):
        leftover.unlink()
    build_synthetic_project(target, scale=1, codings_per_document=0, coders=("A",), documents=documents)
    codings = _code_seed_corpus(target, seed=7)
    result = _train_and_store(target, "A", folds)
    return {"documents": documents, "codings_of_A": codings, **result}


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def as_markdown(demo: dict[str, Any] | None, seed: dict[str, Any] | None, folds: int) -> str:
    lines = [f"Machine: {machine_line(machine_description())}; {time.strftime('%Y-%m-%d %H:%M %Z')}."]
    if demo is not None:
        lines += [
            "", f"**Demo**, Machine (Lin) at sentence units, {folds}-fold cross-validation: {demo['units']} units, "
            f"{demo['codes']} codes learnt (left out: {demo['skipped'] or 'none'}); training {demo['train_s']:.1f} s "
            f"({demo['train_cpu_s']:.1f} s of CPU; epochs {demo['epochs']}), reading {demo['read_s']:.1f} s, storing {demo['store_s']:.1f} s; load after "
            f"{demo['load_after'][0]:.2f}.", "",
            "| Code | n | precision | recall | F1 | α(Machine (Lin), Morgan) | α(Lin, Morgan) |", "|---|---|---|---|---|---|---|",
            *(f"| {r['code_path']} | {r['n_examples']} | {_figure(r['precision'])} | {_figure(r['recall'])} | "
              f"{_figure(r['f1'])} | {_figure(r['alpha_machine_morgan'])} | {_figure(r['alpha_lin_morgan'])} |"
              for r in demo["per_code"]),
        ]
    if seed is not None:
        f1 = [r["f1"] for r in seed["per_code"] if r["f1"] is not None]
        lines += [
            "", f"**Seed scale**, {seed['documents']} synthetic transcripts of ≈12,000 words, coder A's keyword "
            f"codings ({seed['codings_of_A']}): {seed['units']} sentence units, {seed['codes']} codes; training "
            f"{seed['train_s']:.1f} s ({seed['train_cpu_s']:.1f} s of CPU; target < 60 s; epochs {seed['epochs']}), reading {seed['read_s']:.1f} s, "
            f"storing {seed['codings']} out-of-fold codings {seed['store_s']:.1f} s; mean cross-validated F1 "
            f"{sum(f1) / max(len(f1), 1):.2f}; load after {seed['load_after'][0]:.2f}.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--demo", type=Path, help="Use a copy of this demo project instead of building one.")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--documents", type=int, default=55, help="Transcripts of the seed-scale corpus.")
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--json", action="store_true", help="Print the measurements as JSON.")
    arguments = parser.parse_args()
    print(f"load before: {load_average()}", file=sys.stderr)
    demo = None if arguments.skip_demo else bench_demo(arguments.demo, arguments.folds)
    seed = None if arguments.skip_seed else bench_seed(arguments.documents, arguments.folds)
    if arguments.json:
        print(json.dumps({"demo": demo, "seed": seed}, indent=2, default=str))
    else:
        print(as_markdown(demo, seed, arguments.folds))


if __name__ == "__main__":
    main()
