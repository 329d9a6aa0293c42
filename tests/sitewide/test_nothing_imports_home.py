"""`home` is the landing page and nothing else: no other module of the project may import it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Tests may build a HomePage; third-party code and the home app itself are not ours to police.
NOT_CHECKED = {"home", "tests", ".venv", "node_modules", "frontend", "var"}


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        if not NOT_CHECKED & set(path.relative_to(ROOT).parts):
            yield path


def test_no_module_outside_home_imports_home():
    importers = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in project_modules()
        for module in imported_modules(path)
        if module == "home" or module.startswith("home.")
    ]
    assert importers == []


def test_the_check_reads_the_apps_that_once_imported_home():
    checked = {path.relative_to(ROOT).as_posix() for path in project_modules()}
    assert {"directory/factories.py", "sitewide/templatetags/site_navigation.py", "search/views.py"} <= checked
