"""The local machine coder: spaCy's ``textcat_multilabel`` learns one coder's codings at sentence (or turn) units,
is measured by k-fold cross-validation before it suggests anything, and becomes a coder of its own
("Machine (Lin)") whose codings are its out-of-fold predictions, so agreement against people is honest.

Three steps, so the GUI can train in a worker thread without a session:
:func:`training_data` (session: the units and their labels) → :func:`train` (no session: cross-validation and the
final model) → :func:`store_model` (session: the model row, its coder and codings, one undoable edit).
:func:`train_machine_coder` runs the three for the CLI. :func:`suggest` then proposes codes for units no person
coded so; ``coding.autocode.review`` accepts or rejects them.

A unit carries a code when a coding of that code by the coder overlaps it by at least one character (the
agreement engine's default presence rule, "any"). Words are lower-cased; Chinese units are cut by jieba.
Everything is seeded (:data:`SEED`), so the same data gives the same model and the same figures.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import Changes
from coding.edits.base import Edit
from coding.errors import CancelledError, DuplicateError, NotFoundError, ValidationError
from coding.i18n import translate
from coding.progress import Cancel, Progress
from models import Code, Coder, Coding, Document, MachineModel, MachineSuggestion, Sentence, SpeakerTurn, utcnow

if TYPE_CHECKING:  # spaCy loads in about a second: only training and suggesting pay for it
    from spacy.language import Language
    from spacy.pipeline import TextCategorizer
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.vocab import Vocab

ENGINE = "spacy-textcat"
UNITS = ("sentence", "turn")
MIN_EXAMPLES = 5  # a code with fewer coded units is left out of training, named with its count
THRESHOLD = 0.5  # a unit is predicted to carry a code when its probability reaches this
SEED = 0
MAX_EPOCHS = 12
MIN_IMPROVEMENT = 0.02  # early stop: an epoch that lowers the training loss by less than 2 % is the last
BATCH_SIZE = 64
MAX_UPDATES = 40  # per epoch (see batch_size)
# spaCy's default 0.001 moves a bag-of-words model too little in the few hundred steps it gets here (measured on
# the demo: no code was ever predicted); 0.03 learns within a dozen epochs.
LEARN_RATE = 0.03
MIN_FOLDS, MAX_FOLDS = 2, 10
# spaCy's bag-of-words text classifier over lower-cased words, hashed into 2**15 rows: quick on a CPU (with the
# default 2**18 rows Adam's dense update of every weight was nearly the whole cost; bigrams, and 2**14 rows, scored
# lower on the demo).
ARCHITECTURE: dict[str, Any] = {
    "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 1,
    "no_output_layer": False, "length": 2**15,
}
MACHINE_CHANGED = Changes(machine=True, codings=True, coders=True, assignments=True)


def machine_name(coder: str) -> str:
    """The machine coder's name (and its model's): "Machine (Lin)"."""
    return f"Machine ({coder})"


# -- training data ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitRef:
    """Where a training unit is: ``text[start:end]`` of the document."""

    document_id: int
    document_uuid: str
    start: int
    end: int


@dataclass(frozen=True)
class TrainingData:
    """Units and their labels (code uuids), as plain data: training needs no session."""

    unit: str
    language: str  # "en", "zh", or "en+zh" when both occur (each unit is cut by its own language's tokenizer)
    texts: list[str]
    labels: list[frozenset[str]]
    code_paths: dict[str, str]
    from_coder: str
    data_hash: str
    skipped: dict[str, int]
    refs: list[UnitRef]
    languages: list[str] = field(default_factory=list)  # per unit
    n_examples: dict[str, int] = field(default_factory=dict)  # code uuid -> units carrying it

    @property
    def codes(self) -> list[str]:
        """The code uuids learnt, in codebook path order."""
        return sorted(self.code_paths, key=lambda uuid: self.code_paths[uuid])


@dataclass(frozen=True)
class _Unit:
    document_id: int
    start: int
    end: int


def check_unit(unit: str) -> str:
    if unit not in UNITS:
        raise ValidationError(translate(
            "errors", "unknown unit '{unit}' for the machine coder (choose from {value})").format(
            unit=unit, value=', '.join(UNITS)))
    return unit


def _units(session: Session, unit: str, document_ids: Iterable[int]) -> dict[int, list[_Unit]]:
    """Per document, its sentences (or speaker turns' contents, labels left out), in text order."""
    ids = sorted(set(document_ids))
    if unit == "sentence":
        rows = session.execute(select(Sentence.document_id, Sentence.start, Sentence.end)
                               .where(Sentence.document_id.in_(ids)).order_by(Sentence.document_id, Sentence.start))
    else:
        rows = session.execute(select(SpeakerTurn.document_id, SpeakerTurn.content_start, SpeakerTurn.end)
                               .where(SpeakerTurn.document_id.in_(ids))
                               .order_by(SpeakerTurn.document_id, SpeakerTurn.content_start))
    units: dict[int, list[_Unit]] = {document_id: [] for document_id in ids}
    for document_id, start, end in rows:
        if end > start:
            units[document_id].append(_Unit(document_id, start, end))
    return units


def _overlapping(units: Sequence[_Unit], starts: Sequence[int], start: int, end: int) -> range:
    """Indices of the units (sorted by start, not overlapping each other) that share a character with [start, end)."""
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = bisect.bisect_left(starts, end)
    return range(first, last) if last > first else range(0)


def _labelled(units: Sequence[_Unit], spans: Iterable[tuple[int, int, str]]) -> list[set[str]]:
    """Per unit, the labels of the spans overlapping it by at least one character."""
    starts = [u.start for u in units]
    labels: list[set[str]] = [set() for _ in units]
    for start, end, label in spans:
        for index in _overlapping(units, starts, start, end):
            if units[index].start < end and units[index].end > start:
                labels[index].add(label)
    return labels


def _documents(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str, str, str]]:
    """id -> (uuid, name, language, text)."""
    rows = session.execute(select(Document.id, Document.uuid, Document.name, Document.language, Document.text)
                           .where(Document.id.in_(sorted(set(ids)))))
    return {row.id: (row.uuid, row.name, row.language, row.text) for row in rows}


