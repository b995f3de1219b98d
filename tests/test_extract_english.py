"""The English extraction path (extract/english/): language detection, the English date
grammar, cleaning offsets, the spaCy pipeline, `policygraph extract` on an English file, and
the scores on the English texts of the shared dev set (tests/eval/dev2/, gold in
gold_dev2.jsonl) with floors just under what the extractor reaches."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from policygraph.extract import DocumentInfo, Extractor
from policygraph.extract.english import build_english_pipeline
from policygraph.extract.english.dates import EnglishDates, english_document_date
from policygraph.extract.english.rules import load_english_rules
from policygraph.extract.english.text import clean_english
from policygraph.extract.knowledge import default_knowledge_dir, load_knowledge
from policygraph.extract.language import detect_language
from typer.testing import CliRunner

from policygraph.cli import app

ROOT = Path(__file__).resolve().parent.parent
DEV2 = ROOT / "tests" / "eval" / "dev2"
RULES = load_english_rules(default_knowledge_dir())


# ---------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The United States and China released a joint statement on climate change.", "en"),
        ("2014年11月12日，中美两国在北京发表《中美气候变化联合声明》。", "zh"),
        # a Chinese text quoting English titles stays Chinese
        ("《巴黎协定》（Paris Agreement）于2016年11月4日生效，见 UNFCCC, Retrieved July 19, 2021.", "zh"),
        # an English text naming two people in Chinese stays English
        (
            "Xi Jinping (习近平) met Joe Biden at Filoli on November 15, 2023, and both sides agreed.",
            "en",
        ),
        ("", "zh"),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


# ---------------------------------------------------------------------------- dates

# (sentence, document date, anchor before the sentence, [(text, date, date_end, kind, is_target)])
DATE_CASES = [
    (
        "On April 13, 2013, Kerry arrived.",
        None,
        None,
        [("April 13, 2013", "2013-04-13", None, "date", False)],
    ),
    ("They met on 15 November 2023.", None, None, [("15 November 2023", "2023-11-15", None, "date", False)]),
    ("Kerry returned in February 2014.", None, None, [("February 2014", "2014-02", None, "date", False)]),
    (
        "The summit on June 7-8, 2013 ended.",
        None,
        None,
        [("June 7-8, 2013", "2013-06-07", "2013-06-08", "range", False)],
    ),
    (
        "He was in China from August 31 to September 3, 2021.",
        None,
        None,
        [("from August 31 to September 3, 2021", "2021-08-31", "2021-09-03", "range", False)],
    ),
    (
        "The envoys met from November 4 to 7, 2023.",
        None,
        None,
        [("from November 4 to 7, 2023", "2023-11-04", "2023-11-07", "range", False)],
    ),
    ("It was signed in September 2016.", None, None, [("September 2016", "2016-09", None, "date", False)]),
    ("It happened in 2015.", None, None, [("2015", "2015", None, "date", False)]),
    (
        "A statement followed on February 15.",
        None,
        "2014-02",
        [("February 15", "2014-02-15", None, "date", False)],
    ),
    # a month and day with neither anchor nor document date: no date rather than a wrong one
    ("A statement followed on February 15.", None, None, [("February 15", None, None, "date", False)]),
    (
        "Talks resumed the following month.",
        None,
        "2022-11-14",
        [("the following month", "2022-12", None, "date", False)],
    ),
    (
        "They met again later that year.",
        None,
        "2022-11-14",
        [("later that year", "2022", None, "date", False)],
    ),
    ("The pact was signed that day.", None, "2016-04-22", [("that day", "2016-04-22", None, "date", False)]),
    (
        "The pact was signed the next day.",
        None,
        "2016-04-22",
        [("the next day", "2016-04-23", None, "date", False)],
    ),
    ("The pact was signed the next day.", None, "2016-04", [("the next day", None, None, "date", False)]),
    (
        "Last year China suspended the talks.",
        "2023-11-15",
        None,
        [("Last year", "2022", None, "date", False)],
    ),
    ("This year the talks resumed.", "2023-11-15", None, [("This year", "2023", None, "date", False)]),
    ("Yesterday the two sides met.", "2023-11-15", None, [("Yesterday", "2023-11-14", None, "date", False)]),
    ("Yesterday the two sides met.", None, None, [("Yesterday", None, None, "date", False)]),
    # 15 November 2023 was a Wednesday: "on Tuesday" is the day before
    ("Xi spoke on Tuesday.", "2023-11-15", None, [("on Tuesday", "2023-11-14", None, "date", False)]),
    ("Two years ago they met.", "2016-09-03", None, [("Two years ago", "2014", None, "date", False)]),
    (
        "China cut off the talks last August.",
        "2023-07-19",
        None,
        [("last August", "2022-08", None, "date", False)],
    ),
    ("The envoys met this July.", "2023-07-19", None, [("this July", "2023-07", None, "date", False)]),
    # 22 April 2021 was a Thursday: last week is 12-18 April
    (
        "Kerry went to Shanghai last week.",
        "2021-04-22",
        None,
        [("last week", "2021-04", None, "date", False)],
    ),
    ("Kerry went to Shanghai last week.", "2021-05-05", None, [("last week", None, None, "date", False)]),
    # targets, baselines, plans and names are not dates of acts
    ("China will peak emissions by 2030.", None, None, [("2030", "2030", None, "date", True)]),
    ("China aims at neutrality before 2060.", None, None, [("2060", "2060", None, "date", True)]),
    (
        "It cut emissions 26-28 percent below 2005 levels by 2025.",
        None,
        None,
        [("2005", "2005", None, "reference", False), ("2025", "2025", None, "date", True)],
    ),
    ("China would peak around 2030.", None, None, [("2030", "2030", None, "date", True)]),
    ("It submitted its 2035 NDC.", None, None, [("2035", "2035", None, "reference", False)]),
    ("It said it would launch a market in 2017.", None, None, [("2017", "2017", None, "date", True)]),
    (
        "They said they would sign the agreement on April 22.",
        None,
        "2016-03-31",
        [("April 22", "2016-04-22", None, "date", True)],
    ),
    (
        "The 2015 Paris Agreement entered into force.",
        None,
        None,
        [("2015", "2015", None, "reference", False)],
    ),
    (
        "Between 2013 and 2016 ties improved.",
        None,
        None,
        [("Between 2013 and 2016", "2013", "2016", "period", False)],
    ),
    (
        "U.S.-China Climate Cooperation, 2013-2016",
        None,
        None,
        [("2013-2016", "2013", "2016", "period", False)],
    ),
    ("Action in the 2020s matters.", None, None, [("the 2020s", "2020", "2029", "decade", False)]),
    ("Days later Xi spoke.", None, "2021-04-17", [("Days later", None, None, "vague", False)]),
    ("It rose 20 percent and cost $2,015 million; 2,000 people came.", None, None, []),
    # a day "of last year" counts from the document's year
    (
        "Talks closed on March 3 of last year.",
        "2019-06-10",
        None,
        [("March 3 of last year", "2018-03-03", None, "date", False)],
    ),
    # a bare day after a recent anchor is the latest such day up to the document date ...
    ("She spoke on May 2.", "2019-06-10", "2018-11-20", [("May 2", "2019-05-02", None, "date", False)]),
    # ... after an anchor years back, a day of the year being told
    ("She spoke on May 2.", "2019-06-10", "2012-01-05", [("May 2", "2012-05-02", None, "date", False)]),
    ("A week later they met.", None, "2017-03-01", [("A week later", "2017-03-08", None, "date", False)]),
    ("A few days later they met.", None, "2017-03", [("A few days later", "2017-03", None, "date", False)]),
    (
        "2012-04-25 – 2012-04-26  Ministers met.",
        None,
        None,
        [("2012-04-25 – 2012-04-26", "2012-04-25", "2012-04-26", "range", False)],
    ),
    ("2014-05  Ministers met.", None, None, [("2014-05", "2014-05", None, "date", False)]),
    ("Budget 2011-12 was cut.", None, None, [("2011-12", "2011", "2012", "period", False)]),
    # a comparison, not a date
    ("Brazil moved its goal ten years earlier than previously announced.", "2021-04-23", "2021-04-22", []),
]


@pytest.mark.parametrize(("sentence", "doc_date", "anchor", "expected"), DATE_CASES)
def test_english_date_grammar(sentence, doc_date, anchor, expected):
    resolver = EnglishDates(doc_date, RULES.date_cues)
    resolver.set_anchor(anchor)
    found = [(t.text, t.date, t.date_end, t.kind, t.is_target) for t in resolver.find(sentence)]
    assert found == expected


def test_anchor_moves_with_the_text_but_not_with_targets():
    resolver = EnglishDates(None, RULES.date_cues)
    resolver.find("Kerry returned to Beijing in February 2014, and a statement followed on February 15.")
    assert resolver.find("The next day they left.")[0].date == "2014-02-16"
    resolver.find("China would peak emissions around 2030.")
    assert resolver.find("That day they met.")[0].date == "2014-02-16"


@pytest.mark.parametrize(
    ("head", "date"),
    [
        (
            "Media Note\nOffice of the Spokesperson\nNovember 15, 2023\n\nThe Secretary met Wang Yi.",
            "2023-11-15",
        ),
        ("WASHINGTON, November 15, 2023 — The two sides met today.", "2023-11-15"),
        ("BEIJING, Nov. 15 (Xinhua) -- China and the United States released a statement.", None),
        ("Readout\n15 November 2023\n\nSAN FRANCISCO, Nov. 15 (Reuters) - Leaders met.", "2023-11-15"),
        ("POLICY BRIEF | U.S.-China Climate Cooperation, 2013-2016\n\nOn April 13, 2013, Kerry met.", None),
    ],
)
def test_english_document_date(head, date):
    assert english_document_date(head) == date


def test_a_wire_story_head_date_without_a_year_takes_the_year_of_what_it_names():
    knowledge = load_knowledge(default_knowledge_dir())
    head = (
        "US, China agree on HFCs\n\nBy A REPORTER\nAssociated Press\nJune 8\n\n"
        "RANCHO MIRAGE, Calif. (AP) — President Barack Obama and Chinese President Xi Jinping agreed "
        "Saturday to phase down HFCs at their summit at the Sunnylands estate."
    )
    assert english_document_date(head, knowledge) == "2013-06-08"
    assert english_document_date(head.replace("Sunnylands", "desert"), knowledge) != "2016-06-08"


def test_since_date_does_not_move_the_anchor():
    resolver = EnglishDates("2019-11-04", RULES.date_cues)
    resolver.find("They had worked for it since March 2012.")
    assert resolver.find("Japan followed on July 3.")[0].date == "2019-07-03"


# ---------------------------------------------------------------------------- cleaning


def test_table_rows_are_entries_of_their_own():
    original = (
        "| Date | Event |\n|---|---|\n| 2012-04-25 | Ministers meet in Oslo. |\n"
        "| 2013-05 | A fund is launched in Lima. |\n"
    )
    cleaned = clean_english(original, RULES.reference_headings)
    lines = cleaned.text.split("\n")
    assert [line.split()[0] for line in lines] == ["2012-04-25", "2013-05"]
    assert "|" not in cleaned.text and "Event" not in cleaned.text
    for i, ch in enumerate(cleaned.text):
        if ch not in " \n":
            assert original[cleaned.offsets[i]] == ch


def test_cleaning_keeps_offsets_and_drops_citations():
    original = (
        "**Climate talks** resume\n\n"
        "The two sides met in Beijing on July 16, 2023, and agreed to keep\n"
        "talking about methane.\n\n"
        "References\n"
        "1. Smith, J. (2021). Climate talks. Retrieved July 19, 2021, from https://example.org\n"
    )
    cleaned = clean_english(original, RULES.reference_headings)
    assert "Retrieved" not in cleaned.text and "**" not in cleaned.text
    assert "agreed to keep talking" in cleaned.text  # a hard-wrapped line is joined
    for i, ch in enumerate(cleaned.text):
        if ch not in " \n":
            assert original[cleaned.offsets[i]] == ch


# ---------------------------------------------------------------------------- pipeline

SAMPLE = """Media Note
Office of the Spokesperson
November 15, 2023

