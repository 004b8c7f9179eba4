using System.Text;

namespace Slipway.Changelog.Jinja;

/// <summary>A parsed Jinja2 template, rendered as <c>jinja2.Template(text, trim_blocks=True).render(**context)</c> would.</summary>
internal sealed class JinjaTemplate
{
    private readonly JinjaStatement _body;

    private JinjaTemplate(JinjaStatement body) => _body = body;

    /// <exception cref="JinjaException">The template is not valid Jinja2, or uses a construct Slipway does not render.</exception>
    public static JinjaTemplate Parse(string source) => new(JinjaParser.Parse(source));

    /// <exception cref="JinjaException">Rendering fails where Jinja2's would; <see cref="JinjaException.Line"/> says where.</exception>
    public string Render(IReadOnlyDictionary<string, object?> context)
    {
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal);
        JinjaGlobals.AddTo(globals);
        foreach (var (name, value) in context)
        {
            globals[name] = value;
        }

        var scope = new JinjaScope(globals);
        var output = new StringBuilder();
        try
        {
            _body(scope, output);
        }
        catch (JinjaException e) when (e.Line == 0)
        {
            e.Line = scope.Line;
            throw;
        }

        return output.ToString();
    }
}
