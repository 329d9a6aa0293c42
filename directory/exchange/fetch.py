"""Reading an Open Referral UK feed whole and safely: every page, capped in bytes, time, redirects and nesting.

Over 400 lines on purpose: every limit on what a remote server may send (bytes, time, redirects,
compression, nesting, encoding) belongs to one reader, so no path can skip one.
"""

import codecs
import http.client
import json
import tempfile
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import ijson
from django.conf import settings

CHUNK = 64 * 1024
_JSON_TYPES = ("application/json", "text/json", "text/plain", "application/octet-stream")
_PAGE_KEYS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "next")


class FeedUnavailable(Exception):
    """The feed could not be read whole; str() is one line saying why, for a person to act on."""

    def __init__(self, message):
        super().__init__(" ".join(str(message).split()))  # one line, whatever a server put in its reason


@dataclass(frozen=True)
class FeedLimits:
    """How much of a feed we are willing to read. Defaults come from the ORUK_FEED_* settings."""

    max_pages: int = 1000
    max_bytes: int = 512 * 1024 * 1024  # all pages together, after decompression
    timeout: float = 20.0  # seconds to wait for any one read
    page_seconds: float = 120.0  # a whole page, so a server dripping one byte at a time is cut off
    max_redirects: int = 5
    max_depth: int = 32  # ORUK records nest about 7 deep; 100,000 brackets is an attack, not a service

    @classmethod
    def from_settings(cls, **overrides) -> "FeedLimits":
        names = {f.name: getattr(settings, f"ORUK_FEED_{f.name.upper()}", f.default) for f in fields(cls)}
        return cls(**{**names, **overrides})


@dataclass
class Record:
    page: int
    path: str  # JSONPath within its page: $.contents[12], $[3] or $
    data: object


