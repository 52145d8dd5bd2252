"""Demo case studies in the four pilot places.

Illustrative composites written for this platform: the places are real, the projects, people and
figures are examples of what Fellows record (see docs/knowledge-hub.md). Partner names are
descriptive on purpose, so no real organisation is credited with work it did not do.
"""

from toolkits.demo_content.blocks import callout, measure, partner, quote, section, steps

FELLOWS = [
    {
        "name": "Priya Raman",
        "place": "Southall, Ealing",
        "short_bio": "Community organiser in west London for fifteen years, working with faith groups, youth projects and the borough's libraries. Leads the Ealing pilot's asset mapping.",
        "expertise": "asset mapping, co-production, faith partnerships",
    },
    {
        "name": "Tom Whitlock",
        "place": "Harlow, Essex",
        "short_bio": "Former community sports development officer who now brings clubs, schools and councils together across Essex to widen who takes part.",
        "expertise": "community sport, coalition building, small grants",
    },
    {
        "name": "Denise Carter",
        "place": "Baltimore, Maryland",
        "short_bio": "Evaluator and congregational organiser in East Baltimore. Designs simple ways for neighbourhood groups to measure whether they are building ties across income.",
        "expertise": "measurement and evaluation, congregational organising",
    },
    {
        "name": "Luis Ortega",
        "place": "Boston, Massachusetts",
        "short_bio": "Civic engagement lead in Dorchester and East Boston who works on volunteering, participatory budgeting and getting third spaces into city plans.",
        "expertise": "civic engagement, policy and advocacy, participatory budgeting",
    },
]

