using System.Net;
using System.Text;
using Slipway.Changelog;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Tests.Fuzz;

/// <summary>
/// The parsers of outside data under seeded mutation: the manifest and index parser, the token server's answer, the
/// fragment-name parser and the TOML configuration. See <see cref="Fuzzer"/> for the property and how to replay.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly byte[][] ManifestSeeds =
    [
        OciJson.Index([
            new Descriptor(MediaTypes.OciManifest, Digest.Sha256("a"u8), 500, Platform: new Platform("linux", "amd64")),
            new Descriptor(MediaTypes.OciManifest, Digest.Sha256("b"u8), 501, Platform: new Platform("linux", "arm64", "v8")),
        ]),
        Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"{{{MediaTypes.OciManifest}}}",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{Digest.Sha256("c"u8)}}}","size":123},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{Digest.Sha256("l"u8)}}}","size":9999999999,
                        "annotations":{"org.opencontainers.image.title":"x"}}],
             "subject":{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{Digest.Sha256("s"u8)}}}","size":7},
             "artifactType":"application/vnd.example","annotations":{"a":"b"}}
            """),
        Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
             {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{Digest.Sha256("d"u8)}}}","size":5,
              "platform":{"architecture":"arm","os":"linux","variant":"v7","os.version":"1","os.features":["x"]}}]}
            """),
        """{"architecture":"amd64","os":"linux","variant":"v2","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"""u8.ToArray(),
    ];

    private static readonly byte[][] TokenSeeds =
    [
        """{"token":"abc.def.ghi","expires_in":300,"issued_at":"2024-01-01T00:00:00Z"}"""u8.ToArray(),
        """{"access_token":"xyz","expires_in":60}"""u8.ToArray(),
        """{"token":"t","access_token":"u","refresh_token":"r"}"""u8.ToArray(),
    ];

    private static readonly string[] Categories = ["feature", "bugfix", "doc", "removal", "misc"];

    private static readonly byte[][] FragmentSeeds =
    [
        "123.feature"u8.ToArray(), "fix-1.2.3.bugfix.2"u8.ToArray(), "+orphan.misc"u8.ToArray(), "0042.doc.md"u8.ToArray(),
        "issue.removal.10.rst"u8.ToArray(), "..feature"u8.ToArray(),
    ];

    private static readonly byte[][] ConfigSeeds =
    [
        """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
        tag = "v{version}"
        release-branch = "main"

        [build]
        command = "mkdir -p out && echo built > out/app.txt"
        artifacts = ["out/app.txt", "out/oci"]

        [[gate]]
        name = "unit"
        command = "./run-tests.sh"
        env = { TOKEN = "env:API_TOKEN" }

        [approval]
        required = true
        approvers = ["maintainer1", "@maintainer2"]

        [forge]
        kind = "git"
        remote = "origin"

        [state]
        store = "sqlite:.slipway/state.db"
        """u8.ToArray(),
        """
        [project]
        name = "demo"
        version = { json = "package.json" }

        [[image]]
        repository = "127.0.0.1:5000/acme/demo"
        layout = "out/oci"
        prerelease-tags = ["prerelease-v{version}-{sha7}", "prerelease"]
        release-tags = ["{version}", "{major}.{minor}", "latest"]

        [[registry]]
        host = "127.0.0.1:5000"
        username = "ci"
        password = "env:REGISTRY_PASSWORD"
        insecure = true

        [scan]
        command = "trivy image --format json {image}@{digest}"
        fail-on = ["critical", "MEDIUM"]
        ignore-unfixed = true
        rescan = false
        """u8.ToArray(),
        """
        # comment
        [project]
        name = 'demo'
        version = { toml = "pyproject.toml" }
        numbers = [1, 2.5, -3, 0x1F, 1e10, inf, nan]
        dates = 1979-05-27T07:32:00Z
        multi = \"\"\"
        a
        b\"\"\"
        [changelog]
        directory = "changelog.d"
        """u8.ToArray(),
    ];

    [Fact]
    public void Manifest_and_index_parser()
    {
        string?[] mediaTypes = [null, MediaTypes.OciIndex, MediaTypes.OciManifest, "application/vnd.docker.distribution.manifest.list.v2+json"];
        Fuzzer.Check(
            nameof(Manifest_and_index_parser),
            4000,
            random => [(byte)random.Next(mediaTypes.Length), .. Mutator.Next(random, ManifestSeeds)],
            input =>
            {
                var document = ManifestDocument.Parse(input[1..], mediaTypes[input[0]], "fuzz");
                _ = document.References.Count();
                _ = ImageConfig.ReadPlatform(input[1..]);
            });
    }

    [Fact]
    public void Token_answer()
    {
        Fuzzer.Check(
            nameof(Token_answer),
            3000,
            random => Mutator.Next(random, TokenSeeds),
            input =>
            {
                using var client = new RegistryClient(new RegistryClientOptions
                {
                    MaxAttempts = 1,
                    Handler = new FuzzHandler(request => request.RequestUri!.AbsolutePath switch
                    {
                        "/token" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(input) },
                        _ when request.Headers.Authorization is null => Challenge(),
                        _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("""{"name":"acme/app","tags":["a"]}"""u8.ToArray()) },
                    }),
                });
                client.ListTagsAsync(ImageReference.Parse("127.0.0.1:5000/acme/app"), CancellationToken.None).GetAwaiter().GetResult();
            });
    }

    [Fact]
    public void Fragment_name_parser()
    {
        Fuzzer.Check(
            nameof(Fragment_name_parser),
            5000,
            random => Mutator.Next(random, FragmentSeeds),
            input =>
            {
                if (FragmentName.TryParse(Encoding.UTF8.GetString(input), Categories, out var name, out var problem))
                {
                    Assert.NotNull(name);
                }
                else
                {
                    Assert.NotNull(problem);
                }
            });
    }

    [Fact]
    public void Toml_configuration()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["API_TOKEN"] = "t", ["REGISTRY_PASSWORD"] = "p" });
        Fuzzer.Check(
            nameof(Toml_configuration),
            3000,
            random => Mutator.Next(random, ConfigSeeds),
            input => ConfigLoader.Parse(Encoding.UTF8.GetString(input), "/repo/slipway.toml", "/repo", environment, new SecretRedactor()));
    }

    private static HttpResponseMessage Challenge()
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"registry\"");
        return response;
    }
}
