"""Who is speaking: people learned from an invented story, then every paragraph attributed.

Nothing here is from the sample story: the same code must read a live blog about anything.
"""

from __future__ import annotations

import pytest

from liveline.ingest.speakers.attribution import attribute_story
from liveline.ingest.speakers.story import Para, PostText
from liveline.timeline.store import open_db
from tests.conftest import write

# A council flood-defence debate, in the BBC copy style (one line per paragraph).
DEBATE = [
    PostText(None, None, [
        "Environment Secretary Maria Lopez has just stood up to deliver her statement.",
        "She begins by thanking the emergency services for their work over the winter.",
        "We'll bring you the key lines here.",
    ]),
    PostText(None, None, [
        "Shadow environment secretary Tom Okafor says the plan is \"far too little, far too late\".",
        "He asks Lopez whether she will publish the full flood risk assessment.",
        "\"Families in flooded towns deserve better than this,\" Okafor says.",
        "The shadow environment secretary urges a full independent review.",
    ]),
    PostText(None, None, [
        "Labour MP for Northfield, Jenny Marsh, asks whether the money will reach rural areas.",
        "The MP says farmers have been ignored for years.",
        "Lopez responds by saying every area will get a share of the £40m fund.",
        "The fund will be split between 12 regional flood boards.",
        "Four rivers burst their banks last week.",
    ]),
    PostText("Kate Jones", "Environment correspondent", [
        "This is a significant change in the government's position.",
        "Yet now the environment secretary has agreed to fund local defences.",
        "Campaigners say they will keep up the pressure.",
    ]),
    PostText(None, None, [
        "A question from Sky News now, who ask whether the plan is enough?",
        "Okafor says no, and repeats his call for a review.",
    ]),
]


def attribute(posts: list[PostText]) -> list[list[list[str]]]:
    """Speakers' names per paragraph, per post."""
    key = 0
    numbered = []
    for post in posts:
        paragraphs = []
        for text in post.paragraphs:
            key += 1
            paragraphs.append(Para(key, text))
        numbered.append(PostText(post.author, post.author_role, paragraphs))
    _, results = attribute_story([numbered])
    return [[[a.person.name for a in results[p.key]] for p in post.paragraphs] for post in numbered]


@pytest.fixture(scope="module")
def debate():
    return attribute([PostText(p.author, p.author_role, list(p.paragraphs)) for p in DEBATE])


def test_full_names_with_roles_then_pronouns_within_a_post(debate):
    assert debate[0] == [["Maria Lopez"], ["Maria Lopez"], []]


def test_quotes_with_the_cue_before_or_after_and_role_phrases(debate):
    assert debate[1] == [["Tom Okafor"], ["Tom Okafor"], ["Tom Okafor"], ["Tom Okafor"]]


def test_role_appositions_generic_roles_and_reported_plans(debate):
    # "The MP" is the MP already speaking; a reported plan continues the speaker;
    # a plain fact is narration.
    assert debate[2] == [["Jenny Marsh"], ["Jenny Marsh"], ["Maria Lopez"], ["Maria Lopez"], []]


def test_a_journalists_analysis_is_theirs_unless_it_reports_someone(debate):
    # "Campaigners say ...": somebody unnamed speaks, which is never the correspondent.
    assert debate[3] == [["Kate Jones"], ["Maria Lopez"], []]


def test_question_from_a_broadcaster_then_the_answer(debate):
    assert debate[4] == [["Sky News"], ["Tom Okafor"]]


def test_misspellings_and_wrong_titles_resolve_to_the_same_person():
    names = attribute([
        PostText(None, None, ["Shadow environment secretary Tom Okafor said the plan was late."]),
        PostText(None, None, ["Environment Secretary Maria Lopez said the fund was fair."]),
        PostText(None, None, [
            "Tom Okafur told MPs the plan was inadequate.",
            "Mr Okafur said towns had waited too long.",
            "Mr Lopez replied that help was coming.",
        ]),
    ])
    assert names[2] == [["Tom Okafor"], ["Tom Okafor"], ["Maria Lopez"]]


def test_two_real_people_with_similar_names_stay_apart():
    names = attribute([
        PostText(None, None, [
            "Safeguarding minister Jess Phillips said the reforms were overdue.",
            "Shadow home secretary Chris Philp said they did not go far enough.",
            "Phillips said the government would act.",
            "Philp replied that victims had waited too long.",
        ]),
    ])
    assert names[0] == [["Jess Phillips"], ["Chris Philp"], ["Jess Phillips"], ["Chris Philp"]]


