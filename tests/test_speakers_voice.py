"""Who speaks where no "X says" does: quoted tweets, colon introductions and the quotation
after them, headlines that quote the body, and when a line is its writer's own.

Every text here is invented: a harbour town's ferry dispute, written the way live blogs are.
"""

from __future__ import annotations

from liveline.ingest.speakers.attribution import attribute_story
from liveline.ingest.speakers.lead_ins import lead_in
from liveline.ingest.speakers.story import Para, PostText
from liveline.ingest.speakers.tweets import TWEET_MAX_CHARS, signature
from liveline.timeline.store import open_db
from tests.conftest import write

HEADLINE = "## "  # marks a headline paragraph in these tests


def attribute(*posts: PostText | list[str]) -> list[list[list[str]]]:
    """Speakers' names per paragraph, per post; a post given as a list of strings has no
    byline; "## " starts a headline."""
    key = 0
    numbered: list[PostText] = []
    for post in posts:
        post = post if isinstance(post, PostText) else PostText(None, None, list(post))
        paragraphs = []
        seen: dict[str, int] = {}
        for text in post.paragraphs:
            assert isinstance(text, str)
            key += 1
            part = "headline" if text.startswith(HEADLINE) else "body"
            text = text.removeprefix(HEADLINE)
            paragraphs.append(Para(key, text, part, duplicate_of=seen.get(text)))
            seen.setdefault(text, key)
        numbered.append(PostText(post.author, post.author_role, paragraphs, blog_author=post.blog_author))
    _, results = attribute_story([numbered])
    return [[sorted(a.person.name for a in results[p.key]) for p in post.paragraphs] for post in numbered]


def by(author: str | None, role: str | None, *paragraphs: str, blog_author: str | None = None) -> PostText:
    return PostText(author, role, list(paragraphs), blog_author=blog_author)  # type: ignore[arg-type]


# Tweets ---------------------------------------------------------------------------------
def test_a_tweet_quoted_in_a_post_is_attributed_to_the_account_that_signed_it():
    names = attribute([
        "Harbour master Ifan Rees has told crews the north quay is closed.",
        "Ferries to the islands will leave from the south quay until further notice. Check times before you travel.",
        "— Portmaddy Harbour (@portmaddyhbr) March 3, 2025",
    ])
    assert names == [[["Ifan Rees"], ["Portmaddy Harbour"], []]]


def test_a_statement_quoted_just_above_a_tweet_stays_its_speakers_words():
    names = attribute([
        "From Dan Whitley, the rail minister:",
        "We expect every operator to keep passengers informed.",
        "Stranded again. Three hours, no announcements, no water.",
        "— Maya Osei (@mayaosei) March 4, 2024",
    ])
    assert names == [[["Dan Whitley"], ["Dan Whitley"], ["Maya Osei"], []]]


def test_a_body_known_from_its_tweet_is_the_same_body_when_it_speaks_later():
    _, results = attribute_story([[
        PostText(None, None, [Para(1, "Coastal routes suspended until further notice."),
                              Para(2, "— Kestrel Citylink (@kestrelcl) March 3, 2025")]),
        PostText(None, None, [Para(3, "Kestrel Citylink said the coastal routes would reopen on Friday.")]),
    ]])
    tweeted, said = results[1][0].person, results[3][0].person
    assert (tweeted.name, tweeted.kind) == ("Kestrel Citylink", "organisation")
    assert said is tweeted  # one entry, not a body and a person of the same name


