"""Downloadable documents for the demo toolkits: real, usable templates."""

ASSET_WORKSHEET = """name,kind,third_space_type,what_happens_there,who_comes,who_does_not_come,free,open_to_all,mixed_ages,step_free,when,contact_with_consent,found_by,notes
"Example: Sunday cricket in the park",association,activity,"Informal cricket, all abilities","Men 16-70, mostly Punjabi-speaking; some students","Women; newer arrivals",yes,yes,yes,yes,"Sundays 9am-12pm, April-September","Organiser's public e-mail only","Walk 3 (guide and organiser)","Would welcome a women's session if a second pitch were free"
"""
# Kinds: individual, association, organisation, physical, economic, cultural.
# Third-space types: identity, activity, purpose (blank if it is not a gathering place).

CONNECTION_SURVEY = """Connection survey: core questions
Ask at a person's first visit and again after six and twelve months, with the same wording.

1. Of your friends, how many have a very different income from you?
   [ ] None  [ ] A few  [ ] About half  [ ] Most  [ ] Prefer not to say

2. In the last month, did you talk with someone from a different background at a local group or place?
   [ ] Yes  [ ] No
   If yes, where?  ______________________

3. If you needed a favour, such as borrowing something or help with shopping, how many people nearby could you ask?
   Number: ____

4. Do you know anyone here by name whom you met through this activity?
   [ ] Yes  [ ] No     If yes, how many? ____

5. Have you seen any of them somewhere else, outside this activity?
   [ ] Yes  [ ] No

About you (optional, used only to check who the activity reaches):
   Age band: [ ] under 18  [ ] 18-34  [ ] 35-54  [ ] 55-74  [ ] 75+
   Postcode district or ZIP code: ______

Tell people why you ask, how answers are stored, and that they can skip any question.
"""

DOCUMENTS = {
    "asset-mapping-worksheet": {
        "title": "Asset-mapping worksheet",
        "filename": "asset-mapping-worksheet.csv",
        "content": ASSET_WORKSHEET,
    },
    "connection-survey": {
        "title": "Connection survey questions",
        "filename": "connection-survey-questions.txt",
        "content": CONNECTION_SURVEY,
    },
}
