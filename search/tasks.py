"""Background work for search (django-tasks; the immediate backend runs it at once)."""

from django_tasks import task


@task()
def sync_assets(asset_ids: list[int]) -> int:
    """Bring these assets' documents in the find-a-space index in line with the database."""
    from search.asset_index import sync

    return sync(asset_ids)
