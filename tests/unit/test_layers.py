"""The layering is a contract (pyproject.toml, [tool.importlinter]) that every test run checks."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report


def test_the_contract_names_every_part_of_the_package() -> None:
    """A new module or package must be given its layer, or the contract would not see it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(contract for contract in config["tool"]["importlinter"]["contracts"] if contract["type"] == "layers")
    named = {name.strip() for layer in layers["layers"] for name in layer.replace("|", ":").split(":")}
    package = ROOT / "journal"
    parts = {f"journal.{path.stem}" for path in package.glob("*.py") if path.stem not in ("__init__", "__main__")}
    parts |= {f"journal.{path.name}" for path in package.iterdir() if (path / "__init__.py").is_file()}
    assert parts - {"journal.themes"} == named
