"""The Atom feed of the changes, ``/wijzigingen/feed.xml``."""

from __future__ import annotations

import uuid
from xml.sax.saxutils import escape as xml_escape

from ..model import STATUS_LABELS
from ..text import clean
from ..views.changes import history_entries
from ..views.common import Index, module_doc, relative_href

FEED = "wijzigingen/feed.xml"


def _xml(text: str) -> str:
    """Element text for XML 1.0: escaped, without characters XML does not allow."""
    return xml_escape(clean(text))


FEED_ENTRIES = 100
"""The feed carries the newest changes only, as feeds do; the pages keep them all."""


def atom_feed(index: Index) -> str:
    """``/wijzigingen/feed.xml``: the newest :data:`FEED_ENTRIES` changes as Atom,
    newest first, no build timestamps."""
    entries = history_entries(index)[:FEED_ENTRIES]
    updated = f"{entries[0].date.isoformat()}T00:00:00Z" if entries else "1970-01-01T00:00:00Z"
    title = _xml(f"Wijzigingen in {index.landscape.title}")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
        f"<title>{title}</title>",
        f"<id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'retratstoliped:wijzigingen')}</id>",
        f"<updated>{updated}</updated>",
        f'<link rel="alternate" type="text/html" href="{relative_href(FEED, "wijzigingen/index.md")}"/>',
        "<author><name>Retratstoliped</name></author>",
    ]
    for change in entries:
        date, module, status, note = change.date, change.module, change.status, change.note
        key = f"retratstoliped:{module.id}:{date.isoformat()}:{status}"
        summary = f"{STATUS_LABELS[status]}" + (f": {note}" if note else "")
        lines += [
            "<entry>",
            f"<title>{_xml(module.name)}: {_xml(STATUS_LABELS[status])}</title>",
            f"<id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}</id>",
            f"<updated>{date.isoformat()}T00:00:00Z</updated>",
            f'<link rel="alternate" type="text/html" href="{relative_href(FEED, module_doc(module.id))}"/>',
            f"<summary>{_xml(summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