WASHINGTON, November 15, 2023 — Secretary of State Antony J. Blinken met with Chinese Foreign \
Minister Wang Yi in San Francisco today.

Yesterday, the United States and China released the Sunnylands Statement on Enhancing Cooperation \
to Address the Climate Crisis. The two countries will launch a working group on enhancing climate \
action in the 2020s.

Last year, China suspended bilateral climate talks. The agreement could fail if nobody acts.
"""


def test_pipeline_runs_under_nlp_and_pipe():
    nlp = build_english_pipeline(default_knowledge_dir())
    assert [name for name, _ in nlp.pipeline] == [
        "policygraph_en_sentences",
        "policygraph_en_dates",
        "policygraph_en_gazetteer",
        "policygraph_en_events",
    ]
    doc = nlp(SAMPLE)
    labels = {span.label_ for span in doc.spans["pg_mentions"]}
    assert {"actor", "thing"} <= labels
    assert any(span.text == "November 15, 2023" for span in doc.spans["pg_dates"])
    types = {(e.type, e.date) for e in doc._.pg_en_events}
    assert ("meeting", "2023-11-15") in types and ("statement", "2023-11-14") in types
    piped = list(nlp.pipe([SAMPLE, SAMPLE]))
    assert [len(d._.pg_en_events) for d in piped] == [len(doc._.pg_en_events)] * 2


def test_cli_extract_on_an_english_file_points_at_the_original(tmp_path):
    source = tmp_path / "media_note.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["extract", str(source), "--out", str(out), "--no-ner"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    original = source.read_text(encoding="utf-8")
    for record in records:
        evidence = record["evidence"]
        assert original[evidence["start"] : evidence["end"]] == evidence["text"]
    found = {(r["type"], r["date"]) for r in records}
    assert ("meeting", "2023-11-15") in found  # Blinken and Wang Yi, dated by the dateline
    assert ("statement", "2023-11-14") in found  # "Yesterday" from the document date
    assert ("suspension", "2022") in found  # "Last year"
    meeting = next(r for r in records if r["type"] == "meeting")
    assert {a["id"] for a in meeting["actors"]} >= {"person:antony-blinken", "person:wang-yi"}
    assert meeting["title_en"] == "Antony Blinken and Wang Yi meet in San Francisco"
    # "could fail if nobody acts" is hypothetical; "will launch" is the two countries' pledge
    assert not any("could fail" in r["evidence"]["text"] and r["type"] == "agreement" for r in records)
    pledge = next(r for r in records if r["type"] == "pledge")
    assert "coalition:us-china" in {a["id"] for a in pledge["actors"]}


def test_english_document_gets_language_and_date():
    extractor = Extractor(use_ner=False)
    result = extractor.extract_file(DEV2 / "d12.txt")
    assert result.doc.language == "en"
    chinese = extractor.extract_file(sorted((ROOT / "data" / "corpus").glob("004_*.txt"))[0])
    assert chinese.doc.language == "zh"


# ---------------------------------------------------------------------------- dev2 scores


@cache
def _dev2_records() -> list[dict]:
    extractor = Extractor(use_ner=False)
    records: list[dict] = []
    for result in extractor.extract_paths([DEV2 / "d11.txt", DEV2 / "d12.txt"]):
        records.extend(result.records)
    return records


def test_english_dev_records_point_at_the_original():
    for doc in ("d11.txt", "d12.txt"):
        original = (DEV2 / doc).read_text(encoding="utf-8")
        records = [r for r in _dev2_records() if r["doc"] == doc]
        assert records
        for record in records:
            evidence = record["evidence"]
            assert original[evidence["start"] : evidence["end"]] == evidence["text"]


ENCYCLOPEDIA = """The Paris Agreement is an international treaty on climate change. \
It was adopted by 196 parties at COP21 in Paris on 12 December 2015 and entered into force on 4 November 2016.

