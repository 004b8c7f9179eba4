using System.Text;

namespace Slipway.Changelog.Jinja;

/// <summary>A compiled piece of template: writes its output for a scope.</summary>
internal delegate void JinjaStatement(JinjaScope scope, StringBuilder output);
