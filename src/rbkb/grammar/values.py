"""Flag value checks that match what Go's ``strconv``/``time`` parsers (behind pflag) accept."""

from __future__ import annotations

import re

# strconv.ParseBool
GO_BOOLS = frozenset({"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"})

# strconv.ParseInt(s, 0, 64): sign, then a Go integer literal (base prefix, underscores only with base 0)
_INT = re.compile(
    r"[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)"
)
_UINT = re.compile(
    r"(?:0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)"
)
# strconv.ParseFloat (decimal and the special words; hex floats are rare enough to ignore)
_FLOAT = re.compile(
    r"[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?"
    r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])"
)
# time.ParseDuration: "0", or a sequence of decimal numbers each with a unit
_DURATION = re.compile(r"[+-]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)")


def _int_value(s: str) -> int | None:
    t = s.replace("_", "")
    neg = t.startswith("-")
    t = t.lstrip("+-")
    try:
        if t[:2] in ("0x", "0X"):
            v = int(t[2:], 16)
        elif t[:2] in ("0b", "0B"):
            v = int(t[2:], 2)
        elif t[:2] in ("0o", "0O"):
            v = int(t[2:], 8)
        elif len(t) > 1 and t[0] == "0":
            v = int(t[1:], 8)
        else:
            v = int(t, 10)
    except ValueError:
        return None
    return -v if neg else v


def check_value(typ: str, value: str) -> str | None:
    """None when ``value`` parses as ``typ``, else a short reason in Go's words."""
    if typ == "bool":
        return None if value in GO_BOOLS else "strconv.ParseBool: invalid syntax"
    if typ == "int":
        if not _INT.fullmatch(value):
            return "strconv.ParseInt: invalid syntax"
        v = _int_value(value)
        if v is None or not (-(2**63) <= v < 2**63):
            return "strconv.ParseInt: value out of range"
        return None
    if typ == "uint":
        if not _UINT.fullmatch(value):
            return "strconv.ParseUint: invalid syntax"
        v = _int_value(value)
        if v is None or not (0 <= v < 2**64):
            return "strconv.ParseUint: value out of range"
        return None
    if typ == "count":
        return None if _INT.fullmatch(value) else "strconv.ParseInt: invalid syntax"
    if typ == "float":
        return None if _FLOAT.fullmatch(value) else "strconv.ParseFloat: invalid syntax"
    if typ == "duration":
        if _DURATION.fullmatch(value):
            return None
        m = re.search(r"[a-zA-Z]+", value.lstrip("+-").lstrip("0123456789."))
        if re.fullmatch(r"[+-]?\d+(?:\.\d*)?", value):
            return f'time: missing unit in duration "{value}"'
        if m:
            return f'time: unknown unit "{m.group(0)}" in duration "{value}"'
        return f'time: invalid duration "{value}"'
    if typ == "intSlice":
        parts = [p.strip() for p in value.strip("[]").split(",") if p.strip()]
        return None if all(_INT.fullmatch(p) for p in parts) else "strconv.ParseInt: invalid syntax"
    if typ == "boolSlice":
        parts = [p.strip() for p in value.strip("[]").split(",") if p.strip()]
        return None if all(p in GO_BOOLS for p in parts) else "strconv.ParseBool: invalid syntax"
    if typ == "stringToString":
        if value == "":
            return None
        parts = value.split(",")
        return None if all("=" in p for p in parts) else f"{value} must be formatted as key=value"
    return None
