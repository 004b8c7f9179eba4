namespace Slipway.Changelog.Jinja;

/// <summary>One token of a template; <see cref="Value"/> is a string literal's decoded text, a number's digits, an operator.</summary>
internal readonly record struct JinjaToken(JinjaTokenKind Kind, string Value, int Line)
{
    public bool Is(JinjaTokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsName(string value) => Is(JinjaTokenKind.Name, value);

    public bool IsOperator(string value) => Is(JinjaTokenKind.Operator, value);

    public string Describe() => Kind switch
    {
        JinjaTokenKind.End => "end of template",
        JinjaTokenKind.BlockEnd => "end of statement block",
        JinjaTokenKind.VariableEnd => "end of print statement",
        JinjaTokenKind.String => "string",
        JinjaTokenKind.Data => "template data",
        _ => $"'{Value}'",
    };
}
