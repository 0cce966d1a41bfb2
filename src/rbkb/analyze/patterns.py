"""Signature patterns: the regular-expression subset Python and the browser agree on, and what makes them fast.

A signature's `pattern` runs in two engines: Python's `re` here and JavaScript's `RegExp` (with the `u` flag) in the
site's paste box. `subset_problems` refuses what the two read differently or only one of them reads (named groups,
inline flags, possessive quantifiers, look-behind, back-references, lone braces), and the shapes that backtrack
catastrophically (a quantifier inside a quantified group, an unbounded quantifier inside a look-ahead).

`needles` finds the literal text every match must contain (casefolded): the matcher looks for these plain strings
first and runs a pattern only on lines that hold one, so most lines of a large dump cost a few substring checks.
Python compiles with `re.ASCII`, so `\\d`, `\\w` and `\\b` mean the ASCII classes, as in JavaScript.
"""

from __future__ import annotations

import re
import re._constants as sre_c  # the parse tree's opcodes (build and lint only)
import re._parser as sre_p

MIN_NEEDLE = 3
FLAGS = re.ASCII

_ESCAPES = set("dDwWsSbBtnrfv") | set("\\^$.|?*+()[]{}/")
_CLASS_ESCAPES = _ESCAPES | {"-"}
_GROUP_OPENERS = ("(?:", "(?=", "(?!")
_QUANTIFIER_RE = re.compile(r"\{\d+(,\d*)?\}")


def compile_pattern(pattern: str, ignore_case: bool = False) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS | (re.IGNORECASE if ignore_case else 0))


def subset_problems(pattern: str) -> list[str]:
    """Why `pattern` is outside the common subset or can backtrack badly; [] when it is fine."""
    return syntax_problems(pattern) + shape_problems(pattern)


def syntax_problems(pattern: str) -> list[str]:
    """Why `pattern` does not compile, or would not be read the same way by JavaScript's RegExp (flag `u`)."""
    try:
        sre_p.parse(pattern, FLAGS)
    except re.error as e:
        return [f"does not compile in Python: {e}"]
    return list(dict.fromkeys(_syntax_problems(pattern)))


def shape_problems(pattern: str) -> list[str]:
    """The shapes that backtrack catastrophically (nested quantifiers, unbounded quantifiers in look-aheads)."""
    try:
        tree = sre_p.parse(pattern, FLAGS)
    except re.error:
        return []
    return list(dict.fromkeys(_shape_problems(list(tree), quantified=False, in_lookahead=False)))


