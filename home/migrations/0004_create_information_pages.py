"""Create the accessibility statement and "Browsing safely" as information pages under the home page, with the
text the hard-coded views had. The accessibility contact email stays a setting (the contact block reads it)."""

import uuid

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, four characters per level
STEP = 4


def _text(html):
    return {"type": "text", "value": html, "id": str(uuid.uuid4())}


def _list(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "heading_names_the_site": True,
    "introduction": "",
    "body": lambda: [
        _text(
            "<p>We want as many people as possible to be able to use this website. For example, you should be "
            "able to:</p>"
            + _list(
                "change colours, contrast levels and fonts using browser or device settings",
                "zoom in up to 400% without the text spilling off the screen",
                "navigate most of the website using just a keyboard or speech recognition software",
                "listen to most of the website using a screen reader",
                "use the website with JavaScript turned off",
                "read the website in English, Polish or Arabic",
            )
            + "<p>We have also made the text as simple as possible to understand.</p>"
            "<h2>How accessible this website is</h2>"
            "<p>We know some parts of this website are not fully accessible:</p>"
            + _list(
                "the map on a service’s page may be hard to use with a screen reader; the address and a link to "
                "directions are always given as text",
                "the descriptions of services are written by the organisations that run them and are not always in "
                "plain English",
                "QR codes on printed lists and posters need a phone camera; the web address is always printed "
                "beside them",
            )
            + "<h2>Reporting accessibility problems with this website</h2>"
        ),
        {
            "type": "accessibility_contact",
            "value": {
                "before": "We are always looking to improve the accessibility of this website. If you find any "
                "problems not listed on this page or think we are not meeting accessibility requirements, email",
                "after": ". We will reply within 5 working days.",
            },
            "id": str(uuid.uuid4()),
        },
        _text(
            "<p>If you need information on this website in a different format, like large print or easy read, "
            "email us too.</p>"
            "<p>If a service’s details are wrong, use “Report a problem with this listing” on the service’s page.</p>"
            "<h2>Enforcement procedure</h2>"
            "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
            "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy "
            "with how we respond to your complaint, contact the "
            '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.</p>'
            "<h2>Technical information about this website’s accessibility</h2>"
            "<p>We are committed to making this website accessible, in accordance with the Public Sector Bodies "
            "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>"
            "<h3>Compliance status</h3>"
            "<p>This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA "
            "standard, due to the non-compliances listed below.</p>"
            "<h3>Non-accessible content</h3>"
            "<p>The map on a service’s page may be hard to use with a keyboard or a screen reader. The same "
            "information is given as text beside it: the address and a link to directions.</p>"
            "<h2>How we tested this website</h2>"
            "<p>Every change to this website is tested automatically in the Chromium browser: axe-core checks the "
            "home page, search results with filters, a service’s page, the shortlist, the printed list and every "
            "form showing its errors against WCAG 2.2 AA, and a test goes from a search to sharing a shortlist "
            "using only the keyboard, and again with JavaScript turned off.</p>"
            # Review the statement at least once a year, and change this date when you do.
            "<p>This statement was prepared on 27 November 2026.</p>"
        ),
    ],
}

