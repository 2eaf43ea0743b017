"""Reading articles from files and folders: .txt, .md, .html and .json.

A folder loads every article file in it (recursively, in name order). A ``sources.toml``
manifest in a folder gives per-article metadata keyed by article id (the file stem)::

    [000_8a00dee0113ccaba]
    outlet = "Newsmax"          # the publisher; left out when the text does not name it
    cites = ["The Hill"]        # outlets the article attributes its reporting to
    title = "..."
    published = 2025-05-15
    url = "https://..."

Metadata found in the file itself (a "date 2025-05-15" header, an HTML page's title and date,
a JSON object's fields) fills what the manifest leaves out. An outlet is never invented: with
none known the article is labelled ``Unknown outlet`` (with the outlets it cites, if any).

Errors are ``bot.errors.InputError`` with one line naming the file and the problem.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from summarizer import UNKNOWN_OUTLET, Article
from summarizer.clean import clean_article, parse_date

from .errors import InputError

_log = logging.getLogger(__name__)

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "ExtractedPage",
    "extract_html",
    "extraction_options",
    "load_articles",
    "load_path",
    "seeds_dir",
    "load_seeds",
    "outlet_label",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
#: Files above this size are refused: no news article is this long, and reading one would stall.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MANIFEST = "sources.toml"


def seeds_dir() -> Path:
    """The bundled seed articles (``seeds/`` of the checkout or of the installed package)."""
    here = Path(__file__).resolve().parent.parent / "seeds"
    if here.is_dir():
        return here
    spec = importlib.util.find_spec("newsbrief_seeds")
    for location in getattr(spec, "submodule_search_locations", None) or ():
        if Path(location).is_dir():
            return Path(location)
    raise InputError("the bundled seed articles are missing from this installation")


def load_seeds() -> list[Article]:
    return load_path(seeds_dir())


def outlet_label(outlet: str | None, cites: Iterable[str] = ()) -> str:
    """The label shown for an article's publisher; never invents one."""
    if outlet and outlet.strip():
        return outlet.strip()
    cited = [c for c in cites if c]
    return f"{UNKNOWN_OUTLET} (citing {', '.join(cited)})" if cited else UNKNOWN_OUTLET


def load_articles(
    sources: Iterable[str | os.PathLike[str]],
    *,
    origins: dict[str, Path] | None = None,
    skipped: list[str] | None = None,
) -> list[Article]:
    """Load every article from files and folders, in order, without duplicates of an id.

    ``origins``, when given, is filled with each article's file (by article id), so that a later
    problem with an article can name its file. ``skipped``, when given, collects the folder
    files that were skipped (one line each) instead of logging a warning for each."""
    articles: list[Article] = []
    seen: set[str] = set()
    for source in sources:
        for article in load_path(Path(source), origins=origins, skipped=skipped):
            if article.id in seen:
                _log.info("skipping a second article with id %s", article.id)
                continue
            seen.add(article.id)
            articles.append(article)
    return articles


def load_path(path: Path, *, origins: dict[str, Path] | None = None, skipped: list[str] | None = None) -> list[Article]:
    """Articles from one file or folder. Raises InputError when nothing usable is there.

    In a folder, a file that cannot be used is named in one warning and skipped, provided some
    other file gives an article; otherwise the folder is one error (naming the first problem)."""
    try:
        if path.is_dir():
            return _load_folder(path, origins, skipped)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        manifest = _read_manifest(path.parent)
        articles = list(_load_file(path, manifest))
        if origins is not None:
            origins.update((a.id, path) for a in articles)
        return articles
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def _load_folder(folder: Path, origins: dict[str, Path] | None, skipped: list[str] | None) -> list[Article]:
    try:
        # rglob skips folders it may not read without a word: open the top one ourselves so that
        # an unreadable folder is reported as such, not as a folder with no articles.
        with os.scandir(folder):
            pass
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.suffix.lower() in ARTICLE_SUFFIXES and not _is_project_file(p) and p.is_file()
        )
    except PermissionError:
        raise InputError(f"{folder}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{folder}: cannot read folder ({exc.strerror or exc})") from None
    if not files:
        raise InputError(f"{folder}: no article files ({' '.join(ARTICLE_SUFFIXES)}) in this folder")
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}
    articles: list[Article] = []
    problems: list[str] = []
    for file in files:
        if file.parent not in manifests:
            manifests[file.parent] = _read_manifest(file.parent)
        try:
            found = list(_load_file(file, manifests[file.parent]))
        except InputError as exc:
            problems.append(str(exc))
            continue
        articles.extend(found)
        if origins is not None:
            origins.update((a.id, file) for a in found)
    if not articles:
        detail = f": {problems[0]}" if len(problems) == 1 else f" ({len(problems)} files could not be used; first: {problems[0]})"
        raise InputError(f"{folder}: no usable articles{detail}")
    # Some files are good: each bad one is named once and skipped; the rest are still briefed.
    if skipped is not None:
        skipped.extend(problems)
    else:
        for problem in problems:
            _log.warning("skipped %s", problem)
    return articles


