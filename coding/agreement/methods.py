"""A methods paragraph a paper can cite, in English and Chinese, for every agreement run.

``methods_text(parameters, figures)`` writes what the run rests on — coders, documents, unit, presence rule or
segment tolerance, codes and levels, n, measures, interval method, thresholds — and the pooled results, with the
references it cites. It is built only from a run's stored parameters (``AgreementRun.parameters``) and figures, so a
reopened run gives the same paragraph as the run itself. Fields are read defensively: a field an older run lacks
(or a newer one adds) is left out of the wording rather than guessed, so the paragraph never claims more than the
stored run holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coding.agreement import bands
from coding.agreement.figure_table import FigureTable
from coding.numbers import fixed

# Words a paper uses for each measure (symbol, English name, Chinese name, reference keys).
_MEASURES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "percent": ("percent agreement", "percent agreement", "百分比一致性", ()),
    "alpha": ("α", "Krippendorff's nominal α", "Krippendorff名义α系数", ("krippendorff2004",)),
    "kappa": ("κ", "Cohen's κ", "Cohen κ系数", ("cohen1960",)),
    "fleiss": ("Fleiss' κ", "Fleiss' κ", "Fleiss κ系数", ("fleiss1971",)),
    "bp": ("κn", "Brennan and Prediger's κn", "Brennan–Prediger κn系数", ("brennan1981",)),
    "ac1": ("AC1", "Gwet's AC1", "Gwet AC1系数", ("gwet2008",)),
    "ualpha": ("u-α", "Krippendorff's unitizing u-α of 1995", "Krippendorff单元化u-α系数（1995）",
               ("krippendorff1995",)),
    "psa": ("PSA", "positive specific agreement", "阳性特定一致性", ("cicchetti1990",)),
    "nsa": ("NSA", "negative specific agreement", "阴性特定一致性", ("cicchetti1990",)),
    "prevalence": ("prevalence", "each coder's prevalence (share of units coded)", "各编码员的编码比例（已编码单元占比）",
                   ()),
}
REFERENCES: dict[str, str] = {
    "krippendorff2004": "Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). "
                        "Sage.",
    "cohen1960": "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological "
                 "Measurement, 20(1), 37–46.",
    "fleiss1971": "Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological "
                  "Bulletin, 76(5), 378–382.",
    "brennan1981": "Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: Some uses, misuses, and "
                   "alternatives. Educational and Psychological Measurement, 41(3), 687–699.",
    "gwet2008": "Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence of high "
                "agreement. British Journal of Mathematical and Statistical Psychology, 61(1), 29–48.",
    "krippendorff1995": "Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological "
                        "Methodology, 25, 47–76.",
    "cicchetti1990": "Cicchetti, D. V., & Feinstein, A. R. (1990). High agreement but low kappa: II. Resolving the "
                     "paradoxes. Journal of Clinical Epidemiology, 43(6), 551–558.",
    "krippendorff2016": "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of "
                        "unitizing textual continua: Further developments. Quality & Quantity, 50(6), 2347–2364.",
    "krippendorff2019": "Krippendorff, K. (2019). Content analysis: An introduction to its methodology (4th ed.). "
                        "Sage.",
    "hayes2007": "Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard reliability measure "
                 "for coding data. Communication Methods and Measures, 1(1), 77–89.",
    "efron1993": "Efron, B., & Tibshirani, R. J. (1993). An introduction to the bootstrap. Chapman & Hall.",
    "landis1977": "Landis, J. R., & Koch, G. G. (1977). The measurement of observer agreement for categorical "
                  "data. Biometrics, 33(1), 159–174.",
}
_CITE = {"krippendorff2004": "Krippendorff, 2004", "cohen1960": "Cohen, 1960", "fleiss1971": "Fleiss, 1971",
         "brennan1981": "Brennan & Prediger, 1981", "gwet2008": "Gwet, 2008", "krippendorff1995": "Krippendorff, 1995",
         "cicchetti1990": "Cicchetti & Feinstein, 1990", "hayes2007": "Hayes & Krippendorff, 2007",
         "efron1993": "Efron & Tibshirani, 1993", "landis1977": "Landis & Koch, 1977",
         "krippendorff2016": "Krippendorff et al., 2016", "krippendorff2019": "Krippendorff, 2019"}
_UNIT_WORDS = {  # unit -> (English plural, English singular, Chinese)
    "character": ("characters", "character", "字符"),
    "sentence": ("sentences", "sentence", "句子"),
    "turn": ("speaker turns", "speaker turn", "说话轮次"),
    "document": ("documents", "document", "文档"),
    "segment": ("coded segments", "coded segment", "编码片段"),
}
_CONVENTIONS = {"nvivo": "NVivo", "maxqda": "MAXQDA", "atlas": "ATLAS.ti", "atlas.ti": "ATLAS.ti"}
_VENDOR_PREFIXES = ("nvivo_", "maxqda_", "atlas_")
_SMALL_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_SUMMARY_MEASURES_SKIPPED = ("disagreements", "boundary_only")  # counts of units, not measures


@dataclass(frozen=True)
class MethodsText:
    """The paragraph in English and Chinese and the references it cites (APA 7, in citation order)."""

    english: str
    chinese: str
    references: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"en": self.english, "zh": self.chinese, "references": list(self.references)}

    def as_text(self) -> str:
        """Both paragraphs and the reference list as plain text (CLI, clipboard)."""
        return "\n\n".join([self.english, self.chinese, "References\n" + "\n".join(self.references)])


# ------------------------------------------------------------------------------------------------
# Reading a run defensively
# ------------------------------------------------------------------------------------------------


def _field(parameters: Mapping[str, Any], *names: str) -> Any:
    """The first present, non-empty value among ``names`` (fields differ between Concord versions)."""
    for name in names:
        value = parameters.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _get(figure: Any, name: str, default: Any = None) -> Any:
    if isinstance(figure, Mapping):
        return figure.get(name, default)
    return getattr(figure, name, default)


def _summary(figures: Iterable[Any]) -> list[Any]:
    """Figures over all documents and all coders."""
    return [f for f in figures if _get(f, "document_uuid") is None and _get(f, "coder_a") is None]


def _coders(parameters: Mapping[str, Any]) -> list[str]:
    return [str(c) for c in (_field(parameters, "rater_names", "coders") or [])]


def _count_en(n: int) -> str:
    return _SMALL_NUMBERS[n] if 0 <= n < len(_SMALL_NUMBERS) else str(n)


def _join_en(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _number(value: float) -> str:
    """APA style: no leading zero for values that cannot exceed 1."""
    text = f"{value:.3f}"
    return text.replace("0.", ".", 1) if abs(value) < 1 else text


def _number_zh(value: float) -> str:
    """As Chinese journals print a coefficient: the leading zero kept ("0.823"), a decimal point."""
    return fixed(value, 3)


def _measure(measure: str) -> tuple[str, str, str, tuple[str, ...]]:
    if measure in _MEASURES:
        return _MEASURES[measure]
    try:  # a measure added after this module: its title from the engine, no reference claimed
        from coding.agreement.conventions import CONVENTION_MEASURES
        from coding.agreement.weighted import MEASURE_TITLES
        title = MEASURE_TITLES.get(measure) or CONVENTION_MEASURES.get(measure, measure)
    except ImportError:  # pragma: no cover - the engine always ships it
        title = measure
    return title, title, title, ()


def measure_title_zh(measure: str) -> str | None:
    """A measure's Chinese name as the paragraph writes it ("Cohen κ系数"), None for one this module does not know."""
    known = _MEASURES.get(measure)
    return known[2] if known else None


