"""A reader of parliamentary records sees who opens each turn: the member's name as a person
would write it, their office, seat and party, a time printed on the line, and any speech
printed after it. Lines that are no speaker (division lists, headings, sentences with a
colon, the House heard together) open no turn.

Every line here is invented in the layout of a parliament's record, not copied from one.
"""

from __future__ import annotations

import pytest

from liveline.ingest.read.record.furniture import furniture_of, time_stamp
from liveline.ingest.read.record.speaker_lines import recase, speaker_line

# line -> (name, office, seat, party, time, said)
ACCEPTED = {
    # Westminster, Commons: a line of its own
    "Chris Philp (Croydon South) (Con)": ("Chris Philp", None, "Croydon South", "Con", None, None),
    "Dame Meg Hollis (Hackney Vale and Shorefield) (Lab/Co-op)": ("Dame Meg Hollis", None, "Hackney Vale and Shorefield", "Lab/Co-op", None, None),
    "Mr Jim Allard (North Antrim) (TUV)": ("Jim Allard", None, "North Antrim", "TUV", None, None),
    "The Secretary of State for the Home Department (Yvette Cooper)":
        ("Yvette Cooper", "Secretary of State for the Home Department", None, None, None, None),
    "Madam Deputy Speaker (Judith Cummins)": ("Judith Cummins", "Deputy Speaker", None, None, None, None),
    "Mr Speaker": (None, "Speaker", None, None, None, None),
    "Sir Edward Leamington": ("Sir Edward Leamington", None, None, None, None, None),
    "1. Jane Hartley (Wrexford) (Lab)": ("Jane Hartley", None, "Wrexford", "Lab", None, None),
    # Westminster, Lords
    "Lord Hanson of Flint (Lab)": ("Lord Hanson of Flint", None, None, "Lab", None, None),
    "Baroness Smith of Basildon (Lab)": ("Baroness Smith of Basildon", None, None, "Lab", None, None),
    "The Minister of State, Home Office (Lord Hanson of Flint) (Lab)":
        ("Lord Hanson of Flint", "Minister of State, Home Office", None, "Lab", None, None),
    "The Earl of Kelburn (Non-Afl)": ("Earl of Kelburn", None, None, "Non-Afl", None, None),
    "The Lord Speaker (Lord McFall of Alcluith)": ("Lord McFall of Alcluith", "Lord Speaker", None, None, None, None),
    # an office worded like a peer stays the office, the bracket its holder
    "The Lord Privy Seal (Baroness Oakes of Fernhill) (Lab)":
        ("Baroness Oakes of Fernhill", "Lord Privy Seal", None, "Lab", None, None),
    "The Lord Privy Seal:": (None, "Lord Privy Seal", None, None, None, None),
    "The Lord Chancellor (Shabana Mahmood)": ("Shabana Mahmood", "Lord Chancellor", None, None, None, None),
    "The Lord President of the Council (Lord Corran) (Lab)": ("Lord Corran", "Lord President of the Council", None, "Lab", None, None),
    "The Lord Advocate (Dorothy Bain): I am grateful.": ("Dorothy Bain", "Lord Advocate", None, None, None, "I am grateful."),
    "The Lord Great Chamberlain (Lord Carrow) (CB)": ("Lord Carrow", "Lord Great Chamberlain", None, "CB", None, None),
    # Westminster's committees: a question numbered before the member asking it, witnesses by title
    "Q98 Mark Dowse: Professor, would clause 4 change that?":
        ("Mark Dowse", None, None, None, None, "Professor, would clause 4 change that?"),
    "Q 98 Mark Dowse:": ("Mark Dowse", None, None, None, None, None),
    "Q100 Lucia Ferreira (Bramhope South) (Lab): Dr Rao, is there evidence?":
        ("Lucia Ferreira", None, "Bramhope South", "Lab", None, "Dr Rao, is there evidence?"),
    "Q99The Minister for Housing and Local Government (Joanna Hawksley): Would you support it?":
        ("Joanna Hawksley", "Minister for Housing and Local Government", None, None, None, "Would you support it?"),
    "Q12. Mr Dowse: And the cost?": ("Mr Dowse", None, None, None, None, "And the cost?"),
    "Dr Jane Rao: About one in three.": ("Jane Rao", None, None, None, None, "About one in three."),
    "Professor Ann Lee:": ("Ann Lee", None, None, None, None, None),
    "The Chair: Thank you both.": (None, "Chair", None, None, None, "Thank you both."),
    # Holyrood
    "The Cabinet Secretary for Justice and Home Affairs (Angela Constance): I thank the member.":
        ("Angela Constance", "Cabinet Secretary for Justice and Home Affairs", None, None, None, "I thank the member."),
    "Russell Finlay (West Scotland) (Con): Will the First Minister act?":
        ("Russell Finlay", None, "West Scotland", "Con", None, "Will the First Minister act?"),
    "The Presiding Officer (Alison Johnstone): Order.": ("Alison Johnstone", "Presiding Officer", None, None, None, "Order."),
    # Canberra
    "The Hon. JANE DOE: I move that the bill be read a second time.":
        ("Jane Doe", None, None, None, None, "I move that the bill be read a second time."),
    "Mr ALBANESE (Grayndler—Prime Minister) (14:05): I thank the member for her question.":
        ("Mr Albanese", "Prime Minister", "Grayndler", None, (14, 5), "I thank the member for her question."),
    "The SPEAKER: Order! The Prime Minister has the call.": (None, "Speaker", None, None, None, "Order! The Prime Minister has the call."),
    "Senator WONG (South Australia—Minister for Foreign Affairs) (14:02): Thank you, President.":
        ("Senator Wong", "Minister for Foreign Affairs", "South Australia", None, (14, 2), "Thank you, President."),
    "The DEPUTY SPEAKER (Ms Claydon): The member will resume her seat.":
        ("Ms Claydon", "Deputy Speaker", None, None, None, "The member will resume her seat."),
    "Mr McDONALD (Kennedy) (14:30): Hear me out.": ("Mr McDonald", None, "Kennedy", None, (14, 30), "Hear me out."),
    "The PRESIDENT: Order!": (None, "President", None, None, None, "Order!"),
    # Wellington
    "Hon CHRIS HIPKINS (Leader of the Opposition): Does he stand by all his statements?":
        ("Chris Hipkins", "Leader of the Opposition", None, None, None, "Does he stand by all his statements?"),
    "Rt Hon CHRISTOPHER LUXON (Prime Minister): Yes.": ("Christopher Luxon", "Prime Minister", None, None, None, "Yes."),
    # The Dáil
    "Deputy Mary Lou McDonald: The Taoiseach knows this.": ("Mary Lou McDonald", None, None, None, None, "The Taoiseach knows this."),
    "An Ceann Comhairle: Thank you, Deputy.": (None, "Ceann Comhairle", None, None, None, "Thank you, Deputy."),
    "The Taoiseach: I do.": (None, "Taoiseach", None, None, None, "I do."),
    "Minister for Health (Deputy Stephen Donnelly): I will.": ("Stephen Donnelly", "Minister for Health", None, None, None, "I will."),
    # Ottawa
    "Right Hon. Justin Trudeau (Prime Minister, Lib.): Mr. Speaker, we will.":
        ("Justin Trudeau", "Prime Minister", None, "Lib.", None, "Mr. Speaker, we will."),
    "Mr. Pierre Poilievre (Carleton, CPC): Mr. Speaker, they will not.":
        ("Pierre Poilievre", None, "Carleton", "CPC", None, "Mr. Speaker, they will not."),
    "The Speaker:": (None, "Speaker", None, None, None, None),
    # TheyWorkForYou: party first, then seat; a party's full name
    "Alan Pryce (Labour, Saltmarsh and Fenby)": ("Alan Pryce", None, "Saltmarsh and Fenby", "Labour", None, None),
    "Owen Tate (Scottish National Party, Ardmore)": ("Owen Tate", None, "Ardmore", "Scottish National Party", None, None),
    "Fiona Garside (Shadow Minister, Transport)": ("Fiona Garside", "Shadow Minister, Transport", None, None, None, None),
    # Wellington: a numbered question, party—electorate, to a minister
    "4. KERI NGATA (Labour—Te Awa) to the Minister of Transport: Will the line stay open?":
        ("Keri Ngata", None, "Te Awa", "Labour", None, "Will the line stay open?"),
    # The issue's own: speech on the speaker line after a dash or a colon
    "Mr DOE (Question) - Will the Minister make a statement?": ("Mr Doe", None, None, None, None, "Will the Minister make a statement?"),
    "Mr DOE: I move that the bill be now read.": ("Mr Doe", None, None, None, None, "I move that the bill be now read."),
    # cheap extras: the Bundestag, the European Parliament, the Lok Sabha
    "Friedrich Merz (CDU/CSU): Frau Präsidentin!": ("Friedrich Merz", None, None, "CDU/CSU", None, "Frau Präsidentin!"),
    "Präsidentin Bärbel Bas: Das Wort hat der Kollege.": ("Bärbel Bas", "Präsidentin", None, None, None, "Das Wort hat der Kollege."),
    "Ursula von der Leyen, President of the Commission. – Madam President, honourable Members.":
        ("Ursula von der Leyen", "President of the Commission", None, None, None, "Madam President, honourable Members."),
    "THE MINISTER OF HOME AFFAIRS (SHRI AMIT SHAH): Sir, I rise.": ("Amit Shah", "Minister of Home Affairs", None, None, None, "Sir, I rise."),
    # The Bundestag: name, office (with its ministry), colon; the chair's office before the name
    "Katrin Seeliger, Bundesministerin für Wohnen, Stadtentwicklung und Bauwesen:":
        ("Katrin Seeliger", "Bundesministerin für Wohnen, Stadtentwicklung und Bauwesen", None, None, None, None),
    "Anna Weber, Parl. Staatssekretärin beim Bundesminister der Finanzen:":
        ("Anna Weber", "Parl. Staatssekretärin beim Bundesminister der Finanzen", None, None, None, None),
    "Präsidentin Julia Klöckner:": ("Julia Klöckner", "Präsidentin", None, None, None, None),
    "Dr. Jan Meier (CDU/CSU):": ("Jan Meier", None, None, "CDU/CSU", None, None),
    # The European Parliament's verbatim report: a full stop and a dash part the speaker from the speech
    "President. – The next item is the Commission statement.": (None, "President", None, None, None, "The next item is the Commission statement."),
    "Teresa Ribeira Castell, Member of the Commission. – Madam President, honourable Members.":
        ("Teresa Ribeira Castell", "Member of the Commission", None, None, None, "Madam President, honourable Members."),
    "Marco Bellandi, on behalf of the PPE Group. – Madam President, farmers cannot wait.":
        ("Marco Bellandi", None, None, "PPE Group", None, "Madam President, farmers cannot wait."),
    "Pascal Renard (Renew), rapporteur. – Madam President, this report.":
        ("Pascal Renard", "rapporteur", None, "Renew", None, "Madam President, this report."),
    "Ana Lopes Ventura (S&D), blue-card question. – Mr Hansmeier, do you deny it?":
        ("Ana Lopes Ventura", None, None, "S&D", None, "Mr Hansmeier, do you deny it?"),
    "Jörg Hansmeier (ESN). – (DE) Frau Präsidentin!": ("Jörg Hansmeier", None, None, "ESN", None, "Frau Präsidentin!"),
    # The Congressional Record: title, surname in capitals (the state when two share it), a full stop, the speech
    "Mr. HALVORSEN. Mr. Speaker, I move to suspend the rules and pass the bill (H.R. 3314).":
        ("Mr. Halvorsen", None, None, None, None, "Mr. Speaker, I move to suspend the rules and pass the bill (H.R. 3314)."),
    "Mrs. McCLANAHAN of Georgia. Mr. Speaker, will the gentleman yield?":
        ("Mrs. McClanahan", None, "Georgia", None, None, "Mr. Speaker, will the gentleman yield?"),
    "Ms. CORTEZ MASTO. Mr. President, I rise today.": ("Ms. Cortez Masto", None, None, None, None, "Mr. President, I rise today."),
    "The SPEAKER pro tempore. The Chair recognizes the gentleman from Minnesota.":
        (None, "Speaker pro tempore", None, None, None, "The Chair recognizes the gentleman from Minnesota."),
    "The PRESIDING OFFICER. Without objection, it is so ordered.":
        (None, "Presiding Officer", None, None, None, "Without objection, it is so ordered."),
    # A question tabled, numbered: the asker's turn, the question their words
    "1. Mr Corrigan asked the Minister of Finance for an update on the review of domestic rates. (AQO 1442/22-27)":
        ("Mr Corrigan", None, None, None, None, "asked the Minister of Finance for an update on the review of domestic rates. (AQO 1442/22-27)"),
    "1 Mr Daniel Ho Wei Ming asked the Minister for Manpower how many members used their savings.":
        ("Daniel Ho Wei Ming", None, None, None, None, "asked the Minister for Manpower how many members used their savings."),
    "12. Mr Doe (North Down) asked the Secretary of State for Northern Ireland what steps he will take.":
        ("Mr Doe", None, "North Down", None, None, "asked the Secretary of State for Northern Ireland what steps he will take."),
    # The Senedd's chair, in both languages or in Welsh; a party's name ending in its members
    "The Llywydd / Y Llywydd": (None, "Llywydd", None, None, None, None),
    "The Deputy Presiding Officer / Y Dirprwy Lywydd": (None, "Deputy Presiding Officer", None, None, None, None),
    "Y Llywydd": (None, "Llywydd", None, None, None, None),
    "Owain Prosser (Welsh Conservatives)": ("Owain Prosser", None, None, "Welsh Conservatives", None, None),
    # The Senate of Canada's acting chair
    "The Hon. the Speaker pro tempore: Honourable senators, is it your pleasure?":
        (None, "Speaker pro tempore", None, None, None, "Honourable senators, is it your pleasure?"),
    # A Holyrood committee's witnesses: the body they speak for in the bracket, a councillor's title kept
    "Morag Lindsay (Caledonian Maritime Assets Ltd): Thank you, convener.":
        ("Morag Lindsay", None, "Caledonian Maritime Assets Ltd", None, None, "Thank you, convener."),
    "Councillor Iain MacPhail (Comhairle nan Eilean Siar): If I may come in on that.":
        ("Councillor Iain MacPhail", None, "Comhairle nan Eilean Siar", None, None, "If I may come in on that."),
    "Councillor MacPhail: There was not.": ("Councillor MacPhail", None, None, None, None, "There was not."),
    # The Dáil: an office and the deputy holding it; the Leas-Cheann Comhairle by office alone
    "Minister of State at the Department of Education (Deputy Páraic Ó Dálaigh)":
        ("Páraic Ó Dálaigh", "Minister of State at the Department of Education", None, None, None, None),
    "An Leas-Cheann Comhairle": (None, "Leas-Cheann Comhairle", None, None, None, None),
    # Ottawa: an office with commas of its own, then the party
    "Hon. Sophie Leclerc (Minister of Housing, Infrastructure and Communities, Lib.): Mr. Speaker, no.":
        ("Sophie Leclerc", "Minister of Housing, Infrastructure and Communities", None, "Lib.", None, "Mr. Speaker, no."),
    "Mr. Yves Roy (Beloeil—Chambly, BQ): Mr. Speaker, yes.": ("Yves Roy", None, "Beloeil—Chambly", "BQ", None, "Mr. Speaker, yes."),
    # Holyrood: a constituency with commas of its own, the party in a bracket after it
    "Fergus Ainslie (Caithness, Sutherland and Ross) (SNP): My grandfather took over his croft.":
        ("Fergus Ainslie", None, "Caithness, Sutherland and Ross", "SNP", None, "My grandfather took over his croft."),
}


