"""Security headers a static site can carry itself: a Content-Security-Policy meta
tag that forbids every other origin, and /.well-known/security.txt.

No MkDocs import: the plugin feeds finished HTML through :func:`add_csp`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

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


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run.

    A regular expression suffices: an inline script ends at the first
    ``</script``, in the HTML parser as here, and model text never contains
    raw markup (it is escaped before it reaches a page).
    """
    found = []
    for attrs, body in _SCRIPT.findall(html):
        kind = _TYPE.search(attrs)
        if not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in _EXECUTABLE:
            found.append(body)
    return found


def policy_for(html: str) -> str:
    """The CSP of a page: only this site, plus a hash for each of its inline scripts."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
            for s in inline_scripts(html)
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
