namespace Slipway.Changelog.Jinja;

/// <summary>A compiled expression: evaluates to a value in a scope.</summary>
internal delegate object? JinjaExpression(JinjaScope scope);
