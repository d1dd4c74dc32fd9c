"""Who a cue's subject is: the verbs news uses to report speech, organisations and roles
referred back to, people named by one word or by a description first, and one person
under several names. Every story here is invented; nothing is from a gold set.
"""

from __future__ import annotations

from liveline.ingest.speakers.story import PostText
from tests.test_speakers import attribute


def one_post(*paragraphs: str, author: str | None = None) -> list[list[str]]:
    return attribute([PostText(author, None, list(paragraphs))])[0]


# Verbs -------------------------------------------------------------------------------------


def test_the_verbs_of_news_and_headlines_report_speech():
    names = one_post(
        "Harbour Watch has slammed the dredging plan.",
        "Councillor Ben Ode hits out at the delay to the new ferry terminal.",
        "Mira Kant posted on X: “We will not give up on the pier.",
        "“Our town deserves better.”",
        "Oskar Vale tweeted that the port would stay closed.",
        "Ferry operators promise refunds for every cancelled crossing.",
        "Lena Brook pays tribute to the lifeboat crews.",
    )
    assert names == [["Harbour Watch"], ["Ben Ode"], ["Mira Kant"], ["Mira Kant"], ["Oskar Vale"], [], ["Lena Brook"]]


def test_a_statement_issued_is_the_issuers_and_its_quotation_follows():
    names = one_post(
        "The Coastal Trust has issued the following statement:",
        "“We are shocked by the damage done to the sea wall.”",
    )
    assert names == [["Coastal Trust"], ["Coastal Trust"]]


def test_an_outlet_reports_what_its_reporters_found():
    names = one_post(
        "Reporters from the Harbour Gazette have reported flares being thrown near the quay.",
        "Two ferries were turned back at the breakwater, Harbour Gazette reports.",
        "Crews worked through the night to clear the slipway, reports the Evening Lamp.",
    )
    assert names == [["Harbour Gazette"], ["Harbour Gazette"], ["Evening Lamp"]]


def test_reports_and_promises_as_nouns_or_passives_attribute_nobody():
    names = one_post(
        "Amid reports of looting, shops on the quay closed early.",
        "The fire was reported to the coastguard at 6pm.",
        "The promised review of the sea wall never came.",
        "The harbour master's claim was thrown out by the tribunal.",
        "Kent Police posted officers at the gates overnight.",
    )
    assert names == [[], [], [], [], []]


def test_a_speaker_taking_their_turn_in_a_briefing_by_surname_alone():
    names = attribute([
        PostText(None, None, [
            "Okonjo is showing slides of the hull from every voyage since 1990.",
            "He proposes a photo of the keel as the next slide.",
        ]),
        PostText(None, None, ["Vance signs off:", "“See you all on the water.”"]),
    ])
    assert names == [[["Okonjo"], ["Okonjo"]], [["Vance"], ["Vance"]]]


def test_plural_common_nouns_places_and_things_are_not_people_by_one_word():
    names = attribute([
        PostText(None, None, [
            "Crowds gathered in Ramsgate on Friday night.",
            "Officials said the pier would reopen.",
            "Ramsgate says goodbye to its pier this weekend.",
            "Nasa launches a new rover.",
            "The Nasa scientists were delighted.",
        ]),
    ])
    assert names[0] == [[], [], [], [], []]


# Organisations referred back to -----------------------------------------------------------


def test_an_organisation_is_referred_back_to_by_its_head_noun():
    names = attribute([
        PostText(None, None, [
            "The Harbour Pilots Federation says crews are exhausted.",
            "Rest days have been cancelled for a month, the federation said.",
        ]),
        PostText(None, None, [
            "Coastwatch International has condemned the attacks on lifeboat stations.",
            "In a statement, the group said the attacks were “utterly shameful”.",
        ]),
        PostText(None, None, [
            "The Royal College of Pilots highlighted abuse of its members.",
            "The College urged pilots to travel in pairs.",
        ]),
        PostText(None, None, [
            "Kent Police confirmed two arrests at the harbour.",
            "In an update, the force said more officers would be on patrol.",
        ]),
    ])
    assert names == [
        [["Harbour Pilots Federation"], ["Harbour Pilots Federation"]],
        [["Coastwatch International"], ["Coastwatch International"]],
        [["Royal College of Pilots"], ["Royal College of Pilots"]],
        [["Kent Police"], ["Kent Police"]],
    ]


