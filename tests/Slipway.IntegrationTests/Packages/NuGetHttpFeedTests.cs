using System.Security.Cryptography;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Packages;
using Slipway.Packages.NuGet;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.NuGet;

namespace Slipway.IntegrationTests.Packages;

/// <summary>
/// The NuGet publisher against a static v3 feed on 127.0.0.1: its push is the request the real <c>dotnet nuget push</c>
/// sends (differential), exists and verify read the flat container, and the real <c>dotnet restore</c> restores what it pushed.
/// </summary>
public sealed class NuGetHttpFeedTests : IDisposable
{
    private readonly TempDirectory _directory = new("nuget-http");
    private readonly StaticNuGetFeed _reference = StaticNuGetFeed.Start();
    private readonly StaticNuGetFeed _feed = StaticNuGetFeed.Start();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_push_is_the_request_dotnet_nuget_push_sends_and_dotnet_restore_restores_it()
    {
        var file = Package("Acme.Http", "2.0.0", "pushed over http");
        File.WriteAllText(_directory["push.config"], $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="reference" value="{_reference.Index}" allowInsecureConnections="true" /></packageSources>
            </configuration>
            """);
        var push = ProcessRunner.Run(
            "dotnet",
            ["nuget", "push", file.Path, "--source", "reference", "--configfile", _directory["push.config"], "--api-key", StaticNuGetFeed.ApiKey],
            _directory.Path,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            timeout: TimeSpan.FromMinutes(3));
        Assert.True(push.ExitCode == 0, push.Out + push.Err);

        using var publisher = Publisher(_feed);
        Assert.Equal(PackagePresence.Absent, await publisher.ExistsAsync(file, Ct));
        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, Ct));
        await publisher.VerifyAsync(file, TimeSpan.FromSeconds(10), Ct);

        var expected = Assert.Single(_reference.Pushes);
        var actual = Assert.Single(_feed.Pushes);
        Assert.Equal((expected.Method, expected.Path), (actual.Method, actual.Path));
        Assert.Equal(expected.Headers["X-NuGet-ApiKey"], actual.Headers["X-NuGet-ApiKey"]);
        Assert.StartsWith("multipart/form-data", actual.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(Normalise(expected.PartHeaders), Normalise(actual.PartHeaders));
        Assert.Equal(expected.Package, actual.Package);

        Assert.True(Restore(_feed, "Acme.Http", "2.0.0"), "dotnet restore failed");
        Assert.Equal("pushed over http", File.ReadAllText(_directory["packages/acme.http/2.0.0/content/readme.txt"]));
    }

    [Fact]
    public async Task A_409_is_resolved_by_content_a_re_signed_copy_is_the_same_and_other_content_is_a_failure()
    {
        var file = Package("Acme.Conflict", "1.0.0", "ours");
        _feed.Store("Acme.Conflict", "1.0.0", File.ReadAllBytes(NuGetPackages.Write(_directory["signed/Acme.Conflict.1.0.0.nupkg"], "Acme.Conflict", "1.0.0", "ours", repositorySigned: true)));
        using var publisher = Publisher(_feed);

        Assert.Equal(PackagePresence.Same, await publisher.ExistsAsync(file, Ct));
        Assert.Equal(PublishOutcome.AlreadyPresent, await publisher.PublishAsync(file, Ct));

        var other = Package("Acme.Conflict", "1.0.0", "theirs", "other");
        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(other, Ct));
        Assert.Equal(ErrorCode.PackageContentDiffers, error.Code);
    }

    [Fact]
    public async Task A_lost_push_answer_is_resolved_by_the_flat_container_without_a_second_push()
    {
        var file = Package("Acme.Lost", "1.0.0", "stored, answer lost");
        _feed.DropNextPushAnswers = 1;
        using var publisher = Publisher(_feed);

        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, Ct));
        Assert.Single(_feed.Pushes);
    }

    [Fact]
    public async Task A_wrong_api_key_is_a_coded_failure_that_does_not_show_the_key()
    {
        using var publisher = new NuGetPublisher(Section(_feed), _directory.Path, new FixedCredential("wrong-key-123"), TimeProvider.System);
        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(Package("Acme.Key", "1.0.0", "x"), Ct));
        Assert.Equal(ErrorCode.PackageRegistryFailed, error.Code);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-123", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _reference.Dispose();
        _feed.Dispose();
        _directory.Dispose();
    }

    // Part headers as both clients write them, compared without case and spacing differences of the same header.
    private static string Normalise(string headers) =>
        string.Join('\n', headers.Split("\r\n").Select(h => h.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal).ToLowerInvariant()).Order(StringComparer.Ordinal));

    private bool Restore(StaticNuGetFeed feed, string id, string version)
    {
        var consumer = Directory.CreateDirectory(_directory["consumer"]).FullName;
        File.WriteAllText(Path.Combine(consumer, "consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="{id}" Version="{version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="slipway" value="{feed.Index}" allowInsecureConnections="true" /></packageSources>
            </configuration>
            """);
        var restore = ProcessRunner.Run(
            "dotnet",
            ["restore", "consumer.csproj", "--packages", _directory["packages"], "--configfile", "nuget.config", "-nologo"],
            consumer,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            timeout: TimeSpan.FromMinutes(4));
        return restore.ExitCode == 0 ? true : throw new InvalidOperationException(restore.Out + restore.Err);
    }

    private PackageFile Package(string id, string version, string content, string folder = "out")
    {
        var path = NuGetPackages.Write(_directory[$"{folder}/{id}.{version}.nupkg"], id, version, content);
        var bytes = File.ReadAllBytes(path);
        return new PackageFile(path, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }

    private static PackageSection Section(StaticNuGetFeed feed) =>
        new(PackageSection.NuGetKind, ["out/*.nupkg"], feed.Index.ToString(), null, false, new SourceLocation("slipway.toml", 1, 1));

    private NuGetPublisher Publisher(StaticNuGetFeed feed) =>
        new(Section(feed), _directory.Path, new FixedCredential(StaticNuGetFeed.ApiKey), TimeProvider.System);
}