def test_quote_continuations_follow_the_speaker_of_the_open_quote():
    names = attribute([
        PostText(None, None, [
            "Council leader Priya Shah told reporters: \u201cWe have been clear from the start.",
            "\u201cThe money must reach the towns that flooded.\u201d",
            "The council meets again on Friday.",
        ]),
    ])
    assert names[0] == [["Priya Shah"], ["Priya Shah"], []]


def test_a_pronoun_goes_to_the_person_this_paragraph_names_not_the_last_speaker():
    names = attribute([
        PostText(None, None, [
            "Transport Secretary Alan Price said the new line would open in May.",
            "Interviewed on local radio, Rhys Bevan said the bare minimum when asked about Price’s plan. "
            "“We will look at it,” he said.",
            "In his reply to Price, Bevan was more robust. He said the delay was “shameful”.",
        ]),
    ])
    assert names[0] == [["Alan Price"], ["Rhys Bevan"], ["Rhys Bevan"]]


def test_what_someone_said_is_an_object_not_a_report():
    names = attribute([
        PostText(None, None, [
            "Mayor Ana Ruiz told the assembly the budget was balanced.",
            "The reaction to what Mr Ruiz said about the budget has been muted.",
        ]),
    ])
    assert names[0][1] == []


def test_someone_described_first_and_named_in_the_next_paragraph():
    names = attribute([
        PostText(None, None, [
            "Before the vote, we can report that the mayor has been sued by a former harbour engineer who founded a sailing school.",
            "Odile Brandt - who left the port authority in 2019 - has filed a claim against the council.",
            "The claim was filed in the high court.",
        ]),
        PostText(None, None, [
            "The council was also criticised by a local newspaper.",
            "The paper ran the story on Monday.",
        ]),
    ])
    assert names[0][0] == ["Odile Brandt"]
    assert names[1][0] == []  # described, but nobody named next: narration


def test_a_relative_clause_reports_its_antecedent_and_her_next_words():
    names = attribute([
        PostText(None, None, [
            "Transport Secretary Alan Price said the new line would open in May.",
            "Several councillors have broken ranks. They include harbour councillor Mia Torvald, who told Mr Price that the timetable was unrealistic.",
            "“We cannot build a railway on hope,” she added.",
        ]),
    ])
    assert names[0][1:] == [["Mia Torvald"], ["Mia Torvald"]]


def test_organisations_joined_by_and_both_speak_but_a_fronted_phrase_does_not():
    names = attribute([
        PostText(None, None, [
            "The Green Party and the Harbour Alliance have called for a public inquiry.",
            "Responding to councillor Mia Torvald, Transport Secretary Alan Price said the line was on time.",
            "Plaid, the Greens and Harbour First said the plan was late.",
        ]),
    ])
    assert names[0][0] == ["Green Party", "Harbour Alliance"]
    assert names[0][1] == ["Alan Price"]
    assert names[0][2] == ["Plaid", "Green Party", "Harbour First"]  # "the Greens" is the Green Party


def test_constituency_brackets_fronted_replies_and_a_missing_closing_comma():
    names = attribute([
        PostText(None, None, [
            "Labour MP Owen Pryce (Northfield) said the crossings were unsafe.",
            "Pryce, the MP for Northfield said the timetable was a fantasy.",
            "Labour MP Ruth Amos (Eastfield), who chairs the transport committee, suggested a review.",
        ]),
        PostText(None, None, [
            "Transport Secretary Alice Grey said the crossings were safe.",
            "Responding to shadow transport secretary Tom Okafor, she said the ferries would run.",
        ]),
    ])
    assert names == [[["Owen Pryce"], ["Owen Pryce"], ["Ruth Amos"]], [["Alice Grey"], ["Alice Grey"]]]


def test_a_pronoun_prefers_the_person_known_to_fit_it():
    names = attribute([
        PostText(None, None, ["Ms Alice Grey said she would publish the figures.", "Harbour master Nils Rook said the port was busy."]),
        PostText(None, None, [
            "Grey said the council backed work by Nils Rook, which she said had cut delays.",
        ]),
    ])
    assert names[1] == [["Alice Grey"]]  # not Rook, whom nothing says is a she


