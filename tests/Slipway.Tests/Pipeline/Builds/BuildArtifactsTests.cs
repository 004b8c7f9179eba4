using System.Security.Cryptography;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline.Builds;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Pipeline.Builds;

/// <summary>The artifacts a build records (SHA-256 and size of each file) and the check a later step makes before using them.</summary>
public sealed class BuildArtifactsTests : IDisposable
{
    private readonly TempDirectory _directory = new("build-artifacts");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Records_a_file_and_every_file_of_a_directory_with_sha256_and_size_and_reads_back_the_same()
    {
        _directory.Write("out/app.tgz", "app");
        _directory.Write("out/dist/b.whl", "bee");
        _directory.Write("out/dist/sub/a.txt", "a");
        var config = Config();

        var records = await BuildArtifacts.RecordAsync(config, ["out/app.tgz", "out/dist"], Token);

        var file = records[0];
        Assert.Equal("file", file.Kind);
        Assert.Equal(new ArtifactFile("out/app.tgz", Sha256("app"), 3), Assert.Single(file.Files));
        Assert.Equal(Sha256("app"), file.ToJson()["sha256"]!.GetValue<string>());
        Assert.Equal(["out/dist/b.whl", "out/dist/sub/a.txt"], records[1].Files.Select(f => f.Path));
        var record = new BuildRecord([], records);
        var outputs = new System.Text.Json.Nodes.JsonObject();
        record.WriteTo(outputs);
        Assert.Equal(records, BuildRecord.FromOutputs(outputs)!.Artifacts, new RecordComparer());
        await BuildArtifacts.VerifyAsync(config, records, Token);
    }

    [Fact]
    public async Task An_artifact_that_links_out_of_the_repository_is_refused_not_read()
    {
        using var outside = new TempDirectory("build-artifacts-outside");
        var key = outside.Write("signing.key", "-----BEGIN EC PRIVATE KEY-----");
        Directory.CreateDirectory(_directory["out/dist"]);
        File.CreateSymbolicLink(_directory["out/app.tgz"], key);
        File.CreateSymbolicLink(_directory["out/dist/key"], key);
        var config = Config();

        var file = await Assert.ThrowsAsync<SlipwayException>(() => BuildArtifacts.RecordAsync(config, ["out/app.tgz"], Token));
        var inDirectory = await Assert.ThrowsAsync<SlipwayException>(() => BuildArtifacts.RecordAsync(config, ["out/dist"], Token));

        Assert.All([file, inDirectory], e => Assert.Equal(ErrorCode.FileOutsideRepository, e.Code));
        Assert.Contains("out/dist/key", inDirectory.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", file.Message + inDirectory.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_artifact_that_is_a_fifo_is_refused_instead_of_blocking_the_build()
    {
        Directory.CreateDirectory(_directory["out"]);
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [_directory["out/app.tgz"]], _directory.Path).ExitCode);
        var config = Config();

        // On a thread of its own, so that an open which blocks on the FIFO fails the test after 10 s instead of hanging it.
        var error = await Assert.ThrowsAsync<SlipwayException>(
            () => Task.Run(() => BuildArtifacts.RecordAsync(config, ["out/app.tgz"], Token), Token).WaitAsync(TimeSpan.FromSeconds(10), Token));

        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
    }

    [Theory]
    [InlineData("out/app.tgz", "changed", "out/app.tgz is not what the build left")]
    [InlineData("out/dist/sub/a.txt", "b", "out/dist/sub/a.txt is not what the build left")]
    public async Task A_changed_file_is_refused_naming_it_and_both_digests(string path, string content, string message)
    {
        _directory.Write("out/app.tgz", "app");
        _directory.Write("out/dist/sub/a.txt", "a");
        var config = Config();
        var records = await BuildArtifacts.RecordAsync(config, ["out/app.tgz", "out/dist"], Token);
        var before = Sha256(File.ReadAllText(_directory[path]));
        _directory.Write(path, content);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => BuildArtifacts.VerifyAsync(config, records, Token));

        Assert.Equal(ErrorCode.BuildOutputMismatch, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains($"sha256:{before}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"sha256:{Sha256(content)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_and_a_file_added_to_a_directory_are_refused()
    {
        _directory.Write("out/app.tgz", "app");
        _directory.Write("out/dist/a.txt", "a");
        var config = Config();
        var records = await BuildArtifacts.RecordAsync(config, ["out/app.tgz", "out/dist"], Token);

        _directory.Write("out/dist/extra.txt", "x");
        var added = await Assert.ThrowsAsync<SlipwayException>(() => BuildArtifacts.VerifyAsync(config, records, Token));
        File.Delete(_directory["out/app.tgz"]);
        var missing = await Assert.ThrowsAsync<SlipwayException>(() => BuildArtifacts.VerifyAsync(config, records, Token));

        Assert.Equal(ErrorCode.BuildOutputMismatch, added.Code);
        Assert.Contains("out/dist/extra.txt is in the artifact out/dist but the build did not leave it", added.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.BuildOutputMissing, missing.Code);
        Assert.Contains("out/app.tgz, an artifact the build left, is not here", missing.Message, StringComparison.Ordinal);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private SlipwayConfig Config()
    {
        var path = _directory.Write("slipway.toml", """
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
            """);
        return ConfigLoader.Load(path, _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
    }

    private sealed class RecordComparer : IEqualityComparer<ArtifactRecord>
    {
        public bool Equals(ArtifactRecord? x, ArtifactRecord? y) =>
            x is not null && y is not null && x.Path == y.Path && x.Kind == y.Kind && x.Files.SequenceEqual(y.Files);

        public int GetHashCode(ArtifactRecord obj) => obj.Path.GetHashCode(StringComparison.Ordinal);
    }
}
