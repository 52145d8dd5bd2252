"""The indicators the atlas knows how to import, with their meaning, source and citation.

US descriptions follow the Social Capital Atlas codebook ("Codebook for Publicly Available Data
on Social Capital", Opportunity Insights, July 2022, section 2); the citation is the one the
codebook asks for (section 4). UK definitions follow the UK Social Capital Atlas (2025).
"""

from __future__ import annotations

from dataclasses import dataclass, field

US_SCA_SOURCE = "Social Capital Atlas, Opportunity Insights (data release of July 2022)"
US_SCA_URL = "https://opportunityinsights.org/data/"
US_SCA_VINTAGE = "July 2022 (Facebook data, May 2022)"
US_SCA_LICENCE = "Free to use with the citation the codebook asks for"
US_SCA_CITATION = (
    "Chetty, R., Jackson, M. O., Kuchler, T., Stroebel, J., Hendren, N., Fluegge, R., Gong, S., "
    "Gonzalez, F., Grondin, A., Jacob, M., Johnston, D., Koenen, M., Laguna-Muggenberg, E., "
    "Mudekereza, F., Rutter, T., Thor, N., Townsend, W., Zhang, R., Bailey, M., Barberá, P., "
    "Bhole, M. and Wernerfelt, N. (2022a). “Social Capital I: Measurement and Associations with "
    "Economic Mobility.” Nature 608(7921), 108–121; and (2022b) “Social Capital II: Determinants "
    "of Economic Connectedness.” Nature 608(7921), 122–134. Data: Social Capital Atlas, "
    "Opportunity Insights, socialcapital.org."
)
US_POPULATION_SOURCE = "American Community Survey 2018 (US Census), as published in the Social Capital Atlas"

UK_SCA_SOURCE = "UK Social Capital Atlas (Meta Data for Good, Behavioural Insights Team, RSA and partners)"
UK_SCA_URL = "https://data.humdata.org/dataset/uk-social-capital-atlas"
UK_SCA_VINTAGE = "2025 (Facebook data, February 2025)"
UK_SCA_LICENCE = "As stated on the dataset page"
UK_SCA_CITATION = (
    "Harris, T., Iyer, S., Rutter, T., Chi, G., Johnston, D., Lam, P., Makinson, L., Silva, A., "
    "Wessel, M., Liou, M.-C., Wang, Y., Zaman, Q. and Bailey, M. (2025). “Social Capital in the "
    "United Kingdom: Evidence from Six Billion Friendships.” OSF preprint, "
    "doi:10.31235/osf.io/kb7dy_v1. Data: UK Social Capital Atlas (“Revealing Social Capital”), "
    "Humanitarian Data Exchange."
)

HIGHER = "higher_is_better"
LOWER = "lower_is_better"
NEUTRAL = "neutral"


@dataclass(frozen=True)
class IndicatorSpec:
    slug: str
    name: str
    short_name: str
    description: str
    direction: str
    unit: str
    columns: dict[str, str]  # area kind -> value column
    se_columns: dict[str, str] = field(default_factory=dict)  # area kind -> standard-error column
    sort_order: int = 100
    # What the national percentile ranks against, when narrower than the kind of area
    # ("English local authorities": the Indices cover England only).
    area_noun: str = ""


_EC_DEF = (
    "Economic connectedness: two times the share of high-socioeconomic-status (SES) friends among "
    "low-SES people, averaged over all low-SES people in the area (1 means low-SES people have as "
    "many high-SES friends as they would if friendships ignored income; 0.5 means half as many). "
    "Chetty et al. (2022a) find it one of the strongest predictors of upward income mobility. "
    "Noise is added to protect privacy; the standard error includes it."
)

