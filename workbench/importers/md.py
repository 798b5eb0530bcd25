"""Markdown articles (.md): front matter for metadata, light markup removal.

The conversion is deliberately small and regex-based: the goal is readable
plain text whose offsets are stable, not a faithful Markdown renderer.
"""

from __future__ import annotations

import re

from workbench.importers.normalize import normalize_text
from workbench.importers.plain import HEADER_KEYS, fields_to_extracted
from workbench.importers.types import Extracted

_FRONT_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)")
_FENCE = re.compile(r" {0,3}(?P<fence>`{3,}|~{3,}).*")
_ATX = re.compile(r" {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_REFERENCE_DEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S+.*")
_BLOCKQUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
# One left-to-right scan over these alternatives, so an escaped "\*" or the
# inside of `code` is never read as emphasis. No span may contain its own
# closing marker, so each attempt stops at the next marker: the scan stays
# linear even on hostile lines with thousands of unmatched "*" or "_".
# A link target: "(url)" or '(url "title")' with one level of balanced
# parentheses in the url (Wikipedia links), or a reference "[label]".
_TARGET = r"""(?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)|\[[^\[\]]*\])"""
_INLINE = re.compile(
    "|".join(
        (
            r"\\(?P<escaped>[!-/:-@\[-`{-~])",
            r"``(?P<code2>(?:[^`]|`(?!`))+)``",
            r"`(?P<code1>[^`]+)`",
            r"(?P<image>!\[[^\[\]]*\]" + _TARGET + ")",
            r"\[(?P<link>[^\[\]]+)\]" + _TARGET,
            r"<(?P<autolink>(?:https?|mailto|ftp):[^>\s]+)>",
            r"\*\*(?=\S)(?P<strong_star>(?:[^*]|\*(?!\*))+?)(?<=\S)\*\*",
            r"(?<![\w\\])__(?=\S)(?P<strong_under>(?:[^_]|_(?!_))+?)(?<=\S)__(?!\w)",
            r"\*(?=\S)(?P<em_star>[^*]+?)(?<=\S)\*",
            r"(?<![\w\\])_(?=\S)(?P<em_under>[^_]+?)(?<=\S)_(?!\w)",
        )
    )
)


def extract_markdown(text: str, encoding: str | None) -> Extracted:
    """Extract a .md article: front matter fields, then plain text."""
    fields, body = split_front_matter(normalize_text(text))
    plain, heading = markdown_to_text(body)
    if "title" not in fields and heading is not None:
        fields["title"] = heading
    return fields_to_extracted(fields, plain, encoding)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML-like front matter between leading ``---`` lines.

    Only simple ``key: value`` lines are read (quotes removed); other keys
    and YAML constructs are ignored. Without a closing ``---`` the text is
    returned whole.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        match = _FRONT_KEY.fullmatch(line.strip())
        if match is None:
            continue
        field = HEADER_KEYS.get(match.group("key").lower())
        if field is not None:
            fields.setdefault(field, _unquote(match.group("value").strip()))
    return fields, "\n".join(lines[end + 1 :])


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def markdown_to_text(text: str) -> tuple[str, str | None]:
    """Convert Markdown to plain text; also return the first level-1 heading.

    Heading markers, emphasis markers, link and image syntax, blockquote
    markers and reference definitions are removed; code fences keep their
    content verbatim (the fence lines themselves are dropped).
    """
    out: list[str] = []
    first_heading: str | None = None
    fence: str | None = None
    for line in text.split("\n"):
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            else:
                out.append(line)
            continue
        fence_match = _FENCE.fullmatch(line)
        if fence_match is not None:
            fence = fence_match.group("fence")
            continue
        line = _BLOCKQUOTE.sub("", line)
        heading = _ATX.fullmatch(line)
        if heading is not None:
            converted = convert_inline(heading.group("text") or "")
            if first_heading is None and len(heading.group("marks")) == 1 and converted.strip():
                first_heading = converted.strip()
            out.append(converted)
            continue
        if _THEMATIC_BREAK.fullmatch(line) or _REFERENCE_DEF.fullmatch(line):
            out.append("")
            continue
        if _SETEXT_UNDERLINE.fullmatch(line) and out and out[-1].strip():
            if first_heading is None and line.strip().startswith("="):
                first_heading = out[-1].strip()
            out.append("")
            continue
        out.append(convert_inline(line))
    return "\n".join(out), first_heading


def convert_inline(text: str) -> str:
    """Remove inline Markdown markup from one line."""
    return _INLINE.sub(_replace_inline, text)


def _replace_inline(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "escaped":
        return match.group("escaped")
    if kind == "image":
        return ""
    value = match.group(kind) if kind else match.group(0)
    if kind in ("code1", "code2", "autolink"):
        return value
    # Link text and emphasis may hold further markup ("[*a*](u)").
    return convert_inline(value)