def _zh(measure: str) -> str:
    """The symbol in Chinese text: the Chinese name where the measure has no symbol of its own."""
    symbol, english, chinese, _ = _measure(measure)
    return chinese if symbol == english else symbol


def _threshold_share(measure: str) -> str | None:
    """"alpha_q667" -> ".667": the bootstrap's probability that α lies below a threshold (not a measure)."""
    match = re.fullmatch(r"alpha_q(\d+)", measure)
    return f".{match.group(1)}" if match else None


def _measures(parameters: Mapping[str, Any], figures: Sequence[Any]) -> list[str]:
    chosen = [str(m) for m in (_field(parameters, "measures") or [])]
    extra = [m for m in dict.fromkeys(_get(f, "measure") for f in figures)
             if m and m not in chosen and m not in _SUMMARY_MEASURES_SKIPPED
             and not str(m).startswith(_VENDOR_PREFIXES)]  # a vendor's figures: the convention sentence
    return [m for m in chosen + extra if _threshold_share(m) is None]


def _main_units(figures: Sequence[Any]) -> str:
    """"all" when the run has figures over all units, else what it has (segment units: "coded")."""
    units = {_get(f, "units") for f in figures if not str(_get(f, "measure")).startswith("ualpha")}
    return "all" if "all" in units or not units else min(str(u) for u in units)


