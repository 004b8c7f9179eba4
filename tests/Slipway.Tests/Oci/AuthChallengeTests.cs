using Slipway.Oci;

namespace Slipway.Tests.Oci;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Parses_a_bearer_challenge_with_quoted_parameters_and_commas_inside()
    {
        var challenge = AuthChallenge.Parse("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\"");

        Assert.NotNull(challenge);
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.example.com/token", challenge.Realm);
        Assert.Equal("registry.example.com", challenge.Service);
        Assert.Equal("repository:a/b:pull,push", challenge.Scope);
        Assert.Equal("insufficient_scope", challenge.Error);
    }

    [Fact]
    public void Parses_a_basic_challenge() =>
        Assert.True(AuthChallenge.Parse("Basic realm=\"slipway-test\"")!.IsBasic);

    [Fact]
    public void No_header_is_no_challenge() => Assert.Null(AuthChallenge.Parse(null));
}
