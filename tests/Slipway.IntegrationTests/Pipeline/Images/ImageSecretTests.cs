using Slipway.Diagnostics;
using Slipway.IntegrationTests.Oci;
using Slipway.Signing;
using Slipway.Tests.Infra.Registry;

namespace Slipway.IntegrationTests.Pipeline.Images;

/// <summary>A whole image release with a registry password and a key password in the environment leaks neither.</summary>
[Collection(BasicAuthRegistryGroup.Name)]
public sealed class ImageSecretTests(BasicAuthRegistry server) : IDisposable
{
    private const string KeyPassword = "k3y-Pa55word-for-signing";

    private ImageReleaseProject? _project;

    public void Dispose()
    {
        server.AttachLogIfFailed();
        _project?.Dispose();
    }

    [Fact]
    public async Task A_whole_image_release_writes_neither_password_to_output_journal_or_logs()
    {
        _project = new ImageReleaseProject(
            server.Registry.Host,
            "e2e/secrets",
            $"""

            [[registry]]
            host = "{server.Registry.Host}"
            username = "{RegistryFixture.Username}"
            password = "env:SLIPWAY_E2E_REGISTRY_PASSWORD"
            """,
            KeyPassword);
        var environment = _project.Project.Environment;
        environment["SLIPWAY_E2E_REGISTRY_PASSWORD"] = RegistryFixture.Password;
        environment[KeyLoader.PasswordVariable] = KeyPassword;
        environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await _project.RunAsync("release", "--yes");
        var status = await _project.RunAsync("status", "--json");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        foreach (var text in new[] { release.Out, release.Err, status.Out, status.Err })
        {
            Assert.DoesNotContain(RegistryFixture.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(KeyPassword, text, StringComparison.Ordinal);
        }

        var files = Directory.EnumerateFiles(Path.Combine(_project.Project.Repository.Path, ".slipway"), "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("state.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(RegistryFixture.Password, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(KeyPassword, bytes, StringComparison.Ordinal);
        }
    }
}
