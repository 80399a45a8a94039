"""Reading Word (.docx) drafts with python-docx, including Word's automatic list numbers.

Word keeps the numbers of numbered paragraphs ("1)", "а)", "Статья 5.") out of the text:
a paragraph carries ``w:numPr`` (a numbering instance ``numId`` and a level ``ilvl``), directly
or through its paragraph style, and ``numbering.xml`` says how each level is shown
(``numFmt``, ``lvlText`` such as ``"%1)"``, ``start``). :class:`ListNumbering` replays Word's
counters over the paragraphs in order so each one is read with the number Word shows.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from checker.errors import InputError
from checker.ingest.blocks import BlockSink, RawBlock
from checker.ingest.limits import IngestLimits
from checker.ingest.sniff import SUPPORTED_FORMATS
from checker.ingest.worker import libxml2_out_of_memory

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_VAL = _w("val")
_P, _R, _T, _TAB, _PTAB, _BR, _CR = (_w(n) for n in ("p", "r", "t", "tab", "ptab", "br", "cr"))
_NOBREAK_HYPHEN, _SOFT_HYPHEN, _SYM = _w("noBreakHyphen"), _w("softHyphen"), _w("sym")
# Subtrees whose text is not part of the paragraph as shown: deleted or moved-away text,
# properties, and the legacy duplicate of drawings (mc:Fallback).
_SKIP = {_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _w("instrText"), _w("delText"), f"{{{MC_NS}}}Fallback"}
_FALSE = {"0", "false", "off"}


def read_docx(data: bytes, limits: IngestLimits) -> list[RawBlock]:
    """Paragraphs of a guarded DOCX, in body order (tables' paragraphs included).

    Each paragraph becomes one block (one per line when it holds line breaks), prefixed with
    its list number as Word renders it; ``paragraph`` counts every paragraph of the body,
    empty ones included. Must run inside the limited worker.

    Raises:
        InputError: the package is not a readable Word document.
        FileTooLarge: more than ``limits.max_chars`` characters.
    """
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, EOFError) as exc:
        if libxml2_out_of_memory(exc):
            raise MemoryError from None
        raise InputError(f"the DOCX file cannot be read as a Word document ({exc})", SUPPORTED_FORMATS) from None
    body = document.element.body
    numbering = ListNumbering.from_document(document)
    sink = BlockSink(limits)
    index = 0
    for paragraph in body.iter(_P):
        if _inside_fallback(paragraph):
            continue
        index += 1
        label = numbering.label(paragraph)
        text = paragraph_text(paragraph)
        if not text.strip():
            continue
        if label is not None:
            marker, separator = label
            text = f"{marker}{separator}{text.lstrip()}" if marker else text
        sink.add(text, index)
    return sink.blocks


def _inside_fallback(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == f"{{{MC_NS}}}Fallback":
            return True
        parent = parent.getparent()
    return False


def paragraph_text(paragraph) -> str:
    """The visible text of a ``w:p``: runs, hyperlinks, fields' results, tracked insertions;
    not deleted text, hidden runs, or paragraphs nested in text boxes (read on their own).
    Tabs become ``"\\t"`` and line breaks ``"\\n"``."""
    out: list[str] = []
    _collect(paragraph, out)
    return "".join(out)


def _collect(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == _P:
            continue
        if tag == _T:
            out.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NOBREAK_HYPHEN:
            out.append("-")
        elif tag == _SOFT_HYPHEN:
            continue
        elif tag == _SYM:
            code = child.get(_w("char"), "")
            try:
                value = int(code, 16)
            except ValueError:
                continue
            if not 0xF000 <= value <= 0xF0FF:  # symbol-font glyphs have no text meaning
                out.append(chr(value))
        elif tag == _R and _hidden(child):
            continue
        else:
            _collect(child, out)


def _hidden(run) -> bool:
    props = run.find(_w("rPr"))
    if props is None:
        return False
    vanish = props.find(_w("vanish"))
    return vanish is not None and vanish.get(W_VAL, "true").lower() not in _FALSE


# --------------------------------------------------------------------------- numbering


@dataclass
class Level:
    """One level of a list definition (``w:lvl``)."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: 0 = never; n = after level n (1-based)
    legal: bool = False  # w:isLgl: show every level's number in decimal
    suffix: str = "tab"
    pstyle: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass
class _Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass
class _Instance:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _int(element, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(W_VAL))
    except (TypeError, ValueError):
        return default


def _parse_level(lvl) -> Level:
    level = Level()
    fmt = lvl.find(_w("numFmt"))
    if fmt is not None:
        level.fmt = fmt.get(W_VAL, "decimal")
    text = lvl.find(_w("lvlText"))
    level.text = text.get(W_VAL, "") if text is not None else ""
    level.start = _int(lvl.find(_w("start")), 1)
    level.restart = _int(lvl.find(_w("lvlRestart")))
    legal = lvl.find(_w("isLgl"))
    level.legal = legal is not None and legal.get(W_VAL, "true").lower() not in _FALSE
    pstyle = lvl.find(_w("pStyle"))
    if pstyle is not None:
        level.pstyle = pstyle.get(W_VAL)
    suffix = lvl.find(_w("suff"))
    if suffix is not None:
        level.suffix = suffix.get(W_VAL, "tab")
    return level


class ListNumbering:
    """Word's list counters for one document.

    Counters are kept per numbering instance (``numId``) and level. Numbering a paragraph at
    level ``k`` resets the deeper levels that restart after it (``w:lvlRestart``, by default
    every deeper level). :meth:`label` must be called for every paragraph in body order.
    """

    def __init__(self, abstracts: dict[str, _Abstract], instances: dict[str, _Instance], styles: dict[str, tuple]) -> None:
        self._abstracts = abstracts
        self._instances = instances
        # style id -> (numId or None, ilvl or None, basedOn or None)
        self._styles = styles
        self._default_style = styles.get("\0default", (None, None, None))[2]
        self._style_levels: dict[tuple[str, str], int] = {}
        for abstract_id, abstract in abstracts.items():
            for ilvl, level in abstract.levels.items():
                if level.pstyle:
                    self._style_levels[(abstract_id, level.pstyle)] = ilvl
        self._counters: dict[str, dict[int, int]] = {}

    @classmethod
    def from_document(cls, document) -> "ListNumbering":
        """Read ``numbering.xml`` and ``styles.xml`` of a python-docx Document."""
        abstracts: dict[str, _Abstract] = {}
        instances: dict[str, _Instance] = {}
        part = document.part
        numbering_root = None
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_root = None
        if numbering_root is not None:
            for node in numbering_root.iterchildren(_w("abstractNum")):
                abstract = _Abstract()
                for lvl in node.iterchildren(_w("lvl")):
                    ilvl = _ilvl_attr(lvl)
                    abstract.levels[ilvl] = _parse_level(lvl)
                link = node.find(_w("numStyleLink"))
                if link is not None:
                    abstract.num_style_link = link.get(W_VAL)
                abstracts[node.get(_w("abstractNumId"), "")] = abstract
            for node in numbering_root.iterchildren(_w("num")):
                ref = node.find(_w("abstractNumId"))
                if ref is None:
                    continue
                instance = _Instance(ref.get(W_VAL, ""))
                for override in node.iterchildren(_w("lvlOverride")):
                    ilvl = _ilvl_attr(override)
                    start = override.find(_w("startOverride"))
                    if start is not None:
                        instance.start_overrides[ilvl] = _int(start, 1)
                    lvl = override.find(_w("lvl"))
                    if lvl is not None:
                        instance.level_overrides[ilvl] = _parse_level(lvl)
                instances[node.get(_w("numId"), "")] = instance
        styles: dict[str, tuple] = {}
        try:
            styles_root = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles_root = None
        if styles_root is not None:
            for style in styles_root.iterchildren(_w("style")):
                style_id = style.get(_w("styleId"))
                num_id = ilvl = None
                num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
                if num_pr is not None:
                    node = num_pr.find(_w("numId"))
                    num_id = node.get(W_VAL) if node is not None else None
                    ilvl = _int(num_pr.find(_w("ilvl")))
                based = style.find(_w("basedOn"))
                styles[style_id] = (num_id, ilvl, based.get(W_VAL) if based is not None else None)
                if style.get(_w("type")) == "paragraph" and style.get(_w("default"), "").lower() in ("1", "true", "on"):
                    styles["\0default"] = (None, None, style_id)
        return cls(abstracts, instances, styles)

    # -- resolving a paragraph's list level

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, style that carried it) following the ``basedOn`` chain."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on = self._styles.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl, style_id
            style_id = based_on
        return None, None, None

    def _levels(self, num_id: str) -> tuple[_Instance, dict[int, Level]] | None:
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        abstract = self._abstracts.get(instance.abstract_id)
        hops = 0
        while abstract is not None and not abstract.levels and abstract.num_style_link and hops < 4:
            linked_num, _, _ = self._style_numbering(abstract.num_style_link)
            linked = self._instances.get(linked_num or "")
            abstract = self._abstracts.get(linked.abstract_id) if linked else None
            hops += 1
        if abstract is None:
            return None
        return instance, {**abstract.levels, **instance.level_overrides}

    def label(self, paragraph) -> tuple[str, str] | None:
        """``(number as shown, separator)`` for a ``w:p``, or None if it is not numbered.

        Advances the counters: call once per paragraph, in body order.
        """
        p_pr = paragraph.find(_w("pPr"))
        num_id = ilvl = None
        style_id = None
        if p_pr is not None:
            style = p_pr.find(_w("pStyle"))
            style_id = style.get(W_VAL) if style is not None else None
            num_pr = p_pr.find(_w("numPr"))
            if num_pr is not None:
                node = num_pr.find(_w("numId"))
                num_id = node.get(W_VAL) if node is not None else None
                ilvl = _int(num_pr.find(_w("ilvl")))
        if num_id is None:
            style_num, style_ilvl, carrier = self._style_numbering(style_id or self._default_style)
            num_id = style_num
            if ilvl is None:
                ilvl = style_ilvl
            if num_id is not None and ilvl is None and carrier is not None:
                instance = self._instances.get(num_id)
                if instance is not None:
                    ilvl = self._style_levels.get((instance.abstract_id, carrier))
        if num_id is None or num_id == "0":
            return None
        resolved = self._levels(num_id)
        if resolved is None:
            return None
        instance, levels = resolved
        ilvl = min(max(ilvl or 0, 0), 8)
        level = levels.get(ilvl)
        if level is None:
            return None

        def start(k: int) -> int:
            if k in instance.start_overrides:
                return instance.start_overrides[k]
            return levels[k].start if k in levels else 1

        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in range(ilvl + 1, 9):
            deeper_level = levels.get(deeper)
            threshold = deeper if deeper_level is None or deeper_level.restart is None else deeper_level.restart
            if ilvl < threshold:
                counters.pop(deeper, None)

        def number(match_level: int) -> str:
            target = levels.get(match_level, Level())
            value = counters.get(match_level, start(match_level))
            fmt = "decimal" if level.legal and target.fmt != "bullet" else target.fmt
            return format_number(value, fmt)

        marker = _render_lvl_text(level, number)
        separator = "" if level.suffix == "nothing" else " "
        return marker, separator