def test_a_head_noun_that_no_organisation_in_the_post_has_is_nobody():
    names = attribute([
        PostText(None, None, ["Kent Police confirmed two arrests at the harbour."]),
        PostText(None, None, [
            "A group of anglers gathered on the quay.",
            "The group said they would not leave.",
            "The council said the quay would stay open.",
        ]),
    ])
    assert names[1] == [[], [], []]


def test_a_spokesperson_speaks_for_the_body_just_named():
    names = one_post(
        "The vigil was organised by Save our Pier. A spokesperson said: “Everyone is welcome.”",
        "A spokeswoman for Dunmore Lifeboats said the crew were safe.",
        "Staff from the Harbour Trust said the gates would open at nine.",
    )
    assert names == [["Save our Pier"], ["Dunmore Lifeboats"], ["Harbour Trust"]]


def test_a_body_referred_to_as_it():
    names = one_post(
        "Dunmore Harbour Board closed the slipway, as it warned that the wall was unsafe.",
        "It also promised a full inspection.",
    )
    assert names == [["Dunmore Harbour Board"], ["Dunmore Harbour Board"]]


def test_a_towns_police_is_the_force_the_story_names_there():
    names = attribute([
        PostText(None, None, ["Kent Police say they will step up patrols in Dover tonight."]),
        PostText(None, None, [
            "Dover police promise a “firm” response",
            "Police in Dover are at the harbour, as it promised arrests would follow.",
            "In an update, the force said: “We are ready.”",
        ]),
    ])
    assert names[1] == [["Kent Police"], ["Kent Police"], ["Kent Police"]]


# Roles --------------------------------------------------------------------------------------


def test_a_role_of_a_body_names_its_holder_or_stands_for_them():
    names = attribute([
        PostText(None, None, ["The head of the Port Authority has condemned the attack."]),
        PostText(None, None, [
            "Jo Marr, chief executive of Harbour Trust, said the repairs would take a year.",
            "The chief executive of Harbour Trust added that insurers had been told.",
        ]),
        PostText(None, None, [
            "The Leader of Dunmore Council, Councillor Ravi Mehta MBE, has issued the following statement:",
            "“This is a sad day for our town.”",
        ]),
    ])
    assert names == [
        [["Head of the Port Authority"]],
        [["Jo Marr"], ["Jo Marr"]],
        [["Ravi Mehta"], ["Ravi Mehta"]],
    ]


def test_a_role_with_a_place_in_front_is_the_holder_of_the_shorter_role():
    names = attribute([
        PostText(None, None, [
            "Kentish Police and Crime Commissioner pays tribute to volunteers",
            "Police and Crime Commissioner Ada Lowe said: “They were magnificent.”",
        ]),
    ])
    assert names[0] == [["Ada Lowe"], ["Ada Lowe"]]


# Descriptions named next, and one person under several names ------------------------------------


def test_a_description_as_subject_is_the_person_named_next():
    names = attribute([
        PostText(None, None, [
            "An MP in Dunmore has slammed the vandals who damaged the lifeboat station.",
            "Ravi Mehta posted on X: “Our crews deserve better.”",
        ]),
        PostText(None, None, [
            "A resident has slammed the delays.",
            "The council meets on Friday.",
        ]),
    ])
    assert names == [[["Ravi Mehta"], ["Ravi Mehta"]], [[], []]]


def test_a_journalist_of_a_paper_is_a_person():
    names = one_post("Ada Lowe of the Harbour Gazette asks whether the pier will reopen.")
    assert names == [["Ada Lowe"]]


def test_one_person_by_full_name_surname_role_and_titles():
    names = attribute([
        PostText(None, None, ["Hale says the fund is ready."]),
        PostText(None, None, [
            "Petra Hale, the minister for coastal affairs, says the money will arrive in May.",
            "The minister for coastal affairs says councils will bid for it.",
            "Cllr Ben Ode MBE said the bidding was unfair.",
            "Councillor Ode added that small towns would lose out.",
        ]),
    ])
    assert names == [[["Petra Hale"]], [["Petra Hale"], ["Petra Hale"], ["Ben Ode"], ["Ben Ode"]]]


