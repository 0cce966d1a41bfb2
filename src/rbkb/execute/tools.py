"""The command-line tools the runbooks need (data/tools.yaml): checked by `runbook doctor`, listed on the site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..model import Markdown, Text
from .process import run_process

TOOLS_FILE = "data/tools.yaml"


class Tool(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = Field(description="As the reader types it, e.g. `kubectl argo rollouts`.")
    command: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")] = Field(
        description="The program looked up on PATH.")
    version: list[str] = Field(description="Arguments that make it print its version.")
    required: bool = Field(description="False for conveniences the runbooks' own commands do not use.")
    purpose: Markdown
    install: Markdown
    docs: Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


class Toolbox(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    tools: list[Tool] = Field(min_length=1)


class ToolsFileError(Exception):
    """data/tools.yaml is missing or invalid; the message is `file: path: problem` lines."""


def load_tools(root: Path) -> list[Tool]:
    path = root / TOOLS_FILE
    try:
        return Toolbox.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).tools
    except OSError as e:
        raise ToolsFileError(f"{TOOLS_FILE}: {e.strerror}") from e
    except ValidationError as e:
        raise ToolsFileError("\n".join(f"{TOOLS_FILE}: {'.'.join(map(str, err['loc']))}: {err['msg']}"
                                       for err in e.errors())) from e


def probe(tool: Tool, timeout: float = 10.0) -> tuple[str | None, str]:
    """(path, version line) when the tool is on PATH, (None, "") when it is not."""
    path = shutil.which(tool.command)
    if path is None:
        return None, ""
    result = run_process([path, *tool.version], timeout=timeout)
    lines = [line.strip() for line in (result.stdout + "\n" + result.stderr).splitlines() if line.strip()]
    version = next((line for line in lines if re.search(r"\d+\.\d+", line)), lines[0] if lines else "")
    return path, version[:80] if result.exit_code is not None else "(version check timed out)"
