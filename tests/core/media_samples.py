"""Recordings and timed transcripts written at test time: a WAV tone with the standard ``wave`` module."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 8000

# Three timed turns: 0–1.5 s, 1.5–3 s, from 3 s (the end of the last is not known).
TIMED_TRANSCRIPT = (
    "[00:00:00] Interviewer: How did the medical alliance start in your county?\n\n"
    "[00:00:01.500] Doctor: The county hospital took over the township clinics and sent its doctors out.\n\n"
    "[00:00:03] Interviewer: And how did the patients take it?\n"
)


def write_tone(path: Path, seconds: float = 4.0, frequency: float = 440.0) -> Path:
    """A mono 16-bit sine tone of ``seconds``."""
    frames = int(RATE * seconds)
    samples = (int(8000 * math.sin(2 * math.pi * frequency * i / RATE)) for i in range(frames))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", sample) for sample in samples))
    return path


def write_interview(folder: Path, name: str = "interview-07", *, seconds: float = 4.0) -> tuple[Path, Path]:
    """A timed transcript and its same-named recording side by side."""
    folder.mkdir(parents=True, exist_ok=True)
    transcript = folder / f"{name}.txt"
    transcript.write_text(TIMED_TRANSCRIPT, encoding="utf-8")
    return transcript, write_tone(folder / f"{name}.wav", seconds)
