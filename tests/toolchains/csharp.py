"""C#: Mono's mcs compiles the SDK (C# 7.2, every warning an error, XML doc comments written and well formed), and
the README's usage example compiles against it as a program; load() runs every type's static constructor."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conformance.drivers.csharp.build import compile_sdk, mcs_command, newtonsoft_dll


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


# Loads the SDK assembly and runs the static constructor of every type in it (field initialisers included): a
# payload that became code in a type's initialiser runs here. Type names are fully qualified, so no model of the
# SDK can shadow what the loader uses.
LOADER = """\
public static class ClientgenLoader
{
    public static int Main(string[] args)
    {
        var assembly = System.Reflection.Assembly.LoadFrom(args[0]);
        var count = 0;
        foreach (var type in assembly.GetTypes())
        {
            if (type.ContainsGenericParameters)
            {
                continue; // an open generic type has no static constructor to run until it is closed
            }

            System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            count++;
        }

        System.Console.WriteLine("loaded " + count + " types");
        return 0;
    }
}
"""


def load(sdk: Path, work: Path) -> str:
    """Compiles the SDK, then runs (with mono, in `work`) a program that loads its assembly and runs every type's
    static constructor; returns what the program printed."""
    work.mkdir(parents=True, exist_ok=True)
    library = work / "Sdk.dll"
    done = compile_sdk(sdk, library)
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    source = work / "ClientgenLoader.cs"
    source.write_text(LOADER, encoding="utf-8")
    exe = work / "loader.exe"
    done = subprocess.run(mcs_command([source], exe, target="exe"), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, "loader: " + (done.stdout + done.stderr)[-5000:]
    shutil.copy2(newtonsoft_dll(), work / "Newtonsoft.Json.dll")
    run = subprocess.run(["mono", str(exe), str(library.resolve())], capture_output=True, text=True, cwd=work,
                         timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-5000:]
    assert re.search(r"^loaded [0-9]+ types$", run.stdout, re.M), output[-5000:]
    return output
