"""Saved pages of parliaments' official records read as transcripts: each turn a post with
its member, first words and printed time; procedure and the page's furniture never a turn;
and a live blog's page never taken for a record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from liveline.ingest.model import Post
from liveline.ingest.read.record.page import RecordPage, page_record_lines, preformatted_paragraphs, read_record_page

PAGES = Path(__file__).parent / "fixtures" / "record_pages"
FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
UTC = dt.UTC


def _read(name: str, url: str | None = None, **options: object) -> RecordPage:
    page = read_record_page((PAGES / name).read_text(encoding="utf-8"), name, url, **options)  # type: ignore[arg-type]
    assert page is not None, f"{name} was not read as a record"
    return page


def _turns(page: RecordPage) -> list[tuple[str | None, str | None, str, str | None]]:
    """(author, role, first paragraph, UTC minute) of every turn, as a reader sees them."""
    return [(post.author, post.author_role, _first(post), _utc(post, page.reading.stated_date)) for post in page.reading.posts]


def _first(post: Post) -> str:
    return next(p.text for p in post.paragraphs if p.part == "body")


def _utc(post: Post, day: dt.date | None) -> str | None:
    """The turn's printed time in UTC (a UK record's wall time placed on its sitting day)."""
    stamp = post.published
    if stamp is None or (stamp.utc is None and day is None):
        return None
    return stamp.to_utc(day or dt.date.min).astimezone(UTC).strftime("%H:%MZ")


def _all_text(page: RecordPage) -> str:
    return "\n".join(p.text for post in page.reading.posts for p in post.paragraphs)


# The lines of a page --------------------------------------------------------------------------
def test_a_commons_page_reads_as_the_printed_record_with_each_line_where_the_source_has_it() -> None:
    html = (PAGES / "commons_hansard_debate.html").read_text(encoding="utf-8")
    lines = page_record_lines(html)
    texts = [text for _, text in lines]
    assert texts[:6] == [
        "Harbour Safety Inspections",
        "Volume 764: debated on Wednesday 12 March 2025",
        "12.31 pm",
        "The Secretary of State for Transport (Helen Marsh)",
        "With permission, Madam Deputy Speaker, I will make a statement on the inspection of harbour walls.",
        "Last month a section of the north wall at Porthallow gave way during a spring tide.",
    ]
    assert "Tom Ashby (Wexcombe North) (Con)" in texts
    source = html.splitlines()
    for line, text in lines:
        assert text.split(" (")[0].split(":")[0][:20] in source[line - 1] or text[:12] in source[line - 1], (line, text)
    # Navigation, the cookie banner, share buttons and the footer are no part of the record.
    for furniture in ("Skip to main content", "cookies", "Share contribution", "UK Parliament 2025", "Home"):
        assert not any(furniture in text for text in texts), furniture


def test_a_speaker_heading_puts_its_time_on_a_line_before_it_and_its_position_in_brackets() -> None:
    texts = [text for _, text in page_record_lines((PAGES / "theyworkforyou_debate.html").read_text(encoding="utf-8"))]
    at = texts.index("Alan Pryce (Labour, Saltmarsh and Fenby)")
    assert texts[at - 1] == "2:34 pm"
    assert texts[at + 1].startswith("What assessment the Minister")
    assert "Fiona Garside (Shadow Minister, Transport)" in texts  # brackets never nest
    assert "Lindsay Hoyle (Speaker)" in texts
    assert not any("Link to this speech" in text or "Submitted by" in text for text in texts)


def test_an_inline_speaker_stays_as_printed_and_a_time_anchor_becomes_a_line() -> None:
    senate = [text for _, text in page_record_lines((PAGES / "parlinfo_senate.html").read_text(encoding="utf-8"))]
    assert "Senator WARDLE (Tasmania) (12:56): I rise to speak on the Coastal Water Quality Bill 2025." in senate
    assert "The PRESIDENT: Order! Senator Colbert will come to order." in senate
    house = [text for _, text in page_record_lines((PAGES / "nz_hansard_questions.html").read_text(encoding="utf-8"))]
    at = house.index("Hon DANIEL FROST (Minister of Transport): Yes. Weekend services will run as they do now until at least 2027.")
    assert house[at - 1] == "14:21"  # <a name="time_14:21:30">, its own line before the turn


# Turns ----------------------------------------------------------------------------------------
def test_a_commons_debate_page_gives_each_contribution_as_a_turn_with_its_member_and_time() -> None:
    page = _read("commons_hansard_debate.html")
    assert page.outlet == "Hansard"
    assert page.title == "Harbour Safety Inspections"
    assert page.reading.stated_date == dt.date(2025, 3, 12)
    assert page.url and page.url.startswith("https://hansard.parliament.uk/Commons/2025-03-12/")
    turns = _turns(page)
    assert [author for author, *_ in turns] == [
        "Helen Marsh", "Tom Ashby", "Ruth Calder", "Tom Ashby", "Helen Marsh", "Priya Lund", "Helen Marsh", "Grace Okafor", "Helen Marsh",
    ]
    assert turns[0][2].startswith("With permission, Madam Deputy Speaker")
    assert turns[0][3] == "12:31Z"  # GMT in March
    assert turns[4][3] == "12:45Z"
    assert turns[2][1] == "Deputy Speaker"
    text = _all_text(page)
    for furniture in ("[Interruption.]", "Hear, hear!", "Question put and agreed to.", "Harbour Safety Inspections"):
        assert furniture not in text


def test_a_theyworkforyou_page_gives_each_speech_with_the_time_it_prints() -> None:
    page = _read("theyworkforyou_debate.html")
    turns = _turns(page)
    authors = [author for author, *_ in turns]
    assert authors == ["Alan Pryce", "Megan Rowe", "Alan Pryce", "Lindsay Hoyle", "Fiona Garside", "Megan Rowe", "Owen Tate", "Megan Rowe"]
    assert turns[0][3] == "13:34Z"  # 2:34 pm, British Summer Time
    assert turns[3][3] == "13:41Z"
    assert turns[1][2] == "Cancellations fell by a fifth last winter."
    assert "Several hon. Members rose" not in _all_text(page)


def test_an_australian_senate_page_reads_times_in_canberra_and_keeps_interjections_out() -> None:
    page = _read("parlinfo_senate.html", "https://parlinfo.aph.gov.au/parlInfo/search/display/display.w3p;query=Id%3A%22chamber%2Fhansards%2F2025-08-20%2F0042%22")
    assert page.reading.stated_date == dt.date(2025, 8, 20)
    assert page.reading.zone == "Australia/Sydney"
    turns = _turns(page)
    named = [(author, utc) for author, _, _, utc in turns]
    assert ("Senator Wardle", "02:56Z") in named or ("Wardle", "02:56Z") in [(a and a.split()[-1], u) for a, u in named]
    firsts = [first for _, _, first, _ in turns]
    assert "I rise to speak on the Coastal Water Quality Bill 2025." in firsts
    assert "The opposition will not oppose the bill." in firsts
    assert [utc for *_, utc in turns if utc] == ["02:56Z", "03:14Z", "03:31Z"]
    text = _all_text(page)
    assert "Question agreed to." not in text and "Bill read a second time." not in text


def test_a_new_zealand_page_reads_its_time_anchors_in_wellington() -> None:
    page = _read("nz_hansard_questions.html")
    assert page.reading.stated_date == dt.date(2025, 5, 14)
    assert page.reading.zone == "Pacific/Auckland"
    turns = _turns(page)
    frost = [t for t in turns if t[0] == "Daniel Frost"]
    assert frost[0][2].startswith("Yes. Weekend services")
    assert frost[0][3] == "02:21Z"  # 14:21 NZST
    assert all(author != "Hon Members" for author, *_ in turns)
    assert "Oh!" not in _all_text(page)


def test_the_users_zone_wins_over_the_parliaments() -> None:
    page = _read("nz_hansard_questions.html", zone="UTC")
    frost = next(post for post in page.reading.posts if post.author == "Daniel Frost")
    assert _utc(frost, page.reading.stated_date) == "14:21Z"


def test_a_dail_debate_page_gives_each_speech_to_its_deputy_and_the_chair_to_its_office() -> None:
    page = _read("oireachtas_dail_debate.html")
    assert page.reading.stated_date == dt.date(2027, 11, 10)
    assert page.reading.zone == "Europe/Dublin"
    assert page.outlet == "Houses of the Oireachtas"
    turns = _turns(page)
    assert [(author, role) for author, role, *_ in turns] == [
        ("Aoife Kearney", None), (None, "Taoiseach"), ("Aoife Kearney", None), (None, "Ceann Comhairle"), (None, "Taoiseach"),
        ("Ciarán Duignan", None), ("Siobhán Walshe", "Minister for Health"), (None, "Leas-Cheann Comhairle"), ("Ciarán Duignan", None),
    ]
    assert turns[0][2].startswith("Families in Ballinasloe have waited eleven months")
    # The Dáil prints no time on a speech; the sitting resuming at 2.30 p.m. (GMT in November) times the next one.
    assert [(author or role, utc) for author, role, _, utc in turns if utc] == [("Leas-Cheann Comhairle", "14:30Z")]
    text = _all_text(page)
    for furniture in ("Hear, hear.", "Sitting suspended", "Question put and declared carried.", "The Dáil adjourned", "Leaders' Questions"):
        assert furniture not in text, furniture


def test_an_ourcommons_hansard_page_reads_its_timestamps_in_ottawa_and_names_the_speaker_from_its_masthead() -> None:
    page = _read("ourcommons_hansard.html")
    assert page.reading.stated_date == dt.date(2027, 10, 13)
    assert page.reading.zone == "America/Toronto"
    assert page.reading.parliament == "House of Commons of Canada"
    turns = _turns(page)
    assert [author for author, *_ in turns] == [
        "Gordon Brisco", "Hélène Marchand", "Marguerite Olson", "Hélène Marchand", "Luc Tremblay", "Hélène Marchand", "Priya Sandhu",
        "Hélène Marchand", "Gordon Brisco", None,
    ]
    assert turns[0][1] == "Lakehead—Thunder Bay North, CPC"
    assert turns[1][1] == "Minister of Housing"
    assert turns[2][1] == "Speaker"  # "Speaker: The Honourable Marguerite Olson" above the record
    assert turns[-1][1] == "Deputy Speaker"
    assert turns[0][2].startswith("Mr. Speaker, rents in Thunder Bay")
    # (1415) is 14:15 in Ottawa, EDT in October.
    assert [utc for *_, utc in turns if utc] == ["18:15Z", "18:20Z", "19:10Z"]
    text = _all_text(page)
    for furniture in ("Oh, oh!", "[Translation]", "[English]", "Question.", "Motion agreed to", "The House adjourned", "(1420)"):
        assert furniture not in text, furniture


# Live blogs are not records ----------------------------------------------------------------
def _live_pages() -> list[Path]:
    places = [FIXTURES, Path("/work/shared/realpages"), ROOT / "bench"]
    found = {path for place in places if place.is_dir() for path in place.rglob("*.html")}
    return sorted(path for path in found if "record" not in path.parent.name)


def test_no_live_blog_or_article_page_is_taken_for_a_record() -> None:
    pages = _live_pages()
    assert len(pages) > 50
    taken = [path.name for path in pages if read_record_page(path.read_text(encoding="utf-8", errors="replace"), path.name) is not None]
    assert taken == []


def test_a_page_the_user_calls_a_transcript_is_read_as_one() -> None:
    live = sorted((FIXTURES / "pages").glob("*.html"))[0]
    html = live.read_text(encoding="utf-8")
    assert read_record_page(html, live.name) is None
    assert read_record_page(html, live.name, force=True) is not None


@pytest.mark.parametrize("name", [p.name for p in sorted(PAGES.glob("*.html"))])
def test_every_record_page_has_at_least_eight_turns_all_attributed(name: str) -> None:
    page = _read(name)
    assert len(page.reading.posts) >= 8
    assert all(post.author or post.author_role for post in page.reading.posts)


def test_a_page_saved_from_singapores_hansard_is_timed_in_singapore_on_its_labelled_sitting_date():
    html = """<!DOCTYPE html><html lang="en">
