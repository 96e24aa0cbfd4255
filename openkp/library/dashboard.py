"""What the document library adds to the area's menu (registered in LibraryConfig.ready())."""

from .models import Document, Visibility


def documents_content(area):
    """The public document list has something to show: a public document."""
    return Document.objects.for_area(area).filter(visibility=Visibility.PUBLIC)


def register():
    from openkp.core import sections

    sections.register_content("documents", documents_content)
