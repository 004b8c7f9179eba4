namespace Slipway.Changelog.Jinja;

/// <summary>A template failure at a line of the template (0 until the statement that raised it sets it).</summary>
internal sealed class JinjaException : Exception
{
    public JinjaException()
    {
    }

    public JinjaException(string message)
        : base(message)
    {
    }

    public JinjaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JinjaException(JinjaFailure failure, string message, int line = 0)
        : base(message)
    {
        Failure = failure;
        Line = line;
    }

    public JinjaFailure Failure { get; } = JinjaFailure.Runtime;

    public int Line { get; set; }

    public static JinjaException Unsupported(string construct, int line = 0) =>
        new(JinjaFailure.Unsupported, $"{construct} is outside the Jinja2 subset Slipway renders", line);

    public static JinjaException Syntax(string message, int line) => new(JinjaFailure.Syntax, message, line);

    public static JinjaException Runtime(string message) => new(JinjaFailure.Runtime, message);
}
