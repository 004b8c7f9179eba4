using System.Text;
using Slipway.Diagnostics;
using Slipway.Gates;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Gates;

/// <summary>
/// The quoting alone, with values no validation would let through: whatever quotes surround a placeholder, /bin/sh
/// receives the exact value as one word and runs nothing from it.
/// </summary>
public sealed class ShellTemplateTests : IDisposable
{
    private static readonly string[] Fields = ["image", "digest", "platform"];

    private readonly TempDirectory _directory = new("shell-template");

    /// <summary>Each template prints its arguments one per line in brackets; <c>V</c> in the expectation is the value.</summary>
    public static readonly TheoryData<string, string> Templates = new()
    {
        { "printf '[%s]\\n' {platform}", "[V]" },
        { "printf '[%s]\\n' '{platform}'", "[V]" },
        { "printf '[%s]\\n' \"{platform}\"", "[V]" },
        { "printf '[%s]\\n' \"x{platform}y\"", "[xVy]" },
        { "printf '[%s]\\n' 'x{platform}y'", "[xVy]" },
        { "printf '[%s]\\n' pre{platform}", "[preV]" },
        { "printf '[%s]\\n' {platform}post", "[Vpost]" },
        { "printf '[%s]\\n' --platform={platform}", "[--platform=V]" },
        { "printf '[%s]\\n' \"{platform}\" '{platform}' {platform}", "[V]\n[V]\n[V]" },
        { "printf '[%s]\\n' \"{image}@{digest}\"", "[V@V]" },
        { "printf '[%s]\\n' \"a\\\"b{platform}\"", "[a\"bV]" },
        { "printf '[%s]\\n' \"\\{platform}\"", "[\\V]" },
        { "printf '[%s]\\n' '\\{platform}'", "[\\V]" },
        { "printf '[%s]\\n' \"\\\\{platform}\"", "[\\V]" },
        { "printf '[%s]\\n' \\'{platform}", "['V]" },
        { "printf '[%s]\\n' \\\"{platform}\\\"", "[\"V\"]" },
        { "printf '[%s]\\n' \"it's {platform}\"", "[it's V]" },
        { "printf '[%s]\\n' '\"{platform}\"'", "[\"V\"]" },
        { "printf '[%s]\\n' \"'{platform}'\"", "['V']" },
        { "printf '[%s]\\n' {platform} # it's {platform}\nprintf '[%s]\\n' {platform}", "[V]\n[V]" },
        { "printf '[%s]\\n' \"{platform}\" \\\n  '{platform}'", "[V]\n[V]" },
        { "awk 'BEGIN { printf \"[%s]\\n\", ARGV[1] }' \"{platform}\"", "[V]" },
    };