def _ilvl_attr(node) -> int:
    try:
        return int(node.get(_w("ilvl"), "0"))
    except ValueError:
        return 0


def _render_lvl_text(level: Level, number) -> str:
    if level.fmt == "bullet":
        text = level.text
        if not text or any(0xE000 <= ord(ch) <= 0xF8FF for ch in text):
            return "\u2022"
        return text
    out: list[str] = []
    text = level.text
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
            out.append(number(int(text[i + 1]) - 1))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"


def format_number(value: int, fmt: str) -> str:
    """``value`` in Word's number format ``fmt``.

    Supported: decimal, decimalZero, lowerLetter/upperLetter (a..z, then aa, bb, ...),
    lowerRoman/upperRoman, russianLower/russianUpper (а..я without ё, й, ъ, ы, ь),
    ordinal (1st), none, bullet; anything else is shown in decimal.
    """
    if fmt == "none" or fmt == "bullet":
        return ""
    if fmt in ("lowerLetter", "upperLetter"):
        text = _alphabetic(value, "abcdefghijklmnopqrstuvwxyz")
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("russianLower", "russianUpper"):
        text = _alphabetic(value, _RUSSIAN)
        return text.upper() if fmt == "russianUpper" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(value)
        return text.lower() if fmt == "lowerRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    return str(value)


def _alphabetic(value: int, alphabet: str) -> str:
    if value <= 0:
        return str(value)
    count, index = divmod(value - 1, len(alphabet))
    return alphabet[index] * (count + 1)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )
    out = []
    for amount, numeral in numerals:
        while value >= amount:
            out.append(numeral)
            value -= amount
    return "".join(out)