def _n_range(figures: Sequence[Any]) -> tuple[int, int] | None:
    units = _main_units(figures)
    counts = [int(_get(f, "n_units", 0) or 0) for f in _summary(figures)
              if _get(f, "code_uuid") is not None and _get(f, "units") == units and _get(f, "coder_a") is None
              and _get(f, "value") is not None
              and not str(_get(f, "measure")).startswith("ualpha") and _get(f, "measure") not in _SUMMARY_MEASURES_SKIPPED]
    return (min(counts), max(counts)) if counts else None


def _pooled(figures: Sequence[Any], reading: str | None = None) -> list[Any]:
    """The all-codes pool over all units (the top level's pool in a one-level run), one figure per measure;
    ``reading`` "boundary" gives the pool under the boundary reading instead."""
    units = reading or _main_units(figures)
    pools = [f for f in _summary(figures) if _get(f, "code_uuid") is None
             and (_get(f, "units") == units or str(_get(f, "measure")).startswith("ualpha"))
             and _get(f, "coder_a") is None and _get(f, "measure") not in _SUMMARY_MEASURES_SKIPPED
             and not (_get(f, "value") is None and _threshold_share(str(_get(f, "measure"))) is None
                      and str(_get(f, "measure")) in _never_defined([str(_get(f, "measure"))], figures))]
    overall = [f for f in pools if _get(f, "level") is None]
    if not overall and pools:
        top = min(_get(f, "level") for f in pools)
        overall = [f for f in pools if _get(f, "level") == top]
    return list({_get(f, "measure"): f for f in reversed(overall)}.values())[::-1]


def _method_words(method: str) -> tuple[str, str, tuple[str, ...]]:
    """(English, Chinese, reference keys) of one bootstrap method as the engine names it."""
    lowered = method.lower()
    if "hayes" in lowered:
        return ("Hayes and Krippendorff's (2007) bootstrap of α, resampling pairable values",
                "Hayes与Krippendorff（2007）的α自助法（对可配对值重抽样）", ("hayes2007",))
    if "document" in lowered:
        return ("a percentile bootstrap resampling whole documents (document-cluster bootstrap)",
                "以文档为整群重抽样的百分位自助法（整群自助法）", ("efron1993",))
    if "unit" in lowered:
        return "a percentile bootstrap resampling units", "对单元重抽样的百分位自助法", ("efron1993",)
    return method, method, ()