<!-- saved from url=(0076)https://sprs.parl.gov.sg/search/#/sprs3topic?reportid=oral-answer-4417 -->
<head><title>Hansard</title></head><body>
<table class="metadata"><tr><td>Sitting Date:</td><td>06-10-2027</td></tr></table>
<div id="showTopic">
<p><strong>The Minister of State for Manpower (Ms Grace Lim Hui Ling)</strong>: Mr Speaker, Sir, about 3,200 members did.</p>
<p><strong>Mr Daniel Ho Wei Ming (Bukit Timah)</strong>: Will the Ministry publish more?</p>
<p><strong>1.30 pm</strong></p>
<p><strong>Mr Kumar Rajan (Nee Soon)</strong>: Will the Ministry consider a cooling-off period?</p>
</div></body></html>"""
    page = read_record_page(html, "sg.html")
    assert page is not None
    reading = page.reading
    assert (reading.parliament, reading.zone, reading.stated_date) == ("Parliament of Singapore", "Asia/Singapore", dt.date(2027, 10, 6))
    timed = reading.posts[2].published
    assert timed is not None and timed.utc == dt.datetime(2027, 10, 6, 5, 30, tzinfo=dt.UTC)


def test_the_congressional_records_typewritten_paragraphs_are_lines_of_their_own():
    text = (
        "[Congressional Record Volume 173, Number 98 (Tuesday, June 15, 2027)]\n[House]\n\n"
        "                   SMALL HARBOR DREDGING ACT OF 2027\n\n"
        "  Mr. HALVORSEN. Mr. Speaker, I move to suspend the rules and pass the \n"
        "bill (H.R. 3314).\n"
        "  The Clerk read the title of the bill.\n"
        "                              {time}  1415\n"
    )
    assert preformatted_paragraphs(text) == [
        (0, "[Congressional Record Volume 173, Number 98 (Tuesday, June 15, 2027)]"),
        (1, "[House]"),
        (3, "SMALL HARBOR DREDGING ACT OF 2027"),
        (5, "Mr. HALVORSEN. Mr. Speaker, I move to suspend the rules and pass the bill (H.R. 3314)."),
        (7, "The Clerk read the title of the bill."),
        (8, "{time} 1415"),
    ]


def test_a_time_anchor_with_the_sitting_date_in_it_reads_the_clock_not_the_date() -> None:
    html = """<html><body><main>
      <p>Wednesday, 2 June 2027</p>
      <p><a name="time_20270602 14:17:40"></a><strong>Dr TAMATI REWETI (Labour—Te Atatū)</strong>: Does he stand by it?</p>
      <p><a name="time_20270602 14:19:02"></a><strong>Hon RIA VOSS (Minister of Health)</strong>: Yes.</p>
    </main></body></html>"""
    texts = [text for _, text in page_record_lines(html)]
    assert texts[1] == "14:17" and texts[3] == "14:19"


def test_a_committees_question_number_set_apart_from_the_questioners_name_is_left_out() -> None:
    html = """<html><body><main>
      <p class="hs_Para"><a name="Q97"></a><b>Q97</b><b>Mark Dowse</b> (Tarnley) (Con)<b>:</b> How many disputes reach adjudication?</p>
      <p class="hs_Para"><b>Q98</b><b>Mark Dowse:</b> Would clause 4 change that?</p>
      <p class="hs_Para">Q4 results were strong.</p>
    </main></body></html>"""
    texts = [text for _, text in page_record_lines(html)]
    assert texts == [
        "Mark Dowse (Tarnley) (Con): How many disputes reach adjudication?",
        "Mark Dowse: Would clause 4 change that?",
        "Q4 results were strong.",
    ]


def test_a_speeches_permalink_glyph_is_no_part_of_the_speakers_line() -> None:
    html = """<html><body><main>
      <div class="speech"><div class="c-speech__header">
        <span class="c-avatar__name">An Leas-Cheann Comhairle</span>
        <a class="c-speech__link" href="#spk_1" title="Link to this speech">#</a></div>
        <div class="c-speech__body"><p>The Deputy is over time.</p><p><em>Interruptions.</em></p></div></div>
      <p>See <a href="#s2">section 2</a> of the Act.</p>
    </main></body></html>"""
    texts = [text for _, text in page_record_lines(html)]
    assert texts == ["An Leas-Cheann Comhairle", "The Deputy is over time.", "Interruptions.", "See section 2 of the Act."]


NZ_INTERJECTION = """<html><head><title>General Debate - New Zealand Parliament</title></head><body><main>
<h1>Hansard (Debates) - New Zealand Parliament</h1><p>Wednesday, 11 August 2027</p>
<p class="Speech"><a name="time_20270811 15:09:40"></a><strong>Hon RAJESH VARMA (Labour—Mt Roskill)</strong>: Well, what a speech.</p>
<p class="a">Families in Picton are still waiting.</p>
<p class="Interjection">Hon Marama Kohu: They were promised it by you.</p>
<p class="a">The Minister says we promised it.</p>
<p class="a">And we paid for it.</p>
<p class="Speech"><strong>Dr CAMERON BRUNT (ACT)</strong>: We have heard a lot.</p>
<p class="Interjection">Hon Rajesh Varma: Rubbish.</p>
<p class="Speech"><strong>Mr SPEAKER</strong>: Order!</p>
</main></body></html>"""


def test_after_an_interjection_the_member_who_held_the_floor_speaks_on() -> None:
    page = read_record_page(NZ_INTERJECTION, "nz.html", "https://www.parliament.nz/en/pb/hansard-debates/rhr/")
    assert page is not None
    turns = [(post.author, [p.text for p in post.paragraphs]) for post in page.reading.posts]
    assert turns == [
        ("Rajesh Varma", ["Well, what a speech.", "Families in Picton are still waiting."]),
        ("Marama Kohu", ["They were promised it by you."]),
        ("Rajesh Varma", ["The Minister says we promised it.", "And we paid for it."]),
        ("Cameron Brunt", ["We have heard a lot."]),
        ("Rajesh Varma", ["Rubbish."]),  # an interjection the next speaker follows: nobody resumes
        (None, ["Order!"]),
    ]


LORDS_AMENDMENT = """<html><head><title>Community Energy Bill - Hansard - UK Parliament</title></head><body><main>
<h1>Community Energy Bill</h1><p>Volume 840: debated on Tuesday 11 May 2027</p>
<div class="debate-item"><p class="hs_AmendmentHeading">Amendment 12</p></div>
<div class="debate-item"><p class="hs_AmendmentLevel1">Moved by</p></div>
<div class="debate-item"><p class="hs_AmendmentLevel0">Baroness Threlkeld</p></div>
<div class="debate-item"><p class="hs_AmendmentLevel1">12: Clause 4, page 3, line 11, leave out “may” and insert “must”</p></div>
<div class="debate-item"><p class="hs_AmendmentLevel1">Member’s explanatory statement</p></div>
<div class="debate-item"><p class="hs_AmendmentLevel1">This amendment would require the operator to give priority connection.</p></div>
<div class="debate-item"><p class="hs_Timeline">3.45 pm</p></div>
<div class="debate-item"><div class="attributed-to-details"><div class="primary-text">Baroness Threlkeld</div>
<div class="secondary-text">(LD)</div></div>
<div class="content"><p class="hs_Para">My Lords, in moving Amendment 12 I shall speak also to Amendment 14.</p></div></div>
<div class="debate-item"><div class="attributed-to-details"><div class="primary-text">Lord Fenwick-Hale</div>
<div class="secondary-text">(Con)</div></div>
<div class="content"><p class="hs_Para">My Lords, I support the amendment.</p></div></div>
<div class="debate-item"><p class="hs_Procedure">Amendment 12 agreed.</p></div>
<div class="debate-item"><p class="hs_Procedure">The Committee noted the Minister’s undertaking without a word said.</p></div>
<div class="debate-item"><div class="attributed-to-details"><div class="primary-text">Baroness Threlkeld</div>
<div class="secondary-text">(LD)</div></div>
<div class="content"><p class="hs_Para">I am grateful to the Minister.</p></div></div>
</main></body></html>"""


def test_a_lords_amendment_as_printed_is_no_turn_and_its_time_opens_the_movers_speech() -> None:
    page = read_record_page(LORDS_AMENDMENT, "lords.html")
    assert page is not None
    turns = _turns(page)
    assert [(author, first) for author, _, first, _ in turns] == [
        ("Baroness Threlkeld", "My Lords, in moving Amendment 12 I shall speak also to Amendment 14."),
        ("Lord Fenwick-Hale", "My Lords, I support the amendment."),
        ("Baroness Threlkeld", "I am grateful to the Minister."),
    ]
    assert turns[0][3] == "14:45Z"  # 3.45 pm BST, printed before the amendment's print times the mover's speech
    text = _all_text(page)
    for furniture in ("Moved by", "12: Clause 4", "explanatory statement", "priority connection", "Amendment 12 agreed.", "undertaking"):
        assert furniture not in text
    assert ((page.lines[-1][0], "I am grateful to the Minister.") not in page.procedure
            and any(text == "Moved by" for _, text in page.procedure))