def data_hash(refs: Sequence[UnitRef], texts: Sequence[str], labels: Sequence[frozenset[str]]) -> str:
    """sha256 over the ordered (document uuid, start, end, text, sorted labels) of every unit."""
    digest = hashlib.sha256()
    for ref, text, unit_labels in zip(refs, texts, labels, strict=True):
        line = "\x1f".join([ref.document_uuid, str(ref.start), str(ref.end), text, ",".join(sorted(unit_labels))])
        digest.update(line.encode("utf-8") + b"\x1e")
    return digest.hexdigest()


def training_data(session: Session, *, from_coder: str, unit: str = "sentence") -> TrainingData:
    """The units of every document ``from_coder`` coded, each labelled with the codes the coder's codings put
    on it; codes with fewer than :data:`MIN_EXAMPLES` units are left out (``skipped``, with their counts)."""
    from coding.codebook import code_paths
    from coding.coders import find_coder
    from coding.team.assignments import coded_documents

    check_unit(unit)
    coder = find_coder(session, from_coder)
    if _model_of_coder(session, coder.id) is not None:
        raise ValidationError(translate(
            "errors", "'{name}' is a machine coder: train on a person's codings").format(name=coder.name))
    codings = session.execute(select(Coding.document_id, Coding.start, Coding.end, Code.uuid)
                              .join(Code, Code.id == Coding.code_id).where(Coding.coder_id == coder.id)).all()
    if not codings:
        raise ValidationError(translate("errors", "{name} has no codings to learn from").format(name=coder.name))
    documents = _documents(session, coded_documents(session, coder.id))
    units = _units(session, unit, documents)
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for document_id, start, end, code_uuid in codings:
        spans.setdefault(document_id, []).append((start, end, code_uuid))
    paths_by_id = code_paths(session)
    uuid_paths = {uuid: paths_by_id[code_id] for code_id, uuid in session.execute(select(Code.id, Code.uuid))}
    refs: list[UnitRef] = []
    texts: list[str] = []
    languages: list[str] = []
    raw_labels: list[set[str]] = []  # before codes with too few examples are left out
    for document_id in sorted(documents, key=lambda d: documents[d][1]):
        doc_uuid, _name, language, text = documents[document_id]
        doc_units = units[document_id]
        for one, found in zip(doc_units, _labelled(doc_units, spans.get(document_id, [])), strict=True):
            unit_text = text[one.start:one.end]
            if not unit_text.strip():
                continue
            refs.append(UnitRef(document_id, doc_uuid, one.start, one.end))
            texts.append(unit_text)
            languages.append("zh" if language == "zh" else "en")
            raw_labels.append(found)
    counts = Counter(label for label_set in raw_labels for label in label_set)
    kept = {uuid for uuid, n in counts.items() if n >= MIN_EXAMPLES}
    skipped = {uuid_paths[uuid]: n for uuid, n in sorted(counts.items(), key=lambda item: uuid_paths[item[0]])
               if uuid not in kept}
    if not kept:
        listed = ", ".join(f"{path}: {n}" for path, n in skipped.items()) or "none"
        raise ValidationError(
            translate(
                "errors", "no code has the {MIN_EXAMPLES} examples needed to train on {name}'s codings at {unit} "
                "units (coded {unit}s per code — {listed})").format(
                MIN_EXAMPLES=MIN_EXAMPLES, name=coder.name, unit=unit, listed=listed))
    unit_labels = [frozenset(label_set & kept) for label_set in raw_labels]
    present = sorted(set(languages))
    return TrainingData(
        unit=unit, language="+".join(present), texts=texts, labels=unit_labels,
        code_paths={uuid: uuid_paths[uuid] for uuid in kept}, from_coder=coder.name,
        data_hash=data_hash(refs, texts, unit_labels), skipped=skipped, refs=refs, languages=languages,
        n_examples={uuid: counts[uuid] for uuid in kept},
    )


# -- the model ----------------------------------------------------------------------------------------------
def _tokenizer_for(language: str) -> Language:
    """A pipeline whose tokenizer cuts text of that language: jieba for Chinese (shared with the importer)."""
    if language == "zh":
        from coding.nlp import get_pipeline

        return get_pipeline("zh")
    return _blank("en")


_BLANKS: dict[str, Language] = {}


