"""The further gazetteer files (data/actors_*.toml) load, stay unambiguous, and reach the extractor."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from policygraph.extract import DocumentInfo, Extractor
from policygraph.extract.knowledge import Knowledge, actor_files, default_knowledge_dir, load_knowledge


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_ner=False)


def _rows(name: str) -> list[dict]:
    with (default_knowledge_dir() / name).open("rb") as handle:
        return tomllib.load(handle)["actor"]


def test_every_further_file_is_read(knowledge):
    further = [path.name for path in actor_files(default_knowledge_dir())[1:]]
    expected = {"actors_places.toml", "actors_people.toml", "actors_organizations.toml", "actors_states.toml"}
    assert expected <= set(further)
    for name in further:
        assert {row["id"] for row in _rows(name)} <= knowledge.actors.keys(), name


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("actors_places.toml", {"subnational"}),
        ("actors_people.toml", {"person"}),
        ("actors_states.toml", {"state"}),
        ("actors_organizations.toml", {"company", "organization", "government_body", "coalition"}),
    ],
)
def test_each_file_holds_its_kinds_with_the_id_prefix(name, kinds):
    for row in _rows(name):
        assert row["kind"] in kinds, row["id"]
        assert row["id"].startswith(f"{row['kind']}:"), row["id"]


def test_no_spelling_names_two_actors(knowledge):
    # one spelling = one actor: the matcher could not tell two rows apart
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in knowledge.actors.values():
        for spelling in (actor.name, actor.name_en, *actor.aliases):
            owners[spelling.casefold()].add(actor.id)
    shared = {spelling: ids for spelling, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_all_provincial_level_divisions_and_us_states_are_known(knowledge):
    subnational = [actor for actor in knowledge.actors.values() if actor.kind == "subnational"]
    names = {actor.name for actor in subnational}
    provinces = {"广东省", "江苏省", "四川省", "内蒙古自治区", "新疆维吾尔自治区", "香港特别行政区", "重庆市"}
    assert provinces <= names
    us_states = {actor.id for actor in subnational if "coalition:us-climate-alliance" in actor.member_of}
    assert {"subnational:colorado", "subnational:massachusetts", "subnational:new-jersey"} <= us_states


def test_washington_and_new_york_alone_are_not_states(knowledge):
    # 华盛顿 alone is the capital (and the US government); 纽约 alone is the city
    state = knowledge.actors["subnational:washington-state"]
    assert "华盛顿" not in (state.name, *state.aliases)
    city = knowledge.actors["subnational:new-york-city"]
    assert "纽约" in city.aliases
    assert "纽约" not in knowledge.actors["subnational:new-york-state"].aliases


@pytest.mark.parametrize(
    ("phrase", "on", "holder"),
    [
        ("法国总统", "2015-12-12", "person:francois-hollande"),
        ("法国总统", "2009-12-18", "person:nicolas-sarkozy"),
        ("国务院总理", "2009-12-18", "person:wen-jiabao"),
        ("英国首相", "2022-10-01", "person:liz-truss"),
        ("日本首相", "2009-12-18", "person:yukio-hatoyama"),
        ("印度总理", "2009-12-18", "person:manmohan-singh"),
        ("巴西总统", "2016-09-03", "person:michel-temer"),
        ("科技部部长", "2009-07-15", "person:wan-gang"),
        ("美国商务部长", "2009-07-15", "person:gary-locke"),
        ("美国驻华大使", "2015-06", "person:max-baucus"),
        ("国际能源署署长", "2021-11-04", "person:fatih-birol"),
        ("世界银行行长", "2015-12-07", "person:jim-yong-kim"),
        ("纽约市市长", "2014-09-23", "person:bill-de-blasio"),
    ],
)
def test_office_titles_resolve_to_the_holder_on_the_date(knowledge, phrase, on, holder):
    assert [actor.id for actor, _ in knowledge.resolve_role(phrase, on)] == [holder]


def test_a_title_names_nobody_between_terms(knowledge):
    # Park Geun-hye was removed on 2017-03-10, Moon Jae-in took office on 2017-05-10
    assert knowledge.resolve_role("韩国总统", "2017-04-01") == []


def _actor_ids(text: str, extractor: Extractor, date: str) -> set[str]:
    info = DocumentInfo(id="gazetteer.txt", path=Path("gazetteer.txt"), date=date)
    records, _ = extractor.extract_text(text, info)
    return {actor["id"] for record in records for actor in record["actors"]}


def test_people_and_places_of_the_further_files_reach_the_events(extractor):
    text = (
        "2015年12月12日，法国总统奥朗德和联合国秘书长潘基文在巴黎宣布《巴黎协定》获得通过。\n"
        "2017年7月12日，纽约州州长科莫宣布纽约州加入美国气候联盟。\n"
        "2015年9月16日，深圳市与洛杉矶签署低碳城市合作协议。\n"
    )
    ids = _actor_ids(text, extractor, "2017")
    assert {"person:francois-hollande", "person:andrew-cuomo", "subnational:shenzhen"} <= ids
