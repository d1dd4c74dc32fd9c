"""A quotation over several paragraphs is its speaker's all through: after "She said" whose
colon the copy lost, across a plain paragraph inside the blockquote, past the people her
words cite, and inside a quote whose marks were opened and not yet closed. The blog's
author speaks only for the blog, never inside somebody's quotation.

Every text here is invented: a water company's leaking reservoir, written the way live
blogs are.
"""

from __future__ import annotations

from tests.test_speakers_voice import attribute, by


def test_every_paragraph_of_a_blockquote_after_she_said_is_hers_not_the_blog_authors():
    names = attribute(by(
        None, None,
        "Water minister Carys Elwood has visited the Llyn Garw reservoir. Speaking to reporters at the dam, she said",
        "We are going to fix these leaks before the summer, and we will publish the figures every month.",
        "I expect that the regulator will say this is the right plan for the valley.",
        "The pipes under the valley are a hundred years old.",
        "Our engineers will start on the worst sections on Monday.",
        blog_author="Tom Pryce",
    ))
    assert names == [[["Carys Elwood"]] * 5]


def test_a_plain_paragraph_after_a_quotation_that_never_resumes_is_nobodys():
    names = attribute([
        "Carys Elwood said:",
        "We are going to fix these leaks before the summer.",
        "The reservoir supplies forty thousand homes.",
        "Its dam was built in 1911.",
        "The valley's farmers have asked for compensation.",
    ])
    assert names == [[["Carys Elwood"], ["Carys Elwood"], [], [], []]]


def test_a_person_named_inside_a_quotation_left_open_is_cited_not_speaking():
    names = attribute([
        "Carys Elwood told the committee: “We inherited a network that had been neglected for decades.",
        "For that reason, Professor Alun Hart, who chairs the review panel, agreed to publish his findings early.",
        "“The first repairs will begin in the valleys this spring.”",
    ])
    assert names == [[["Carys Elwood"]] * 3]


def test_a_person_named_after_a_quotation_that_is_not_taken_up_again_speaks_for_themselves():
    names = attribute([
        "Carys Elwood told the committee: “We inherited a network that had been neglected for decades.",
        "Professor Alun Hart, who chairs the review panel, said his findings would be published in June.",
    ])
    assert names == [[["Carys Elwood"], ["Alun Hart"]]]


def test_a_first_person_line_naming_somebody_else_is_not_given_to_the_blogs_author():
    names = attribute(by(
        None, None,
        "Water minister Carys Elwood has visited the pumping station at Llyn Garw.",
        "We are waiting to hear whether Carys Elwood will meet the families today.",
        "We'll have more on this as soon as we can.",
        blog_author="Tom Pryce",
    ))
    assert names[0][1] == []
    assert names[0][2] == ["Tom Pryce"]


# Carrying the last speaker over ---------------------------------------------------------
def test_a_plain_fact_after_somebody_speaks_is_not_carried_over_to_them():
    names = attribute([
        "Carys Elwood said the company would be fined for the leaks.",
        "Three other water companies are discussing plans to merge their billing systems.",
    ])
    assert names == [[["Carys Elwood"], []]]


def test_a_plan_stated_after_somebody_speaks_carries_them_over():
    names = attribute([
        "Carys Elwood said the company would be fined for the leaks.",
        "Under the rules, the company will also have to pay for repairs to the dam.",
    ])
    assert names == [[["Carys Elwood"], ["Carys Elwood"]]]


# Headlines that name their speaker --------------------------------------------------------
def test_a_headline_naming_its_speaker_before_a_colon_after_the_words_or_before_issues_is_theirs():
    names = attribute(
        ["## Elwood: no point fining the company while the dam still leaks",
         "Water minister Carys Elwood said fines alone would not fix the dam."],
        ["## 'We will not tolerate vandalism at the dam,' says Valley Police",
         "Valley Police said officers would patrol the reservoir overnight."],
        ["## No need to close the reservoir – water minister",
         "Water minister Carys Elwood said the reservoir would stay open."],
        ["## Valley Police issue update on reservoir arrests",
         "Valley Police said three people had been arrested."],
    )
    assert [post[0] for post in names] == [["Carys Elwood"], ["Valley Police"], ["Carys Elwood"], ["Valley Police"]]


def test_a_headline_label_that_is_a_place_or_names_nobody_speaking_is_nobodys():
    names = attribute(
        ["## Llangarw: reservoir path reopens after repairs", "The path around the reservoir reopened at noon."],
        ["## Reservoir repairs – live", "Engineers began work on the dam this morning."],
        ["## Dam inspection – Carys Elwood", "The dam was built in 1911."],
    )
    assert [post[0] for post in names] == [[], [], []]


def test_here_is_more_from_somebody_hands_them_the_floor():
    names = attribute([
        "Water minister Carys Elwood said the reservoir would stay open.",
        "Here is more from the minister on the repairs.",
        "The repairs will take six months and the bill will not fall on customers.",
    ])
    assert names == [[["Carys Elwood"]] * 3]


def test_a_plan_listed_after_somebody_announces_it_carries_them_over():
    names = attribute([
        "Carys Elwood said she would announce two changes.",
        "First, fining will be made automatic for every leak.",
    ])
    assert names == [[["Carys Elwood"], ["Carys Elwood"]]]
