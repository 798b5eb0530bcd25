"""Reliability rows for imports of untrusted files.

| test | figure |
| imported HTML with local img src, file: links, /dev/zero, scripts | 0 local file reads |
| zip-bomb .docx; malformed PDF | rejected quickly, clear message, memory bounded |
| 100 MB text file | size message before any read |

Reads are observed two ways: a Python audit hook records every "open" and
socket event of this process, and (on Linux) inotify on the folder holding
the sentinel files catches opens made from C code (libxml2) too.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import io
import os
import resource
import struct
import sys
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from workbench.errors import ImportRefused
from workbench.importers import ImportLimits, read_article


def _load_fixtures() -> ModuleType:
    if "import_fixtures" in sys.modules:
        return sys.modules["import_fixtures"]
    path = Path(__file__).resolve().parents[1] / "importers" / "import_fixtures.py"
    spec = importlib.util.spec_from_file_location("import_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_fixtures"] = module
    spec.loader.exec_module(module)
    return module


fx = _load_fixtures()

# --- observing file and network access -------------------------------------

_NETWORK_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.sendto",
    "urllib.Request",
    "http.client.connect",
}
_PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.spawn", "os.posix_spawn"}
_recording: list[tuple[str, tuple[Any, ...]]] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # Installed once for the whole session (audit hooks cannot be removed);
    # it only records while a test has switched recording on.
    if _recording is not None and (
        event == "open" or event in _NETWORK_EVENTS or event in _PROCESS_EVENTS
    ):
        _recording.append((event, args))


sys.addaudithook(_audit)

# Code and data of Python and installed libraries (lazy imports, stop-word
# lists) may be opened; anything else the importer opens is a finding.
_LIBRARY_ROOTS = tuple(
    {
        str(Path(p).resolve())
        for p in (
            sys.prefix,
            sys.base_prefix,
            sys.exec_prefix,
            Path(__file__).parents[2] / "workbench",
        )
    }
)


@contextmanager
def recorded() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    global _recording
    events: list[tuple[str, tuple[Any, ...]]] = []
    _recording = events
    try:
        yield events
    finally:
        _recording = None


def opened_paths(events: list[tuple[str, tuple[Any, ...]]]) -> list[str]:
    paths = []
    for event, args in events:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            paths.append(str(Path(os.fsdecode(args[0])).resolve()))
    return paths


def foreign_reads(events: list[tuple[str, tuple[Any, ...]]], allowed: Path) -> list[str]:
    allowed_path = str(allowed.resolve())
    return [
        p for p in opened_paths(events) if p != allowed_path and not p.startswith(_LIBRARY_ROOTS)
    ]


class Inotify:
    """Counts opens and reads of files in one folder, by any code (Linux)."""

    IN_ACCESS = 0x001
    IN_OPEN = 0x020

    def __init__(self, folder: Path) -> None:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if libc.inotify_add_watch(self.fd, os.fsencode(folder), self.IN_ACCESS | self.IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch")

    def count(self) -> int:
        events = 0
        while True:
            try:
                buffer = os.read(self.fd, 65536)
            except BlockingIOError:
                return events
            offset = 0
            while offset < len(buffer):
                _wd, _mask, _cookie, length = struct.unpack_from("iIII", buffer, offset)
                offset += 16 + length
                events += 1

    def close(self) -> None:
        os.close(self.fd)


def child_pids() -> set[int]:
    pids: set[int] = set()
    for task in Path("/proc/self/task").glob("*"):
        with suppress(OSError):
            pids.update(int(p) for p in (task / "children").read_text().split())
    return pids


def measure(action: Callable[[], object]) -> tuple[BaseException | None, float, int, int]:
    """Run ``action``: (exception, seconds, peak Python allocation, RSS growth) ."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tracemalloc.start()
    started = time.perf_counter()
    error: BaseException | None = None
    try:
        action()
    except ImportRefused as exc:
        error = exc
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before
    return error, elapsed, peak, rss_growth