# --- One response, as a capped byte stream -----------------------------------------


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def __init__(self, limit):
        super().__init__()
        self.max_redirections = limit
        self.max_repeats = 1  # the same address twice is a loop

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.startswith(("http://", "https://")):
            raise FeedUnavailable(f"{req.full_url}: redirected to '{newurl[:100]}', which is not a web address.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Budget:
    """Bytes left for the whole feed, shared by its pages."""

    def __init__(self, limit):
        self.limit, self.used = limit, 0

    def spend(self, count, where):
        self.used += count
        if self.used > self.limit:
            raise FeedUnavailable(
                f"{where}: the feed is larger than {self.limit:,} bytes (ORUK_FEED_MAX_BYTES); nothing was imported."
            )


class _Stream:
    """A file-like reader over a response that stops at the byte budget, the page deadline, bytes that are not
    UTF-8, and HTML. Decompresses gzip itself, so a small bomb counts at its real size."""

    def __init__(self, raw, where, budget: _Budget, limits: FeedLimits, gzipped=False):
        self.raw, self.where, self.budget = raw, where, budget
        self.deadline = time.monotonic() + limits.page_seconds
        self.page_seconds = limits.page_seconds
        self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.started = False
        self.ended = False

    def _raw_chunk(self) -> bytes:
        if time.monotonic() > self.deadline:
            raise FeedUnavailable(f"{self.where}: the page took longer than {self.page_seconds:g} seconds to arrive.")
        reader = getattr(self.raw, "read1", None) or self.raw.read
        try:
            return reader(CHUNK)
        except TimeoutError as error:
            raise FeedUnavailable(f"{self.where}: the server stopped sending ({error or 'timed out'}).") from error
        except (OSError, ValueError, http.client.HTTPException) as error:  # reset, or a chunked body cut short
            raise FeedUnavailable(f"{self.where}: the connection broke while reading ({error}).") from error

    def read(self, size=-1) -> bytes:
        if size == 0:  # ijson asks for nothing to learn whether we give bytes or text
            return b""
        while not self.ended:
            chunk = self._raw_chunk()
            if self.inflate is not None:
                data = self._inflate(chunk)
            else:
                data = chunk
                if not chunk:
                    self.ended = True
            if data or self.ended:
                return self._checked(data)
        return b""

    def _inflate(self, chunk: bytes) -> bytes:
        try:
            if not chunk:
                self.ended = True
                return self.inflate.flush()
            # Never more out than the budget has left, so a gzip bomb stops at the cap, not in memory.
            room = max(self.budget.limit - self.budget.used, 0) + 1
            data = self.inflate.decompress(chunk, room)
            if self.inflate.unconsumed_tail:
                self.budget.spend(len(data) + 1, self.where)
            return data
        except zlib.error as error:
            raise FeedUnavailable(f"{self.where}: the compressed body is damaged ({error}).") from error

    def _checked(self, data: bytes) -> bytes:
        self.budget.spend(len(data), self.where)
        if not self.started:
            data = data.removeprefix(codecs.BOM_UTF8)
            if data.lstrip()[:1] == b"<":
                raise FeedUnavailable(f"{self.where}: the server sent a web page (HTML), not JSON.")
            self.started = bool(data.strip())
        try:
            self.utf8.decode(data, final=self.ended)
        except UnicodeDecodeError as error:
            raise FeedUnavailable(f"{self.where}: the text is not valid UTF-8.") from error
        return data


def _open(url: str, where: str, budget: _Budget, limits: FeedLimits) -> tuple[_Stream, object]:
    request = urllib.request.Request(  # noqa: S310  (http and https only, checked by the caller)
        url,
        headers={
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
            "User-Agent": "earlyhelp-directory ORUK import",
        },
    )
    opener = urllib.request.build_opener(_RedirectHandler(limits.max_redirects))
    try:
        response = opener.open(request, timeout=limits.timeout)
    except FeedUnavailable:
        raise
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            target = (error.headers or {}).get("Location") or ""
            if target and not urljoin(url, target).startswith(("http://", "https://")):
                raise FeedUnavailable(f"{where}: redirected to '{target[:100]}', which is not a web address.") from None
            raise FeedUnavailable(f"{where}: too many redirects, or a redirect loop.") from None
        raise FeedUnavailable(f"{where}: the server answered {error.code} {error.reason}.") from error
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FeedUnavailable(f"{where}: could not fetch it ({reason}).") from error
    content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
    if content_type and not (content_type in _JSON_TYPES or content_type.endswith("+json")):
        response.close()
        what = "a web page (HTML)" if "html" in content_type else f"'{content_type}'"
        raise FeedUnavailable(f"{where}: the server sent {what}, not JSON.")
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        response.close()
        raise FeedUnavailable(f"{where}: the server sent the body encoded as '{encoding}', which we cannot read.")
    length = response.headers.get("Content-Length")
    too_long = length and length.isdigit() and int(length) > budget.limit - budget.used
    if too_long and encoding == "identity":  # refused before a byte is read
        response.close()
        raise FeedUnavailable(
            f"{where}: the feed is larger than {budget.limit:,} bytes (ORUK_FEED_MAX_BYTES); nothing was imported."
        )
    return _Stream(response, where, budget, limits, gzipped=encoding != "identity"), response


# --- One page, as records and what it says about the feed ----------------------------


class _Builder:
    """Python values from ijson's basic events, refusing anything nested deeper than the limit."""

    def __init__(self, max_depth, where):
        self.max_depth, self.where = max_depth, where

    def value(self, event, value, events):
        if event == "start_map":
            return self._map(events, 1)
        if event == "start_array":
            return self._array(events, 1)
        return value

    def _nested(self, event, value, events, depth):
        if event in ("start_map", "start_array"):
            if depth >= self.max_depth:
                raise FeedUnavailable(f"{self.where}: the JSON is nested more than {self.max_depth} levels deep.")
            return self._map(events, depth + 1) if event == "start_map" else self._array(events, depth + 1)
        return value

    def _map(self, events, depth):
        result = {}
        for event, value in events:
            if event == "end_map":
                return result
            key = value
            event, value = next(events)
            result[key] = self._nested(event, value, events, depth)
        return result

    def _array(self, events, depth):
        result = []
        for event, value in events:
            if event == "end_array":
                return result
            result.append(self._nested(event, value, events, depth))
        return result


def _events(stream, where):
    try:
        yield from ijson.basic_parse(stream, use_float=True)
    except ijson.JSONError as error:
        if not stream.started:
            raise FeedUnavailable(f"{where}: the server sent nothing.") from None
        first = str(error).strip().splitlines()[0] if str(error).strip() else "it ends too soon"
        raise FeedUnavailable(f"{where}: this is not JSON ({first}).") from None


def _page_records(stream, page: int, where: str, limits: FeedLimits, keep: Callable[[Record], None]) -> dict:
    """Send each record of one page to `keep`; return the page's own fields (total_items, next...) and
    `_count`, the records it held. The top level may be a page ({"contents": [...]}), a list, or one record."""
    events = _events(stream, where)
    builder = _Builder(limits.max_depth, where)
    try:
        event, value = next(events)
    except StopIteration:
        raise FeedUnavailable(f"{where}: the server sent nothing.") from None
    if event == "start_array":
        count = 0
        for event, value in events:
            if event == "end_array":
                break
            keep(Record(page, f"$[{count}]", builder._nested(event, value, events, 1)))
            count += 1
        _end(events, where)
        return {"_count": count, "_list": True}
    if event != "start_map":
        raise FeedUnavailable(f"{where}: expected ORUK services, a list of them or a page of them, not one value.")
    fields_, count, paged = {}, 0, False
    for event, value in events:
        if event == "end_map":
            break
        key = value
        event, value = next(events)
        if key == "contents" and event == "start_array":
            paged = True
            for event, value in events:
                if event == "end_array":
                    break
                keep(Record(page, f"$.contents[{count}]", builder._nested(event, value, events, 1)))
                count += 1
        else:
            fields_[key] = builder._nested(event, value, events, 1)
    _end(events, where)
    if not paged:
        keep(Record(page, "$", fields_))  # one service or organisation, not a page
        return {"_count": 1, "_list": True}
    return {**{key: fields_[key] for key in _PAGE_KEYS if key in fields_}, "_count": count}


def _end(events, where):
    for _ in events:  # ijson raises on trailing garbage
        pass


# --- The whole feed ----------------------------------------------------------------


def _number(page_fields, key):
    value = page_fields.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _with_page(url: str, number: int) -> str:
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "page"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("page", str(number))])))


