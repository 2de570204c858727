"""Download a weights file in chunks, with progress, cancellation and a hash check.

Used for the zoo models (torchvision / timm weights). Works for ``http(s)://``
and ``file://`` URLs (the tests use the latter; nothing else is reachable offline).
The file is written to a temporary file beside ``dest`` and renamed into place
only when it is complete and verified, so ``dest`` is never a partial file.
"""

from __future__ import annotations

import hashlib
import os
import socket
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from advlab.core.errors import Cancelled, ModelError
from advlab.core.progress import CancelledFn, ProgressFn

CHUNK_SIZE = 256 * 1024
TIMEOUT_S = 30.0


def download(
    url: str,
    dest: Path,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    sha256_prefix: str | None = None,
) -> Path:
    """Fetch ``url`` to ``dest`` and return ``dest``.

    ``progress(done, total)`` is called once before the first chunk and after
    every chunk (``total`` is 0 when the server does not say). ``cancelled()`` is
    polled before every chunk; when it returns True the partial file is removed
    and `Cancelled` is raised. ``sha256_prefix`` (the hex digits torchvision puts
    in its file names) must match the start of the file's SHA-256.
    Failures raise `ModelError` naming the URL and where the file can be put by hand.
    """
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(
            "Cannot create the folder {parent} for the weights from {url}: {exc}.",
            parent=dest.parent, url=url, exc=_reason(exc)
        ) from exc
    try:
        response = urllib.request.urlopen(url, timeout=TIMEOUT_S)  # http(s)/file URLs of the zoo
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise _failed(url, dest, exc) from exc

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    except OSError as exc:
        response.close()
        raise ModelError(
            "Cannot write the weights from {url} to {parent}: {exc}.",
            url=url, parent=dest.parent, exc=_reason(exc)
        ) from exc
    tmp = Path(tmp_name)
    try:
        with response, os.fdopen(fd, "wb") as out:
            total = _content_length(response)
            digest = hashlib.sha256()
            done = 0
            if progress is not None:
                progress(0, total)
            while True:
                if cancelled is not None and cancelled():
                    raise Cancelled(f"Download of {url} cancelled.")
                try:
                    chunk = response.read(CHUNK_SIZE)
                except (OSError, urllib.error.URLError) as exc:
                    raise _failed(url, dest, exc) from exc
                if not chunk:
                    break
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise ModelError(
                        "Cannot write the weights to {parent}: {exc}. Free some disk space or "
                        "check the folder's permissions.",
                        parent=dest.parent, exc=_reason(exc)
                    ) from exc
                digest.update(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        if total and done != total:
            raise ModelError(
                "The download of {url} stopped after {done} of {total} bytes. Try again, or "
                "download the file by hand and put it at {dest}.",
                url=url, done=done, total=total, dest=dest
            )
        if sha256_prefix and not digest.hexdigest().startswith(sha256_prefix.lower()):
            raise ModelError(
                "The file downloaded from {url} is damaged or not the expected file (its SHA-256 "
                "does not start with {sha256_prefix}). Try again, or download it by hand and put "
                "it at {dest}.",
                url=url, sha256_prefix=sha256_prefix, dest=dest
            )
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def _content_length(response: object) -> int:
    """The announced size in bytes, or 0 when unknown."""
    headers = getattr(response, "headers", None)
    value = headers.get("Content-Length") if headers is not None else None
    try:
        return max(int(value), 0) if value is not None else 0
    except ValueError:
        return 0


def _reason(exc: BaseException) -> str:
    """A short human reason for a network or file error."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"the server answered HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        inner = exc.reason
        if isinstance(inner, BaseException):
            return _reason(inner)
        text = str(inner)
        if "timed out" in text:
            return "the connection timed out"
        return text or "unknown network error"
    if isinstance(exc, socket.gaierror):
        return "no internet connection (the server's name cannot be resolved)"
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused (no internet connection or the server is down)"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "the connection timed out (no internet connection?)"
    if isinstance(exc, FileNotFoundError):
        return "the file does not exist"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc) or exc.__class__.__name__


def _failed(url: str, dest: Path, exc: BaseException) -> ModelError:
    """The error for a download that could not be done."""
    return ModelError(
        f"Could not download the model weights: {_reason(exc)}. URL: {url}. "
        f"Connect to the internet and try again, or download the file by hand and put it at {dest}."
    )
