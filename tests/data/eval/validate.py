"""Self-check of the evaluation corpus: every annotation must be backed by the text it cites.

Annotations are only useful if they are right: a benchmark that rewards citing a source which
does not say the thing teaches the code to mis-cite. This script loads the stories, the seeds,
``brief_facts.jsonl`` and ``questions.jsonl`` and checks, with the standard library only:

- every story folder's ``sources.toml`` lists exactly its article files, with outlet, title, date;
- every id an annotation names exists in that story;
- every source of a core fact or exclusive has one sentence holding all the fact's keywords;
- every printed value of a conflict, and every framing word, occurs in each source listed for it;
- every answerable question's sources each contain one of its accepted answers (compared after
  number normalisation: "20,000" = "20000", "5 per cent" = "5%"), every variant occurs in its sources;
- unanswerable questions have no answers or sources, and their ``absent`` strings occur nowhere in
  the story;
- a follow-up's ``context`` (the earlier questions of the same chat, oldest first) is a list of
  non-empty strings;
- the counts the brief asks for (questions per story, unanswerable questions, question types).

Run: ``python tests/data/eval/validate.py`` (exit status 1 on any error). ``--warn`` also lists
articles that contain an accepted answer without being listed as a source: a hint, not an error,
since a number can occur in a sentence about something else.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parent
DATA_DIR = EVAL_DIR.parent
STORIES_DIR = DATA_DIR / "stories"
SEEDS_DIR = DATA_DIR.parent.parent / "seeds"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".json")
QUESTION_TYPES = frozenset({"number", "person", "org", "date", "place", "what", "why", "unanswerable"})
MIN_QUESTIONS = {"seeds": 25, "_other": 12}
MIN_TOTAL_QUESTIONS = 80
MIN_UNANSWERABLE = 15

# Abbreviations whose period does not end a sentence (enough for this corpus).
_ABBREVIATIONS = (
    "u.s.", "sen.", "gov.", "calif.", "ore.", "sept.", "oct.", "nov.", "dec.", "inc.", "p.m.", "a.m.", "dr.", "st.",
    "d.c.", "v.", "mr.", "ms.",
)
_ABBREVIATION_RE = re.compile(r"(?<![a-z.])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")")


@dataclass(frozen=True)
class Story:
    """One story: its article texts (normalised for matching) by article id."""

    slug: str
    texts: dict[str, str]


class _ArticleText(HTMLParser):
    """Body paragraphs of a page's ``<article>``: no headline, byline, share links or scripts.

    Citations must point at sentences of the story itself, so only ``<p>`` text inside
    ``<article>`` counts (paragraphs classed ``kicker`` or ``byline`` are page furniture).
    """

    _FURNITURE = frozenset({"kicker", "byline"})

    def __init__(self) -> None:
        super().__init__()
        self.article_depth = 0
        self.in_paragraph = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.article_depth += 1
        elif tag == "p" and self.article_depth:
            classes = set((dict(attrs).get("class") or "").split())
            self.in_paragraph = not (classes & self._FURNITURE)
            if self.in_paragraph:
                self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article_depth -= 1
        elif tag == "p":
            self.in_paragraph = False

    def handle_data(self, data: str) -> None:
        if self.article_depth and self.in_paragraph:
            self.parts.append(data)


def normalize(text: str) -> str:
    """Lower-case text with plain quotes, no hard line breaks and numbers without thousands commas.

    The same function is applied to article text and to annotations, so "20,000" matches
    "20000", "5 per cent" matches "5%", and a quote with curly marks matches one with straight ones.
    """
    text = text.replace("\u00a0", " ")
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2014", "-"), ("\u2013", "-")):
        text = text.replace(curly, plain)
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    text = re.sub(r"\s*(?:per ?cent|percent)\b", "%", text)
    return text


def sentences(normalized: str) -> list[str]:
    """Rough sentence chunks of normalised text; glued sentences stay together (harmless here)."""
    protected = _ABBREVIATION_RE.sub(lambda m: m.group(0).replace(".", "\u2024"), normalized)
    chunks = re.split(r'(?<=[.!?])["\')]?\s+', protected)
    return [c.replace("\u2024", ".") for c in chunks if c.strip()]


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def markdown_text(raw: str) -> str:
    """Plain text of a Markdown article: no title heading, images, link targets or emphasis marks.

    The first ``#`` heading is the title (metadata, not a sentence a brief may cite); without this
    a title with no final period would run into the first paragraph and hold its keywords.
    """
    out: list[str] = []
    titled = False
    for line in raw.splitlines():
        heading = re.match(r"\s{0,3}#{1,6}\s+(.*)", line)
        if heading and not titled:
            titled = True
            continue
        line = heading[1] if heading else line
        line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
        out.append(_MD_EMPHASIS.sub(r"\2", line))
    return "\n".join(out)


def read_article(path: Path) -> str:
    """Plain article text of a .txt/.md/.json/.html file."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return str(json.loads(raw)["text"])
    if path.suffix == ".html":
        parser = _ArticleText()
        parser.feed(raw)
        return "".join(parser.parts)
    if path.suffix == ".md":
        return markdown_text(raw)
    return raw


