"""Stories over time: articles join the story they belong to, and each story's brief is cached.

New articles are filed one at a time, oldest first, with ``summarizer.cluster.StoryIndex``: the
index holds the stories that changed within the time window (``stories.window_hours``) before
the newest arrival, and an article joins the story its text is most similar to (the clustering's
own criterion) if that story was updated within the window before the article arrived; else it
starts a new story, which later arrivals of the same batch can join. The index is rebuilt from
the store on each update (cheap next to briefing, and always in step with what another process
may have stored). Stories are never merged or split after the fact: a digest already posted a
story under its id, and follow-ups must reply to it.

A story's ``membership`` is a hash of its article ids. Its brief is rebuilt only when the
membership differs from the one the cached brief was built from. Wire reprints (``wire_of``) are
members of the story but are left out of the brief and of the index: a report reprinted by five
outlets is one report, not five agreeing sources.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from summarizer import Brief
from summarizer.model import BriefItem, Difference, FigureValue, Source

from .config import StorySettings
from .store import Store, StoredArticle, StoryRow

_log = logging.getLogger(__name__)

__all__ = ["StoryTracker", "brief_to_json", "brief_from_json", "membership_hash"]

#: Bumped whenever the cached brief format or the summarizer's output changes meaningfully.
BRIEF_CACHE_VERSION = "1"


def membership_hash(article_ids: Sequence[str]) -> str:
    digest = hashlib.sha256(BRIEF_CACHE_VERSION.encode())
    for article_id in sorted(article_ids):
        digest.update(b"\0" + article_id.encode())
    return digest.hexdigest()[:24]


def _story_id(first_article: str) -> str:
    return "st_" + hashlib.sha1(first_article.encode()).hexdigest()[:12]


class StoryTracker:
    """Assigns stored articles to stories and keeps each story's brief current."""

    def __init__(self, store: Store, settings: StorySettings, clock: Callable[[], datetime]):
        self._store = store
        self._settings = settings
        self._clock = clock

    def update(self) -> list[str]:
        """Put every unassigned article into a story. Returns the ids of stories that changed."""
        from summarizer.cluster import StoryIndex

        new = self._store.articles(unassigned=True)
        if not new:
            return []
        window = timedelta(hours=self._settings.window_hours)
        newest = max(a.first_seen for a in new)
        open_stories = {s.id: s for s in self._store.stories(updated_since=newest - window)}
        members: dict[str, list[StoredArticle]] = {}
        for story_id in open_stories:
            members[story_id] = self._store.articles(story_id=story_id)
        by_id = {a.id: a for group in members.values() for a in group}
        by_id.update({a.id: a for a in new})
        story_of = {a.id: a.story_id for group in members.values() for a in group}

        # Only originals are indexed; wire reprints follow their original below.
        story_ids = list(open_stories)
        index = StoryIndex([[a.to_article() for a in members[sid] if not a.wire_of] for sid in story_ids])
        updated = [open_stories[sid].updated for sid in story_ids]
        assignments: dict[str, str] = {}
        for article in sorted(new, key=lambda a: (a.first_seen, a.id)):
            if article.wire_of and article.wire_of in by_id:
                continue
            candidate = article.to_article()
            match = index.assign(candidate)
            if match is not None and updated[match] >= article.first_seen - window:
                position = index.add(candidate)
            else:  # unrelated, or its story has gone quiet for longer than the window
                position = index.add_story([candidate])
            if position == len(story_ids):
                story_ids.append(_story_id(article.id))
                updated.append(article.first_seen)
            story_id = story_ids[position]
            updated[position] = max(updated[position], article.first_seen)
            assignments[article.id] = story_id
            story_of[article.id] = story_id
        # Reprints join the story of the report they reprint (wherever that is).
        for article in new:
            if article.wire_of and article.id not in assignments:
                original = story_of.get(article.wire_of) or assignments.get(article.wire_of)
                if original is None:
                    rows = self._store.articles(ids=[article.wire_of])
                    original = rows[0].story_id if rows else None
                assignments[article.id] = original or _story_id(article.id)
        # Anything the clustering left out is a story of its own rather than lost.
        for article in new:
            if article.id not in assignments:
                assignments[article.id] = _story_id(article.id)

        changed = sorted(set(assignments.values()))
        rows = []
        for story_id in changed:
            group = [a for a in members.get(story_id, []) if a.id not in assignments]
            group += [by_id[a] for a, s in assignments.items() if s == story_id]
            if story_id not in open_stories:
                known = self._store.story(story_id)
                if known is not None:  # a closed story that got a late reprint
                    group = self._store.articles(story_id=story_id) + [by_id[a] for a, s in assignments.items() if s == story_id]
            rows.append(self._row(story_id, group, open_stories.get(story_id) or self._store.story(story_id)))
        self._store.assign(assignments, rows)
        _log.info("%d new articles: %d stories changed", len(new), len(changed))
        return changed

    @staticmethod
    def _row(story_id: str, group: list[StoredArticle], previous: StoryRow | None) -> StoryRow:
        unique = {a.id: a for a in group}
        group = sorted(unique.values(), key=lambda a: (a.first_seen, a.id))
        originals = [a for a in group if not a.wire_of]
        lead = max(originals or group, key=lambda a: (len(a.text), a.id)) if not previous else None
        title = previous.title if previous else (lead.title if lead and lead.title else _first_words(lead.text if lead else ""))
        return StoryRow(
            id=story_id,
            title=title,
            created=previous.created if previous else group[0].first_seen,
            updated=group[-1].first_seen,
            size=len(group),
            outlets=len({a.outlet for a in originals}) or 1,
            membership=membership_hash(list(unique)),
        )

    def members(self, story_id: str) -> list[StoredArticle]:
        return self._store.articles(story_id=story_id)

    def brief(self, story: StoryRow) -> Brief:
        """The story's brief: from the cache while its membership is unchanged, else rebuilt."""
        if story.brief_json and story.brief_membership == story.membership:
            try:
                return brief_from_json(story.brief_json)
            except (KeyError, TypeError, ValueError) as exc:
                _log.warning("cached brief of %s unreadable (%s): rebuilding", story.id, exc)
        from summarizer import build_brief

        members = self.members(story.id)
        originals = [a.to_article() for a in members if not a.wire_of] or [a.to_article() for a in members]
        brief = build_brief(originals)
        brief = replace(brief, id=story.id, title=brief.title or story.title)
        self._store.save_brief(story.id, story.membership, brief_to_json(brief))
        return brief

    def brief_or_none(self, story: StoryRow) -> Brief | None:
        """The story's brief, or None (logged) when it has no text to summarize.

        A story made only of captions or bylines must not fail a whole /brief or digest: callers
        skip it and the next story takes its place.
        """
        from summarizer.errors import SummarizerError

        try:
            return self.brief(story)
        except SummarizerError as exc:
            _log.warning("story %s skipped: %s", story.id, exc)
            return None

    def reprints(self, story_id: str) -> dict[str, list[str]]:
        """Outlets that reprinted each original article of a story (wire copy)."""
        out: dict[str, list[str]] = {}
        for article in self.members(story_id):
            if article.wire_of:
                out.setdefault(article.wire_of, []).append(article.outlet)
        return out


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


