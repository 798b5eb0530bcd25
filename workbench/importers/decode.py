"""Bytes to text: detect the encoding of an untrusted text file.

Order: an explicit encoding; a byte-order mark; UTF-16 without a BOM (ASCII
text in UTF-16 has a NUL in every other byte); strict UTF-8; Windows-1252
when the result reads like Western text; then charset-normalizer. When the
detector's answer is weak or its best candidates read differently, we raise
``EncodingUncertain`` so the user can choose, rather than store mojibake that
quotes would later be matched against.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from charset_normalizer import from_bytes

from workbench.errors import EncodingUncertain, ImportRefused

BINARY_REASON = "looks like a binary file, not text"
BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE_BYTES = 64 * 1024
_SAMPLE_CHARS = 64 * 1024
# Control characters ordinary text files do contain: tab, line ends, form
# feed, ESC (coloured logs) and SUB (old DOS end-of-file marker).
_TEXT_CONTROLS = frozenset("\t\n\r\v\f\x1b\x1a\x85")
_MAX_CONTROL_RATIO = 0.05

# Non-ASCII characters common in English, French, German, Spanish, Italian,
# Portuguese, Dutch and Scandinavian text. Windows-1252 output made only of
# these (plus ASCII) is accepted without asking. Letters that mostly appear
# when Turkish, Icelandic or Central European text is misread as 1252
# (ð þ ý Ÿ ¹ ³ ¿ inside words...) are deliberately left out.
_WESTERN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜœŒšŠžŽ"
    "€‘’‚“”„–—…•·«»°©®™§¶¡¿£¥¢±×÷½¼¾ºª†‡‰‹›\u00a0\u00ad"
)
# Share of non-ASCII letters above which 1252 output is suspicious: Western
# languages write mostly ASCII letters, while Cyrillic or Greek text misread
# as 1252 is almost all accented Latin letters.
_MAX_WESTERN_ACCENT_RATIO = 0.3
# charset-normalizer scores: chaos is "mess" (lower is better), coherence is
# how well letter frequencies fit a language (higher is better).
_CN_MAX_CHAOS = 0.1
_CN_CONFIDENT_COHERENCE = 0.3
_CN_CLEAR_LEAD = 0.15
_CN_CANDIDATES = 4


@dataclass(frozen=True)
class _Candidate:
    encoding: str
    text: str
    chaos: float
    coherence: float


def canonical_encoding(name: str) -> str:
    """The codec's canonical Python name ("UTF8" -> "utf-8"); raises LookupError."""
    return codecs.lookup(name).name


def decode_text(
    data: bytes, *, path: str = "<bytes>", encoding: str | None = None
) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding name)``.

    With ``encoding`` given, decode strictly with it. Otherwise detect: BOM,
    UTF-16 without BOM, UTF-8, Western (Windows-1252), charset-normalizer.
    Raises ``ImportRefused`` for binary or undecodable data and
    ``EncodingUncertain`` (a subclass) when detection is not confident; the
    caller may then retry with one of its ``candidates``.
    """
    if encoding is not None:
        return _decode_explicit(data, path, encoding)
    for bom, name in BOMS:
        if data.startswith(bom):
            return check_text(_strict(data, name, path, f"is not valid {name}"), name, path)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return check_text(utf16[0], utf16[1], path)
    try:
        return check_text(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:_SAMPLE_BYTES]:
        raise ImportRefused(path, BINARY_REASON)
    western = _western(data)
    candidates = _charset_normalizer(data)
    if western is not None:
        # Accept 1252 unless the detector clearly prefers a different
        # reading; its language scores on short text are too noisy to let a
        # small lead (French scored as Czech in cp775) overrule.
        western_score = max((c.coherence for c in candidates if c.text == western), default=0.0)
        rivals = [
            c
            for c in candidates
            if c.text != western
            and c.chaos <= _CN_MAX_CHAOS
            and c.coherence >= _CN_CONFIDENT_COHERENCE
            and c.coherence >= western_score + _CN_CLEAR_LEAD
            and _plausible(c.text)
        ]
        if not rivals:
            return check_text(western, "cp1252", path)
        raise EncodingUncertain(path, _names(["cp1252", *(c.encoding for c in rivals)]))
    return check_text(*_pick(candidates, path), path)


def _decode_explicit(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    try:
        name = canonical_encoding(encoding)
    except LookupError:
        raise ImportRefused(path, f"unknown text encoding '{encoding}'") from None
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            path, f"cannot be decoded as {name} (invalid byte at offset {exc.start})"
        ) from None
    except Exception as exc:  # codecs such as "rot13" or "hex" are not text codecs
        raise ImportRefused(path, f"'{encoding}' is not a text encoding ({exc})") from None
    return check_text(text, name, path)


def _strict(data: bytes, name: str, path: str, reason: str) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        raise ImportRefused(path, reason) from None


def check_text(text: str, name: str, path: str) -> tuple[str, str]:
    """Return ``(text, name)``, or refuse decoded text that is really binary."""
    sample = text[:_SAMPLE_CHARS]
    if "\x00" in sample:
        raise ImportRefused(path, BINARY_REASON)
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS
    )
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise ImportRefused(path, BINARY_REASON)
    return text, name


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Detect UTF-16 without a BOM by where its NUL bytes fall.

    ASCII-range text in UTF-16 has a NUL in every other byte. Other scripts
    (Cyrillic, Greek) still have NULs only on one side, from spaces and
    punctuation; those are accepted when the decoded text reads as prose.
    """
    sample = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    for name, own, other in (
        ("utf-16-le", odd_nuls, even_nuls),
        ("utf-16-be", even_nuls, odd_nuls),
    ):
        ascii_like = own >= 0.3 * half and other <= 0.05 * half
        one_sided = own >= max(3, 0.05 * half) and other == 0
        if not (ascii_like or one_sided):
            continue
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if ascii_like or _plausible(text):
            return text, name
    return None


