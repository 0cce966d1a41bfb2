"""The sed and awk scanners: what only prints stays read-only, what writes or runs is a change."""

from __future__ import annotations

import pytest

from rbkb.tools.scripts import awk_effect, sed_effect


@pytest.mark.parametrize("args", [
    ["-n", "s/was/is/p"], ["-e", "s/a/b/", "-e", "/^#/d"], ["-n", "/start/,/end/p"], ["s|/usr|/opt|g"],
    ["-E", r"s/([0-9]+)/<\1>/g"], ["1~2d"], [r"\%x%d"], ["y/abc/xyz/"], ["$!N; /^\\(.*\\)\\n\\1$/!P; D"],
    ["-n", "/Events:/,$p"], ["-ne", "s/x/y/p"], ["r /etc/hostname"], [":a;N;$!ba;s/\\n/ /g"],
])
def test_sed_read_only(args: list[str]) -> None:
    assert sed_effect(args).read_only, sed_effect(args)


@pytest.mark.parametrize("args", [
    ["-n", "w FILE"], ["-e", "1e CMD"], ["s/a/b/w out"], ["s/a/b/gw out"], ["s/x/date/e"], ["/x/W out"],
    ["-i", "s/a/b/"], ["-i.bak", "s/a/b/"], ["--in-place=.bak", "s/a/b/"], ["-f", "script.sed"], ["-ni", "p"],
    ["s/a/b"], ["/unclosed"], ["k"],
])
def test_sed_changes(args: list[str]) -> None:
    assert not sed_effect(args).read_only


@pytest.mark.parametrize("program", [
    "{ print $1 }", "$3 > 1000 { print $1 }", "/a|b/ { n++ } END { print n }", "{ x = $1 / 2; print x }",
    "{ print ($1 > 5) }", "{ printf \"%s\\n\", $2 > \"/dev/stderr\" }", "BEGIN { while ((getline l < \"f\") > 0) n++ }",
    "{ a[$1] += $2 } END { for (k in a) print k, a[k] }", "$1 ~ /^x/ || $2 !~ /y/",
])
def test_awk_read_only(program: str) -> None:
    assert awk_effect([program]).read_only, awk_effect([program])


@pytest.mark.parametrize(("args", "why"), [
    (["BEGIN{system(\"touch /tmp/pwned-awk\")}"], "system()"),
    (["{ print > \"out\" }"], "writes a file"),
    (["{ print $1 >> \"out\" }"], "writes a file"),
    (["{ printf(\"%s\", $1) > \"out\" }"], "writes a file"),
    (["{ print | \"sort\" }"], "pipes"),
    (["BEGIN { \"date\" | getline d }"], "pipes"),
    (["-f", "prog.awk"], "cannot see"),
    (["-i", "inplace", "{ print }"], "cannot see"),
])
def test_awk_changes(args: list[str], why: str) -> None:
    result = awk_effect(args)
    assert not result.read_only and why in result.reasons[0]
