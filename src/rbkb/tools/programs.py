"""Programs that are not cobra CLIs: what they do, decided from what they will really run or write.

Wrappers (`timeout`, `env`, `command`, `nice`, `stdbuf`, `xargs`, `exec`, `busybox`) are classified by the command
they run; `watch`, `sh -c`, `bash -c` and `eval` by the shell text they run; interpreters (`awk`, `sed`, `find`) by
their program text; `tee`, `sort -o`, `curl -o`, `openssl -out` by the files they write; `curl` by the request it
sends; context switchers (`kubectx NAME`, `kubens NAME`) because they rewrite the kubeconfig. A program or an
option this module cannot prove read-only is a change.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

from .base import Classification
from .scripts import awk_effect, sed_effect

Inner = Callable[[list[str]], Classification]  # classify another program invocation
Text = Callable[[str], Classification]  # classify shell text

_READ_ONLY = Classification("read-only", ())
# Programs that only read their input and print (no option of theirs writes a file or runs a command).
_READ_PROGRAMS = frozenset({
    "grep", "egrep", "fgrep", "jq", "head", "tail", "uniq", "wc", "cut", "tr", "column", "base64", "xxd", "cat",
    "less", "printf", "echo", "nslookup", "dig", "host", "ss", "lsof", "stern", "test", "[", "true", "false", "seq",
    "sleep", "getent", "which", "ls", "diff", "logcli", "type", "pwd", "basename", "dirname", "hostname", "id",
    "whoami", "nl", "rev", "fold", "paste", "comm", "expand", "md5sum", "sha256sum", "sha1sum", "cksum", "tac",
    "od", "hexdump", "strings", "file", "stat", "du", "df", "free", "uptime", "ps", "dmesg", "nproc", "uname",
    "readlink", "realpath", "jless", "zcat", "gunzip", "numfmt", "expr",
})
_DEV_OUTPUTS = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr", "-"})
_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"})


def _mutating(why: str) -> Classification:
    return Classification("mutating", (why,))


def _skip_options(args: list[str], with_value: frozenset[str], flags: frozenset[str]) -> int | None:
    """Index of the first operand after the options, or None on an option this wrapper is not known to take."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return i + 1
        if not a.startswith("-") or a == "-":
            return i
        name = a.split("=", 1)[0]
        if name in flags:
            i += 1
        elif name in with_value:
            i += 1 if "=" in a else 2
        elif a[:2] in with_value and len(a) > 2 and not a.startswith("--"):
            i += 1  # value attached to a short option: -s9, -n5
        else:
            return None
    return i


# Wrappers that run the rest of their arguments as a command: options taking a value, flag options, and the
# operands before the command (timeout's DURATION).
_WRAPPER_OPTIONS: dict[str, tuple[frozenset[str], frozenset[str], int]] = {
    "timeout": (frozenset({"-s", "--signal", "-k", "--kill-after"}),
                frozenset({"--preserve-status", "--foreground", "-v", "--verbose"}), 1),
    "command": (frozenset(), frozenset({"-p"}), 0),
    "xargs": (frozenset({"-a", "--arg-file", "-d", "--delimiter", "-E", "-I", "-L", "--max-lines", "-n", "--max-args",
                         "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var", "--replace", "--eof"}),
              frozenset({"-0", "--null", "-p", "--interactive", "-r", "--no-run-if-empty", "-t", "--verbose", "-x",
                         "--exit", "-o", "--open-tty", "--show-limits"}), 0),
    "nice": (frozenset({"-n", "--adjustment"}), frozenset(), 0),
    "stdbuf": (frozenset({"-i", "-o", "-e", "--input", "--output", "--error"}), frozenset(), 0),
    "exec": (frozenset({"-a"}), frozenset({"-c", "-l"}), 0),
    "builtin": (frozenset(), frozenset(), 0),
    "busybox": (frozenset(), frozenset(), 0),
    "time": (frozenset(), frozenset({"-p"}), 0),
}
_UNKNOWN: list[str] = ["<unknown option>"]  # a wrapper option this module does not know: nothing can be proven