@pytest.mark.parametrize("line", list(ACCEPTED))
def test_a_speaker_line_of_each_parliament_names_the_member_office_seat_party_time_and_speech(line):
    found = speaker_line(line)
    assert found is not None, line
    assert (found.name, found.office, found.seat, found.party, found.time, found.said) == ACCEPTED[line]


REJECTED = [
    "Abbott, Ms Diane",  # a division list
    "Cooper, rh Yvette",
    "Grooming Gangs",  # headings
    "Statement",
    "Oral Answers to Questions",
    "Prime Minister",
    "Finance (No. 2) Bill",
    "Thursday 16 January 2025",
    "House of Commons",
    "Volume 760: debated on Thursday 16 January 2025",
    "The minister said: we will act",  # sentences with a colon
    "Labour: we will act by the summer",
    "Update: police have arrested a man",
    "Q: How many hotels will still be open?",
    "Mr Speaker, I thank the Home Secretary for her statement.",  # speech
    "Order.",
    "Fiona Marchbank (Con) is asking the questions.",  # a live blog's prose
    "Keir Starmer (Labour) said he would act.",
    "Rachel Reeves (Leeds West): she said no",
    "12.45 pm",  # times
    "14:05",
    "[2.34 p.m.]",
    "Hon. Members: Hear, hear!",  # the House heard together
    "Some hon. members: Oh, oh!",
    "Several hon. Members rose—",
    "Noble Lords: Hear, hear!",
    "Honourable members interjecting—",
    "Yvette Cooper",  # a bare name that has not spoken yet and has no title
    "IN THE CHAIR: ELENA KOUNTOURA",  # who presides, not a turn
    "Mr Corrigan asked the Minister of Finance for an update.",  # unnumbered: a live blog's sentence
    "3. Mr Corrigan asked whether the rates would rise.",  # nobody asked by office: a list's item
    "1. Mr Corrigan asked the man at the door for directions.",
    "Keir Starmer. – He said the plan would work.",  # a full stop and dash after an untitled name
    "The minister, as ever. – nothing more was said.",
    "Marco Bellandi, who chairs the group. – He said no.",  # a clause, no role
    "Ana Lopes (S&D), who spoke first. – She said no.",
    "Mr. Smith. He said the bill would pass.",  # the Congressional Record prints the name in capitals
    "The BBC. It reported the vote first.",  # capitals that are no office
    "Senedd / Welsh Parliament",  # a bilingual heading
    "Prices / wages",
    "Katrin Seeliger, who chairs the committee: we will act",
    "Berlin, Donnerstag, den 13. Mai 2027",
    "Q97 Mark Dowse",  # a numbered bare name not yet heard: never the name "Q97 Mark Dowse"
    "Q3 Revenue: up 4% on the year",  # a live blog's quarter, one word after it
    "Q3 Apple",
    "Q3 results beat forecasts: shares rose",
    "Q4: What happens next?",
    "Q1 (Reuters): sales fell",
    "Rachel Reeves (Leeds) said the plan would work.",  # a place in brackets in prose: no colon after it
    "Reeves (Leeds): the plan",  # a surname alone with a bracket is no witness
]