_PROJECT_FILES = ("readme", "changelog", "license", "licence", "contributing", "notes")


def _is_project_file(path: Path) -> bool:
    """README.md, LICENSE.txt and the like sit in article folders but are not articles."""
    return path.stem.lower().startswith(_PROJECT_FILES) or path.name.startswith(".")


def _read_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read manifest ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path}: {size / 1_048_576:.1f} MB is too large for an article "
            f"(limit {MAX_ARTICLE_BYTES // 1_048_576} MB)"
        )
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary data, not a text article")
    return _decode(path, data)


def _decode(path: Path, data: bytes) -> str:
    """Text of an article file: UTF-8 (a few invalid bytes replaced, not the whole file read as
    another encoding), else Windows-1252; InputError when it is neither (binary data)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    as_utf8 = data.decode("utf-8-sig", errors="replace")
    bad = as_utf8.count("\ufffd")
    multibyte = sum(1 for ch in as_utf8 if ord(ch) > 127 and ch != "\ufffd")
    # Valid multi-byte sequences outnumbering the broken ones: UTF-8 with a few stray bytes
    # (reading it as cp1252 would turn every "’" into "â€™"). Dropped, not shown as "�".
    if multibyte >= bad:
        return re.sub(r"(?<= )\ufffd+ |\ufffd+", "", as_utf8)
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > len(text) // 100:
        raise InputError(f"{path}: binary data, not a text article") from None
    return text


def _load_file(path: Path, manifest: dict[str, dict[str, Any]]) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(f"{path}: unsupported file type (use {' '.join(ARTICLE_SUFFIXES)})")
    raw = _read_text(path)
    if suffix == ".json":
        yield from _from_json(path, raw, manifest)
        return
    if suffix in (".html", ".htm"):
        page = extract_html(raw)
        if page is None:
            raise InputError(f"{path}: no article text found in the HTML")
        meta = {"title": page.title, "published": page.published, "outlet": page.outlet, "url": page.url}
        raw = page.text
    else:
        meta = {}
        if suffix == ".md":
            raw, md_title = _strip_markdown(raw)
            meta["title"] = md_title
    yield _make_article(path, path.stem, raw, meta, manifest.get(path.stem, {}))


def _make_article(
    path: Path, article_id: str, raw: str, found: dict[str, Any], listed: dict[str, Any]
) -> Article:
    # The title known from the manifest or the file: the body's copy of it is dropped.
    headlines = [t for t in (listed.get("title"), found.get("title")) if isinstance(t, str)]
    cleaned = clean_article(raw, headlines)
    if not any(ch.isalpha() for ch in cleaned.text):
        raise InputError(f"{path}: no article text")
    published = _as_date(listed.get("published")) or _as_date(found.get("published")) or cleaned.published
    return Article(
        id=article_id,
        source=outlet_label(listed.get("outlet") or found.get("outlet"), listed.get("cites", ())),
        text=cleaned.text,
        title=listed.get("title") or found.get("title") or cleaned.title,
        url=listed.get("url") or found.get("url"),
        published=published,
    )


def _as_date(value: Any) -> date | datetime | None:
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str) and value.strip():
        return parse_date(value)
    return None


def _from_json(path: Path, raw: str, manifest: dict[str, dict[str, Any]]) -> Iterator[Article]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    records = data.get("articles", data) if isinstance(data, dict) else data
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list) or not records:
        raise InputError(f"{path}: expected an article object or a list of them")
    for n, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError(f"{path}: item {n + 1} is not an article object")
        text = next((record[k] for k in ("text", "content", "body") if isinstance(record.get(k), str)), None)
        if not text or not text.strip():
            raise InputError(f"{path}: item {n + 1} has no \"text\"")
        article_id = str(record.get("id") or (path.stem if len(records) == 1 else f"{path.stem}_{n + 1}"))
        found = {
            "title": record.get("title"),
            "url": record.get("url"),
            "published": record.get("published") or record.get("date"),
            "outlet": record.get("outlet") or record.get("source"),
        }
        yield _make_article(path, article_id, text, found, manifest.get(article_id, {}))


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# A line set wholly in emphasis: "*Photo caption.*", "_By Jane Doe_".
_MD_EMPHASIS_LINE = re.compile(r"^\s*(\*{1,2}|_{1,2})(?=\S).*\S\1\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def _strip_markdown(text: str) -> tuple[str, str | None]:
    """Plain text of a Markdown article and its first heading (the title).

    Images are dropped (their alt text is not article text), and so is a line set wholly in
    emphasis right under an image: that is the image's caption.
    """
    title = None
    out: list[str] = []
    in_fence = False
    after_image = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if _MD_IMAGE.search(line):
            line = _MD_IMAGE.sub("", line)
            after_image = not line.strip()
            if after_image:
                continue
        elif after_image and line.strip():
            after_image = False
            if _MD_EMPHASIS_LINE.match(line):
                continue
        if m := _MD_HEADING.match(line):
            if title is None:
                title = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", m[1]))
                continue
            line = m[1]
        line = re.sub(r"^\s{0,3}(?:>|[-*+]\s|\d+\.\s)\s*", "", line)
        if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):
            continue
        out.append(_MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line)))
    return "\n".join(out), title


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


def extraction_options() -> dict[str, object]:
    """How newsbrief asks trafilatura for an article (also read by bench/extract_modes.py)."""
    from trafilatura.settings import set_date_params

    return {
        "with_metadata": True,
        "include_comments": False,
        "include_tables": False,
        "favor_precision": True,
        # The date from the page's metadata and URL only: the extensive search reads any year
        # in the text, and "(c) 2026 Wire Services" is not a publication date.
        "date_extraction_params": set_date_params(extensive=False),
    }


def extract_html(html: str | bytes, url: str | None = None) -> ExtractedPage | None:
    """Main text and metadata of an article page (navigation, ads and footers dropped).

    Uses trafilatura (imported on first use: it costs ~0.2 s). Returns None when the page holds
    no article text.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, **extraction_options())
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    title = get("title") or None
    body = get("body")
    text = _body_text(body, title) if body is not None else (get("text") or "").replace("\n", "\n\n")
    if not text.strip():
        return None
    return ExtractedPage(
        text=text,
        title=title,
        published=parse_date(get("date") or "") if get("date") else None,
        outlet=get("sitename") or None,
        url=get("url") or url,
    )


