"""The layout's import rules, checked on the source: each layer sees only the layers below it.

    screener.models / resources / vocabulary   the shared kernel every layer may read
    screener.months / privacy                  (month arithmetic; contact and personal-fact patterns)
    extractors.text                            how résumés write dates, headings, CJK text
    extractors.readers  extractors.ner         bytes → text; the résumé NER
    extractors.fields                          text → Candidate (field rules)
    job_profiles                               profiles: schema, lint, drafting from adverts
    scoring                                    Candidate × profile → scores (reads no extractor)
    outputs                                    scores → tables, workbook, report
    flows                                      orchestration (the only Prefect importer)
    screener.cli                               the command line over flows
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KERNEL = ("screener.models", "screener.resources", "screener.vocabulary", "screener.months", "screener.privacy")

# Package → the project packages its modules may import (its own included).
ALLOWED: dict[str, tuple[str, ...]] = {
    "screener.models": ("screener.models", "screener.vocabulary"),
    "screener.resources": (),
    "screener.vocabulary": ("screener.resources",),
    "screener.months": ("screener.models",),
    "screener.privacy": (),
    "extractors.text": (*KERNEL, "extractors.text"),
    "extractors.readers": (*KERNEL, "extractors.text", "extractors.readers"),
    "extractors.ner": (*KERNEL, "extractors.ner"),
    "extractors.fields": (*KERNEL, "extractors"),
    "job_profiles": (*KERNEL, "job_profiles"),
    "scoring": (*KERNEL, "job_profiles", "scoring"),
    "outputs": (*KERNEL, "job_profiles", "scoring", "outputs"),
    "flows": (*KERNEL, "extractors", "job_profiles", "scoring", "outputs", "flows"),
}
PROJECT = ("screener", "extractors", "job_profiles", "scoring", "outputs", "flows")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from extractors.readers import sniff` imports the module extractors.readers.sniff.
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _layer(module: str) -> str | None:
    return max((p for p in ALLOWED if module == p or module.startswith(p + ".")), key=len, default=None)


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _violations(source: str, module: str) -> list[str]:
    layer = _layer(module)
    if layer is None:  # screener.cli and screener.progress: the command line may use everything
        return []
    return [
        f"line {line} imports {name}"
        for line, name in _imports(source)
        if _within(name, PROJECT) and not _within(name, ALLOWED[layer])
    ]


MODULES = sorted(p for pkg in PROJECT for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_layer_imports_only_the_layers_below_it(path: Path) -> None:
    assert not _violations(path.read_text(encoding="utf-8"), _module_name(path))


@pytest.mark.parametrize(
    "path", [p for p in MODULES if not _within(_module_name(p), ("flows", "screener.cli"))], ids=lambda p: str(p.relative_to(ROOT))
)
def test_only_flows_and_the_cli_import_prefect(path: Path) -> None:
    assert not [name for _, name in _imports(path.read_text(encoding="utf-8")) if _within(name, ("prefect",))]


@pytest.mark.parametrize(
    ("module", "source", "allowed"),
    [
        ("extractors.readers.pdf", "from extractors.fields.sections import segment", False),
        ("extractors.readers.pdf", "from extractors.text import dates", True),
        ("scoring.criteria", "from extractors.text.dates import Month", False),
        ("scoring.criteria", "from screener.models import Candidate", True),
        ("outputs.tables", "import extractors.fields.contacts", False),
        ("screener.models", "from flows import screen", False),
    ],
)
def test_the_rules_themselves(module: str, source: str, allowed: bool) -> None:
    assert (not _violations(source, module)) is allowed
