using Slipway.Oci;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Oci;

/// <summary>skopeo as an independent reader of what the registry holds.</summary>
internal static class Skopeo
{
    /// <summary>The manifest bytes exactly as skopeo received them (written to a file: captured output loses line ends).</summary>
    public static byte[] RawManifest(string reference, params string[] credentials)
    {
        var file = Path.Combine(Path.GetTempPath(), $"slipway-skopeo-{Guid.NewGuid():N}.json");
        var arguments = new List<string> { "-c", "skopeo inspect --raw --tls-verify=false \"$@\" > \"$0\"", file };
        if (credentials.Length == 2)
        {
            arguments.Add($"--creds={credentials[0]}:{credentials[1]}");
        }

        arguments.Add($"docker://{reference}");
        try
        {
            ProcessRunner.Run("sh", arguments).EnsureSuccess($"skopeo inspect --raw {reference}");
            return File.ReadAllBytes(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static Digest DigestOf(string reference, params string[] credentials) => Digest.Sha256(RawManifest(reference, credentials));
}
