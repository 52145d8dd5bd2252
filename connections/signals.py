"""``survey_results_changed`` (sender: Survey, ``survey``): sent after the transaction commits when
a published survey's figures may change: an interview is completed (it may complete a step of the
threshold), or raw interviews are deleted. The site's page cache empties on it
(``home.page_cache_invalidation``): the results page and the space badges are public pages."""

from django.db import transaction
from django.dispatch import Signal

survey_results_changed = Signal()


def results_changed(survey) -> None:
    transaction.on_commit(lambda: survey_results_changed.send(sender=type(survey), survey=survey))
