"""Who may change what: any signed-in user reads; the creator or staff writes.

An endpoint may also be changed by the creator of its group, who owns what the
group holds. A row whose creator is gone can only be changed by staff.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from apps.mocks import models as m


def can_edit(user, obj: m.Group | m.Endpoint) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.is_staff:
        return True
    owners = {obj.created_by_id}
    if isinstance(obj, m.Endpoint):
        owners.add(obj.group.created_by_id)
    return user.pk in owners - {None}


class CreatorOrStaffCanEdit(BasePermission):
    """Object-level: safe methods (and the view's ``read_actions``) for anyone
    signed in, everything else for the creator or staff."""

    message = _("Only the creator of this item or a staff member may change it.")

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) in getattr(view, "read_actions", ()):
            return True
        return can_edit(request.user, obj)
