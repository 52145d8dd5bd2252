"""The Wagtail admin's "Background tasks" report, for superusers: every task not (yet) done -
queued, waiting for a retry, running, failed - newest queued first, each linked to its full record
(arguments, traceback) in the Django admin of django-tasks-db's results."""

from __future__ import annotations

import django_filters
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

NOT_DONE = [s for s in TaskResultStatus.values if s != TaskResultStatus.SUCCESSFUL]


class TaskFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=[(s, TaskResultStatus(s).label) for s in NOT_DONE], empty_label="Any not done"
    )

    class Meta:
        model = DBTaskResult
        fields = ["status"]


def record_url(row: DBTaskResult) -> str:
    return reverse("admin:django_tasks_database_dbtaskresult_change", args=[quote(row.pk)])


def task_title(row: DBTaskResult) -> str:
    return row.task_path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def next_run(row: DBTaskResult):
    return row.run_after if row.status == TaskResultStatus.READY and row.run_after.year < 9999 else None


class TaskReportView(ReportView):
    page_title = "Background tasks"
    header_icon = "cogs"
    index_url_name = "task_report"
    index_results_url_name = "task_report_results"
    filterset_class = TaskFilterSet
    columns = [
        # "Geocode asset", not the dotted path (which would not fit a phone); the record has it.
        TitleColumn("task_path", label="Task", get_url=record_url, accessor=task_title),
        Column("status", label="Status", accessor="get_status_display"),
        Column("attempts", label="Attempts", accessor=lambda row: len(row.worker_ids)),
        Column("error", label="Last error", accessor=lambda row: row.exception_class_path.rsplit(".", 1)[-1]),
        DateColumn("next_run", label="Next run", accessor=next_run),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return DBTaskResult.objects.filter(status__in=NOT_DONE).order_by("-enqueued_at")


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


def menu_item() -> MenuItem:
    return SuperuserMenuItem(
        "Background tasks", reverse("task_report"), name="background-tasks", icon_name="cogs", order=1000
    )


urlpatterns = [
    path("reports/tasks/", TaskReportView.as_view(), name="task_report"),
    path("reports/tasks/results/", TaskReportView.as_view(results_only=True), name="task_report_results"),
]