def _western(data: bytes) -> str | None:
    """``data`` as Windows-1252 if the result reads like Western text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE_CHARS]
    letters = 0
    accented = 0
    for ch in sample:
        if ch.isascii():
            letters += ch.isalpha()
            continue
        if ch not in _WESTERN:
            return None
        if ch.isalpha():
            letters += 1
            accented += 1
    if letters == 0 or accented / letters > _MAX_WESTERN_ACCENT_RATIO:
        return None
    return text


def _charset_normalizer(data: bytes) -> list[_Candidate]:
    """charset-normalizer's readings that decode the whole input, best first."""
    found: list[_Candidate] = []
    seen: set[str] = set()
    for match in from_bytes(data):
        try:
            name = canonical_encoding(match.encoding)
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        if name in seen:
            continue
        seen.add(name)
        found.append(_Candidate(name, text, float(match.chaos), float(match.coherence)))
        if len(found) >= _CN_CANDIDATES:
            break
    return found


def _pick(candidates: list[_Candidate], path: str) -> tuple[str, str]:
    """Choose among charset-normalizer's readings, or say we are unsure."""
    readable = [c for c in candidates if c.chaos <= _CN_MAX_CHAOS and _plausible(c.text)]
    if not readable:
        if candidates:
            raise EncodingUncertain(path, _names(c.encoding for c in candidates))
        raise ImportRefused(path, "cannot be decoded as text in any known encoding")
    # Stable sort: equal coherence keeps charset-normalizer's own order.
    readable.sort(key=lambda c: -c.coherence)
    best = readable[0]
    rivals = [c for c in readable[1:] if c.text != best.text]
    if not rivals or (
        best.coherence >= _CN_CONFIDENT_COHERENCE
        and all(c.coherence < best.coherence for c in rivals)
    ):
        return best.text, best.encoding
    raise EncodingUncertain(path, _names(c.encoding for c in readable))


def _plausible(text: str) -> bool:
    """True if ``text`` looks like prose rather than a misdecoding.

    Misdecodings show control or private-use characters, or symbols wedged
    between letters ("Za¿ó³æ"), or words mixing scripts ("Caf\u0439").
    """
    sample = text[:_SAMPLE_CHARS]
    wedged = 0
    letters = 0
    for i, ch in enumerate(sample):
        category = unicodedata.category(ch)
        if category in ("Co", "Cs", "Cn") or ch == "\ufffd":
            return False
        if category == "Cc" and ch not in _TEXT_CONTROLS:
            return False
        if category[0] == "L":
            letters += 1
        elif (
            category[0] == "S"
            and 0 < i < len(sample) - 1
            and sample[i - 1].isalpha()
            and sample[i + 1].isalpha()
        ):
            wedged += 1
    if wedged > max(1, letters // 100):
        return False
    return _scripts_consistent(sample)


def _scripts_consistent(sample: str) -> bool:
    """False when many words mix two non-Latin scripts, or Latin with another."""
    mixed = 0
    words = sample.split()
    for word in words:
        scripts = {_script(ch) for ch in word if ch.isalpha() and not ch.isascii()}
        if any(ch.isascii() and ch.isalpha() for ch in word):
            scripts.add("LATIN")
        scripts.discard("")
        if len(scripts) > 1 and not scripts <= _CJK_SCRIPTS:
            mixed += 1
    return mixed <= max(1, len(words) // 50)


_CJK_SCRIPTS = frozenset(
    {"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "HANGUL", "LATIN"}
)


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def _names(encodings: Iterable[str]) -> list[str]:
    """Deduplicate encoding names, keeping order."""
    result: list[str] = []
    for name in encodings:
        if name not in result:
            result.append(name)
    return result