def _interval(parameters: Mapping[str, Any], measures: Sequence[str]) -> tuple[str, str, tuple[str, ...]] | None:
    """(English, Chinese, reference keys) of the interval methods, None when the run has no intervals."""
    resamples = int(_field(parameters, "n_resamples") or 0)
    if resamples <= 0:
        return None
    confidence = float(_field(parameters, "confidence") or 0.95) * 100
    seed = _field(parameters, "seed") or 0
    methods = _field(parameters, "interval_methods")
    if not isinstance(methods, Mapping):  # runs stored before intervals were named per measure
        by_documents = str(_field(parameters, "interval_method") or "units").startswith("doc")
        methods = {m: "documents" if by_documents else "units" for m in measures if not m.startswith("ualpha")}
    grouped: dict[str, list[str]] = {}
    for measure, method in methods.items():
        grouped.setdefault(str(method), []).append(str(measure))
    parts_en: list[str] = []
    parts_zh: list[str] = []
    refs: list[str] = []
    for method, chosen in grouped.items():
        english, chinese, keys = _method_words(method)
        cited = "; ".join(_CITE[k] for k in keys if k in _CITE and k != "hayes2007")
        parts_en.append(f"for {_join_en([_measure(m)[0] for m in chosen])} by {english}"
                        + (f" ({cited})" if cited else ""))
        parts_zh.append(f"{'、'.join(_zh(m) for m in chosen)}采用{chinese}" + (f"（{cited}）" if cited else ""))
        refs.extend(keys)
    english = (f"{confidence:g}% confidence intervals over all documents were obtained {'; '.join(parts_en)}, "
               f"with {resamples} resamples (seed {seed}).")
    chinese = f"全部文档上的{confidence:g}%置信区间：{'；'.join(parts_zh)}，重抽样{resamples}次（随机种子{seed}）。"
    if any("hayes" in str(m).lower() for m in grouped):
        english += (" The share of bootstrap estimates of α below .667 and .800 estimates the probability that α "
                    "lies below these thresholds (q).")
        chinese += "α的自助估计值低于0.667与0.800的比例，用以估计α低于这两个阈值的概率（q）。"
    return english, chinese, tuple(refs)


def _missing_sentence(parameters: Mapping[str, Any]) -> tuple[str, str] | None:
    """How documents a coder did not code were treated, when the run says so (coverage per coder)."""
    coverage = _field(parameters, "coverage")
    documents = _field(parameters, "documents") or []
    if not isinstance(coverage, Mapping) or not documents:
        return None
    counts = {str(coder): len(docs or []) for coder, docs in coverage.items()}
    if all(n == len(documents) for n in counts.values()):
        return "Every coder coded every compared document.", "每名编码员均编码了全部被比较的文档。"
    listed_en = ", ".join(f"{coder} {n}" for coder, n in counts.items())
    listed_zh = "、".join(f"{coder} {n}份" for coder, n in counts.items())
    return ((f"Not every coder coded every document ({listed_en} of {len(documents)}); a coder's values were treated "
            "as missing, not as uncoded, in documents the coder had neither marked done nor coded. Coefficients "
            "that allow missing data use every pairable value; Cohen's and Fleiss' κ, which need complete data, "
            "rest on the documents every coder coded."),
            (f"并非每名编码员都编码了全部文档（共{len(documents)}份：{listed_zh}）；编码员既未标记完成也未编码的文档中，"
            "其数值按缺失处理，而非“未编码”。允许缺失数据的系数使用全部可配对数值；需要完整数据的Cohen κ与Fleiss κ"
            "仅基于所有编码员均已编码的文档。"))


def _unused_sentence(parameters: Mapping[str, Any]) -> tuple[str, str] | None:
    unused = [str(u).rsplit("/", 1)[-1] for u in (_field(parameters, "unused_codes") or [])]
    if not unused:
        return None
    word = "code" if len(unused) == 1 else "codes"
    return ((f"{len(unused)} {word} that no compared coder used ({', '.join(unused)}) {'is' if len(unused) == 1 else 'are'} "
            "reported as undefined and left out of the pools."),
            f"{len(unused)}个未被任何编码员使用的代码（{'、'.join(unused)}）记为无定义，不计入合并数值。")


def _band_kinds(measures: Sequence[str]) -> dict[str, list[str]]:
    """Which benchmark the engine applies to which chosen measure (read at run time: the bands may change)."""
    family = getattr(bands, "band_family", None) or getattr(bands, "BAND_OF_MEASURE", {}).get
    kinds: dict[str, list[str]] = {}
    for measure in measures:
        kind = family(measure)
        if kind:
            kinds.setdefault(str(kind), []).append(measure)
    return kinds