BROWSING_SAFELY = {
    "slug": "browsing-safely",
    "title": "Browsing safely",
    "heading_names_the_site": False,
    "introduction": "If you are worried that someone may see what you look at online, these steps can help.",
    "body": lambda: [
        {"type": "warning", "value": "If you or a child are in danger now, call 999.", "id": str(uuid.uuid4())},
        _text(
            "<h2>Leave this website quickly</h2>"
            "<p>Every page has an “Exit this page” button. Select it to open a weather website straight away.</p>"
            "<p>You can also press the Shift key 3 times in a row. This works when JavaScript is turned on in your "
            "browser.</p>"
            "<p>Leaving the page does not delete your browsing history, and the Back button can still return to "
            "this website.</p>"
            "<h2>Use private browsing</h2>"
            "<p>A private window does not keep the pages you visit in your history once you close it.</p>"
            + _list(
                "Chrome: open the menu and select “New Incognito window”, or press Ctrl, Shift and N.",
                "Edge: open the menu and select “New InPrivate window”, or press Ctrl, Shift and N.",
                "Firefox: open the menu and select “New private window”, or press Ctrl, Shift and P.",
                "Safari on a Mac: open the File menu and select “New Private Window”, or press Cmd, Shift and N.",
                "Safari on an iPhone or iPad: tap the tabs button, then “Private”.",
                "Chrome on an Android phone: open the menu and tap “New Incognito tab”.",
            )
            + "<h2>Clear your browsing history</h2>"
            "<p>If you did not use a private window, you can delete the pages you visited:</p>"
            + _list(
                "Chrome, Edge and Firefox: press Ctrl, Shift and Delete (Cmd, Shift and Delete on a Mac), choose the "
                "time range and clear your browsing history.",
                "Safari on a Mac: open the History menu and select “Clear History”.",
                "On a phone: open the browser’s settings, then “Privacy” or “History”.",
            )
            + "<p>If clearing all of your history would look unusual to someone who checks, delete only the pages "
            "from this website.</p>"
            "<h2>What this website keeps</h2>"
            "<p>Searching sets no cookies. We do not record your postcode or your IP address with what you search "
            "for.</p>"
            "<p>If you add a service to a shortlist, the website sets one cookie to remember the list. It ends when "
            "you close your browser. Use “Clear shortlist” to empty the list sooner.</p>"
            "<p>Links you send by text message or email stay on your phone and in your email account. Delete them "
            "if someone else may look.</p>"
            "<h2>Getting help</h2>"
            "<p>The free National Domestic Abuse Helpline is open 24 hours a day: "
            '<a href="tel:08082000247">0808 2000 247</a>.</p>'
            "<p>Women’s Aid has more advice on "
            '<a href="https://www.womensaid.org.uk/cover-your-tracks/">covering your tracks online</a>.</p>'
        ),
    ],
}


def _next_path(last_path, parent_path):
    """The treebeard path after `last_path` among `parent_path`'s children (the first child if there is none)."""
    if last_path is None:
        return parent_path + "0" * (STEP - 1) + "1"
    number, step = 0, last_path[-STEP:]
    for character in step:
        number = number * len(ALPHABET) + ALPHABET.index(character)
    number += 1
    digits = ""
    for _position in range(STEP):
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return parent_path + digits


def create_information_pages(apps, schema_editor):
    """Also run by the browser tests, whose database flush removes what migrations made."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    InformationPage = apps.get_model("home.InformationPage")

    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    content_type, _ = ContentType.objects.get_or_create(model="informationpage", app_label="home")
    for content in (ACCESSIBILITY, BROWSING_SAFELY):
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if children.filter(slug=content["slug"]).exists():
            continue
        last = children.order_by("-path").values_list("path", flat=True).first()
        InformationPage.objects.create(
            title=content["title"],
            draft_title=content["title"],
            slug=content["slug"],
            heading_names_the_site=content["heading_names_the_site"],
            introduction=content["introduction"],
            body=content["body"](),
            content_type=content_type,
            path=_next_path(last, home.path),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{content['slug']}/",
            locale_id=home.locale_id,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        Page.objects.filter(pk=home.pk).update(numchild=children.count())


def remove_information_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    InformationPage = apps.get_model("home.InformationPage")
    for page in InformationPage.objects.filter(slug__in=[ACCESSIBILITY["slug"], BROWSING_SAFELY["slug"]], depth=3):
        parent_path = page.path[:-STEP]
        page.delete()
        siblings = Page.objects.filter(path__startswith=parent_path, depth=len(parent_path) // STEP + 1)
        Page.objects.filter(path=parent_path).update(numchild=siblings.count())


class Migration(migrations.Migration):
    dependencies = [("home", "0003_information_page"), ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(create_information_pages, remove_information_pages)]
