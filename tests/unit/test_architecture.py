"""The layout's rules hold: the import contracts of README § Architecture, and module sizes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
#: The largest module the house allows in crawler/ (the target is 300 lines).
MAX_MODULE_LINES = 400


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_import_rules_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("crawler/pages/dom.py", "import scrapy", "pages and cleaning know no Scrapy and no storage"),
        (
            "crawler/cleaning/text.py",
            "import crawler.storage",
            "pages and cleaning know no Scrapy and no storage",
        ),
        ("crawler/storage/rows.py", "import lxml.html", "storage knows no HTML library"),
        ("crawler/storage/rows.py", "import crawler.pages.dom", "storage knows no HTML library"),
        ("crawler/spiders/article.py", "import crawler.pipelines.store", "spiders import no storage"),
        ("crawler/spiders/article.py", "import crawler.storage.state", "spiders import no storage"),
        ("crawler/urls.py", "import crawler.cli", "nothing imports the CLI"),
        ("crawler/pages/dates.py", "import crawler.pages.article", "no import cycles"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, line, contract):
    shutil.copytree(ROOT / "crawler", tmp_path / "crawler", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(
        target.read_text(encoding="utf-8") + f"\n{line}  # added by the test\n", encoding="utf-8"
    )
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    joined = " ".join(result.stdout.split())  # long contract names wrap in the report
    assert "Broken contracts" in joined
    assert contract in joined.split("Broken contracts", 1)[1]


def test_no_module_in_crawler_is_over_the_house_limit():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in (ROOT / "crawler").rglob("*.py")
    }
    assert sizes, "no modules found"
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}
