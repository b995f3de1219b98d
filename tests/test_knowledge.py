"""The curated knowledge files load, validate, and answer role and date questions correctly."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from policygraph.extract.knowledge import (
    EVENT_TYPES,
    PRECISIONS,
    Knowledge,
    KnowledgeError,
    curated_records,
    default_knowledge_dir,
    iso_span,
    load_knowledge,
    milestones_markdown,
)

KNOWLEDGE_FILES = ("actors.toml", "agreements.toml", "conferences.toml", "offices.toml", "milestones.toml")
URL = re.compile(r"https?://\S+")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def names(resolved) -> set[str]:
    return {actor.name_en for actor, _title in resolved}


# ------------------------------------------------------------------ loading and integrity


def test_default_knowledge_dir_is_the_repository_data_folder():
    assert (default_knowledge_dir() / "milestones.toml").is_file()
    assert default_knowledge_dir().name == "data"


def test_environment_variable_overrides_the_knowledge_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYGRAPH_RESOURCES", str(tmp_path))
    assert default_knowledge_dir() == tmp_path


def test_load_is_cached_per_directory(knowledge):
    assert load_knowledge() is knowledge
    assert load_knowledge(default_knowledge_dir()) is knowledge


def test_every_row_has_a_source(knowledge):
    rows = [
        *knowledge.actors.values(),
        *knowledge.things.values(),
        *knowledge.role_phrases,
        *knowledge.milestones,
        *(term for office in knowledge.offices.values() for term in office.terms),
    ]
    missing = [getattr(row, "id", row) for row in rows if not row.source.strip()]
    assert not missing


def test_every_milestone_source_is_a_url(knowledge):
    assert all(URL.fullmatch(milestone.source) for milestone in knowledge.milestones)


def test_ids_are_unique_across_all_files(knowledge):
    ids = [
        *knowledge.actors,
        *knowledge.things,
        *knowledge.offices,
        *(milestone.id for milestone in knowledge.milestones),
    ]
    assert len(ids) == len(set(ids))


def test_every_reference_resolves(knowledge):
    for milestone in knowledge.milestones:
        assert set(milestone.actors) <= knowledge.actors.keys(), milestone.id
        assert set(milestone.things) <= knowledge.things.keys(), milestone.id
    for office in knowledge.offices.values():
        assert office.body in knowledge.actors
        assert {term.holder for term in office.terms} <= knowledge.actors.keys()
    for group in knowledge.role_phrases:
        assert set(group.offices) <= knowledge.offices.keys()


def test_milestones_have_valid_types_precisions_and_dates(knowledge):
    for milestone in knowledge.milestones:
        assert milestone.type in EVENT_TYPES
        assert milestone.precision in PRECISIONS
        first, _ = iso_span(milestone.date)
        if milestone.date_end:
            assert iso_span(milestone.date_end)[0] > first
        for other in milestone.alt_dates:
            iso_span(other)


def test_at_least_fifty_milestones_from_2008_to_the_san_francisco_meeting(knowledge):
    in_range = [m for m in knowledge.milestones if "2008-01-01" <= m.date <= "2023-11-15"]
    assert len(in_range) >= 50
    assert min(m.date for m in in_range).startswith("2008")
    years = {m.date[:4] for m in in_range}
    assert years == {str(year) for year in range(2008, 2024)}
    filoli = [m for m in in_range if m.date == "2023-11-15" and m.type == "meeting"]
    assert filoli, "the Xi–Biden meeting of 2023-11-15 must be a milestone"
    assert {"person:xi-jinping", "person:joe-biden"} <= set(filoli[0].actors)


def test_every_cop_from_15_to_28_is_a_conference_milestone(knowledge):
    conference_things = {t for m in knowledge.milestones if m.type == "conference" for t in m.things}
    for number in range(15, 29):
        assert f"conference:cop{number}" in conference_things


def test_conference_aliases_cover_the_usual_chinese_names(knowledge):
    glasgow = knowledge.things["conference:cop26"]
    assert {"第二十六次缔约方大会", "格拉斯哥大会", "格拉斯哥气候大会", "COP26"} <= set(glasgow.aliases)
    assert (glasgow.date, glasgow.date_end) == ("2021-10-31", "2021-11-13")


# ------------------------------------------------------------------ offices and role phrases


def test_heads_of_state_in_september_2016(knowledge):
    resolved = knowledge.resolve_role("中美两国元首", "2016-09")
    assert names(resolved) == {"Xi Jinping", "Barack Obama"}
    assert {title for _, title in resolved} == {"中国国家主席", "美国总统"}


def test_secretary_of_state_in_november_2019(knowledge):
    assert names(knowledge.resolve_role("美国国务卿", "2019-11")) == {"Mike Pompeo"}


def test_climate_envoys_in_april_2021(knowledge):
    assert names(knowledge.resolve_role("两国气候特使", "2021-04")) == {"John Kerry", "Xie Zhenhua"}


def test_unknown_phrase_resolves_to_nothing(knowledge):
    assert knowledge.resolve_role("两国足球队", "2021-04") == []


def test_role_phrase_matching_ignores_spaces_and_book_title_marks(knowledge):
    assert names(knowledge.resolve_role(" 美国 国务卿 ", "2019-11-04")) == {"Mike Pompeo"}


def test_holders_at_a_handover_day_belong_to_the_successor(knowledge):
    assert [a.name_en for a in knowledge.holders("office:us-president", "2021-01-20")] == ["Joe Biden"]
    assert [a.name_en for a in knowledge.holders("office:us-president", "2021-01-19")] == ["Donald Trump"]
    assert [a.name_en for a in knowledge.holders("office:china-president", "2013-03-14")] == ["Xi Jinping"]
    assert [a.name_en for a in knowledge.holders("office:china-president", "2013-03-13")] == ["Hu Jintao"]


def test_a_month_or_year_overlapping_two_terms_returns_both_holders(knowledge):
    assert [a.name_en for a in knowledge.holders("office:us-president", "2017-01")] == [
        "Barack Obama",
        "Donald Trump",
    ]
    assert len(knowledge.holders("office:us-president", "2021")) == 2


def test_vacant_office_returns_nobody(knowledge):
    # No special envoy for climate change between Pershing (left 2017-01-20) and Kerry (2021-01-20).
    assert knowledge.resolve_role("美国气候特使", "2019-06") == []


def test_unknown_office_is_an_error(knowledge):
    with pytest.raises(KeyError):
        knowledge.holders("office:no-such-office", "2020")


def test_role_phrase_index_lists_titles_and_group_phrases(knowledge):
    index = knowledge.role_phrase_offices()
    assert index["美国国务卿"] == ("office:us-secretary-of-state",)
    assert set(index["中美两国元首"]) == {"office:china-president", "office:us-president"}


# ------------------------------------------------------------------ records


def test_curated_records_have_the_contract_shape(knowledge):
    records = curated_records(knowledge)
    assert len(records) == len(knowledge.milestones)
    for record in records:
        assert record["origin"] == "curated"
        assert record["doc"] is None and record["evidence"] is None
        assert record["event_id"].startswith("ms-")
        assert record["type"] in EVENT_TYPES
        assert URL.fullmatch(record["source"])
        iso_span(record["date"])
        assert record["date_end"] is None or iso_span(record["date_end"])
        for actor in record["actors"]:
            assert {"id", "name", "name_en", "kind", "role", "wikidata", "aliases"} <= actor.keys()
        for thing in record["things"]:
            assert {"id", "name", "name_en", "kind", "aliases"} <= thing.keys()


def test_curated_records_give_persons_their_role_on_the_date(knowledge):
    by_id = {record["event_id"]: record for record in curated_records(knowledge)}
    record = by_id["ms-2019-11-04-us-notification-of-withdrawal"]
    roles = {actor["id"]: actor["role"] for actor in record["actors"]}
    assert roles["person:mike-pompeo"] == "美国国务卿"
    assert roles["state:united-states"] == ""


# ------------------------------------------------------------------ validation errors


def copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in KNOWLEDGE_FILES:
        shutil.copy(default_knowledge_dir() / name, folder / name)
    # the further gazetteer files: offices name their people and places as term holders and bodies
    for path in default_knowledge_dir().glob("actors_*.toml"):
        shutil.copy(path, folder / path.name)
    return folder


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


MILESTONE = """
[[milestone]]
id = "ms-2020-01-01-broken"
date = "{date}"
date_end = ""
precision = "{precision}"
type = "{type}"
title = "测试"
title_en = "test"
actors = ["{actor}"]
things = []
place = ""
alt_dates = []
source = "{source}"
"""


def broken_milestone(**overrides: str) -> str:
    values = {
        "date": "2020-01-01",
        "precision": "day",
        "type": "meeting",
        "actor": "state:china",
        "source": "https://example.org",
    }
    return MILESTONE.format(**{**values, **overrides})


def test_a_valid_extra_milestone_loads(tmp_path):
    folder = copy_data(tmp_path)
    append(folder / "milestones.toml", broken_milestone())
    assert any(m.id == "ms-2020-01-01-broken" for m in load_knowledge(folder).milestones)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"actor": "person:foo"}, "unknown actor person:foo"),
        ({"type": "party"}, "type 'party'"),
        ({"source": ""}, "missing source"),
        ({"date": "2020-02-30"}, "date '2020-02-30'"),
        ({"precision": "month"}, "does not have precision month"),
    ],
)
def test_broken_milestone_raises_a_clear_error(tmp_path, overrides, message):
    folder = copy_data(tmp_path)
    append(folder / "milestones.toml", broken_milestone(**overrides))
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(folder)
    assert "data/milestones.toml: milestone ms-2020-01-01-broken" in str(error.value)
    assert message in str(error.value)


def test_duplicate_id_is_rejected(tmp_path):
    folder = copy_data(tmp_path)
    first = (folder / "milestones.toml").read_text(encoding="utf-8").split("[[milestone]]")[1]
    append(folder / "milestones.toml", "\n[[milestone]]" + first)
    with pytest.raises(KnowledgeError, match="duplicate id"):
        load_knowledge(folder)


def test_overlapping_terms_are_rejected(tmp_path):
    folder = copy_data(tmp_path)
    append(
        folder / "offices.toml",
        """
