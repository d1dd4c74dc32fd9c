"""Hearings, press conferences and interviews in a live blog: a question goes to the one the
blog said is asking, an answer to the one answering, and a question from somebody the blog
does not name goes to nobody.

Everything here is an invented committee session: the rules are about the layout, not about
any story's words.
"""

from __future__ import annotations

from pathlib import Path

from liveline.ingest.speakers.attribution import attribute_story
from liveline.ingest.speakers.story import Para, PostText
from tests.conftest import write


def speakers(*posts: list[str]) -> list[list[list[str]]]:
    """Speakers' names per paragraph, per post, the posts read as one page."""
    key = 0
    story = []
    for texts in posts:
        paragraphs = []
        for text in texts:
            key += 1
            paragraphs.append(Para(key, text))
        story.append(PostText(None, None, paragraphs))
    _, results = attribute_story([story])
    return [[[a.person.name for a in results[p.key]] for p in post.paragraphs] for post in story]


SITTING = [
    "The transport committee is taking evidence on the timetable collapse from Priya Kaur, chief executive of Northern Lines.",
    "Martin Hale (Con) is asking the questions.",
    "Q: Why were passengers not warned before the timetable changed?",
    "Kaur says the company did warn passengers, but the warnings came too late.",
    "Q: Did the minister tell you to delay the announcement?",
    "A: No. She says she took the decision herself.",
    "Now it's Labour's Fiona Grant asking questions.",
    "Q: Will anyone lose their bonus over this? A: That is a matter for the board.",
    "Next question: Will fares be refunded?",
    "Questions now from the committee chair, Owen Price.",
    "Q: When will the timetable be back to normal?",
]


def test_a_question_line_goes_to_the_member_the_blog_said_is_asking():
    said = speakers(SITTING)[0]
    assert said[1] == ["Martin Hale"]  # naming who asks now reports them asking
    assert said[2] == ["Martin Hale"]
    # A question's words are the asker's, even when they name somebody else.
    assert said[4] == ["Martin Hale"]
    assert said[10] == ["Owen Price"]  # "Questions now from the chair, Owen Price"


def test_an_answer_goes_to_the_witness_who_answered_last():
    said = speakers(SITTING)[0]
    assert said[3] == ["Priya Kaur"]
    assert said[5] == ["Priya Kaur"]  # "A: ..." and its "she says" are the witness's, not the asker's


def test_a_question_and_its_answer_in_one_line_list_the_asker_first():
    said = speakers(SITTING)[0]
    assert said[6] == ["Fiona Grant"]  # "Now it's Labour's Fiona Grant asking questions"
    assert said[7] == ["Fiona Grant", "Priya Kaur"]


def test_next_question_with_nobody_named_is_nobodys_and_ends_the_askers_turn():
    said = speakers(
        [
            "Dr Amara Osei, the trust's medical director, is taking questions from reporters.",
            "Next question: How many beds are empty tonight?",
            "Q: And how many staff are off sick?",
            "Osei says about one in ten nurses are off.",
        ]
    )[0]
    assert said[0] == ["Amara Osei"]
    assert said[1] == [] and said[2] == []  # asked by reporters the blog does not name
    assert said[3] == ["Amara Osei"]


def test_the_asker_does_not_carry_into_another_post():
    said = speakers(
        ["Martin Hale (Con) is asking the questions.", "Q: Why were passengers not warned?"],
        ["Q: Who signed off the new timetable?"],
    )
    assert said[0][1] == ["Martin Hale"]
    assert said[1] == [[]]  # another post: nobody is named asking there


def test_a_question_from_a_named_reporter_and_an_interview_layout():
    said = speakers(
        [
            "Economy minister Lena Fisch is holding a press conference in the capital.",
            "Question from the Daily Courier's Tom Abadi: will the fuel duty rise be reversed?",
            "A: We have no plans to reverse it.",
            "Q (Tom Abadi): Not even in the spring budget?",
            "Fisch says she will not speculate.",
        ]
    )[0]
    assert said[1] == ["Tom Abadi"]
    assert said[2] == ["Lena Fisch"]
    assert said[3] == ["Tom Abadi"]
    assert said[4] == ["Lena Fisch"]


def test_after_a_question_she_says_is_the_witness_and_one_who_was_asked_answers():
    said = speakers(
        [
            "Rosa Lind, the regulator's chief executive, is giving evidence to the committee.",
            "Dame Helen Morrow (Lab) is asking the questions.",
            "Q: Why did the regulator not act sooner?",
            "She says the law did not give the regulator the power to act.",
            "Lind said none had been paid this year when she was asked about bonuses.",
            "A: Not one.",
        ]
    )[0]
    assert said[0] == ["Rosa Lind"]  # giving evidence now: an appearance in progress
    assert said[2] == ["Helen Morrow"]
    assert said[3] == ["Rosa Lind"]  # the answer to a question, not the one who asked it
    assert said[4] == ["Rosa Lind"]
    assert said[5] == ["Rosa Lind"]  # one who "was asked" answers; she does not become the asker


def test_a_hearing_in_a_text_copy_is_attributed_in_the_timeline(cli, tmp_path: Path):
    import sqlite3

    blog = write(tmp_path, "hearing.txt", "\n".join([
        "Rail timetable hearing",
        "10:40",
        "Priya Kaur, chief executive of Northern Lines, is giving evidence to the transport committee.",
        "Martin Hale (Con) is asking the questions.",
        "Q: Why were passengers not warned before the timetable changed?",
        "A: We did warn them, but too late.",
        "Share",
        "10:30",
        "The committee sits at half past ten.",
        "Share",
    ]))
    db = tmp_path / "t.db"
    assert cli("ingest", str(blog), "--outlet", "Example News", "--date", "2024-03-01", "--db", str(db)).code == 0
    conn = sqlite3.connect(db)
    rows = dict(conn.execute(
        "SELECT pa.text, group_concat(pe.name) FROM paragraphs pa LEFT JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id "
        "LEFT JOIN people pe ON pe.id = ps.person_id GROUP BY pa.id"
    ).fetchall())
    conn.close()
    assert rows["Q: Why were passengers not warned before the timetable changed?"] == "Martin Hale"
    assert rows["A: We did warn them, but too late."] == "Priya Kaur"
