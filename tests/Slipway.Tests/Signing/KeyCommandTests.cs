using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

public sealed class KeyCommandTests
{
    [Fact]
    public async Task Key_generate_writes_the_pair_and_never_prints_the_password()
    {
        using var directory = new TempDirectory("key-cli");
        var environment = new Dictionary<string, string> { ["COSIGN_PASSWORD"] = "pw-never-printed" };

        var result = await CliRunner.RunAsync(directory.Path, environment, "key", "generate", "--out", "keys/release", "--cosign", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"format\": \"cosign\"", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-never-printed", result.Out + result.Err, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----", directory.Read("keys/release.key"), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", directory.Read("keys/release.pub"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_generate_in_cosign_format_without_a_password_is_bad_input_and_writes_nothing()
    {
        using var directory = new TempDirectory("key-cli");

        var result = await CliRunner.RunAsync(directory.Path, "key", "generate", "--out", "release", "--cosign");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error SLW5003:", result.Err, StringComparison.Ordinal);
        Assert.Empty(directory.Snapshot());
    }
}
