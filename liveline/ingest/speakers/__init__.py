"""Who speaks: the story's people registry, and attribution of every paragraph to its speakers.

registry (people and fuzzy lookup) <- introductions (people learned from the text) and
references (a phrase or pronoun -> a person) <- attribution (each post's paragraphs), over
explicit_cues (the speakers a paragraph names), lead_ins (colon introductions, quotation
runs, quotation headlines), tweets (quoted tweets and their accounts) and authorship (when
a line is its writer's), with cue_patterns (the words that attribute speech) and clauses
(the phrase before a verb);
story holds what is read and written; refresh runs it all on a timeline database and
keeps the registry (kept), against which news attributes a follower's new posts alone.
"""