def load_story(folder: Path, errors: list[str]) -> Story:
    """Read a story folder and check its manifest against its files."""
    files = sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES and p.stem.lower() != "readme")
    texts = {p.stem: normalize(read_article(p)) for p in files}
    manifest_path = folder / "sources.toml"
    manifest: dict[str, Any] = tomllib.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    if folder != SEEDS_DIR:
        if set(manifest) != set(texts):
            errors.append(f"{folder.name}/sources.toml: ids {sorted(set(manifest) ^ set(texts))} do not match the files")
        for aid, entry in manifest.items():
            for key in ("outlet", "title", "published"):
                if key not in entry:
                    errors.append(f"{folder.name}/sources.toml [{aid}]: no {key}")
            if "published" in entry and not isinstance(entry["published"], date):
                errors.append(f"{folder.name}/sources.toml [{aid}]: published is not a TOML date")
    slug = "seeds" if folder == SEEDS_DIR else folder.name
    return Story(slug=slug, texts=texts)


def load_jsonl(path: Path, errors: list[str]) -> list[dict[str, Any]]:
    """Records of a JSON-lines file; a bad line is an error, not a crash."""
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{n}: not JSON ({exc})")
    return records


def contains(text: str, needle: str) -> bool:
    """Whether normalised ``text`` holds normalised ``needle`` as a whole number and word start.

    Plain substring tests would let "2,000" match "20,000" and "14" match "2014"; a needle may
    still end inside a word ("deactivat" matches "deactivate"), as keywords are lemma-ish prefixes.
    """
    needle = needle.strip()
    if not needle:
        return False
    pattern = re.escape(needle)
    if needle[0].isalnum():
        pattern = r"(?<![a-z0-9])" + pattern
    if needle[-1].isdigit():
        pattern += r"(?![0-9]|\.[0-9])"
    return re.search(pattern, text) is not None


def _has_sentence_with(text: str, keywords: list[str]) -> bool:
    wanted = [normalize(k) for k in keywords]
    return any(all(contains(s, k) for k in wanted) for s in sentences(text))


def check_ids(where: str, ids: list[str], story: Story, errors: list[str]) -> list[str]:
    """The ids that exist; unknown ones are reported."""
    known = [i for i in ids if i in story.texts]
    for i in ids:
        if i not in story.texts:
            errors.append(f"{where}: unknown article id {i!r} in story {story.slug!r}")
    return known


