using Slipway.Oci;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Oci;

/// <summary>skopeo as an independent reader of what the registry holds.</summary>
internal static class Skopeo
{
    public static byte[] RawManifest(string reference, params string[] credentials)
    {
        var arguments = new List<string> { "inspect", "--raw", "--tls-verify=false" };
        if (credentials.Length == 2)
        {
            arguments.Add($"--creds={credentials[0]}:{credentials[1]}");
        }

        arguments.Add($"docker://{reference}");
        var result = ProcessRunner.Run("skopeo", arguments);
        result.EnsureSuccess($"skopeo inspect --raw {reference}");

        // skopeo prints the manifest bytes as they are; the output helper turns them into lines, so re-read exactly.
        return System.Text.Encoding.UTF8.GetBytes(result.Out.TrimEnd('\n'));
    }

    public static Digest DigestOf(string reference, params string[] credentials) => Digest.Sha256(RawManifest(reference, credentials));
}
