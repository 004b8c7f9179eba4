using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Oci;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>
/// The build's output changed between the build and the push (as when it is handed to another machine): the release,
/// killed right after the build was journaled, is resumed on a tampered layout and refuses it before it pushes anything.
/// </summary>
[Collection(AnonymousRegistryGroup.Name)]
public sealed class BuildHandOverTests(AnonymousRegistry server) : IDisposable
{
    private const int KilledBySigkill = 137;

    private ImageReleaseProject? _project;

    public void Dispose()
    {
        server.AttachLogIfFailed();
        _project?.Dispose();
    }

    [Theory]
    [InlineData("layer")]
    [InlineData("rebuilt")]
    public async Task A_build_output_tampered_with_between_build_and_push_is_refused_before_anything_is_pushed(string tampering)
    {
        var repository = "e2e/tampered-" + tampering;
        _project = new ImageReleaseProject(server.Registry.Host, repository);
        var crashed = _project.Project.RunProcess(ImageReleaseProject.ProcessEnvironment("build"), "release", "--yes");
        Assert.True(crashed.ExitCode == KilledBySigkill, $"exit {crashed.ExitCode}\n{crashed.Out}\n{crashed.Err}");
        var run = (await _project.StatusAsync()).GetProperty("id").GetString()!;
        var layout = _project.Layout.Path;
        var index = Digest.Sha256(File.ReadAllBytes(Path.Combine(layout, "index.json")));
        using var client = server.Registry.CreateClient();
        var blobs = (await PushPlan.CreateAsync(OciLayout.Open(layout, TestContext.Current.CancellationToken), _project.Layout.Top, TestContext.Current.CancellationToken)).Blobs;
        string expected;
        if (tampering == "layer")
        {
            var layer = blobs.First(b => b.MediaType == MediaTypes.OciLayer);
            var file = Path.Combine(layout, "blobs", "sha256", layer.Digest.Hex);
            var bytes = File.ReadAllBytes(file);
            bytes[^1] ^= 0xff;
            File.WriteAllBytes(file, bytes);
            expected = $"out/oci/blobs/sha256/{layer.Digest.Hex} is not what the build left: the build recorded {layer.Digest}, it is now {Digest.Sha256(bytes)}";
        }
        else
        {
            File.Delete(Path.Combine(layout, "index.json"));
            TestImages.MultiPlatformIndex(layout, attestation: false, seed: "other");
            expected = $"out/oci/index.json is not what the build left: the build recorded {index}, it is now {Digest.Sha256(File.ReadAllBytes(Path.Combine(layout, "index.json")))}";
        }

        var resumed = _project.Project.RunProcess(ImageReleaseProject.ProcessEnvironment(), "resume", run, "--yes");

        Assert.True(resumed.ExitCode == ExitCodes.Failed, $"exit {resumed.ExitCode}\n{resumed.Out}\n{resumed.Err}");
        Assert.Contains("SLW8070", resumed.Out + resumed.Err, StringComparison.Ordinal);
        Assert.Contains(expected, resumed.Out + resumed.Err, StringComparison.Ordinal);
        Assert.Empty(await ImageReleaseProject.TagsAsync(server.Registry, repository));
        Assert.Null(await client.HeadManifestAsync(_project.Image.WithDigest(_project.Built), TestContext.Current.CancellationToken));
        foreach (var blob in blobs)
        {
            Assert.False(await client.BlobExistsAsync(_project.Image, blob.Digest, TestContext.Current.CancellationToken), $"{blob.Digest} was pushed");
        }

        Assert.Empty(_project.Project.RemoteTags());
    }
}
