"""Importers: partner and open data into the registry, the demo's included.

A thin command (``manage.py import_csv`` / ``import_osm`` / ``import_hsds``, on
``command.SpaceImportCommand``) over an importer class: ``base.BaseImporter`` does everything
formats share (validation of the whole batch, locating, duplicate handling, the transactional
write through ``services.import_write``), and a small subclass per format turns source records
into candidate spaces:

* ``csv_importer.CsvImporter``: any CSV, through a column mapping (``mapping.ColumnMapping``,
  a YAML or JSON file, or command-line flags);
* ``osm.OsmImporter``: OpenStreetMap features (GeoJSON, or CSV with tag columns);
* ``hsds.HsdsImporter``: Open Referral HSDS 3.0 (API JSON responses, and the tabular package).

The report, row outcomes, file readers and command base are the top-level ``importing`` package's,
shared with the atlas's importers. Dry run by default; ``commit=True`` writes. ``load_demo`` loads
its spaces through ``CsvImporter``/``OsmImporter`` and the mappings in data/mappings/.
docs/importers.md is the user's guide.
"""
