"""Structure of the embedded sample corpus in data/sample/ (see its README.md)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from newsaudit import config

SAMPLE_DIR = config.SAMPLE_DIR
METADATA_COLUMNS = ["path", "outlet", "published", "url", "title"]
FILE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.txt$")
MAX_FILE_BYTES = 5 * 1024


def article_files() -> list[Path]:
    return sorted(SAMPLE_DIR.rglob("*.txt"))


def relative(path: Path) -> str:
    return path.relative_to(SAMPLE_DIR).as_posix()


def is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(raw: bytes) -> str:
    return raw.decode("utf-8-sig") if is_utf8(raw) else raw.decode("cp1252")


def first_nonempty_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip())


@pytest.fixture(scope="module")
def metadata() -> list[dict[str, str]]:
    with open(SAMPLE_DIR / "metadata.csv", newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == METADATA_COLUMNS
        return list(reader)


def test_between_10_and_15_articles() -> None:
    assert 10 <= len(article_files()) <= 15


def test_articles_sit_in_three_outlet_folders_with_dated_names() -> None:
    files = article_files()
    assert {path.parent for path in files} == {d for d in SAMPLE_DIR.iterdir() if d.is_dir()}
    assert len({path.parent.name for path in files}) == 3
    for path in files:
        assert path.parent.parent == SAMPLE_DIR, relative(path)
        assert FILE_NAME.match(path.name), relative(path)


def test_no_article_exceeds_5_kb() -> None:
    oversized = [relative(p) for p in article_files() if p.stat().st_size > MAX_FILE_BYTES]
    assert oversized == []


def test_metadata_rows_match_the_files(metadata: list[dict[str, str]]) -> None:
    listed = [row["path"] for row in metadata]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == [relative(p) for p in article_files()]


def test_metadata_names_three_outlets_one_per_folder(metadata: list[dict[str, str]]) -> None:
    outlet_by_folder = {(row["path"].split("/")[0], row["outlet"]) for row in metadata}
    assert len(outlet_by_folder) == 3
    assert len({outlet for _, outlet in outlet_by_folder}) == 3


def test_metadata_dates_urls_and_titles_agree_with_the_files(metadata: list[dict[str, str]]) -> None:
    for row in metadata:
        path = SAMPLE_DIR / row["path"]
        assert dt.date.fromisoformat(row["published"]).year == 2026
        assert path.name.startswith(row["published"]), row["path"]
        assert row["url"].startswith("https://example.org/"), row["path"]
        assert row["title"] == first_nonempty_line(decode(path.read_bytes())), row["path"]


def test_some_file_is_cp1252_and_not_valid_utf8() -> None:
    cp1252_only = [p for p in article_files() if not is_utf8(p.read_bytes())]
    assert cp1252_only, "expected at least one cp1252 file"
    for path in cp1252_only:
        text = path.read_bytes().decode("cp1252")
        assert any(char in text for char in "\u2018\u2019\u201c\u201d\u00e9"), relative(path)


def test_some_file_starts_with_a_utf8_bom() -> None:
    assert any(p.read_bytes().startswith(codecs.BOM_UTF8) for p in article_files())


def test_some_file_has_windows_line_endings() -> None:
    assert any(b"\r\n" in p.read_bytes() for p in article_files())


def test_headline_repeated_at_the_top_somewhere() -> None:
    def repeats_headline(text: str) -> bool:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines[1] == lines[0]

    assert any(repeats_headline(decode(p.read_bytes())) for p in article_files())