CASE_STUDIES = [
    {
        "slug": "southall-residents-map-their-assets",
        "title": "Walking the Broadway: residents map Southall's assets",
        "summary": "Twenty-four residents trained as local guides walked Southall with organisers and found four times as many community assets as the borough's directories listed, most of them informal.",
        "place_name": "Southall Broadway, Ealing",
        "area": "Ealing",
        "country": "GB",
        "latitude": 51.5101,
        "longitude": -0.3768,
        "period": "Spring to autumn 2023",
        "stage": "mapping",
        "themes": ["community-assets", "third-spaces", "co-production"],
        "third_space_types": ["identity", "activity", "purpose"],
        "fellows": ["Priya Raman"],
        "owner": "fellow",
        "toolkits": ["map-your-community-assets", "third-spaces-audit"],
        "assets": [
            "12020455"
        ],  # Southall Library (Dominion Centre and Library), GLA Cultural Infrastructure Map
        "partners": [
            partner("Branch library", "hosted the training and both open sessions"),
            partner("Gurdwara and mandir volunteers", "guided walks and opened their kitchens"),
            partner("Borough community development team", "shared its directory and paid the guides"),
        ],
        "body": [
            section(
                "Why we mapped",
                "<p>Southall is one of the most diverse places in Britain, and one of the most organised: gurdwaras, mandirs, mosques and churches sit within a few streets of each other, alongside sports clubs, music schools and dozens of informal groups. Yet the council's directory listed only 40 community groups for the whole area. We wanted to know what was really there before deciding anything else.</p>",
            ),
            steps(
                "What we did",
                [
                    (
                        "Recruited guides from five organisations",
                        "<p>Each partner suggested residents who knew the area and were not already on committees. We paid 24 guides at the London Living Wage; they ranged from 17 to 74 years old and spoke eleven languages between them.</p>",
                        "March",
                    ),
                    (
                        "Walked in pairs",
                        "<p>Over six weekends, guide and organiser pairs walked twelve routes covering the Broadway and its side streets, talking to people in shops, places of worship, parks and cafés.</p>",
                        "April to May",
                    ),
                    (
                        "Recorded every asset",
                        "<p>We used the hub's worksheet and recorded 163 assets across all six kinds, from the langar kitchen volunteers to a Sunday cricket group that had met in the park for twenty years.</p>",
                        "May to June",
                    ),
                    (
                        "Checked it in public",
                        "<p>Two open sessions, one in the library and one in a gurdwara hall, added 19 more and corrected 31. People brought their own lists.</p>",
                        "July",
                    ),
                ],
            ),
            quote(
                "I have walked past that hall every day for thirty years and never knew there was a women's badminton group inside.",
                "Local guide",
                "retired bus driver",
            ),
            section(
                "What surprised us",
                "<p>Three in four assets were informal: WhatsApp groups, unregistered clubs, a network of grandparents who run a homework table. The places with the most mixing across faith and age were activity spaces, especially the cricket group and a music school, rather than the buildings labelled 'community centre'.</p>",
            ),
            callout(
                "tip",
                "What we would do differently",
                "<p>Pay guides from the first meeting, not after the walks, and plan an evening route: we missed most of the groups that meet after work.</p>",
            ),
        ],
        "outcomes": [
            measure(
                "Community assets recorded",
                40,
                163,
                "assets",
                "Borough directory (before); resident asset map (after), 2023",
            ),
            measure("Residents trained as local guides", 0, 24, "people", "Project register, 2023"),
            measure(
                "Recorded assets that are informal groups", None, 74, "%", "Resident asset map, 2023 (n=163)"
            ),
        ],
        "outcomes_summary": "<p>The map now shapes where the Ealing pilot works: the coalition chose the cricket group, the music school and the library's homework club as the first places to support, because they already bring different people together.</p>",
    },
    {
        "slug": "west-ealing-library-conversation-cafes",
        "title": "Conversation cafés in a West Ealing library",
        "summary": "A weekly conversation café pairing newer arrivals with long-standing residents doubled the share of regulars with a friend from a different background within a year.",
        "place_name": "West Ealing Library, Ealing",
        "area": "Ealing",
        "country": "GB",
        "latitude": 51.5090,
        "longitude": -0.3230,
        "period": "2023 to 2024",
        "stage": "demonstrating",
        "themes": ["bridging-capital", "exposure", "third-spaces", "measurement-and-evaluation"],
        "third_space_types": ["activity", "purpose"],
        "fellows": ["Priya Raman"],
        "owner": "fellow",
        "toolkits": ["design-activities-that-bridge", "measure-connection"],
        "assets": ["12002863"],  # West Ealing Library, GLA Cultural Infrastructure Map
        "partners": [
            partner("Branch library", "hosted the café every Wednesday"),
            partner("Adult education service", "trained volunteer hosts"),
            partner("Refugee support charity", "introduced newer arrivals"),
        ],
        "body": [
            section(
                "The idea",
                "<p>Newer arrivals wanted to practise English; many older residents wanted company. The library wanted more people through its doors. A conversation café gave all three a reason to come, and a structure that mixed them.</p>",
            ),
            steps(
                "How the café works",
                [
                    (
                        "Tables of four, mixed on purpose",
                        "<p>Hosts seat each table with two newer and two longer-standing residents, and change the mix every half hour.</p>",
                        "every session",
                    ),
                    (
                        "A question card on every table",
                        "<p>Cards move from easy ('What did you eat growing up?') to deeper ('Who helped you when you first arrived?').</p>",
                        "",
                    ),
                    (
                        "Something to do together",
                        "<p>Once a month the café cooks or plans an outing together, which gives people a shared task rather than only talk.</p>",
                        "monthly",
                    ),
                    (
                        "Regulars become hosts",
                        "<p>After three months, regulars were invited to host tables. By the end of the year, nine of the twelve hosts were former participants.</p>",
                        "",
                    ),
                ],
            ),
            quote(
                "My first friend in London was a woman of eighty who corrects my grammar and calls me when I miss a week.",
                "Participant",
                "arrived in 2022",
            ),
            callout(
                "evidence",
                "How we measured",
                "<p>We asked the hub's core connection questions at each person's first visit and again after six and twelve months, and kept a register of first and repeat visits.</p>",
            ),
        ],
        "outcomes": [
            measure(
                "Regulars with a friend from a different background",
                22,
                47,
                "%",
                "Participant survey at first visit and after 12 months, n=58",
            ),
            measure("Average weekly attendance", 11, 34, "people", "Café register, first and last quarter"),
            measure("Tables hosted by former participants", 0, 9, "tables", "Host rota, 2024"),
        ],
        "outcomes_summary": "<p>The library has made the café part of its core offer and opened a second session on Saturdays. The biggest change was not in attendance but in what people did outside the café: more than half of regulars said they had met another participant elsewhere.</p>",
    },
    {
        "slug": "harlow-sports-clubs-as-bridges",
        "title": "Harlow's sports clubs open their doors",
        "summary": "Five clubs in Harlow worked with schools and the council to bring in members from the town's lowest-income estates, with free kit, mixed-age sessions and bus-friendly times.",
        "place_name": "Harlow, Essex",
        "area": "Essex",
        "country": "GB",
        "latitude": 51.7727,
        "longitude": 0.1023,
        "period": "2022 to 2024",
        "stage": "convening",
        "themes": ["bridging-capital", "bias-and-homophily", "third-spaces", "economic-connectedness"],
        "third_space_types": ["activity"],
        "fellows": ["Tom Whitlock"],
        "toolkits": ["third-spaces-audit", "design-activities-that-bridge"],
        "assets": [],
        "partners": [
            partner("Five local sports clubs", "football, netball, cricket, athletics and table tennis"),
            partner("Three secondary schools", "referred pupils and shared facilities"),
            partner("District council sport and leisure team", "funded kit and coach time"),
        ],
        "body": [
            section(
                "The problem",
                "<p>Harlow's clubs were full of committed volunteers and welcoming people, but their members came mostly from the town's better-off neighbourhoods. An audit of who came showed that under one in ten members lived in the lowest-income areas, where a third of the town's children live.</p>",
            ),
            steps(
                "What the clubs changed",
                [
                    (
                        "Free kit and fees for a season",
                        "<p>A kit bank and a fee waiver removed the first barrier. No one was asked to prove their income: schools referred pupils directly.</p>",
                        "first season",
                    ),
                    (
                        "Sessions people could reach",
                        "<p>Clubs moved one weekly session to start 30 minutes after the main bus routes arrive, and two clubs ran sessions on the estates themselves.</p>",
                        "",
                    ),
                    (
                        "Mixed-age sessions",
                        "<p>Parents and grandparents were invited to train alongside children. Adults from different neighbourhoods met on the touchline and then on the pitch.</p>",
                        "",
                    ),
                    (
                        "Buddies, not mentors",
                        "<p>Each new member was paired with an existing member of similar age, so newcomers joined as equals.</p>",
                        "",
                    ),
                ],
            ),
            callout(
                "warning",
                "What did not work",
                "<p>A one-day taster festival drew 400 people and almost no new members. Weekly, low-cost, nearby sessions did the work.</p>",
            ),
        ],
        "outcomes": [
            measure(
                "Members living in the lowest-income fifth of areas",
                9,
                23,
                "%",
                "Club membership registers by postcode, 2022 and 2024",
            ),
            measure("Weekly mixed-age sessions", 0, 7, "sessions", "Club timetables"),
            measure(
                "New members still playing after a year", None, 68, "%", "Club registers, 2023 cohort (n=212)"
            ),
        ],
        "outcomes_summary": "<p>Clubs report that mixed-age sessions changed their culture most. Two clubs now have committee members from the estates, and the council has written the fee waiver into its leisure strategy.</p>",
    },
    {
        "slug": "tendring-coast-coalition",
        "title": "A coalition for the Tendring coast",
        "summary": "In Clacton-on-Sea and Jaywick, one-to-one conversations grew into a 31-member coalition that pooled resources for a shared calendar of open sessions and a small-grants fund run by residents.",
        "place_name": "Clacton-on-Sea and Jaywick, Tendring",
        "area": "Essex",
        "country": "GB",
        "latitude": 51.7890,
        "longitude": 1.1530,
        "period": "2023 to 2024",
        "stage": "convening",
        "themes": ["network-building", "mobilising-resources", "co-production", "community-assets"],
        "third_space_types": ["purpose", "identity"],
        "fellows": ["Tom Whitlock"],
        "toolkits": ["convene-a-coalition", "fund-the-connectors"],
        "assets": [],
        "partners": [
            partner("Churches and a mosque on the coast", "hosted gatherings and lunches"),
            partner("Community food projects", "co-convened the coalition"),
            partner("County and district councils", "contributed to the grants pot"),
            partner("A regional community foundation", "managed the grants"),
        ],
        "body": [
            section(
                "Starting from conversations",
                "<p>The coast has many committed groups and a history of short-lived programmes. Rather than call a meeting, the organiser held 46 one-to-one conversations over two months, asking each person what they cared about and what they wished others would do with them.</p>",
            ),
            steps(
                "From talk to action",
                [
                    (
                        "A first gathering in a church hall",
                        "<p>Sixty people heard their own words read back to them and chose one aim: that nobody on the coast should have to spend a week without a reason to leave the house.</p>",
                        "June 2023",
                    ),
                    (
                        "A shared calendar",
                        "<p>Members put every open session on one printed and online calendar, delivered through food projects and GP surgeries.</p>",
                        "from September 2023",
                    ),
                    (
                        "A small-grants pot",
                        "<p>Partners pooled £42,000; a panel of eight paid residents awarded 37 grants of up to £1,000 to groups that were open to all.</p>",
                        "2024",
                    ),
                    (
                        "Making the case",
                        "<p>The coalition took its calendar, its register of who came and residents' stories to the district's budget consultation.</p>",
                        "winter 2024",
                    ),
                ],
            ),
            quote(
                "For years we all ran lunch clubs on the same Tuesday. Now we run them on different days and send people to each other.",
                "Coalition member",
                "food project coordinator",
            ),
        ],
        "outcomes": [
            measure("Organisations in the coalition", 6, 31, "organisations", "Coalition membership list"),
            measure(
                "Open sessions on the shared calendar each week",
                18,
                64,
                "sessions",
                "Shared calendar, first and last month",
            ),
            measure(
                "Small grants awarded by the residents' panel",
                0,
                37,
                "grants",
                "Community foundation grant records, 2024",
            ),
            measure(
                "Funding pooled or secured for connection work",
                0,
                240000,
                "£",
                "Coalition accounts, 2023 to 2024",
            ),
        ],
        "outcomes_summary": "<p>The district council has committed to keep funding the shared calendar, and the coalition meets monthly in a different member's space.</p>",
    },
    {
        "slug": "highlandtown-shared-suppers",
        "title": "Shared suppers across Highlandtown's congregations",
        "summary": "Four congregations of different faiths and languages in East Baltimore hosted monthly suppers cooked by mixed teams, and tracked who made friends across income and faith.",
        "place_name": "Highlandtown, Baltimore",
        "area": "Baltimore",
        "country": "US",
        "latitude": 39.2886,
        "longitude": -76.5695,
        "period": "2023 to 2024",
        "stage": "demonstrating",
        "themes": ["bridging-capital", "bonding-capital", "bias-and-homophily", "third-spaces"],
        "third_space_types": ["identity", "activity"],
        "fellows": ["Denise Carter"],
        "toolkits": ["design-activities-that-bridge", "measure-connection"],
        "assets": [],
        "partners": [
            partner("Two churches, a mosque and a synagogue", "took turns to host"),
            partner("A neighborhood association", "invited residents who belong to no congregation"),
        ],
        "body": [
            section(
                "Bonding as a starting point",
                "<p>Each congregation was strong on its own: members looked after each other through illness, job loss and grief. The suppers set out to use that bonding capital as a base for bridges between congregations, and between members on very different incomes.</p>",
            ),
            steps(
                "The supper model",
                [
                    (
                        "Mixed cooking teams",
                        "<p>Each supper is cooked by a team drawn from at least three congregations and the neighborhood association. Teams meet twice before the supper to plan a menu.</p>",
                        "monthly",
                    ),
                    (
                        "Hosts rotate",
                        "<p>The venue moves each month, so every guest spends time in someone else's place of worship.</p>",
                        "",
                    ),
                    (
                        "Assigned seats at first",
                        "<p>For the first half of the meal, seats are assigned to mix congregations. After dessert, people sit where they like, and many stay mixed.</p>",
                        "",
                    ),
                ],
            ),
            quote(
                "We fed each other before we knew each other's names. By the spring our teenagers had their own group chat.",
                "Supper team member",
                "mosque volunteer",
            ),
            callout(
                "evidence",
                "How we measured",
                "<p>Participants answered the core connection questions at their first supper and a year later. We also asked each person to name up to five people they had met through the suppers and whether they had seen them elsewhere.</p>",
            ),
        ],
        "outcomes": [
            measure(
                "Participants with a close friend in another congregation",
                12,
                38,
                "%",
                "Participant survey, first supper and after 12 months, n=96",
            ),
            measure(
                "Participants with a friend on a very different income",
                19,
                31,
                "%",
                "Participant survey, n=96",
            ),
            measure("Average guests per supper", 45, 110, "people", "Supper registers"),
        ],
        "outcomes_summary": "<p>The congregations now run a joint summer program for young people. The change in cross-income friendships was smaller than the change across faiths, which has led the team to invite residents from a nearby public housing community onto the cooking teams.</p>",
    },
    {
        "slug": "baltimore-rec-center-connectedness",
        "title": "Measuring connectedness at a Baltimore rec center",
        "summary": "A West Baltimore recreation center and a university team tested a simple way for staff to measure whether programs build friendships across income, and used the results to redesign its schedule.",
        "place_name": "Druid Heights, Baltimore",
        "area": "Baltimore",
        "country": "US",
        "latitude": 39.3058,
        "longitude": -76.6331,
        "period": "2022 to 2023",
        "stage": "demonstrating",
        "themes": ["measurement-and-evaluation", "economic-connectedness", "exposure"],
        "third_space_types": ["activity"],
        "fellows": ["Denise Carter"],
        "toolkits": ["measure-connection", "find-where-connection-is-thin"],
        "assets": [],
        "partners": [
            partner("A city recreation center", "ran the programs and collected registers"),
            partner("A university public health team", "designed the survey and analysed results"),
        ],
        "body": [
            section(
                "The question",
                "<p>Baltimore's economic connectedness varies sharply between neighborhoods a few blocks apart. The recreation center drew families from both sides of that line, but staff could not tell whether they mixed. They wanted a measure simple enough to run without a researcher.</p>",
            ),
            steps(
                "What the team did",
                [
                    (
                        "Three questions at sign-up",
                        "<p>Families answered three questions from the hub's measurement toolkit when registering for a program season.</p>",
                        "each season",
                    ),
                    (
                        "A register by ZIP code",
                        "<p>Staff logged each participant's ZIP code, which let the team compare programs with the Social Capital Atlas figures for the surrounding areas.</p>",
                        "every session",
                    ),
                    (
                        "Same questions, end of season",
                        "<p>The survey was repeated at the last session and the results were shared with staff within two weeks.</p>",
                        "end of season",
                    ),
                ],
            ),
            section(
                "What the numbers showed",
                "<p>Evening basketball and the youth robotics club mixed families from different ZIP codes; daytime programs did not, because they drew almost entirely from the blocks closest to the center. Staff moved two popular programs to evenings and added a family robotics session on Saturdays.</p>",
            ),
            callout(
                "warning",
                "Keep it light",
                "<p>A first version with twelve questions had a 30 percent response rate. Three questions at sign-up reached 85 percent.</p>",
            ),
        ],
        "outcomes": [
            measure(
                "Survey response rate",
                30,
                85,
                "%",
                "Program registers, first and second version of the survey",
            ),
            measure(
                "Programs mixing families from three or more ZIP codes",
                2,
                6,
                "programs",
                "Program registers, spring 2022 and spring 2023",
            ),
            measure(
                "Participants with a friend made at the center from a different neighborhood",
                14,
                26,
                "%",
                "End-of-season survey, n=143",
            ),
        ],
        "outcomes_summary": "<p>The three-question survey is now part of the center's standard registration and has been shared with two other recreation centers in the city.</p>",
    },
    {
        "slug": "dorchester-neighbor-volunteer-corps",
        "title": "Dorchester's neighbor volunteer corps",
        "summary": "A volunteer corps organised around practical neighborhood projects brought together residents of very different incomes and ages, and kept three in five volunteers coming back.",
        "place_name": "Dorchester, Boston",
        "area": "Boston",
        "country": "US",
        "latitude": 42.3016,
        "longitude": -71.0676,
        "period": "2023 to 2024",
        "stage": "convening",
        "themes": ["bridging-capital", "co-production", "network-building", "third-spaces"],
        "third_space_types": ["purpose"],
        "fellows": ["Luis Ortega"],
        "toolkits": ["design-activities-that-bridge", "convene-a-coalition"],
        "assets": [],
        "partners": [
            partner("A neighborhood civic association", "chose the projects with residents"),
            partner("A community health center", "recruited volunteers and provided space"),
            partner("Local businesses", "donated tools and lunch"),
        ],
        "body": [
            section(
                "Purpose first",
                "<p>Dorchester is home to long-established families, recent immigrants from Vietnam, Haiti and Cape Verde, and newer, higher-income residents. They rarely met. The corps gave them a shared purpose: visible improvements to the neighborhood, chosen by residents.</p>",
            ),
            steps(
                "How it runs",
                [
                    (
                        "Residents choose the projects",
                        "<p>Each quarter, a street meeting votes on three projects, such as a tool library, a community garden or snow clearing for older neighbors.</p>",
                        "quarterly",
                    ),
                    (
                        "Crews of six, mixed on purpose",
                        "<p>Volunteers sign up for a crew that stays together for the quarter. Coordinators mix crews by age, language and street.</p>",
                        "",
                    ),
                    (
                        "Lunch is part of the job",
                        "<p>Every workday ends with lunch together, donated by a local business.</p>",
                        "every workday",
                    ),
                    (
                        "Translation built in",
                        "<p>Sign-up forms and workdays run in English, Vietnamese, Haitian Creole and Cape Verdean Creole.</p>",
                        "",
                    ),
                ],
            ),
            quote(
                "I moved here two years ago and knew nobody. Now I know the names of everyone on my crew and half of their kids.",
                "Volunteer",
                "Dorchester resident",
            ),
        ],
        "outcomes": [
            measure("Active volunteers", 0, 186, "people", "Corps sign-up records, 2023 to 2024"),
            measure("Volunteers returning for a second quarter", None, 61, "%", "Corps sign-up records"),
            measure(
                "Volunteers who made a friend of a different background on their crew",
                None,
                54,
                "%",
                "End-of-quarter survey, n=122",
            ),
        ],
        "outcomes_summary": "<p>Crews have started meeting outside workdays, and the tool library they built is now run by volunteers from three different crews.</p>",
    },
    {
        "slug": "east-boston-third-spaces-budget",
        "title": "East Boston: from data to a city budget line",
        "summary": "Residents and organisations in East Boston used asset maps, atlas data and their own stories to win city funding for extended library hours and free use of community rooms.",
        "place_name": "East Boston, Boston",
        "area": "Boston",
        "country": "US",
        "latitude": 42.3702,
        "longitude": -71.0389,
        "period": "2023 to 2024",
        "stage": "demonstrating",
        "themes": [
            "policy-and-advocacy",
            "measurement-and-evaluation",
            "third-spaces",
            "mobilising-resources",
        ],
        "third_space_types": ["purpose", "activity"],
        "fellows": ["Luis Ortega"],
        "toolkits": ["make-the-case", "find-where-connection-is-thin"],
        "assets": [],
        "partners": [
            partner("A neighborhood coalition of 14 organisations", "led the campaign"),
            partner("Branch library users' group", "collected residents' stories"),
            partner("A local university", "analysed atlas and asset data"),
        ],
        "body": [
            section(
                "Making the gap visible",
                "<p>The coalition mapped every third space in East Boston and laid the map over Social Capital Atlas data. The streets with the lowest economic connectedness also had the fewest places open in the evening: the library closed at 6pm on most days and community rooms cost more than small groups could pay.</p>",
            ),
            steps(
                "The campaign",
                [
                    (
                        "One clear ask",
                        "<p>Evening library hours three nights a week, and free community-room hire for groups open to all.</p>",
                        "spring 2023",
                    ),
                    (
                        "A number and a person",
                        "<p>At the budget hearing, a high-school student described doing homework in a laundromat, next to a map of places open after 6pm.</p>",
                        "budget hearing",
                    ),
                    (
                        "The whole coalition in the room",
                        "<p>Fourteen organisations, from a soccer league to a parish, signed one letter and spoke in turn.</p>",
                        "",
                    ),
                    (
                        "Follow-through",
                        "<p>Six months later the coalition counted evening visits and published the figures, thanking officials by name.</p>",
                        "autumn 2024",
                    ),
                ],
            ),
            callout(
                "tip",
                "Timing is everything",
                "<p>We started eight months before the budget was set. Our first ask, a year earlier, came after the decisions were made.</p>",
            ),
        ],
        "outcomes": [
            measure(
                "Evenings a week the branch library is open after 6pm",
                1,
                3,
                "evenings",
                "Library opening hours, 2023 and 2024",
            ),
            measure("Community groups using rooms free of charge", 3, 21, "groups", "Room booking records"),
            measure(
                "Evening library visits per month",
                410,
                1580,
                "visits",
                "Library door counts, October 2023 and October 2024",
            ),
        ],
        "outcomes_summary": "<p>The city has included free room hire for open groups in its neighborhood services budget for a second year, and two other neighborhoods have asked the coalition to share its approach.</p>",
    },
]
