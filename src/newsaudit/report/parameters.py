"""Notebook parameters: what a report notebook declares in its cell tagged `parameters`, and the
values given with `-p NAME VALUE` and `-f params.yaml`, checked against those declarations (unknown
names and values of the wrong type are refused; nothing is ever evaluated as code)."""

from __future__ import annotations

import ast
import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import UsageError

# Parameters the runner sets itself, per notebook.
RUNNER_PARAMETERS = {"data_dir", "article_id", "outlet"}


@dataclass(frozen=True)
class NotebookParameter:
    name: str
    type_name: str  # "str", "int", "float", "bool" or "any"
    default: object


def notebook_parameters(notebook: Path) -> dict[str, NotebookParameter]:
    """The parameters declared in the cell tagged `parameters`: `name: type = literal  # help`."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    source = next(("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if source is None:
        return {}
    found = {}
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            default = ast.literal_eval(statement.value) if statement.value is not None else None
            annotation = ast.unparse(statement.annotation)
            type_name = annotation if annotation in ("str", "int", "float", "bool") else "any"
            found[statement.target.id] = NotebookParameter(statement.target.id, type_name, default)
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            default = ast.literal_eval(statement.value)
            type_name = type(default).__name__ if type(default) in (str, int, float, bool) else "any"
            found[statement.targets[0].id] = NotebookParameter(statement.targets[0].id, type_name, default)
    return found


def _plain(value: object) -> bool:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def coerce_parameter(parameter: NotebookParameter, value: object, from_command_line: bool) -> object:
    """`value` as the parameter's type. Command-line values are text: a `str` parameter takes it
    as it is, other types read it as a YAML scalar. Nothing is ever evaluated as code."""
    expected = parameter.type_name
    if from_command_line and expected == "str":
        return value
    if from_command_line:
        try:
            value = yaml.safe_load(value)
        except yaml.YAMLError:
            pass  # plain text stays text
    if expected == "str":
        if isinstance(value, (datetime.date, int, float)) and not isinstance(value, bool):
            return value.isoformat() if isinstance(value, datetime.date) else str(value)
        if isinstance(value, str):
            return value
    elif expected == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif expected == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif expected == "bool":
        if isinstance(value, bool):
            return value
    elif _plain(value):
        return value
    raise UsageError(f"parameter {parameter.name} expects {expected}, got {value!r}")


def user_parameters(pairs: list[list[str]], parameters_file: Path | None,
                    declared: dict[str, NotebookParameter]) -> dict[str, object]:
    """Validated values of the parameters given with -f and -p, checked against `declared`."""
    given: list[tuple[str, object, bool]] = []
    if parameters_file is not None:
        try:
            loaded = yaml.safe_load(parameters_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise UsageError(f"cannot read parameters file {parameters_file}: {error}".splitlines()[0]) from error
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise UsageError(f"parameters file {parameters_file} must hold a mapping of name: value")
        given += [(str(name), value, False) for name, value in loaded.items()]
    given += [(name, value, True) for name, value in pairs]
    values: dict[str, object] = {}
    settable = sorted(set(declared) - RUNNER_PARAMETERS)
    for name, value, from_command_line in given:
        if name in RUNNER_PARAMETERS:
            raise UsageError(f"parameter {name} is set by newsaudit report itself (from INPUT and --by)")
        if name not in declared:
            raise UsageError(f"unknown parameter {name!r}; the report notebooks take: {', '.join(settable) or 'none'}")
        values[name] = coerce_parameter(declared[name], value, from_command_line)
    return values


def check_injection_safe(parameters: dict[str, object]) -> None:
    """papermill writes parameters into the notebook as Python source: make sure each one reads
    back as the same literal value, so that no value can ever run as code."""
    from papermill.translators import PythonTranslator

    for name, value in parameters.items():
        source = PythonTranslator.translate(value)
        try:
            if ast.literal_eval(source) == value or value != value:  # NaN never equals itself
                continue
        except (ValueError, SyntaxError):
            pass
        raise UsageError(f"parameter {name} cannot be passed safely to the notebook: {value!r}")