# What is not a report ------------------------------------------------------------------------


def test_a_plea_in_court_a_question_put_and_a_headline_passive_are_not_reports():
    names = attribute([
        PostText(None, None, [
            "Harbour master Ana Ruiz said the pier was safe.",
            "Tom Vale, 43, admitted a single charge of criminal damage.",
            "Ruiz says she has not been told. Will she admit the pier was unsafe?",
        ]),
        PostText(None, None, ["Harbour master questioned by councillors"]),
    ])
    assert names == [[["Ana Ruiz"], [], ["Ana Ruiz"]], [[]]]


def test_what_one_speaker_says_another_promised_is_the_first_speakers_report():
    names = one_post(
        "Transport Secretary Alan Price said the line would open in May.",
        "Councillor Ben Ode says the transport secretary promised a station by 2030.",
    )
    assert names == [["Alan Price"], ["Ben Ode"]]


def test_a_role_anybody_may_hold_names_nobody_unless_the_story_gave_it_to_someone():
    names = one_post(
        "The prosecutor said the footage was clear.",
        "A spokesperson said the ferry would sail.",
        "Crown prosecutor Ada Lowe said the case was strong.",
        "The prosecutor said she would appeal.",
    )
    assert names == [[], [], ["Ada Lowe"], ["Ada Lowe"]]


def test_the_last_of_a_list_is_no_surname():
    names = one_post("Earlier ferries including Resolute and Endeavour have suggested the route was safe.")
    assert names == [[]]


# Bodies, named by what they are -------------------------------------------------------------


def test_bodies_introduced_by_what_they_are_and_their_spokespeople():
    names = attribute([
        PostText(None, None, [
            "The ferry operator Solent Link says sailings will resume on Monday.",
            "A spokesperson for the operator said: “Safety comes first.”",
        ]),
        PostText(None, None, [
            "Marlow Haulage, which runs the depot, has responded to the closure.",
            "The company says drivers will be paid.",
        ]),
        PostText(None, None, [
            "A Department for Harbours spokeswoman said the review would report in June.",
            "The Department for Harbours said it would not comment.",
        ]),
    ])
    assert names == [
        [["Solent Link"], ["Solent Link"]],
        [["Marlow Haulage"], ["Marlow Haulage"]],
        [["Department for Harbours"], ["Department for Harbours"]],
    ]


def test_a_body_named_a_paragraph_earlier_is_the_department_referred_to():
    names = one_post(
        "Asked about the closure, officials at the Harbour Office pointed to last week's figures.",
        "The department said then that the pier was “under review”.",
    )
    assert names[1] == ["Harbour Office"]


def test_the_asker_of_a_fronted_question_speaks_too():
    names = one_post("Asked by Ada Lowe whether the pier would reopen, Ana Ruiz said it would not.")
    assert set(names[0]) == {"Ada Lowe", "Ana Ruiz"}


def test_a_name_and_its_role_given_together_are_the_person():
    from liveline.ingest.speakers.references import reference_shape

    assert reference_shape("Ana Ruiz, the former harbour chief")[:4] == ("name", "Ana Ruiz", None, "former harbour chief")
    assert reference_shape("the harbour chief, Ana Ruiz")[1] == "Ana Ruiz"


def test_a_pronoun_after_an_exchange_does_not_make_the_speaker_that_gender():
    names = attribute([
        PostText(None, None, [
            "Ana Ruiz says the pier is safe.",
            "Tom Vale says she has not answered.",
            "Does that include the slipway, he asks.",
        ]),
    ])
    assert names[0][2] == ["Tom Vale"]


def test_a_bare_verb_form_used_as_a_noun_reports_nothing():
    names = attribute([
        PostText(None, None, ["Councillor Ben Ode said the pier would reopen."]),
        PostText(None, None, [
            "Power demand expected to peak this afternoon",
            "The shadow chancellor focused on the housing pledge, calling it “a promise heard before”.",
            "Harbour staff promise a quick repair.",
        ]),
    ])
    assert names[1][:2] == [[], []]