def wrapped_argv(name: str, args: list[str]) -> list[str] | None:
    """The command a wrapper runs ([] when it runs none), `_UNKNOWN` on an option it cannot read, None when `name`
    is not a wrapper."""
    if name == "env":
        return _env_argv(args)
    if name == "command" and any(a in ("-v", "-V") for a in args[:2]):
        return []  # prints how a name would be resolved
    if name not in _WRAPPER_OPTIONS:
        return None
    values, flags, operands = _WRAPPER_OPTIONS[name]
    start = _skip_options(args, values, flags)
    return _UNKNOWN if start is None else args[start + operands:]


def _env_argv(args: list[str]) -> list[str]:
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-S", "--split-string") or a.startswith(("-S", "--split-string=")):
            text, rest = (args[i + 1] if i + 1 < len(args) else "", args[i + 2:]) if a in ("-S", "--split-string") \
                else (a.split("=", 1)[1] if a.startswith("--") else a[2:], args[i + 1:])
            try:
                return [*shlex.split(text), *rest]
            except ValueError:
                return _UNKNOWN
        if a in ("-i", "--ignore-environment", "-0", "--null", "-v", "--debug", "-"):
            i += 1
        elif a in ("-u", "--unset", "-C", "--chdir"):
            i += 2
        elif a.startswith(("-u", "--unset=", "-C", "--chdir=")):
            i += 1
        elif a == "--":
            i += 1
            break
        elif a.startswith("-"):
            return _UNKNOWN
        else:
            break
    while i < len(args) and "=" in args[i] and not args[i].startswith("="):
        i += 1  # NAME=VALUE assignments
    return args[i:]


def _run_wrapped(name: str, command: list[str], inner: Inner) -> Classification:
    if command is _UNKNOWN:
        return _mutating(f"{name}: an option rbkb cannot prove read-only")
    return inner(command) if command else _READ_ONLY  # xargs without a command runs echo


def _watch(args: list[str], inner: Inner, text: Text) -> Classification:
    exec_form = any(a in ("-x", "--exec") for a in args)
    start = _skip_options(
        args, frozenset({"-n", "--interval", "-q", "--equexit"}),
        frozenset({"-d", "--differences", "-t", "--no-title", "-b", "--beep", "-e", "--errexit", "-g",
                   "--chgexit", "-c", "--color", "-C", "--no-color", "-x", "--exec", "-p", "--precise", "-w",
                   "--no-wrap", "-r", "--no-rerun"}))
    if start is None:
        return _mutating("watch: an option rbkb cannot prove read-only")
    if start >= len(args):
        return _READ_ONLY
    return inner(args[start:]) if exec_form else text(" ".join(args[start:]))  # watch runs `sh -c "ARGS"`


def _shell(name: str, args: list[str], text: Text) -> Classification:
    for i, a in enumerate(args):
        if re.fullmatch(r"-[a-zA-Z]*c[a-zA-Z]*", a):
            if i + 1 >= len(args):
                return _mutating(f"{name} -c without a script")
            return text(args[i + 1])
        if a in ("-o", "+o"):
            continue
        if not a.startswith(("-", "+")) and (i == 0 or args[i - 1] not in ("-o", "+o")):
            break
    return _mutating(f"{name} runs a script rbkb cannot see")


# ----------------------------------------------------------------------------------------------------------------------
# Programs that write files or send requests
# ----------------------------------------------------------------------------------------------------------------------

def _tee(args: list[str]) -> Classification:
    files = [a for a in args if not a.startswith("-") or a == "-"]
    written = [f for f in files if f not in _DEV_OUTPUTS]
    return _mutating(f"tee writes the local file {written[0]}") if written else _READ_ONLY


def _find(args: list[str], inner: Inner) -> Classification:
    i = 0
    results = []
    while i < len(args):
        a = args[i]
        if a in ("-delete", "-fprint", "-fprint0", "-fprintf", "-fls"):
            return _mutating(f"find {a} deletes or writes files")
        if a in ("-exec", "-execdir", "-ok", "-okdir"):
            end = next((j for j in range(i + 1, len(args)) if args[j] in (";", "+")), len(args))
            results.append(inner(args[i + 1:end]))
            i = end
        i += 1
    bad = [r for r in results if not r.read_only]
    return bad[0] if bad else _READ_ONLY


# curl options that take a value, short and long (curl --help all); combined short flags share one word
_CURL_VALUE_SHORT = frozenset("AbcCdDeEFHKmoPQrTtuUwxXyYz")
_CURL_BODY = frozenset({"-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode", "--json",
                        "-F", "--form", "--form-string", "-T", "--upload-file"})
