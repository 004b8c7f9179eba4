using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Oci;

// Credential helpers are executables found on PATH; the tests write shell scripts, so they run where sh runs.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DockerConfigCredentialProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_an_auths_entry_for_the_host()
    {
        using var temp = new TempDirectory("docker");
        var auth = Convert.ToBase64String("ci:s3cret:with:colons"u8.ToArray());
        temp.Write("config.json", """{"auths":{"registry.example.com":{"auth":"AUTH"}}}""".Replace("AUTH", auth, StringComparison.Ordinal));
        var redactor = new SecretRedactor();
        var provider = new DockerConfigCredentialProvider(Environment(temp), redactor);

        var credentials = await provider.GetAsync("registry.example.com", Ct);

        Assert.Equal(new RegistryCredentials("ci", "s3cret:with:colons"), credentials);
        Assert.Equal("***", redactor.Redact("s3cret:with:colons"));
        Assert.Null(await provider.GetAsync("other.example.com", Ct));
    }

    [Fact]
    public async Task Docker_Hub_is_found_under_its_historical_key()
    {
        using var temp = new TempDirectory("docker");
        var auth = Convert.ToBase64String("me:hub-token"u8.ToArray());
        temp.Write("config.json", """{"auths":{"https://index.docker.io/v1/":{"auth":"AUTH"}}}""".Replace("AUTH", auth, StringComparison.Ordinal));

        var credentials = await new DockerConfigCredentialProvider(Environment(temp)).GetAsync("docker.io", Ct);

        Assert.Equal("me", credentials?.Username);
    }

    [Fact]
    public async Task A_credential_helper_is_asked_over_stdin_and_answers_json()
    {
        using var temp = new TempDirectory("docker");
        temp.Write("config.json", """{"credHelpers":{"127.0.0.1:5000":"fake"},"auths":{"127.0.0.1:5000":{"auth":"bm90OnVzZWQ="}}}""");
        var helper = temp.Write("bin/docker-credential-fake", """
            #!/bin/sh
            [ "$1" = get ] || exit 2
            read server
            echo "{\"ServerURL\":\"$server\",\"Username\":\"helper-user\",\"Secret\":\"from-$server\"}"
            """);
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        var credentials = await new DockerConfigCredentialProvider(Environment(temp, temp["bin"])).GetAsync("127.0.0.1:5000", Ct);

        Assert.Equal(new RegistryCredentials("helper-user", "from-127.0.0.1:5000"), credentials);
    }

    [Fact]
    public async Task A_helper_that_has_nothing_stored_means_no_credentials()
    {
        using var temp = new TempDirectory("docker");
        temp.Write("config.json", """{"credsStore":"empty"}""");
        var helper = temp.Write("bin/docker-credential-empty", "#!/bin/sh\necho 'credentials not found in native keychain'\nexit 1\n");
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        Assert.Null(await new DockerConfigCredentialProvider(Environment(temp, temp["bin"])).GetAsync("127.0.0.1:5000", Ct));
    }

    [Fact]
    public async Task A_missing_helper_is_an_error_naming_it()
    {
        using var temp = new TempDirectory("docker");
        temp.Write("config.json", """{"credHelpers":{"127.0.0.1:5000":"absent"}}""");

        var error = await Assert.ThrowsAsync<SlipwayException>(() => new DockerConfigCredentialProvider(Environment(temp, temp["bin"])).GetAsync("127.0.0.1:5000", Ct));

        Assert.Equal(ErrorCode.CredentialHelperFailed, error.Code);
        Assert.Contains("docker-credential-absent", error.Message, StringComparison.Ordinal);
    }

    private static DictionaryEnvironment Environment(TempDirectory temp, string? path = null) =>
        new(new Dictionary<string, string> { ["DOCKER_CONFIG"] = temp.Path, ["PATH"] = path ?? "/nonexistent" });
}