US_INDICATORS: list[IndicatorSpec] = [
    IndicatorSpec(
        "us-economic-connectedness",
        "Economic connectedness",
        "Economic connectedness",
        _EC_DEF,
        HIGHER,
        "ratio (1 = no income segregation of friendships)",
        {"us_county": "ec_county", "us_zip": "ec_zip"},
        {"us_county": "ec_se_county", "us_zip": "ec_se_zip"},
        sort_order=1,
    ),
    IndicatorSpec(
        "us-childhood-economic-connectedness",
        "Childhood economic connectedness",
        "Childhood EC",
        "Two times the share of high-parental-SES friends among low-parental-SES people, using only "
        "their high-school friends; people are counted in the county where their high school is, "
        "so it maps where people grew up.",
        HIGHER,
        "ratio",
        {"us_county": "child_ec_county"},
        {"us_county": "child_ec_se_county"},
        sort_order=2,
    ),
    IndicatorSpec(
        "us-neighbourhood-economic-connectedness",
        "Neighbourhood economic connectedness",
        "Neighbourhood EC",
        "Economic connectedness calculated using only friends who live in the same neighbourhood.",
        HIGHER,
        "ratio",
        {"us_zip": "nbhd_ec_zip"},
        sort_order=3,
    ),
    IndicatorSpec(
        "us-group-economic-connectedness",
        "Economic connectedness within groups",
        "EC within groups",
        "Two times the share of high-SES friends among low-SES people, counting only friendships that "
        "can be traced to the group (school, college, workplace, religious group, recreational group, "
        "neighbourhood) where they were formed.",
        HIGHER,
        "ratio",
        {"us_county": "ec_grp_mem_county", "us_zip": "ec_grp_mem_zip"},
        sort_order=4,
    ),
    IndicatorSpec(
        "us-exposure",
        "Exposure to high-SES people",
        "Exposure",
        "Two times the average share of high-SES people in the groups that low-SES people belong to: "
        "how often people on low incomes meet people on high incomes at all.",
        HIGHER,
        "ratio",
        {"us_county": "exposure_grp_mem_county", "us_zip": "exposure_grp_mem_zip"},
        sort_order=5,
    ),
    IndicatorSpec(
        "us-friending-bias",
        "Friending bias",
        "Friending bias",
        "One minus (economic connectedness within groups ÷ exposure): how much less often low-SES "
        "people befriend the high-SES people they meet than chance would suggest. Lower means "
        "friendships cross income lines more readily once people meet.",
        LOWER,
        "share (0 = no bias)",
        {"us_county": "bias_grp_mem_county", "us_zip": "bias_grp_mem_zip"},
        sort_order=6,
    ),
    IndicatorSpec(
        "us-childhood-exposure",
        "Childhood exposure to high-SES peers",
        "Childhood exposure",
        "Mean exposure to high-parental-SES peers in high school, averaged over low-parental-SES people.",
        HIGHER,
        "ratio",
        {"us_county": "child_exposure_county"},
        sort_order=7,
    ),
    IndicatorSpec(
        "us-childhood-friending-bias",
        "Childhood friending bias",
        "Childhood bias",
        "One minus (childhood economic connectedness ÷ childhood exposure).",
        LOWER,
        "share (0 = no bias)",
        {"us_county": "child_bias_county"},
        sort_order=8,
    ),
    IndicatorSpec(
        "us-neighbourhood-exposure",
        "Neighbourhood exposure",
        "Neighbourhood exposure",
        "Exposure calculated using only people who live in the ZIP code.",
        HIGHER,
        "ratio",
        {"us_zip": "nbhd_exposure_zip"},
        sort_order=9,
    ),
    IndicatorSpec(
        "us-neighbourhood-friending-bias",
        "Neighbourhood friending bias",
        "Neighbourhood bias",
        "One minus (neighbourhood economic connectedness ÷ neighbourhood exposure).",
        LOWER,
        "share (0 = no bias)",
        {"us_zip": "nbhd_bias_zip"},
        sort_order=10,
    ),
    IndicatorSpec(
        "us-clustering",
        "Clustering",
        "Clustering",
        "The average fraction of a person's pairs of friends who are also friends with each other "
        "(a measure of cohesiveness: tight-knit networks).",
        HIGHER,
        "share",
        {"us_county": "clustering_county", "us_zip": "clustering_zip"},
        sort_order=20,
    ),
    IndicatorSpec(
        "us-support-ratio",
        "Support ratio",
        "Support ratio",
        "The share of friendships within the area where the two friends share a third mutual friend "
        "in the same area (a measure of cohesiveness).",
        HIGHER,
        "share",
        {"us_county": "support_ratio_county", "us_zip": "support_ratio_zip"},
        sort_order=21,
    ),
    IndicatorSpec(
        "us-volunteering-rate",
        "Volunteering rate",
        "Volunteering",
        "The share of Facebook users who are members of a group predicted to be about volunteering or "
        "activism (civic engagement).",
        HIGHER,
        "share of users",
        {"us_county": "volunteering_rate_county", "us_zip": "volunteering_rate_zip"},
        sort_order=30,
    ),
    IndicatorSpec(
        "us-civic-organizations",
        "Civic organisations",
        "Civic organisations",
        "The number of Facebook Pages predicted to be 'public good' pages (with a website, a "
        "description and an address in the area) per 1,000 users (civic engagement).",
        HIGHER,
        "pages per 1,000 users",
        {"us_county": "civic_organizations_county", "us_zip": "civic_organizations_zip"},
        sort_order=31,
    ),
    IndicatorSpec(
        "us-economic-connectedness-high-ses",
        "Economic connectedness of high-SES people",
        "EC of high-SES",
        "Two times the share of high-SES friends among high-SES people: how much people on high "
        "incomes keep to themselves. Context rather than a better-or-worse measure.",
        NEUTRAL,
        "ratio",
        {"us_county": "ec_high_county", "us_zip": "ec_high_zip"},
        {"us_county": "ec_high_se_county", "us_zip": "ec_high_se_zip"},
        sort_order=40,
    ),
    IndicatorSpec(
        "us-exposure-high-ses",
        "Exposure of high-SES people to high-SES people",
        "Exposure of high-SES",
        "Two times the average share of high-SES people in the groups high-SES people belong to.",
        NEUTRAL,
        "ratio",
        {"us_county": "exposure_grp_mem_high_county", "us_zip": "exposure_grp_mem_high_zip"},
        sort_order=41,
    ),
    IndicatorSpec(
        "us-friending-bias-high-ses",
        "Friending bias of high-SES people",
        "Bias of high-SES",
        "One minus (high-SES economic connectedness within groups ÷ high-SES exposure).",
        NEUTRAL,
        "share",
        {"us_county": "bias_grp_mem_high_county", "us_zip": "bias_grp_mem_high_zip"},
        sort_order=42,
    ),
]