def check_brief_facts(records: list[dict[str, Any]], stories: dict[str, Story], errors: list[str]) -> Counter[str]:
    """Keywords, values and framing words must occur in every source listed for them."""
    counts: Counter[str] = Counter()
    seen = set()
    for rec in records:
        slug = rec.get("story")
        if slug not in stories:
            errors.append(f"brief_facts: unknown story {slug!r}")
            continue
        seen.add(slug)
        story = stories[slug]
        for kind in ("core_facts", "exclusives"):
            for item in rec.get(kind, []):
                where = f"brief_facts {slug} {kind} {item.get('fact', '?')!r}"
                keywords = item.get("keywords") or []
                if not keywords:
                    errors.append(f"{where}: no keywords")
                if any(k != k.lower() for k in keywords):
                    errors.append(f"{where}: keywords must be lower-case")
                sources = item.get("sources") or []
                if kind == "core_facts" and len(sources) < 2:
                    errors.append(f"{where}: a core fact needs at least 2 sources")
                if kind == "exclusives" and len(sources) > max(1, len(story.texts) // 2):
                    errors.append(f"{where}: an exclusive must be a minority report")
                for aid in check_ids(where, sources, story, errors):
                    if not _has_sentence_with(story.texts[aid], keywords):
                        errors.append(f"{where}: no sentence of {aid} holds all of {keywords}")
                for aid in check_ids(where + " (also)", item.get("also", []), story, errors):
                    if aid in sources:
                        errors.append(f"{where}: {aid} is in both sources and also")
                counts[kind] += 1
        for item in rec.get("conflicts", []):
            where = f"brief_facts {slug} conflict {item.get('quantity', '?')!r}"
            values = item.get("values") or {}
            if len(values) < 2:
                errors.append(f"{where}: a conflict needs at least 2 values")
            for value, ids in values.items():
                for aid in check_ids(where, ids, story, errors):
                    if not contains(story.texts[aid], normalize(value)):
                        errors.append(f"{where}: {value!r} not printed in {aid}")
            counts["conflicts"] += 1
        for item in rec.get("framing", []):
            where = f"brief_facts {slug} framing {item.get('concept', '?')!r}"
            for word, ids in (item.get("variants") or {}).items():
                for aid in check_ids(where, ids, story, errors):
                    if not contains(story.texts[aid], normalize(word)):
                        errors.append(f"{where}: {word!r} not in {aid}")
            counts["framing"] += 1
    for slug in stories:
        if slug not in seen:
            errors.append(f"brief_facts: no line for story {slug!r}")
    return counts


def check_questions(
    records: list[dict[str, Any]], stories: dict[str, Story], errors: list[str], warnings: list[str]
) -> Counter[str]:
    """Every accepted answer must be printed by each source cited for it."""
    counts: Counter[str] = Counter()
    ids = Counter(rec.get("id") for rec in records)
    for qid, n in ids.items():
        if n > 1:
            errors.append(f"questions: id {qid!r} used {n} times")
    for rec in records:
        qid = rec.get("id", "?")
        where = f"questions {qid}"
        if not re.fullmatch(r"q\d{3}", str(qid)):
            errors.append(f"{where}: id must look like q001")
        slug = rec.get("story")
        if slug not in stories:
            errors.append(f"{where}: unknown story {slug!r}")
            continue
        story = stories[slug]
        if not str(rec.get("question", "")).strip():
            errors.append(f"{where}: empty question")
        qtype = rec.get("type")
        if qtype not in QUESTION_TYPES:
            errors.append(f"{where}: type {qtype!r} not one of {sorted(QUESTION_TYPES)}")
        answers = rec.get("answers") or []
        sources = rec.get("sources") or []
        counts[f"story:{slug}"] += 1
        counts[f"type:{qtype}"] += 1
        if "context" in rec:
            context = rec["context"]
            if not isinstance(context, list) or not context or not all(isinstance(c, str) and c.strip() for c in context):
                errors.append(f"{where}: context must be a non-empty list of earlier questions (strings)")
            counts["follow-up"] += 1
        if rec.get("answerable") is True:
            if qtype == "unanswerable":
                errors.append(f"{where}: answerable but typed unanswerable")
            if not answers or not sources:
                errors.append(f"{where}: an answerable question needs answers and sources")
            wanted = [normalize(a) for a in answers]
            for aid in check_ids(where, sources, story, errors):
                if not any(contains(story.texts[aid], a) for a in wanted):
                    errors.append(f"{where}: none of {answers} is printed in {aid}")
            for aid, text in story.texts.items():
                if aid not in sources and any(contains(text, a) for a in wanted):
                    warnings.append(f"{where}: {aid} prints an accepted answer but is not a source")
            for value, vids in (rec.get("variants") or {}).items():
                for aid in check_ids(where + " variants", vids, story, errors):
                    if not contains(story.texts[aid], normalize(value)):
                        errors.append(f"{where}: variant {value!r} not printed in {aid}")
                    if aid not in sources:
                        errors.append(f"{where}: variant source {aid} is not among the sources")
        elif rec.get("answerable") is False:
            counts["unanswerable"] += 1
            if qtype != "unanswerable":
                errors.append(f"{where}: unanswerable questions have type 'unanswerable'")
            if answers or sources or rec.get("variants"):
                errors.append(f"{where}: an unanswerable question has no answers, sources or variants")
            for word in rec.get("absent", []):
                for aid, text in story.texts.items():
                    if contains(text, normalize(word)):
                        errors.append(f"{where}: {word!r} does occur in {aid}")
        else:
            errors.append(f"{where}: answerable must be true or false")
    for slug in stories:
        need = MIN_QUESTIONS.get(slug, MIN_QUESTIONS["_other"])
        if counts[f"story:{slug}"] < need:
            errors.append(f"questions: {counts[f'story:{slug}']} for {slug!r}, want at least {need}")
    if len(records) < MIN_TOTAL_QUESTIONS:
        errors.append(f"questions: {len(records)} in all, want at least {MIN_TOTAL_QUESTIONS}")
    if counts["unanswerable"] < MIN_UNANSWERABLE:
        errors.append(f"questions: {counts['unanswerable']} unanswerable, want at least {MIN_UNANSWERABLE}")
    return counts


def main(argv: list[str] | None = None) -> int:
    """Check everything; print a summary; exit status 1 when an error is found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--warn", action="store_true", help="also list unlisted articles that print an answer")
    args = parser.parse_args(argv)
    errors: list[str] = []
    warnings: list[str] = []
    stories = {"seeds": load_story(SEEDS_DIR, errors)}
    for folder in sorted(p for p in STORIES_DIR.iterdir() if p.is_dir()):
        story = load_story(folder, errors)
        stories[story.slug] = story
    facts = check_brief_facts(load_jsonl(EVAL_DIR / "brief_facts.jsonl", errors), stories, errors)
    questions = load_jsonl(EVAL_DIR / "questions.jsonl", errors)
    qcounts = check_questions(questions, stories, errors, warnings)

    print(f"stories: {len(stories)} ({sum(len(s.texts) for s in stories.values())} articles)")
    for slug, story in stories.items():
        print(f"  {slug}: {len(story.texts)} articles, {qcounts[f'story:{slug}']} questions")
    print(f"brief facts: {facts['core_facts']} core, {facts['exclusives']} exclusives, "
          f"{facts['conflicts']} conflicts, {facts['framing']} framing")
    types = ", ".join(f"{k[5:]} {v}" for k, v in sorted(qcounts.items()) if k.startswith("type:"))
    print(f"questions: {len(questions)} ({qcounts['unanswerable']} unanswerable, {qcounts['follow-up']} follow-ups); types: {types}")
    if args.warn:
        for w in warnings:
            print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}")
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