def test_a_persons_tweet_goes_to_them_and_their_handle_names_them_too(cli, tmp_path):
    blog = "\n".join([
        "Tensions rise on the quay",
        "Local MP Nia Tovey has appealed for calm.",
        "Nia Tovey posted on X: “Portmaddy is a town that looks after its own.”",
        "“Anyone who comes here to cause trouble will face the law.”",
        "Please stay away from the quay tonight and follow the advice of the harbour police https://t.co/abc123",
        "— Nia Tovey MP (@NiaToveyMP) March 3, 2025",
        "Share",
    ])
    write(tmp_path, "blog.txt", blog)
    db = tmp_path / "t.db"
    assert cli("ingest", tmp_path / "blog.txt", "--outlet", "Daily", "--date", "2025-03-03", "--db", db).code == 0
    conn = open_db(db)
    rows = conn.execute(
        "SELECT pa.text, pe.name FROM paragraphs pa LEFT JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id "
        "LEFT JOIN people pe ON pe.id = ps.person_id ORDER BY pa.seq"
    ).fetchall()
    speaker = {text: name for text, name in rows}
    assert speaker["Please stay away from the quay tonight and follow the advice of the harbour police https://t.co/abc123"] == "Nia Tovey"
    assert speaker["— Nia Tovey MP (@NiaToveyMP) March 3, 2025"] is None  # the credit line is nobody's words
    assert cli("posts", "--speaker", "@NiaToveyMP", "--db", db).code == 0


def test_where_a_tweet_starts_a_label_an_earlier_tweet_and_its_introduction_end_it():
    names = attribute(
        [
            "#ThrowbackThursday",
            "Forty years ago today the first ferry crossed to the islands.",
            "— Island Ferries (@islandferries) March 3, 2025",
            "And the crew of the new ferry are on board. Next stop: the islands.",
            "- Island Ferries (@islandferries) 3 March 2025",
        ],
        [
            "From council leader Ruth Amos:",
            "The ferry is the town's lifeline and we will keep it running.",
            "— Ruth Amos (@RuthAmosCllr) March 3, 2025",
        ],
    )
    assert names[0] == [[], ["Island Ferries"], [], ["Island Ferries"], []]
    assert names[1] == [["Ruth Amos"], ["Ruth Amos"], []]


def test_a_paragraph_too_long_for_one_tweet_is_the_blogs_not_the_accounts():
    long_narration = "The dispute began in January when the operator cut the winter timetable. " * 4
    assert len(long_narration) > TWEET_MAX_CHARS
    names = attribute([long_narration, "Sailings are back to normal. pic.twitter.com/x1y2", "— Island Ferries (@islandferries) March 3, 2025"])
    assert names == [[[], ["Island Ferries"], []]]


def test_credit_lines_in_their_written_forms():
    assert signature("— Nia Tovey MP (@NiaToveyMP) March 3, 2025").name == "Nia Tovey"
    assert signature("- Island Ferries (@islandferries) 3 March 2025").handle == "islandferries"
    assert signature("— Ruth Amos (@RuthAmosCllr)").name == "Ruth Amos"
    assert signature("— a dash before a sentence (@someone) is not a credit line, is it?") is None
    assert signature("- Ruth Amos (@RuthAmosCllr)") is None  # a hyphen bullets lists too: only with a date


# Colon introductions and quotation runs --------------------------------------------------
def test_a_colon_introduction_hands_the_floor_until_the_blog_speaks_again():
    names = attribute([
        "Harbour commissioner Owen Pryce gave evidence to the transport committee this morning. Pryce said:",
        "I think the operator has let this town down, and I said so to their face.",
        "Frankly the timetable they published in January was never going to work.",
        "Here is the clip of the exchange.",
        "Transport Secretary Alice Grey is due to reply this afternoon.",
    ])
    assert names == [[["Owen Pryce"], ["Owen Pryce"], ["Owen Pryce"], [], []]]


def test_introductions_by_name_role_or_from_with_the_quotation_after_them():
    names = attribute(
        ["Gwen Harlow, the former ferries minister:", "“Nobody should be stranded on an island in winter.”"],
        ["From Transport Secretary Alice Grey:", "Every sailing will be restored by Easter."],
        ["Tom Okafor, the shadow transport secretary: “This is a fiasco.”"],
        ["The Leader of Portmaddy Council, Councillor Ruth Amos MBE, has issued the following statement:",
         "“We will not let the islands be cut off.”"],
    )
    assert names == [
        [["Gwen Harlow"], ["Gwen Harlow"]],
        [["Alice Grey"], ["Alice Grey"]],
        [["Tom Okafor"]],
        [["Ruth Amos"], ["Ruth Amos"]],
    ]


