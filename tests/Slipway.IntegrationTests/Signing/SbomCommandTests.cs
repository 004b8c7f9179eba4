using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Signing;

/// <summary><c>slipway attest REF --sbom</c>: the configured command runs once per platform manifest.</summary>
[Collection(Oci.AnonymousRegistryGroup.Name)]
public sealed class SbomCommandTests(AnonymousRegistry server) : IDisposable
{
    [Fact]
    public async Task The_SBOM_command_runs_per_platform_and_each_SBOM_is_attested_at_its_digest()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        Configure(scenario, packages: 60);

        var result = await scenario.CliAsync("attest", scenario.Tagged.ToString(), "--sbom", "--key", "cosign.key");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["linux/amd64 " + scenario.Repository.Name, "linux/arm64/v8 " + scenario.Repository.Name, "linux/arm/v7 " + scenario.Repository.Name],
            scenario.Directory.Read("calls.log").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, result.Out.Split('\n').Count(l => l.Contains("60 packages", StringComparison.Ordinal)));
        var verify = await scenario.CliAsync("verify", scenario.Tagged.ToString(), "--key", "cosign.pub", "--attestation", "spdxjson");
        // Three platforms, each in both layouts (the default format): the .att tag and the bundle referrer.
        Assert.Equal(6, verify.Out.Split('\n').Count(l => l.Contains("ok    attestation https://spdx.dev/Document", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_SBOM_below_the_configured_floor_fails_and_attests_nothing()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        Configure(scenario, packages: 49);
        var before = await scenario.TagsAsync();

        var result = await scenario.CliAsync("attest", scenario.Tagged.ToString(), "--sbom", "--key", "cosign.key");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error SLW5011:", result.Err, StringComparison.Ordinal);
        Assert.Contains("49 package(s), below its floor of 50 (hard floor 50)", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.TagsAsync());
    }

    [Fact]
    public async Task An_SBOM_that_is_neither_SPDX_nor_CycloneDX_is_bad_input()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        Configure(scenario, packages: 60, body: """{"artifacts":[]}""");
        var before = await scenario.TagsAsync();

        var result = await scenario.CliAsync("attest", scenario.Tagged.ToString(), "--sbom", "--key", "cosign.key");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error SLW5010:", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.TagsAsync());
    }

    [Theory]
    [InlineData("amd64$(touch pwned)")]
    [InlineData("';touch pwned;'")]
    [InlineData("\"; touch pwned; \"")]
    public async Task A_hostile_platform_in_the_index_is_refused_before_the_SBOM_command_runs_for_any_platform(string architecture)
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry, [new("linux", "amd64"), new("linux", architecture)]);
        Configure(scenario, packages: 60, command: "sh sbom.sh {image} '{platform}' \\\"{platform}\\\" x{platform}y");
        var before = await scenario.TagsAsync();

        var result = await scenario.CliAsync("attest", scenario.Tagged.ToString(), "--sbom", "--key", "cosign.key");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error SLW4040:", result.Err, StringComparison.Ordinal);
        Assert.Contains($"platform 'linux/{architecture}'", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(scenario.Directory["pwned"]), "the platform ran as shell code");
        Assert.False(File.Exists(scenario.Directory["calls.log"]), "the SBOM command ran");
        Assert.Equal(before, await scenario.TagsAsync());
    }

    [Fact]
    public async Task Each_quoting_of_the_placeholder_gives_the_SBOM_command_the_exact_platform_and_the_environment_has_it_too()
    {
        using var scenario = await SigningScenario.CreateAsync(server.Registry);
        scenario.Directory.Write("sbom.json", System.Text.Encoding.UTF8.GetString(SbomFixtures.Spdx(60)));
        scenario.Directory.Write("args.sh", "#!/bin/sh\n(IFS='|'; echo \"$#|$*|$SLIPWAY_PLATFORM|$SLIPWAY_REF\") >> calls.log\ncat sbom.json\n");
        Configure(scenario, packages: 60, command: "sh args.sh '{image}' \\\"{platform}\\\" '{platform}' {platform} \\\"x{platform}y\\\"");

        var result = await scenario.CliAsync("attest", scenario.Tagged.ToString(), "--sbom", "--key", "cosign.key");

        Assert.Equal(0, result.ExitCode);
        var name = scenario.Repository.Name;
        Assert.Equal(
            TestImages.ThreePlatforms.Select(p => $"5|{name}|{p}|{p}|{p}|x{p}y|{p}|{name}@{scenario.Platforms.Single(d => d.Platform == p).Digest}"),
            scenario.Directory.Read("calls.log").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => server.AttachLogIfFailed();

    private static void Configure(SigningScenario scenario, int packages, string? body = null, string command = "sh sbom.sh {image} {platform}")
    {
        var document = body ?? System.Text.Encoding.UTF8.GetString(SbomFixtures.Spdx(packages));
        scenario.Directory.Write("sbom.json", document);
        scenario.Directory.Write("sbom.sh", "#!/bin/sh\necho \"$2 $1\" >> calls.log\ncat sbom.json\n");
        scenario.Directory.Write("slipway.toml", $$"""
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '(?<version>.+)' }

            [sbom]
            command = "{{command}}"
            """);
    }
}
