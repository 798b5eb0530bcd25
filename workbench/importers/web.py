"""Fetch a web page by its address, carefully, and read it as an article.

Only on the user's action, and only ``http`` and ``https``: a redirect is
followed a few times at most and never to another scheme (a page cannot send
us to ``file:`` or ``ftp:``). The whole fetch has a deadline, the body the
same size cap as an imported file (refused from ``Content-Length`` before
anything is read, and again while reading), compressed bodies are inflated
under the same cap, and a binary content type is refused before its body is
read. The page then goes through the same HTML hardening as a file
(``html_doc``: no network, no DTDs, scripts dropped).

The raw bytes, their SHA-256, the final URL and the fetch time come back in
``FetchedPage``: what the page said when it was checked is evidence, and the
caller keeps it as a snapshot.
"""

from __future__ import annotations

import hashlib
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import urljoin, urlsplit

from workbench import __version__
from workbench.errors import ImportRefused
from workbench.importers.decode import canonical_encoding, decode_text
from workbench.importers.html_doc import decode_html, extract_html, parse_html
from workbench.importers.limits import DEFAULT_LIMITS, ImportLimits, too_large_reason
from workbench.importers.normalize import clean_field
from workbench.importers.plain import extract_plain
from workbench.importers.reader import finish
from workbench.importers.types import Extracted, ImportedArticle

ALLOWED_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
TIMEOUT_S = 30.0
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Content types read as articles; anything else is refused before its body is read.
PAGE_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
}
USER_AGENT = f"FactCheckWorkbench/{__version__} (desktop fact-checking; fetched on request)"

