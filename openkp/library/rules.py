"""Who may read and change the document library. Perms take ``(user, area)``.

Decision: every insider reads members-only documents. Plain members may upload too, but what they
upload stays members-only and they change only their own documents; the coordinator and group
managers publish documents publicly and manage all of them. Only the coordinator deletes.
"""

import rules

from openkp.accounts.rules import is_area_insider, is_coordinator, is_group_manager, is_member

rules.add_perm("library.view_internal_documents", is_area_insider)
rules.add_perm("library.upload_documents", is_coordinator | is_group_manager | is_member)
rules.add_perm("library.manage_documents", is_coordinator | is_group_manager)
rules.add_perm("library.delete_documents", is_coordinator)


def can_view_document(user, document):
    return document.is_public or user.has_perm("library.view_internal_documents", document.area)


def can_change_document(user, document):
    """Metadata and new versions: staff for any document, a member for a members-only one they uploaded."""
    area = document.area
    if user.has_perm("library.manage_documents", area):
        return True
    return (
        user.has_perm("library.upload_documents", area)
        and not document.is_public
        and document.created_by_id is not None
        and document.created_by_id == user.pk
    )