_CURL_WRITES = frozenset({"-o", "--output", "-O", "--remote-name", "--remote-name-all", "-D", "--dump-header",
                          "-c", "--cookie-jar", "--trace", "--trace-ascii", "--libcurl", "--output-dir",
                          "--etag-save", "--hsts", "--alt-svc", "-J", "--remote-header-name"})
_CURL_UNKNOWABLE = frozenset({"-K", "--config"})  # a config file may hold any option


def _curl_options(args: list[str]) -> list[tuple[str, str | None]]:
    """(option, value) pairs of a curl command line, combined short options split."""
    out: list[tuple[str, str | None]] = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--"):
            name, eq, value = a.partition("=")
            takes = name in _CURL_BODY | {"-X", "--request", "--output", "--dump-header", "--cookie-jar", "--trace",
                                          "--trace-ascii", "--libcurl", "--output-dir", "--config", "--etag-save",
                                          "--hsts", "--alt-svc", "--header", "--user", "--url", "--max-time",
                                          "--connect-timeout", "--user-agent", "--cacert", "--cert", "--key",
                                          "--resolve", "--proxy", "--write-out", "--retry", "--cookie", "--range"}
            if eq:
                out.append((name, value))
            elif takes and i < len(args):
                out.append((name, args[i]))
                i += 1
            else:
                out.append((name, None))
        elif a.startswith("-") and len(a) > 1:
            for j, ch in enumerate(a[1:], 1):
                if ch in _CURL_VALUE_SHORT:
                    rest = a[j + 1:]
                    if rest:
                        out.append((f"-{ch}", rest))
                    elif i < len(args):
                        out.append((f"-{ch}", args[i]))
                        i += 1
                    else:
                        out.append((f"-{ch}", None))
                    break
                out.append((f"-{ch}", None))
    return out


def _curl(args: list[str]) -> Classification:
    opts = _curl_options(args)
    names = {name for name, _ in opts}
    method = next((v for n, v in reversed(opts) if n in ("-X", "--request")), None)
    if names & _CURL_UNKNOWABLE:
        return _mutating("curl -K reads options from a file rbkb cannot see")
    if method and method.upper() not in ("GET", "HEAD"):
        return _mutating(f"curl sends a {method.upper()} request that may change the server")
    if names & _CURL_BODY and not names & {"-G", "--get"}:
        return _mutating("curl sends a request body (a POST) that may change the server")
    if names & _CURL_WRITES:
        return _mutating("curl writes a local file")
    return _READ_ONLY


_OPENSSL_READ = frozenset({"x509", "s_client", "verify", "req", "crl", "pkcs7", "asn1parse", "dgst", "version",
                           "rsa", "ec", "pkey", "ciphers", "list", "sha256", "sha1", "md5", "base64", "enc",
                           "pkcs12", "crl2pkcs7", "storeutl", "ocsp"})


def _openssl(args: list[str]) -> Classification:
    sub = args[0] if args else ""
    if sub not in _OPENSSL_READ:
        return _mutating(f"openssl {sub}: not known to be read-only")
    written = [a for a in args if re.fullmatch(r"-(?:out|keyout|sess_out|writerand|CAcreateserial|new(?:key)?)", a)]
    if sub == "req" and "-new" in args and "-out" not in args:
        return _READ_ONLY if not written or written == ["-new"] else _mutating(f"openssl {sub} {written[0]} writes")
    if written:
        return _mutating(f"openssl {sub} {written[0]} writes a local file")
    return _READ_ONLY


_DATE_VALUE = ("-d", "--date", "-r", "--reference", "-f", "--file")


def _date(args: list[str]) -> Classification:
    for i, a in enumerate(args):
        if a in ("-s", "--set") or a.startswith("--set=") or (a.startswith("-s") and not a.startswith("--")):
            return _mutating("date -s sets the system clock")
        if not a.startswith(("-", "+")) and (i == 0 or args[i - 1] not in _DATE_VALUE):
            return _mutating("date MMDDhhmm sets the system clock")
    return _READ_ONLY