def test_initials_name_the_body_already_met():
    names = attribute([
        PostText(None, None, [
            "The Harbour Pilots Association accused the council of neglect.",
            "The HPA said the pier was unsafe.",
        ]),
    ])
    assert names[0] == [["Harbour Pilots Association"], ["Harbour Pilots Association"]]


def test_the_agent_of_a_passive_speech_act_speaks_and_its_subject_does_not():
    names = attribute([
        PostText(None, None, [
            "Mayor Ana Ruiz opened the session.",
            "It emerged that the mayor had been threatened with legal action by Odile Brandt over the harbour plan.",
            "The transport minister was criticised by the Green Party for the delay.",
            "The harbour wall was built by Thomas Telford in 1826.",
        ]),
    ])
    assert names[0][1:] == [["Odile Brandt"], ["Green Party"], []]


def test_a_name_then_a_role_at_a_named_body_is_the_name():
    names = attribute([PostText(None, None, [
        "Odile Brandt, chief officer at Harbour Advice Portside, said the centre would reopen.",
    ])])
    assert names[0] == [["Odile Brandt"]]


def test_ranks_before_a_surname_and_bodies_named_after_two_places():
    names = attribute([PostText(None, None, [
        "Assistant Chief Constable Jenny Marsh said officers were on patrol.",
        "Assistant Chief Constable Marsh said more arrests would follow.",
        "Avon and Somerset Police said two men had been charged.",
        "Police and Crime Commissioner Matt Storey said the force had done well.",
        "Harbour Federation says crews are exhausted.",
    ])])
    assert names[0] == [["Jenny Marsh"], ["Jenny Marsh"], ["Avon and Somerset Police"], ["Matt Storey"],
                        ["Harbour Federation"]]


def test_a_shared_surname_means_the_person_named_in_full_nearby():
    names = attribute([PostText(None, None, [
        "Meanwhile Daniel Marsh, 37, admitted possessing a hammer.",
        "Chants backed activist Tommy Marsh this week. Marsh has called for a rally.",
        "Marsh said he regretted it.",
    ])])
    assert names[0][1] == ["Tommy Marsh"]


def test_a_country_tag_does_not_make_another_party():
    names = attribute([
        PostText(None, None, [
            "Reform UK said the plan was a betrayal.",
            "The UK Reform Party had called for a vote.",
        ]),
    ])
    assert names[0] == [["Reform UK"], ["Reform UK"]]


def test_organisations_speak_too():
    names = attribute([
        PostText(None, None, [
            "Downing Street has insisted the review will go ahead.",
            "The plan follows calls from the Greens, Plaid and a handful of backbenchers.",
        ]),
    ])
    assert names[0] == [["Downing Street"], ["Greens", "Plaid"]]
    calls_for = attribute([PostText(None, None, [
        "It followed calls for a public inquiry from the Greens, Harbour First and some backbenchers into the delays.",
    ])])
    assert calls_for[0] == [["Greens", "Harbour First"]]


def test_speakers_command_and_filtering_posts_by_any_alias(cli, tmp_path):
    blog = "\n".join([
        "Environment Secretary Maria Lopez has just stood up.",
        "She says the £40m fund is fair.",
        "Share",
        "Shadow environment secretary Tom Okafor says the plan is late.",
        "The shadow environment secretary urges a review.",
        "Share",
    ])
    write(tmp_path, "blog.txt", blog)
    db = tmp_path / "t.db"
    assert cli("ingest", tmp_path / "blog.txt", "--outlet", "Daily", "--date", "2025-02-03", "--db", db).code == 0
    run = cli("speakers", "--db", db)
    assert "Maria Lopez" in run.out and "Environment Secretary" in run.out and "Tom Okafor" in run.out
    by_role = cli("posts", "--speaker", "the shadow environment secretary", "--db", db)
    assert "Tom Okafor says" in by_role.out and "Lopez" not in by_role.out
    by_surname = cli("posts", "--speaker", "LOPEZ", "--db", db)
    assert "has just stood up" in by_surname.out and "Okafor" not in by_surname.out
    missing = cli("posts", "--speaker", "Lopes", "--db", db)
    assert missing.code == 1 and "did you mean Maria Lopez" in missing.err
    people = {r[0]: r[1] for r in open_db(db).execute("SELECT name, kind FROM people")}
    assert people == {"Maria Lopez": "person", "Tom Okafor": "person"}
