"""Parameter values: checked against their declared kind, then resolved from --set, defaults or a prompt.

A value that passes its kind can still hold shell syntax (kind `text`, a URL query); that is not this module's
concern: `rbkb.execute.substitute` keeps every value out of the shell's parser whatever it holds. What this module
adds from the commands is one rule: a value that fills a whole argument may not start with `-`, where the program
would read it as an option (`substitute.option_sensitive` says which parameters do).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlsplit

from ..model import Parameter, Runbook

_LABEL = r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?"
_DNS_LABEL_RE = re.compile(rf"^{_LABEL}$")
_DNS_SUBDOMAIN_RE = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_HOST_LABEL = r"[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?"
_HOSTNAME_RE = re.compile(rf"^(?:\*\.)?{_HOST_LABEL}(?:\.{_HOST_LABEL})*\.?$")
_DURATION_RE = re.compile(r"^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$")
_INTEGER_RE = re.compile(r"^-?\d+$")
# Label selector requirements (k8s.io/apimachinery/pkg/labels): key, !key, key=v, key==v, key!=v, key in (a,b).
_LABEL_KEY = r"(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?"
_LABEL_VALUE = r"(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?"
_REQUIREMENT_RE = re.compile(
    rf"^\s*(?:!?{_LABEL_KEY}|{_LABEL_KEY}\s*(?:==?|!=)\s*{_LABEL_VALUE}"
    rf"|{_LABEL_KEY}\s+(?:in|notin)\s+\(\s*{_LABEL_VALUE}(?:\s*,\s*{_LABEL_VALUE})*\s*\))\s*$"
)
# Docker reference grammar (distribution/reference), simplified to what a registry accepts.
_IMAGE_RE = re.compile(
    r"^(?:[A-Za-z0-9.-]+(?::\d+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$"
)


def _namespace(v: str) -> str | None:
    if len(v) > 63 or not _DNS_LABEL_RE.match(v):
        return "must be a DNS-1123 label: lower-case letters, digits and '-', at most 63, e.g. payments"
    return None


def _name(v: str) -> str | None:
    if len(v) > 253 or not _DNS_SUBDOMAIN_RE.match(v):
        return "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', e.g. checkout-web"
    return None


def _url(v: str) -> str | None:
    parts = urlsplit(v)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"[\s\x00-\x1f]", v):
        return "must be an http(s) URL without spaces, e.g. http://prometheus.monitoring.svc:9090"
    return None


def _host(v: str) -> str | None:
    try:
        ipaddress.ip_address(v)
        return None
    except ValueError:
        pass
    if len(v) > 253 or not _HOSTNAME_RE.match(v):
        return "must be a host name or IP address, e.g. shop.example.com"
    return None


def _port(v: str) -> str | None:
    return None if v.isdigit() and 1 <= int(v) <= 65535 else "must be a port number from 1 to 65535"


def _integer(v: str) -> str | None:
    return None if _INTEGER_RE.match(v) else "must be a whole number, e.g. 3"


def _duration(v: str) -> str | None:
    return None if _DURATION_RE.match(v) else "must be a duration such as 30s, 5m or 1h30m"


def _selector(v: str) -> str | None:
    requirements = re.split(r",(?![^()]*\))", v)
    if not v.strip() or not all(_REQUIREMENT_RE.match(r) for r in requirements):
        return "must be a label selector, e.g. app.kubernetes.io/name=checkout,tier!=cache"
    return None


def _image(v: str) -> str | None:
    return None if len(v) <= 512 and _IMAGE_RE.match(v) else "must be an image reference, e.g. registry/app:1.2.3"


def _text(v: str) -> str | None:
    # The environment cannot carry NUL; any other character is passed through untouched.
    return "must not contain a NUL character" if "\x00" in v else None


_CHECKS: dict[str, Callable[[str], str | None]] = {
    "namespace": _namespace, "name": _name, "url": _url, "host": _host, "port": _port, "integer": _integer,
    "duration": _duration, "label-selector": _selector, "image": _image, "text": _text,
}


OPTION_LIKE = ("must not start with '-': it fills a whole argument of a command, where the program would read it "
               "as an option")


def check_value(kind: str, value: str, *, whole_argument: bool = False) -> str | None:
    """Why `value` is not a valid `kind`, or None when it is; `whole_argument` refuses a leading `-`."""
    if value == "":
        return "must not be empty"
    if whole_argument and value.startswith("-"):
        return OPTION_LIKE
    return _CHECKS[kind](value)


class ParameterError(Exception):
    """A parameter is unknown, invalid or missing; the message names it."""


Ask = Callable[[Parameter], str]  # asks for a missing value on the terminal


def needed(rb: Runbook, commands: Iterable[str]) -> list[Parameter]:
    """The runbook's parameters that these commands use, in declaration order."""
    from ..model import placeholders

    used = {name for c in commands for name in placeholders(c)}
    return [p for p in rb.parameters if p.name in used]


def resolve(rb: Runbook, given: Mapping[str, str], wanted: list[Parameter], ask: Ask | None,
            whole_arguments: Iterable[str] = (), later: Iterable[str] = ()) -> dict[str, str]:
    """Values for `wanted`: given, else the default, else asked for. Raises ParameterError naming the parameter.

    `whole_arguments` names the parameters that may not start with `-`; `later` those a step captures during the
    run (asked for only when neither given nor defaulted, and then only when the capture fails).
    """
    options, deferred = set(whole_arguments), set(later)
    declared = {p.name for p in rb.parameters}
    for name in given:
        if name not in declared:
            listing = ", ".join(sorted(declared)) or "none"
            raise ParameterError(f"{rb.id} has no parameter {name!r} (its parameters: {listing})")
    values: dict[str, str] = {}
    for p in rb.parameters:
        value = given.get(p.name, p.default)
        if value is None and p in wanted and p.name not in deferred:
            if ask is None:
                raise ParameterError(f"missing parameter {p.name!r}: {p.description} "
                                     f"(give it with --set {p.name}=VALUE, e.g. --set {p.name}={p.example})")
            value = ask_until_valid(p, ask, whole_argument=p.name in options)
        if value is None:
            continue
        problem = check_value(p.kind, value, whole_argument=p.name in options)
        if problem:
            raise ParameterError(f"parameter {p.name!r} ({p.kind}) {problem}; got {value!r}")
        values[p.name] = value
    return values


def ask_until_valid(p: Parameter, ask: Ask, *, whole_argument: bool = False) -> str:
    while True:
        value = ask(p)
        problem = check_value(p.kind, value, whole_argument=whole_argument)
        if not problem:
            return value
        print(f"  {p.name} {problem}")
