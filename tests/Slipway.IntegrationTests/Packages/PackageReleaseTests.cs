using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.IntegrationTests.Pipeline;
using Slipway.Tests.Infra.Npm;
using Slipway.Tests.Infra.Packages;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Packages;

/// <summary>
/// Releases that publish npm packages to the real Verdaccio, through a proxy that can fail or drop answers: the
/// packages are checked before the approval, published after it, and a run that failed part-way resumes with only
/// what is missing.
/// </summary>
[Collection(VerdaccioGroup.Name)]
public sealed class PackageReleaseTests : IDisposable
{
    private readonly ReleaseProject _project = new();
    private readonly VerdaccioFixture _registry;
    private readonly FaultProxy _proxy;
    private int _staged;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public PackageReleaseTests(VerdaccioServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _registry = server.Registry;
        _proxy = FaultProxy.Start($"127.0.0.1:{_registry.Port}");
        _project.Environment["NPM_TOKEN"] = _registry.Token;
    }

    private string First => $"slipway-e2e-a-{_suffix}";

    private string Second => $"@acme/slipway-e2e-b-{_suffix}";

    public void Dispose()
    {
        _proxy.Dispose();
        _project.Dispose();
    }

    [Fact]
    public async Task A_release_publishes_every_package_after_the_approval_and_npm_installs_it()
    {
        Configure(Stage(First, "1.2.3"), Stage(Second, "1.2.3"));

        var paused = await _project.RunAsync("release");
        Assert.True(paused.ExitCode == ExitCodes.AwaitingApproval, paused.ToString());
        Assert.Null(await _registry.PackumentAsync(First));
        var steps = await StepsAsync();
        Assert.Equal("succeeded", steps["check-packages"].GetProperty("status").GetString());

        var run = await _project.LatestRunIdAsync();
        var approved = await _project.RunAsync("approve", run, "--as", "maintainer1");
        Assert.True(approved.ExitCode == ExitCodes.Success, approved.ToString());

        var published = (await StepsAsync())["publish-packages"].GetProperty("outputs").GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal([First, Second], published.Select(p => p.GetProperty("name").GetString()));
        Assert.All(published, p => Assert.True(p.GetProperty("published").GetBoolean()));
        Assert.All(published, p => Assert.StartsWith(_proxy.BaseUri.ToString(), p.GetProperty("location").GetString(), StringComparison.Ordinal));
        Assert.Equal(_project.Repository.Head, _project.RemoteTag("v1.2.3"));

        var consumer = Directory.CreateDirectory(Path.Combine(_project.Repository.Path, ".slipway", "consumer")).FullName;
        File.WriteAllText(Path.Combine(consumer, "package.json"), """{"name":"consumer","version":"1.0.0","private":true}""");
        var install = _registry.Npm(consumer, "install", $"{Second}@1.2.3", "--no-audit", "--no-fund");
        Assert.True(install.ExitCode == 0, install.Err);
        Assert.Equal("1.2.3", _registry.Npm(consumer, "view", First, "dist-tags.latest").Out.Trim());
    }

    [Fact]
    public async Task A_failure_on_the_second_package_leaves_the_run_resumable_and_resume_publishes_only_it()
    {
        Configure(Stage(First, "1.2.3"), Stage(Second, "1.2.3"));
        _proxy.Fail(r => r.Method == "PUT" && r.PathAndQuery.Contains("slipway-e2e-b", StringComparison.Ordinal), new ProxiedResponse(503, """{"error":"registry down for maintenance"}"""), count: 1);

        var failed = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(failed.ExitCode == ExitCodes.Failed, failed.ToString());
        Assert.Contains("SLW6007", failed.Err + failed.Out, StringComparison.Ordinal);
        Assert.Contains("made the release public, so nothing was rolled back", failed.Err + failed.Out, StringComparison.Ordinal);
        Assert.NotNull(await _registry.PackumentAsync(First));
        Assert.Null(await _registry.PackumentAsync(Second.Replace("/", "%2f", StringComparison.Ordinal)));
        Assert.Null(_project.RemoteTag("v1.2.3"));
        var run = await _project.LatestRunIdAsync();

        var resumed = await _project.RunAsync("resume", run, "--yes", "--as", "maintainer1");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Equal(1, _proxy.Count("PUT", "/" + First));
        Assert.Equal(2, _proxy.Count("PUT", "slipway-e2e-b"));
        Assert.NotNull(await _registry.PackumentAsync(Second.Replace("/", "%2f", StringComparison.Ordinal)));
        Assert.Equal(_project.Repository.Head, _project.RemoteTag("v1.2.3"));
    }

