"""Benchmark results and the table they are printed in (plain text or Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    SECONDS = "s"
    RATE = "rows/s"
    MEGABYTES = "MB"


class Verdict(StrEnum):
    PASS = "PASS"
    MISS = "MISS"
    INFO = "info"
    SKIP = "SKIP"
    FAIL = "FAIL"


@dataclass(frozen=True, slots=True)
class Result:
    """One line of the table: our figure beside its baseline, measured in the same run.

    ``target`` is the limit on ``ours / baseline``: an upper bound for times, a
    lower bound for rates. Without a target the line is informational. A line
    with a ``skipped`` reason carries no figures.
    """

    name: str
    size: str
    ours: float | None
    baseline: float | None
    baseline_name: str
    unit: Unit = Unit.SECONDS
    target: float | None = None
    note: str = ""
    skipped: str = ""
    failed: bool = False

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    @property
    def verdict(self) -> Verdict:
        if self.failed:
            return Verdict.FAIL
        if self.skipped:
            return Verdict.SKIP
        ratio = self.ratio
        if self.target is None or ratio is None:
            return Verdict.INFO
        if self.unit is Unit.RATE:
            return Verdict.PASS if ratio >= self.target else Verdict.MISS
        return Verdict.PASS if ratio <= self.target else Verdict.MISS

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "-"
        sign = "≥" if self.unit is Unit.RATE else "≤"
        return f"{sign} {self.target:g}x"


def format_value(value: float | None, unit: Unit) -> str:
    if value is None:
        return "-"
    if unit is Unit.MEGABYTES:
        return f"{value:.0f} MB"
    if unit is Unit.RATE:
        if value >= 1e6:
            return f"{value / 1e6:.2f}M rows/s"
        if value >= 1e3:
            return f"{value / 1e3:.1f}k rows/s"
        return f"{value:.0f} rows/s"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.1f} µs"


def format_size(posts: int) -> str:
    if posts >= 1_000_000 and posts % 1_000_000 == 0:
        return f"{posts // 1_000_000}M"
    if posts >= 1_000 and posts % 1_000 == 0:
        return f"{posts // 1_000}k"
    return str(posts)


def _ratio_text(ratio: float | None) -> str:
    if ratio is None:
        return "-"
    return f"{ratio:.3f}x" if ratio < 10 else f"{ratio:.1f}x"


HEADER = ("Benchmark", "Size", "Ours", "Baseline", "Baseline is", "Ratio", "Target", "Result")


def rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    table: list[tuple[str, ...]] = []
    for r in results:
        ratio = r.ratio
        verdict = r.verdict.value
        if r.skipped:
            verdict = f"SKIP: {r.skipped}"
        table.append(
            (
                r.name,
                r.size,
                format_value(r.ours, r.unit),
                format_value(r.baseline, r.unit),
                r.baseline_name,
                _ratio_text(ratio),
                r.target_text,
                verdict,
            )
        )
    return table


def text_table(results: Sequence[Result]) -> str:
    body = rows(results)
    widths = [max(len(cell) for cell in column) for column in zip(HEADER, *body, strict=False)]
    right = {2, 3, 5}

    def line(cells: Sequence[str]) -> str:
        out = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    lines = [line(HEADER), rule, *(line(r) for r in body)]
    notes = [f"  - {r.name}, {r.size}: {r.note}" for r in results if r.note]
    if notes:
        lines += ["", "Notes:", *notes]
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(results: Sequence[Result]) -> str:
    body = rows(results)
    align = ["---", "---", "---:", "---:", "---", "---:", "---", "---"]
    lines = [
        "| " + " | ".join(HEADER) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(_md_cell(c) for c in r) + " |" for r in body),
    ]
    notes = [f"- {r.name}, {r.size}: {_md_cell(r.note)}" for r in results if r.note]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)