def _blank(lang: str) -> Language:
    from coding.nlp import load_spacy

    load_spacy()
    import spacy

    if lang not in _BLANKS:
        _BLANKS[lang] = spacy.blank(lang)
    return _BLANKS[lang]


def to_docs(vocab_owner: Language, texts: Sequence[str], languages: Sequence[str]) -> list[Doc]:
    """Each text as a Doc of lower-cased words in the model's vocabulary, cut by its own language's tokenizer."""
    from coding.nlp import load_spacy

    load_spacy()
    from spacy.tokens import Doc

    docs: list[Doc] = []
    for text, language in zip(texts, languages, strict=True):
        tokens = [token for token in _tokenizer_for(language).make_doc(text) if not token.is_space]
        docs.append(Doc(vocab_owner.vocab, words=[t.lower_ for t in tokens] or [""],
                        spaces=[bool(t.whitespace_) for t in tokens] or [False]))
    return docs


def new_pipeline(labels: Sequence[str], vocab: Vocab | None = None) -> Language:
    """A blank pipeline with one multi-label text classifier over ``labels`` (code uuids); ``vocab`` shares
    another pipeline's vocabulary (so one set of docs serves every fold)."""
    from coding.nlp import load_spacy

    load_spacy()
    import spacy

    nlp = spacy.blank("xx", vocab=vocab if vocab is not None else True)  # tokenizing is done by to_docs; the model sees lower-cased words only
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": ARCHITECTURE})
    for label in labels:
        textcat.add_label(label)  # type: ignore[attr-defined]
    return nlp


def load_pipeline(model_bytes: bytes, labels: Sequence[str]) -> Language:
    nlp = new_pipeline(labels)
    nlp.from_bytes(model_bytes)
    return nlp


def predict(nlp: Language, docs: Sequence[Doc]) -> list[dict[str, float]]:
    """Each doc's probability per label."""
    textcat = _textcat(nlp)
    return [dict(doc.cats) for doc in textcat.pipe(list(docs), batch_size=256)]


def _textcat(nlp: Language) -> TextCategorizer:
    from spacy.pipeline import TextCategorizer

    component = nlp.get_pipe("textcat_multilabel")
    if not isinstance(component, TextCategorizer):  # MultiLabel_TextCategorizer subclasses it
        raise TypeError(f"not a text classifier: {type(component).__name__}")
    return component


def _examples(docs: Sequence[Doc], labels: Sequence[frozenset[str]], codes: Sequence[str]) -> list[Example]:
    """Each doc with its gold labels; made once and shared by every fold (the docs share one vocabulary)."""
    from spacy.training import Example

    return [Example.from_dict(doc, {"cats": {code: float(code in unit_labels) for code in codes}})
            for doc, unit_labels in zip(docs, labels, strict=True)]


