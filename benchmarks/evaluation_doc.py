"""Refresh the generated tables of docs/evaluation.md, or print suggested floors.

    .venv/bin/python benchmarks/evaluation_doc.py           # rewrite the tables in docs/evaluation.md
    .venv/bin/python benchmarks/evaluation_doc.py --floors  # print floors for tests/evaluation_floors.yaml

Both evaluate ``drafts/`` and, when present, ``../shared/corpus`` (as the CI floor test does).
The tables go between the ``<!-- eval:begin -->`` and ``<!-- eval:end -->`` markers; the prose
around them is left alone.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checker.evaluation import render_markdown, run_evaluation, suggest_floors, summarise  # noqa: E402

DOC = REPO / "docs" / "evaluation.md"
CORPUS = REPO.parent / "shared" / "corpus"
BEGIN, END = "<!-- eval:begin -->", "<!-- eval:end -->"


def _paths() -> list[Path]:
    paths = [REPO / "drafts"]
    if (CORPUS / "kz-assembly-draft-2020.gold.yaml").is_file():
        paths.append(CORPUS)
    return paths


def _floors_yaml(summary) -> str:
    """Suggested floors in the layout of tests/evaluation_floors.yaml (totals with and
    without the shared corpus, then every draft: keep the lines of the drafts to guard)."""
    lines = []
    bundled = summarise([s for s in summary.drafts if Path(s.name).parent == REPO / "drafts"])
    for key, part in (("overall", summary), ("bundled_only", bundled)):
        floors = suggest_floors(part)["overall"]
        lines += [f"{key}:", f"  recall: {floors['recall']:.2f}", f"  precision: {floors['precision']:.2f}"]
    lines.append("drafts:")
    lines += [f"  {name}: {{recall: {f['recall']:.2f}, precision: {f['precision']:.2f}}}"
              for name, f in suggest_floors(summary)["drafts"].items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floors", action="store_true", help="print suggested floors instead of rewriting the doc")
    args = parser.parse_args()
    summary = run_evaluation(_paths())
    if args.floors:
        print(_floors_yaml(summary), end="")
        return 0
    text = DOC.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"{DOC}: markers {BEGIN} / {END} not found", file=sys.stderr)
        return 2
    sources = ", ".join(str(p.relative_to(REPO.parent)) for p in _paths())
    tables = f"{BEGIN}\n_Generated on {date.today().isoformat()} from {sources} by `benchmarks/evaluation_doc.py`._\n\n"
    tables += render_markdown(summary) + END
    head, rest = text.split(BEGIN, 1)
    DOC.write_text(head + tables + rest.split(END, 1)[1], encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