@pytest.mark.parametrize("line", REJECTED)
def test_a_line_that_names_no_single_speaker_opens_no_turn(line):
    assert speaker_line(line) is None


def test_a_bare_name_opens_a_turn_once_it_has_spoken_in_the_record():
    assert speaker_line("Yvette Cooper") is None
    later = speaker_line("Yvette Cooper", known={"Yvette Cooper"})
    assert later is not None and later.name == "Yvette Cooper" and later.role is None


@pytest.mark.parametrize("line", ["Q97 Mark Dowse", "Q 97 Mark Dowse", "Q97. Mark Dowse", "Q97Mark Dowse:"])
def test_a_committees_question_number_is_never_part_of_the_members_name(line):
    found = speaker_line(line, known={"Mark Dowse"})
    assert found is not None and found.name == "Mark Dowse"


def test_a_peer_holding_an_office_is_the_person_and_the_office_their_role():
    found = speaker_line("The Lord Privy Seal (Baroness Oakes of Fernhill) (Lab)")
    assert found is not None and found.name == "Baroness Oakes of Fernhill" and found.role == "Lord Privy Seal"
    peer = speaker_line("Lord Hanson of Flint (Lab)")  # a peer's own name stays a name
    assert peer is not None and peer.name == "Lord Hanson of Flint" and peer.office is None


