"""Which way imports point (docs/architecture.md): read from every module's source, not from a list.

- township (the core) imports no domain app and not reports — its root modules (settings, root URLs,
  wsgi) aside, which name the apps by string;
- no domain app imports reports;
- domain apps import each other only where docs/architecture.md allows: enforcement → governance.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = {"governance", "enforcement", "disputes", "outreach"}
ROOT_MODULES = {"township/settings.py", "township/settings_test.py", "township/urls.py", "township/wsgi.py"}
ALLOWED = {("enforcement", "governance")}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("app", ["township", *sorted(DOMAIN_APPS)])
def test_imports_point_one_way(app):
    wrong = []
    for path in modules(app):
        relative = path.relative_to(ROOT).as_posix()
        if relative in ROOT_MODULES:
            continue
        for other in imported_apps(path) & (DOMAIN_APPS | {"reports", "township"}) - {app}:
            if other == "township":
                continue
            if app == "township" or other == "reports" or (app, other) not in ALLOWED:
                wrong.append(f"{relative} imports {other}")
    assert not wrong, "\n".join(wrong)


def test_the_rule_is_read_from_real_modules():
    assert "township" in imported_apps(ROOT / "disputes" / "area.py")
    assert len(list(modules("township"))) > 20
