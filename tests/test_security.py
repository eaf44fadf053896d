"""CSP meta tag and security.txt."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from generator.security import add_csp, policy_for, security_txt


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


PAGE = (
    "<!doctype html><html><head><meta charset=utf-8><script>var a=1</script>"
    '<script id="__config" type="application/json">{"x": 1}</script>'
    '<script src="a.js"></script></head><body><script>b()</script></body></html>'
)


def test_policy_allows_only_self_and_the_hashes_of_inline_scripts():
    policy = policy_for(PAGE)
    assert policy.startswith("default-src 'none'; script-src 'self' ")
    assert _hash("var a=1") in policy and _hash("b()") in policy
    assert _hash('{"x": 1}') not in policy  # a JSON data block does not run
    assert "unsafe-inline" not in policy.split("style-src")[0]
    assert "http" not in policy


def test_meta_tag_comes_first_in_head():
    html = add_csp(PAGE)
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script")
    assert add_csp("no head here") == "no head here"


def test_security_txt():
    text = security_txt(
        ["mailto:security@example.org"], dt.date(2027, 1, 31),
        canonical="https://example.org/.well-known/security.txt",
    )
    assert text == (
        "Contact: mailto:security@example.org\n"
        "Expires: 2027-01-31T00:00:00Z\n"
        "Preferred-Languages: nl, en\n"
        "Canonical: https://example.org/.well-known/security.txt\n"
    )