# ------------------------------------------------------------------------------------------------
# Sentences
# ------------------------------------------------------------------------------------------------


def _coders_sentence(parameters: Mapping[str, Any]) -> tuple[str, str]:
    coders = _coders(parameters)
    documents = _field(parameters, "documents", "document_uuids") or []
    n_docs = len(documents)
    scope = _field(parameters, "document_scope", "documents_rule")
    if isinstance(scope, str):
        scope_en, scope_zh = f" ({scope})", f"（{scope}）"
    elif _field(parameters, "done_only"):
        scope_en, scope_zh = " marked as done", "（仅限标记为完成的文档）"
    elif parameters.get("documents_chosen"):
        scope_en, scope_zh = " chosen for the comparison", "（为本次比较选定）"
    elif isinstance(parameters.get("coverage"), Mapping):  # the next sentence says who coded what
        scope_en, scope_zh = "", ""
    else:
        scope_en, scope_zh = " that every coder had coded", "（每名编码员均已编码的文档）"
    names = _join_en(coders) if coders else "unnamed coders"
    word = "document" if n_docs == 1 else "documents"
    english = (f"{_count_en(len(coders)).capitalize()} coders ({names}) independently coded {n_docs} {word}"
               f"{scope_en}.")
    chinese = f"{len(coders)}名编码员（{'、'.join(coders)}）独立编码了{n_docs}份文档{scope_zh}。"
    return english, chinese


def _unit_sentence(parameters: Mapping[str, Any]) -> tuple[str, str]:
    unit = str(_field(parameters, "unit") or "")
    plural, singular, chinese_unit = _UNIT_WORDS.get(unit, (unit or "units", unit or "unit", unit or "单元"))
    if unit == "segment":
        tolerance = float(_field(parameters, "tolerance") or 0)
        english = (f"Agreement was assessed on {plural}: a segment agreed when another coder had applied the same "
                   f"code to a segment overlapping it by at least {tolerance:g}% (intersection over union).")
        chinese = (f"一致性以{chinese_unit}为单元评估：若另一编码员对同一片段施加了相同代码且重叠度（交集/并集）"
                   f"不低于{tolerance:g}%，则视为一致。")
    else:
        rule = str(_field(parameters, "rule") or "any")
        english = (f"Agreement was assessed per code on {plural}: each code was treated as a present/absent "
                   f"variable for every {singular}")
        chinese = f"一致性按代码以{chinese_unit}为单元评估：每个代码在每个{chinese_unit}上记为“出现/未出现”的二元变量"
        if unit in ("sentence", "turn"):
            if rule == "any":
                english += f", a {singular} counting as coded when any of its characters was coded"
                chinese += f"，{chinese_unit}中任一字符被编码即视为已编码"
            else:
                english += f", a {singular} counting as coded when at least {rule} of its characters were coded"
                chinese += f"，{chinese_unit}中至少{rule}的字符被编码才视为已编码"
        english += "; a code counted as present where it or any code below it in the codebook was applied."
        chinese += "；某代码或其任一下级代码被施加之处均视为该代码出现。"
    return english, chinese


def _convention_sentence(parameters: Mapping[str, Any]) -> tuple[str, str, tuple[str, ...]] | None:
    convention = _field(parameters, "convention")
    if not isinstance(convention, str) or convention.lower() in ("concord", "default", "none"):
        return None
    name = _CONVENTIONS.get(convention.lower(), convention)
    english = f"{name}'s figures were also computed from its documented definition, to compare with {name}'s own output"
    chinese = f"另按{name}公开文档所述的定义计算了{name}的数值，可与其输出直接对照"
    refs: tuple[str, ...] = ()
    if name == "ATLAS.ti":  # the 2016/2019 unitizing family, codes of level 2 as semantic domains
        refs = ("krippendorff2016", "krippendorff2019")
        english += " (the |uα, cuα and Cuα family; Krippendorff et al., 2016; Krippendorff, 2019)"
        chinese += "（|uα、cuα与Cuα系数族；Krippendorff et al., 2016；Krippendorff, 2019）"
    return english + ".", chinese + "。", refs


