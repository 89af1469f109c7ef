"""Azure ML online endpoint credentials: the JSON of `az ml online-endpoint get-credentials`, from a command
(run without a shell) or from a callable, and its refresh rule. Part of the SDK's runtime, copied by clientgen;
do not edit."""

from __future__ import annotations

import json
import shlex
import subprocess
import typing as _t

from .errors import CredentialError

REFRESH_MARGIN = 30.0  # seconds before expiryTimeUtc when the token is asked for again
NEVER = float("inf")

Fetched = _t.Union[str, bytes, _t.Mapping[str, _t.Any]]


def _instant(data: _t.Mapping[str, _t.Any], key: str, source: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise CredentialError(f"{source}: {key} is not a Unix time") from None


def read_credentials(fetched: Fetched, source: str) -> tuple[str, float]:
    """(token or key, when to ask again) from what get-credentials prints: an access
    token is kept until refreshAfterTimeUtc has passed, or until REFRESH_MARGIN seconds
    before expiryTimeUtc if that comes first; a primaryKey is a static key (kept until
    a 401). The message of an error never shows what was fetched."""
    data: _t.Any = fetched
    if isinstance(fetched, (str, bytes)):
        try:
            data = json.loads(fetched)
        except ValueError:
            raise CredentialError(f"{source} gave no JSON") from None
    if not isinstance(data, _t.Mapping):
        raise CredentialError(f"{source} gave JSON that is not an object")
    token = data.get("accessToken")
    if isinstance(token, str) and token:
        refresh_after = _instant(data, "refreshAfterTimeUtc", source)
        expiry = _instant(data, "expiryTimeUtc", source)
        times = [NEVER if refresh_after is None else refresh_after]
        times.append(NEVER if expiry is None else expiry - REFRESH_MARGIN)
        return token, min(times)
    key = data.get("primaryKey")
    if isinstance(key, str) and key:
        return key, NEVER
    raise CredentialError(
        f"{source} gave JSON with neither an accessToken nor a primaryKey"
    )


class AzureMLCredential:
    """The credential of an Azure ML online endpoint, from the JSON that
    `az ml online-endpoint get-credentials -n NAME` prints ({"accessToken", "tokenType",
    "expiryTimeUtc", "refreshAfterTimeUtc"}, or {"primaryKey", "secondaryKey"} for key
    auth). `fetch` returns that JSON as text or bytes, or parsed; the client asks it
    again once refreshAfterTimeUtc has passed (or 30 s before expiryTimeUtc, if that is
    first) and after a 401. Pass it as `credential=` to Client or AsyncClient."""

    def __init__(self, fetch: _t.Callable[[], Fetched], *, source: str = "") -> None:
        self._fetch = fetch
        name = getattr(fetch, "__qualname__", type(fetch).__name__)
        self._source = source or f"the credential callable {name}"

    @classmethod
    def from_command(
        cls, command: _t.Sequence[str], *, timeout: float = 120.0
    ) -> AzureMLCredential:
        """The credential printed by a command, run without a shell with its arguments
        as given, e.g. ["az", "ml", "online-endpoint", "get-credentials", "-n", name,
        "-g", group, "-w", workspace]."""
        args = [str(arg) for arg in command]
        if not args:
            raise ValueError("AzureMLCredential.from_command: the command is empty")
        source = f"`{shlex.join(args)}`"

        def run() -> bytes:
            try:
                done = subprocess.run(
                    args,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=timeout,
                    check=False,
                )
            except FileNotFoundError:
                raise CredentialError(
                    f"{source} could not be run: {args[0]} was not found"
                ) from None
            except subprocess.TimeoutExpired:
                raise CredentialError(
                    f"{source} did not finish within {timeout:g} s"
                ) from None
            except OSError as exc:
                raise CredentialError(
                    f"{source} could not be run: {exc.strerror}"
                ) from None
            if done.returncode != 0:
                raise CredentialError(
                    f"{source} failed with exit status {done.returncode}"
                )
            return done.stdout

        return cls(run, source=source)

    def token(self) -> tuple[str, float]:
        """(token or key, the Unix time at which to ask again)."""
        return read_credentials(self._fetch(), self._source)

    def __repr__(self) -> str:
        return f"AzureMLCredential({self._source})"
