"""Importers: partner and open data into the registry.

A thin command (``manage.py import_csv`` / ``import_osm`` / ``import_hsds``) over an importer
class: ``base.BaseImporter`` does everything formats share (validation of the whole batch,
locating, duplicate handling, the per-row report, the transactional write), and a small subclass
per format turns source records into candidate spaces:

* ``csv_importer.CsvImporter``: any CSV, through a column mapping (``mapping.ColumnMapping``,
  a YAML or JSON file, or command-line flags);
* ``osm.OsmImporter``: OpenStreetMap features (GeoJSON, or CSV with tag columns);
* ``hsds.HsdsImporter``: Open Referral HSDS 3.0 (API JSON responses, and the tabular package).

Dry run by default; ``commit=True`` writes. docs/importers.md is the user's guide.
"""
