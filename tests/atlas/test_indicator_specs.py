"""Every indicator the atlas importers write fits the columns it goes into: SQLite does not
check lengths, PostgreSQL refuses the row (an IMD vintage once failed only there)."""

import pytest

from atlas.importers.indicators import IndicatorFileImporter
from atlas.models import Indicator


def _importers(cls=IndicatorFileImporter):
    for sub in cls.__subclasses__():
        yield sub
        yield from _importers(sub)


@pytest.mark.parametrize("importer", list(_importers()), ids=lambda cls: cls.__name__)
def test_indicator_texts_fit_their_columns(importer):
    limits = {f.name: f.max_length for f in Indicator._meta.get_fields() if getattr(f, "max_length", None)}
    values = [("source", importer.source), ("vintage", importer.vintage), ("licence", importer.licence)]
    for spec in importer.specs(importer.__new__(importer)):
        values += [
            ("slug", spec.slug),
            ("name", spec.name),
            ("short_name", spec.short_name),
            ("unit", spec.unit),
        ]
    too_long = [(field, value) for field, value in values if len(value or "") > limits[field]]
    assert too_long == []
