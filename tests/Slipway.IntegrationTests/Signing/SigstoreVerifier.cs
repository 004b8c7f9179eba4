using System.Text.Json.Nodes;
using Slipway.Oci;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Signing;

/// <summary>Runs tools/sigstore/verify.mjs: sigstore's own @sigstore/verify (installed by scripts/setup) plus the subject check.</summary>
internal static class SigstoreVerifier
{
    public static JsonObject VerifyWithKey(string bundleFile, string publicKey, Digest digest, string? predicateType = null) =>
        Run(["--bundle", bundleFile, "--digest", digest.ToString(), "--key", publicKey], predicateType);

    /// <summary>Keyless: the trusted root names the CA, CT log, Rekor and TSA keys; one of each must check (thresholds 1).</summary>
    public static JsonObject VerifyKeyless(string bundleFile, string trustedRoot, Digest digest, string identity, string issuer, string? predicateType = null) =>
        Run(["--bundle", bundleFile, "--digest", digest.ToString(), "--trusted-root", trustedRoot, "--identity", identity, "--issuer", issuer], predicateType);

    private static JsonObject Run(string[] options, string? predicateType)
    {
        var tools = Path.Combine(RepositoryRoot.Path, "tools", "sigstore");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@sigstore", "verify")))
        {
            throw new InvalidOperationException($"@sigstore/verify is not installed in {tools}: run scripts/setup (npm ci there)");
        }

        string[] arguments = [Path.Combine(tools, "verify.mjs"), .. options];
        if (predicateType is not null)
        {
            arguments = [.. arguments, "--predicate-type", predicateType];
        }

        var result = ProcessRunner.Run("node", arguments, tools, timeout: TimeSpan.FromMinutes(1));
        var answer = JsonNode.Parse(result.Out)?.AsObject() ?? throw new InvalidOperationException($"verify.mjs printed nothing: {result.Err}");
        Assert.Equal(answer["ok"]!.GetValue<bool>() ? 0 : 1, result.ExitCode);
        return answer;
    }
}
