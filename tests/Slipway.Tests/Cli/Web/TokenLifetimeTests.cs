using Slipway.Cli.Web;

namespace Slipway.Tests.Cli.Web;

public sealed class TokenLifetimeTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("90m", 90)]
    [InlineData("1m", 1)]
    [InlineData("365d", 365 * 24 * 60)]
    public void A_count_and_a_unit_is_a_lifetime(string text, int minutes)
    {
        Assert.True(TokenLifetime.TryParse(text, out var lifetime));
        Assert.Equal(TimeSpan.FromMinutes(minutes), lifetime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("30")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("+1d")]
    [InlineData(" 1d")]
    [InlineData("1.5d")]
    [InlineData("30s")]
    [InlineData("30D")]
    [InlineData("366d")]
    [InlineData("8761h")]
    [InlineData("99999999999d")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(TokenLifetime.TryParse(text, out var lifetime));
        Assert.Null(lifetime);
    }
}
