"""Django's {# #} comment ends on its own line: one split over two lines is printed on the page as text."""

from pathlib import Path

from django.conf import settings
from django.template.utils import get_app_template_dirs

ROOT = Path(settings.BASE_DIR)


def our_templates():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]] + list(get_app_template_dirs("templates"))
    ours = [folder for folder in folders if folder.is_relative_to(ROOT) and ".venv" not in folder.parts]
    return [path for folder in ours for path in folder.glob("**/*.html")]


def test_every_one_line_comment_closes_on_its_line():
    templates = our_templates()
    unclosed = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert len(templates) > 100 and unclosed == []
