using System.Text.Json;
using Slipway.Changelog.Jinja;

namespace Slipway.Tests.Changelog.Jinja;

/// <summary>
/// Each construct against what Jinja2 3.1 itself renders (TestData/jinja/cases.json, written by generate.py beside it
/// with towncrier's environment): the same output, or the same kind of failure. Constructs outside the subset must be
/// refused, never rendered.
/// </summary>
public sealed class JinjaConstructTests
{
    private static readonly JsonElement Data = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "jinja", "cases.json"))).RootElement;

    public static TheoryData<string> Cases => [.. Data.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> UnsupportedCases => [.. Data.GetProperty("unsupported").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_jinja2_renders(string name)
    {
        var @case = Data.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var template = @case.GetProperty("template").GetString()!;

        var (output, failure) = Render(template);

        if (@case.TryGetProperty("expected", out var expected))
        {
            Assert.Null(failure);
            Assert.Equal(expected.GetString(), output);
        }
        else
        {
            Assert.NotNull(failure);
            Assert.Equal(Enum.Parse<JinjaFailure>(@case.GetProperty("error").GetString()!), failure.Failure);
        }
    }

    [Theory]
    [MemberData(nameof(UnsupportedCases))]
    public void A_construct_outside_the_subset_is_refused_by_name(string name)
    {
        var @case = Data.GetProperty("unsupported").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

        var (output, failure) = Render(@case.GetProperty("template").GetString()!);

        Assert.Null(output);
        Assert.NotNull(failure);
        Assert.Equal(JinjaFailure.Unsupported, failure.Failure);
        Assert.Contains("outside the Jinja2 subset", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_names_the_line_of_the_statement_that_failed()
    {
        var (_, failure) = Render("one\n{% for x in l %}\n{{ x }}\n{% endfor %}\n{{ missing.attr }}\n");

        Assert.NotNull(failure);
        Assert.Equal(5, failure.Line);
        Assert.Equal("'missing' is undefined", failure.Message);
    }

    private static (string? Output, JinjaException? Failure) Render(string template)
    {
        try
        {
            var context = ((JinjaDict)Convert(Data.GetProperty("context"))!).Entries.ToDictionary(e => (string)e.Key, e => e.Value);
            return (JinjaTemplate.Parse(template).Render(context), null);
        }
        catch (JinjaException e)
        {
            return (null, e);
        }
    }

    private static object? Convert(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new JinjaDict();
                foreach (var property in value.EnumerateObject())
                {
                    dict.Add(property.Name, Convert(property.Value));
                }

                return dict;
            case JsonValueKind.Array:
                return value.EnumerateArray().Select(Convert).ToList();
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.TryGetInt64(out var l) ? (object)l : value.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
