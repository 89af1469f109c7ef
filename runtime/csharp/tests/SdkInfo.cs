// The runtime's per-spec values, as the generator writes them from templates/csharp/SdkInfo.cs.j2, with test values
// for the runtime's own tests (never shipped).
namespace Clientgen.Runtime
{
    /// <summary>What differs per spec: the User-Agent's SDK name and versions, and where the raw send puts the credential.</summary>
    internal static class ClientgenSdkInfo
    {
        internal const string UserAgentPrefix = "runtime-tests/1.2.3 clientgen/0.0.0 csharp/";

        internal static readonly ClientgenAuth RawSendAuth = new ClientgenAuth("header", "Authorization", "key");
    }
}
