"""A seeded synthetic interview corpus at the scale of seed 003, and a Concord project built from it.

Seed 003 coded 55 interviews of 30–90 minutes (≈12,000 words each), some in Chinese. This module
writes that corpus at 1×, 10× or 100× as .txt files (for the import benchmark), and builds a project
from it directly with bulk inserts (for the info, analysis, agreement and REFI benchmarks): the
generator knows its own speaker turns and sentence boundaries, so no spaCy run is needed.

Command line::

    python benchmarks/generate_corpus.py --scale 1 --out DIR [--seed 7] [--documents N]
    python benchmarks/generate_corpus.py --scale 100 --project PATH [--codings-per-document N]

Text comes from a small clause grammar over a medical-alliance vocabulary, so sentences have
realistic lengths (one to four clauses), commas and final punctuation. Every English word is plain
letters or digits, so spaCy's word count equals the generator's; Chinese words are the generator's
own segmentation (jieba may cut them differently).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import uuid as uuid_module
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Connection, func, insert, select

from coding.project import Project
from models import Attribute, AttributeValue, Case, Code, Coder, Coding, Document, Sentence, SpeakerTurn

DOCUMENTS_PER_SCALE = 55
WORDS_PER_DOCUMENT = 12_000
# Seed 003 at 100× scale holds a million codings, ≈182 per document.
CODINGS_PER_SCALE = 10_000
CHINESE_EVERY = 10  # one document in ten is Chinese
CHINESE_REMAINDER = 3

# --------------------------------------------------------------------------------------------
# Vocabulary. English phrases are lower case except "I"; words are letters/digits only (no
# hyphens or apostrophes), so a tokenizer splits them exactly where the generator counts them.
# --------------------------------------------------------------------------------------------
EN_OPENERS = (
    "I think", "to be honest", "in our experience", "at the beginning", "in fact", "of course",
    "as far as I know", "for example", "in practice", "at that time", "frankly speaking", "on the whole",
    "in my view", "well", "actually", "basically", "as you know", "in the end", "to some extent",
    "generally speaking", "at first", "in this respect", "from my point of view", "so",
)
EN_SUBJECTS = (
    "the medical alliance", "our hospital", "the county hospital", "the township health centres",
    "the lead hospital", "the health commission", "the government", "general practitioners",
    "the community health centre", "the insurance bureau", "patients", "family doctors",
    "department heads", "the council", "the finance bureau", "specialists from the city", "the group",
    "the management team", "village doctors", "the board", "we", "they", "the director", "our department",
    "the pediatric union", "the telemedicine office", "the chief executive", "local officials",
    "the member hospitals", "most residents", "the older doctors", "the nurses",
)
EN_VERBS = (
    "has to negotiate", "decided on", "allocates", "controls", "shares", "is responsible for",
    "reports on", "transferred", "received", "pays for", "supervises", "evaluates", "agreed to change",
    "wanted to expand", "tried to reduce", "could not afford", "depends on", "is accountable for",
    "signed contracts for", "approved", "manages", "coordinates", "worries about", "complained about",
    "benefits from", "was asked to improve", "took over", "still needs", "set up", "discussed",
    "reorganised", "invested in", "cut", "kept", "monitors", "relies on",
)
EN_OBJECTS = (
    "the annual budget", "the global budget", "two way referrals", "downward referrals",
    "upward referrals", "the personnel quota", "performance bonuses", "the surplus",
    "the medical insurance fund", "drug procurement", "equipment purchases", "capital investment",
    "the salary system", "staff recruitment", "the assessment indicators", "chronic disease management",
    "telemedicine consultations", "the referral platform", "outpatient visits", "hospital beds",
    "the balance of the fund", "the accounts", "public health services", "the targets", "the reform",
    "the pilot", "training for village doctors", "the information system", "the contracts",
    "the appointment of directors", "the prices of services", "the pharmacy", "the waiting lists",
    "the quality of care", "the workload", "the list of essential drugs", "the income of doctors",
    "the debts of the township centres", "the unified management", "the family doctor contracts",
)
EN_ADVERBIALS = (
    "every year", "in the county", "at the township level", "across the alliance", "under the new policy",
    "with the lead hospital", "through the platform", "in the first year", "since 2017", "after the reform",
    "within the group", "for the residents", "in the community", "by the end of the year",
    "on a monthly basis", "without extra staff", "from the city hospitals", "under the global budget",
    "in 2018", "for the children", "in the rural areas", "at the same time", "step by step", "very quickly",
    "more and more", "in the last two years", "together with the insurance bureau",
)
EN_CONNECTORS = (
    ", and", ", but", " because", " so that", ", while", ", which means that", ", although", ", and then",
    ", so", " if", " when", " and", " but",
)
EN_QUESTIONS = (
    "could you tell me more about {object}",
    "how does {subject} handle {object}",
    "what role does {subject} play in {object}",
    "why did {subject} change {object}",
    "who decides on {object} {adverbial}",
    "and what about {object}",
    "how do you see {object} {adverbial}",
    "can you give an example of {object}",
    "what happened to {object} {adverbial}",
    "does {subject} have a say in {object}",
)
EN_ACKNOWLEDGEMENTS = ("I see.", "Okay.", "Thank you.", "Right.", "That is interesting.", "Understood.", "Yes.")
EN_SPEAKERS = (("Interviewer", "R"), ("Interviewer", "Respondent"), ("I", "R"), ("Interviewer", "Participant"))

# Chinese phrases are pre-segmented with spaces; the spaces are dropped when a sentence is joined.
ZH_OPENERS = (
    "我 觉得", "实际上", "说实话", "一开始", "总的来说", "在 这个 过程 中", "比如说", "当时", "现在", "其实",
    "从 我们 的 角度 看", "坦白 地 说", "另外", "所以",
)
ZH_SUBJECTS = (
    "医联体", "牵头 医院", "县 医院", "乡镇 卫生院", "卫生 健康 委员会", "政府", "家庭 医生", "社区 卫生 服务 中心",
    "医保 部门", "财政 部门", "患者", "专科 医生", "管理 团队", "理事会", "村 医", "我们", "他们", "院长",
    "儿科 联盟", "远程 医疗 办公室", "成员 医院",
)
ZH_VERBS = (
    "负责", "统筹", "管理", "分配", "承担", "推动", "控制", "监督", "考核", "协调", "参与", "支付", "决定",
    "共享", "调整", "投入", "关心", "依靠", "改善", "落实",
)
ZH_OBJECTS = (
    "年度 预算", "总额 预付", "双向 转诊", "下转 患者", "人员 编制", "绩效 奖金", "结余 资金", "医保 基金",
    "药品 采购", "设备 投入", "薪酬 制度", "人才 招聘", "考核 指标", "慢性病 管理", "远程 会诊", "转诊 平台",
    "门诊 量", "床位", "公共 卫生 服务", "分级 诊疗", "改革 试点", "信息 系统", "签约 服务", "医疗 质量",
    "服务 价格", "基层 能力",
)
ZH_ADVERBIALS = (
    "每年", "在 县域 内", "在 乡镇 层面", "在 整个 医联体 里", "按照 新 的 政策", "通过 平台", "从 2017 年 开始",
    "改革 以后", "在 集团 内部", "逐步", "越来越", "最近 两 年",
)
ZH_QUESTIONS = (
    "您 能 谈谈 {object} 吗", "{object} 是 怎么 决定 的", "请问 {subject} 在 {object} 方面 发挥 什么 作用",
    "为什么 要 调整 {object}", "{subject} 对 {object} 有 发言权 吗", "您 怎么 看 {object}",
)
ZH_ACKNOWLEDGEMENTS = ("好的 。", "明白 。", "谢谢 。", "是 的 。", "嗯 。")
ZH_SPEAKERS = ("访谈者", "受访者")

# Table 1 of seed 003: who was interviewed in each of the four alliance modes.
ALLIANCE_MODES = (
    "Shenzhen Luohu Medical Group",
    "Anhui Tianchang Medical Community",
    "Beijing Children's Hospital Pediatric Union",
    "China-Japan Friendship Hospital Telemedicine Network",
)
_SHARED_ROLES = (
    "Leader of the government health management department", "Public health coordinator",
    "Alliance policy executive", "Alliance policy coordinator", "Alliance policy regulator and evaluator",
    "Doctor in the alliance", "Patient", "Patient", "Third-party news media", "Research expert",
)
ROLES_BY_MODE = {
    ALLIANCE_MODES[0]: _SHARED_ROLES + ("Chief executive officer", "Hospital director of the alliance",
                                        "Community rehabilitation center doctor"),
    ALLIANCE_MODES[1]: _SHARED_ROLES + ("Chief executive officer", "Township hospital director",
                                        "Township hospital doctor"),
    ALLIANCE_MODES[2]: _SHARED_ROLES + ("Council of Specialist Union", "Hospital director of the alliance"),
    ALLIANCE_MODES[3]: _SHARED_ROLES + ("Director of telemedicine collaboration office",
                                        "Hospital director of the alliance"),
}
FEMALE_SHARE = 23 / 55  # 23 women and 32 men in seed 003
ATTRIBUTES = ("alliance_mode", "role", "gender")


class Turn(NamedTuple):
    speaker: str
    start: int
    content_start: int
    end: int


class SentenceSpan(NamedTuple):
    turn_position: int
    start: int
    end: int


@dataclass(frozen=True)
class GeneratedDocument:
    """One transcript with the turns and sentences the generator put into it (offsets into ``text``)."""

    index: int
    name: str
    language: str
    text: str
    turns: tuple[Turn, ...]
    sentences: tuple[SentenceSpan, ...]
    word_count: int
    respondent: str

    @property
    def file_name(self) -> str:
        return f"{self.name}.txt"

    @property
    def file_bytes(self) -> bytes:
        """The .txt file as written: importing it gives back ``text`` exactly (normalising strips the LF)."""
        return (self.text + "\n").encode("utf-8")


def document_count(scale: int, documents: int | None = None) -> int:
    return documents if documents is not None else DOCUMENTS_PER_SCALE * scale


def document_language(index: int) -> str:
    return "zh" if index % CHINESE_EVERY == CHINESE_REMAINDER else "en"


def document_name(index: int) -> str:
    return f"interview_{index + 1:04d}"


def _document_rng(seed: int, index: int, stream: int = 0) -> random.Random:
    # Each document has its own stream, so document i is the same whatever the corpus size.
    return random.Random((seed * 1_000_003 + index) * 7 + stream)


# --------------------------------------------------------------------------------------------
# Sentences: each returns (sentence text, words in it).
# --------------------------------------------------------------------------------------------
def _clause_count(rng: random.Random) -> int:
    roll = rng.random()
    return 1 if roll < 0.35 else 2 if roll < 0.75 else 3 if roll < 0.93 else 4


class _English:
    @staticmethod
    def clause(rng: random.Random) -> str:
        parts = [rng.choice(EN_SUBJECTS), rng.choice(EN_VERBS), rng.choice(EN_OBJECTS)]
        if rng.random() < 0.45:
            parts.append(rng.choice(EN_ADVERBIALS))
        return " ".join(parts)

    @classmethod
    def statement(cls, rng: random.Random) -> str:
        text = cls.clause(rng)
        for _ in range(_clause_count(rng) - 1):
            text += rng.choice(EN_CONNECTORS) + " " + cls.clause(rng)
        if rng.random() < 0.3:
            text = rng.choice(EN_OPENERS) + ", " + text
        roll = rng.random()
        end = "." if roll < 0.93 else "!" if roll < 0.97 else "?"
        return text[0].upper() + text[1:] + end

    @staticmethod
    def question(rng: random.Random) -> str:
        text = rng.choice(EN_QUESTIONS).format(
            subject=rng.choice(EN_SUBJECTS), object=rng.choice(EN_OBJECTS), adverbial=rng.choice(EN_ADVERBIALS)
        )
        if rng.random() < 0.2:
            text = "so, " + text
        return text[0].upper() + text[1:] + "?"

    @staticmethod
    def acknowledgement(rng: random.Random) -> str:
        return rng.choice(EN_ACKNOWLEDGEMENTS)

    @staticmethod
    def finish(sentence: str) -> tuple[str, int]:
        return sentence, sum(1 for word in sentence.split() if any(ch.isalnum() for ch in word))

    separator = " "
    speakers = EN_SPEAKERS


class _Chinese:
    @staticmethod
    def clause(rng: random.Random) -> str:
        parts = [rng.choice(ZH_SUBJECTS)]
        if rng.random() < 0.4:
            parts.append(rng.choice(ZH_ADVERBIALS))
        parts += [rng.choice(ZH_VERBS), rng.choice(ZH_OBJECTS)]
        return " ".join(parts)

    @classmethod
    def statement(cls, rng: random.Random) -> str:
        clauses = [cls.clause(rng) for _ in range(_clause_count(rng))]
        text = " ， ".join(clauses)
        if rng.random() < 0.3:
            text = rng.choice(ZH_OPENERS) + " ， " + text
        roll = rng.random()
        return text + (" 。" if roll < 0.9 else " ！" if roll < 0.96 else " ？")

    @staticmethod
    def question(rng: random.Random) -> str:
        return rng.choice(ZH_QUESTIONS).format(subject=rng.choice(ZH_SUBJECTS), object=rng.choice(ZH_OBJECTS)) + " ？"

    @staticmethod
    def acknowledgement(rng: random.Random) -> str:
        return rng.choice(ZH_ACKNOWLEDGEMENTS)

    @staticmethod
    def finish(sentence: str) -> tuple[str, int]:
        pieces = sentence.split()
        return "".join(pieces), sum(1 for piece in pieces if any(ch.isalnum() for ch in piece))

    separator = ""
    speakers = (ZH_SPEAKERS,)


def _interviewer_sentences(grammar: type, rng: random.Random) -> list[str]:
    sentences = [grammar.acknowledgement(rng)] if rng.random() < 0.35 else []
    if rng.random() < 0.15:
        sentences.append(grammar.statement(rng))
    sentences.append(grammar.question(rng))
    return sentences


def _respondent_sentence_count(rng: random.Random) -> int:
    # Mostly a few sentences, now and then a long answer (the lognormal tail).
    return max(1, min(40, round(rng.lognormvariate(1.55, 0.65))))


def generate_document(index: int, seed: int = 7, words: int = WORDS_PER_DOCUMENT) -> GeneratedDocument:
    """Transcript ``index`` of the corpus for ``seed``: alternating interviewer/respondent turns."""
    rng = _document_rng(seed, index)
    language = document_language(index)
    grammar: type = _Chinese if language == "zh" else _English
    interviewer, respondent = rng.choice(grammar.speakers)
    target_words = round(words * rng.uniform(0.8, 1.2))
    pieces: list[str] = []
    turns: list[Turn] = []
    sentences: list[SentenceSpan] = []
    offset = word_count = 0
    while word_count < target_words:
        speaker = interviewer if len(turns) % 2 == 0 else respondent
        if speaker == interviewer:
            raw = _interviewer_sentences(grammar, rng)
        else:
            raw = [grammar.statement(rng) for _ in range(_respondent_sentence_count(rng))]
        if turns:
            pieces.append("\n\n")
            offset += 2
        label = f"{speaker}：" if language == "zh" else f"{speaker}: "
        start, content_start = offset, offset + len(label)
        pieces.append(label)
        offset = content_start
        for position, sentence in enumerate(raw):
            text, count = grammar.finish(sentence)
            if position:
                pieces.append(grammar.separator)
                offset += len(grammar.separator)
            pieces.append(text)
            sentences.append(SentenceSpan(len(turns), offset, offset + len(text)))
            offset += len(text)
            word_count += count
        turns.append(Turn(speaker, start, content_start, offset))
    text = "".join(pieces)
    return GeneratedDocument(
        index, document_name(index), language, text, tuple(turns), tuple(sentences), word_count, respondent
    )


def iter_corpus(
    scale: int, seed: int = 7, documents: int | None = None, words: int = WORDS_PER_DOCUMENT
) -> Iterator[GeneratedDocument]:
    for index in range(document_count(scale, documents)):
        yield generate_document(index, seed, words)


def write_corpus(
    out_dir: Path, scale: int, seed: int = 7, documents: int | None = None, words: int = WORDS_PER_DOCUMENT
) -> list[Path]:
    """Write the corpus as UTF-8 .txt files (one per transcript) and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in iter_corpus(scale, seed, documents, words):
        path = out_dir / document.file_name
        path.write_bytes(document.file_bytes)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------
