using System.Security.Cryptography;
using Slipway.Configuration;
using Slipway.Packages;
using Slipway.Packages.NuGet;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.NuGet;

namespace Slipway.IntegrationTests.Packages;

/// <summary>The NuGet publisher's folder feed, consumed by the real <c>dotnet restore</c>.</summary>
public sealed class NuGetFeedTests : IDisposable
{
    private readonly TempDirectory _directory = new("nuget-feed");

    [Fact]
    public async Task Dotnet_restore_restores_a_package_published_to_a_folder_feed()
    {
        var path = NuGetPackages.Write(_directory["out/Acme.Demo.1.2.3.nupkg"], "Acme.Demo", "1.2.3", "restored from slipway's feed");
        var bytes = File.ReadAllBytes(path);
        var file = new PackageFile(path, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
        using var publisher = new NuGetPublisher(new PackageSection(PackageSection.NuGetKind, ["out/*.nupkg"], "feed", null, false, new SourceLocation("slipway.toml", 1, 1)), _directory.Path, null, TimeProvider.System);
        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, TestContext.Current.CancellationToken));

        var consumer = Directory.CreateDirectory(_directory["consumer"]).FullName;
        File.WriteAllText(Path.Combine(consumer, "consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Acme.Demo" Version="1.2.3" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="slipway" value="{_directory["feed"]}" /></packageSources>
            </configuration>
            """);
        var packages = _directory["packages"];
        var restore = ProcessRunner.Run(
            "dotnet",
            ["restore", "consumer.csproj", "--packages", packages, "--configfile", "nuget.config", "-nologo"],
            consumer,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1", ["NUGET_PACKAGES"] = packages },
            timeout: TimeSpan.FromMinutes(4));

        Assert.True(restore.ExitCode == 0, restore.Out + restore.Err);
        Assert.Equal("restored from slipway's feed", File.ReadAllText(Path.Combine(packages, "acme.demo", "1.2.3", "content", "readme.txt")));
    }

    public void Dispose() => _directory.Dispose();
}
