"""A page action offered in both of Wagtail's page menus: the page header's and the page listing's "More"."""

from wagtail import hooks


def register_page_buttons(button, header_priority, listing_priority):
    """Register `button` (a PageMenuItem class) for the page header and for each row of a page listing."""

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name, next_url=None):
        yield button(page=page, priority=header_priority)

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        yield button(page=page, priority=listing_priority)
