"""The Content-Security-Policy is in force and the site still works under it."""

from __future__ import annotations

from .conftest import open_session
from .test_pages import PAGES, _search


def test_every_page_type_works_under_its_policy(browser, base_url):
    context, web = open_session(browser, base_url, bypass_csp=False)
    try:
        for kind, path in [*sorted(PAGES.items()), ("404", "404.html")]:
            web.goto(path)
            policy = web.page.get_attribute(
                'meta[http-equiv="Content-Security-Policy"]', "content"
            )
            assert policy.startswith("default-src 'none'; script-src 'self'"), kind
            assert "http" not in policy, kind  # no other origin is allowed anywhere
        # Material's inline scripts ran (palette, scope) and its bundle started
        assert web.page.evaluate("() => typeof __md_get") == "function"
        web.goto(PAGES["afhankelijkheden"])
        assert web.page.locator("form.rt-filters").is_visible()  # our script ran
        web.goto("")
        _search(web, "zaakgericht")  # the search worker and index load under the policy
        assert web.errors == [], web.errors  # a CSP violation is a console error
        assert web.external == []
    finally:
        context.close()


def test_an_injected_inline_script_is_blocked(browser, base_url):
    context, web = open_session(browser, base_url, bypass_csp=False)
    try:
        web.goto("")
        web.page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__pwned = true'; document.body.appendChild(s); }"
        )
        assert web.page.evaluate("() => window.__pwned") is None
        assert any("Content Security Policy" in e for e in web.errors), web.errors
    finally:
        context.close()
