using Slipway.Diagnostics;
using Slipway.Packages.Npm;

namespace Slipway.Tests.Packages;

public sealed class NpmRcTests
{
    [Fact]
    public void The_token_is_the_one_keyed_by_the_registry_and_is_never_sent_elsewhere()
    {
        var redactor = new SecretRedactor();
        var npmrc = NpmRc.FromText(
            """
            registry=https://registry.npmjs.org/
            //registry.npmjs.org/:_authToken=${NPM_TOKEN}
            //npm.example.com:8443/team/:_authToken=team-token
            # //evil.example.com/:_authToken=commented
            """,
            new DictionaryEnvironment(new Dictionary<string, string> { ["NPM_TOKEN"] = "public-token" }),
            redactor);

        Assert.Equal("public-token", npmrc.TokenFor(new Uri("https://registry.npmjs.org/")));
        Assert.Equal("team-token", npmrc.TokenFor(new Uri("https://npm.example.com:8443/team/")));
        Assert.Null(npmrc.TokenFor(new Uri("https://npm.example.com/team/")));
        Assert.Null(npmrc.TokenFor(new Uri("https://evil.example.com/")));
        Assert.Null(npmrc.TokenFor(new Uri("https://registry.npmjs.org.evil.example/")));
        Assert.Equal(["public-token", "team-token"], redactor.Secrets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_scoped_name_is_escaped_as_npm_escapes_it() =>
        Assert.Equal("@acme%2fwidget", NpmPublisher.Escape("@acme/widget"));
}