def _boundary_sentence(parameters: Mapping[str, Any]) -> tuple[str, str] | None:
    boundary = _field(parameters, "boundary", "boundary_tolerance", "boundary_characters")
    if isinstance(boundary, bool) or not isinstance(boundary, int | float) or boundary <= 0:
        return None
    return ((f"Differences confined to at most {boundary:g} characters at a span's edge were counted apart as "
            "boundary disagreements, and figures are given under both readings."),
            f"仅在片段边界处不超过{boundary:g}个字符的差异单独计为边界分歧，并分别报告两种口径下的数值。")


def _codes_sentence(parameters: Mapping[str, Any]) -> tuple[str, str] | None:
    codes = _field(parameters, "compared_codes") or []
    if not codes:
        return None
    level = parameters.get("level", "all")
    levels = sorted({int(c["level"]) for c in codes if isinstance(c, Mapping) and c.get("level")})
    if level in (None, "all") and len(levels) > 1:
        where_en = f"all {len(levels)} levels of the codebook"
        where_zh = f"编码本全部{len(levels)}个层级"
        pool_en = ("; figures were also pooled per level and over the most specific codes, every unit-by-code "
                   "pair counting as one unit")
        pool_zh = "；并按层级以及在最具体的代码上合并计算（每个“单元×代码”组合计为一个单元）"
    else:
        shown = level if level not in (None, "all") else (levels[0] if levels else "")
        where_en, where_zh = f"level {shown} of the codebook", f"编码本第{shown}层级"
        pool_en = "; figures were also pooled over these codes, every unit-by-code pair counting as one unit"
        pool_zh = "；并对这些代码合并计算（每个“单元×代码”组合计为一个单元）"
    return (f"The {len(codes)} codes at {where_en} were compared{pool_en}.",
            f"共比较了{where_zh}的{len(codes)}个代码{pool_zh}。")


def _never_defined(measures: Sequence[str], figures: Sequence[Any]) -> dict[str, str]:
    """Chosen measures without a single defined figure in the run -> the reason the run stored."""
    summary = [f for f in _summary(figures) if _get(f, "measure") in measures]
    out = {}
    for measure in measures:
        own = [f for f in summary if _get(f, "measure") == measure]
        if own and all(_get(f, "value") is None for f in own):
            out[measure] = str(_get(own[0], "note") or "")
    return out


def _measures_sentence(measures: Sequence[str], figures: Sequence[Any]) -> tuple[str, str, list[str]]:
    undefined = _never_defined(measures, figures)
    english_parts: list[str] = []
    chinese_parts: list[str] = []
    refs: list[str] = []
    for measure in [m for m in measures if m not in undefined]:
        _, english, chinese, keys = _measure(measure)
        cited = "; ".join(_CITE[k] for k in keys if k in _CITE)
        english_parts.append(f"{english} ({cited})" if cited else english)
        chinese_parts.append(f"{chinese}（{cited}）" if cited else chinese)
        refs.extend(keys)
    english = f"We report {_join_en(english_parts)}." if english_parts else ""
    chinese = f"报告的指标包括{'、'.join(chinese_parts)}。" if chinese_parts else ""
    for measure, reason in undefined.items():
        english += f" {_measure(measure)[1][:1].upper()}{_measure(measure)[1][1:]} is undefined here" + (
            f" ({reason.rstrip('.')})." if reason else ".")
        chinese += f"{_measure(measure)[2]}在此无定义" + (f"（{reason.rstrip('.')}）。" if reason else "。")
    return english.strip(), chinese, refs