def report(record_property: Callable[[str, object], None], figure: str) -> None:
    print(figure)
    record_property("figure", figure)


MB = 1024 * 1024

# --- .docx zip bombs ----------------------------------------------------------


def write_zero_bomb(path: Path, zeros_mb: int) -> Path:
    """A .docx-looking zip with one member of ``zeros_mb`` MB of zeros.

    Written by streaming, so building it needs little memory or disk.
    """
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        chunk = bytes(MB)
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(zeros_mb):
                member.write(chunk)
    return path


def test_zip_bomb_docx_is_rejected_quickly(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    path = write_zero_bomb(tmp_path / "bomb.docx", 300)
    size = path.stat().st_size
    error, elapsed, peak, rss = measure(lambda: read_article(path))
    assert isinstance(error, ImportRefused)
    assert error.reason == "the .docx would expand to 300.1 MB; the limit is 200 MB (zip bomb?)"
    assert elapsed < 1.0
    assert peak < 10 * MB
    report(
        record_property,
        f"zip-bomb .docx ({size / 1024:.0f} kB declaring 300 MB): refused in "
        f"{elapsed * 1000:.1f} ms; peak Python allocation {peak / MB:.2f} MB; "
        f"max RSS growth {rss / MB:.1f} MB",
    )


def test_high_ratio_docx_is_rejected(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    # Under the size cap, but 50 MB from ~50 kB: only the ratio check stops it.
    path = write_zero_bomb(tmp_path / "ratio.docx", 50)
    error, elapsed, peak, _rss = measure(lambda: read_article(path))
    assert isinstance(error, ImportRefused)
    assert error.reason.startswith("the .docx is compressed ")
    assert error.reason.endswith("; the limit is 100:1 (zip bomb?)")
    assert elapsed < 1.0 and peak < 10 * MB
    report(
        record_property,
        f"50 MB-in-{path.stat().st_size // 1024} kB .docx: refused by ratio in "
        f"{elapsed * 1000:.1f} ms; peak Python allocation {peak / MB:.2f} MB",
    )


def lying_docx(tmp_path: Path, real_mb: int, declared: int) -> Path:
    """A .docx whose document.xml inflates to ``real_mb`` MB but declares ``declared`` bytes.

    The CRC is set to that of the first ``declared`` bytes, so zipfile's own
    checks pass: zipfile.read() would inflate all of it before truncating.
    """
    xml = (
        b'<?xml version="1.0"?><w:document xmlns:w='
        b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    content = xml + b" " * (real_mb * MB)
    buffer = io.BytesIO()
    fx.make_docx(tmp_path / "template.docx", ["x"])
    with (
        zipfile.ZipFile(tmp_path / "template.docx") as template,
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for name in template.namelist():
            if name != "word/document.xml":
                archive.writestr(name, template.read(name))
        archive.writestr("word/document.xml", content)
    data = bytearray(buffer.getvalue())
    # Patch CRC (offset 16) and uncompressed size (offset 24) in the central
    # directory entry, which starts where the end-of-directory record says.
    entry = struct.unpack_from("<I", data, data.rfind(b"PK\x05\x06") + 16)[0]
    while data[entry : entry + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, entry + 28)
        if data[entry + 46 : entry + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, entry + 16, zlib.crc32(content[:declared]))
            struct.pack_into("<I", data, entry + 24, declared)
        entry += 46 + name_length + extra_length + comment_length
    path = tmp_path / "lying.docx"
    path.write_bytes(bytes(data))
    return path


def test_docx_lying_about_its_sizes_stays_bounded(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    path = lying_docx(tmp_path, real_mb=100, declared=4096)
    with zipfile.ZipFile(path) as archive:  # zipfile itself is fooled
        assert archive.getinfo("word/document.xml").file_size == 4096
        assert archive.testzip() is None
    error, elapsed, peak, _rss = measure(lambda: read_article(path))
    assert isinstance(error, ImportRefused)
    assert error.reason == "part 'word/document.xml' is larger than the zip declares (zip bomb?)"
    assert peak < 5 * MB
    report(
        record_property,
        f".docx declaring 4 kB for 100 MB of XML (CRC forged): refused in "
        f"{elapsed * 1000:.1f} ms; peak Python allocation {peak / MB:.2f} MB",
    )


def test_docx_external_entity_is_not_resolved(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    secret = tmp_path / "secret" / "sentinel.txt"
    secret.parent.mkdir()
    secret.write_text("SENTINEL-CONTENT")
    fx.make_docx(tmp_path / "template.docx", ["x"])
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file://'
        + str(secret)
        + '">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>before &xxe; after</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    with (
        zipfile.ZipFile(tmp_path / "template.docx") as template,
        zipfile.ZipFile(tmp_path / "xxe.docx", "w") as archive,
    ):
        for name in template.namelist():
            data = xml if name == "word/document.xml" else template.read(name)
            archive.writestr(name, data)
    watcher = Inotify(secret.parent)
    watcher.count()
    with recorded() as events:
        try:
            text = read_article(tmp_path / "xxe.docx").text
        except ImportRefused as exc:
            text = exc.reason
    c_level = watcher.count()
    watcher.close()
    python_level = foreign_reads(events, tmp_path / "xxe.docx")
    assert "SENTINEL" not in text
    assert python_level == [] and c_level == 0
    report(record_property, f"XXE in .docx: {len(python_level) + c_level} local file reads")


# --- PDFs -----------------------------------------------------------------------

MALFORMED_PDFS = {
    "not a pdf": b"hello, this is not a PDF",
    "no xref": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF",
    "truncated": fx.make_pdf([["Some text"]])[:300],
    "garbage body": b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF",
    "loop in page tree": (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF"
    ),
}


def test_malformed_pdfs_are_rejected(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    slowest = 0.0
    for name, data in MALFORMED_PDFS.items():
        path = tmp_path / f"{name.replace(' ', '_')}.pdf"
        path.write_bytes(data)
        error, elapsed, _peak, _rss = measure(lambda p=path: read_article(p))
        assert isinstance(error, ImportRefused), name
        assert error.reason.startswith(("malformed PDF", "no extractable text")), error.reason
        slowest = max(slowest, elapsed)
    assert slowest < 5.0
    report(
        record_property,
        f"{len(MALFORMED_PDFS)} malformed PDFs: all refused with a reason; "
        f"slowest {slowest * 1000:.0f} ms",
    )


def test_stalling_pdf_times_out_and_the_worker_is_killed(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    # 200,000 text operators take pypdf about 5 s; the cap is 1 s.
    ops = b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj 1 0 Td " * 200_000 + b"ET"
    data = fx.make_pdf([], raw_content=[zlib.compress(ops)], content_filter="FlateDecode")
    path = tmp_path / "stall.pdf"
    path.write_bytes(data)
    before = child_pids()
    error, elapsed, _peak, _rss = measure(
        lambda: read_article(path, limits=ImportLimits(pdf_timeout_s=1.0))
    )
    assert isinstance(error, ImportRefused)
    assert error.reason == "reading the PDF timed out after 1 s"
    assert elapsed < 3.0
    assert child_pids() - before == set()  # killed and reaped: nothing left running
    # The program is still up and imports the next file normally.
    path.write_bytes(fx.make_pdf([["Next file"]]))
    assert read_article(path).text == "Next file"
    report(
        record_property,
        f"stalling PDF: refused 'timed out' after {elapsed:.2f} s (limit 1 s); "
        "worker killed, 0 processes left, next import fine",
    )


def test_pdf_memory_cap_keeps_the_program_up(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(b" " * MB) for _ in range(70)) + packer.flush()
    path = tmp_path / "hungry.pdf"
    path.write_bytes(fx.make_pdf([], raw_content=[stream], content_filter="FlateDecode"))
    error, elapsed, _peak, rss = measure(
        lambda: read_article(path, limits=ImportLimits(pdf_memory_bytes=64 * MB))
    )
    assert isinstance(error, ImportRefused)
    assert error.reason == "the PDF needs more than 64 MB of memory"
    assert rss < 32 * MB  # the allocation happened in the child, not here
    report(
        record_property,
        f"PDF needing >64 MB (70 MB stream): refused in {elapsed * 1000:.0f} ms; "
        f"this process grew {rss / MB:.1f} MB",
    )


# --- huge text file -------------------------------------------------------------


def test_100mb_text_file_is_refused_before_reading(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * MB)  # sparse: instant, no disk used
    with recorded() as events:
        error, elapsed, _peak, _rss = measure(lambda: read_article(path))
    assert isinstance(error, ImportRefused)
    assert error.reason == "file is 100.0 MB; the limit is 20 MB"
    assert str(path.resolve()) not in opened_paths(events)  # refused from stat alone
    assert elapsed < 0.5
    report(
        record_property,
        f"100 MB text file: refused by size in {elapsed * 1000:.2f} ms without opening it",
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_link_to_dev_zero_is_refused_at_once(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    error, elapsed, _peak, _rss = measure(lambda: read_article(tmp_path / "zero.txt"))
    assert isinstance(error, ImportRefused)
    assert error.reason == "not a regular file"
    report(record_property, f"zero.txt -> /dev/zero: refused in {elapsed * 1000:.2f} ms")


# --- hostile HTML ---------------------------------------------------------------

ARTICLE_HTML = (
    "<article><h1>Drones hit fuel depot</h1>"
    "<p>Four drones were launched from the sea towards the fuel depot on Monday night, "
    "officials said, adding that air defences shot down two of them over the bay.</p>"
    "<p>No one was injured in the attack, according to the port authority, which said the "
    "fire was put out by morning and that shipping would resume within the week.</p>"
    "</article>"
)


def hostile_pages(secret: Path) -> dict[str, str]:
    s = str(secret)
    rel = f"../{secret.parent.name}/{secret.name}"
    return {
        "images": f"""<html><body>
<img src="{s}"><img src="file://{s}"><img src="{rel}"><img src="/etc/passwd">
<img src="/dev/zero"><img srcset="file://{s} 1x, /dev/zero 2x"><img src="\\\\server\\share\\x.png">
<picture><source srcset="file://{s}"><img src="/dev/zero"></picture>
{ARTICLE_HTML}</body></html>""",
        "links": f"""<html><head><base href="file:///">
<link rel="stylesheet" href="file://{s}"><link rel="import" href="{s}">
<link rel="preload" href="/dev/zero"><link rel="icon" href="/etc/passwd">
<meta http-equiv="refresh" content="0; url=file://{s}"></head>
<body>{ARTICLE_HTML}<a href="file://{s}">link</a></body></html>""",
        "frames": f"""<html><body>
<iframe src="file://{s}"></iframe><iframe srcdoc="<img src='/etc/passwd'>"></iframe>
<object data="file://{s}"></object><embed src="/dev/zero">
<frameset><frame src="{s}"></frameset>
{ARTICLE_HTML}</body></html>""",
        "scripts": f"""<html><head>
<script src="file://{s}"></script>
<script>fetch("http://127.0.0.1:9/x"); var x = new XMLHttpRequest(); SCRIPTMARKER</script>
</head><body>{ARTICLE_HTML}<script>document.write("SCRIPTMARKER")</script></body></html>""",
        "styles": f"""<html><head>
<style>@import url("file://{s}"); body {{ background: url(/etc/passwd) }} STYLEMARKER</style>
</head><body style="background: url('file://{s}')">{ARTICLE_HTML}</body></html>""",
        "xxe": f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{s}"><!ENTITY pw SYSTEM "/etc/passwd">]>
<html><body><p>before &xxe; &pw; after</p>{ARTICLE_HTML}</body></html>""",
        "external-dtd": f"""<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="file://{s}"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "file://{s}">
<html xmlns="http://www.w3.org/1999/xhtml"><body>{ARTICLE_HTML}</body></html>""",
        "svg-xinclude": f"""<html><body>
<svg><image href="file://{s}"/><use href="file://{s}#x"/></svg>
<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{s}" parse="text"/>
{ARTICLE_HTML}</body></html>""",
        "network": f"""<html><head><link rel="dns-prefetch" href="//example.com">
<link rel="stylesheet" href="http://127.0.0.1:9/s.css"></head><body>
<img src="http://127.0.0.1:9/x.png"><img src="http://169.254.169.254/latest/meta-data/">
<video src="http://127.0.0.1:9/v.mp4"></video><audio><source src="https://example.com/a.mp3"></audio>
<form action="http://127.0.0.1:9/post"><input name="q"></form>
{ARTICLE_HTML}</body></html>""",
        "billion-laughs": """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<html><body><p>&lol4;</p>"""
        + ARTICLE_HTML
        + "</body></html>",
        "deep-nesting": "<html><body>"
        + "<div>" * 200
        + ARTICLE_HTML
        + "</div>" * 200
        + "</body></html>",
        # Past libxml2's depth limit (256) the content is dropped: refused, no crash.
        "nesting-bomb": "<html><body>"
        + "<div>" * 50_000
        + ARTICLE_HTML
        + "</div>" * 50_000
        + "</body></html>",
    }


# Pages that are refused (with this reason) instead of imported.
EXPECTED_REFUSALS = {"nesting-bomb": "no text found"}


def test_hostile_html_corpus_reads_nothing_and_fetches_nothing(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    secret = tmp_path / "secret" / "sentinel.txt"
    secret.parent.mkdir()
    secret.write_text("SENTINEL-CONTENT")
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()
    pages = hostile_pages(secret)
    # Warm up: lazy imports inside trafilatura happen outside the measurement.
    warm = pages_dir / "warm.html"
    warm.write_text(f"<html><body>{ARTICLE_HTML}</body></html>")
    read_article(warm)

    watcher = Inotify(secret.parent) if sys.platform.startswith("linux") else None
    if watcher is not None:
        watcher.count()
    local_reads: list[str] = []
    network: list[str] = []
    processes: list[str] = []
    c_level = 0
    slowest = 0.0
    for name, html in pages.items():
        path = pages_dir / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        with recorded() as events:
            started = time.perf_counter()
            try:
                text = read_article(path).text
            except ImportRefused as exc:
                assert exc.reason == EXPECTED_REFUSALS.get(name), name
                text = ""
            slowest = max(slowest, time.perf_counter() - started)
        local_reads += foreign_reads(events, path)
        network += [event for event, _ in events if event in _NETWORK_EVENTS]
        processes += [event for event, _ in events if event in _PROCESS_EVENTS]
        if watcher is not None:
            c_level += watcher.count()
        if name not in EXPECTED_REFUSALS:
            assert "Four drones were launched from the sea" in text, name
        for marker in ("SENTINEL", "SCRIPTMARKER", "STYLEMARKER", "root:", "fetch("):
            assert marker not in text, (name, marker)
    if watcher is not None:
        watcher.close()
    assert local_reads == [] and c_level == 0
    assert network == [] and processes == []
    report(
        record_property,
        f"hostile HTML corpus: {len(local_reads) + c_level} local file reads, "
        f"{len(network)} network attempts over {len(pages)} files "
        f"(slowest {slowest * 1000:.0f} ms; C-level opens watched by "
        f"{'inotify' if watcher is not None else 'nothing'})",
    )
