"""The admin home panel: how many requests wait, are opened or accepted, for the services a user runs."""

from wagtail.admin.ui.components import Component

from connect.inbox import can_use_inbox, status_counts


class RequestsPanel(Component):
    name = "connect_requests"
    template_name = "connect/admin/panel.html"
    order = 55

    def get_context_data(self, parent_context):
        return {"counts": status_counts(parent_context["request"].user)}

    def render_html(self, parent_context=None):
        if not can_use_inbox(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)
