"""Read `sed` and `awk` program text for the commands that write files or run other programs.

sed: the `w`/`W` commands and the `s///w` flag write files, `e` and `s///e` run commands, `-i` edits in place and
`-f` reads a script rbkb cannot see. awk: `system()`, pipes (`print | "cmd"`, `"cmd" | getline`), `print > FILE`
and `-f`/`-i` do. Text these scanners cannot read is treated as a change, as the safety rules require.
"""

from __future__ import annotations

import re

from .base import Classification

_READ_ONLY = Classification("read-only", ())


def _mutating(why: str) -> Classification:
    return Classification("mutating", (why,))


# ----------------------------------------------------------------------------------------------------------------------
# sed
# ----------------------------------------------------------------------------------------------------------------------

_SED_FLAGS = frozenset({"--quiet", "--silent", "--regexp-extended", "--separate", "--unbuffered", "--null-data",
                        "--posix", "--debug", "--sandbox", "--follow-symlinks"})


def sed_effect(args: list[str]) -> Classification:
    scripts: list[str] = []
    operands: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a in ("-e", "--expression"):
            scripts.append(args[i] if i < len(args) else "")
            i += 1
        elif a.startswith("--expression="):
            scripts.append(a.split("=", 1)[1])
        elif a in ("-f", "--file") or a.startswith("--file="):
            return _mutating("sed -f runs a script file rbkb cannot see")
        elif a.startswith("--in-place") or a == "-i":
            return _mutating("sed -i edits files in place")
        elif a in ("-l", "--line-length"):
            i += 1
        elif a in _SED_FLAGS or a.startswith("--line-length="):
            continue
        elif a.startswith("--"):
            return _mutating(f"sed {a}: an option rbkb cannot prove read-only")
        elif a.startswith("-") and a != "-":
            for j, ch in enumerate(a[1:], 1):
                if ch in "nErsuz":
                    continue
                if ch == "e":
                    scripts.append(a[j + 1:] or (args[i] if i < len(args) else ""))
                    i += 0 if a[j + 1:] else 1
                    break
                if ch == "i":
                    return _mutating("sed -i edits files in place")
                if ch == "f":
                    return _mutating("sed -f runs a script file rbkb cannot see")
                if ch == "l":
                    i += 0 if a[j + 1:] else 1
                    break
                return _mutating(f"sed -{ch}: an option rbkb cannot prove read-only")
        else:
            operands.append(a)
    if not scripts and operands:
        scripts.append(operands[0])
    for script in scripts:
        why = _sed_script(script)
        if why:
            return _mutating(f"sed {why}")
    return _READ_ONLY


def _sed_delimited(s: str, i: int, delim: str) -> int:
    """Index after the closing `delim` of a regex or replacement starting at `i`; -1 when it is not closed."""
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == delim:
            return i + 1
        if s[i] == "\n" and delim != "\n":
            return -1
        i += 1
    return -1


def _sed_address(s: str, i: int) -> int:
    """Index after an address (`3`, `$`, `1~2`, `/re/I`, `\\cREc`), or `i` when there is none; -1 when malformed."""
    m = re.match(r"\d+(?:~\d+)?|\$", s[i:])
    if m:
        return i + m.end()
    if i < len(s) and s[i] in "/\\":
        delim = "/" if s[i] == "/" else s[i + 1: i + 2]
        start = i + 1 if s[i] == "/" else i + 2
        end = _sed_delimited(s, start, delim) if delim else -1
        while 0 < end < len(s) and s[end] in "IM":
            end += 1
        return end
    return i


def _sed_script(s: str) -> str | None:
    """Why this sed script writes or runs something (or cannot be read), or None when it only prints."""
    i, n = 0, len(s)
    while True:
        while i < n and s[i] in " \t\n;{}":
            i += 1
        if i >= n:
            return None
        i = _sed_address(s, i)
        if 0 <= i < n and s[i] == ",":
            m = re.match(r"[+~]\d+", s[i + 1:])
            i = i + 1 + m.end() if m else _sed_address(s, i + 1)
        if i < 0:
            return "script cannot be read (an unclosed address)"
        while i < n and s[i] in " \t!":
            i += 1
        if i >= n:
            return "script cannot be read (an address without a command)"
        c = s[i]
        i += 1
        if c in "{}":
            continue
        if c == "#":
            i = s.find("\n", i) + 1 or n
        elif c in "sy":
            if i >= n:
                return f"script cannot be read ({c} without a delimiter)"
            delim = s[i]
            mid = _sed_delimited(s, i + 1, delim)
            end = _sed_delimited(s, mid, delim) if mid > 0 else -1
            if end < 0:
                return f"script cannot be read (an unclosed {c} command)"
            flags = re.match(r"[^;\n}]*", s[end:])
            text = flags.group(0) if flags else ""
            i = end + len(text)
            if c == "s" and "w" in text:
                return "s///w writes a file"
            if c == "s" and "e" in text:
                return "s///e runs the pattern space as a command"
        elif c in "aicrR:btT":
            # text, file name or label: to the end of the line (a label also ends at `;`)
            stop = "\n" if c in "aicrR" else "\n;"
            while i < n and s[i] not in stop:
                i += 2 if s[i] == "\\" else 1
        elif c in "wW":
            return f"{c} writes a file"
        elif c == "e":
            return "e runs a command"
        elif c in "qQlL":
            m = re.match(r"\s*\d*", s[i:])
            i += m.end() if m else 0
        elif c not in "pdnNgGhHxz=DPFv":
            return f"script cannot be read (command {c!r})"


