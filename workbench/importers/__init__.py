"""Import articles from untrusted files or pasted text as plain text.

Supported: .txt/.text (optional ``Key: value`` header), .md/.markdown
(front matter), .html/.htm, .docx and .pdf. Every failure is an
``ImportRefused`` naming the file and the reason; ``EncodingUncertain``
(a subclass) lists candidate encodings to retry with.
"""

from workbench.importers.decode import decode_text
from workbench.importers.limits import DEFAULT_LIMITS, ImportLimits
from workbench.importers.reader import from_pasted_text, read_article
from workbench.importers.types import SUPPORTED_SUFFIXES, ImportedArticle

__all__ = [
    "DEFAULT_LIMITS",
    "SUPPORTED_SUFFIXES",
    "ImportLimits",
    "ImportedArticle",
    "decode_text",
    "from_pasted_text",
    "read_article",
]
