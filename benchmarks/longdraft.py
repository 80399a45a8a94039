"""Assembling a long, well-structured draft from the sample drafts, for the benchmarks.

The articles of every sample draft of one language (``drafts/*.txt`` and, when present,
``../shared/corpus/*.txt``) are laid one after another, as many rounds as needed to reach the
wanted number of words. Chapters and articles are renumbered in order, so the result parses
as one draft with chapters 1..K and articles 1..N; paragraphs and subparagraphs keep their
own numbering inside each article. Cross-references keep their numbers and so point at some
other article of the long draft, as they would in a real consolidated text.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

_ARTICLE = {"en": re.compile(r"^Article (\d+)\.(.*)$"), "ru": re.compile(r"^Статья (\d+)\.(.*)$")}
_CHAPTER = {"en": re.compile(r"^Chapter (\d+)\.(.*)$"), "ru": re.compile(r"^Глава (\d+)\.(.*)$")}
_TITLE = {
    "en": "DRAFT\n\nLAW OF THE REPUBLIC OF BENCHLAND\n\nOn public life (consolidated benchmark text)\n\n"
          "This Law brings together rules on assemblies, media, associations and elections.\n",
    "ru": "ПРОЕКТ\n\nЗАКОН РЕСПУБЛИКИ БЕНЧЛАНД\n\nОб общественной жизни (сводный текст для замеров)\n\n"
          "Настоящий Закон объединяет нормы о собраниях, средствах массовой информации, объединениях и выборах.\n",
}


def source_drafts(lang: str) -> list[Path]:
    """Sample drafts of ``lang`` whose articles are headed "Article N." / "Статья N."."""
    candidates = sorted((REPO / "drafts").glob("*.txt"))
    if CORPUS.is_dir():
        candidates += sorted(CORPUS.glob("*.txt"))
    chosen = []
    for path in candidates:
        is_ru = path.name.endswith(".ru.txt")
        if (lang == "ru") != is_ru:
            continue
        text = path.read_text(encoding="utf-8")
        if any(_ARTICLE[lang].match(line) for line in text.splitlines()):
            chosen.append(path)
    return chosen


def _body(text: str, lang: str) -> list[str]:
    """The lines from the first chapter or article heading to the end."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if _ARTICLE[lang].match(line) or _CHAPTER[lang].match(line):
            return lines[i:]
    return []


def long_draft(lang: str, min_words: int = 40_000) -> str:
    """A draft in ``lang`` ("en" or "ru") of at least ``min_words`` words (see the module)."""
    sources = [_body(p.read_text(encoding="utf-8"), lang) for p in source_drafts(lang)]
    sources = [s for s in sources if s]
    if not sources:
        raise SystemExit(f"no sample draft in {lang} with numbered articles")
    out = [_TITLE[lang]]
    words = len(out[0].split())
    article = chapter = 0
    article_word = "Article" if lang == "en" else "Статья"
    chapter_word = "Chapter" if lang == "en" else "Глава"
    while words < min_words:
        for lines in sources:
            if not _CHAPTER[lang].match(lines[0]):  # a draft without chapters: give it one
                chapter += 1
                out.append(f"{chapter_word} {chapter}. {'Part' if lang == 'en' else 'Часть'} {chapter}")
            for line in lines:
                if m := _CHAPTER[lang].match(line):
                    chapter += 1
                    line = f"{chapter_word} {chapter}.{m.group(2)}"
                elif m := _ARTICLE[lang].match(line):
                    article += 1
                    line = f"{article_word} {article}.{m.group(2)}"
                out.append(line)
                words += len(line.split())
            out.append("")
            if words >= min_words:
                break
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    text = long_draft(sys.argv[1] if len(sys.argv) > 1 else "en")
    print(text)