# ----------------------------------------------------------------------------------------------------------------------
# awk
# ----------------------------------------------------------------------------------------------------------------------

_AWK_VALUE = frozenset({"-F", "--field-separator", "-v", "--assign"})
_AWK_HIDDEN = frozenset({"-f", "--file", "-i", "--include", "-l", "--load", "-E", "--exec"})
_REGEX_AFTER = frozenset({None, "(", ",", "{", "}", ";", "!", "~", "!~", "&&", "||", "\n", "=", "==", "!=", "?",
                          ":"})
_TWO = ("||", "&&", ">>", "|&", "==", "!=", "<=", ">=", "!~", "++", "--", "+=", "-=", "*=", "/=", "^=", "%=")
_STD_STREAMS = frozenset({"/dev/stderr", "/dev/stdout"})


def awk_effect(args: list[str]) -> Classification:
    program: str | None = None
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            break
        name = a.split("=", 1)[0]
        if name in _AWK_HIDDEN or (a[:2] in _AWK_HIDDEN and not a.startswith("--")):
            return _mutating(f"awk {a[:2] if not a.startswith('--') else name} loads program text rbkb cannot see")
        if name in ("-e", "--source"):
            program = (program or "") + "\n" + (args[i] if i < len(args) else "")
            i += 1
        elif name in _AWK_VALUE:
            i += 0 if "=" in a and a.startswith("--") else 1
        elif a[:2] in ("-F", "-v"):
            continue
        elif a.startswith("-") and a != "-":
            if a not in ("--posix", "--traditional", "--re-interval", "--sandbox", "-S", "-P", "-b",
                         "--characters-as-bytes", "-c", "-N", "--use-lc-numeric"):
                return _mutating(f"awk {a}: an option rbkb cannot prove read-only")
        else:
            i -= 1
            break
    if program is None:
        if i >= len(args):
            return _mutating("awk without a program")
        program = args[i]
    why = _awk_program(program)
    return _mutating(f"awk {why}") if why else _READ_ONLY


def _awk_tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: str, re, word, op (newlines are op tokens, comments and line continuations dropped)."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        prev = out[-1][1] if out and out[-1][0] == "op" else (None if not out else "")
        if c in " \t\r" or text.startswith("\\\n", i):
            i += 2 if c == "\\" else 1
        elif c == "#":
            i = text.find("\n", i) if "\n" in text[i:] else n
        elif c == '"' or (c == "/" and prev in _REGEX_AFTER):
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(("str" if c == '"' else "re", text[i + 1:j]))
            i = j + 1
        elif c.isalnum() or c == "_":
            m = re.match(r"[A-Za-z0-9_.]+", text[i:])
            word = m.group(0) if m else c
            out.append(("word", word))
            i += len(word)
        else:
            op = next((t for t in _TWO if text.startswith(t, i)), c)
            out.append(("op", op))
            i += len(op)
    return out


def _awk_program(text: str) -> str | None:
    """Why this awk program writes a file or runs a command, or None when it only reads and prints."""
    tokens = _awk_tokens(text)
    in_print = False
    depth = 0
    for k, (kind, tok) in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", "")
        if kind == "word" and tok == "system" and nxt == ("op", "("):
            return "system() runs a command"
        if kind != "op":
            if kind == "word" and tok in ("print", "printf"):
                in_print, depth = True, 0
            continue
        if tok in ("|", "|&"):
            return "pipes to or from a command"
        if tok in (";", "}", "{", "\n"):
            in_print = False
        elif tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        elif tok in (">", ">>") and in_print and depth == 0:
            if nxt[0] == "str" and nxt[1] in _STD_STREAMS:
                continue
            return f"print {tok} FILE writes a file"
    return None