[[office]]
id = "office:test-overlap"
title = "测试职位"
title_en = "Test office"
aliases = []
body = "state:china"
terms = [
  { holder = "person:xi-jinping", start = "2013-01-01", end = "2015-01-01", source = "https://example.org" },
  { holder = "person:li-keqiang", start = "2014-06-01", end = "", source = "https://example.org" },
]
""",
    )
    with pytest.raises(KnowledgeError, match="office:test-overlap: terms overlap"):
        load_knowledge(folder)


def test_role_phrase_with_unknown_office_is_rejected(tmp_path):
    folder = copy_data(tmp_path)
    append(
        folder / "offices.toml",
        '\n[[role_phrase]]\nphrases = ["测试"]\noffices = ["office:nowhere"]\nsource = "https://example.org"\n',
    )
    with pytest.raises(KnowledgeError, match="unknown office office:nowhere"):
        load_knowledge(folder)


def test_invalid_toml_names_the_file(tmp_path):
    folder = copy_data(tmp_path)
    append(folder / "milestones.toml", "\n[[milestone]\n")
    with pytest.raises(KnowledgeError, match="data/milestones.toml: not valid TOML"):
        load_knowledge(folder)


def test_edited_file_is_reloaded(tmp_path):
    folder = copy_data(tmp_path)
    before = load_knowledge(folder)
    append(folder / "milestones.toml", broken_milestone())
    # The cache key includes each file's modification time.
    stat = (folder / "milestones.toml").stat()
    os.utime(folder / "milestones.toml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    after = load_knowledge(folder)
    assert after is not before
    assert len(after.milestones) == len(before.milestones) + 1


def test_milestones_doc_is_up_to_date(knowledge):
    doc = (default_knowledge_dir().parent / "docs" / "milestones.md").read_text(encoding="utf-8")
    assert doc == milestones_markdown(knowledge), (
        "regenerate: python -m policygraph.extract.knowledge > docs/milestones.md"
    )


def test_milestones_doc_has_a_row_with_a_source_link_per_milestone(knowledge):
    rendered = milestones_markdown(knowledge)
    rows = [line for line in rendered.splitlines() if re.match(r"\| \d{4}", line)]
    assert len(rows) == len(knowledge.milestones)
    assert all("](http" in row for row in rows)
