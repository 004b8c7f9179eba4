using System.Text;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

/// <summary>
/// <c>[sbom] command</c> and <c>[scan] command</c> get <c>{image}</c>, <c>{digest}</c> and <c>{platform}</c> from the
/// image index: a hostile value is refused before anything runs, a valid one arrives as exactly one argument whatever
/// quotes the template puts around it, and every value is in the command's environment too.
/// </summary>
public sealed class SbomCommandTests : IDisposable
{
    private static readonly Digest Digest = Digest.Sha256("manifest"u8);
    private static readonly ImageReference Image = ImageReference.Parse("registry.example.com:5000/acme/demo");

    private readonly TempDirectory _directory = new("sbom-command");

    public static readonly TheoryData<string> Quotings = new(
        "sh args.sh {platform}",
        "sh args.sh '{platform}'",
        "sh args.sh \"{platform}\"",
        "sh args.sh \"x{platform}y\"",
        "sh args.sh 'x{platform}y'",
        "sh args.sh pre{platform}");

    public static readonly TheoryData<string, string> HostilePlatforms = new()
    {
        { "linux", "amd64$(touch marker)" },
        { "linux", "';touch marker;'" },
        { "linux", "\"; touch marker; \"" },
        { "linux", "amd64`touch marker`" },
        { "linux;touch marker", "amd64" },
        { "linux", "-rf" },
        { "linux", "" },
        { "linux", "amd64/v8" },
    };

    public static TheoryData<string, string, string> HostileCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var quoting in Quotings)
        {
            foreach (var platform in HostilePlatforms)
            {
                data.Add(quoting.Data, platform.Data.Item1, platform.Data.Item2);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task A_hostile_platform_from_the_index_is_a_coded_error_and_nothing_runs(string template, string os, string architecture)
    {
        WriteArgsScript();

        var error = await Assert.ThrowsAsync<SlipwayException>(() => RunAsync(template, new Platform(os, architecture)));

        Assert.Equal(ErrorCode.CommandPlatformInvalid, error.Code);
        Assert.Equal(2, error.ExitCode);
        Assert.Contains($"platform '{os}/{architecture}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no command was run", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory["marker"]), "the platform ran as shell code");
        Assert.False(File.Exists(_directory["args.log"]), "the command ran");
    }

    [Fact]
    public async Task A_hostile_variant_is_refused_as_well()
    {
        WriteArgsScript();

        var error = await Assert.ThrowsAsync<SlipwayException>(() => RunAsync("sh args.sh \"{platform}\"", new Platform("linux", "arm", "v7\";touch marker;\"")));

        Assert.Equal(ErrorCode.CommandPlatformInvalid, error.Code);
        Assert.Contains("invalid variant", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory["marker"]));
    }

    [Fact]
    public async Task Control_characters_of_a_refused_platform_are_escaped_in_the_message()
    {
        var error = await Assert.ThrowsAsync<SlipwayException>(() => RunAsync("true {platform}", new Platform("linux", "amd64\u001b[2J\n\\")));

        Assert.Contains(@"platform 'linux/amd64\x1b[2J\x0a\\'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [MemberData(nameof(Quotings))]
    public async Task A_valid_platform_reaches_the_command_as_exactly_one_argument(string template)
    {
        WriteArgsScript();

        await RunAsync(template, new Platform("linux", "arm64", "v8"));

        var expected = template.EndsWith("\"x{platform}y\"", StringComparison.Ordinal) || template.EndsWith("'x{platform}y'", StringComparison.Ordinal)
            ? "xlinux/arm64/v8y"
            : template.EndsWith("pre{platform}", StringComparison.Ordinal) ? "prelinux/arm64/v8" : "linux/arm64/v8";
        Assert.Equal($"1 [{expected}]\n", _directory.Read("args.log"));
    }

    [Fact]
    public async Task Image_digest_and_platform_are_in_the_command_environment()
    {
        var output = await RunAsync(
            "printf '%s|%s|%s|%s' \"$SLIPWAY_IMAGE\" \"$SLIPWAY_DIGEST\" \"$SLIPWAY_PLATFORM\" \"$SLIPWAY_REF\"",
            new Platform("linux", "arm", "v7"));

        Assert.Equal($"{Image.Name}|{Digest}|linux/arm/v7|{Image.Name}@{Digest}", output);
    }

    [Fact]
    public async Task A_lone_manifest_has_an_empty_platform()
    {
        var output = await RunAsync("printf '[%s][%s]' {platform} \"$SLIPWAY_PLATFORM\"", null);

        Assert.Equal("[][]", output);
    }

    [Fact]
    public async Task An_image_name_outside_the_reference_grammar_is_refused_before_anything_runs()
    {
        var target = new SbomTarget(new ImageReference("registry.example.com", "acme/demo;touch marker"), Digest, null);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => SbomCommand.RunAsync("touch ran {image}", target, _directory.Path, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.CommandImageInvalid, error.Code);
        Assert.Contains("'registry.example.com/acme/demo;touch marker'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory["ran"]));
        Assert.False(File.Exists(_directory["marker"]));
    }

    [Theory]
    [InlineData("sbom", "syft $(echo {platform})")]
    [InlineData("sbom", "syft \"${platform}\"")]
    [InlineData("scan", "trivy `echo {image}`")]
    [InlineData("scan", "trivy \"$(echo {image})\"")]
    public void A_command_that_cannot_quote_its_placeholder_is_refused_with_its_location(string section, string command)
    {
        var toml = $"[project]\nname = \"demo\"\nversion = {{ file = \"VERSION\", pattern = '(?<version>.+)' }}\n\n[{section}]\ncommand = '{command}'\n";

        var error = Assert.Throws<SlipwayException>(() =>
            ConfigLoader.Parse(toml, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor()));

        Assert.Equal(ErrorCode.ConfigInvalidValue, error.Code);
        Assert.Contains("slipway.toml:6:", error.Message, StringComparison.Ordinal);
        Assert.Contains("$SLIPWAY_", error.Message + error.Hint, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary><c>args.sh</c> logs its argument count and each argument in brackets.</summary>
    private void WriteArgsScript() =>
        _directory.Write("args.sh", "printf '%s' \"$#\" >> args.log\nfor a in \"$@\"; do printf ' [%s]' \"$a\" >> args.log; done\necho >> args.log\n");

    private async Task<string> RunAsync(string template, Platform? platform) =>
        Encoding.UTF8.GetString(await SbomCommand.RunAsync(template, new SbomTarget(Image, Digest, platform), _directory.Path, TestContext.Current.CancellationToken));
}