def test_the_ways_a_blog_points_at_somebody_s_words():
    names = attribute(
        ["Here is Alice Grey’s statement:", "“The ferries will run.”"],
        ["This is from the Courier’s Sam Reed:", "The operator has been silent for a week and the islanders are furious."],
        ["And this is what Tom Okafor told reporters:", "It is a shambles from start to finish."],
        ["More from the Islands Council:", "“We are not giving up.”"],
    )
    assert names == [
        [["Alice Grey"], ["Alice Grey"]],
        [["Sam Reed"], ["Sam Reed"]],
        [["Tom Okafor"], ["Tom Okafor"]],
        [["Islands Council"], ["Islands Council"]],
    ]
    assert lead_in("The ferry sails from Portmaddy:") is None  # from a place, not a person
    assert not lead_in("Officials released this statement:").lone_word  # a plural, not a surname
    assert lead_in("Alice Grey has a busy week ahead:") is None  # a list follows, not her words
    assert lead_in("Key dates for Alice Grey:") is None


def test_a_quotation_run_ends_at_a_new_cue_or_the_speaker_named_in_the_third_person():
    names = attribute([
        "Transport Secretary Alice Grey said:",
        "We have listened to the islanders.",
        "Shadow transport secretary Tom Okafor said the promise came too late.",
        "Tom Okafor said:",
        "This government has been asleep at the wheel.",
        "Okafor has asked for the timetable to be published.",
    ])
    assert names == [[["Alice Grey"], ["Alice Grey"], ["Tom Okafor"], ["Tom Okafor"], ["Tom Okafor"], ["Tom Okafor"]]]
    run_over = attribute([
        "Alice Grey said:",
        "We have listened.",
        "Grey was speaking at the harbour office, where the ferry crews had gathered since dawn.",
    ])
    assert run_over == [[["Alice Grey"], ["Alice Grey"], []]]


def test_a_blockquote_is_the_speakers_while_it_speaks_as_she_would_and_ends_at_plain_narration():
    names = attribute([
        "Former harbour minister Gwen Harlow said the strike had gone on too long.",
        "And from Tom Okafor, the shadow transport secretary:",
        "The timetable was never realistic. Officials said so in January.",
        "You cannot run an island service on goodwill, and ministers should stop pretending otherwise.",
        "More than 40 sailings have been cancelled since the strike began.",
    ])
    # An unnamed "Officials said" inside the quotation is still his words; the count of
    # cancelled sailings, in no speaker's voice, is the blog's again.
    assert names == [[["Gwen Harlow"], ["Tom Okafor"], ["Tom Okafor"], ["Tom Okafor"], []]]


def test_lead_ins_that_name_nobody_introduce_nobody():
    for text in ["To recap:", "Here is the agenda:", "This is the timetable:", "UPDATE: “The ferry is running.”", "WATCH:"]:
        assert lead_in(text) is None, text
    assert lead_in("Next question: When will the ferry sail?") is None  # no colon ending, no quotation
    names = attribute([
        "Transport Secretary Alice Grey told reporters she had listened to the islands.",
        "To recap:",
        "The ferry will sail on Friday.",
        "Answers include:",
        "“We have been stuck here for a week.”",
        "The key points are:",
        "Crews will return on Monday.",
    ])
    assert names == [[["Alice Grey"], [], [], [], [], [], []]]


def test_a_surname_met_only_in_its_sign_off_is_a_speaker():
    names = attribute([
        "The briefing is over. Ferraro signs off:",
        "“Fair winds to everyone crossing tonight.”",
    ])
    assert names == [[["Ferraro"], ["Ferraro"]]]


# Bylines and the writer's own voice ---------------------------------------------------------
def test_narration_under_a_plain_byline_is_nobodys():
    names = attribute(by(
        "Kate Jones", None,
        "## Ferry crews walk out",
        "Ferry crews walked out at noon after talks broke down.",
        "One union says the strike could last a week.",
        "That means the islands could be cut off until Monday.",
        "I'll bring you the latest as it happens.",
        "Crews on the picket line at the north quay. Photograph: Jane Roe/Agency",
    ))
    assert names == [[[], [], [], ["Kate Jones"], ["Kate Jones"], []]]


