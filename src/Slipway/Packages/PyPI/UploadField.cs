namespace Slipway.Packages.PyPI;

/// <summary>One text part of the legacy upload form: its name and value.</summary>
internal sealed record UploadField(string Name, string Value);
