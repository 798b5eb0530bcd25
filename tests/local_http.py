"""A real HTTP server on 127.0.0.1 for the web import tests.

Pages, redirects (also to ``file:`` and ``ftp:``), slow and dripping answers,
huge bodies (declared and streamed), a gzip bomb, binary content types and
hostile markup. ``Handler.log`` lists every path asked for.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from workbench.importers.limits import ImportLimits

PARAGRAPHS = [
    "A fuel depot in Kestrel Bay was hit by drones early on Monday, officials said, in the "
    "first attack on the port this year. Fire crews worked through the night to contain it.",
    "No one was injured in the attack, according to the harbour authority, which said the "
    "depot had been emptied for maintenance the week before the strike hit the eastern pier.",
    "Residents described loud explosions shortly after midnight, followed by a fire that "
    "could be seen across the bay from the hills above the town and along the coast road.",
]
ARTICLE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Drones hit Kestrel Bay fuel depot | Harbour Gazette</title>
<meta property="og:title" content="Drones hit Kestrel Bay fuel depot">
<meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="Mara Quill">
<meta property="article:published_time" content="2026-03-09T08:00:00Z">
<link rel="canonical" href="/news/depot-strike">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Drones hit Kestrel Bay fuel depot</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article><footer>Copyright Harbour Gazette</footer></body></html>"""
HOSTILE = """<html><head><title>Hostile page</title>
<link rel="stylesheet" href="/evil.css"><script src="/evil.js"></script>
<script>fetch('/evil-fetch')</script></head><body>
<img src="/evil.png"><img src="file:///etc/passwd"><iframe src="/evil-frame"></iframe>
<p>The mayor said the port would reopen on Friday after the inspection of every pier.</p>
<p>Officials confirmed that two cranes were damaged and would be replaced within weeks.</p>
</body></html>"""
CAP = 200_000  # a small size cap, so "huge" needs no huge test data
LIMITS = ImportLimits(max_file_bytes=CAP)


class Handler(BaseHTTPRequestHandler):
    """The routes the tests fetch; every request path is logged."""

    log: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        Handler.log.append(self.path)
        path = self.path
        html = "text/html; charset=utf-8"
        if path == "/article":
            self._send(200, ARTICLE.encode(), html)
        elif path == "/plain":
            self._send(200, "\n".join(PARAGRAPHS).encode("cp1252"), "text/plain; charset=cp1252")
        elif path == "/moved":
            self._redirect("/article", 301)
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{n - 1}" if n > 0 else "/article")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/secret")
        elif path == "/slow":
            time.sleep(2.5)
            self._send(200, ARTICLE.encode(), html)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>drip</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()  # and send nothing: the fetch must refuse on the header
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>" + b"x" * 8192 + b"</p>")
            except OSError:
                pass
        elif path == "/gzip-bomb":
            body = gzip.compress(b"<p>" + b"a" * (CAP * 20) + b"</p>")
            self._send(200, body, html, Content_Encoding="gzip")
        elif path == "/gzipped":
            self._send(200, gzip.compress(ARTICLE.encode()), html, Content_Encoding="gzip")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "image/png")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4\n" + b"\x00" * 500, "application/pdf")
        elif path == "/octets":
            self._send(200, b"\x00\x01\x02" * 100, "application/octet-stream")
        elif path == "/hostile":
            self._send(200, HOSTILE.encode(), html)
        elif path == "/statement.pdf":
            self._send(200, b"%PDF-1.4 statement", "application/pdf")
        else:
            self._send(404, b"<h1>Not found</h1>", html)


@contextmanager
def serve() -> Iterator[str]:
    """A local HTTP server in a thread (its base URL); shut down on exit."""
    Handler.log = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # a dripping handler must not hold up teardown
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
