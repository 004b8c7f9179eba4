using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Packages;
using Slipway.Packages.Npm;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Npm;

namespace Slipway.IntegrationTests.Packages;

/// <summary>The npm publisher against the real Verdaccio, checked with the real npm client.</summary>
[Collection(VerdaccioGroup.Name)]
public sealed class NpmPublisherTests(VerdaccioServer server) : IDisposable
{
    private readonly TempDirectory _directory = new("npm-publish");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private VerdaccioFixture Registry => server.Registry;

    [Fact]
    public async Task Published_tarball_is_seen_by_npm_view_and_installed_by_npm_install()
    {
        var name = Unique("@acme/widget");
        var file = Tarball(name, "1.2.3");
        using var publisher = Publisher(new PackageRelease("1.2.3", false, true));

        Assert.Equal(PackagePresence.Absent, await publisher.ExistsAsync(file, Ct));
        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, Ct));
        await publisher.VerifyAsync(file, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(PackagePresence.Same, await publisher.ExistsAsync(file, Ct));

        var view = Registry.Npm(_directory.Path, "view", name, "dist-tags.latest", "dist.integrity");
        Assert.True(view.ExitCode == 0, view.Err);
        Assert.Contains("1.2.3", view.Out, StringComparison.Ordinal);
        Assert.Contains(NpmPublisher.Integrity.Of(File.ReadAllBytes(file.Path)).Sri, view.Out, StringComparison.Ordinal);

        var consumer = Directory.CreateDirectory(_directory["consumer"]).FullName;
        File.WriteAllText(Path.Combine(consumer, "package.json"), """{"name":"consumer","version":"1.0.0","private":true}""");
        var install = Registry.Npm(consumer, "install", $"{name}@1.2.3", "--no-audit", "--no-fund");
        Assert.True(install.ExitCode == 0, install.Err + Registry.Log);
        Assert.Equal("module.exports = 1;\n", File.ReadAllText(Path.Combine(consumer, "node_modules", name, "index.js")));
    }

    [Fact]
    public async Task Publishing_the_same_tarball_again_is_success_without_a_second_version()
    {
        var name = Unique("again");
        var file = Tarball(name, "2.0.0");
        using var publisher = Publisher(new PackageRelease("2.0.0", false, true));
        await publisher.PublishAsync(file, Ct);

        // Verdaccio answers 409 for a version it holds: the packument's dist.integrity says it is this tarball.
        Assert.Equal(PublishOutcome.AlreadyPresent, await publisher.PublishAsync(file, Ct));
        var packument = await Registry.PackumentAsync(name);
        Assert.Single(packument!["versions"]!.AsObject());
    }

    [Fact]
    public async Task A_version_present_with_other_content_is_a_coded_failure_and_is_not_overwritten()
    {
        var name = Unique("other");
        using var publisher = Publisher(new PackageRelease("3.0.0", false, true));
        await publisher.PublishAsync(Tarball(name, "3.0.0", "module.exports = 'first';\n"), Ct);
        var before = (await Registry.PackumentAsync(name))!["versions"]!["3.0.0"]!["dist"]!["integrity"]!.GetValue<string>();

        var other = Tarball(name, "3.0.0", "module.exports = 'second';\n", "second");
        Assert.Equal(PackagePresence.Different, await publisher.ExistsAsync(other, Ct));
        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(other, Ct));
        Assert.Equal(ErrorCode.PackageContentDiffers, error.Code);
        Assert.Equal(1, error.ExitCode);
        var verify = await Assert.ThrowsAsync<SlipwayException>(() => publisher.VerifyAsync(other, TimeSpan.FromSeconds(5), Ct));
        Assert.Equal(ErrorCode.PackageContentDiffers, verify.Code);
        Assert.Equal(before, (await Registry.PackumentAsync(name))!["versions"]!["3.0.0"]!["dist"]!["integrity"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_prerelease_goes_under_next_and_leaves_latest_on_the_stable_release()
    {
        var name = Unique("pre");
        using (var stable = Publisher(new PackageRelease("1.0.0", false, true)))
        {
            await stable.PublishAsync(Tarball(name, "1.0.0"), Ct);
        }

        using var prerelease = Publisher(new PackageRelease("1.1.0-rc.1", true, false));
        Assert.Equal("next", prerelease.DistTag);
        await prerelease.PublishAsync(Tarball(name, "1.1.0-rc.1"), Ct);

        var tags = await prerelease.DistTagsAsync(Registry.Url, name, Ct);
        Assert.Equal("1.0.0", tags["latest"]);
        Assert.Equal("1.1.0-rc.1", tags["next"]);
    }

    [Fact]
    public async Task A_moved_dist_tag_is_moved_back_by_its_rollback_and_one_that_did_not_exist_is_removed()
    {
        var name = Unique("tags");
        using var publisher = Publisher(new PackageRelease("1.0.0", false, true));
        await publisher.PublishAsync(Tarball(name, "1.0.0"), Ct);
        using (var second = Publisher(new PackageRelease("1.1.0", false, false)))
        {
            await second.PublishAsync(Tarball(name, "1.1.0"), Ct);
        }

        var previous = await publisher.MoveDistTagAsync(Registry.Url, name, "latest", "1.1.0", Ct);
        var created = await publisher.MoveDistTagAsync(Registry.Url, name, "stable", "1.1.0", Ct);
        Assert.Equal("1.0.0", previous);
        Assert.Null(created);
        Assert.Equal("1.1.0", Registry.Npm(_directory.Path, "view", name, "dist-tags.latest").Out.Trim());

        Assert.True(await publisher.RestoreDistTagAsync(Registry.Url, name, "latest", "1.1.0", previous, Ct));
        Assert.True(await publisher.RestoreDistTagAsync(Registry.Url, name, "stable", "1.1.0", created, Ct));
        var tags = await publisher.DistTagsAsync(Registry.Url, name, Ct);
        Assert.Equal("1.0.0", tags["latest"]);
        Assert.False(tags.ContainsKey("stable"));

        // A tag someone moved since is not this run's to restore.
        await publisher.MoveDistTagAsync(Registry.Url, name, "latest", "1.1.0", Ct);
        Assert.False(await publisher.RestoreDistTagAsync(Registry.Url, name, "latest", "1.0.0", null, Ct));
        Assert.Equal("1.1.0", (await publisher.DistTagsAsync(Registry.Url, name, Ct))["latest"]);
    }

    [Fact]
    public async Task The_token_comes_from_npmrc_for_the_registry_and_a_wrong_one_is_refused()
    {
        var name = Unique("npmrc");
        var file = Tarball(name, "1.0.0");
        var redactor = new SecretRedactor();
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { ["NPM_TOKEN"] = Registry.Token });
        var npmrc = NpmRc.FromText($"//127.0.0.1:{Registry.Port}/:_authToken=${{NPM_TOKEN}}\n", environment, redactor);
        using (var good = new NpmPublisher(Section(), new PackageRelease("1.0.0", false, true), npmrc, null, TimeProvider.System))
        {
            Assert.True(good.HasCredential(file));
            Assert.Equal(PublishOutcome.Published, await good.PublishAsync(file, Ct));
        }

        Assert.Contains(Registry.Token, redactor.Secrets);
        using var bad = new NpmPublisher(Section(), new PackageRelease("1.0.1", false, true), NpmRc.FromText(string.Empty, environment, redactor), new FixedCredential("not-a-token"), TimeProvider.System);
        var error = await Assert.ThrowsAsync<SlipwayException>(() => bad.PublishAsync(Tarball(name, "1.0.1"), Ct));
        Assert.Equal(ErrorCode.PackageRegistryFailed, error.Code);
        Assert.DoesNotContain("not-a-token", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static string Unique(string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return name.StartsWith('@') ? $"{name}-{suffix}" : $"slipway-{name}-{suffix}";
    }

    private PackageFile Tarball(string name, string version, string body = "module.exports = 1;\n", string variant = "")
    {
        var path = NpmTarballs.Write(_directory[$"out/{name.Replace('/', '_')}-{version}{variant}.tgz"], name, version, body);
        var bytes = File.ReadAllBytes(path);
        return new PackageFile(path, Path.GetFileName(path), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.Length);
    }

    private PackageSection Section() =>
        new(PackageSection.NpmKind, ["out/*.tgz"], Registry.Url.ToString(), null, false, new SourceLocation("slipway.toml", 1, 1));

    private NpmPublisher Publisher(PackageRelease release) =>
        new(Section(), release, NpmRc.FromText(string.Empty, new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor()), new FixedCredential(Registry.Token), TimeProvider.System);
}
