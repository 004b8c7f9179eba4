using Slipway.Tests.Infra;

namespace Slipway.Tests.Cli;

/// <summary>
/// <c>-C DIR</c> is "as if started in DIR": every path option is resolved in DIR, not in the process's directory, and
/// the paths printed back are relative to DIR as the ones given were.
/// </summary>
public sealed class DirectoryOptionTests : IDisposable
{
    // Nothing listens on the discard port: a command that got past reading its files fails on the registry (SLW4014);
    // one that looked for them in the wrong directory fails on the file first.
    private const string Image = "127.0.0.1:9/demo/app:1.0.0";

    private readonly TempDirectory _project = new("dash-c");
    private readonly TempDirectory _elsewhere = new("dash-c-cwd");

    public void Dispose()
    {
        _project.Dispose();
        _elsewhere.Dispose();
    }

    private Task<CliResult> RunInProjectAsync(params string[] args) => CliRunner.RunAsync(_elsewhere.Path, ["-C", _project.Path, .. args]);

    private async Task GenerateKeyAsync()
    {
        var result = await RunInProjectAsync("key", "generate", "--out", "keys/release");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static void AssertReachedTheRegistry(CliResult result)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error SLW4014:", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_generate_out_is_written_in_dash_C_and_shown_relative_to_it()
    {
        var result = await RunInProjectAsync("key", "generate", "--out", "keys/release");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_project["keys/release.key"]) && File.Exists(_project["keys/release.pub"]));
        Assert.Empty(_elsewhere.Snapshot());
        Assert.Contains($"private key  {Path.Combine("keys", "release.key")}  ", result.Out, StringComparison.Ordinal);
        Assert.Contains($"public key   {Path.Combine("keys", "release.pub")}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_layout_platform_directories_and_out_are_resolved_in_dash_C()
    {
        _project.Write("build/amd64/hello.txt", "hello\n");

        var result = await RunInProjectAsync("image", "layout", "--platform", "linux/amd64=build/amd64", "--out", "out/oci");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_project["out/oci/index.json"]));
        Assert.Empty(_elsewhere.Snapshot());
        Assert.StartsWith($"wrote {Path.Combine("out", "oci")}: ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_push_layout_is_resolved_in_dash_C()
    {
        _project.Write("build/amd64/hello.txt", "hello\n");
        Assert.Equal(0, (await RunInProjectAsync("image", "layout", "--platform", "linux/amd64=build/amd64", "--out", "out/oci.tar", "--tar")).ExitCode);

        AssertReachedTheRegistry(await RunInProjectAsync("image", "push", "out/oci.tar", Image));
    }

    [Fact]
    public async Task Sign_key_is_resolved_in_dash_C()
    {
        await GenerateKeyAsync();

        AssertReachedTheRegistry(await RunInProjectAsync("sign", Image, "--key", "keys/release.key"));
    }

    [Fact]
    public async Task Attest_key_and_predicate_are_resolved_in_dash_C()
    {
        await GenerateKeyAsync();
        _project.Write("predicates/build.json", "{\"builder\": \"ci\"}\n");

        AssertReachedTheRegistry(await RunInProjectAsync(
            "attest", Image, "--key", "keys/release.key", "--type", "https://example.invalid/predicate/v1", "--predicate", "predicates/build.json"));
    }

    [Fact]
    public async Task Verify_key_is_resolved_in_dash_C()
    {
        await GenerateKeyAsync();

        AssertReachedTheRegistry(await RunInProjectAsync("verify", Image, "--key", "keys/release.pub"));
    }

    [Fact]
    public async Task A_path_option_missing_in_dash_C_is_not_looked_up_in_the_process_directory()
    {
        _elsewhere.Write("predicate.json", "{}\n");
        await GenerateKeyAsync();

        var result = await RunInProjectAsync("attest", Image, "--key", "keys/release.key", "--type", "https://example.invalid/predicate/v1", "--predicate", "predicate.json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("SLW4014", result.Err, StringComparison.Ordinal);
    }
}
