"""Building the provision tree of a draft from its classified lines.

Two conventions are read: the post-Soviet one (chapter › article › paragraph ``1.`` ›
subparagraph ``1)`` › point ``a)``; unnumbered parts of an article) and the United Kingdom one
(part › section › subsection ``(1)`` › paragraph ``(a)`` › sub-paragraph ``(i)``; schedules).
:func:`detect_convention` picks one; :func:`build_tree` returns the preamble and the top-level
nodes; :func:`to_provisions` gives them eIds and labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from checker.models import Provision

from .labels import EID_TYPE, GROUPS, PROVISION_KIND, child_label, eid_number, root_label
from .lines import Line, classify_post_soviet, classify_uk, heading_like, is_roman, roman_value

Convention = Literal["post_soviet", "uk"]

_PS_LEVEL = {"para": 1, "part": 1, "subpara": 2, "point": 3}
_UK_LEVEL = {"subsec": 1, "letter": 2, "roman": 3}
_UNITS = frozenset({"article", "section", "sched_para"})
_ROOT_TYPES = frozenset({"chapter", "group", "schedule", "article", "section"})
_SENTENCE_END = ".;!?"
_SCHEDULE_PARAGRAPH = re.compile(r"^(\d{1,3}[A-Z]?)[ \t\u00a0]+(?=[A-Z(\"“])")


@dataclass(eq=False)
class Node:
    """A provision while the tree is being built (mutable; turned into a Provision at the end)."""

    type: str
    num: str | None
    start: int
    end: int
    heading: str | None = None
    level: int = 0
    children: list["Node"] = field(default_factory=list)
    last_text: str = ""
    head_end: int = 0
    heading_on_line: bool = False  # the heading was written on the number's own line

    def extend(self, line: Line) -> None:
        """Attach a text line to this node."""
        self.end = max(self.end, line.end)
        self.last_text = line.text


def detect_convention(lines: list[Line]) -> Convention | None:
    """Which drafting convention the lines follow, or None when no structure is recognisable.

    Any ``Article``/``Статья`` heading means post-Soviet. Otherwise UK when a ``Section N``
    line, an inline ``3.—(1)`` section, or headed numbered sections with subsections, parts or
    each other are found. Chapters alone also count as post-Soviet.
    """
    post_soviet = [classify_post_soviet(line) for line in lines]
    if any(line.kind == "article" for line in post_soviet):
        return "post_soviet"
    uk = [classify_uk(line) for line in lines]
    sections = [line for line in uk if line.kind == "section"]
    explicit = any(line.explicit or line.inline for line in sections)
    headed = sum(1 for line in sections if line.heading)
    subsections = sum(1 for line in uk if line.kind == "subsec")
    groups = sum(1 for line in uk if line.kind in ("group", "schedule"))
    if explicit or (headed and (subsections or groups or headed >= 2)):
        return "uk"
    if any(line.kind == "chapter" for line in post_soviet):
        return "post_soviet"
    return None


def build_tree(text: str, lines: list[Line], convention: Convention) -> tuple[Node | None, list[Node]]:
    """Group classified lines into ``(preamble or None, top-level nodes)``; ends are final."""
    classify = classify_post_soviet if convention == "post_soviet" else classify_uk
    classified = [classify(line) for line in lines]
    heads = ("article", "chapter", "group") if convention == "post_soviet" else (
        "section", "chapter", "group", "schedule")
    first = next((i for i, line in enumerate(classified) if line.kind in heads), len(classified))
    preamble_lines = [line for line in classified[:first] if not line.blank]
    preamble = None
    if preamble_lines:
        preamble = Node("preamble", None, preamble_lines[0].start, preamble_lines[-1].end)

    roots: list[Node] = []
    bodies: dict[Node, list[Line]] = {}
    group = chapter = unit = schedule = None
    index = first
    while index < len(classified):
        line = classified[index]
        index += 1
        if line.blank:
            continue
        if schedule is not None and line.kind == "text":
            numbered = _SCHEDULE_PARAGRAPH.match(line.text)
            if numbered:
                line = replace(line, kind="section", num=numbered.group(1))
        if line.kind not in heads:
            owner = unit or chapter or schedule or group
            bodies.setdefault(owner, []).append(line)
            continue
        node_type = line.kind
        if line.kind == "section" and schedule is not None:
            node_type = "sched_para"
        node = Node(node_type, line.num, line.start, line.end, heading=line.heading, head_end=line.end,
                    heading_on_line=line.heading is not None)
        if node.heading is not None and node_type in _UNITS and _opens_the_text(line.text):
            node.heading, node.heading_on_line = None, False
        if node.heading is None and not line.inline and node_type != "sched_para" and not line.text.endswith(":"):
            index = _heading_on_next_line(node, classified, index, heads)
        if node_type == "group":
            roots.append(node)
            group, chapter, unit, schedule = node, None, None, None
        elif node_type == "schedule":
            roots.append(node)
            group, chapter, unit, schedule = None, None, None, node
        elif node_type == "chapter":
            (group.children if group else roots).append(node)
            chapter, unit = node, None
        else:
            parent = schedule or chapter or group
            (parent.children if parent else roots).append(node)
            unit = node
            if line.inline:
                num, offset = line.inline
                node.head_end = offset
                bodies.setdefault(node, []).append(
                    Line(line.index, offset, line.end, text[offset:line.end], kind="subsec", num=num))
        bodies.setdefault(node, [])

    for owner, body in bodies.items():
        if body:
            _build_body(owner, body, convention)
        elif owner.type in _UNITS and owner.heading_on_line:
            # "Article 4. Holding a rally requires the permission of the akimat." and nothing
            # else: what follows the number is the article's text, not a title to skip
            owner.heading, owner.heading_on_line = None, False
    for node in roots:
        _close(node)
    return preamble, roots


def _opens_the_text(line_text: str) -> bool:
    """Whether the words after an article's or section's number begin its text rather than
    title it: a lead-in ending with a colon ("Article 5. The organiser shall:"), or a full
    sentence of more than twelve words ending with a full stop."""
    stripped = line_text.rstrip()
    if stripped.endswith(":"):
        return True
    return stripped.endswith(".") and len(stripped.split()) > 14  # number word and number included


def _heading_on_next_line(node: Node, lines: list[Line], index: int, heads: tuple[str, ...]) -> int:
    """Take a heading written on the line after ``Article 9`` / ``ГЛАВА 1``; return the next index."""
    nxt = index
    while nxt < len(lines) and lines[nxt].blank:
        nxt += 1
    if nxt >= len(lines) or lines[nxt].kind != "text" or not heading_like(lines[nxt].text):
        return index
    if node.type in _UNITS:
        after = nxt + 1
        while after < len(lines) and lines[after].blank:
            after += 1
        if after >= len(lines) or lines[after].kind in heads:
            return index
    node.heading = lines[nxt].text.rstrip(".").strip()
    node.end = node.head_end = lines[nxt].end
    return nxt + 1


def _build_body(root: Node, body: list[Line], convention: Convention) -> None:
    """Nest the body lines of an article, section or group under ``root``."""
    root.level = 0
    at_root = _attach(root, body, convention, parts=False)
    has_paragraphs = any(line.kind == "para" for line in body)
    if convention == "post_soviet" and root.type == "article" and not has_paragraphs and at_root >= 2:
        root.children = []
        root.end = root.head_end
        _attach(root, body, convention, parts=True)


def _attach(root: Node, body: list[Line], convention: Convention, *, parts: bool) -> int:
    """Attach body lines with a stack of open nodes; returns how many text lines stayed at root."""
    levels = _PS_LEVEL if convention == "post_soviet" else _UK_LEVEL
    stack = [root]
    at_root = 0
    part_count = 0

    last_target: Node | None = None

    def text_at_root(line: Line) -> None:
        nonlocal at_root, part_count, last_target
        if last_target is not None and last_target is stack[-1] and _continues(last_target.last_text, line.text):
            last_target.extend(line)  # a line wrapped inside the same block of text
            return
        del stack[1:]
        if parts:
            part_count += 1
            part = Node("part", str(part_count), line.start, line.end, level=1, last_text=line.text)
            root.children.append(part)
            stack.append(part)
            last_target = part
        else:
            root.extend(line)
            at_root += 1
            last_target = root

    for line in body:
        node_type = _item_type(line, stack) if convention == "uk" else line.kind
        if node_type in levels:
            level = levels[node_type]
            while stack[-1].level >= level and len(stack) > 1:
                stack.pop()
            node = Node(node_type, line.num, line.start, line.end, level=level, last_text=line.text)
            stack[-1].children.append(node)
            stack.append(node)
            last_target = node
            continue
        top = stack[-1]
        if top is root or (parts and top.type == "part"):
            text_at_root(line)
        elif top.level <= 1 or _continues(top.last_text, line.text):
            top.extend(line)
            last_target = top
        else:
            while len(stack) > 1 and stack[-1].level > 1:
                stack.pop()
            if stack[-1] is root or (parts and stack[-1].type == "part"):
                last_target = None  # closing words after a list open a new block
                text_at_root(line)
            else:
                stack[-1].extend(line)
                last_target = stack[-1]
    return at_root


def _continues(previous: str, current: str) -> bool:
    """Whether ``current`` continues the item ``previous`` rather than closing its list."""
    previous = previous.rstrip()
    if not previous or previous[-1] not in _SENTENCE_END:
        return True
    return current[:1].islower()


def _item_type(line: Line, stack: list[Node]) -> str:
    """UK item type of a line: ``subsec``, ``letter`` or ``roman`` (or its own kind).

    ``(i)``, ``(v)``, ``(x)`` are read by context: the next roman numeral after an open
    sub-paragraph, the next letter after ``(h)``/``(u)``/``(w)``, and a new roman list when a
    lettered paragraph is open.
    """
    if line.kind != "lettered":
        return line.kind
    token = line.num or ""
    if not is_roman(token):
        return "letter"
    roman_node = stack[-1] if stack[-1].type == "roman" else None
    letter_node = next((n for n in reversed(stack) if n.type == "letter"), None)
    if len(token) > 1:
        return "roman"
    if roman_node is not None and is_roman(roman_node.num or "") and roman_value(roman_node.num) + 1 == roman_value(token):
        return "roman"
    if letter_node is not None and len(letter_node.num or "") == 1 and ord(letter_node.num) + 1 == ord(token):
        return "letter"
    if letter_node is None:
        return "letter"
    if token == "i":
        return "roman"
    return "roman" if roman_node is not None else "letter"


def _close(node: Node) -> int:
    """Make every end cover the node's children; returns the node's end."""
    for child in node.children:
        node.end = max(node.end, _close(child))
    return node.end


# ------------------------------------------------------------------------------- provisions


def to_provisions(preamble: Node | None, roots: list[Node], *, language: str) -> list[Provision]:
    """Give every node its eId and labels and return the top-level Provisions."""
    used: set[str] = set()
    russian = language == "ru"
    result: list[Provision] = []
    if preamble is not None:
        used.add("preamble")
        result.append(Provision(
            eid="preamble", kind="preamble", label="Preamble", label_local="Преамбула" if russian else None,
            start=preamble.start, end=preamble.end,
        ))
    for node in roots:
        result.append(_provision(node, "", ("", ""), used, russian))
    return result


def _unique(eid: str, used: set[str]) -> str:
    if eid not in used:
        used.add(eid)
        return eid
    suffix = 2
    while f"{eid}_{suffix}" in used:
        suffix += 1
    used.add(f"{eid}_{suffix}")
    return f"{eid}_{suffix}"


def _provision(
    node: Node, prefix: str, parent_labels: tuple[str, str], used: set[str], russian: bool
) -> Provision:
    component = EID_TYPE[node.type]
    eid = _unique(f"{prefix}{component}_{eid_number(node.num)}" if node.num else f"{prefix}{component}", used)
    if node.type in _ROOT_TYPES:
        labels = root_label(node.type, node.num)
    else:
        labels = child_label(parent_labels, node.type, node.num or "")
    children = []
    for child in node.children:
        # Articles and sections carry no chapter or part prefix; everything else nests.
        unprefixed = node.type in GROUPS and child.type in _ROOT_TYPES
        children.append(_provision(child, "" if unprefixed else f"{eid}__", labels, used, russian))
    return Provision(
        eid=eid,
        kind=PROVISION_KIND[node.type],
        num=re.sub(r"[\u2010\u2011]", "-", node.num) if node.num else None,
        label=labels[0],
        label_local=labels[1] if russian else None,
        heading=node.heading,
        start=node.start,
        end=node.end,
        children=children,
    )
