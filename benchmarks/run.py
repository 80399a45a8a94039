"""Speed, start-up time and peak memory of a full check, in English and Russian.

    .venv/bin/python benchmarks/run.py                 # measure and print the figures
    .venv/bin/python benchmarks/run.py --write-doc     # also refresh the tables of docs/performance.md
    .venv/bin/python benchmarks/run.py --langs en --words 20000 --profile-words 5000

For each language a long draft (``--words``, default 40,000) is assembled from the sample
drafts (see ``benchmarks/longdraft.py``) and handed to a fresh Python process, which measures
in order:

* start-up: importing ``checker.pipeline``, building the spaCy pipeline, loading the standards
  catalogue, and compiling the detectors (what a process pays before its first check);
* one full check of the long draft (``parse_draft`` + ``build_report``): words per second;
* a bare ``spacy.blank(lang)`` pass (tokenizer only) over the same text, best of three, and the
  ratio of the two speeds;
* peak memory (``resource.getrusage`` maxrss) after the check.

When a target is missed, a second process profiles a full check of a shorter draft
(``--profile-words``) with cProfile and prints the top functions by cumulative time.
Nothing here runs under pytest or CI: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

TARGETS = {
    "words_per_second": {"en": 100_000, "ru": 50_000},
    "share_of_bare_spacy": 0.25,
    "startup_seconds": 1.5,
    "peak_mb": 400,
}


# --------------------------------------------------------------------------- child process

def _child(lang: str, path: str) -> None:
    """Measure in this fresh process; print one JSON line."""
    t0, p0 = time.perf_counter(), time.process_time()
    sys.path.insert(0, str(REPO))
    from checker.pipeline import build_report, load_document, parse_draft  # noqa: E402

    t1 = time.perf_counter()
    from checker.nlp import get_pipeline

    get_pipeline(lang)
    t2 = time.perf_counter()
    from standards.loader import default_catalogue

    default_catalogue()
    t3 = time.perf_counter()
    from checker.engine import default_engine

    default_engine().setup(lang)
    t4, p4 = time.perf_counter(), time.process_time()
    import resource

    rss_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    text = Path(path).read_text(encoding="utf-8")
    words = len(text.split())
    c0, w0 = time.process_time(), time.perf_counter()
    draft = parse_draft(load_document(text), lang)
    w1 = time.perf_counter()
    report = build_report(draft)
    c1, w2 = time.process_time(), time.perf_counter()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    import spacy

    bare = spacy.blank(lang)
    bare.max_length = len(text) + 1
    bare_times, bare_cpu = [], []
    for _ in range(3):
        b0, q0 = time.perf_counter(), time.process_time()
        bare(text)
        bare_times.append(time.perf_counter() - b0)
        bare_cpu.append(time.process_time() - q0)
    print(json.dumps({
        "lang": lang,
        "words": words,
        "provisions": report.draft.provisions,
        "findings": len(report.findings),
        "startup": {"import": t1 - t0, "pipeline": t2 - t1, "standards": t3 - t2, "compile": t4 - t3, "total": t4 - t0,
                    "total_cpu": p4 - p0},
        "check_seconds": w2 - w0,
        "check_cpu_seconds": c1 - c0,
        "parse_seconds": w1 - w0,
        "bare_spacy_seconds": min(bare_times),
        "bare_spacy_cpu_seconds": min(bare_cpu),
        "rss_ready_mb": rss_ready,
        "peak_mb": rss_peak,
    }))


def _profile_child(lang: str, path: str, top: int) -> None:
    """Profile one full check (after a warm-up on a small draft); print the top by cumulative time."""
    import cProfile
    import io
    import pstats

    sys.path.insert(0, str(REPO))
    from checker.pipeline import build_report, load_document, parse_draft

    text = Path(path).read_text(encoding="utf-8")
    build_report(parse_draft(load_document(text[:3000]), lang))  # start-up out of the way
    profiler = cProfile.Profile()
    profiler.enable()
    build_report(parse_draft(load_document(text), lang))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


# --------------------------------------------------------------------------- parent

def _run_child(args: list[str], timeout: float) -> str:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import spacy

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "spacy": spacy.__version__,
            "system": f"{platform.system()} {platform.release()}", "load_average_1min": load, "date": date.today().isoformat()}


def _verdicts(result: dict) -> dict:
    """``{figure: (value, target met or None)}``; speeds and start-up are judged on CPU time (one
    core's work), which a busy shared machine distorts less than wall-clock time."""
    lang = result["lang"]
    wps = result["words"] / result["check_cpu_seconds"]
    bare_wps = result["words"] / result["bare_spacy_cpu_seconds"]
    return {
        "words_per_second": (wps, wps >= TARGETS["words_per_second"][lang]),
        "words_per_second_wall": (result["words"] / result["check_seconds"], None),
        "bare_spacy_words_per_second": (bare_wps, None),
        "share_of_bare_spacy": (wps / bare_wps, wps / bare_wps >= TARGETS["share_of_bare_spacy"]),
        "startup_seconds": (result["startup"]["total_cpu"], result["startup"]["total_cpu"] < TARGETS["startup_seconds"]),
        "peak_mb": (result["peak_mb"], result["peak_mb"] < TARGETS["peak_mb"]),
    }


def _markdown(machine: dict, results: list[dict], profiles: dict[str, str], args) -> str:
    lines = [
        f"_Measured on {machine['date']} by `benchmarks/run.py` (long draft of at least {args.words:,} words)._",
        "",
        "| machine | |", "|---|---|",
        f"| CPU | {machine['cpu']} |", f"| cores | {machine['cores']} (one used) |",
        f"| Python | {machine['python']} |", f"| spaCy | {machine['spacy']} |", f"| system | {machine['system']} |",
        f"| load average at start (1 min) | {machine['load_average_1min']:.2f} |" if machine["load_average_1min"] is not None else "",
        "",
        "| figure | language | measured | target | met |", "|---|---|---:|---:|---|",
    ]
    for r in results:
        v = _verdicts(r)
        lang = r["lang"]
        met = lambda ok: "yes" if ok else "**no**"  # noqa: E731
        lines += [
            f"| full check, words per CPU second ({r['words']:,} words, {r['provisions']:,} provisions, {r['findings']:,} findings) | {lang} | "
            f"{v['words_per_second'][0]:,.0f} | ≥ {TARGETS['words_per_second'][lang]:,} | {met(v['words_per_second'][1])} |",
            f"| full check, words per wall-clock second | {lang} | {v['words_per_second_wall'][0]:,.0f} | | |",
            f"| bare `spacy.blank` tokenizer pass, words per CPU second | {lang} | {v['bare_spacy_words_per_second'][0]:,.0f} | | |",
            f"| full check as a share of the bare pass | {lang} | {v['share_of_bare_spacy'][0]:.2%} | ≥ 25% | {met(v['share_of_bare_spacy'][1])} |",
            f"| start-up, s (import {r['startup']['import']:.2f} + pipeline {r['startup']['pipeline']:.2f} + standards "
            f"{r['startup']['standards']:.2f} + detectors {r['startup']['compile']:.2f} wall-clock, {r['startup']['total']:.2f} in all) | {lang} | "
            f"{r['startup']['total_cpu']:.2f} CPU | < 1.5 | "
            f"{met(v['startup_seconds'][1])} |",
            f"| peak memory, MB (ready to check: {r['rss_ready_mb']:.0f}) | {lang} | {r['peak_mb']:.0f} | < 400 | {met(v['peak_mb'][1])} |",
            f"| check time, s: parse {r['parse_seconds']:.2f}, engine {r['check_seconds'] - r['parse_seconds']:.2f} "
            f"(CPU {r['check_cpu_seconds']:.2f}) | {lang} | {r['check_seconds']:.2f} | | |",
        ]
    for lang, text in profiles.items():
        lines += ["", f"#### Profile, {lang}: full check of {args.profile_words:,} words, top {args.top} by cumulative time", "",
                  "```", text.strip(), "```"]
    return "\n".join(line for line in lines if line is not None) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="rightscheck benchmarks (not run by pytest or CI)")
    parser.add_argument("--langs", nargs="+", default=["en", "ru"], choices=["en", "ru"])
    parser.add_argument("--words", type=int, default=40_000, help="words of the long draft (default 40,000)")
    parser.add_argument("--profile-words", type=int, default=10_000, help="words of the draft profiled when a target is missed")
    parser.add_argument("--top", type=int, default=25, help="functions listed in a profile")
    parser.add_argument("--no-profile", action="store_true", help="never profile")
    parser.add_argument("--write-doc", action="store_true", help=f"refresh the generated part of {DOC.relative_to(REPO)}")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed to one measuring process")
    parser.add_argument("--child", nargs=2, metavar=("LANG", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--profile-child", nargs=2, metavar=("LANG", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    if args.profile_child:
        _profile_child(*args.profile_child, args.top)
        return 0

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _doc import replace_between
    from longdraft import long_draft

    machine = _machine()
    print(json.dumps(machine), flush=True)
    results, profiles = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in args.langs:
            path = Path(tmp) / f"long.{lang}.txt"
            path.write_text(long_draft(lang, args.words), encoding="utf-8")
            result = json.loads(_run_child(["--child", lang, str(path)], args.timeout).strip().splitlines()[-1])
            results.append(result)
            verdicts = _verdicts(result)
            print(json.dumps({**result, "verdicts": verdicts}), flush=True)
            if not args.no_profile and any(ok is False for _, ok in verdicts.values()):
                short = Path(tmp) / f"short.{lang}.txt"
                short.write_text(long_draft(lang, args.profile_words), encoding="utf-8")
                profiles[lang] = _run_child(["--profile-child", lang, str(short), "--top", str(args.top)], args.timeout)
                print(profiles[lang], flush=True)
    text = _markdown(machine, results, profiles, args)
    print(text)
    if args.write_doc:
        if not replace_between(DOC, BEGIN, END, text):
            return 2
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
