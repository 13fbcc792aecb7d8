"""The built site in a real browser (Debian's Chromium through Playwright): accessibility with axe-core,
privacy, console errors, small screens, keyboard use and printing."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, built_urls
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow  # Chromium

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(tab: Page) -> list[dict[str, object]]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations", WCAG_AA
    )
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in result]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_meets_wcag_21_aa(browser: Browser, server: str, site: Path, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    tab = context.new_page()
    failures = {}
    for url in built_urls(site):
        tab.goto(server + url)
        violations = axe_violations(tab)
        if violations:
            failures[url] = violations
    context.close()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_no_page_talks_to_another_host_or_logs_an_error(browser: Browser, server: str, site: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    host = urlsplit(server).netloc
    tab.on(
        "request",
        lambda request: outside.append(request.url) if urlsplit(request.url).netloc not in (host, "") else None,
    )
    tab.on("console", lambda message: errors.append(f"{tab.url}: {message.text}") if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(f"{tab.url}: {error}"))
    tab.on(
        "response",
        lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    for url in built_urls(site):
        tab.goto(server + url, wait_until="networkidle")
    context.close()
    assert not outside, sorted(set(outside))
    assert not errors, errors


@pytest.mark.parametrize(
    "url",
    [
        "",
        "workshops/",
        "support-programs/",
        "support-programs/all/",
        "en/",
        "en/workshops/",
        "cases/",
        "templates/budget/",
        "en/templates/founding-meeting/",
    ],
)
def test_no_sideways_scrolling_on_a_small_phone(browser: Browser, server: str, url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.goto(server + url)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 360px"


def test_keyboard_users_can_skip_to_the_content_and_see_focus(tab: Page, server: str) -> None:
    tab.goto(server + "workshops/")
    look = """() => { const link = document.querySelector('a.md-skip'), style = getComputedStyle(link);
                      const box = link.getBoundingClientRect();
                      return {opacity: style.opacity, outline: style.outlineStyle,
                              width: parseFloat(style.outlineWidth),
                              inView: box.top >= 0 && box.bottom <= innerHeight && box.width > 0} }"""
    hidden = tab.evaluate(look)
    assert hidden["opacity"] == "0", "the skip link shows before anyone uses the keyboard"
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        "({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert focused["href"] and focused["href"].startswith("#"), focused
    tab.wait_for_function("getComputedStyle(document.querySelector('a.md-skip')).opacity === '1'", timeout=5_000)
    shown = tab.evaluate(look)
    assert shown["inView"], shown
    assert shown["outline"] != "none" and shown["width"] >= 1, f"the focused skip link has no visible outline: {shown}"
    tab.keyboard.press("Enter")
    assert tab.evaluate("decodeURIComponent(location.hash)") == focused["href"]


def test_printing_hides_navigation_and_prints_web_addresses(tab: Page, server: str) -> None:
    tab.goto(server + "introduction/")
    tab.emulate_media(media="print")
    hidden = tab.evaluate(
        """selectors => selectors.map(selector => [...document.querySelectorAll(selector)]
             .every(element => getComputedStyle(element).display === 'none'))""",
        [".md-header", ".md-sidebar--primary", ".md-footer", ".handbook-pdf-link"],
    )
    assert all(hidden), hidden
    after = tab.evaluate(
        """() => { const a = [...document.querySelectorAll('article a[href^="http"]')][0];
                   return a ? [a.href, getComputedStyle(a, '::after').content] : null }"""
    )
    assert after is not None, "the chapter has no external link to check"
    assert after[0].rstrip("/") in after[1], after
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background


def test_filters_narrow_the_table_and_printing_shows_every_row(tab: Page, server: str) -> None:
    tab.goto(server + "support-programs/all/")
    form = tab.locator("form.handbook-filter")
    assert form.is_visible()
    rows = tab.locator("#support-programs-all tbody tr")
    total = rows.count()
    form.locator("select[name=kind]").select_option("people")
    visible = tab.locator("#support-programs-all tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    for index in range(visible.count()):
        assert visible.nth(index).get_attribute("data-kind") == "people"
    assert str(visible.count()) in form.locator("[role=status]").inner_text()
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """[...document.querySelectorAll('#support-programs-all tbody tr')]
           .filter(row => getComputedStyle(row).display !== 'none').length"""
    )
    assert shown == total


@pytest.mark.parametrize("url", ["", "en/"])
def test_the_search_dialog_has_a_name(tab: Page, server: str, url: str) -> None:
    tab.goto(server + url)
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})).violations"
    )
    assert violations == []


BODY_SCHEME = "document.body.getAttribute('data-md-color-scheme')"
SHOWN_TOGGLE = "form[data-handbook-palette] label:not([hidden])"


@pytest.mark.parametrize(("device", "scheme", "other"), [("light", "default", "slate"), ("dark", "slate", "default")])
def test_the_palette_follows_the_device_then_the_readers_choice(
    browser: Browser, server: str, device: str, scheme: str, other: str
) -> None:
    """overrides/partials/palette.html chooses the palette while the page is read, in place of Material's script."""
    context = browser.new_context(color_scheme=device)  # type: ignore[arg-type]
    tab = context.new_page()
    tab.goto(server + "workshops/")
    assert tab.evaluate(BODY_SCHEME) == scheme
    assert tab.locator(SHOWN_TOGGLE).count() == 1  # one button, the one that switches to the other palette
    assert tab.evaluate("document.querySelector('meta[name=color-scheme]').content") == (
        "dark" if scheme == "slate" else "light"
    )
    tab.locator(SHOWN_TOGGLE).click()
    assert tab.evaluate(BODY_SCHEME) == other
    tab.goto(server + "en/")  # remembered across pages and languages
    assert tab.evaluate(BODY_SCHEME) == other
    # By keyboard: Enter on the chosen palette switches back, as with Material's own toggle.
    tab.locator("form[data-handbook-palette] input:checked").focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate(BODY_SCHEME) == scheme
    tab.reload()
    assert tab.evaluate(BODY_SCHEME) == scheme
    assert tab.locator(SHOWN_TOGGLE).count() == 1
    context.close()