def _next_url(url: str, page_fields: dict, number: int, total_pages: int | None) -> str | None:
    if page_fields.get("last_page") is True:
        return None
    link = page_fields.get("next")
    if isinstance(link, dict):
        link = link.get("href")
    if isinstance(link, str) and link.strip():
        return urljoin(url, link.strip())
    if total_pages is not None and number < total_pages:
        return _with_page(url, number + 1)
    return None


class Feed:
    """A feed downloaded whole before anything is imported: its records wait in a temporary file, one JSON line
    each, so memory stays flat and an incomplete feed writes nothing. Use as a context manager."""

    def __init__(self, source, limits: FeedLimits | None = None, on_page: Callable[[int], None] | None = None):
        self.source, self.limits, self.on_page = source, limits or FeedLimits.from_settings(), on_page
        self.pages = 0
        self.count = 0
        self.paged = False
        self._file = None

    def __enter__(self):
        self._file = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115  (closed in __exit__)
        self._download()
        return self

    def __exit__(self, *exc):
        self._file.close()

    def _keep(self, record: Record):
        self.count += 1
        self._file.write(json.dumps([record.page, record.path, record.data]) + "\n")

    def records(self) -> Iterator[Record]:
        self._file.seek(0)
        for line in self._file:
            page, path, data = json.loads(line)
            yield Record(page, path, data)

    def _download(self):
        budget = _Budget(self.limits.max_bytes)
        if isinstance(self.source, bytes | bytearray):
            self._one(_Stream(_BytesReader(self.source), "the file", budget, self.limits), "the file")
        elif isinstance(self.source, str) and self.source.startswith(("http://", "https://")):
            self._walk(self.source, budget)
        else:
            path = Path(self.source)
            try:
                with path.open("rb") as raw:
                    gzipped = path.suffix == ".gz"
                    self._one(_Stream(raw, str(self.source), budget, self.limits, gzipped=gzipped), str(self.source))
            except OSError as error:
                raise FeedUnavailable(f"{self.source}: could not read the file ({error.strerror or error}).") from None

    def _one(self, stream, where):
        """A file holds what it holds: one page of a paged feed is refused, as the rest cannot be fetched."""
        page_fields = _page_records(stream, 1, where, self.limits, self._keep)
        self.pages = 1
        self._check_page(page_fields, 1, where)
        total_pages = _number(page_fields, "total_pages")
        if (total_pages or 1) > 1 or page_fields.get("last_page") is False:
            raise FeedUnavailable(
                f"{where}: this is one page of {total_pages or 'several'}; import the feed from its address "
                "to read every page."
            )
        self._check_total(page_fields, where)

    def _walk(self, url, budget):
        first, seen, number, total_pages = None, set(), 0, None
        while url is not None:
            number += 1
            where = url if number == 1 else f"page {number} ({url})"
            if number > self.limits.max_pages:
                raise FeedUnavailable(
                    f"{self.source}: the feed has more than {self.limits.max_pages} pages (ORUK_FEED_MAX_PAGES)."
                )
            if url in seen:
                raise FeedUnavailable(f"{where}: the feed links back to a page already read.")
            seen.add(url)
            stream, response = _open(url, where, budget, self.limits)
            with response:
                page_fields = _page_records(stream, number, where, self.limits, self._keep)
            self.pages = number
            if self.on_page:
                self.on_page(number)
            self._check_page(page_fields, number, where)
            if first is None:
                first = page_fields
                total_pages = _number(first, "total_pages")
            url = None if page_fields.get("_list") else _next_url(url, page_fields, number, total_pages)
            if url is None and total_pages is not None and number < total_pages:
                raise FeedUnavailable(f"{where}: the feed ended after page {number} of {total_pages}.")
            if url is not None and page_fields["_count"] == 0:
                raise FeedUnavailable(f"{where}: page {number} is empty, but the feed says there is more.")
        self._check_total(first, self.source)

    def _check_page(self, page_fields, number, where):
        said = _number(page_fields, "page_number")
        if said is not None and said != number and not (number == 1 and said == 0):
            raise FeedUnavailable(f"{where}: asked for page {number}, the server sent page {said}.")
        size = _number(page_fields, "size")
        if size is not None and size != page_fields["_count"]:
            raise FeedUnavailable(f"{where}: the page says it holds {size} records but holds {page_fields['_count']}.")
        self.paged = self.paged or not page_fields.get("_list")

    def _check_total(self, first, where):
        total = _number(first, "total_items")
        if total is not None and total != self.count:
            raise FeedUnavailable(f"{where}: the feed says it holds {total} records, but {self.count} arrived.")


class _BytesReader:
    def __init__(self, data):
        self.data, self.at = bytes(data), 0

    def read(self, size=-1):
        size = CHUNK if size is None or size < 0 else size
        chunk = self.data[self.at : self.at + size]
        self.at += len(chunk)
        return chunk