def _syntax_problems(pattern: str) -> list[str]:
    found: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1: i + 2]
            if nxt in ("u", "x"):
                width = 4 if nxt == "u" else 2
                if not re.fullmatch(rf"[0-9A-Fa-f]{{{width}}}", pattern[i + 2: i + 2 + width]):
                    found.append(f"`\\{nxt}` needs {width} hex digits")
                i += 2 + width
                continue
            allowed = _CLASS_ESCAPES if in_class else _ESCAPES
            if in_class and nxt == "S":
                found.append(r"`\S` inside a character class: JavaScript's also excludes Unicode spaces there")
            elif nxt not in allowed:
                found.append(f"escape `\\{nxt}` is not read the same way in JavaScript (use one of "
                             r"\d \w \s \b \t \n \r, an escaped symbol or \uXXXX)")
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[" or pattern.startswith(("--", "&&", "~~", "||"), i):
                found.append(f"`{pattern[i:i + 2]}` inside a character class: escape it")
            i += 1
            continue
        if c == "[":
            in_class, i = True, i + 1
            i += pattern[i: i + 1] == "^"
            if pattern[i: i + 1] == "]":  # JavaScript reads `[]` as an empty class, Python as a literal `]`
                found.append("`]` first in a character class: escape it")
                i += 1
            continue
        if c == "(" and pattern.startswith("(?", i) and not pattern.startswith(_GROUP_OPENERS, i):
            found.append(f"group `{pattern[i:i + 4]}…`: only (?:…), (?=…) and (?!…) work in both engines "
                         "(use `ignore_case` instead of (?i))")
        elif c == "{":
            m = _QUANTIFIER_RE.match(pattern, i)
            if not m:
                found.append("a lone `{` is an error in JavaScript: escape it")
            else:
                i = m.end()
                found += _possessive(pattern, i)
                continue
        elif c in "}]":
            found.append(f"a lone `{c}` is an error in JavaScript: escape it")
        elif c in "*+?" and i > 0 and pattern[i - 1] not in "(|":
            found += _possessive(pattern, i + 1)
        i += 1
    return found


# Python's `\s` under re.ASCII is these six characters; JavaScript's `\s` also matches Unicode spaces (a no-break space
# pasted from a web page or chat), so the browser gets the ASCII set spelled out.
_ASCII_SPACE = r"\t\n\v\f\r "


def for_javascript(pattern: str) -> str:
    r"""`pattern` (in the common subset) as the browser's RegExp must be given it to match what Python matches.

    `\s` and `\S` become the ASCII whitespace set and its complement; everything else is the same text. Flags stay
    `u` (and `i` for ignore_case), as in tests/analyze/regex_agree.mjs.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            pair = pattern[i: i + 2]
            if pair == r"\s":
                out.append(_ASCII_SPACE if in_class else f"[{_ASCII_SPACE}]")
            elif pair == r"\S" and not in_class:
                out.append(f"[^{_ASCII_SPACE}]")
            else:
                out.append(pair)
            i += 2
            continue
        if in_class and c == "]":
            in_class = False
        elif not in_class and c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern[i: i + 1] == "^":
                out.append("^")
                i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _possessive(pattern: str, after: int) -> list[str]:
    prev = pattern[after - 1]
    if pattern[after: after + 1] == "+" and prev in "*+?}":
        return ["possessive quantifiers (`*+`, `++`) do not exist in JavaScript"]
    return []


def _unbounded(av: tuple) -> bool:
    return bool(av[1] == sre_c.MAXREPEAT or av[1] > 50)


def _shape_problems(items: list, *, quantified: bool, in_lookahead: bool) -> list[str]:
    found: list[str] = []
    for op, av in items:
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            if quantified and _unbounded(av):
                found.append("a quantifier inside a quantified group backtracks catastrophically, e.g. (a+)+")
            if in_lookahead and _unbounded(av):
                found.append("an unbounded quantifier inside a look-ahead (`(?=.*x)`) rescans the line from every "
                             "position: use `also` for a second condition")
            inner = quantified or (av[1] == sre_c.MAXREPEAT or av[1] > 1)
            found += _shape_problems(list(av[2]), quantified=inner, in_lookahead=in_lookahead)
        elif op == sre_c.SUBPATTERN:
            found += _shape_problems(list(av[3]), quantified=quantified, in_lookahead=in_lookahead)
        elif op == sre_c.BRANCH:
            for alt in av[1]:
                found += _shape_problems(list(alt), quantified=quantified, in_lookahead=in_lookahead)
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            if av[0] < 0:
                found.append("look-behind is not supported by every browser")
            found += _shape_problems(list(av[1]), quantified=quantified, in_lookahead=True)
        elif op == sre_c.GROUPREF or op == sre_c.GROUPREF_EXISTS:
            found.append("back-references are not in the common subset")
    return found


# ----------------------------------------------------------------------------------------------------------------------
# Needles: literal text every match contains
# ----------------------------------------------------------------------------------------------------------------------

def needles(pattern: str) -> list[str]:
    """Casefolded strings of which every match of `pattern` contains at least one; [] when none is long enough."""
    try:
        tree = sre_p.parse(pattern, FLAGS)
    except re.error:
        return []
    best = _best(_required(list(tree)))
    return best or []


def literal_needle(text: str) -> list[str]:
    return [text.casefold()] if len(text.strip()) >= MIN_NEEDLE else []


def _best(options: list[list[str]]) -> list[str] | None:
    """Among alternative needle sets (each a valid any-of), the one whose shortest needle is longest."""
    good = [o for o in options if o and all(len(n) >= MIN_NEEDLE for n in o)]
    if not good:
        return None
    return max(good, key=lambda o: (min(len(n) for n in o), -len(o)))


def _required(items: list) -> list[list[str]]:
    """Any-of needle sets, each of which a match must satisfy (literal runs, mandatory groups, alternations)."""
    options: list[list[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append(["".join(run).casefold()])
            run.clear()

    for op, av in items:
        if op == sre_c.LITERAL:
            run.append(chr(av))
        elif op == sre_c.AT:
            continue  # zero-width: a run across \b or ^ is still contiguous text in any match
        elif op == sre_c.SUBPATTERN:
            inner = list(av[3])
            if all(o == sre_c.LITERAL for o, _ in inner):
                run.extend(chr(a) for _, a in inner)
            else:
                close()
                options += _required(inner)
        elif op == sre_c.BRANCH:
            close()
            alts = [_best(_required(list(alt))) for alt in av[1]]
            if all(alts):
                options.append(sorted({n for alt in alts for n in alt or []}))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] >= 1:
            close()
            options += _required(list(av[2]))
        else:
            close()
    close()
    return options
