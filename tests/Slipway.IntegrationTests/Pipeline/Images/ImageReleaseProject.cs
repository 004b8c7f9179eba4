using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// A sample project whose release pushes a 2-platform image to a real registry (through the registry host given,
/// which may be a fault proxy), signs it, attests an SBOM per platform and provenance, scans it, and promotes it. The
/// layout, SBOM and scan report live under the ignored <c>out/</c> folder, so each test controls them.
/// </summary>
public sealed class ImageReleaseProject : IDisposable
{
    public const string Clean = """{"SchemaVersion":2,"ArtifactName":"x","Results":[{"Target":"x","Vulnerabilities":[{"VulnerabilityID":"CVE-2024-0001","PkgName":"zlib","InstalledVersion":"1.0","FixedVersion":"1.1","Severity":"LOW"}]}]}""";

    public const string Critical = """{"SchemaVersion":2,"ArtifactName":"x","Results":[{"Target":"x","Vulnerabilities":[{"VulnerabilityID":"CVE-2024-9999","PkgName":"openssl","InstalledVersion":"3.0.0","FixedVersion":"3.0.1","Severity":"CRITICAL"}]}]}""";

    public ImageReleaseProject(string registryHost, string repository, string? extraConfig = null, string? keyPassword = null, string scanCommand = "cat out/scan.json # {image}@{digest}", IReadOnlyList<Platform>? platforms = null, string? signing = null)
    {
        Image = new ImageReference(registryHost, repository);
        Project = new ReleaseProject(ReleaseProject.DefaultGates + $$"""


            [[image]]
            repository = "{{Image}}"
            layout = "out/oci"

            {{signing ?? "[signing]\nkey = \"out/keys/release.key\""}}

            [sbom]
            command = "cat out/sbom.json # {image} {digest} {platform}"
            min-packages = 1

            [scan]
            command = "{{scanCommand}}"
            {{extraConfig}}
            """);
        var output = Path.Combine(Project.Repository.Path, "out");
        Layout = TestImages.MultiPlatformIndex(Path.Combine(output, "oci"), platforms, attestation: false, seed: repository);
        Directory.CreateDirectory(Path.Combine(output, "keys"));
        var generated = KeyPairGenerator.Generate(Path.Combine(output, "keys", "release"), false, new DictionaryEnvironment(keyPassword is null ? [] : new Dictionary<string, string> { [KeyLoader.PasswordVariable] = keyPassword }), new SecretRedactor());
        PublicKey = generated.PublicKeyPath;
        SbomPackages = 2;
        ScanReport = Clean;
    }

    public ReleaseProject Project { get; }

    /// <summary>The image's repository as the configuration names it.</summary>
    public ImageReference Image { get; }

    public TestLayout Layout { get; }

    public Digest Built => Layout.Top.Digest;

    public IEnumerable<Digest> PlatformDigests => Layout.Children.Select(c => c.Digest);

    public string PublicKey { get; }

    /// <summary>How many packages the SBOM command reports for each platform.</summary>
    public int SbomPackages
    {
        set => File.WriteAllText(
            Path.Combine(Project.Repository.Path, "out", "sbom.json"),
            "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"e2e\",\"packages\":["
                + string.Join(",", Enumerable.Range(1, value).Select(i => $"{{\"name\":\"pkg{i}\",\"SPDXID\":\"SPDXRef-pkg{i}\",\"versionInfo\":\"1.{i}\"}}"))
                + "]}");
    }

    public string ScanReport
    {
        set => File.WriteAllText(Path.Combine(Project.Repository.Path, "out", "scan.json"), value);
    }

    public static Dictionary<string, string?> ProcessEnvironment(string? crashAt = null) => new()
    {
        ["SLIPWAY_APPROVER"] = "maintainer1",
        ["SLIPWAY_TEST_CRASH_AFTER"] = crashAt,
    };

    public Task<CliResult> RunAsync(params string[] args) => Project.RunAsync(args);

    public Task<JsonElement> StatusAsync(string? run = null) => Project.StatusAsync(run);

    /// <summary>Every tag of the repository with the digest it names, read straight from the registry.</summary>
    public static async Task<SortedDictionary<string, string>> TagsAsync(RegistryFixture registry, string repository)
    {
        using var client = registry.CreateClient();
        var reference = registry.Reference(repository);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in await client.ListTagsAsync(reference))
        {
            tags[tag] = (await client.ResolveAsync(reference.WithTag(tag)))!.ToString();
        }

        return tags;
    }

    public void Dispose() => Project.Dispose();
}