def batch_size(n_units: int) -> int:
    """Examples per update: :data:`BATCH_SIZE`, or more on a large corpus, so an epoch is at most
    :data:`MAX_UPDATES` updates (each update touches every weight: their number sets the time)."""
    return max(BATCH_SIZE, -(-n_units // MAX_UPDATES))


def _fit(nlp: Language, examples: Sequence[Example], rng: random.Random, step: Callable[[str], None]) -> int:
    """Train ``nlp``'s classifier on the examples; returns the epochs run (early stop on the training loss)."""
    from spacy.util import minibatch
    from thinc.api import Adam

    textcat = _textcat(nlp)
    textcat.initialize(lambda: examples, nlp=nlp)
    optimizer = Adam(LEARN_RATE)
    order = list(examples)
    size = batch_size(len(order))
    previous = float("inf")
    for epoch in range(1, MAX_EPOCHS + 1):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=size):  # type: ignore[no-untyped-call]
            # the component itself, not nlp.update: that copies every example on every step, which cost more
            # than the learning on a seed-scale corpus
            textcat.update(batch, sgd=optimizer, losses=losses)
        step(translate("autocode.machine", "epoch {epoch}").format(epoch=epoch))
        loss = losses.get(textcat.name, 0.0)
        if previous - loss < MIN_IMPROVEMENT * previous:
            return epoch
        previous = loss
    return MAX_EPOCHS


def assign_folds(labels: Sequence[frozenset[str]], folds: int, seed: int = SEED) -> list[int]:
    """A fold per unit, stratified as far as multi-label data allows (iterative stratification, after Sechidis
    et al. 2011): units with the rarest code are dealt first, each to the fold that still wants that code most."""
    rng = random.Random(seed)
    counts = Counter(label for unit_labels in labels for label in unit_labels)
    wanted = {label: [n / folds] * folds for label, n in counts.items()}
    size_left = [len(labels) / folds] * folds
    order = list(range(len(labels)))
    rng.shuffle(order)
    order.sort(key=lambda i: min((counts[label] for label in labels[i]), default=len(labels) + 1))
    assigned = [0] * len(labels)
    for index in order:
        rarest = min(labels[index], key=lambda label: (counts[label], label), default=None)
        if rarest is None:
            fold = max(range(folds), key=lambda f: (size_left[f], -f))
        else:
            fold = max(range(folds), key=lambda f: (wanted[rarest][f], size_left[f], -f))
        assigned[index] = fold
        size_left[fold] -= 1
        for label in labels[index]:
            wanted[label][fold] -= 1
    return assigned


@dataclass(frozen=True)
class CodeEvaluation:
    """Cross-validated figures of one code at threshold 0.5: ``support`` units carry it in the data (as many as
    ``n_examples``, the units the model learnt it from)."""

    code_uuid: str
    code_path: str
    precision: float | None
    recall: float | None
    f1: float | None
    n_examples: int
    support: int
    predicted: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def evaluate(data: TrainingData, oof: Sequence[dict[str, float]]) -> list[CodeEvaluation]:
    """Precision, recall and F1 per code of the out-of-fold predictions at :data:`THRESHOLD`; a figure whose
    denominator is 0 is None (undefined), not 0."""
    rows: list[CodeEvaluation] = []
    for code in data.codes:
        truth = [code in labels for labels in data.labels]
        guess = [probabilities.get(code, 0.0) >= THRESHOLD for probabilities in oof]
        hits = sum(t and g for t, g in zip(truth, guess, strict=True))
        support, predicted = sum(truth), sum(guess)
        precision = hits / predicted if predicted else None
        recall = hits / support if support else None
        f1 = (2 * hits / (support + predicted)) if support + predicted else None
        rows.append(CodeEvaluation(code, data.code_paths[code], precision, recall, f1,
                                   data.n_examples.get(code, support), support, predicted))
    return rows


@dataclass(frozen=True)
class TrainedModel:
    """What :func:`train` made: the final model's bytes, its cross-validated evaluation and the out-of-fold
    probabilities of every training unit (which become the machine coder's codings)."""

    data: TrainingData
    model_bytes: bytes
    folds: int
    per_code: list[CodeEvaluation]
    out_of_fold: list[dict[str, float]]
    parameters: dict[str, Any]
    seconds: float
    created_at: datetime


def _check_folds(data: TrainingData, folds: int) -> None:
    if not isinstance(folds, int) or not MIN_FOLDS <= folds <= MAX_FOLDS:
        raise ValidationError(translate(
            "errors", "folds must be a whole number from {MIN_FOLDS} to {MAX_FOLDS}, not {folds!r}").format(
            MIN_FOLDS=MIN_FOLDS, MAX_FOLDS=MAX_FOLDS, folds=folds))
    if len(data.texts) < folds:
        raise ValidationError(translate(
            "errors", "{value} units cannot be split into {folds} folds").format(value=len(data.texts), folds=folds))


def train(data: TrainingData, *, folds: int = 5, progress: Progress | None = None,
          cancelled: Cancel | None = None) -> TrainedModel:
    """k-fold cross-validation (out-of-fold probabilities for every unit), then the final model on all units.
    Needs no session (a GUI worker thread runs it); raises ``CancelledError`` when ``cancelled()`` says so."""
    from spacy.util import fix_random_seed  # type: ignore[attr-defined]

    _check_folds(data, folds)
    began = time.perf_counter()
    codes = data.codes
    total = (folds + 1) * MAX_EPOCHS + 1
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise CancelledError(translate("errors", "training cancelled: nothing was stored"))
        done = min(done + 1, total - 1)
        if progress is not None:
            progress(done, total, what)

    fix_random_seed(SEED)
    rng = random.Random(SEED)
    vocab_owner = new_pipeline(codes)
    docs = to_docs(vocab_owner, data.texts, data.languages or ["en"] * len(data.texts))
    step(translate("autocode.machine", "words cut"))
    examples = _examples(docs, data.labels, codes)
    fold_of = assign_folds(data.labels, folds)
    out_of_fold: list[dict[str, float]] = [{} for _ in docs]
    epochs: list[int] = []
    for fold in range(folds):
        train_index = [i for i, f in enumerate(fold_of) if f != fold]
        test_index = [i for i, f in enumerate(fold_of) if f == fold]
        nlp = new_pipeline(codes, vocab_owner.vocab)
        stage = translate("autocode.machine", "fold {fold}/{folds}").format(fold=fold + 1, folds=folds)
        epochs.append(_fit(nlp, [examples[i] for i in train_index], rng, _stepper(step, stage)))
        for index, probabilities in zip(test_index, predict(nlp, [docs[i] for i in test_index]), strict=True):
            out_of_fold[index] = probabilities
    final = new_pipeline(codes, vocab_owner.vocab)
    epochs.append(_fit(final, examples, rng, _stepper(step, translate("autocode.machine", "final model"))))
    if progress is not None:
        progress(total, total, translate("autocode.machine", "done"))
    parameters = {
        "architecture": ARCHITECTURE["@architectures"], "ngram_size": ARCHITECTURE.get("ngram_size"),
        "threshold": THRESHOLD, "seed": SEED, "max_epochs": MAX_EPOCHS, "epochs": epochs, "batch_size": batch_size(len(data.texts)),
        "learn_rate": LEARN_RATE, "min_examples": MIN_EXAMPLES, "labels": codes, "language": data.language,
        "overlap_rule": "any", "spacy": _spacy_version(),
    }
    return TrainedModel(data, final.to_bytes(), folds, evaluate(data, out_of_fold), out_of_fold, parameters,
                        round(time.perf_counter() - began, 3), utcnow())


def _stepper(step: Callable[[str], None], stage: str) -> Callable[[str], None]:
    return lambda what: step(translate("autocode.machine", "{stage}, {step}").format(stage=stage, step=what))


def _spacy_version() -> str:
    from coding.nlp import load_spacy

    load_spacy()
    import spacy

    return str(spacy.about.__version__)


# -- storing: the model row, its coder and its out-of-fold codings --------------------------------------------
@dataclass(frozen=True)
class TrainingReport:
    """What a paper reports about a trained machine coder."""

    model_uuid: str
    machine_coder: str
    trained_from: str
    unit: str
    folds: int
    n_units: int
    data_hash: str
    per_code: list[CodeEvaluation]
    skipped: dict[str, int]
    seconds: float
    created_at: datetime
    codings: int = 0  # the machine coder's (out-of-fold) codings stored

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["per_code"] = [row.to_dict() for row in self.per_code]
        data["created_at"] = self.created_at.isoformat()
        return data


def _model_of_coder(session: Session, coder_id: int) -> MachineModel | None:
    return session.scalar(select(MachineModel).where(MachineModel.coder_id == coder_id))


def find_model(session: Session, name: str) -> MachineModel:
    """A model by name (case ignored) or uuid."""
    wanted = name.strip()
    for model in session.scalars(select(MachineModel).order_by(MachineModel.name)):
        if wanted in (model.name, model.uuid) or model.name.casefold() == wanted.casefold():
            return model
    names = session.scalars(select(MachineModel.name).order_by(MachineModel.name))
    known = ", ".join(names) or translate("names", "none yet")
    raise NotFoundError(translate(
        "errors", "no machine coder '{name}' (known: {known})").format(name=name, known=known))


def machine_coder_ids(session: Session) -> set[int]:
    """Coders that are machine coders (their codings are predictions, not a person's)."""
    return {coder_id for coder_id in session.scalars(select(MachineModel.coder_id)) if coder_id is not None}


@dataclass
class _Retired:
    """A replaced model as it was, to put back on undo."""

    model_uuid: str
    name: str
    coder_id: int | None


class StoreModelEdit(Edit):
    """Store a trained model as a machine coder: the model row, the coder of the same name, its codings (the
    out-of-fold predictions ≥ 0.5) and "done" on every training document (so agreement reads a document where
    it predicted nothing as coded-with-nothing, not as missing). One undo step; redo writes the very same rows.
    An older model of that name is kept, renamed "… (replaced …)", only with ``replace=True``."""

    def __init__(self, trained: TrainedModel, *, replace: bool = False) -> None:
        self.trained, self.replace = trained, replace
        self.model_uuid: str | None = None
        self.coder_id: int | None = None
        self.retired: _Retired | None = None
        self.children: list[Edit] = []
        self.assignment_edit: Edit | None = None
        self.report: TrainingReport | None = None

    @property
    def name(self) -> str:
        return machine_name(self.trained.data.from_coder)

    def do(self, session: Session, actor: str) -> Changes:
        from coding.autocode.apply import Passage, apply_passages
        from coding.edits.codings import MadeCoding, RemoveCodingEdit

        data = self.trained.data
        existing = session.scalar(select(MachineModel).where(MachineModel.name == self.name))
        if existing is not None and not self.replace:
            raise _exists(self.name, existing.created_at)
        coder = self._coder(session, actor, existing)
        removed: list[Edit] = []
        if existing is not None:
            self.retired = _Retired(existing.uuid, existing.name, existing.coder_id)
            removed = [RemoveCodingEdit(uuid) for uuid in
                       session.scalars(select(Coding.uuid).where(Coding.coder_id == coder.id).order_by(Coding.id))]
            for edit in removed:
                edit.do(session, actor)
            existing.name = f"{existing.name} (replaced {utcnow():%Y-%m-%d %H:%M:%S})"
            existing.coder_id = None
            session.flush()
        model = self._model_row(session, coder.id)
        passages = self._passages(session)
        created = apply_passages(session, [Passage(*p) for p in passages], coder_id=coder.id, actor=actor)
        self.children = [*removed, *(MadeCoding(uuid) for uuid in created)]
        self.assignment_edit = _done_edit(coder.name, sorted({ref.document_uuid for ref in data.refs}))
        self.assignment_edit.do(session, actor)
        record(session, actor, "train", "machine_model", model.uuid, None, {
            "name": model.name, "trained_from": data.from_coder, "unit": data.unit, "data_hash": data.data_hash,
            "codings": len(created), "replaced": self.retired.model_uuid if self.retired else None})
        self.report = self._report(model, len(created))
        return MACHINE_CHANGED

    def _coder(self, session: Session, actor: str, existing: MachineModel | None) -> Coder:
        from coding.coders import get_or_create_coder

        coder = get_or_create_coder(session, self.name, actor=actor)  # made when new (refusals roll it back)
        ours = coder.id == self.coder_id or (existing is not None and existing.coder_id == coder.id)
        taken = _model_of_coder(session, coder.id) is not None or session.scalar(
            select(Coding.id).where(Coding.coder_id == coder.id).limit(1)) is not None
        if taken and not ours:
            raise DuplicateError(translate(
                "errors", "a coder named '{name}' exists who is not this machine coder: rename them first (concord "
                "coders) so the machine coder can take the name").format(name=coder.name))
        self.coder_id = coder.id
        return coder

    def _model_row(self, session: Session, coder_id: int) -> MachineModel:
        trained, data = self.trained, self.trained.data
        model = MachineModel(
            name=self.name, coder_id=coder_id, engine=ENGINE, trained_from=data.from_coder, unit=data.unit,
            parameters={**trained.parameters, "folds": trained.folds, "n_units": len(data.texts),
                        "skipped": data.skipped, "seconds": trained.seconds, "code_paths": data.code_paths},
            data_hash=data.data_hash,
            evaluation={"per_code": [row.to_dict() for row in trained.per_code], "folds": trained.folds,
                        "threshold": THRESHOLD, "n_units": len(data.texts), "skipped": data.skipped},
            model_data=trained.model_bytes, created_at=trained.created_at,
        )
        if self.model_uuid is not None:
            model.uuid = self.model_uuid
        session.add(model)
        session.flush()
        self.model_uuid = model.uuid
        return model

    def _passages(self, session: Session) -> list[tuple[int, int, int, int, str]]:
        """(document, start, end, code, reason) of every out-of-fold prediction ≥ the threshold."""
        wanted = select(Code.uuid, Code.id).where(Code.uuid.in_(self.trained.data.codes))
        code_ids = dict(session.execute(wanted).all())
        passages = []
        for ref, probabilities in zip(self.trained.data.refs, self.trained.out_of_fold, strict=True):
            for code_uuid, probability in sorted(probabilities.items()):
                if probability >= THRESHOLD and code_uuid in code_ids:
                    passages.append((ref.document_id, ref.start, ref.end, code_ids[code_uuid],
                                     f"out-of-fold {probability:.2f}"))
        return passages

    def _report(self, model: MachineModel, codings: int) -> TrainingReport:
        trained, data = self.trained, self.trained.data
        return TrainingReport(model.uuid, model.name, data.from_coder, data.unit, trained.folds, len(data.texts),
                              data.data_hash, trained.per_code, data.skipped, trained.seconds, trained.created_at,
                              codings)

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.model_uuid is not None and self.assignment_edit is not None
        model = session.scalar(select(MachineModel).where(MachineModel.uuid == self.model_uuid))
        if model is None:
            raise NotFoundError(translate(
                "errors", "the machine coder '{name}' is no longer in the project").format(name=self.name))
        decided = session.scalar(select(MachineSuggestion.id).where(MachineSuggestion.model_id == model.id,
                                                                    MachineSuggestion.status != "pending").limit(1))
        if decided is not None:
            raise ValidationError(translate(
                "errors", "suggestions of '{name}' were accepted or rejected since: undo those first").format(
                name=self.name))
        self.assignment_edit.undo(session, actor)
        for child in reversed(self.children):
            child.undo(session, actor)
        record(session, actor, "untrain", "machine_model", model.uuid, {"name": model.name}, None)
        session.delete(model)
        session.flush()
        if self.retired is not None:
            old = session.scalar(select(MachineModel).where(MachineModel.uuid == self.retired.model_uuid))
            if old is not None:
                old.name, old.coder_id = self.retired.name, self.retired.coder_id
        session.flush()  # the coder row stays (without codings): redo puts its very codings back under it
        return MACHINE_CHANGED

    def redo(self, session: Session, actor: str) -> Changes:
        from coding.edits.codings import MadeCoding, RemoveCodingEdit

        assert self.assignment_edit is not None
        coder = self._coder(session, actor, _retired_row(session, self.retired))
        if self.retired is not None:
            old = session.scalar(select(MachineModel).where(MachineModel.uuid == self.retired.model_uuid))
            if old is not None:
                old.name, old.coder_id = f"{old.name} (replaced {utcnow():%Y-%m-%d %H:%M:%S})", None
                session.flush()
        for child in self.children:
            if isinstance(child, RemoveCodingEdit):
                child.redo(session, actor)
        model = self._model_row(session, coder.id)
        for child in self.children:
            if isinstance(child, MadeCoding):
                child.do(session, actor)
        self.assignment_edit.redo(session, actor)
        record(session, actor, "train", "machine_model", model.uuid, None,
               {"name": model.name, "trained_from": self.trained.data.from_coder, "redo": True})
        return MACHINE_CHANGED


def _exists(name: str, created_at: datetime) -> DuplicateError:
    return DuplicateError(f"a machine coder '{name}' exists already (trained {created_at:%Y-%m-%d %H:%M}): "
                          "train with replace (--replace) to train it anew")


def _retired_row(session: Session, retired: _Retired | None) -> MachineModel | None:
    if retired is None:
        return None
    return session.scalar(select(MachineModel).where(MachineModel.uuid == retired.model_uuid))


def _done_edit(coder_name: str, document_uuids: Sequence[str]) -> Edit:
    from coding.edits.team import AssignmentsEdit
    from coding.team.assignments import mark_done

    return AssignmentsEdit([coder_name], document_uuids, mark_done)


def store_model(session: Session, trained: TrainedModel, *, actor: str, replace: bool = False) -> TrainingReport:
    """Store a trained model as its machine coder (see :class:`StoreModelEdit`, which the GUI runs as an undo
    step); the report says what a paper needs."""
    edit = StoreModelEdit(trained, replace=replace)
    edit.do(session, actor)
    assert edit.report is not None
    return edit.report


def train_machine_coder(session: Session, *, from_coder: str, unit: str = "sentence", folds: int = 5, actor: str,
                        replace: bool = False, progress: Progress | None = None,
                        cancelled: Cancel | None = None) -> TrainingReport:
    """Read the training data, train with cross-validation, store: the three steps (the CLI's)."""
    data = training_data(session, from_coder=from_coder, unit=unit)
    existing = session.scalar(select(MachineModel.created_at).where(MachineModel.name == machine_name(data.from_coder)))
    if existing is not None and not replace:  # say so before minutes of training, not after
        raise _exists(machine_name(data.from_coder), existing)
    return store_model(session, train(data, folds=folds, progress=progress, cancelled=cancelled), actor=actor,
                       replace=replace)


# -- reading models -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModelInfo:
    """A stored machine coder or endpoint engine, with its evaluation."""

    id: int
    uuid: str
    name: str
    engine: str
    coder: str | None
    trained_from: str
    unit: str
    n_units: int
    folds: int
    data_hash: str
    per_code: list[dict[str, Any]]
    skipped: dict[str, int]
    created_at: datetime
    pending: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat()
        return data


def shown_in_blind_mode(model: ModelInfo, coder: str) -> bool:
    """Whether a coder coding blind may see this engine's suggestions: a model trained on another coder's codings
    would show them what that coder coded; an endpoint engine learnt only the codebook."""
    return model.engine != ENGINE or model.trained_from.casefold() == coder.casefold()


def list_models(session: Session) -> list[ModelInfo]:
    from sqlalchemy import func

    coders = dict(session.execute(select(Coder.id, Coder.name)).all())
    pending = dict(session.execute(select(MachineSuggestion.model_id, func.count())
                                   .where(MachineSuggestion.status == "pending")
                                   .group_by(MachineSuggestion.model_id)).all())
    return [
        ModelInfo(m.id, m.uuid, m.name, m.engine, coders.get(m.coder_id) if m.coder_id else None, m.trained_from,
                  m.unit, int(m.evaluation.get("n_units", 0)), int(m.evaluation.get("folds", 0)), m.data_hash,
                  list(m.evaluation.get("per_code", [])), dict(m.evaluation.get("skipped", {})), m.created_at,
                  pending.get(m.id, 0))
        for m in session.scalars(select(MachineModel).order_by(MachineModel.name))
    ]


# -- suggestions ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SuggestionRow:
    """A suggested code for a passage, waiting for (or given) a person's decision."""

    id: int
    uuid: str
    model: str
    document_id: int
    document: str
    code_uuid: str
    code_path: str
    start: int
    end: int
    text: str
    confidence: float
    status: str
    decided_by: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_confidence(min_confidence: float) -> float:
    if not isinstance(min_confidence, int | float) or not 0 < min_confidence <= 1:
        raise ValidationError(translate(
            "errors", "the minimum confidence must lie above 0 and at most 1, not {min_confidence!r}").format(
            min_confidence=min_confidence))
    return float(min_confidence)


def _human_spans(session: Session, document_ids: Sequence[int], codes: Sequence[str],
                 machines: set[int]) -> dict[int, list[tuple[int, int, str]]]:
    """Per document, every person's codings of these codes, as (start, end, code uuid)."""
    rows = session.execute(select(Coding.document_id, Coding.start, Coding.end, Code.uuid, Coding.coder_id)
                           .join(Code, Code.id == Coding.code_id)
                           .where(Coding.document_id.in_(document_ids), Code.uuid.in_(codes)))
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for document_id, start, end, code_uuid, coder_id in rows:
        if coder_id not in machines:
            spans.setdefault(document_id, []).append((start, end, code_uuid))
    return spans


def record_suggestion_run(session: Session, model: MachineModel, suggestion_ids: Sequence[int],
                          min_confidence: float) -> None:
    """Remember the threshold a batch of suggestions was made with (their provenance): the table has no column
    for it, so the model's parameters keep the id range of each run."""
    if not suggestion_ids:
        return
    runs = list(model.parameters.get("suggestion_runs", []))
    runs.append({"first_id": min(suggestion_ids), "last_id": max(suggestion_ids), "min_confidence": min_confidence,
                 "at": utcnow().isoformat()})
    model.parameters = {**model.parameters, "suggestion_runs": runs}
    session.flush()


def suggest(session: Session, *, model: str, min_confidence: float = THRESHOLD,
            document_ids: Sequence[int] | None = None, actor: str) -> list[SuggestionRow]:
    """Predict codes for the units no person has coded with that code (a person's coding overlapping the unit
    counts), store the new ones ≥ ``min_confidence`` as pending suggestions, and return them. A unit and code
    the model suggested before (pending, accepted or rejected) is not suggested again."""
    threshold = check_confidence(min_confidence)
    row = find_model(session, model)
    if row.engine != ENGINE:
        raise ValidationError(translate(
            "errors", "'{name}' is an {engine} engine: its suggestions come from that engine").format(
            name=row.name, engine=row.engine))
    if row.model_data is None:
        raise ValidationError(translate("errors", "'{name}' holds no trained model").format(name=row.name))
    codes = list(row.parameters.get("labels", []))
    ids = list(document_ids) if document_ids is not None else list(session.scalars(select(Document.id)))
    documents = _documents(session, ids)
    missing = sorted(set(ids) - set(documents))
    if missing:
        raise NotFoundError(translate("errors", "unknown document id {value}").format(value=missing[0]))
    units = _units(session, row.unit, documents)
    humans = _human_spans(session, sorted(documents), codes, machine_coder_ids(session))
    known = {(d, c, s, e) for d, c, s, e in session.execute(
        select(MachineSuggestion.document_id, MachineSuggestion.code_id, MachineSuggestion.start,
               MachineSuggestion.end).where(MachineSuggestion.model_id == row.id))}
    candidates: list[tuple[_Unit, str, frozenset[str]]] = []
    for document_id in sorted(documents):
        _uuid, _name, language, text = documents[document_id]
        doc_units = units[document_id]
        for one, by_people in zip(doc_units, _labelled(doc_units, humans.get(document_id, [])), strict=True):
            if text[one.start:one.end].strip() and len(by_people) < len(codes):
                candidates.append((one, "zh" if language == "zh" else "en", frozenset(by_people)))
    nlp = load_pipeline(row.model_data, codes)
    texts = [documents[one.document_id][3][one.start:one.end] for one, _lang, _coded in candidates]
    probabilities = predict(nlp, to_docs(nlp, texts, [lang for _one, lang, _coded in candidates]))
    code_ids = dict(session.execute(select(Code.uuid, Code.id).where(Code.uuid.in_(codes))).all())
    made: list[MachineSuggestion] = []
    for (one, _lang, coded), cats in zip(candidates, probabilities, strict=True):
        for code_uuid in codes:
            confidence = float(cats.get(code_uuid, 0.0))
            code_id = code_ids.get(code_uuid)
            if code_id is None or code_uuid in coded or confidence < threshold:
                continue
            if (one.document_id, code_id, one.start, one.end) in known:
                continue
            made.append(MachineSuggestion(model_id=row.id, document_id=one.document_id, code_id=code_id,
                                          start=one.start, end=one.end, confidence=round(confidence, 4)))
    session.add_all(made)
    session.flush()
    record_suggestion_run(session, row, [s.id for s in made], threshold)
    record(session, actor, "suggest", "machine_model", row.uuid, None,
           {"suggestions": len(made), "min_confidence": threshold, "documents": len(documents)})
    return _rows(session, [s.id for s in made])


def list_suggestions(session: Session, *, status: str | None = "pending", model: str | None = None,
                     document_id: int | None = None) -> list[SuggestionRow]:
    """Suggestions by document and position; ``status`` None for every status."""
    if status is not None and status not in ("pending", "accepted", "rejected"):
        raise ValidationError(translate(
            "errors", "unknown status '{status}' (choose from pending, accepted, rejected)").format(status=status))
    query = select(MachineSuggestion.id)
    if status is not None:
        query = query.where(MachineSuggestion.status == status)
    if model is not None:
        query = query.where(MachineSuggestion.model_id == find_model(session, model).id)
    if document_id is not None:
        query = query.where(MachineSuggestion.document_id == document_id)
    return _rows(session, list(session.scalars(query)))


def _rows(session: Session, ids: Sequence[int]) -> list[SuggestionRow]:
    from coding.codebook import code_paths

    if not ids:
        return []
    paths = code_paths(session)
    rows = session.execute(
        select(MachineSuggestion, MachineModel.name, Document.name, Code.uuid)
        .join(MachineModel, MachineModel.id == MachineSuggestion.model_id)
        .join(Document, Document.id == MachineSuggestion.document_id)
        .join(Code, Code.id == MachineSuggestion.code_id)
        .where(MachineSuggestion.id.in_(ids))
        .order_by(Document.name, MachineSuggestion.start, MachineSuggestion.id)).all()
    texts = _span_texts(session, [(s.document_id, s.start, s.end) for s, *_rest in rows])
    return [
        SuggestionRow(s.id, s.uuid, model_name, s.document_id, document_name, code_uuid, paths.get(s.code_id, ""),
                      s.start, s.end, texts[(s.document_id, s.start, s.end)], s.confidence, s.status, s.decided_by)
        for s, model_name, document_name, code_uuid in rows
    ]


def _span_texts(session: Session, spans: Sequence[tuple[int, int, int]]) -> dict[tuple[int, int, int], str]:
    texts = {row.id: row.text for row in session.execute(
        select(Document.id, Document.text).where(Document.id.in_({d for d, _s, _e in spans})))}
    return {(d, s, e): texts[d][s:e] for d, s, e in spans}


__all__ = [
    "ENGINE",
    "MIN_EXAMPLES",
    "THRESHOLD",
    "CodeEvaluation",
    "ModelInfo",
    "shown_in_blind_mode",
    "StoreModelEdit",
    "SuggestionRow",
    "TrainedModel",
    "TrainingData",
    "TrainingReport",
    "UnitRef",
    "assign_folds",
    "find_model",
    "list_models",
    "list_suggestions",
    "machine_coder_ids",
    "machine_name",
    "record_suggestion_run",
    "store_model",
    "suggest",
    "train",
    "train_machine_coder",
    "training_data",
]