# Line breaks inside one block of trafilatura's body tree.
_LINE_BREAK_TAGS = frozenset({"lb", "br"})


def _body_text(body: Any, title: str | None) -> str:
    """The article text from trafilatura's body tree, one paragraph per block, headline dropped.

    trafilatura's plain ``text`` puts one newline between blocks, so a headline too long to look
    like one is read as a hard-wrapped sentence and glued to the first paragraph. Walking the tree
    keeps every block apart, and a heading above the story's first sentence that repeats the page
    title is the headline, which is metadata, not text. (A kicker such as "Business" may stand
    above it; ``clean_article`` drops that.)
    """
    blocks: list[tuple[str, str]] = []
    for element in body:
        if element.tag == "list":
            blocks.extend(("item", _element_text(item)) for item in element)
        else:
            blocks.append((str(element.tag), _element_text(element)))
    folded_title = _fold_title(title or "")
    paragraphs: list[str] = []
    in_story = False
    for tag, text in blocks:
        if not text.strip():
            continue
        if tag == "head" and not in_story and folded_title:
            folded = _fold_title(text)
            shorter, longer = sorted((folded, folded_title), key=len)
            if folded and (longer == shorter or longer.startswith(shorter + " ")):
                continue  # the headline, or the title with the site's name after it
        in_story = in_story or (tag != "head" and text.rstrip().endswith((".", "!", "?", '"', "”", "’")))
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _element_text(element: Any) -> str:
    """Text of one block: inline markup flattened, line breaks kept as newlines."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag in _LINE_BREAK_TAGS:
            parts.append("\n")
        else:
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def _fold_title(text: str) -> str:
    """A title compared loosely: case, quotes, punctuation and spacing ignored."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold().replace("’", "").replace("'", "")))