def test_capitalised_common_words_before_a_verb_are_not_surnames():
    names = one_post(
        "Turnout confirmed at 71%",
        "Opposition tables amendments",
        "Counting began on time at all four centres.",
        "Clean-up begins",
    )
    assert names == [[], [], [], []]


def test_hearsay_passives_and_wire_credits_are_not_speakers():
    names = one_post(
        "The ferries are believed to be heading for Calais.",
        "Ana Ruiz said the pier would reopen in May, Reuters reports.",
        "Two more ferries were cancelled overnight, Reuters reports.",
    )
    assert names == [[], ["Ana Ruiz"], ["Reuters"]]


def test_a_countrys_institutions_and_a_persons_spokesperson():
    names = attribute([
        PostText(None, None, ["Earlier the Dutch government said the port would stay open."]),
        PostText(None, None, [
            "Harbour minister Ana Ruiz’s spokesperson said there were no plans to close it.",
            "Asked about the ferries, the spokesperson said:",
        ]),
    ])
    assert names == [[["Dutch government"]], [["Ana Ruiz"], ["Ana Ruiz"]]]


def test_surnames_with_particles_and_a_brand_written_two_ways():
    names = attribute([
        PostText(None, None, [
            "The head of the Port Authority, Ursula van der Berg, has said the pier is safe.",
            "Van der Berg said it would reopen in May.",
        ]),
        PostText(None, None, [
            "HarbourLive reports that the ferry has docked.",
            "Crews cheered as it arrived, Harbour Live reports.",
        ]),
    ])
    assert names == [[["Ursula van der Berg"], ["Ursula van der Berg"]], [["HarbourLive"], ["HarbourLive"]]]


def test_a_place_before_an_office_is_the_office_of_that_place():
    names = attribute([
        PostText(None, None, ["Dunmore mayor says pier will reopen"]),
        PostText(None, None, ["Ravi Mehta, the mayor of Dunmore, said the repairs were under way."]),
    ])
    assert names == [[["Ravi Mehta"]], [["Ravi Mehta"]]]


def test_a_person_known_by_surname_is_named_in_full_once_the_story_gives_the_full_name():
    from liveline.ingest.speakers.registry import Registry

    registry = Registry()
    okonjo = registry.learn_person("Okonjo")
    assert registry.learn_person("Ada Okonjo") is okonjo and okonjo.name == "Ada Okonjo"


# Words that say when, and offices addressed ----------------------------------------------


def test_calling_something_in_quotes_is_saying_it_and_a_phone_call_is_not():
    names = one_post(
        "Councillor Ben Ode called the ferry delay “a slap in the face for islanders”.",
        "Mira Kant called the harbour master on Tuesday.",
    )
    assert names == [["Ben Ode"], []]


def test_a_speech_named_only_to_say_when_puts_no_words_in_the_speakers_mouth():
    names = one_post(
        "Harbour minister Lena Brook will make a statement to the assembly.",
        "We will bring you the key lines as she speaks.",
        "Protesters gathered outside while Brook spoke.",
        "Brook spoke for twenty minutes about the sea wall.",
    )
    assert names == [[], [], [], ["Lena Brook"]]


def test_an_office_addressed_or_named_whole_is_its_holder_not_a_namesake():
    names = one_post(
        "Deputy Speaker Rosa Ashe said the House would sit late.",
        "Mr Speaker said the debate would continue.",
        "The Deputy Speaker said members must be brief.",
    )
    assert names[0] == ["Rosa Ashe"] and names[2] == ["Rosa Ashe"]
    assert names[1] != ["Rosa Ashe"]  # the Speaker, addressed, is not the Deputy Speaker


def test_the_shadow_holder_of_an_office_is_not_its_holder():
    names = one_post(
        "Shadow home secretary Ann Lee said the plan was too late.",
        "The home secretary said the plan would go ahead.",
    )
    assert names[0] == ["Ann Lee"] and names[1] != ["Ann Lee"]
