"""C#: Mono's mcs compiles the SDK (C# 7.2, every warning an error, XML doc comments written and well formed), and
the README's usage example compiles against it as a program."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conformance.drivers.csharp.build import compile_sdk, mcs_command


def check(sdk: Path, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    library = work / "Sdk.dll"
    done = compile_sdk(sdk, library, doc=work / "Sdk.xml")
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, output[-5000:]
    assert "warning" not in output, output[-5000:]
    example = re.search(r"```csharp\n(.*?)```", (sdk / "README.md").read_text(encoding="utf-8"), re.S)
    assert example, f"{sdk / 'README.md'} has no C# example"
    source = work / "Example.cs"
    source.write_text(example.group(1), encoding="utf-8")
    done = subprocess.run(mcs_command([source], work / "example.exe", target="exe", references=(library,)),
                          capture_output=True, text=True, timeout=600)
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, "README example: " + output[-5000:]
    assert "warning" not in output, "README example: " + output[-5000:]