# UK: the value columns accepted in a user-supplied file (first match wins), by indicator.
UK_INDICATORS: list[IndicatorSpec] = [
    IndicatorSpec(
        "uk-economic-connectedness",
        "Economic connectedness (UK)",
        "Economic connectedness",
        "The share of high-socioeconomic-status friends among low-SES people, relative to the share "
        "expected if friendships ignored income (1 = no income segregation of friendships). "
        "Comparable in meaning, not in method, to the US measure.",
        HIGHER,
        "ratio (1 = no income segregation of friendships)",
        {"uk": "ec"},
        {"uk": "ec_se"},
        sort_order=1,
    ),
    IndicatorSpec(
        "uk-friending-bias",
        "Friending bias (UK)",
        "Friending bias",
        "How much less often people befriend those unlike them whom they meet than chance would "
        "suggest. Lower is better.",
        LOWER,
        "share (0 = no bias)",
        {"uk": "average_bias"},
        sort_order=6,
    ),
    IndicatorSpec(
        "uk-clustering",
        "Clustering (UK)",
        "Clustering",
        "The average fraction of a person's pairs of friends who are also friends with each other.",
        HIGHER,
        "share",
        {"uk": "average_clustering"},
        sort_order=20,
    ),
    IndicatorSpec(
        "uk-support-ratio",
        "Support ratio (UK)",
        "Support ratio",
        "The share of local friendships where the two friends share a third mutual friend.",
        HIGHER,
        "share",
        {"uk": "average_support_ratio"},
        sort_order=21,
    ),
    IndicatorSpec(
        "uk-volunteering-rate",
        "Volunteering rate (UK)",
        "Volunteering",
        "The share of users who are members of a volunteering group.",
        HIGHER,
        "share of users",
        {"uk": "volunteering_fraction"},
        sort_order=30,
    ),
    IndicatorSpec(
        "uk-activism-rate",
        "Activism rate (UK)",
        "Activism",
        "The share of users who are members of an activism group.",
        HIGHER,
        "share of users",
        {"uk": "activism_fraction"},
        sort_order=31,
    ),
]


