"""How long rendering a report takes, per format, once the report exists.

    .venv/bin/python benchmarks/render.py                  # print the figures
    .venv/bin/python benchmarks/render.py --write-doc      # also refresh docs/performance.md
    .venv/bin/python benchmarks/render.py --runs 5 --long-words 0   # the samples only

The drafts are the Arventa sample (English and Russian, ``drafts/``) and a long English draft
assembled by ``benchmarks/longdraft.py`` (``--long-words``, default 40,000; 0 leaves it out).
Each draft is checked once; then, per format, the report is rendered once to warm up (template
compilation, font loading) and ``--runs`` more times, and the median wall-clock and CPU
seconds of those runs are reported (render only: no start-up, no check). The long draft's PDF
is rendered ``--long-pdf-runs`` times (default 1), as it takes minutes. Nothing here runs under
pytest or CI: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- render:begin -->", "<!-- render:end -->"
FORMATS = ("json", "md", "html", "docx", "pdf")


def _time(render, report, fmt: str, runs: int) -> dict:
    render(report, fmt)  # warm-up
    walls, cpus = [], []
    size = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(render(report, fmt))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"format": fmt, "runs": runs, "wall_s": statistics.median(walls), "cpu_s": statistics.median(cpus),
            "bytes": size}


def measure(name: str, report, runs: int, pdf_runs: int | None = None) -> dict:
    """Median render times of ``report`` in every format (see the module)."""
    from reports import render_bytes

    rows = [_time(render_bytes, report, fmt, pdf_runs if fmt == "pdf" and pdf_runs else runs) for fmt in FORMATS]
    return {"draft": name, "words": report.draft.words, "findings": len(report.findings), "rows": rows}


def _markdown(machine: dict, results: list[dict]) -> str:
    lines = [
        f"_Measured on {machine['date']} by `benchmarks/render.py`: render only, warm (after one "
        "render of the same report), median of the runs; wall-clock and CPU seconds._",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {machine['cpu']} |",
        f"| cores | {machine['cores']} |",
        f"| Python | {machine['python']} |",
        f"| system | {machine['system']} |",
        f"| load average at start (1 min) | {machine['load_average_1min']:.2f} |",
        "",
        "| draft | words | findings | format | runs | wall-clock, s | CPU, s | size, KB |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for result in results:
        for row in result["rows"]:
            lines.append(
                f"| {result['draft']} | {result['words']:,} | {result['findings']:,} | {row['format']} | "
                f"{row['runs']} | {row['wall_s']:.3f} | {row['cpu_s']:.3f} | {row['bytes'] / 1024:,.0f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="rightscheck report rendering times (not run by pytest or CI)")
    parser.add_argument("--runs", type=int, default=3, help="timed renders per format (default 3)")
    parser.add_argument("--long-words", type=int, default=40_000, help="words of the long English draft; 0: none")
    parser.add_argument("--long-pdf-runs", type=int, default=1, help="timed PDF renders of the long draft")
    parser.add_argument("--write-doc", action="store_true", help=f"refresh the render section of {DOC.relative_to(REPO)}")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from checker.pipeline import check
    from _doc import replace_between
    from longdraft import long_draft
    from run import _machine

    machine = _machine()
    print(json.dumps(machine), flush=True)
    results = []
    for lang in ("en", "ru"):
        path = REPO / "drafts" / f"arventa-public-events-2024.{lang}.txt"
        results.append(measure(f"Arventa sample ({lang})", check(path), args.runs))
        print(json.dumps(results[-1]), flush=True)
    if args.long_words:
        report = check(long_draft("en", args.long_words), filename="long.en.txt")
        results.append(measure("long draft (en)", report, args.runs, args.long_pdf_runs))
        print(json.dumps(results[-1]), flush=True)
    text = _markdown(machine, results)
    print(text)
    if args.write_doc:
        if not replace_between(DOC, BEGIN, END, text):
            return 2
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
