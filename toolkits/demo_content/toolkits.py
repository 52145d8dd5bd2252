"""Demo toolkits: practical methods for each programme stage, written for this platform."""

from toolkits.demo_content.blocks import callout, paragraph, quote, section, steps, table

TOOLKITS = [
    {
        "slug": "map-your-community-assets",
        "title": "Map your community's assets",
        "summary": "Find and record everything a neighbourhood already has to build on: people, groups, organisations, buildings, businesses and culture, with residents as the mappers.",
        "stages": ["mapping"],
        "themes": ["community-assets", "third-spaces", "co-production"],
        "audiences": ["residents", "community-organisations", "public-services"],
        "time_needed": "Four to six weeks, a few hours a week",
        "effort": "moderate",
        "related": ["third-spaces-audit", "find-where-connection-is-thin"],
        "body": [
            section(
                "Why start with assets",
                "<p>Most plans for a neighbourhood start from what is wrong with it: a list of needs, deficits and services. An asset map starts from what is already there, because connection is built by people and places that exist before any programme arrives and will still be there after it ends.</p>"
                "<p>A good map is also the first act of the coalition you will need later. The people who walk the streets with you, and the groups they introduce you to, become your partners.</p>",
            ),
            section(
                "Six kinds of asset",
                "<p>Look beyond buildings. Record each of these:</p>"
                "<ul><li><b>Individuals</b>: the people others go to, such as the retired teacher who runs homework help or the shopkeeper who knows every family.</li>"
                "<li><b>Associations</b>, formal and informal: clubs, congregations, WhatsApp groups, allotment societies, parents at the school gate.</li>"
                "<li><b>Organisations</b>: charities, schools, health centres, housing associations, the council's own teams.</li>"
                "<li><b>Physical</b> assets: halls, libraries, parks, cafés, pitches, the bench outside the post office.</li>"
                "<li><b>Economic</b> assets: local employers, markets, credit unions, businesses that sponsor or host.</li>"
                "<li><b>Cultural</b> assets: festivals, languages, food, music, histories that people are proud of.</li></ul>",
            ),
            steps(
                "How to do it",
                [
                    (
                        "Agree the patch",
                        "<p>Choose an area people recognise as theirs: a ward, an estate, a high street and its side streets. Ten to fifteen thousand residents is a workable size. Draw the boundary on a printed map.</p>",
                        "1 meeting",
                    ),
                    (
                        "Recruit local guides",
                        "<p>Ask three or four organisations to each suggest two residents who know the area well and are not the usual voices. Pay them for their time at the real Living Wage. Aim for guides who differ in age, faith and income.</p>",
                        "2 weeks",
                    ),
                    (
                        "Walk and talk",
                        "<p>Walk the patch in pairs, a guide with an organiser. Note every place where people gather and ask the people there: who comes, who does not, and what else goes on nearby. Each conversation usually leads to two more assets.</p>",
                        "3 to 4 walks of 2 hours",
                    ),
                    (
                        "Record consistently",
                        "<p>Use the worksheet below for every asset: its kind, what brings people together there (identity, activity or purpose), who it is for and whether it is free, open to all and step-free. Add public places to the hub's registry of spaces so others can find them.</p>",
                        "ongoing",
                    ),
                    (
                        "Check it with the people on it",
                        "<p>Show the draft map at two open sessions in different venues, for example a library and a place of worship. Ask what is missing and what is wrong. People correct maps they feel ownership of.</p>",
                        "2 sessions",
                    ),
                    (
                        "Share it back",
                        "<p>Give the map back to the neighbourhood as a printed poster and a link. Publish what you will do next, so that mapping is not another consultation that disappears.</p>",
                        "1 week",
                    ),
                ],
            ),
            callout(
                "tip",
                "Count the informal",
                "<p>Many of the assets residents name appear in no directory: the WhatsApp group, the Sunday football, the volunteers who cook for the gurdwara langar. They are often where bridging happens, so give them the same care as the buildings.</p>",
            ),
            (
                "document",
                {
                    "document_key": "asset-mapping-worksheet",
                    "title": "Asset-mapping worksheet (spreadsheet)",
                    "description": "One row per asset, with the columns this toolkit describes.",
                },
            ),
            callout(
                "warning",
                "Do not map people without asking",
                "<p>Record an individual only with their consent and only what they are happy to share publicly. Keep personal contact details out of anything you publish.</p>",
            ),
        ],
    },
    {
        "slug": "find-where-connection-is-thin",
        "title": "Find where connection is thin",
        "summary": "Combine the Social Capital Atlas with your asset map to see where friendships across income are rare and third spaces are sparse, and decide where to start.",
        "stages": ["mapping"],
        "themes": ["economic-connectedness", "exposure", "measurement-and-evaluation"],
        "audiences": ["public-services", "funders", "researchers", "community-organisations"],
        "time_needed": "Two to three days of analysis, plus a workshop",
        "effort": "light",
        "related": ["map-your-community-assets", "measure-connection"],
        "body": [
            section(
                "What the data can tell you",
                "<p><b>Economic connectedness</b> is the share of friends with higher incomes among people with lower incomes. In the Social Capital Atlas (Chetty and colleagues, <i>Nature</i>, 2022) it is one of the strongest predictors of whether children from low-income families do better than their parents.</p>"
                "<p>The atlas also separates two reasons why friendships across income are rare: <b>exposure</b>, whether people on different incomes meet at all, and <b>friending bias</b>, whether they become friends when they do meet. The two call for different responses: more shared places where exposure is low, and different kinds of activity where bias is high.</p>",
            ),
            steps(
                "How to do it",
                [
                    (
                        "Get the numbers for your area",
                        "<p>In the US, open the hub's atlas for your ZIP codes or county. In the UK, use the UK atlas extract if your partners hold one, or a local survey with the questions in the measurement toolkit. Note the economic connectedness figure and, where available, exposure and friending bias.</p>",
                        "half a day",
                    ),
                    (
                        "Lay your assets over it",
                        "<p>Put the asset map next to the atlas: count third spaces per thousand residents in each area. The atlas in this hub does this for the spaces in the registry.</p>",
                        "half a day",
                    ),
                    (
                        "Read the four corners",
                        "<p>Sort your areas into four groups: low connection and few spaces (start here), low connection with many spaces (the spaces may be serving one group only), high connection with few spaces (learn from what works), high and many (protect it).</p>",
                        "1 day",
                    ),
                    (
                        "Test it with residents",
                        "<p>Numbers describe; people explain. Take the two or three areas that stand out to a workshop with residents and ask whether the picture matches their experience and why.</p>",
                        "1 workshop",
                    ),
                ],
            ),
            table(
                "Reading the four corners",
                [
                    ["", "Few third spaces", "Many third spaces"],
                    [
                        "Low economic connectedness",
                        "Start here: create places to meet",
                        "Open existing spaces to new groups",
                    ],
                    [
                        "High economic connectedness",
                        "Find out what connects people",
                        "Protect and learn from it",
                    ],
                ],
                first_col_is_header=True,
            ),
            callout(
                "evidence",
                "Exposure is only half of it",
                "<p>The atlas found that about half of the social disconnection between people on low and high incomes comes from not meeting, and about half from not befriending each other when they do meet. A new community centre fixes the first; how activities are designed fixes the second.</p>",
            ),
            callout(
                "warning",
                "Small areas, large errors",
                "<p>Figures for small areas rest on fewer people and move around from year to year. Use them to choose where to look, not to judge a neighbourhood.</p>",
            ),
        ],
    },
    {
        "slug": "third-spaces-audit",
        "title": "Audit your third spaces for bridging",
        "summary": "Check whether the clubs, congregations, libraries and volunteer groups in your area bring different people together, and what would help them do it more.",
        "stages": ["mapping", "convening"],
        "themes": ["third-spaces", "bridging-capital", "bias-and-homophily"],
        "audiences": ["community-organisations", "residents", "funders"],
        "time_needed": "An hour per space, over a month",
        "effort": "light",
        "related": ["design-activities-that-bridge", "map-your-community-assets"],
        "body": [
            section(
                "Three reasons people come together",
                "<p>Third spaces are the places beyond home and work where people gather. People come for one of three reasons:</p>"
                "<ul><li><b>Identity</b>: a faith, a heritage, a language. Congregations and cultural associations build deep bonding capital, and many also open their doors widely, from night shelters to langar.</li>"
                "<li><b>Activity</b>: sport, music, arts, crafts, gardening. A shared activity gives strangers something to do together, which is why bias is often low.</li>"
                "<li><b>Purpose</b>: volunteering, campaigning, mutual aid, school governance. Working towards a shared goal is one of the most reliable ways to make friends across difference.</li></ul>",
            ),
            section(
                "What makes a space bridge",
                "<p>A space bridges when people who differ in income, age, faith or background come <i>and</i> mix once they are there. Look for:</p>"
                "<ul><li>it is free or cheap, and open to all;</li><li>it welcomes different ages together;</li><li>it is step-free and easy to reach by bus;</li><li>activities need people to cooperate, not only to sit in the same room;</li><li>people come back week after week.</li></ul>",
            ),
            steps(
                "How to run the audit",
                [
                    (
                        "Pick ten spaces",
                        "<p>Choose a mix from your asset map: at least two each of identity, activity and purpose spaces, and some that are said to be 'for everyone'.</p>",
                        "1 hour",
                    ),
                    (
                        "Visit at a busy time",
                        "<p>Go when the space is in use. With permission, note roughly who is there by age group and, where you can tell, background. Talk to the organiser and two or three regulars.</p>",
                        "1 hour per space",
                    ),
                    (
                        "Ask the four questions",
                        "<p>Who comes? Who does not, and why? What do people do together? What would it take to welcome someone new?</p>",
                        "in each visit",
                    ),
                    (
                        "Score and share",
                        "<p>Score each space from 0 to 2 on openness, mixing, cooperation and regularity, and share the results with the organisers first. The point is to find what to support, not to rank.</p>",
                        "half a day",
                    ),
                ],
            ),
            quote(
                "We thought we were open to everyone because the door was open. Then we counted who came on a Tuesday.",
                "Organiser",
                "community sports club",
            ),
            callout(
                "tip",
                "Bonding is not the enemy",
                "<p>Strong bonds within a group make it confident enough to reach out. The aim is to add bridges, not to dissolve identity spaces into something generic.</p>",
            ),
        ],
    },
    {
        "slug": "convene-a-coalition",
        "title": "Convene a coalition for connection",
        "summary": "Bring residents, community groups, councils, funders and businesses around one shared aim for connection, with agreements that last beyond the first meeting.",
        "stages": ["convening"],
        "themes": ["network-building", "co-production", "policy-and-advocacy"],
        "audiences": ["community-organisations", "public-services", "funders", "businesses"],
        "time_needed": "Three months to a first shared plan",
        "effort": "substantial",
        "related": ["fund-the-connectors", "map-your-community-assets"],
        "body": [
            section(
                "Who needs to be in the room",
                "<p>A coalition for connection needs the people who run the places where people meet, the people who fund and permit them, and residents who use them or would like to. Start from your asset map: each kind of asset suggests a partner.</p>"
                "<p>Include at least one partner of each kind: an identity space (a congregation or cultural association), an activity space (a club, an arts group), a purpose space (a volunteering or civic group), the council or a public service, a funder and a local business.</p>",
            ),
            steps(
                "From conversations to a plan",
                [
                    (
                        "One-to-ones first",
                        "<p>Before any meeting, hold twenty short one-to-one conversations. Ask what each person cares about, what they already do, and what they would want from working together. Write down their words.</p>",
                        "4 weeks",
                    ),
                    (
                        "A first gathering with a purpose",
                        "<p>Invite everyone to a gathering hosted in a community space, not an office. Share what you heard, back in people's own words, and the asset map. Ask one question: what could we do together that none of us can do alone?</p>",
                        "2 hours",
                    ),
                    (
                        "Agree one shared aim",
                        "<p>Narrow to one aim that can be measured, for example 'more residents of our estate with a friend from a different background, within two years'. A coalition that tries to do everything does nothing.</p>",
                        "2 meetings",
                    ),
                    (
                        "Write down how you will work",
                        "<p>A one-page agreement: who convenes, how decisions are made, how money is shared, how residents are paid for their time, and when you will review. Sign it.</p>",
                        "1 meeting",
                    ),
                    (
                        "Start small and visible",
                        "<p>Choose a first joint action that can happen within eight weeks, such as a shared calendar of open sessions or a 'bring a neighbour' month. Early wins hold coalitions together.</p>",
                        "8 weeks",
                    ),
                ],
            ),
            callout(
                "tip",
                "Rotate the venue",
                "<p>Meet in a different member's space each time: a gurdwara, a rugby club, a library, a community fridge. Partners learn each other's worlds, and the coalition practises the bridging it wants to create.</p>",
            ),
            callout(
                "warning",
                "Watch who speaks",
                "<p>Paid professionals dominate most partnership meetings. Use small-group rounds, pay residents, and hold some sessions in the evening or at weekends.</p>",
            ),
        ],
    },
    {
        "slug": "design-activities-that-bridge",
        "title": "Design activities that bridge",
        "summary": "Turn meeting into friendship: design sessions around shared goals, equal roles and repeated contact, so that people from different backgrounds actually connect.",
        "stages": ["convening", "demonstrating"],
        "themes": ["bridging-capital", "bias-and-homophily", "exposure", "third-spaces"],
        "audiences": ["community-organisations", "residents"],
        "time_needed": "A season of weekly sessions",
        "effort": "moderate",
        "related": ["third-spaces-audit", "measure-connection"],
        "body": [
            section(
                "Meeting is not enough",
                "<p>Putting people in the same room raises exposure, but people still tend to befriend those most like them. Decades of research on contact between groups point to conditions that make friendship more likely: a <b>shared goal</b>, <b>equal status</b> within the activity, <b>cooperation</b> rather than competition between subgroups, <b>support from people in authority</b>, and contact that is <b>repeated</b>.</p>",
            ),
            steps(
                "Design checklist",
                [
                    (
                        "Give people something to do together",
                        "<p>Cook, build, play, sing, grow, repair. Activities with a joint product give strangers a reason to talk.</p>",
                        "",
                    ),
                    (
                        "Mix the teams on purpose",
                        "<p>Assign pairs and small teams across age, background and familiarity. Left alone, people sit with the people they came with.</p>",
                        "",
                    ),
                    (
                        "Make roles equal",
                        "<p>Avoid 'helpers' and 'helped'. In a repair café everyone fixes something; in a supper club everyone cooks a dish.</p>",
                        "",
                    ),
                    (
                        "Come back every week",
                        "<p>Friendships take time: studies of how they form suggest around fifty hours together to go from acquaintance to casual friend. A weekly session over a season does more than a one-off festival.</p>",
                        "",
                    ),
                    (
                        "Remove the small barriers",
                        "<p>Free, step-free, near a bus stop, with food, childcare and clear welcome. Ask newcomers what nearly stopped them coming.</p>",
                        "",
                    ),
                    (
                        "Hand over to regulars",
                        "<p>After a few months, invite regulars to host. Sessions run by participants last longer than those run for them.</p>",
                        "",
                    ),
                ],
            ),
            quote(
                "Nobody came for the friendship. They came to fix a bike. The friendship was the side effect we designed for.",
                "Session host",
                "repair café",
            ),
            callout(
                "evidence",
                "Where bias is lowest",
                "<p>The Social Capital Atlas found that the same people befriend across income more readily in some settings than others. Places organised around a shared interest or purpose, from faith groups to recreation, tend to do better than settings where people sort themselves by who they already know.</p>",
            ),
        ],
    },
    {
        "slug": "measure-connection",
        "title": "Measure connection: a simple evaluation plan",
        "summary": "Know whether your work is building bridging ties: a small set of survey questions, participation counts and stories, collected before and after.",
        "stages": ["demonstrating"],
        "themes": ["measurement-and-evaluation", "economic-connectedness", "bridging-capital"],
        "audiences": ["community-organisations", "funders", "researchers", "public-services"],
        "time_needed": "A day to plan, then a survey at the start and after a year",
        "effort": "moderate",
        "related": ["find-where-connection-is-thin", "make-the-case"],
        "body": [
            section(
                "Measure the thing you want to change",
                "<p>Attendance shows that people came; it does not show that they connected. Choose two or three measures of connection itself, collect them before you start, and again after a year with the same questions.</p>",
            ),
            table(
                "Core questions (ask before and after)",
                [
                    ["Question", "What it measures", "How to ask"],
                    [
                        "Of your friends, how many have a very different income from you?",
                        "Economic connectedness (self-reported)",
                        "None / a few / about half / most",
                    ],
                    [
                        "In the last month, did you talk with someone from a different background at a local group or place?",
                        "Exposure",
                        "Yes / no, with where",
                    ],
                    [
                        "If you needed a favour, how many people nearby could you ask?",
                        "Bonding and local support",
                        "A number",
                    ],
                    [
                        "Do you know someone here by name whom you met through this activity?",
                        "New ties",
                        "Yes / no, how many",
                    ],
                ],
            ),
            steps(
                "Plan in a day",
                [
                    (
                        "Write your theory of change on one page",
                        "<p>What you will do, who will take part, what will change for them, and how you will know.</p>",
                        "2 hours",
                    ),
                    (
                        "Choose your measures and your sample",
                        "<p>Use the core questions and at most three of your own. To detect a change of ten percentage points reliably you need around 300 responses before and after; with fewer, report the change as indicative.</p>",
                        "2 hours",
                    ),
                    (
                        "Collect the baseline",
                        "<p>Survey participants at their first session, and a comparison group if you can, such as people at a similar activity elsewhere.</p>",
                        "first month",
                    ),
                    (
                        "Count who comes",
                        "<p>Keep a simple register of age band, postcode district and first or repeat visit. This shows whether you reach the people you aimed for.</p>",
                        "every session",
                    ),
                    (
                        "Collect stories",
                        "<p>Every quarter, record three short accounts of connections people made, in their words, with consent.</p>",
                        "quarterly",
                    ),
                    (
                        "Repeat and compare",
                        "<p>Ask the same questions after a year. Report the change with its uncertainty, and say honestly what did not change.</p>",
                        "month 12",
                    ),
                ],
            ),
            (
                "document",
                {
                    "document_key": "connection-survey",
                    "title": "Connection survey questions (text)",
                    "description": "The core questions with answer options, ready to copy into a form.",
                },
            ),
            callout(
                "tip",
                "Record outcomes as data",
                "<p>When you write up a case study in this hub, enter each result as an outcome measure with its value before and after, its unit and its source. Others can then compare like with like.</p>",
            ),
        ],
    },
    {
        "slug": "make-the-case",
        "title": "Make the case: from evidence to policy",
        "summary": "Turn what you have learned into budget lines, planning rules and commissioning that protect and grow the places where people connect.",
        "stages": ["demonstrating"],
        "themes": ["policy-and-advocacy", "measurement-and-evaluation", "mobilising-resources"],
        "audiences": ["community-organisations", "public-services", "funders"],
        "time_needed": "A campaign over one budget cycle",
        "effort": "substantial",
        "related": ["measure-connection", "fund-the-connectors"],
        "body": [
            section(
                "Policy shapes where people can meet",
                "<p>Whether a library opens on Saturdays, whether a hall is affordable to hire, whether new housing includes a space anyone can use: these decisions are made in budgets, planning and commissioning. They decide how much exposure a place can offer.</p>",
            ),
            steps(
                "How to do it",
                [
                    (
                        "Know the calendar",
                        "<p>Find out when the budget is set, when the local plan is reviewed, and when services are recommissioned. Arrive with proposals months before decisions, not after.</p>",
                        "1 week",
                    ),
                    (
                        "Ask for something specific",
                        "<p>'Keep three libraries open on Saturday afternoons', 'free hire for groups open to all', 'a community space in every development above 200 homes'. Specific asks get specific answers.</p>",
                        "",
                    ),
                    (
                        "Pair a number with a person",
                        "<p>Lead with one measured outcome and one resident's story. Decision-makers remember both.</p>",
                        "",
                    ),
                    (
                        "Bring the coalition",
                        "<p>A request from a congregation, a football club, a business and a tenants' association together carries more weight than any one of them.</p>",
                        "",
                    ),
                    (
                        "Follow through",
                        "<p>When a commitment is made, thank people in public and check in six months that it happened.</p>",
                        "ongoing",
                    ),
                ],
            ),
            callout(
                "evidence",
                "Speak to outcomes decision-makers already own",
                "<p>Loneliness, health, school attendance and youth opportunity are already somebody's budget. Show how connection moves the outcomes they are accountable for.</p>",
            ),
        ],
    },
    {
        "slug": "fund-the-connectors",
        "title": "Fund the connectors: mobilising resources",
        "summary": "Find money, space and time for the people and groups who build bridges, and share resources so small, informal groups are not left out.",
        "stages": ["convening"],
        "themes": ["mobilising-resources", "community-assets", "network-building"],
        "audiences": ["funders", "businesses", "community-organisations", "public-services"],
        "time_needed": "Two months to set up a small-grants round",
        "effort": "moderate",
        "related": ["convene-a-coalition", "make-the-case"],
        "body": [
            section(
                "Resources are more than grants",
                "<p>Most bridging happens in groups that never apply for funding. What they need is often small and practical: free use of a hall, insurance, a budget for tea, someone to do the paperwork. Businesses, councils and congregations hold many of these resources already.</p>",
            ),
            steps(
                "Set up a small-grants round with residents",
                [
                    (
                        "Pool the money",
                        "<p>Ask coalition partners to contribute to one pot, however small, so no single funder sets the rules.</p>",
                        "4 weeks",
                    ),
                    (
                        "Keep the form short",
                        "<p>One page or a two-minute video: what will you do, who will it bring together, what will it cost. No audited accounts for grants under £1,000 or $1,500.</p>",
                        "",
                    ),
                    (
                        "Let residents decide",
                        "<p>A panel of residents, paid for their time, scores applications against one question: will this bring different people together, again and again?</p>",
                        "1 evening",
                    ),
                    (
                        "Offer in-kind with every grant",
                        "<p>Pair grants with free space, a mentor from an established group, and a listing in the hub's registry of spaces.</p>",
                        "",
                    ),
                    (
                        "Ask for a story, not a report",
                        "<p>At the end, a short account and the register of who came. Use them in your case studies.</p>",
                        "",
                    ),
                ],
            ),
            callout(
                "tip",
                "Unlock space before money",
                "<p>An audit of empty halls, school buildings after hours and business meeting rooms often finds more than any grant could buy.</p>",
            ),
            paragraph(
                "<p>Record every space you unlock in the registry, so residents can find it and the atlas can count it.</p>"
            ),
        ],
    },
]