# English Indices of Deprivation 2025: need, not connection. No UK economic connectedness figure
# is openly published in a form we can ship, so deprivation is the nearest honest measure of need
# for English local authorities (see docs/atlas.md).
UK_IOD_SOURCE = "English Indices of Deprivation 2025, Ministry of Housing, Communities and Local Government"
UK_IOD_URL = "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025"
UK_IOD_VINTAGE = "2025 (File 10 v2, November 2025)"  # Indicator.vintage: 40 characters
UK_IOD_LICENCE = "Open Government Licence v3.0"
UK_IOD_CITATION = (
    "Ministry of Housing, Communities and Local Government (2025). English Indices of Deprivation "
    "2025, File 10: local authority district summaries (lower tier), v2. Contains public sector "
    "information licensed under the Open Government Licence v3.0."
)

_ENGLISH_LADS = "English local authorities"

UK_IOD_INDICATORS: list[IndicatorSpec] = [
    IndicatorSpec(
        "uk-imd-average-score",
        "Deprivation (Index of Multiple Deprivation 2025)",
        "Deprivation (IMD)",
        "How deprived the area's neighbourhoods are, on average: income, employment, education, "
        "health, crime, barriers to housing and services, and living environment combined. Higher "
        "means more deprived. A measure of need, not of connection.",
        LOWER,
        "score (higher = more deprived)",
        {"uk_lad": "IMD - Average score"},
        sort_order=50,
        area_noun=_ENGLISH_LADS,
    ),
    IndicatorSpec(
        "uk-imd-most-deprived-share",
        "Neighbourhoods among England's most deprived 10%",
        "In most deprived 10%",
        "The share of the area's neighbourhoods (LSOAs) that are among the most deprived tenth of "
        "all neighbourhoods in England: how concentrated deprivation is.",
        LOWER,
        "share of neighbourhoods (0 to 1)",
        {"uk_lad": "IMD - Proportion of LSOAs in most deprived 10% nationally"},
        sort_order=51,
        area_noun=_ENGLISH_LADS,
    ),
    IndicatorSpec(
        "uk-income-deprivation",
        "Income deprivation (IMD 2025 income domain)",
        "Income deprivation",
        "The share of residents experiencing deprivation relating to low income: out of work, or in "
        "work on low earnings (the average of the neighbourhoods' income domain scores).",
        LOWER,
        "share of residents (0 to 1)",
        {"uk_lad": "Income - Average score"},
        sort_order=52,
        area_noun=_ENGLISH_LADS,
    ),
    IndicatorSpec(
        "uk-employment-deprivation",
        "Employment deprivation (IMD 2025 employment domain)",
        "Employment deprivation",
        "The share of working-age residents involuntarily out of work through unemployment, sickness, "
        "disability or caring (the average of the neighbourhoods' employment domain scores).",
        LOWER,
        "share of working-age residents (0 to 1)",
        {"uk_lad": "Employment - Average score"},
        sort_order=53,
        area_noun=_ENGLISH_LADS,
    ),
]


@dataclass(frozen=True)
class NeedSpec:
    """A measure the "sparse relative to need" rule can read: its slug, how the rule's sentence
    names it, and whether high values (deprivation) or low values (connectedness) mean need."""

    slug: str
    label: str
    need_when_high: bool


# The measures of need, by country, in order of preference: the rule reads the first one the
# area has a value for. Economic connectedness first; in the UK, deprivation where it is absent.
NEED_MEASURES = {
    "US": [NeedSpec("us-economic-connectedness", "economic connectedness", need_when_high=False)],
    "GB": [
        NeedSpec("uk-economic-connectedness", "economic connectedness", need_when_high=False),
        NeedSpec("uk-imd-average-score", "deprivation (IMD 2025)", need_when_high=True),
    ],
}

# Indicator slug -> what its percentiles rank against, where narrower than the kind of area.
AREA_NOUNS = {spec.slug: spec.area_noun for spec in UK_IOD_INDICATORS if spec.area_noun}