def _n_sentence(parameters: Mapping[str, Any], figures: Sequence[Any]) -> tuple[str, str] | None:
    span = _n_range(figures)
    if span is None:
        return None
    unit = str(_field(parameters, "unit") or "")
    plural, _, chinese_unit = _UNIT_WORDS.get(unit, (unit or "units", unit, unit or "单元"))
    low, high = span
    n_en = f"n = {low}" if low == high else f"n = {low}–{high}"
    over_all = _main_units(figures) == "all"
    english = f"Each code's figures{' over all units' if over_all else ''} rest on {n_en} {plural}"
    chinese = f"各代码{'在全部单元上' if over_all else ''}的数值基于{n_en}个{chinese_unit}"
    pooled = [f for f in _pooled(figures) if not str(_get(f, "measure")).startswith("ualpha")]
    pool_n = {str(_get(f, "measure")): int(_get(f, "n_units", 0) or 0) for f in pooled}
    pairs_en, pairs_zh = ("unit-by-code pairs", "“单元×代码”组合") if unit != "segment" else (plural, chinese_unit)
    if len(set(pool_n.values())) == 1:
        n_pool = next(iter(pool_n.values()))
        english += f"; the pooled figures on n = {n_pool} {pairs_en}"
        chinese += f"；合并数值基于n = {n_pool}个{pairs_zh}"
    elif pool_n:  # missing data: measures rest on different units
        english += "; the pooled figures on " + ", ".join(
            f"n = {n} {pairs_en} for {_measure(m)[0]}" for m, n in pool_n.items())
        chinese += "；合并数值基于" + "、".join(f"{_measure(m)[0]} n = {n}" for m, n in pool_n.items()) + f"个{pairs_zh}"
    if over_all and any(_get(f, "units") == "coded" for f in figures):
        english += ". Figures on coded units only (units at least one coder coded with the code) are given beside them"
        chinese += "。另列出仅限已编码单元（至少一名编码员以该代码编码的单元）的数值"
    english += "; n is given with every figure."
    chinese += "；每项数值均注明n。"
    return english, chinese


def _thresholds_sentence(measures: Sequence[str]) -> tuple[str, str, list[str]] | None:
    kinds = _band_kinds(measures)
    english, chinese, refs = [], [], []
    if "krippendorff" in kinds:
        names = _join_en([_measure(m)[0] for m in kinds["krippendorff"]])
        english.append(f"values of {names} were read against "
                       "Krippendorff's (2004) thresholds (≥ .800 reliable; .667–.800 for tentative conclusions only; "
                       "< .667 unreliable)")
        chinese.append(f"{'、'.join(_zh(m) for m in kinds['krippendorff'])}依据Krippendorff（2004）的阈值判读"
                       "（≥ 0.800为可靠；0.667–0.800仅可得出初步结论；< 0.667为不可靠）")
        refs.append("krippendorff2004")
    if "landis-koch" in kinds:
        names = _join_en([_measure(m)[0] for m in kinds["landis-koch"]])
        english.append(f"values of {names} against Landis and Koch's (1977) benchmarks")
        chinese.append(f"{'、'.join(_zh(m) for m in kinds['landis-koch'])}依据Landis和Koch（1977）的分级标准判读")
        refs.append("landis1977")
    unbanded = [m for m in measures if not any(m in v for v in kinds.values()) and m != "prevalence"]
    if not english:
        return None
    text_en = "; ".join(english)
    text_zh = "；".join(chinese)
    if unbanded:
        text_en += f"; no benchmark was applied to {_join_en([_measure(m)[1] for m in unbanded])}"
        text_zh += f"；{'、'.join(_measure(m)[2] for m in unbanded)}未套用判读标准"
    return text_en[:1].upper() + text_en[1:] + ".", text_zh + "。", refs


