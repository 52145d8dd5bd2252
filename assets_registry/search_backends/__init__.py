"""Find-a-space backends. Choose one in settings: ``ASSET_SEARCH_BACKEND`` (dotted class path).

``base.AssetSearchBackend`` documents the interface; ``database.DatabaseAssetSearch`` is the
default (SQLite or PostgreSQL, no GeoDjango).
"""
