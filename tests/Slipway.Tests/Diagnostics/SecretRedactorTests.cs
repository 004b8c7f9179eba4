using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Diagnostics;

namespace Slipway.Tests.Diagnostics;

public sealed class SecretRedactorTests
{
    // Every character here is escaped by some encoder: JSON's default escapes + & < ' " \ and é; URLs escape all but /.
    private const string Secret = "p+ss/w&rd<'\"\\é x";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static SecretRedactor WithSecret()
    {
        var redactor = new SecretRedactor();
        redactor.Register(Secret);
        return redactor;
    }

    [Fact]
    public void Secret_is_masked_as_System_Text_Json_writes_it()
    {
        var json = new JsonObject { ["notes"] = $"leaked {Secret} here" }.ToJsonString();
        Assert.Contains("\\u002B", json, StringComparison.Ordinal);

        var redacted = WithSecret().Redact(json);

        Assert.Equal("{\"notes\":\"leaked *** here\"}", redacted);
        Assert.Equal("leaked *** here", JsonNode.Parse(redacted)!["notes"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("relaxed")]
    [InlineData("minimal")]
    [InlineData("lower-hex")]
    public void Secret_is_masked_in_other_JSON_escapes(string style)
    {
        var escaped = style switch
        {
            "relaxed" => JsonSerializer.Serialize(Secret, Relaxed),
            "minimal" => "\"" + Secret.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
            _ => JsonSerializer.Serialize(Secret).ToLowerInvariant(),
        };

        Assert.Equal("{\"a\":\"***\"}", WithSecret().Redact("{\"a\":" + escaped + "}"));
    }

    [Fact]
    public void Secret_is_masked_URL_encoded_in_upper_and_lower_hex_and_as_a_form_value()
    {
        var redactor = WithSecret();
        var upper = Uri.EscapeDataString(Secret);
        var form = WebUtility.UrlEncode(Secret);
        Assert.Contains("+", form, StringComparison.Ordinal);

        Assert.Equal("http://ci:***@proxy:3128/", redactor.Redact($"http://ci:{upper}@proxy:3128/"));
        Assert.Equal("http://ci:***@proxy:3128/", redactor.Redact($"http://ci:{upper.ToLowerInvariant()}@proxy:3128/"));
        Assert.Equal("password=***&x=1", redactor.Redact($"password={form}&x=1"));
    }

    [Fact]
    public void A_registered_user_and_password_pair_is_masked_in_a_Basic_header()
    {
        var redactor = new SecretRedactor();
        redactor.Register("ci:" + Secret);
        var header = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:" + Secret));

        Assert.Equal("Authorization: Basic ***", redactor.Redact(header));
    }

    [Fact]
    public void A_secret_with_a_lone_surrogate_is_registered_and_masked_without_its_encoded_forms()
    {
        var redactor = new SecretRedactor();
        const string broken = "pass\uD800word";

        redactor.Register(broken);

        Assert.Equal($"x {SecretRedactor.Mask} y", redactor.Redact($"x {broken} y"));
    }
}
