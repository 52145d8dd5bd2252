"""Find-a-space backends, side by side. Choose one in settings: ``ASSET_SEARCH_BACKEND`` (dotted
class path).

* ``base.AssetSearchBackend`` documents the interface; ``hints`` what a caller may do without.
* ``database.DatabaseAssetSearch``: the default (SQLite FTS5 or PostgreSQL full text, no GeoDjango).
* ``elasticsearch.ElasticsearchAssetSearch``: when ELASTICSEARCH_URL is set; it reads the index
  that ``elasticsearch_index`` builds and keeps in step (``documents``: one document per public
  space), fed by the registry's ``signals.spaces_changed``.
"""