    public static readonly TheoryData<string> HostileValues = new(
        "linux/amd64$(touch marker)",
        "';touch marker;'",
        "\"; touch marker; \"",
        "`touch marker`",
        "$(touch marker)\"'`\\",
        "a\\",
        "\\",
        "'",
        "x\ny; touch marker",
        "* ~ $HOME ${HOME} ?",
        "  spaced   value  ",
        "");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var template in Templates)
        {
            foreach (var value in HostileValues)
            {
                data.Add(template.Data.Item1, template.Data.Item2, value.Data);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_quoting_of_a_placeholder_yields_the_exact_value_and_runs_none_of_it(string text, string expected, string value)
    {
        Assert.True(ShellTemplate.TryParse(text, Fields, out var template, out var error), error);

        var output = await RunAsync(template.Render(new Dictionary<string, string> { ["image"] = value, ["digest"] = value, ["platform"] = value }));

        Assert.Equal(expected.Replace("V", value, StringComparison.Ordinal) + "\n", output);
        Assert.False(File.Exists(_directory["marker"]), "the value ran as shell code");
    }

    [Fact]
    public async Task An_escaped_brace_outside_quotes_is_the_literal_text()
    {
        Assert.True(ShellTemplate.TryParse("printf '[%s]\\n' \\{platform}", Fields, out var template, out var error), error);

        Assert.Equal("[{platform}]\n", await RunAsync(template.Render(new Dictionary<string, string> { ["platform"] = "$(touch marker)" })));
        Assert.False(File.Exists(_directory["marker"]));
    }

    [Theory]
    [InlineData("echo $(echo {platform})", "inside a '$(' command substitution")]
    [InlineData("echo \"$(echo \"{platform}\")\"", "inside a '$(' command substitution")]
    [InlineData("echo $(( {platform} ))", "inside a '$(' command substitution")]
    [InlineData("echo `echo {platform}`", "inside a backquote command substitution")]
    [InlineData("echo ${platform}", "'${platform}', a shell parameter expansion")]
    [InlineData("echo \"${platform}\"", "'${platform}', a shell parameter expansion")]
    [InlineData("echo \"${X:-{platform}}\"", "inside a '${' parameter expansion")]
    [InlineData("cat <<EOF\n{platform}\nEOF", "after a here-document")]
    [InlineData("echo \"{platform}", "unclosed double quote")]
    [InlineData("echo '{platform}", "unclosed single quote")]
    [InlineData("echo $(date", "unclosed '$(' command substitution")]

    // Past these the parser cannot be sure of the quoting: a case pattern's ')' inside $(…), a quote inside "${…}"
    // (dash and bash read it as a plain character), bash's $'…' where \' escapes the quote.
    [InlineData("echo \"$(case a in a) echo;; esac; echo \"{platform}\")\"", "after a '$(' command substitution")]
    [InlineData("echo \"${x:-'}\"A'}{platform}\" #'", "after a '${' parameter expansion")]
    [InlineData("echo $'\\'{platform}'' #'", "after a $'…' quote")]
    [InlineData("echo \"$(date)\" {platform}", "after a '$(' command substitution")]
    [InlineData("echo `date` {platform}", "after a backquote command substitution")]
    [InlineData("printf '[%s]\\n' \"${0:+h}{platform}\"", "after a '${' parameter expansion")]
    public void A_placeholder_the_shell_would_read_in_another_context_is_refused(string text, string message)
    {
        Assert.False(ShellTemplate.TryParse(text, Fields, out _, out var error));

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_points_at_the_environment_variable()
    {
        Assert.False(ShellTemplate.TryParse("syft $(echo {platform})", Fields, out _, out var error));

        Assert.Contains("use \"$SLIPWAY_PLATFORM\" there", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("awk '{print $1}' {platform}")]
    [InlineData("echo {unknown} {platform}")]
    public void Braces_that_are_no_placeholder_stay_as_they_are(string text)
    {
        Assert.True(ShellTemplate.TryParse(text, Fields, out var template, out var error), error);

        var rendered = template.Render(new Dictionary<string, string> { ["image"] = "i", ["digest"] = "d", ["platform"] = "p" });

        Assert.Equal(text.Replace("{platform}", "'p'", StringComparison.Ordinal).Replace("{image}", "'i'", StringComparison.Ordinal).Replace("{digest}", "'d'", StringComparison.Ordinal), rendered);
    }

    [Fact]
    public void Placeholders_in_a_comment_stay_as_written()
    {
        Assert.True(ShellTemplate.TryParse("cat out/scan.json # {image}@{digest} it's\necho {platform}", Fields, out var template, out var error), error);

        var rendered = template.Render(new Dictionary<string, string> { ["image"] = "i\nx", ["digest"] = "d", ["platform"] = "p" });

        Assert.Equal("cat out/scan.json # {image}@{digest} it's\necho 'p'", rendered);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string> RunAsync(string command) =>
        Encoding.UTF8.GetString(await CapturedCommand.RunAsync(
            command,
            _directory.Path,
            (exitCode, error) => SlipwayException.Failure(ErrorCode.StepFailed, $"'{command}' exited {exitCode}: {error}"),
            TestContext.Current.CancellationToken));
}
