"""Loading articles from real files and folders; bad input gives one clear InputError."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from bot.errors import InputError
from bot.loaders import (
    MAX_ARTICLE_BYTES,
    extract_html,
    load_articles,
    load_path,
    load_seeds,
    outlet_label,
    seeds_dir,
)
from summarizer import UNKNOWN_OUTLET

BODY = "The city council approved a new budget on Tuesday. The vote was 7 to 2, officials said."


def test_seeds_load_with_manifest_outlets(seed_articles):
    assert len(seed_articles) == 5
    assert all(a.id == a.id.strip() and len(a.text) > 1000 for a in seed_articles)
    by_id = {a.id: a for a in seed_articles}
    assert by_id["003_a6195c33dad1631a"].source == "Newsmax"
    # Publishers the text does not name are never invented.
    unknown = [a for a in seed_articles if a.source.startswith(UNKNOWN_OUTLET)]
    assert len(unknown) == 4
    assert by_id["004_8d713394314b63f4"].published == date(2025, 5, 15)


def test_outlet_label_never_invents():
    assert outlet_label(None) == UNKNOWN_OUTLET
    assert outlet_label("", ["The Hill"]) == f"{UNKNOWN_OUTLET} (citing The Hill)"
    assert outlet_label("Reuters", ["AP"]) == "Reuters"


def test_txt_md_html_json_in_one_folder(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.md").write_text("# Council passes budget\n\nThe **council** approved a [budget](http://x) on Tuesday.\n")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Budget passes</title><meta property='og:site_name' content='Metro Wire'></head>"
        "<body><nav>Home | News | Sports</nav><article><h1>Budget passes</h1><p>" + BODY + "</p>"
        "<p>The mayor praised the vote, calling it a victory for residents across the whole city.</p></article>"
        "<footer>© 2025 Metro Wire. All rights reserved.</footer></body></html>"
    )
    (tmp_path / "d.json").write_text(
        json.dumps({"title": "Budget", "text": BODY, "url": "https://example.org/b", "published": "2025-03-02", "source": "Daily"})
    )
    (tmp_path / "notes.csv").write_text("ignored")
    articles = {a.id: a for a in load_path(tmp_path)}
    assert set(articles) == {"a", "b", "c", "d"}
    assert articles["b"].title == "Council passes budget"
    assert "**" not in articles["b"].text and "](" not in articles["b"].text
    assert articles["c"].source == "Metro Wire"
    assert "Home | News" not in articles["c"].text and "All rights reserved" not in articles["c"].text
    assert articles["d"].source == "Daily" and articles["d"].published == date(2025, 3, 2)
    assert articles["d"].url == "https://example.org/b"


def test_json_list_of_articles(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "x1", "text": BODY}, {"id": "x2", "content": BODY, "outlet": "Wire"}]))
    assert [(a.id, a.source) for a in load_path(path)] == [("x1", UNKNOWN_OUTLET), ("x2", "Wire")]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("bad.json", b"{not json", "not valid JSON"),
        ("notext.json", b'{"title": "x"}', "no \"text\""),
        ("noise.txt", "— … — ?!".encode(), "no article text"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_path(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value) and name in str(info.value)


def test_huge_file_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_ARTICLE_BYTES * 4)  # sparse: 20 MB
    with pytest.raises(InputError, match="too large"):
        load_path(path)


def test_folder_skips_bad_files_but_keeps_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "empty.txt").write_text("")
    assert [a.id for a in load_path(tmp_path)] == ["good"]


def test_folder_with_nothing_usable(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match="no usable articles"):
        load_path(tmp_path)
    with pytest.raises(InputError, match="no article files"):
        load_path(_empty_dir(tmp_path))


def _empty_dir(tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    return folder


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_folder(tmp_path):
    d = tmp_path / "locked"
    d.mkdir()
    (d / "a.txt").write_text(BODY)
    d.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            load_path(d)
    finally:
        d.chmod(0o755)


def test_missing_path():
    with pytest.raises(InputError, match="no such file"):
        load_articles(["/definitely/not/here"])


def test_bad_manifest_is_named(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sources.toml").write_text("[a\noutlet=")
    with pytest.raises(InputError, match="sources.toml: not valid TOML"):
        load_path(tmp_path)


def test_load_seeds_is_the_seeds_folder():
    assert sorted(a.id for a in load_seeds()) == sorted(p.stem for p in seeds_dir().glob("*.txt"))


def test_readme_and_license_files_are_not_articles(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "README.md").write_text("# About this folder\n\nThese are test articles for the project.")
    (tmp_path / "LICENSE.txt").write_text("Permission is hereby granted, free of charge, to any person.")
    assert [a.id for a in load_path(tmp_path)] == ["a"]


def test_eval_stories_load_with_their_manifests():
    stories = Path(__file__).parent / "data" / "stories"
    articles = load_path(stories)
    assert len({a.id for a in articles}) == len(articles) >= 15
    assert all(a.source != UNKNOWN_OUTLET for a in articles)
    assert not any("All rights reserved" in a.text for a in articles)


def test_unreadable_folder_as_a_real_user():
    """As a user who may not read the folder: one clear line from the CLI, exit 1."""
    import shutil
    import subprocess
    import sys
    import tempfile

    from conftest import unprivileged_prefix

    prefix = unprivileged_prefix()
    home = Path(tempfile.mkdtemp(prefix="nb-perm-"))
    try:
        home.chmod(0o755)
        locked = home / "locked"
        locked.mkdir()
        (locked / "a.txt").write_text(BODY)
        locked.chmod(0o700)  # owned by root: nobody may not enter it
        result = subprocess.run(
            [*prefix, str(Path(sys.executable).with_name("newsbrief")), "brief", str(locked)],
            capture_output=True, text=True, timeout=60, cwd=home,
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip() == f"newsbrief: {locked}: permission denied"
    finally:
        shutil.rmtree(home, ignore_errors=True)


LONG_HEADLINE = "Harbour board picks rival port's chief as director; dockers want a pledge"
LEAD = "The Harbour Board has hired the operations chief of a rival port to run the docks after a rough year."


def test_html_headline_inside_article_is_metadata_not_text(tmp_path):
    """A long <h1> straight inside <article> must neither stay in the body nor glue to the lead."""
    html = (
        f"<html><head><title>{LONG_HEADLINE}</title></head><body><nav>Home | Ports</nav>"
        "<div class='paywall'>You have 3 free articles left this month. <a href='/s'>Subscribe</a></div>"
        f"<main><article><p class='kicker'>Business</p><h1>{LONG_HEADLINE}</h1>"
        "<p class='byline'>By Jane Doe, Port Reporter</p>"
        "<figure><img src='/a.jpg' alt='Cranes'><figcaption>Cranes at the east quay in May. "
        "(Photo: Tom Roe / The Harbour Times)</figcaption></figure>"
        f"<p>{LEAD}</p><h2>What the union says</h2>"
        "<p>The dockers' union said it wanted a written pledge on jobs before the new director starts in June.</p>"
        "<p>The board said the choice was unanimous and that the new director would start on June 2.</p>"
        "<p>Related: <a href='/r'>Harbour board in crisis talks</a></p></article></main>"
        "<footer>© 2025 The Harbour Times</footer></body></html>"
    )
    # The extractor alone (as feeds use it, with no title passed on) already leaves the headline out.
    page = extract_html(html)
    assert page is not None and page.title == LONG_HEADLINE and LONG_HEADLINE not in page.text
    (tmp_path / "page.html").write_text(html)
    [article] = load_path(tmp_path / "page.html")
    assert article.title == LONG_HEADLINE
    assert article.text.startswith(LEAD)
    assert "dockers want a pledge" not in article.text
    for junk in ("Related:", "Photo:", "Jane Doe", "free articles", "©"):
        assert junk not in article.text
    # A subheading is its own paragraph, never glued to the sentence after it.
    assert "What the union says\n\nThe dockers' union" in article.text


def test_markdown_image_caption_byline_related_and_promo(tmp_path):
    (tmp_path / "story.md").write_text(
        "# Harbour board picks a new director\n\n"
        "**The Harbour Times** | Ports | March 3, 2025\n\n"
        "*By Jane Doe, Port Reporter*\n\n"
        "![Cranes at the east quay](https://example.org/cranes.jpg)\n"
        "*Cranes at the east quay in May.*\n\n"
        f"{LEAD}\n\n"
        "The dockers' union said it wanted a written pledge on jobs.\n\n"
        "Related: [Harbour board in crisis talks](https://example.org/r)\n\n"
        "*Harbour Weekly: the best of our port coverage every Tuesday. Subscribe free.*\n"
    )
    [article] = load_path(tmp_path / "story.md")
    assert article.title == "Harbour board picks a new director"
    assert article.published == date(2025, 3, 3)
    assert article.text == f"{LEAD}\n\nThe dockers' union said it wanted a written pledge on jobs."


def test_txt_headline_byline_photo_credit_and_related(tmp_path):
    (tmp_path / "tabloid.txt").write_text(
        "DOCK SHOCK! Rival boss takes over harbour after ELEVEN months of chaos\n\n"
        "By Sam Lee, Industry Reporter\n\n"
        f"{LEAD}\n\n"
        "The dockers' union said it wanted a written pledge on jobs.\n\n"
        "Photo: Harbour Pictures / Ann Cole\n\n"
        "Related: Crane driver's secret poetry revealed - see page 9\n\n"
        "Get the best business stories straight to your inbox - sign up to the Dock Bulletin today!\n"
    )
    [article] = load_path(tmp_path / "tabloid.txt")
    assert article.text == f"{LEAD}\n\nThe dockers' union said it wanted a written pledge on jobs."
    assert article.title.startswith("DOCK SHOCK!")


def test_json_text_repeating_its_title(tmp_path):
    path = tmp_path / "item.json"
    for text in (f"{LONG_HEADLINE}\n{LEAD}", f"{LONG_HEADLINE} {LEAD}"):  # on its own line, or glued on
        path.write_text(json.dumps({"title": LONG_HEADLINE, "text": f"{text}\n\nMore to come, the board said."}))
        [article] = load_path(path)
        assert article.text == f"{LEAD}\n\nMore to come, the board said."


def test_eval_stories_carry_no_headline_byline_caption_or_link_lines():
    stories = Path(__file__).parent / "data" / "stories"
    for article in load_path(stories):
        paragraphs = article.text.split("\n\n")
        assert article.title and not article.text.startswith(article.title), article.id
        for paragraph in paragraphs:
            assert not paragraph.startswith(("Related:", "Photo:", "By ")), (article.id, paragraph)
            assert "Photograph:" not in paragraph and "Subscribe free" not in paragraph, (article.id, paragraph)


def test_a_copyright_year_is_not_a_publication_date_but_the_pages_own_date_is():
    body = f"<p>{BODY} The mayor said the plan was fair to every district of the city.</p><p>(c) 2026 Wire Services</p>"
    page = extract_html(f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1>{body}</article></body></html>")
    assert page is not None and page.published is None
    dated = extract_html(
        '<html><head><title>Budget</title><meta property="article:published_time" content="2025-03-02T10:00:00Z">'
        f"</head><body><article><h1>Budget</h1>{body}</article></body></html>"
    )
    assert dated is not None and dated.published == date(2025, 3, 2)


def test_utf8_with_a_stray_invalid_byte_is_read_as_utf8_not_as_mojibake(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Council’s vote \udcff on the bridge\n\n".encode("utf-8", "surrogateescape") + f"{BODY} The mayor’s office agreed.".encode())
    [article] = load_path(path)
    assert article.title == "Council’s vote on the bridge"
    assert "mayor’s office" in article.text and "â€" not in article.text + article.title
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\xe9 owners protest\n\n".encode("latin-1") + BODY.encode())
    [old] = load_path(legacy)
    assert old.title == "Café owners protest"  # a Windows-1252 file is still read as one


def test_a_folders_bad_files_are_collected_for_one_warning_each_and_a_lone_bad_folder_is_one_error(tmp_path):
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    skipped: list[str] = []
    origins: dict[str, Path] = {}
    assert [a.id for a in load_articles([tmp_path], skipped=skipped, origins=origins)] == ["good"]
    assert sorted(skipped) == [f"{tmp_path / 'binary.txt'}: binary data, not a text article", f"{tmp_path / 'empty.txt'}: the file is empty"]
    assert origins == {"good": tmp_path / "good.txt"}
