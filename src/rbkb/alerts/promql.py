"""Just enough PromQL scanning to name every metric, label matcher and grouping label in an expression.

Not a parser: it walks the tokens with the few rules that decide what an identifier is. An identifier is a metric
name when it is followed by `{` or `[` or stands alone; it is a function when followed by `(`; labels sit inside
`{...}` and in the `(...)` after `by`, `without`, `on`, `ignoring`, `group_left` and `group_right`. Strings,
comments, durations and numbers are skipped. Anything it cannot place is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FUNCTIONS = frozenset("""
abs absent absent_over_time acos acosh asin asinh atan atanh avg_over_time ceil changes clamp clamp_max clamp_min cos
cosh count_over_time day_of_month day_of_week day_of_year days_in_month deg delta deriv exp floor histogram_count
histogram_fraction histogram_quantile histogram_sum holt_winters hour idelta increase irate label_join label_replace
last_over_time ln log10 log2 max_over_time min_over_time minute month pi predict_linear present_over_time
quantile_over_time rad rate resets round scalar sgn sin sinh sort sort_desc sqrt stddev_over_time stdvar_over_time
sum_over_time tan tanh time timestamp vector year
""".split())
AGGREGATIONS = frozenset("sum min max avg group stddev stdvar count count_values bottomk topk quantile".split())
GROUPING = frozenset("by without on ignoring group_left group_right".split())
KEYWORDS = frozenset("and or unless offset bool atan2".split()) | GROUPING
LITERALS = frozenset(("inf", "nan"))

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)
  | (?P<number>0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[a-zA-Z0-9]*)
  | (?P<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)
  | (?P<op>=~|!~|!=|==|<=|>=|[-+*/%^<>=,(){}\[\]@])
""", re.VERBOSE)


@dataclass(frozen=True)
class Matcher:
    label: str
    op: str  # = != =~ !~
    value: str


@dataclass(frozen=True)
class Selector:
    """One vector selector: `name{matchers}`, at character offset `pos` of the expression."""

    name: str
    matchers: tuple[Matcher, ...]
    pos: int


@dataclass
class Scan:
    selectors: list[Selector] = field(default_factory=list)
    grouping_labels: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def metric_names(self) -> list[str]:
        return sorted({s.name for s in self.selectors})


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


def tokens(expr: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise ValueError(f"unexpected character {expr[pos]!r} at offset {pos}")
        kind = m.lastgroup or ""
        if kind not in ("space", "comment"):
            out.append(_Tok(kind, m.group(), pos))
        pos = m.end()
    return out


def _unquote(s: str) -> str:
    if s.startswith("`"):
        return s[1:-1]
    return bytes(s[1:-1], "utf-8").decode("unicode_escape")


def scan(expr: str) -> Scan:
    result = Scan()
    try:
        toks = tokens(expr)
    except ValueError as e:
        result.errors.append(str(e))
        return result
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.kind == "op" and t.text == "[":
            i = _skip_to(toks, i, "]", result)  # a range or subquery: durations only
        elif t.kind == "op" and t.text == "{":
            matchers, i = _matchers(toks, i, result)
            _named_by_matcher(matchers, t.pos, result)
        elif t.kind != "ident":
            i += 1
        elif t.text in GROUPING:
            i = _grouping(toks, i + 1, result)
        elif t.text == "offset":
            i += 2  # the duration after it
        elif t.text in KEYWORDS or t.text.lower() in LITERALS:
            i += 1
        elif t.text in AGGREGATIONS and nxt is not None and nxt.text in ("by", "without"):
            i += 1  # `sum by (...) (...)`: the grouping comes first
        elif nxt is not None and nxt.text == "(":
            if t.text not in FUNCTIONS and t.text not in AGGREGATIONS:
                result.errors.append(f"unknown function {t.text}()")
            if t.text in ("start", "end") and i > 0 and toks[i - 1].text == "@":
                result.errors.pop()
            i += 1
        elif nxt is not None and nxt.text == "{":
            matchers, i = _matchers(toks, i + 1, result)
            result.selectors.append(Selector(t.text, tuple(matchers), t.pos))
        else:
            result.selectors.append(Selector(t.text, (), t.pos))
            i += 1
    return result


def _skip_to(toks: list[_Tok], i: int, closer: str, result: Scan) -> int:
    for j in range(i + 1, len(toks)):
        if toks[j].text == closer:
            return j + 1
    result.errors.append(f"unclosed {toks[i].text!r} at offset {toks[i].pos}")
    return len(toks)


def _matchers(toks: list[_Tok], i: int, result: Scan) -> tuple[list[Matcher], int]:
    """Read `{label op "value", ...}` starting at the `{` token; return the matchers and the index after `}`."""
    found: list[Matcher] = []
    j = i + 1
    while j < len(toks) and toks[j].text != "}":
        if toks[j].text == ",":
            j += 1
            continue
        if (j + 2 < len(toks) and toks[j].kind == "ident" and toks[j + 1].text in ("=", "!=", "=~", "!~")
                and toks[j + 2].kind == "string"):
            found.append(Matcher(toks[j].text, toks[j + 1].text, _unquote(toks[j + 2].text)))
            j += 3
            continue
        result.errors.append(f"cannot read label matcher at offset {toks[j].pos}")
        return found, _skip_to(toks, i, "}", result)
    if j >= len(toks):
        result.errors.append(f"unclosed '{{' at offset {toks[i].pos}")
    return found, j + 1


def _named_by_matcher(matchers: list[Matcher], pos: int, result: Scan) -> None:
    names = [m for m in matchers if m.label == "__name__"]
    if len(names) == 1 and names[0].op == "=":
        rest = tuple(m for m in matchers if m.label != "__name__")
        result.selectors.append(Selector(names[0].value, rest, pos))
    else:
        result.errors.append(f"selector at offset {pos} has no literal metric name (use name{{...}})")


def _grouping(toks: list[_Tok], i: int, result: Scan) -> int:
    """The optional `(label, ...)` after a grouping keyword."""
    if i >= len(toks) or toks[i].text != "(":
        return i
    j = i + 1
    while j < len(toks) and toks[j].text != ")":
        if toks[j].kind == "ident":
            result.grouping_labels.append(toks[j].text)
        elif toks[j].text != ",":
            result.errors.append(f"unexpected {toks[j].text!r} in a label list at offset {toks[j].pos}")
        j += 1
    return j + 1
