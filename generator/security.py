"""Security headers a static site can carry itself: a Content-Security-Policy meta
tag that forbids every other origin, and /.well-known/security.txt.

No MkDocs import: the plugin feeds finished HTML through :func:`add_csp`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser

POLICY = (
    "default-src 'none'",
    "script-src 'self' {hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


class _InlineScripts(HTMLParser):
    """Collects the text of every inline script the browser would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            values = dict(attrs)
            runs = "src" not in values and (values.get("type") or "").lower() in _EXECUTABLE
            self._current = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def policy_for(html: str) -> str:
    """The CSP of a page: only this site, plus a hash for each of its inline scripts."""
    parser = _InlineScripts()
    parser.feed(html)
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
            for s in parser.scripts
        }
    )
    return "; ".join(POLICY).format(hashes=" ".join(hashes)).replace("'self' ;", "'self';")


_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


def add_csp(html: str) -> str:
    """The page with a CSP meta tag as the first element of <head>."""
    match = _HEAD.search(html)
    if not match:
        return html
    tag = f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + tag + html[match.end() :]


def security_txt(
    contacts: list[str], expires: dt.date, *, canonical: str | None = None, policy: str | None = None
) -> str:
    """RFC 9116 security.txt."""
    lines = [f"Contact: {c}" for c in contacts]
    lines.append(f"Expires: {expires.isoformat()}T00:00:00Z")
    lines.append("Preferred-Languages: nl, en")
    if canonical:
        lines.append(f"Canonical: {canonical}")
    if policy:
        lines.append(f"Policy: {policy}")
    return "\n".join(lines) + "\n"
