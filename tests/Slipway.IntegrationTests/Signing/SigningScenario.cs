using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// One test's world: its own temp folder, a key pair, a registry client and a fresh repository on the shared registry,
/// with a 3-platform index (plus a BuildKit attestation entry) pushed as <c>:v1</c>.
/// </summary>
internal sealed class SigningScenario : IDisposable
{
    private SigningScenario(RegistryFixture registry, TempDirectory directory, RegistryClient client, ImageReference repository, TestLayout layout)
    {
        Registry = registry;
        Directory = directory;
        Client = client;
        Repository = repository;
        Layout = layout;
    }

    public RegistryFixture Registry { get; }

    public TempDirectory Directory { get; }

    public RegistryClient Client { get; }

    public ImageReference Repository { get; }

    public TestLayout Layout { get; }

    public ImageReference Tagged => Repository.WithTag("v1");

    public Digest IndexDigest => Layout.Top.Digest;

    /// <summary>The platform manifests of the index, without the attestation manifest (unknown/unknown, annotated).</summary>
    public IReadOnlyList<Descriptor> Platforms => [.. Layout.Children.Where(c => !c.IsAttestation)];

    public Descriptor AttestationEntry => Layout.Children.Single(c => c.IsAttestation);

    public string PrivateKey => Directory["cosign.key"];

    public string PublicKey => Directory["cosign.pub"];

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static Task<SigningScenario> CreateAsync(RegistryFixture registry, IReadOnlyList<Platform>? platforms = null) =>
        CreateAsync(registry, (path, seed) => TestImages.MultiPlatformIndex(path, platforms ?? TestImages.ThreePlatforms, attestation: true, seed: seed));

    /// <summary>A scenario with another image: <paramref name="write"/> gets the layout's path and a seed.</summary>
    public static async Task<SigningScenario> CreateAsync(RegistryFixture registry, Func<string, string, TestLayout> write)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(write);
        var directory = new TempDirectory("signing");
        var client = registry.CreateClient();
        var repository = registry.Reference("signing/" + Guid.NewGuid().ToString("N")[..10]);
        var layout = write(directory["layout"], repository.Repository);
        await ImagePush.PushAsync(client, OciLayout.Open(layout.Path, TestContext.Current.CancellationToken), null, repository.WithTag("v1"), cancellationToken: Cancellation);
        KeyPairGenerator.Generate(directory["cosign"], cosignFormat: false, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
        return new SigningScenario(registry, directory, client, repository, layout);
    }

    public KeySigner Signer(string? path = null) =>
        KeyLoader.LoadSigner(new KeyText(File.ReadAllText(path ?? PrivateKey), path ?? PrivateKey), new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());

    public VerificationKey Verifier(string? path = null) =>
        KeyLoader.LoadVerificationKey(new KeyText(File.ReadAllText(path ?? PublicKey), path ?? PublicKey));

    public string NewKeyPair(string name)
    {
        KeyPairGenerator.Generate(Directory[name], cosignFormat: false, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor());
        return Directory[name];
    }

    public Task<IReadOnlyList<CosignLayer>> LayersAsync(ImageReference tag) => new CosignStore(Client).ReadAsync(tag, Cancellation);

    public async Task<IReadOnlyList<string>> TagsAsync() => [.. (await Client.ListTagsAsync(Repository, Cancellation)).Order(StringComparer.Ordinal)];

    public Task<CliResult> CliAsync(params string[] args) => CliAsync(null, args);

    public Task<CliResult> CliAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        CliRunner.RunAsync(Directory.Path, environment, args);

    public void Dispose()
    {
        Client.Dispose();
        Directory.Dispose();
    }
}
