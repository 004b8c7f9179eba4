using Slipway.Changelog;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

public sealed class TextWrapTests
{
    [Theory]
    [InlineData("- Short line (#1)")]
    [InlineData("- A line that goes on and on well past the seventy-nine columns of the wrap width, and then some more (#12, #13)")]
    [InlineData("  - an indented bullet that is long enough to wrap at the width of seventy nine columns for sure yes")]
    [InlineData("- https://example.invalid/a/very/long/url/that/cannot/be/broken/because/words/are/never/broken/at/all/in/towncrier")]
    [InlineData("-\ttabs\tand   runs   of    spaces  that  wrap  at  the  width  of  seventy  nine  columns  or  so  indeed")]
    [InlineData("   ")]
    [InlineData("")]
    public void Fills_like_python_textwrap(string line)
    {
        if (!ProcessRunner.IsInstalled("python3"))
        {
            Assert.Skip("python3 is not installed");
        }

        const string Script = "import sys, textwrap; sys.stdout.write(textwrap.fill(sys.stdin.read(), width=79, subsequent_indent='  ', break_long_words=False, break_on_hyphens=False))";
        var python = ProcessRunner.Run("python3", ["-c", Script], input: line).EnsureSuccess("python3 textwrap");

        // The runner collects output line by line; a filled text never ends with a newline.
        Assert.Equal(python.Out.TrimEnd('\n'), TextWrap.Fill(line, "  "));
    }
}