def test_an_analysis_post_is_its_writers_except_what_others_say_and_captions():
    names = attribute(by(
        "Kate Jones", "Transport correspondent",
        "The operator has badly misjudged the mood of the islands.",
        "Crews say they were never consulted.",
        "The timetable was published in January.",
        "Crews on the picket line. Photograph: Jane Roe/Agency",
    ))
    assert names == [[["Kate Jones"], [], ["Kate Jones"], []]]


def test_a_verdict_post_without_a_byline_is_the_blog_authors_when_the_page_names_one():
    verdict = ["## Ferry debate – snap verdict", "Grey had the better of the exchanges.", "The numbers were on her side."]
    named = attribute(by(None, None, *verdict, blog_author="Sam Reed"))
    assert named == [[[], ["Sam Reed"], ["Sam Reed"]]]
    unnamed = attribute(by(None, None, *verdict))
    assert unnamed == [[[], [], []]]
    voice = attribute(by(None, None, "The ferry sailed at noon.", "That's all from me for today.", "Here is our story on the strike.",
                         blog_author="Sam Reed"))
    assert voice == [[[], ["Sam Reed"], []]]  # a pointer is the blog's furniture, first person or not
    news = attribute(by(None, None, "## Operator declines to comment on strike", "The operator has not replied.", blog_author="Sam Reed"))
    assert news == [[[], []]]  # "comment" in a news headline is no label of analysis


def test_a_pronoun_after_somebody_unnamed_does_not_reach_back_to_an_earlier_post():
    names = attribute(
        ["Transport Secretary Alice Grey said the ferry would sail."],
        by("Kate Jones", None,
           "A teacher at the island school said pupils had missed a week of lessons.",
           "She said: “The children have been let down.”"),
    )
    assert names[1] == [[], []]


# Headlines quoting the body --------------------------------------------------------------
def test_a_quotation_headline_goes_to_the_speaker_it_quotes():
    names = attribute([
        "## 'The islands must never be cut off again'",
        "The Islands Council said the strike was “a disgrace”.",
        "Council leader Ruth Amos said: “The islands must never be cut off again, whatever it takes.”",
    ])
    assert names == [[["Ruth Amos"], ["Islands Council"], ["Ruth Amos"]]]
    scare_quotes = attribute(["## Ferry crews 'at breaking point'", "Crews walked out at noon."])
    assert scare_quotes == [[[], []]]
    cut_from_the_body = attribute([
        "## Inspector: crews 'were never told the rules had changed'",
        "The Islands Council said the strike was “regrettable”.",
        "Reading her report, chief inspector Mia Torvald said crews “were never told the rules had changed” before the walkout.",
    ])
    assert cut_from_the_body[0][0] == ["Mia Torvald"]
    echo = attribute([
        "## Islanders blow 'horns for the ferry' at the quay",
        "The Islands Council said: “Everyone is welcome to bring horns and blow them for the ferry crews.”",
    ])
    assert echo[0][0] == []  # the body's words are not the headline's phrase: scare quotes


def test_a_headline_naming_its_speaker_before_a_colon():
    names = attribute(
        ["Transport Secretary Alice Grey has visited the quay."],
        ["## Grey: 'The ferries will run by Easter'", "Grey told reporters at the harbour office that the crews had agreed a deal."],
        ["## Portmaddy: ferry strike ends after two weeks", "Crews returned at dawn."],
    )
    assert names[1][0] == ["Alice Grey"]
    assert names[2][0] == []


# A statement continuing across posts ---------------------------------------------------------
def test_a_statement_left_open_continues_in_the_next_post_either_way_up_the_page():
    opened = ["Transport Secretary Alice Grey has issued a statement. She said:", "“We have heard the islanders."]
    continued = ["“Every sailing will be restored by Easter.”"]
    oldest_first = attribute(opened, continued)
    assert oldest_first[1] == [["Alice Grey"]]
    newest_first = attribute(continued, opened)
    assert newest_first[0] == [["Alice Grey"]]
    closed = attribute(["Alice Grey said: “We have heard the islanders.”"], ["“It is a disgrace.”"])
    assert closed[1] == [[]]  # a closed quotation ends her turn: the next post's quote may be anyone's
