"""Remove credentials from text before it is written to an incident log or printed.

Incident logs get pasted into tickets and chat, so anything that grants access is replaced by `[REDACTED]`: bearer
tokens and JWTs, Authorization headers, password/token/secret fields and flags, URL passwords, private keys,
kubeconfig credentials, and the values of a Secret's `data`/`stringData` in YAML or JSON output, block or flow style.
Names, references (`secretName: tls-cert`) and everything else stay, because the evidence is what the log is for.

A lone value (`kubectl get secret x -o jsonpath='{.data.password}'` prints only `aHVudGVyMg==`) has no shape to
recognise, so the command decides instead: `reads_secret_values` says when a command prints Secret values bare, and
the incident log then keeps none of its standard output.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..shell import parse_shell

MASK = "[REDACTED]"
SECRET_OUTPUT = f"{MASK} (this command prints Secret values; none of its output is kept)\n"

# A key names a credential when its last word is one of these (password, client-secret, bearerToken, keyData, ...).
_SECRET_KEY = (r"(?:[A-Za-z0-9_.-]*?[-_.]?)?(?i:password|passwd|token|secret|apikey|api[-_]key|access[-_]?key"
               r"|secret[-_]?key|private[-_]?key|client[-_]?secret|client-key-data|client-certificate-data|keydata"
               r"|certdata|sshprivatekey|tlsclientcertkey|auth|credentials?|cookie)")
# Values that are not credentials: empties, booleans, byte counts, and kubectl's `<set to the key 'k' in secret 's'>`.
_SAFE_VALUE = re.compile(r"^(?:true|false|null|~|\[\]|\{\}|\"\"|''|\d+(?: bytes)?|<[^>]*>.*|DATA\+OMITTED|REDACTED)?$",
                         re.IGNORECASE)

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # -----BEGIN ... PRIVATE KEY----- blocks
    (re.compile(r"-----BEGIN ([A-Z ]*)PRIVATE KEY-----.*?(?:-----END \1PRIVATE KEY-----|\Z)", re.DOTALL),
     "-----BEGIN \\1PRIVATE KEY-----" + MASK + "-----END \\1PRIVATE KEY-----"),
    # Authorization / Proxy-Authorization / Cookie headers, in curl -H arguments and verbose output
    (re.compile(r"(?im)\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key)(\s*:\s*)[^\r\n'\"]+"), r"\1\2" + MASK),
    (re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}"), r"\1\2" + MASK),
    # JSON Web Tokens (service-account tokens, OIDC id tokens) wherever they appear
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), MASK),
    # --password VALUE, --auth-token=VALUE, --client-secret 'VALUE'
    (re.compile(rf"(?<![\w-])(--{_SECRET_KEY})(=|\s+)('[^']*'|\"[^\"]*\"|[^\s'\"]+)"), r"\1\2" + MASK),
    # PASSWORD=VALUE, DB_PASS='VALUE', ARGOCD_AUTH_TOKEN=VALUE (environment style, upper case)
    (re.compile(r"\b([A-Z0-9_]*(?:PASSWORD|PASSWD|TOKEN|SECRET|API_KEY|ACCESS_KEY|(?<![A-Z0-9])PASS(?![A-Z0-9]))"
                r"[A-Z0-9_]*)=('[^']*'|\"[^\"]*\"|[^\s'\"]+)"), r"\1=" + MASK),
    # db_password=VALUE, redis_pass=VALUE, api_token=VALUE: lower case only where the name ends in the word, so
    # label selectors such as `app=token-service` stay
    (re.compile(r"\b([a-z0-9_]*(?:password|passwd|_pass|_token|_secret))=('[^']*'|\"[^\"]*\"|[^\s'\"&,;]+)"),
     r"\1=" + MASK),
    # JSON "password": "VALUE"
    (re.compile(rf"(\"{_SECRET_KEY}\"\s*:\s*)\"(?:[^\"\\]|\\.)+\""), r'\1"' + MASK + '"'),
]
_YAML_FIELD = re.compile(rf"^(\s*(?:-\s+)?[\"']?{_SECRET_KEY}[\"']?\s*:[ \t]+)(\S.*)$")
_KEY_LINE = re.compile(r"^(\s*)(-\s+)?([^\s:#][^:]*?)\s*:(?:\s|$)")


# scheme://user:PASSWORD@host: the password may hold `/` or `@` (unencoded, as people paste them), so it runs to the
# first `@` that a host name follows; a `user:8443/path` "password" is a port and stays
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@'\"<>]{1,256}):([^\s'\"<>]{1,256}?)@"
                           r"(?=[a-z0-9.-]+(?::\d+)?(?:[/?#\s'\"<>]|$)|\[)")
_FLOW_SECRET = re.compile(r"""(?i)["']?kind["']?\s*:\s*["']?Secret\b""")
_FLOW_DATA = re.compile(r"""(["']?(?:data|stringData)["']?\s*:\s*\{)([^{}]*)(\})""")
_FLOW_ENTRY = re.compile(r"""((?:^|,)\s*(?:"[^"]*"|'[^']*'|[^,:"']+)\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^,]*[^,\s])""")


def redact(text: str) -> str:
    """`text` with every credential it contains replaced by [REDACTED]."""
    if not text:
        return text
    text = _redact_json_secrets(text)
    text = _redact_yaml_secrets(text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    text = _URL_PASSWORD.sub(_url_password, text)
    return "\n".join(_redact_yaml_field(_redact_flow_secret(line)) for line in text.split("\n"))


def reads_secret_values(command: str) -> bool:
    """Whether `command` prints Secret values without the object around them: `kubectl get secret` with
    jsonpath, a template or custom columns, or with YAML/JSON piped on to `jq`, `grep` or `base64 -d`; `kubectl
    view-secret`; `argocd admin initial-password`. The table, `-o name` and a whole `-o yaml|json` keep their
    shape, which `redact` masks."""
    commands = parse_shell(command).commands
    for c in commands:
        program, argv = c.program.rsplit("/", 1)[-1], list(c.argv)
        if program == "argocd" and "initial-password" in argv:
            return True
        if program not in ("kubectl", "oc"):
            continue
        if "view-secret" in argv:
            return True
        if "get" not in argv or not any(_names_secret(w) for w in argv[argv.index("get") + 1:]):
            continue
        output = _output_format(argv)
        if output in (None, "wide", "name") or (output in ("yaml", "json") and len(commands) == 1):
            continue
        return True
    return False


def _names_secret(word: str) -> bool:
    kinds = (part.split("/", 1)[0].lower() for part in word.split(","))
    return any(k in ("secret", "secrets") or k.startswith(("secret.", "secrets.")) for k in kinds)


def _output_format(argv: list[str]) -> str | None:
    found = None
    for i, word in enumerate(argv):
        if word in ("-o", "--output") and i + 1 < len(argv):
            found = argv[i + 1]
        elif word.startswith(("--output=", "-o=")):
            found = word.split("=", 1)[1]
        elif word.startswith("-o") and not word.startswith("--"):
            found = word[2:]
        elif word.startswith("--template"):
            found = "go-template"
    return found.split("=", 1)[0] if found else None


def _url_password(m: re.Match[str]) -> str:
    if re.match(r"\d+(?:/|$)", m.group(2)):
        return m.group(0)  # host:port/path@..., no password
    return f"{m.group(1)}:{MASK}@"


def _redact_flow_secret(line: str) -> str:
    """`{kind: Secret, data: {password: ...}}` on one line (flow YAML or compact JSON)."""
    if not _FLOW_SECRET.search(line):
        return line
    return _FLOW_DATA.sub(lambda m: m.group(1) + _FLOW_ENTRY.sub(_mask_entry, m.group(2)) + m.group(3), line)


def _mask_entry(m: re.Match[str]) -> str:
    quote = m.group(2)[0] if m.group(2)[:1] in ("'", '"') else ""
    return f"{m.group(1)}{quote}{MASK}{quote}"


def _redact_yaml_field(line: str) -> str:
    m = _YAML_FIELD.match(line)
    if not m:
        return line
    value = m.group(2).strip()
    if _SAFE_VALUE.match(value) or MASK in value or value in ("|", ">", "|-", ">-"):
        return line
    quoted = re.match(r"""("(?:[^"\\]|\\.)*"|'[^']*')(.*)$""", value)
    if quoted:  # keep what follows the quoted value (a JSON comma)
        return f"{m.group(1)}{value[0]}{MASK}{value[0]}{quoted.group(2)}"
    return m.group(1) + MASK


# ----------------------------------------------------------------------------------------------------------------------
# Secret objects
# ----------------------------------------------------------------------------------------------------------------------


def _redact_json_secrets(text: str) -> str:
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return text
    try:
        data = json.loads(stripped)
    except ValueError:
        return text
    if not _walk(data):
        return text
    return json.dumps(data, indent=4, ensure_ascii=False) + ("\n" if text.endswith("\n") else "")


def _walk(node: Any) -> bool:
    """Mask Secret data in place; True when anything was masked."""
    changed = False
    if isinstance(node, dict):
        if node.get("kind") == "Secret":
            for field in ("data", "stringData"):
                if isinstance(node.get(field), dict):
                    node[field] = {k: MASK for k in node[field]}
                    changed = True
            annotations = (node.get("metadata") or {}).get("annotations") or {}
            for key in annotations:
                if key.endswith("last-applied-configuration"):
                    annotations[key] = MASK
                    changed = True
        for value in node.values():
            changed = _walk(value) or changed
    elif isinstance(node, list):
        for value in node:
            changed = _walk(value) or changed
    return changed


def _redact_yaml_secrets(text: str) -> str:
    """Mask the entries under `data:` / `stringData:` of every YAML mapping that also says `kind: Secret`."""
    lines = text.split("\n")
    keys = [_key(line) for line in lines]
    for i, key in enumerate(keys):
        if key is None or not (key[1] in ("data", "stringData") or key[1].endswith("last-applied-configuration")):
            continue
        column = key[0]
        if key[1] in ("data", "stringData") and not _in_secret(lines, keys, i, column):
            continue
        block = _block(lines, i, column)
        if key[1].endswith("last-applied-configuration"):
            # the annotation repeats the whole applied object, a Secret's data included
            value = lines[i].split(":", 1)[1] + "".join(lines[j] for j in block)
            if '"kind":"Secret"' in value.replace(" ", ""):
                lines[i] = lines[i][: lines[i].index(":", column) + 1] + (" " + MASK if not block else " |")
                for j in block:
                    lines[j] = lines[j][: _indent(lines[j])] + MASK
            continue
        inline = lines[i].split(":", 1)[1].strip()
        if not any(lines[j].strip() for j in block) and inline not in ("", "{}"):
            lines[i] = lines[i][: lines[i].index(":", column) + 1] + " " + MASK
        for j in block:
            if lines[j].strip():
                k, indent = keys[j], _indent(lines[j])
                lines[j] = lines[j][:indent] + (f"{k[1]}: {MASK}" if k is not None and k[0] == indent else MASK)
    return "\n".join(lines)


def _block(lines: list[str], i: int, column: int) -> list[int]:
    """Indexes of the lines nested under the key on line i."""
    end = i + 1
    while end < len(lines) and not (lines[end].strip() and _indent(lines[end]) <= column):
        end += 1
    return list(range(i + 1, end))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _key(line: str) -> tuple[int, str] | None:
    """(column of the key, key) for a `key: ...` line, list items included."""
    m = _KEY_LINE.match(line)
    if not m:
        return None
    return len(m.group(1)) + len(m.group(2) or ""), m.group(3).strip("'\"")


def _in_secret(lines: list[str], keys: list[tuple[int, str] | None], i: int, column: int) -> bool:
    """Whether the mapping holding line i (its keys at `column`) has `kind: Secret`."""
    def is_kind_secret(j: int) -> bool:
        k = keys[j]
        return k is not None and k == (column, "kind") and lines[j].split(":", 1)[1].strip().strip("'\"") == "Secret"

    j = i - 1
    while j >= 0 and not (lines[j].strip() and _indent(lines[j]) < column and not _opens_item(lines[j], column)):
        if is_kind_secret(j):
            return True
        if _opens_item(lines[j], column):
            break
        j -= 1
    j = i + 1
    while j < len(lines) and not (lines[j].strip() and _indent(lines[j]) < column):
        if is_kind_secret(j):
            return True
        j += 1
    return False


def _opens_item(line: str, column: int) -> bool:
    return line.lstrip().startswith("- ") and _indent(line) + 2 == column
