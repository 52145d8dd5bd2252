"""Writes for the knowledge hub: themes, roles and permissions, the moderation workflow.

Roles are code, kept idempotently: ``knowledge_hub_roles_ensure`` runs after every ``migrate``
(see apps.py) and from the demo loader; ``case_study_index_setup`` runs whenever a case-study
index is created (wagtail_hooks.py) and from the demo loader.

Who may do what (Wagtail's own page permission model, no custom policy needed):

* **Fellows** have only the *add* permission on the case-study index. Wagtail lets a user with
  *add* but not *change* edit only the pages they own (``page.owner``), so a Fellow can write,
  preview and submit their own case studies, never someone else's, and cannot publish.
* **Moderators** review submissions in the "Case study review" workflow (a GroupApprovalTask),
  approve or request changes with a comment; Wagtail e-mails the Fellow who submitted it.
* Fellows do not see the promotion/SEO fields: those panels need ``toolkits.promote_casestudypage``,
  which Moderators and Editors have.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

FELLOWS_GROUP = "Fellows"
MODERATORS_GROUP = "Moderators"  # Wagtail's own default moderators group; created if missing.
EDITORS_GROUP = "Editors"  # Wagtail's default editors group; only extended if it exists.
WORKFLOW_NAME = "Case study review"
TASK_NAME = "Editorial review of a case study"


@dataclass(frozen=True)
class KnowledgeHubRoles:
    fellows: Group
    moderators: Group


def themes_seed() -> int:
    """Create the programme's themes that are missing (by slug); returns how many were created."""
    from toolkits.models import Theme
    from toolkits.taxonomy import SEED_THEMES

    created = 0
    for slug, name, description in SEED_THEMES:
        _theme, was_created = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        created += was_created
    return created


def _permission(app_label: str, model: str, codename: str, name: str) -> Permission:
    # get_or_create, not get: after a test flush, or in the middle of the first `migrate`,
    # Django and Wagtail may not have created their permission rows yet.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _model_permissions(model_name: str, verbose_name: str, actions=("add", "change", "delete", "view")):
    return [
        _permission("toolkits", model_name, f"{a}_{model_name}", f"Can {a} {verbose_name}") for a in actions
    ]


def _page_permission(action: str) -> Permission:
    return _permission("wagtailcore", "page", f"{action}_page", f"Can {action} page")


@transaction.atomic
def knowledge_hub_roles_ensure() -> KnowledgeHubRoles:
    """The Fellows and Moderators groups with their model permissions (idempotent)."""
    access_admin = _permission("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    promote = _permission(
        "toolkits",
        "casestudypage",
        "promote_casestudypage",
        "Can edit the promotion and SEO fields of case studies",
    )
    curation = [
        *_model_permissions("theme", "theme"),
        *_model_permissions("fellowprofile", "fellow profile"),
    ]

    fellows, _ = Group.objects.get_or_create(name=FELLOWS_GROUP)
    fellows.permissions.add(access_admin)

    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    moderators.permissions.add(access_admin, promote, *curation)
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors is not None:
        editors.permissions.add(promote, *curation)

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        # Fellows may upload and choose images and documents for their case studies.
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in ("add", "choose"):
                permission = _permission(app_label, model, f"{action}_{model}", f"Can {action} {model}")
                GroupCollectionPermission.objects.get_or_create(
                    group=fellows, collection=root_collection, permission=permission
                )
    return KnowledgeHubRoles(fellows=fellows, moderators=moderators)


@transaction.atomic
def case_study_index_setup(*, index: Page) -> Workflow:
    """Fellows may add case studies under ``index``; submissions go through the review workflow.

    Assigns the workflow only when the index has none, so an administrator's choice stands.
    """
    roles = knowledge_hub_roles_ensure()
    GroupPagePermission.objects.get_or_create(
        group=roles.fellows, page=index, permission=_page_permission("add")
    )
    for action in ("add", "change", "publish"):
        GroupPagePermission.objects.get_or_create(
            group=roles.moderators, page=index, permission=_page_permission(action)
        )
    workflow = case_study_workflow(reviewers=roles.moderators)
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return WorkflowPage.objects.get(page=index).workflow


def case_study_workflow(*, reviewers: Group) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
            task.groups.set([reviewers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def fellow_account_link(*, user, profile) -> None:
    """Make ``user`` a Fellow: put them in the Fellows group and link their public profile."""
    roles = knowledge_hub_roles_ensure()
    user.groups.add(roles.fellows)
    if profile.user_id != user.pk:
        profile.user = user
        profile.save(update_fields=["user"])
