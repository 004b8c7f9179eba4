namespace Slipway.Changelog.Jinja;

/// <summary>Why a template cannot be rendered: each maps to its own error code.</summary>
internal enum JinjaFailure
{
    /// <summary>Valid Jinja2 that Slipway does not render; refused rather than rendered differently.</summary>
    Unsupported,

    /// <summary>Jinja2 itself would refuse the template (TemplateSyntaxError, TemplateAssertionError).</summary>
    Syntax,

    /// <summary>An undefined value used where Jinja2's default Undefined raises.</summary>
    Undefined,

    /// <summary>Any other error Jinja2 would raise while rendering (a TypeError, a division by zero).</summary>
    Runtime,
}
