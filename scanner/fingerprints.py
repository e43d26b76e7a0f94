"""Finding identity: fingerprint v2 (SARIF `partialFingerprints` key `mlcomply/v2`).

The one place the construction is defined (README "Fingerprints" says the same for users):

    fingerprint = hex(SHA-256("mlcomply/v2" NUL rule_id NUL path NUL identity))[:32]

`path` is the file's path relative to the scan root, so a depth-1 clone, a full clone and a plain
copy of a tree give the same fingerprints (nothing comes from git). `identity`, the first that
applies (never a line number, so moved code keeps its fingerprint):

    address:<logical address>      a Terraform address or other name the document records
    key:<secret key>               a secret: see below
    key:<content key>              another rule's content key (a file, a digest, a field name)
    pointer:<a/b/0>                an element of a YAML or JSON document
    line:<flagged line> NUL <message>   whitespace-normalised, with secrets on it redacted

prefixed `doc<N>:` for the N-th document of a multi-document YAML file, and followed by
NUL `caller:<root>` when a rule names the root module (or other caller) a shared file was reached
from, so each caller gets its own finding.

The secret key never lets anyone confirm a guessed secret cheaply offline:

    hmac-sha256:<hex>   HMAC-SHA256(key, secret), when the trusted config names an environment
                        variable (`fingerprint_key_env`) and it is set: cheap, and useless without
                        the key; rotating the key changes every secret's fingerprint
    scrypt:<hex>        scrypt(secret, salt=SCRYPT_SALT, n=2**14, r=8, p=1, dklen=32) otherwise:
                        16 MiB and tens of milliseconds per guess; the salt is fixed so that equal
                        secrets match across runs and machines

`secret` is the value with line separators removed. A scan computes each value's key once (cached
per value). Without a key, at most MAX_KDF_PER_FILE distinct secrets of one file and MAX_KDF_PER_SCAN
of a scan go through scrypt (a file of thousands of fake keys must not cost minutes); the rest are
keyed `order:<n>` (the n-th distinct secret of the file) and the file gets a scan note.

v1 (`mlcomply/v1`, format-1 baselines): SHA-256(rule_id NUL path NUL identity)[:32] with the secret
key `sha256:<hex of the secret>` and the line unredacted. A scan computes it beside v2, in memory
only (`Finding.fingerprint_v1`), to honour a v1 baseline; it is never written anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field

from scanner.documents import ScanError
from scanner.secrets.redact import clean_value

VERSION = "mlcomply/v2"
SCRYPT_SALT = b"mlcomply/v2 secret fingerprint"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_KDF_PER_FILE = 64
MAX_KDF_PER_SCAN = 256  # about 12 s of CPU at ~47 ms each: a corpus of fake keys stays cheap


def fingerprint(rule_id: str, path: str, identity: str) -> str:
    """v2: stable across line moves: rule + file + identity (see the module docstring)."""
    # surrogateescape: a file name that is not UTF-8 is hashed as its bytes.
    data = f"{VERSION}\0{rule_id}\0{path}\0{identity}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()[:32]


def fingerprint_v1(rule_id: str, path: str, identity: str) -> str:
    """v1, only to match findings in a format-1 baseline."""
    data = f"{rule_id}\0{path}\0{identity}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()[:32]


def secret_key_v1(secret: str) -> str:
    """The v1 secret key: a plain SHA-256, kept in memory to match v1 baselines, never written."""
    return "sha256:" + hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def scrypt_key(secret: str) -> str:
    raw = clean_value(secret).encode("utf-8", "surrogatepass")
    digest = hashlib.scrypt(raw, salt=SCRYPT_SALT, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32, maxmem=64 * 2**20)
    return "scrypt:" + digest.hex()


@dataclass
class SecretKeys:
    """How one scan keys secrets (an HMAC key, else scrypt), with the per-value cache."""

    hmac_key: bytes | None = field(default=None, repr=False)
    _cache: dict[str, str] = field(default_factory=dict, repr=False)
    _per_file: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    _kdf_runs: int = 0
    limited: dict[str, set[int]] = field(default_factory=dict)  # path -> orders used as keys

    def key(self, secret: str, path: str) -> str:
        seen = self._per_file.setdefault(path, {})
        order = seen.setdefault(secret, len(seen))
        cached = self._cache.get(secret)
        if cached is not None:
            return cached
        if self.hmac_key is not None:
            raw = clean_value(secret).encode("utf-8", "surrogatepass")
            value = "hmac-sha256:" + hmac.new(self.hmac_key, raw, "sha256").hexdigest()
        elif order < MAX_KDF_PER_FILE and self._kdf_runs < MAX_KDF_PER_SCAN:
            self._kdf_runs += 1
            value = scrypt_key(secret)
        else:
            self.limited.setdefault(path, set()).add(order)
            return f"order:{order}"  # not cached: the same value is another n in another file
        self._cache[secret] = value
        return value

    def describe(self) -> str:
        """What a baseline records: a different keying gives different secret fingerprints."""
        if self.hmac_key is None:
            return f"scrypt(n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P})"
        key_id = hmac.new(self.hmac_key, b"mlcomply fingerprint key id", "sha256").hexdigest()[:12]
        return f"hmac-sha256(key id {key_id})"

    def limit_errors(self) -> list[ScanError]:
        return [
            ScanError(
                path,
                f"secret fingerprints: more distinct secrets than the scrypt budget allows "
                f"({MAX_KDF_PER_FILE} per file, {MAX_KDF_PER_SCAN} per scan); {n} are identified by "
                "their order in the file (set fingerprint_key_env to key them all with an HMAC)",
                kind="note",  # every finding is still reported: only its identity is weaker
            )
            for path, n in sorted((p, len(orders)) for p, orders in self.limited.items())
        ]


def keys_from_env(env_name: str | None, environ: Mapping[str, str], notes: list[str] | None = None) -> SecretKeys:
    """The keying the trusted config asks for: an HMAC with the key in the environment variable
    it names, else scrypt (with a note when the variable is named but not set)."""
    if env_name is None:
        return SecretKeys()
    value = environ.get(env_name, "")
    if not value:
        if notes is not None:
            notes.append(
                f"fingerprint key: the config names the environment variable {env_name}, which is not set "
                "or empty: secret fingerprints use scrypt and do not match a baseline made with the key"
            )
        return SecretKeys()
    return SecretKeys(hmac_key=value.encode("utf-8", "surrogateescape"))
