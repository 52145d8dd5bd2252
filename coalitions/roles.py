"""The coalition roles' groups and the approval workflow (docs/impact.md, "Roles and permissions").

``roles_and_workflow_ensure`` is idempotent and takes an app registry, so one function serves the
data migration (``0002_groups_and_workflow``, historical models) and run time (the demo, and tests
whose flushed database lost what the migration made).

* "Coalition stewards": edit their coalition, manage its measures, observations and initiatives,
  publish (approve) them; "Coalition members": add and edit drafts of measures and observations
  and submit them, view initiatives. ``coalitions.permissions`` narrows both to the coalitions a
  user belongs to; these are only the model permissions Wagtail asks for first.
* The "Coalition approval" workflow: one ``StewardApprovalTask`` for the stewards' group, the
  default workflow of measures and observations (Wagtail's ``WorkflowContentType``).
"""

from __future__ import annotations

from django.apps import apps as global_apps

STEWARDS_GROUP = "Coalition stewards"
MEMBERS_GROUP = "Coalition members"
WORKFLOW_NAME = "Coalition approval"
TASK_NAME = "A steward of the coalition approves"

MODERATED = ("measure", "observation")
# {group: {model: actions}}; publish, lock and unlock exist for draft-state, lockable snippets.
GROUP_PERMISSIONS = {
    STEWARDS_GROUP: {
        "coalition": ("view", "change"),
        "measure": ("add", "change", "delete", "view", "publish", "lock", "unlock"),
        "observation": ("add", "change", "delete", "view", "publish", "lock", "unlock"),
        "initiative": ("add", "change", "delete", "view"),
    },
    # Initiatives have no draft state: what a member saved would be public at once, so members
    # only read them.
    MEMBERS_GROUP: {
        "measure": ("add", "change", "view"),
        "observation": ("add", "change", "view"),
        "initiative": ("view",),
    },
}
# Evidence documents: both roles upload and choose them (root collection).
DOCUMENT_ACTIONS = ("add", "choose")


def roles_and_workflow_ensure(apps=global_apps) -> None:
    Group = apps.get_model("auth", "Group")
    groups = {}
    for name, models in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin"))
        for model, actions in models.items():
            group.permissions.add(
                *(_permission(apps, "coalitions", model, f"{action}_{model}") for action in actions)
            )
        _document_permissions(apps, group)
        groups[name] = group
    _workflow(apps, groups[STEWARDS_GROUP])


def _permission(apps, app_label: str, model: str, codename: str):
    """The permission, created when missing: in a fresh database the data migration runs before
    Django's and Wagtail's post_migrate handlers make them (they skip existing ones)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.split('_', 1)[0]} {model}"},
    )
    return permission


def _document_permissions(apps, group) -> None:
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for action in DOCUMENT_ACTIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=_permission(apps, "wagtaildocs", "document", f"{action}_document"),
        )


def _workflow(apps, stewards) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    StewardApprovalTask = apps.get_model("coalitions", "StewardApprovalTask")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = StewardApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            # Historical models do not set a task's specific content type themselves.
            task_type, _ = ContentType.objects.get_or_create(
                app_label="coalitions", model="stewardapprovaltask"
            )
            task = StewardApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
            task.groups.set([stewards])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for model in MODERATED:
        content_type, _ = ContentType.objects.get_or_create(app_label="coalitions", model=model)
        # An administrator's later choice of workflow stands.
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
