"""Compiles a generated C# SDK and one driver source into a Mono executable (shared by the live driver).

The compiler is Mono's mcs (Debian: mono-devel); Newtonsoft.Json is Debian's libnewtonsoft-json-cil-dev, found
through pkg-config (newtonsoft-json.pc) or, failing that, a search of the usual folders. The assembly is copied
beside the executable, so `mono driver.exe` finds it without the GAC.
"""

from __future__ import annotations

import glob
import shutil
import subprocess
from pathlib import Path


def newtonsoft_dll() -> Path:
    """Newtonsoft.Json.dll as installed by `apt-get install libnewtonsoft-json-cil-dev`."""
    try:
        flags = subprocess.run(["pkg-config", "--libs", "newtonsoft-json"], capture_output=True, text=True,
                               check=True).stdout.split()
        for flag in flags:
            if flag.startswith("-r:") and Path(flag[3:]).is_file():
                return Path(flag[3:])
    except (OSError, subprocess.CalledProcessError):
        pass
    for pattern in ("/usr/lib/cli/Newtonsoft.Json*/Newtonsoft.Json.dll",
                    "/usr/lib/mono/gac/Newtonsoft.Json/*/Newtonsoft.Json.dll", "/usr/lib/mono/*/Newtonsoft.Json.dll"):
        found = sorted(glob.glob(pattern))
        if found:
            return Path(found[-1])
    raise FileNotFoundError("Newtonsoft.Json.dll not found: apt-get install libnewtonsoft-json-cil-dev "
                            "(make csharp-deps)")


def mcs_command(sources: list[Path], out: Path, target: str = "library", references: tuple[Path, ...] = (),
                doc: Path | None = None) -> list[str]:
    """mcs for C# 7.2 with every warning an error (CS1591, a public member without a doc comment, aside)."""
    command = ["mcs", "-langversion:7.2", "-warnaserror", "-nowarn:1591", f"-target:{target}", f"-out:{out}",
               "-r:System.Net.Http.dll", f"-r:{newtonsoft_dll()}"]
    command += [f"-r:{ref}" for ref in references]
    if doc is not None:
        command.append(f"-doc:{doc}")
    return command + [str(s) for s in sources]


def compile_sdk(sdk: Path, out: Path, doc: Path | None = None) -> subprocess.CompletedProcess:
    """Compiles SDK/src/*.cs into the library `out`; the result's returncode, stdout and stderr tell how it went."""
    sources = sorted((sdk / "src").glob("*.cs"))
    return subprocess.run(mcs_command(sources, out, doc=doc), capture_output=True, text=True, timeout=600)


def build_driver(sdk: Path, driver: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    """(command, extra environment) running `driver` built against the SDK in `sdk`."""
    work.mkdir(parents=True, exist_ok=True)
    library = work / "Sdk.dll"
    done = compile_sdk(sdk, library)
    if done.returncode != 0:
        raise RuntimeError(f"mcs failed on the SDK in {sdk}:\n{done.stdout}{done.stderr}")
    exe = work / "driver.exe"
    done = subprocess.run(mcs_command([driver], exe, target="exe", references=(library,)), capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"mcs failed on {driver.name}:\n{done.stdout}{done.stderr}")
    shutil.copy2(newtonsoft_dll(), work / "Newtonsoft.Json.dll")
    return ["mono", str(exe)], {"MONO_PATH": str(work)}
