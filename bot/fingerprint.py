"""Identity of articles: canonical URLs, content hashes and near-duplicate fingerprints.

Three questions decide whether an incoming article is new:

* the same page under another URL? ``canonical_url`` drops tracking parameters (``utm_*``,
  ``fbclid``…), fragments, default ports, ``www.`` and a trailing slash, and sorts the query;
* the same text again (a feed re-publishing an entry with a new ``pubDate``)? ``content_hash``
  of the normalised words;
* a wire story (AP, Reuters) reprinted by several outlets, with small edits? ``simhash`` of word
  3-shingles: near-identical texts differ in a few of its 64 bits. ``bands`` splits it in four
  16-bit parts so that a store finds candidates with an index instead of comparing every pair
  (two hashes within 3 bits share at least one band exactly), and ``resemblance`` confirms.

    >>> canonical_url("https://WWW.Example.com:443/a/b/?utm_source=x&id=2#top")
    'https://example.com/a/b?id=2'
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

__all__ = ["canonical_url", "content_hash", "simhash", "bands", "hamming", "resemblance", "shingles"]

_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|cmpid|ocid|"
    r"smid|smtyp|ref|ref_src|referrer|source|src|cmp|partner|spm|at_medium|at_campaign|taid|ito)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+")
_SHINGLE = 3
_BANDS = 4
_MASK = (1 << 64) - 1


@lru_cache(maxsize=65_536)
def canonical_url(url: str | None) -> str | None:
    """The URL with everything that does not change the page removed (None for non-http URLs).

    Cached: every poll asks it of each entry a feed lists again (50 a feed), known or not."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    # Both schemes serve the same article; https is what a reader should be sent to.
    return urlunsplit(("https", netloc, path, query, ""))


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_hash(text: str) -> str:
    """A hash of the words alone: whitespace, punctuation and case changes keep it."""
    return hashlib.sha256(" ".join(_tokens(text)).encode()).hexdigest()[:32]


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def _shingle_hashes(text: str) -> np.ndarray:
    words = _tokens(text)
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    if len(h) < _SHINGLE:
        return h
    # Order-sensitive combination of consecutive word hashes (uint64 arithmetic wraps).
    with np.errstate(over="ignore"):
        return (
            h[:-2] * np.uint64(0x9E3779B97F4A7C15)
            ^ h[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F)
            ^ h[2:]
        )


def shingles(text: str) -> set[int]:
    """The set of word 3-shingle hashes of a text (for ``resemblance``)."""
    return set(_shingle_hashes(text).tolist())


def simhash(text: str) -> int:
    """A 64-bit locality-sensitive fingerprint: similar texts give hashes a few bits apart.

    Returned as a signed 64-bit integer so that SQLite (and PostgreSQL ``bigint``) store it as is.
    """
    hashes = np.unique(_shingle_hashes(text))
    if hashes.size == 0:
        return 0
    bits = np.unpackbits(hashes.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    votes = bits.sum(axis=0, dtype=np.int64) * 2 - hashes.size
    value = 0
    for i, vote in enumerate(votes.tolist()):
        if vote > 0:
            value |= 1 << i
    return value - (1 << 64) if value >= 1 << 63 else value


def bands(fingerprint: int) -> tuple[int, ...]:
    """The four 16-bit parts of a simhash (index keys for finding near-duplicates)."""
    unsigned = fingerprint & _MASK
    return tuple((unsigned >> (16 * i)) & 0xFFFF for i in range(_BANDS))


def hamming(a: int, b: int) -> int:
    return ((a & _MASK) ^ (b & _MASK)).bit_count()


def resemblance(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two shingle sets (1.0: the same text)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