def test_a_courtesy_title_and_surname_is_the_one_member_of_the_record_so_surnamed():
    known = {"Donald Plett", "Pierre Moreau", "Senator Plett"}
    later = speaker_line("Senator Plett: Approvals are not homes, leader.", known)
    assert later is not None and later.name == "Donald Plett"
    two = speaker_line("Senator Plett: Approvals are not homes.", known | {"Mary Plett"})
    assert two is not None and two.name == "Senator Plett"  # two members so surnamed: left as printed


def test_a_councillors_repeat_line_is_the_one_councillor_of_the_record_so_surnamed():
    known = {"Councillor Iain MacPhail", "Morag Lindsay"}
    assert speaker_line("Councillor MacPhail:", known).name == "Councillor Iain MacPhail"
    assert speaker_line("Morag Lindsay:", known).name == "Morag Lindsay"


def test_the_role_is_the_office_else_the_seat_and_party_as_printed():
    philp = speaker_line("Chris Philp (Croydon South) (Con)")
    cooper = speaker_line("The Secretary of State for the Home Department (Yvette Cooper)")
    assert philp is not None and philp.role == "Croydon South, Con"
    assert cooper is not None and cooper.role == "Secretary of State for the Home Department"


@pytest.mark.parametrize(
    ("word", "written"),
    [("DOE", "Doe"), ("McDONALD", "McDonald"), ("O'BRIEN", "O'Brien"), ("SMITH-JONES", "Smith-Jones"), ("Cooper", "Cooper"), ("CHLÖE", "Chlöe")],
)
def test_names_in_capitals_are_written_as_a_person_would(word, written):
    assert recase(word) == written


