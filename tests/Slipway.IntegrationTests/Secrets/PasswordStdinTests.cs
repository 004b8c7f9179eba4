using Slipway.Diagnostics;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Secrets;

/// <summary><c>--password-stdin</c> against the real registry with htpasswd authentication.</summary>
public sealed class PasswordStdinTests
{
    [Fact]
    public async Task The_password_read_from_standard_input_authenticates_and_is_never_shown()
    {
        await using var registry = await RegistryFixture.StartAsync(RegistryAuthMode.Basic);
        using var temp = new TempDirectory("stdin");
        var environment = new Dictionary<string, string> { ["HOME"] = temp.Path };
        string[] inspect = ["image", "inspect", $"{registry.Host}/any/thing:1", "--username", RegistryFixture.Username, "--password-stdin"];

        var right = await CliRunner.RunWithInputAsync(temp.Path, environment, RegistryFixture.Password + "\n", inspect);
        var wrong = await CliRunner.RunWithInputAsync(temp.Path, environment, "not-the-password\n", inspect);

        // Authenticated, the registry says the manifest is unknown; with the wrong password it says 401.
        Assert.Equal(ExitCodes.Failed, right.ExitCode);
        Assert.DoesNotContain("returned 401", right.Err, StringComparison.Ordinal);
        Assert.Contains("SLW4012", right.Err, StringComparison.Ordinal);
        Assert.Contains("returned 401 UNAUTHORIZED", wrong.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(RegistryFixture.Password, right.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", wrong.ToString(), StringComparison.Ordinal);
    }
}
