using Slipway.Cli;
using Slipway.Diagnostics;

namespace Slipway.Tests.Diagnostics;

public sealed class ProxyCredentialTests
{
    [Theory]
    [InlineData("The proxy tunnel request to proxy 'http://ci:p%2Bss%40w0rd@127.0.0.1:3128/' failed with status code '407'.", "The proxy tunnel request to proxy 'http://127.0.0.1:3128/' failed with status code '407'.")]
    [InlineData("GET https://user@registry.example.com/v2/ failed", "GET https://registry.example.com/v2/ failed")]
    [InlineData("push to https://x-access-token:ghp_abc@github.com/acme/demo.git failed", "push to https://github.com/acme/demo.git failed")]
    [InlineData("git@github.com:acme/demo.git and mail@example.com stay", "git@github.com:acme/demo.git and mail@example.com stay")]
    public void User_info_is_stripped_from_every_url_in_a_message(string message, string expected)
    {
        Assert.Equal(expected, UrlUserInfo.Strip(message));
        var error = SlipwayException.Failure(ErrorCode.RegistryUnreachable, message, message);
        Assert.Equal(expected, error.Message);
        Assert.Equal(expected, error.Hint);
    }

    [Theory]
    [InlineData("HTTPS_PROXY")]
    [InlineData("http_proxy")]
    [InlineData("ALL_PROXY")]
    [InlineData("all_proxy")]
    public void A_proxy_password_from_the_environment_is_a_secret_from_the_start(string variable)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new DictionaryEnvironment(new Dictionary<string, string> { [variable] = "http://ci:pr%2Bxy-s3cret@proxy.internal:3128" });

        var host = new CliHost(output, error, environment, Path.GetTempPath());

        Assert.Equal("password ***, pair ***, decoded ***", host.Redactor.Redact("password pr%2Bxy-s3cret, pair ci:pr%2Bxy-s3cret, decoded pr+xy-s3cret"));
    }
}