# cancelled() -> True to stop the fetch at the next chunk
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class FetchedPage:
    """A page as the server sent it (inflated if it was compressed)."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # the header as sent ("text/html; charset=utf-8")
    body: bytes
    fetched: datetime  # aware, UTC
    redirects: tuple[str, ...] = ()

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        msg = Message()
        msg["content-type"] = self.content_type or "application/octet-stream"
        value = msg.get_param("charset")
        return value.strip() if isinstance(value, str) and value.strip() else None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def check_url(url: str) -> str:
    """The address, trimmed, if it is an absolute http(s) URL; else refuse."""
    url = url.strip()
    if not url:
        raise ImportRefused("(no address)", "no web address given")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise ImportRefused(url, "a web address cannot contain spaces or control characters")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise ImportRefused(url, f"only http and https addresses can be fetched ({shown})")
    if not parts.hostname:
        raise ImportRefused(url, "the address has no host name")
    return url


def _opener(timeout: float) -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only: no file:, ftp: or data: handler, no automatic
    redirects (``fetch`` follows them itself), no exception for error statuses."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),  # the user's proxy settings, if any
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(context=ssl.create_default_context()),
    ):
        opener.add_handler(handler)
    return opener


def fetch(
    url: str,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    timeout: float = TIMEOUT_S,
    max_redirects: int = MAX_REDIRECTS,
    accept: frozenset[str] | None = frozenset(PAGE_TYPES),
    cancelled: Cancelled | None = None,
) -> FetchedPage:
    """Fetch ``url`` (blocking: call it off the GUI thread).

    ``accept`` lists the media types wanted (None: any, for a snapshot of an
    evidence URL). Every refusal is an ``ImportRefused`` naming the address.
    """
    asked = check_url(url)
    deadline = time.monotonic() + timeout
    opener = _opener(timeout)
    current = asked
    visited: list[str] = []
    while True:
        _check(asked, deadline, cancelled, timeout)
        request = urllib.request.Request(
            current,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
            },
        )
        try:
            response = opener.open(request, timeout=max(deadline - time.monotonic(), 0.1))
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            raise ImportRefused(asked, _network_reason(exc, timeout)) from None
        if response is None:  # no handler took it: a scheme check missed something
            raise ImportRefused(asked, "only http and https addresses can be fetched")
        with response:
            status = int(response.status)
            if status in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise ImportRefused(asked, f"the server redirected ({status}) to nowhere")
                target = urljoin(current, location.strip())
                scheme = urlsplit(target).scheme.lower()
                if scheme not in ALLOWED_SCHEMES:
                    raise ImportRefused(
                        asked,
                        f"the page redirected to a '{scheme}:' address; only http and "
                        "https are followed",
                    )
                visited.append(current)
                if len(visited) > max_redirects:
                    raise ImportRefused(asked, f"more than {max_redirects} redirects")
                current = target
                continue
            if status >= 400 or status < 200:
                reason = str(getattr(response, "reason", "") or "").strip()
                raise ImportRefused(
                    asked, f"the server answered {status}{' ' + reason if reason else ''}"
                )
            content_type = (response.headers.get("Content-Type") or "").strip()
            media = content_type.split(";", 1)[0].strip().lower()
            if accept is not None and media and media not in accept:
                raise ImportRefused(
                    asked, f"not a web page or text: the server sent {media} content"
                )
            body = _read_body(response, asked, limits.max_file_bytes, deadline, cancelled, timeout)
        if accept is not None and not media:
            media = _sniff(body)
            if media not in accept:
                raise ImportRefused(
                    asked, "the server did not say what it sent, and it is not HTML"
                )
            content_type = media
        if not body:
            raise ImportRefused(asked, "the page is empty")
        return FetchedPage(
            url=asked,
            final_url=current,
            status=status,
            content_type=content_type,
            body=body,
            fetched=datetime.now(UTC),
            redirects=tuple(visited),
        )


def _check(url: str, deadline: float, cancelled: Cancelled | None, timeout: float) -> None:
    if cancelled is not None and cancelled():
        raise ImportRefused(url, "cancelled")
    if time.monotonic() > deadline:
        raise ImportRefused(url, f"no complete answer within {timeout:g} s (timed out)")


def _read_body(
    response: http.client.HTTPResponse,
    url: str,
    cap: int,
    deadline: float,
    cancelled: Cancelled | None,
    timeout: float,
) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > cap:
        raise ImportRefused(url, too_large_reason(int(declared), cap).replace("file", "page", 1))
    coding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(47 if coding != "deflate" else zlib.MAX_WBITS)
    elif coding in ("identity", ""):
        inflater = None
    else:
        raise ImportRefused(url, f"the server sent the page encoded as '{coding}'")
    out = bytearray()
    received = 0
    while True:
        _check(url, deadline, cancelled, timeout)
        try:
            chunk = response.read1(_CHUNK)
        except TimeoutError:
            raise ImportRefused(
                url, f"no complete answer within {timeout:g} s (timed out)"
            ) from None
        except (http.client.HTTPException, OSError) as exc:
            raise ImportRefused(url, _network_reason(exc, timeout)) from None
        if not chunk:
            break
        received += len(chunk)
        if received > cap:
            raise ImportRefused(url, f"the page is larger than the {cap // (1024 * 1024)} MB limit")
        if inflater is None:
            out += chunk
            continue
        try:
            out += inflater.decompress(chunk, cap + 1 - len(out))
        except zlib.error:
            raise ImportRefused(url, "the compressed page is damaged") from None
        if len(out) > cap or inflater.unconsumed_tail:
            raise ImportRefused(url, f"the page is larger than the {cap // (1024 * 1024)} MB limit")
    if inflater is not None:
        out += inflater.flush(cap + 1 - len(out))
        if len(out) > cap:
            raise ImportRefused(url, f"the page is larger than the {cap // (1024 * 1024)} MB limit")
    return bytes(out)


def _sniff(body: bytes) -> str:
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<p")):
        return "text/html"
    return "application/octet-stream"


def _network_reason(exc: BaseException, timeout: float) -> str:
    inner = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(inner, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(inner, ssl.SSLCertVerificationError):
        return f"the site's certificate is not valid ({inner.verify_message})"
    if isinstance(inner, socket.gaierror):
        return "the host name could not be found"
    if isinstance(inner, ConnectionRefusedError):
        return "the server refused the connection"
    text = " ".join(str(inner).split())
    return f"the page could not be fetched ({text or type(inner).__name__})"


def read_page(page: FetchedPage, *, limits: ImportLimits = DEFAULT_LIMITS) -> ImportedArticle:
    """The article in a fetched page: text and metadata (title, outlet,
    author, date, the page's own canonical URL or else the final URL)."""
    kind = PAGE_TYPES.get(page.media_type)
    if kind is None:
        raise ImportRefused(page.url, f"not a web page or text ({page.media_type})")
    encoding = _known_encoding(page.charset)
    path = page.final_url
    try:
        extracted = _extract(kind, page.body, path, encoding)
    except ImportRefused:
        if encoding is None:
            raise
        # A wrong charset in the header is common: the page's own label and
        # detection decide instead (as for a file).
        extracted = _extract(kind, page.body, path, None)
    art = finish(
        extracted,
        path=path,
        fmt="web",
        source_name=page.final_url,
        stem=urlsplit(page.final_url).hostname,
        limits=limits,
    )
    url = page.final_url
    for candidate in (_canonical(page, kind), clean_field(extracted.url)):
        if candidate:
            absolute = urljoin(page.final_url, candidate)
            if urlsplit(absolute).scheme.lower() in ALLOWED_SCHEMES:
                url = absolute
                break
    outlet = art.outlet or _site_name(page.final_url)
    return ImportedArticle(
        text=art.text,
        title=art.title,
        outlet=outlet,
        author=art.author,
        url=url[:2000],
        published=art.published,
        language=art.language,
        source_name=page.final_url[:1000],
        encoding=art.encoding,
        fmt="web",
    )


def _extract(kind: str, body: bytes, path: str, encoding: str | None) -> Extracted:
    if kind == "html":
        return extract_html(body, path=path, encoding=encoding)
    text, used = decode_text(body, path=path, encoding=encoding)
    return extract_plain(text, used)


def _canonical(page: FetchedPage, kind: str) -> str | None:
    """The page's own address for itself: ``<link rel=canonical>`` or ``og:url``."""
    if kind != "html":
        return None
    try:
        text, _used = decode_html(page.body, path=page.final_url, encoding=None)
        tree = parse_html(text, page.final_url)
    except ImportRefused:
        return None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return clean_field(link.get("href"))
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url":
            return clean_field(meta.get("content"))
    return None


def _known_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return canonical_encoding(name)
    except LookupError:
        return None  # an unknown label in the header: let the page say


def _site_name(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