def _context_switcher(name: str, args: list[str]) -> Classification:
    if all(a in ("-c", "--current", "-h", "--help", "-V", "--version") for a in args):
        return _READ_ONLY  # lists or prints the current one
    return _mutating(f"{name} {' '.join(args[:2])} changes the kubeconfig's current "
                     f"{'context' if name == 'kubectx' else 'namespace'}")


def _sort(args: list[str]) -> Classification:
    if any(a in ("-o", "--output") or a.startswith(("--output=", "-o")) and not a.startswith("--o") for a in args):
        return _mutating("sort -o writes a local file")
    return _READ_ONLY


def _uniq(args: list[str]) -> Classification:
    operands = [a for a in args if not a.startswith("-") or a == "-"]
    return _mutating(f"uniq writes the local file {operands[1]}") if len(operands) > 1 else _READ_ONLY


def _yq(args: list[str]) -> Classification:
    if any(a in ("-i", "--inplace") or re.fullmatch(r"-[a-zA-Z]*i[a-zA-Z]*", a) for a in args):
        return _mutating("yq -i edits files in place")
    return _READ_ONLY


def _promtool(args: list[str]) -> Classification:
    sub = next((a for a in args if not a.startswith("-")), "")
    if sub in ("check", "query", "test") or not sub:
        return _READ_ONLY
    return _mutating(f"promtool {sub}: not known to be read-only")


def _nc(args: list[str]) -> Classification:
    if any(re.fullmatch(r"-[a-zA-Z]*z[a-zA-Z]*", a) for a in args):
        return _READ_ONLY  # -z: only tests that the port answers
    return _mutating("nc sends its input to a remote service (use -z to only test the port)")


def classify_program(argv: list[str], inner: Inner, text: Text) -> Classification:
    """One invocation of a program that no tool module handles."""
    name = argv[0].rsplit("/", 1)[-1]
    args = argv[1:]
    simple: dict[str, Callable[[list[str]], Classification]] = {
        "tee": _tee, "curl": _curl, "openssl": _openssl, "date": _date, "sort": _sort, "uniq": _uniq, "yq": _yq,
        "promtool": _promtool, "nc": _nc,
    }
    if name in simple:
        return simple[name](args)
    if name in ("kubectx", "kubens"):
        return _context_switcher(name, args)
    command = wrapped_argv(name, args)
    if command is not None:
        return _run_wrapped(name, command, inner)
    if name == "find":
        return _find(args, inner)
    if name == "watch":
        return _watch(args, inner, text)
    if name in _SHELLS:
        return _shell(name, args, text)
    if name == "eval":
        return text(" ".join(args))
    if name in ("awk", "gawk", "mawk", "nawk"):
        return awk_effect(args)
    if name == "sed":
        return sed_effect(args)
    if name == "rm":
        return Classification("destructive", ("rm deletes local files",))
    if name in ("kill", "pkill", "killall"):
        return _mutating(f"{name} stops local processes")
    if name in _READ_PROGRAMS:
        return _READ_ONLY
    return _mutating(f"{name!r} is not a known read-only program")


# ----------------------------------------------------------------------------------------------------------------------
# Programs that never end on their own
# ----------------------------------------------------------------------------------------------------------------------

_STREAMING = {"watch": "watch repeats the command until stopped", "top": "top runs until stopped",
              "htop": "htop runs until stopped"}


def program_streams(argv: list[str], inner: Callable[[list[str]], str | None],
                    text: Callable[[str], str | None]) -> str | None:
    """Why this invocation would run until stopped, or None; `timeout` bounds whatever it wraps."""
    name = argv[0].rsplit("/", 1)[-1]
    args = argv[1:]
    if name in _STREAMING:
        return _STREAMING[name]
    if name == "tail" and any(a in ("-f", "-F", "--follow") or a.startswith("--follow=") for a in args):
        return "tail -f follows the file until stopped"
    if name == "stern" and not any(a.startswith("--no-follow") for a in args):
        return "stern follows logs until stopped (add --no-follow)"
    command = wrapped_argv(name, args)
    if command is not None and name != "timeout":  # timeout bounds whatever it runs
        return inner(command) if command and command is not _UNKNOWN else None
    if name in _SHELLS:
        script = next((args[i + 1] for i, a in enumerate(args[:-1]) if re.fullmatch(r"-[a-zA-Z]*c[a-zA-Z]*", a)),
                      None)
        return text(script) if script is not None else None
    return None