def _results_sentence(figures: Sequence[Any]) -> tuple[str, str] | None:
    parts_en, parts_zh = [], []
    for figure in _pooled(figures):
        measure = str(_get(figure, "measure"))
        value = _get(figure, "value")
        share = _threshold_share(measure)
        symbol = f"q(α < {share})" if share else _measure(measure)[0]
        symbol_zh = f"q(α < 0{share})" if share else _zh(measure)
        if value is None:
            text_en, text_zh = f"{symbol} undefined", f"{symbol_zh}无定义"
        else:
            number, number_zh = _number(float(value)), _number_zh(float(value))
            low, high = _get(figure, "ci_low"), _get(figure, "ci_high")
            if low is not None and high is not None:
                number += f" [{_number(float(low))}, {_number(float(high))}]"
                number_zh += f" [{_number_zh(float(low))}, {_number_zh(float(high))}]"
            text_en, text_zh = f"{symbol} = {number}", f"{symbol_zh} = {number_zh}"
        parts_en.append(text_en)
        parts_zh.append(text_zh)
    if not parts_en:
        return None
    boundary = [f for f in _pooled(figures, "boundary") if _get(f, "value") is not None
                and not str(_get(f, "measure")).startswith("ualpha")]
    if boundary:
        values = [(str(_get(f, "measure")), float(_get(f, "value"))) for f in boundary]
        parts_en.append("under the boundary reading, " + ", ".join(f"{_measure(m)[0]} = {_number(v)}" for m, v in values))
        parts_zh.append("按边界口径，" + "，".join(f"{_zh(m)} = {_number_zh(v)}" for m, v in values))
    if _main_units(figures) == "all":
        return (f"Over all codes pooled and all units: {'; '.join(parts_en)}.",
                f"全部代码合并、全部单元上的结果为：{'；'.join(parts_zh)}。")
    return f"Over all codes pooled: {'; '.join(parts_en)}.", f"全部代码合并的结果为：{'；'.join(parts_zh)}。"


# ------------------------------------------------------------------------------------------------
# The paragraph
# ------------------------------------------------------------------------------------------------


def methods_text(parameters: Mapping[str, Any], figures: Sequence[Any] = ()) -> MethodsText:
    """The methods paragraph of a run, from its stored ``parameters`` and ``figures`` (Figure or dicts)."""
    # Every sentence rests on the figures over all documents (each per-document measure and units has its
    # overall twin): a run's table of a million per-document figures is not walked.
    if isinstance(figures, FigureTable):
        figures = figures.overall()
    # A vendor's figures rest on the vendor's units (NVivo: characters per source): the convention sentence
    # names them; n, pools and results here are Concord's own.
    figures = [f for f in figures if not str(_get(f, "measure")).startswith(_VENDOR_PREFIXES)]
    measures = _measures(parameters, figures)
    english: list[str] = []
    chinese: list[str] = []
    refs: list[str] = []

    def add(pair: tuple[Any, ...] | None) -> None:
        if pair is None:
            return
        english.append(pair[0])
        chinese.append(pair[1])
        if len(pair) > 2:
            refs.extend(pair[2])

    add(_coders_sentence(parameters))
    add(_missing_sentence(parameters))
    add(_unit_sentence(parameters))
    add(_boundary_sentence(parameters))
    add(_convention_sentence(parameters))
    add(_codes_sentence(parameters))
    add(_unused_sentence(parameters))
    add(_measures_sentence(measures, figures))
    add(_n_sentence(parameters, figures))
    add(_interval(parameters, measures) or ("No confidence intervals were computed.", "未计算置信区间。"))
    add(_thresholds_sentence([m for m in measures if m not in _never_defined(measures, figures)]))
    add(_results_sentence(figures))
    english.append("Figures were computed with Concord and stored with the run.")
    chinese.append("所有数值由Concord计算并随本次运行保存。")
    cited = tuple(REFERENCES[k] for k in sorted(dict.fromkeys(refs), key=lambda k: REFERENCES[k]))
    return MethodsText(" ".join(english), "".join(chinese), cited)


def methods_for_run(stored: Any) -> MethodsText:
    """The paragraph of a stored run (``coding.agreement.runs.StoredRun``) or a ``ComparisonResult``."""
    parameters = stored.parameters if isinstance(getattr(stored, "parameters", None), Mapping) \
        else stored.parameters_json()
    return methods_text(parameters, stored.figures)


__all__ = ["REFERENCES", "MethodsText", "measure_title_zh", "methods_for_run", "methods_text"]
