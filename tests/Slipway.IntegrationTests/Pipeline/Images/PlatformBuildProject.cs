using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// A sample project whose image is built one platform per machine (<c>layouts</c>), with its journal in a folder every
/// clone reaches (as a shared PostgreSQL would be). <see cref="Clone"/> makes another machine: a fresh clone of the
/// remote, its own <c>out/</c> empty. The origin repository is the machine that pushes, signs and releases.
/// </summary>
public sealed class PlatformBuildProject : IDisposable
{
    private readonly TempDirectory _shared = new("shared-journal");
    private readonly List<TempDirectory> _clones = [];

    public PlatformBuildProject(string registryHost, string repository)
    {
        Image = new ImageReference(registryHost, repository);
        Project = new ReleaseProject(
            ReleaseProject.DefaultGates + $$"""


                [[image]]
                repository = "{{Image}}"
                layouts = { "linux/amd64" = "out/amd64", "linux/arm64" = "out/arm64" }

                [signing]
                key = "out/keys/release.key"

                [sbom]
                command = "cat out/sbom.json # {image} {digest} {platform}"
                min-packages = 1

                [scan]
                command = "cat out/scan.json # {image}@{digest}"
                """,
            $"[state]\nstore = \"sqlite:{_shared.Path}/state.db\"\n\n");
        var output = Path.Combine(Project.Repository.Path, "out");
        Directory.CreateDirectory(Path.Combine(output, "keys"));
        PublicKey = KeyPairGenerator.Generate(Path.Combine(output, "keys", "release"), false, new DictionaryEnvironment(), new SecretRedactor()).PublicKeyPath;
        File.WriteAllText(
            Path.Combine(output, "sbom.json"),
            """{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"e2e","packages":[{"name":"pkg1","SPDXID":"SPDXRef-pkg1","versionInfo":"1.1"}]}""");
        File.WriteAllText(Path.Combine(output, "scan.json"), ImageReleaseProject.Clean);
    }

    public ReleaseProject Project { get; }

    public ImageReference Image { get; }

    public string PublicKey { get; }

    /// <summary>Another machine: a clone of the remote with nothing built.</summary>
    public string Clone()
    {
        var clone = new TempDirectory("runner");
        _clones.Add(clone);
        ProcessRunner.Run("git", ["clone", "-q", Project.Remote.Path, clone.Path]).EnsureSuccess("git clone");
        return clone.Path;
    }

    /// <summary>What a native build of one platform leaves: a layout holding that platform's image only.</summary>
    public static TestLayout BuildPlatform(string directory, string layout, Platform platform) =>
        TestImages.MultiPlatformIndex(Path.Combine(directory, layout), [platform], attestation: false, seed: directory);

    public void Dispose()
    {
        Project.Dispose();
        foreach (var clone in _clones)
        {
            clone.Dispose();
        }

        _shared.Dispose();
    }
}
