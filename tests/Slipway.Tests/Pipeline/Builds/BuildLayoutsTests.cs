using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Pipeline.Builds;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Pipeline.Builds;

/// <summary>What the build records of a layout, and how a layout handed over to another machine is checked against it.</summary>
public sealed class BuildLayoutsTests : IDisposable
{
    private readonly TempDirectory _directory = new("build-layouts");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_single_layout_is_recorded_with_its_index_digest_entry_and_every_platform_manifest()
    {
        var built = TestImages.MultiPlatformIndex(_directory["out/oci"]);
        var config = Config("layout = \"out/oci\"");

        var record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/oci", null, Token)).Record;

        var index = File.ReadAllBytes(_directory["out/oci/index.json"]);
        Assert.Equal(Digest.Sha256(index).ToString(), record.Index);
        Assert.Equal(index.LongLength, record.IndexSize);
        Assert.Equal(built.Top.Digest.ToString(), record.Digest);
        Assert.Equal(MediaTypes.OciIndex, record.MediaType);
        Assert.Null(record.Platform);
        Assert.False(record.Pushed);
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], record.Platforms.Select(p => p.Platform));
        Assert.Equal(built.Children.Take(2).Select(c => c.Digest.ToString()), record.Platforms.Select(p => p.Digest));
        Assert.Equal(record.ToJson().ToJsonString(), LayoutRecord.FromJson(record.ToJson()).ToJson().ToJsonString());
    }

    [Fact]
    public async Task A_platform_layout_records_that_platforms_manifest_whether_the_layout_holds_an_index_or_the_manifest_itself()
    {
        var indexed = TestImages.MultiPlatformIndex(_directory["out/amd64"], [new("linux", "amd64")], attestation: true);
        var writer = new OciLayoutWriter(_directory["out/arm64"]);
        var arm64 = writer.WriteImage(new Platform("linux", "arm64", "v8"), [TestImages.Layer("arm64")]);
        writer.AddEntry(arm64);
        var config = Config("layouts = { \"linux/amd64\" = \"out/amd64\", \"linux/arm64\" = \"out/arm64\" }");

        var amd64Record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/amd64", "linux/amd64", Token)).Record;
        var arm64Record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/arm64", "linux/arm64", Token)).Record;

        // The attestation beside the amd64 image is not a platform: the platform manifest is taken, not the index.
        Assert.Equal(indexed.Children[0].Digest.ToString(), amd64Record.Digest);
        Assert.Equal([new PlatformManifest("linux/amd64", indexed.Children[0].Digest.ToString(), indexed.Children[0].Size, MediaTypes.OciManifest)], amd64Record.Platforms);
        Assert.Equal(arm64.Digest.ToString(), arm64Record.Digest);
        Assert.Equal("linux/arm64/v8", Assert.Single(arm64Record.Platforms).Platform);
    }

    [Theory]
    [InlineData("linux/arm64", "holds linux/amd64")]
    [InlineData("linux/amd64/v2", "holds linux/amd64")]
    public async Task A_platform_layout_holding_another_platform_is_bad_input_naming_both(string key, string holds)
    {
        TestImages.MultiPlatformIndex(_directory["out/x"], [new("linux", "amd64")], attestation: false);
        var config = Config($"layouts = {{ \"{key}\" = \"out/x\" }}");

        var error = await Assert.ThrowsAsync<SlipwayException>(() => BuildLayouts.ReadAsync(config, config.Images[0], "out/x", key, Token));

        Assert.Equal(ErrorCode.LayoutPlatformMismatch, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains($"out/x is the layout of {key} in [[image]] layouts but {holds}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_layout_holding_two_platforms_is_bad_input()
    {
        TestImages.MultiPlatformIndex(_directory["out/x"], attestation: false);
        var config = Config("layouts = { \"linux/amd64\" = \"out/x\" }");

        var error = await Assert.ThrowsAsync<SlipwayException>(() => BuildLayouts.ReadAsync(config, config.Images[0], "out/x", "linux/amd64", Token));

        Assert.Equal(ErrorCode.LayoutPlatformMismatch, error.Code);
        Assert.Contains("but holds 2 platform images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layout_as_the_build_left_it_passes_verification()
    {
        TestImages.MultiPlatformIndex(_directory["out/oci"]);
        var config = Config("layout = \"out/oci\"");
        var record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/oci", null, Token)).Record;

        var verified = await BuildLayouts.VerifyAsync(config, config.Images[0], record, Token);

        Assert.Equal(record, verified.Record);
    }

    [Fact]
    public async Task A_layout_rebuilt_since_the_record_is_refused_naming_index_json_and_both_digests()
    {
        TestImages.MultiPlatformIndex(_directory["out/oci"]);
        var config = Config("layout = \"out/oci\"");
        var record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/oci", null, Token)).Record;
        File.Delete(_directory["out/oci/index.json"]);
        TestImages.MultiPlatformIndex(_directory["out/oci"]);
        var now = Digest.Sha256(File.ReadAllBytes(_directory["out/oci/index.json"])).ToString();

        var error = await Assert.ThrowsAsync<SlipwayException>(() => BuildLayouts.VerifyAsync(config, config.Images[0], record, Token));

        Assert.Equal(ErrorCode.BuildOutputMismatch, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains($"out/oci/index.json is not what the build left: the build recorded {record.Index}, it is now {now}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layer_changed_in_place_is_refused_naming_its_file_and_both_digests()
    {
        var built = TestImages.MultiPlatformIndex(_directory["out/oci"]);
        var config = Config("layout = \"out/oci\"");
        var record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/oci", null, Token)).Record;
        var layer = (await PushPlan.CreateAsync(OciLayout.Open(_directory["out/oci"], Token), built.Top, Token)).Blobs.First(b => b.MediaType == MediaTypes.OciLayer);
        var file = _directory[$"out/oci/blobs/sha256/{layer.Digest.Hex}"];
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(file, bytes);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => BuildLayouts.VerifyAsync(config, config.Images[0], record, Token));

        Assert.Equal(ErrorCode.BuildOutputMismatch, error.Code);
        Assert.Contains(
            $"out/oci/blobs/sha256/{layer.Digest.Hex} is not what the build left: the build recorded {layer.Digest}, it is now {Digest.Sha256(bytes)}",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_changed_in_place_is_refused()
    {
        var built = TestImages.MultiPlatformIndex(_directory["out/oci"]);
        var config = Config("layout = \"out/oci\"");
        var record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/oci", null, Token)).Record;
        var file = _directory[$"out/oci/blobs/sha256/{built.Children[1].Digest.Hex}"];
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => BuildLayouts.VerifyAsync(config, config.Images[0], record, Token));

        Assert.Equal(ErrorCode.BuildOutputMismatch, error.Code);
        Assert.Contains("out/oci is not what the build left", error.Message, StringComparison.Ordinal);
        Assert.Contains(built.Children[1].Digest.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layout_that_was_not_handed_over_is_named()
    {
        TestImages.MultiPlatformIndex(_directory["out/oci"]);
        var config = Config("layout = \"out/oci\"");
        var record = (await BuildLayouts.ReadAsync(config, config.Images[0], "out/oci", null, Token)).Record;
        Directory.Delete(_directory["out/oci"], recursive: true);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => BuildLayouts.VerifyAsync(config, config.Images[0], record, Token));

        Assert.Equal(ErrorCode.BuildOutputMissing, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains("out/oci, the layout of 127.0.0.1:5000/acme/demo that the build left, is not here", error.Message, StringComparison.Ordinal);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private SlipwayConfig Config(string layout)
    {
        Directory.CreateDirectory(_directory[".git"]);
        var path = _directory.Write("slipway.toml", $"""
            [project]
            name = "demo"
            version = {"{"} file = "VERSION", pattern = '^(?<version>\S+)$' {"}"}

            [[image]]
            repository = "127.0.0.1:5000/acme/demo"
            {layout}
            """);
        return ConfigLoader.Load(path, _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
    }
}
