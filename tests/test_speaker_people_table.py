"""The people a reader sees for a story: no fragments of two sentences, no link text, no
places or bare offices listed as people, bodies listed as bodies, one entry per person or
body whatever form the text uses, and no phrase anybody could be ("the MP") made one
person's name for the whole story. Every story here is invented; nothing is from a gold set.
"""

from __future__ import annotations

from liveline.ingest.speakers.attribution import attribute_story
from liveline.ingest.speakers.registry import Person, Registry
from liveline.ingest.speakers.story import Para, PostText


def read(*posts: list[str]) -> tuple[Registry, list[list[list[str]]]]:
    """The story's registry, and speakers' names per paragraph, per post."""
    key = 0
    numbered = []
    for paragraphs in posts:
        paras = []
        for text in paragraphs:
            key += 1
            paras.append(Para(key, text))
        numbered.append(PostText(None, None, paras))
    registry, results = attribute_story([numbered])
    return registry, [[[a.person.name for a in results[p.key]] for p in post.paragraphs] for post in numbered]


def entry(registry: Registry, name: str) -> Person | None:
    return next((p for p in registry.people if p.name == name), None)


def test_a_name_never_runs_across_a_full_stop_even_when_the_space_after_it_is_lost():
    registry, names = read(
        [
            "The ferry did not sail on Friday. Kent Harbour Police said the quay would stay shut.",
            "The crowd left the square by Tuesday.Wessex Coast Police confirmed three arrests.",
        ]
    )
    assert names == [[["Kent Harbour Police"], ["Wessex Coast Police"]]]
    assert not [p.name for p in registry.people if "." in p.name]
    # However a body's name reaches the story's list, a sentence's end is cut from it.
    assert registry.learn_organisation("Castle Park. Kent Harbour Police").name == "Kent Harbour Police"


def test_link_text_before_a_speaker_is_not_part_of_their_name():
    registry, names = read(["Read more here Harbour Watch said the pier was unsafe."])
    assert names == [[["Harbour Watch"]]]
    assert [p.name for p in registry.people] == ["Harbour Watch"]


def test_a_constituency_is_a_place_not_a_person_or_a_body():
    registry, _ = read(
        [
            "Asked about the closures, the Westbury North and Anvil Hill MP told the radio station: “We need answers.”",
            "Jo Penn, the MP for Westbury North and Anvil Hill, said the town had been let down.",
            "Tarrow East said nothing when asked.",
        ]
    )
    names = {p.name for p in registry.people}
    assert not names & {"Anvil Hill", "Westbury North", "Tarrow East"}


def test_an_office_alone_with_no_holder_named_is_nobody():
    registry, names = read(["Chair said the meeting was over.", "Chief executive said the figures were wrong."])
    assert names == [[[], []]]
    assert registry.people == []


def test_bodies_whose_names_read_like_people_are_listed_as_bodies():
    registry, names = read(
        [
            "Police Scotland said the road had reopened.",
            "No buses will run after 9pm. East Riding Buses confirmed the change in a post on X.",
        ]
    )
    assert names == [[["Police Scotland"], ["East Riding Buses"]]]
    assert {p.kind for p in registry.people} == {"organisation"}


def test_police_alone_is_not_the_police_body_the_story_named_before():
    registry, names = read(["The Police Federation said officers were exhausted.", "Police said the road was closed."])
    assert names == [[["Police Federation"], []]]
    assert registry.learn_organisation("Police").name == "Police"
    assert registry.learn_organisation("Police Service of Wessex").name == "Police Service of Wessex"


def test_a_rank_and_a_surname_ending_in_s_keeps_its_s():
    _, names = read(
        [
            "Assistant Chief Constable Jenny Marks said the force was ready.",
            "Former chief constable Sue Mark said officers were well trained.",
            "Assistant Chief Constable Marks added: “We will find those responsible.”",
        ]
    )
    assert names[0][2] == ["Jenny Marks"]


def test_a_surname_and_the_same_with_a_final_s_are_two_names():
    registry = Registry()
    registry.learn_person("Sue Mark")
    assert registry.find_surname("Marks") is None


def test_a_body_cut_short_or_with_its_apostrophe_slipped_is_the_same_body():
    registry = Registry()
    capital = registry.learn_organisation("Metropolitan Police")
    chiefs = registry.learn_organisation("National Fire Chiefs' Council")
    assert registry.learn_organisation("Met Police") is capital
    assert registry.learn_organisation("National Fire Chief's Council") is chiefs
    assert len(registry.people) == 2


def test_the_mp_alone_in_a_later_post_is_not_whoever_it_meant_first():
    _, names = read(
        ["Labour MP Ann Lee said the harbour needed money.", "The MP added that the ferry was vital."],
        ["Conservative MP Tom Ray said the plan was sound."],
        ["The MP said the vote would be close."],
    )
    assert names == [[["Ann Lee"], ["Ann Lee"]], [["Tom Ray"]], [[]]]


def test_doubling_down_is_a_stance_taken():
    _, names = read(["Harbour Watch doubled down on its opposition to the dredging plan."])
    assert names == [[["Harbour Watch"]]]


def test_a_party_written_before_an_office_is_not_a_place():
    _, names = read(
        [
            "The Harbour Party MP, Jo Penn, asked about the pier.",
            "It followed calls for an inquiry from the Harbour Party and the Coastal Trust.",
        ]
    )
    assert names[0][1] == ["Harbour Party", "Coastal Trust"]


def test_a_first_name_alone_after_the_full_name_is_that_person():
    registry, names = read(
        [
            "Harbour master Mike Dorran said the quay would reopen. Asked when, Mike said the divers would decide.",
        ]
    )
    assert names == [[["Mike Dorran"]]]
    assert [p.name for p in registry.people] == ["Mike Dorran"]


def test_dame_or_sir_with_a_given_name_is_the_person_of_that_given_name():
    registry = Registry()
    jane = registry.learn_person("Dame Jane Tolley", "policing minister")
    assert registry.learn_person("Dame Jane") is jane
    assert len(registry.people) == 1


def test_dame_with_a_given_name_met_first_becomes_the_full_name_when_it_is_given():
    registry = Registry()
    first = registry.learn_person("Dame Jane", "policing minister")
    assert registry.learn_person("Dame Jane Tolley") is first
    assert first.name == "Jane Tolley"
    assert registry.find_surname("Tolley") is first


def test_a_first_name_alone_is_the_one_of_two_namesakes_named_in_full_beside_it():
    _, names = read(
        [
            "Councillor Mike Ross said the library would reopen.",
            "Inspector Mike Dorran said officers would stay. Asked when, Mike said the divers would decide.",
        ]
    )
    assert names[0][1] == ["Mike Dorran"]


def test_a_title_is_written_once_in_the_names_a_reader_sees():
    registry, _ = read(["Asked about the pier, harbour minister Dame Jane said it would reopen."])
    assert [sorted(p.aliases) for p in registry.people] == [["Dame Jane"]]