    [Fact]
    public async Task A_lost_answer_after_the_registry_stored_the_package_is_no_failure_and_no_second_publish()
    {
        Configure(Stage(First, "1.2.3"));
        var dropped = 0;
        _proxy.DropResponse = r => r.Method == "PUT" && Interlocked.Increment(ref dropped) == 1;

        var result = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(1, dropped);
        Assert.Equal(1, _proxy.Count("PUT", "/" + First));
        var package = Assert.Single((await StepsAsync())["publish-packages"].GetProperty("outputs").GetProperty("packages").EnumerateArray());
        Assert.Equal("1.2.3", package.GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_tarball_of_another_version_stops_the_run_before_the_approval_with_nothing_published()
    {
        Configure(Stage(First, "1.2.4"));

        var result = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("SLW6003", result.Err + result.Out, StringComparison.Ordinal);
        Assert.Contains("declares version 1.2.4, but this release is 1.2.3", result.Err + result.Out, StringComparison.Ordinal);
        Assert.False((await StepsAsync()).ContainsKey("approval") && (await StepsAsync())["approval"].GetProperty("status").GetString() == "succeeded");
        Assert.DoesNotContain(_proxy.Requests, r => r.StartsWith("PUT", StringComparison.Ordinal));
        Assert.Null(_project.RemoteTag("v1.2.3"));
    }

    [Fact]
    public async Task A_package_file_the_build_did_not_journal_is_refused()
    {
        Configure(Stage(First, "1.2.3"));
        var config = Path.Combine(_project.Repository.Path, "slipway.toml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("artifacts = [\"out/app.txt\", \"out/npm\"]", "artifacts = [\"out/app.txt\"]", StringComparison.Ordinal));
        Commit();

        var result = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("SLW6002", result.Err + result.Out, StringComparison.Ordinal);
        Assert.Contains("is not in the build record", result.Err + result.Out, StringComparison.Ordinal);
        Assert.Empty(_proxy.Requests);
    }

    [Fact]
    public async Task A_missing_token_is_refused_before_the_approval()
    {
        Configure(Stage(First, "1.2.3"));
        _project.Environment.Remove("NPM_TOKEN");

        var result = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains("SLW6005", result.Err + result.Out, StringComparison.Ordinal);
        Assert.Contains("NPM_TOKEN, which is not set", result.Err + result.Out, StringComparison.Ordinal);
        Assert.Empty(_proxy.Requests);
    }

    [Fact]
    public async Task A_release_publishes_a_wheel_to_PyPI_and_an_npm_package_and_resume_after_a_failure_sends_only_what_is_missing()
    {
        using var pypi = new PyPICaptureServer();
        var wheel = StageWheel("slipway-e2e-py", "1.2.3");
        Configure(Stage(First, "1.2.3"));
        AddPyPI(pypi.UploadUrl);
        _proxy.Fail(r => r.Method == "PUT" && r.PathAndQuery.Contains("slipway-e2e-a", StringComparison.Ordinal), new ProxiedResponse(503, """{"error":"registry down for maintenance"}"""), count: 1);

        var failed = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(failed.ExitCode == ExitCodes.Failed, failed.ToString());
        Assert.Contains("SLW6007", failed.Err + failed.Out, StringComparison.Ordinal);
        var upload = Assert.Single(pypi.Requests);
        Assert.Equal("POST", upload.Method);
        Assert.Equal("/legacy/", upload.Path);
        Assert.StartsWith("Basic ", upload.Headers["Authorization"], StringComparison.Ordinal);
        var form = Multipart.Parse(upload.ContentType!, upload.Body);
        Assert.Equal("file_upload", form.Value(":action"));
        Assert.Equal("slipway-e2e-py", form.Value("name"));
        Assert.Equal("1.2.3", form.Value("version"));
        Assert.Equal(File.ReadAllBytes(wheel), form.File("content", Path.GetFileName(wheel)));
        Assert.DoesNotContain("pypi-secret-token", failed.Err + failed.Out, StringComparison.Ordinal);
        Assert.Null(_project.RemoteTag("v1.2.3"));

        var resumed = await _project.RunAsync("resume", await _project.LatestRunIdAsync(), "--yes", "--as", "maintainer1");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Single(pypi.Requests);
        Assert.Equal(2, _proxy.Count("PUT", "/" + First));
        Assert.NotNull(await _registry.PackumentAsync(First));
        var published = (await StepsAsync())["publish-packages"].GetProperty("outputs").GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(["slipway-e2e-py", First], published.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(_project.Repository.Head, _project.RemoteTag("v1.2.3"));
    }

    [Fact]
    public async Task A_PyPI_upload_refused_with_403_fails_the_run_and_resume_uploads_the_wheel_without_republishing_npm()
    {
        using var pypi = new PyPICaptureServer();
        StageWheel("slipway-e2e-py", "1.2.3");
        Configure(Stage(First, "1.2.3"));
        AddPyPI(pypi.UploadUrl, first: false);
        pypi.Answer = _ => pypi.Requests.Count == 1 ? (403, "Invalid or non-existent authentication information.") : null;

        var failed = await _project.RunAsync("release", "--yes", "--as", "maintainer1");

        Assert.True(failed.ExitCode == ExitCodes.Failed, failed.ToString());
        Assert.Contains("SLW6056", failed.Err + failed.Out, StringComparison.Ordinal);
        Assert.Equal(1, _proxy.Count("PUT", "/" + First));

        var resumed = await _project.RunAsync("resume", await _project.LatestRunIdAsync(), "--yes", "--as", "maintainer1");

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Equal(2, pypi.Requests.Count);
        Assert.Equal(1, _proxy.Count("PUT", "/" + First));
        Assert.Equal(_project.Repository.Head, _project.RemoteTag("v1.2.3"));
    }

    private string StageWheel(string name, string version)
    {
        var staging = Directory.CreateDirectory(Path.Combine(_project.Repository.Path, ".slipway", "staging-py")).FullName;
        return PythonDistributions.Wheel(staging, name, version).Path;
    }

    /// <summary>Adds a PyPI [[package]] (before or after the npm one) whose wheel the build copies into out/py.</summary>
    private void AddPyPI(Uri uploadUrl, bool first = true)
    {
        _project.Environment["PYPI_TOKEN"] = "pypi-secret-token";
        var config = Path.Combine(_project.Repository.Path, "slipway.toml");
        var pypi = $"""

            [[package]]
            kind = "pypi"
            files = ["out/py/*.whl"]
            registry = "{uploadUrl}"
            token = "env:PYPI_TOKEN"
            """;
        var text = File.ReadAllText(config)
            .Replace("cp .slipway/staging/*.tgz out/npm/", "cp .slipway/staging/*.tgz out/npm/ && mkdir -p out/py && cp .slipway/staging-py/*.whl out/py/", StringComparison.Ordinal)
            .Replace("\"out/app.txt\", \"out/npm\"]", "\"out/app.txt\", \"out/npm\", \"out/py\"]", StringComparison.Ordinal);
        var npm = text.IndexOf("\n[[package]]", StringComparison.Ordinal);
        text = first ? text.Insert(npm, pypi) : text + pypi;
        File.WriteAllText(config, text);
        Commit();
    }

    private string Stage(string name, string version)
    {
        var staging = Path.Combine(_project.Repository.Path, ".slipway", "staging");
        _staged++;
        NpmTarballs.Write(Path.Combine(staging, $"{_staged}-{name.Replace("@", string.Empty, StringComparison.Ordinal).Replace('/', '-')}-{version}.tgz"), name, version, $"module.exports = '{name}';\n");
        return name;
    }

    private void Configure(params string[] names)
    {
        _ = names;
        var config = Path.Combine(_project.Repository.Path, "slipway.toml");
        var text = File.ReadAllText(config)
            .Replace("command = \"mkdir -p out && echo built > out/app.txt\"", "command = \"mkdir -p out/npm && echo built > out/app.txt && cp .slipway/staging/*.tgz out/npm/\"", StringComparison.Ordinal)
            .Replace("artifacts = [\"out/app.txt\"]", "artifacts = [\"out/app.txt\", \"out/npm\"]", StringComparison.Ordinal);
        text += $"""

            [[package]]
            kind = "npm"
            files = ["out/npm/*.tgz"]
            registry = "{_proxy.BaseUri}"
            token = "env:NPM_TOKEN"
            """;
        File.WriteAllText(config, text);
        Commit();
    }

    private void Commit()
    {
        _project.Repository.Git("commit", "-qam", "packages");
        _project.Repository.Git("push", "-q", "origin", "main");
    }

    private async Task<Dictionary<string, JsonElement>> StepsAsync() =>
        (await _project.StatusAsync()).GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
}