On 1 June 2017, President Donald Trump announced that the United States would withdraw from the agreement. \
The withdrawal took effect on 4 November 2020. President Joe Biden signed an executive order to rejoin the \
agreement on his first day in office, and the United States rejoined on 19 February 2021.

Beijing followed on 3 September 2016 when China ratified the agreement. In September 2020, Xi Jinping \
announced that China would achieve carbon neutrality before 2060.
"""

SPEECH = """Remarks by President Biden at the Virtual Leaders Summit on Climate
April 22, 2021

Today, I am announcing that the United States will cut its emissions by 50 to 52 percent by 2030.

We rejoined the Paris Agreement on my first day in office. Our climate envoy could meet his counterpart if
both sides agree.
"""


def _events(text: str) -> set[tuple[str, str | None, frozenset[str]]]:
    extractor = Extractor(use_ner=False)
    info = DocumentInfo(id="sample.txt", path=Path("sample.txt"))
    records, _ = extractor.extract_text(text, info)
    return {(r["type"], r["date"], frozenset(a["id"] for a in r["actors"])) for r in records}


def test_encyclopedic_text_pronouns_references_and_took_office():
    found = _events(ENCYCLOPEDIA)
    types = {(t, d) for t, d, _ in found}
    assert ("agreement", "2015-12-12") in types  # It (the Paris Agreement) was adopted …
    assert ("agreement", "2016-11-04") in types  # … and entered into force
    assert ("withdrawal", "2017-06-01") in types  # announced that the United States would withdraw
    withdrawal = next(a for t, d, a in found if (t, d) == ("withdrawal", "2020-11-04"))
    assert "state:united-states" in withdrawal  # The withdrawal took effect: the act told before
    assert ("agreement", "2020-11-04") not in types  # took effect is the withdrawal, not an agreement
    rejoin = [(t, a) for t, d, a in found if d == "2021-01-20"]  # his first day in office: the term start
    assert rejoin == [
        ("ratification", frozenset({"person:joe-biden"}))
    ]  # the order to rejoin is the rejoining
    assert ("pledge", "2020-09") in types and not any(d == "2060" for _, d, _ in found)


def test_speech_speaker_is_i_and_we():
    found = _events(SPEECH)
    assert ("ratification", "2021-01-20", frozenset({"person:joe-biden"})) in found
    pledge = next(a for t, d, a in found if t == "pledge")
    assert "person:joe-biden" in pledge and "state:united-states" in pledge
    assert not any(t == "meeting" for t, _, _ in found)  # could meet … if: hypothetical