# ---------------------------------------------------------------------------------------------
# brief cache codec (every field, unlike Brief.to_dict which is the public JSON shape)


def _date_out(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_in(value: str | None) -> date | datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def brief_to_json(brief: Brief) -> str:
    def source(s: Source) -> dict[str, Any]:
        return {"id": s.id, "outlet": s.outlet, "title": s.title, "url": s.url, "published": _date_out(s.published)}

    def difference(d: Difference) -> dict[str, Any]:
        return {
            "kind": d.kind,
            "text": d.text,
            "sources": list(d.sources),
            "quote": d.quote,
            "subject": d.subject,
            "values": [{"value": v.value, "sources": list(v.sources), "quote": v.quote} for v in d.values],
        }

    return json.dumps(
        {
            "id": brief.id,
            "title": brief.title,
            "sources": [source(s) for s in brief.sources],
            "summary": [{"text": i.text, "sources": list(i.sources)} for i in brief.summary],
            "differences": [difference(d) for d in brief.differences],
        },
        ensure_ascii=False,
    )


def brief_from_json(text: str) -> Brief:
    data = json.loads(text)
    return Brief(
        id=data["id"],
        title=data["title"],
        sources=tuple(
            Source(s["id"], s["outlet"], s.get("title"), s.get("url"), _date_in(s.get("published"))) for s in data["sources"]
        ),
        summary=tuple(BriefItem(i["text"], tuple(i["sources"])) for i in data["summary"]),
        differences=tuple(
            Difference(
                kind=d["kind"],
                text=d["text"],
                sources=tuple(d["sources"]),
                quote=d.get("quote"),
                subject=d.get("subject"),
                values=tuple(FigureValue(v["value"], tuple(v["sources"]), v.get("quote")) for v in d.get("values", [])),
            )
            for d in data["differences"]
        ),
    )

