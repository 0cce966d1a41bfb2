"""The located YAML parser: libyaml's speed with the pure parser's words, and bounds on what a hostile text can do."""

from __future__ import annotations

import time

import pytest
import yaml
from conftest import ROOT

from rbkb import yamlpos
from rbkb.yamlpos import MAX_ALIAS_NODES, MAX_DEPTH, YamlSyntaxError, parse

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)  # 9 levels of 9 aliases: about 387 million nodes once expanded (the security review's D4)


def _pure(text: str) -> yamlpos.Located:
    """What the loader saw before it used libyaml: the pure-Python composer, walked the same way."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    located = yamlpos.Located(data=None)
    yamlpos._walk(node, (), located)
    located.data = yaml.SafeLoader("").construct_document(node)
    return located


def _error(text: str) -> YamlSyntaxError:
    with pytest.raises(YamlSyntaxError) as caught:
        parse(text)
    return caught.value


def test_libyaml_is_used() -> None:
    assert yamlpos.FAST_LOADER is yaml.CSafeLoader, "PyYAML was built without libyaml: the loader is 8x slower"


@pytest.mark.parametrize("rel", sorted(str(p.relative_to(ROOT)) for d in ("runbooks", "data")
                                       for p in (ROOT / d).rglob("*.yaml")))
def test_same_lines_data_and_duplicates_as_the_pure_parser(rel: str) -> None:
    text = (ROOT / rel).read_text(encoding="utf-8")
    fast, pure = parse(text), _pure(text)
    assert (fast.data, fast.lines, fast.duplicate_keys) == (pure.data, pure.lines, pure.duplicate_keys)


def test_duplicate_keys_are_found() -> None:
    assert parse("a: 1\nb:\n  c: 1\n  c: 2\n").duplicate_keys == [(("b", "c"), 4)]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: 1\ntitle: [unclosed\nb: 2\n", 2, "while parsing a flow sequence opened on this line and not closed: "
                                          "expected ',' or ']', but got ':' on line 3"),
    ("a: 1\ntitle: {x: 1\nb: 2\n", 2, "while parsing a flow mapping opened on this line and not closed"),
    ('a: 1\nt: "open\nb: 2\n', 2, "while scanning a quoted scalar opened on this line and not closed: "
                                  "found unexpected end of stream on line 4"),
    ("a:\n\tb: 1\n", 2, "found character '\\t' that cannot start any token"),
    ("a: 1\nb:\n  c: 1\n d: 2\n", 4, "expected <block end>, but found '<block mapping start>'"),
    ("a: &x 1\nb: *y\n", 2, "found undefined alias 'y'"),
])
def test_syntax_errors_point_at_the_cause_in_the_pure_parsers_words(text: str, line: int, words: str) -> None:
    error = _error(text)
    assert error.line == line and error.message.startswith("YAML syntax error: ") and words in error.message


def test_an_alias_bomb_is_refused_at_once_with_its_line() -> None:
    start = time.process_time()
    error = _error(BOMB)
    assert time.process_time() - start < 1.0  # the unbounded walk ran for minutes and took gigabytes
    assert error.line in range(2, 10) and f"more than {MAX_ALIAS_NODES} nodes" in error.message


def test_a_recursive_alias_is_refused_at_the_alias() -> None:
    error = _error("ok: 1\na: &a\n  - x\n  - *a\n")
    assert error.line == 4 and "alias *a refers to a node that contains it" in error.message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200_000])
def test_deep_nesting_is_refused_before_it_reaches_a_recursive_parser(depth: int) -> None:
    # 200,000 levels overflowed the C stack of libyaml's composer (a crash, not an exception) and the pure parser's
    # recursion limit (a traceback).
    error = _error("a: " + "[" * depth + "]" * depth + "\n")
    assert error.line == 1 and f"deeper than {MAX_DEPTH} levels" in error.message


def test_aliases_within_the_bound_still_load() -> None:
    located = parse("base: &b {image: app:1.0, port: 80}\none: *b\ntwo: *b\n")
    assert located.data["two"] == {"image": "app:1.0", "port": 80}
    assert located.line_of(("two", "port")) == 1  # an alias's keys are where the anchored node is


def test_control_character_is_a_syntax_error_with_its_line() -> None:
    error = _error("a: 1\nb: \x07\n")
    assert error.line == 2 and "special characters are not allowed" in error.message