# A Concord project built directly from the generator (bulk inserts, no spaCy).
# --------------------------------------------------------------------------------------------
def total_codings(scale: int, documents: int, codings_per_document: int | None) -> int:
    if codings_per_document is not None:
        return codings_per_document * documents
    return CODINGS_PER_SCALE * scale if documents == DOCUMENTS_PER_SCALE * scale else round(
        CODINGS_PER_SCALE * documents / DOCUMENTS_PER_SCALE
    )


def _split_evenly(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _seeded_uuid(rng: random.Random) -> str:
    return str(uuid_module.UUID(int=rng.getrandbits(128), version=4))


class _Span(NamedTuple):
    """A coded passage: sentences ``first..last`` of one turn's ``sentences``."""

    start: int
    end: int
    first: int
    last: int
    sentences: list[SentenceSpan]


def _respondent_turn_sentences(document: GeneratedDocument) -> list[list[SentenceSpan]]:
    by_turn: dict[int, list[SentenceSpan]] = {}
    for sentence in document.sentences:
        if document.turns[sentence.turn_position].speaker == document.respondent:
            by_turn.setdefault(sentence.turn_position, []).append(sentence)
    return list(by_turn.values()) or [list(document.sentences)]


def _random_span(turn_sentences: list[list[SentenceSpan]], rng: random.Random) -> _Span:
    """1–3 consecutive sentences inside one respondent turn (coders code what was answered)."""
    sentences = rng.choice(turn_sentences)
    first = rng.randrange(len(sentences))
    last = min(len(sentences) - 1, first + rng.choice((0, 0, 0, 1, 1, 2)))
    return _Span(sentences[first].start, sentences[last].end, first, last, sentences)


def _document_codings(
    document: GeneratedDocument, seed: int, coder_ids: Sequence[int], code_ids: Sequence[int],
    code_weights: Sequence[float], count: int,
) -> list[tuple[int, int, int, int]]:
    """(coder_id, code_id, start, end) rows: the first coder codes; the others mostly agree with it.

    Each further coder repeats a reference coding 70% of the time (sometimes one sentence wider,
    sometimes with another code), otherwise codes a passage of their own — realistic material for
    agreement measures.
    """
    rng = _document_rng(seed, document.index, stream=1)
    turn_sentences = _respondent_turn_sentences(document)
    per_coder = _split_evenly(count, len(coder_ids))
    reference = [_random_span(turn_sentences, rng) for _ in range(per_coder[0])]
    reference_codes = rng.choices(code_ids, code_weights, k=len(reference))
    rows = [(coder_ids[0], code, span.start, span.end) for code, span in zip(reference_codes, reference, strict=True)]
    for coder_id, wanted in zip(coder_ids[1:], per_coder[1:], strict=True):
        for k in range(wanted):
            if reference and rng.random() < 0.7:
                span, code = reference[k % len(reference)], reference_codes[k % len(reference)]
                end = span.end
                if rng.random() < 0.2 and span.last + 1 < len(span.sentences):
                    end = span.sentences[span.last + 1].end
                if rng.random() < 0.15:
                    code = rng.choice(code_ids)
                rows.append((coder_id, code, span.start, end))
            else:
                span = _random_span(turn_sentences, rng)
                rows.append((coder_id, rng.choices(code_ids, code_weights)[0], span.start, span.end))
    return rows


def _level3_codes(connection: Connection) -> list[int]:
    rows = connection.execute(select(Code.id, Code.parent_id, Code.is_codable).order_by(Code.id)).all()
    parents = {code_id: parent for code_id, parent, _ in rows}

    def depth(code_id: int) -> int:
        level = 1
        while parents[code_id] is not None:
            code_id, level = parents[code_id], level + 1
        return level

    codes = [code_id for code_id, _, codable in rows if codable and depth(code_id) == 3]
    if not codes:
        raise RuntimeError("the project has no codable level-3 codes to apply")
    return codes


def _case_attributes(index: int, seed: int) -> dict[str, str]:
    rng = _document_rng(seed, index, stream=2)
    mode = ALLIANCE_MODES[index % len(ALLIANCE_MODES)]
    return {
        "alliance_mode": mode,
        "role": rng.choice(ROLES_BY_MODE[mode]),
        "gender": "female" if rng.random() < FEMALE_SHARE else "male",
    }


@dataclass
class _Ids:
    """Next free primary keys, so sentences can point at turns without reading ids back."""

    document: int
    turn: int
    sentence: int
    case: int
    coding: int


def _next_ids(connection: Connection) -> _Ids:
    def next_id(column: object) -> int:
        return (connection.execute(select(func.max(column))).scalar() or 0) + 1

    return _Ids(next_id(Document.id), next_id(SpeakerTurn.id), next_id(Sentence.id), next_id(Case.id),
                next_id(Coding.id))


def _insert_batch(connection: Connection, rows: dict[str, list[dict]]) -> None:
    """One Core executemany per table, parents first (foreign keys are on)."""
    for model in (Case, Document, SpeakerTurn, Sentence, AttributeValue, Coding):
        table_rows = rows.get(model.__tablename__)
        if table_rows:
            connection.execute(insert(model.__table__), table_rows)


def _document_rows(
    document: GeneratedDocument, ids: _Ids, seed: int, attribute_ids: dict[str, int], coder_ids: Sequence[int],
    code_ids: Sequence[int], code_weights: Sequence[float], codings: int, when: datetime,
    rows: dict[str, list[dict]],
) -> None:
    rng = _document_rng(seed, document.index, stream=3)
    case_id, document_id = ids.case, ids.document
    ids.case += 1
    ids.document += 1
    rows["cases"].append({"id": case_id, "uuid": _seeded_uuid(rng), "name": f"P{document.index + 1:04d}",
                          "description": "", "created_at": when})
    for name, value in _case_attributes(document.index, seed).items():
        rows["attribute_values"].append({"case_id": case_id, "attribute_id": attribute_ids[name], "value": value})
    rows["documents"].append({
        "id": document_id, "uuid": _seeded_uuid(rng), "name": document.name, "source_name": document.file_name,
        "format": "txt", "encoding": "utf-8", "sha256": hashlib.sha256(document.file_bytes).hexdigest(),
        "language": document.language, "text": document.text, "char_count": len(document.text),
        "word_count": document.word_count, "turn_count": len(document.turns),
        "sentence_count": len(document.sentences), "case_id": case_id, "imported_at": when,
    })
    first_turn = ids.turn
    rows["speaker_turns"].extend(
        {"id": first_turn + position, "document_id": document_id, "position": position, "speaker": turn.speaker,
         "start": turn.start, "content_start": turn.content_start, "end": turn.end}
        for position, turn in enumerate(document.turns)
    )
    ids.turn += len(document.turns)
    rows["sentences"].extend(
        {"id": ids.sentence + position, "document_id": document_id, "turn_id": first_turn + sentence.turn_position,
         "position": position, "start": sentence.start, "end": sentence.end}
        for position, sentence in enumerate(document.sentences)
    )
    ids.sentence += len(document.sentences)
    for coder_id, code_id, start, end in _document_codings(
        document, seed, coder_ids, code_ids, code_weights, codings
    ):
        rows["codings"].append({
            "id": ids.coding, "uuid": _seeded_uuid(rng), "document_id": document_id, "coder_id": coder_id,
            "code_id": code_id, "start": start, "end": end, "memo": "", "derived_from": None,
            "created_at": when, "updated_at": when,
        })
        ids.coding += 1


def _setup_coders_and_attributes(
    connection: Connection, coders: Sequence[str], seed: int
) -> tuple[list[int], dict[str, int]]:
    rng = random.Random(seed)
    connection.execute(insert(Coder.__table__), [{"name": name, "uuid": _seeded_uuid(rng)} for name in coders])
    connection.execute(
        insert(Attribute.__table__),
        [{"name": name, "value_type": "text", "position": position, "uuid": _seeded_uuid(rng)}
         for position, name in enumerate(ATTRIBUTES)],
    )
    coder_ids = [connection.execute(select(Coder.id).where(Coder.name == name)).scalar_one() for name in coders]
    attribute_ids = {name: ident for name, ident in connection.execute(select(Attribute.name, Attribute.id))}
    return coder_ids, attribute_ids


def build_synthetic_project(
    path: Path,
    scale: int,
    seed: int = 7,
    codings_per_document: int | None = None,
    coders: Sequence[str] = ("A", "B"),
    *,
    documents: int | None = None,
    words_per_document: int = WORDS_PER_DOCUMENT,
    batch_documents: int = 50,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Build a Concord project with the generated corpus, one case per document, and codings.

    The project has the built-in codebook, ``coders``, cases P0001… with attributes alliance_mode,
    role and gender, and ``10,000 × scale`` codings on level-3 codes over sentence spans (a million
    at scale 100) unless ``codings_per_document`` says otherwise. ``documents`` overrides the
    document count (55 × scale) for small test projects. Returns the project path.

    Rows go in with Core executemany and ids assigned here; no audit events are written (the
    builder stands in for an import and many coding sessions, it is not a user's edit).
    """
    if len(coders) < 1 or len(set(coders)) != len(coders):
        raise ValueError("coders must be one or more distinct names")
    count = document_count(scale, documents)
    project = Project.create(path, name=f"Synthetic corpus ×{scale} (seed {seed})")
    try:
        engine = project.store.engine
        with engine.begin() as connection:
            coder_ids, attribute_ids = _setup_coders_and_attributes(connection, coders, seed)
            code_ids = _level3_codes(connection)
            ids = _next_ids(connection)
        # A few codes get most codings, as in real projects.
        code_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(code_ids))]
        per_document = _split_evenly(total_codings(scale, count, codings_per_document), count)
        interview_day = datetime(2017, 11, 1, 9, 0, tzinfo=timezone.utc)
        for batch_start in range(0, count, batch_documents):
            rows: dict[str, list[dict]] = {name: [] for name in (
                "cases", "attribute_values", "documents", "speaker_turns", "sentences", "codings")}
            for index in range(batch_start, min(count, batch_start + batch_documents)):
                document = generate_document(index, seed, words_per_document)
                when = interview_day + timedelta(hours=index)
                _document_rows(document, ids, seed, attribute_ids, coder_ids, code_ids, code_weights,
                               per_document[index], when, rows)
            with engine.begin() as connection:
                _insert_batch(connection, rows)
            if progress is not None:
                progress(min(count, batch_start + batch_documents), count)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        project.close()
    assert project.path is not None  # a created project always has its file
    return project.path


def _print_progress(done: int, total: int) -> None:
    print(f"\r{done}/{total} documents", end="", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, choices=(1, 10, 100), default=1, help="1 = seed 003 (55 transcripts)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--documents", type=int, help="Generate only this many documents (a fraction of a scale).")
    parser.add_argument("--words", type=int, default=WORDS_PER_DOCUMENT, help="Mean words per transcript.")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="Write .txt transcripts into this folder.")
    target.add_argument("--project", type=Path, help="Build a .concord project here (bulk inserts, no spaCy).")
    parser.add_argument("--codings-per-document", type=int, help="Default: 10,000 × scale codings in all.")
    parser.add_argument("--coders", default="A,B", help="Comma-separated coder names (default A,B).")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.out is not None:
        paths = write_corpus(args.out, args.scale, args.seed, args.documents, args.words)
        print(f"Wrote {len(paths)} transcripts to {args.out} in {time.perf_counter() - started:.1f} s")
        return 0
    built = build_synthetic_project(
        args.project, args.scale, args.seed, args.codings_per_document, tuple(args.coders.split(",")),
        documents=args.documents, words_per_document=args.words, progress=_print_progress,
    )
    print(f"\nBuilt {built} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
