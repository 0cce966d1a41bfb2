"""The loader reports every problem of a run as file:line: RULE path: message."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT, edit

from rbkb.cli import main
from rbkb.datafile import MAX_FILE_BYTES
from rbkb.load import load_repository

RB = "runbooks/rollout-not-starting.yaml"


def messages(root: Path) -> list[str]:
    repo, problems = load_repository(root)
    assert repo is None, "a repository with errors must not load"
    return [str(p) for p in problems]


def line_of(root: Path, rel: str, text: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_real_repository_loads_without_problems() -> None:
    repo, problems = load_repository(ROOT)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert repo is not None and len(repo.runbooks) >= 1


def test_mini_repository_loads(mini_repo: Path) -> None:
    repo, problems = load_repository(mini_repo)
    assert problems == [] and repo is not None
    assert [rb.id for rb in repo.runbooks] == ["rollout-not-starting"]


def test_yaml_syntax_error_names_file_and_line(mini_repo: Path) -> None:
    (mini_repo / "runbooks/broken.yaml").write_text(
        "# yaml-language-server: $schema=../schema/runbook.schema.json\nid: broken\ntitle: [unclosed\n")
    # The unclosed bracket is on line 3; the parser notices at the end of the text, on line 4.
    assert "runbooks/broken.yaml:3: RB001 YAML syntax error: while parsing a flow sequence opened on this line and " \
           "not closed: expected ',' or ']', but got '<stream end>' on line 4" in messages(mini_repo)


def test_missing_field_points_at_its_parent(mini_repo: Path) -> None:
    edit(mini_repo / RB, "    root_cause: >-\n      A Rollout, like", "    why: >-\n      A Rollout, like")
    parent = line_of(mini_repo, RB, "  - id: image_not_changed")
    found = messages(mini_repo)
    assert f"{RB}:{parent}: RB003 causes.0.root_cause: Field required" in found
    why = line_of(mini_repo, RB, "    why: >-")
    assert f"{RB}:{why}: RB003 causes.0.why: Extra inputs are not permitted" in found


def test_unknown_field_names_its_line(mini_repo: Path) -> None:
    edit(mini_repo / RB, "severity: P3\n", "severity: P3\nseverty: P2\n")
    assert f"{RB}:9: RB003 severty: Extra inputs are not permitted" in messages(mini_repo)


def test_bad_enum_value_lists_allowed_values(mini_repo: Path) -> None:
    edit(mini_repo / RB, "severity: P3", "severity: P7")
    assert f"{RB}:8: RB003 severity: 'P7' is not one of 'P1', 'P2', 'P3' or 'P4'" in messages(mini_repo)


def test_duplicate_id_reported_in_both_files(mini_repo: Path) -> None:
    text = (mini_repo / RB).read_text()
    (mini_repo / "runbooks/copy.yaml").write_text(text)
    found = messages(mini_repo)
    assert "runbooks/copy.yaml:2: RB004 id: id 'rollout-not-starting' must equal the file name 'copy'" in found
    assert f"runbooks/copy.yaml:2: RB005 id: duplicate id 'rollout-not-starting' (also in {RB})" in found
    assert f"{RB}:2: RB005 id: duplicate id 'rollout-not-starting' (also in runbooks/copy.yaml)" in found


def test_undeclared_placeholder(mini_repo: Path) -> None:
    edit(mini_repo / RB, "command: argocd app diff <app>", "command: argocd app diff <application>")
    line = line_of(mini_repo, RB, "argocd app diff <application>")
    assert (f"{RB}:{line}: RB009 causes.1.fix.0.command: placeholder <application> is not declared in parameters"
            in messages(mini_repo))


def test_documentation_style_placeholder_is_undeclared(mini_repo: Path) -> None:
    # the shell layer reads <APPNAME> as a value to fill in; bash would read it as a redirection, so it must never run
    edit(mini_repo / RB, "command: argocd app diff <app>", "command: argocd app diff <APPNAME>")
    line = line_of(mini_repo, RB, "argocd app diff <APPNAME>")
    assert (f"{RB}:{line}: RB009 causes.1.fix.0.command: placeholder <APPNAME> is not declared in parameters"
            in messages(mini_repo))


def test_unused_parameter(mini_repo: Path) -> None:
    edit(mini_repo / RB, "parameters:\n", "parameters:\n  - name: spare\n    kind: text\n"
         "    description: Never used.\n    example: x\n")
    line = line_of(mini_repo, RB, "  - name: spare")
    assert f"{RB}:{line}: RB010 parameters.0: parameter 'spare' is never used in a command" in messages(mini_repo)


def test_unknown_cause_team_related_and_quick_check(mini_repo: Path) -> None:
    edit(mini_repo / RB, "  - id: image_not_changed", "  - id: image_unchanged")
    edit(mini_repo / RB, "owner: platform-team", "owner: nobody")
    edit(mini_repo / RB, "related: []", "related: [no-such-runbook]")
    edit(mini_repo / RB, "quick_check: [rollout-tree,", "quick_check: [tree,")
    found = "\n".join(messages(mini_repo))
    assert "RB006 causes.0.id: unknown cause 'image_unchanged'" in found
    assert f"{RB}:10: RB008 owner: unknown team 'nobody'" in found
    assert "RB007 related.0: no runbook 'no-such-runbook'" in found
    assert "RB011 quick_check.0: no diagnostic 'tree'" in found


def test_duplicate_yaml_key(mini_repo: Path) -> None:
    edit(mini_repo / RB, "severity: P3\n", "severity: P3\nseverity: P2\n")
    _repo, problems = load_repository(mini_repo)
    assert f"{RB}:9: RB002 severity: duplicate key (YAML keeps only the last)" in [str(p) for p in problems]


def test_schema_comment_required(mini_repo: Path) -> None:
    edit(mini_repo / RB, "# yaml-language-server: $schema=../schema/runbook.schema.json\n", "")
    assert any("RB012" in m for m in messages(mini_repo))


def test_all_problems_of_a_run_are_reported(mini_repo: Path) -> None:
    edit(mini_repo / RB, "severity: P3", "severity: P9")
    (mini_repo / "runbooks/other.yaml").write_text("# yaml-language-server: $schema=../schema/runbook.schema.json\n"
                                                   "id: other\n")
    found = messages(mini_repo)
    assert any(m.startswith(f"{RB}:8:") for m in found)
    assert sum(m.startswith("runbooks/other.yaml:2: RB003") for m in found) > 5  # every missing field, not just one


def test_placeholders_are_checked_even_when_the_schema_fails(mini_repo: Path) -> None:
    edit(mini_repo / RB, "severity: P3", "severity: P9")
    edit(mini_repo / RB, "command: argocd app diff <app>", "command: argocd app diff <application>")
    found = "\n".join(messages(mini_repo))
    assert "RB003 severity" in found
    assert "RB009 causes.1.fix.0.command: placeholder <application> is not declared in parameters" in found


def test_a_capture_names_a_declared_parameter_and_one_group(mini_repo: Path) -> None:
    edit(mini_repo / RB, "    look_for: >-\n      `Paused` with a reason",
         "    captures:\n      - parameter: pod-hash\n        pattern: 'hash=[a-z0-9]+'\n"
         "    look_for: >-\n      `Paused` with a reason")
    line = line_of(mini_repo, RB, "      - parameter: pod-hash")
    found = messages(mini_repo)
    assert (f"{RB}:{line}: RB009 diagnostics.1.captures.0.parameter: captures <pod-hash>, which is not declared in "
            "parameters") in found
    assert (f"{RB}:{line + 1}: RB003 diagnostics.1.captures.0.pattern: needs exactly one group, (...) "
            "around the value; it has 0") in found


# ----------------------------------------------------------------------------------------------------------------------
# Hostile or broken files: one line naming the file, never a traceback (the security review's 1.x, D4, D13, D15)
# ----------------------------------------------------------------------------------------------------------------------

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/runbook.schema.json\n"


def test_a_broken_runbook_does_not_cascade_into_other_files(tmp_path: Path) -> None:
    """The review's case 1.1: an unclosed bracket in pod-oomkilled gave 7 RB007 errors in valid files."""
    for name in ("runbooks", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    rb = tmp_path / "runbooks/pod-oomkilled.yaml"
    edit(rb, "\ntitle: ", "\ntitle: [unclosed ")
    found = messages(tmp_path)
    assert [m for m in found if not m.startswith("runbooks/pod-oomkilled.yaml:")] == []
    title = line_of(tmp_path, "runbooks/pod-oomkilled.yaml", "title: [unclosed")
    assert [m.split(" YAML")[0] for m in found] == [f"runbooks/pod-oomkilled.yaml:{title}: RB001"]


def test_a_runbook_that_names_a_missing_runbook_is_still_reported(mini_repo: Path) -> None:
    edit(mini_repo / RB, "related: []", "related: [gone]")
    (mini_repo / "runbooks/broken.yaml").write_text(SCHEMA_LINE + "id: broken\ntitle: [\n")
    assert f"{RB}:{line_of(mini_repo, RB, 'related:')}: RB007 related.0: no runbook 'gone'" in messages(mini_repo)


def test_non_utf8_runbook_is_one_error_with_its_line(mini_repo: Path) -> None:
    (mini_repo / "runbooks/latin1.yaml").write_bytes(SCHEMA_LINE.encode() + b"id: latin1\ntitle: caf\xe9\n")
    assert "runbooks/latin1.yaml:3: RB001 not UTF-8: byte 0xe9 at column 11" in messages(mini_repo)


def test_symlink_to_a_directory_is_one_error(mini_repo: Path) -> None:
    (mini_repo / "runbooks/dir.yaml").symlink_to(mini_repo / "data", target_is_directory=True)
    assert "runbooks/dir.yaml:1: RB001 is not a regular file (a directory?): expected YAML" in messages(mini_repo)


def test_symlink_out_of_the_repository_is_refused_unread(mini_repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text((mini_repo / RB).read_text().replace("id: rollout-not-starting", "id: outside"))
    (mini_repo / "runbooks/outside.yaml").symlink_to(outside)
    found = messages(mini_repo)
    assert f"runbooks/outside.yaml:1: RB001 is a symlink to {outside}, outside the repository: put the file itself " \
           "here" in found
    assert [m for m in found if m.startswith("runbooks/outside.yaml")] == [found[0]]


def test_symlink_within_the_repository_is_followed(mini_repo: Path) -> None:
    (mini_repo / "shared").mkdir()
    (mini_repo / RB).rename(mini_repo / "shared/rb.yaml")
    (mini_repo / RB).symlink_to(mini_repo / "shared/rb.yaml")
    repo, problems = load_repository(mini_repo)
    assert problems == [] and repo is not None


def test_file_over_the_size_limit_is_refused_unparsed(mini_repo: Path) -> None:
    big = mini_repo / "runbooks/big.yaml"
    big.write_text(SCHEMA_LINE + 'id: big\nsummary: "' + "x" * MAX_FILE_BYTES + '"\n')
    start = time.process_time()
    found = messages(mini_repo)
    assert time.process_time() - start < 2  # 10 MiB took 25 s to report an unknown key
    assert f"runbooks/big.yaml:1: RB001 is larger than {MAX_FILE_BYTES:,} bytes, the limit for one YAML file: " \
           "split it" in found


def test_alias_bomb_is_one_error_from_lint(mini_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    (mini_repo / "runbooks/bomb.yaml").write_text(SCHEMA_LINE + bomb)
    (mini_repo / "runbooks/loop.yaml").write_text(SCHEMA_LINE + "a: &a [*a]\n")
    assert main(["--root", str(mini_repo), "lint"]) == 1
    out = capsys.readouterr().out
    assert "runbooks/bomb.yaml:6: RB001 YAML aliases expand to more than 10000 nodes" in out
    assert "runbooks/loop.yaml:2: RB001 YAML alias *a refers to a node that contains it" in out