TIMES = {
    "12.45 pm": (12, 45), "12:45 pm": (12, 45), "[2.34 p.m.]": (14, 34), "14:05": (14, 5), "(1405)": (14, 5),
    "2.00 pm": (14, 0), "2 pm": (14, 0), "(10.00 am)": (10, 0), "12 noon": (12, 0), "12.31 am": (0, 31),
}  # fmt: skip


@pytest.mark.parametrize("line", list(TIMES))
def test_a_printed_time_is_read_as_a_time_stamp(line):
    assert time_stamp(line) == TIMES[line]
    assert furniture_of(line) == "stamp"


@pytest.mark.parametrize("line", ["2024", "25.70", "(2575)", "10 recommendations", "13 pm"])
def test_numbers_that_are_no_time_are_no_time_stamp(line):
    assert time_stamp(line) is None


FURNITURE = {
    "[Interruption.]": "interruption",
    "Hon. Members: Hear, hear!": "interruption",
    "Several hon. Members rose—": "interruption",
    "Mr DUTTON interjecting—": "interruption",
    "[Translation]": "interruption",
    "Question put and agreed to.": "procedural",
    "Bill read a Second time; to stand committed to a Committee of the whole House.": "procedural",
    "Ordered,": "procedural",
    "Sitting suspended.": "procedural",
    "Motion agreed to.": "procedural",
    "Members indicated agreement.": "procedural",  # Holyrood
    "Members indicated disagreement.": "procedural",
    "Meeting continued in private until 11:40.": "procedural",
    "The debate having concluded, the motion lapsed.": "procedural",  # Wellington's general debate
    "Interruptions.": "interruption",  # the Dáil
    "Division No. 45": "division",
    "The House divided:": "division",
    "Grooming Gangs": "heading",
    "Oral Answers to Questions": "heading",
    # Westminster's committee stages and deferred divisions
    "Amendment 12 agreed.": "procedural",
    "Amendments 13 and 14 not moved.": "procedural",
    "Clause 4, as amended, agreed.": "procedural",
    "Clauses 5 to 7 agreed.": "procedural",
    "The Deputy Speaker’s opinion as to the decision of the Question being challenged, the Division was deferred till "
    "Wednesday 10 March (Standing Order No. 41A).": "procedural",
}


@pytest.mark.parametrize("line", list(FURNITURE))
def test_furniture_is_known_for_what_it_is(line):
    assert furniture_of(line) == FURNITURE[line]


@pytest.mark.parametrize(
    "line",
    [
        "Prices rose sharply over the summer, and families felt it.",
        "The Bill was passed unanimously last year, and it has worked.",
        "Members of the committee told me that they would act.",
        "The House divided on this very question last year, and the Government lost by a wide margin.",
        "Members indicated to me that they would support it, and I believe them.",
        "The meeting continued until late, and nobody left it happy.",
        "I think amendment 12 is agreed across the Committee.",
        "The clause we all agreed.",
        "The vote on the division was deferred, and nobody knew why.",
    ],
)
def test_speech_that_mentions_the_business_stays_speech(line):
    assert furniture_of(line) is None
