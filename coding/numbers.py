"""Counts and figures as people read them: "1 passage", "2 passages", "0.00" never "-0.00"."""
from __future__ import annotations


def fixed(value: float, decimals: int, grouping: bool = False) -> str:
    """`value` with `decimals` decimals; a value that rounds to zero prints unsigned ("-0.00" reads as a fault)."""
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # drops the sign of -0.0 and of tiny negatives such as -0.0004
    return f"{rounded:,.{decimals}f}" if grouping else f"{rounded:.{decimals}f}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 passage', '2 passages' ('1 case', '3 cases'); `nouns` for an irregular plural. English always: for text
    that is stored or English by contract; a count shown to people is a ``%Ln`` message through ``translate``."""
    word = noun if count == 1 else (nouns or f"{noun}s")
    return f"{count:,} {word}"
