"""What "refused" means in a test: a 403, a redirect to the login, or Wagtail's "permission denied" message."""

from django.contrib.messages import get_messages


def assert_refused(response):
    """Fail unless the response refuses: a 200, or a redirect to anywhere without the message, is not a refusal."""
    if response.status_code == 403:
        return
    assert response.status_code == 302, f"expected a refusal, got {response.status_code}"
    location = response["Location"]
    if "/login/" in location:
        return
    # Wagtail sends a logged-in user without the permission to the dashboard, with this message.
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("permission" in message.lower() for message in messages), (location, messages)
