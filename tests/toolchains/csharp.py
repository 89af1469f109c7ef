"""C#: Mono's mcs compiles the SDK (C# 7.2, every warning an error, XML doc comments written and well formed), and
each of the README's C# examples compiles against it as a program; load() runs every type's static constructor."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conformance.drivers.csharp.build import compile_sdk, mcs_command, newtonsoft_dll


# Azure.Core's and Azure.Identity's types as the README's Entra ID example uses them, with their real signatures:
# the example compiles against these (the packages themselves are not installed here).
AZURE_STUBS = """\
namespace Azure.Core
{
    public struct AccessToken
    {
        public AccessToken(string accessToken, System.DateTimeOffset expiresOn) { Token = accessToken; ExpiresOn = expiresOn; }
        public string Token { get; }
        public System.DateTimeOffset ExpiresOn { get; }
    }

    public readonly struct TokenRequestContext
    {
        public TokenRequestContext(string[] scopes, string parentRequestId = null) { Scopes = scopes; ParentRequestId = parentRequestId; }
        public string[] Scopes { get; }
        public string ParentRequestId { get; }
    }

    public abstract class TokenCredential
    {
        public abstract System.Threading.Tasks.ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, System.Threading.CancellationToken cancellationToken);
    }
}

namespace Azure.Identity
{
    public class DefaultAzureCredential : Azure.Core.TokenCredential
    {
        public override System.Threading.Tasks.ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, System.Threading.CancellationToken cancellationToken)
        {
            throw new System.NotImplementedException();
        }
    }
}
"""


def _compile(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, f"{what}: " + output[-5000:]
    assert "warning" not in output, f"{what}: " + output[-5000:]


def check(sdk: Path, work: Path) -> None:
    """The SDK with its XML doc, then every C# example of its README as a program against it (the Entra ID one
    against AZURE_STUBS)."""
    work.mkdir(parents=True, exist_ok=True)
    library = work / "Sdk.dll"
    done = compile_sdk(sdk, library, doc=work / "Sdk.xml")
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, output[-5000:]
    assert "warning" not in output, output[-5000:]
    examples = re.findall(r"```csharp\n(.*?)```", (sdk / "README.md").read_text(encoding="utf-8"), re.S)
    assert examples, f"{sdk / 'README.md'} has no C# example"
    for number, example in enumerate(examples):
        references: tuple[Path, ...] = (library,)
        if "using Azure." in example:
            stubs = work / "AzureStubs.cs"
            stubs.write_text(AZURE_STUBS, encoding="utf-8")
            _compile(mcs_command([stubs], work / "Azure.dll"), "Azure stubs")
            references += (work / "Azure.dll",)
        source = work / f"Example{number}.cs"
        source.write_text(example, encoding="utf-8")
        _compile(mcs_command([source], work / f"example{number}.exe", target="exe", references=references),
                 f"README example {number + 1}")


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
