using System.Diagnostics.CodeAnalysis;
using Slipway.Configuration;

namespace Slipway.Versioning;

/// <summary>The four schemes <c>version-scheme</c> names, and the one a version source implies when it names none.</summary>
public static class VersionSchemes
{
    public static IReadOnlyList<string> Names { get; } = ["semver", "pep440", "nuget", "calver"];

    public static bool TryGet(string name, string? calverFormat, [NotNullWhen(true)] out IVersionScheme? scheme, out string error)
    {
        ArgumentNullException.ThrowIfNull(name);
        scheme = null;
        error = string.Empty;
        switch (name)
        {
            case "semver":
                scheme = SemVerScheme.Instance;
                return true;
            case "pep440":
                scheme = Pep440Scheme.Instance;
                return true;
            case "nuget":
                scheme = NuGetScheme.Instance;
                return true;
            case "calver":
                var created = CalVerScheme.TryCreate(calverFormat ?? CalVerScheme.DefaultFormat, out var calver, out error);
                scheme = calver;
                return created;
            default:
                error = $"must be one of {string.Join(", ", Names.Select(n => $"\"{n}\""))} (it is \"{name}\")";
                return false;
        }
    }

    /// <summary>The scheme of the ecosystem the version source belongs to: a Python file or pyproject.toml → PEP 440,
    /// an MSBuild file → NuGet, anything else (package.json, Cargo.toml, VERSION, a git tag) → SemVer.</summary>
    public static (IVersionScheme Scheme, string Reason) Infer(VersionSourceSpec source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var file = source switch
        {
            VersionSourceSpec.FilePattern p => p.File,
            VersionSourceSpec.MSBuild m => m.File,
            VersionSourceSpec.Json j => j.File,
            VersionSourceSpec.Toml t => t.File,
            _ => null,
        };
        if (source is VersionSourceSpec.MSBuild)
        {
            return (NuGetScheme.Instance, $"inferred from {file}: an MSBuild version source");
        }

        if (file is null)
        {
            return (SemVerScheme.Instance, "the default");
        }

        var name = Path.GetFileName(file);
        var extension = Path.GetExtension(file).ToLowerInvariant();
        if (name.Equals("pyproject.toml", StringComparison.OrdinalIgnoreCase) || name.Equals("setup.cfg", StringComparison.OrdinalIgnoreCase)
            || name.Equals("setup.py", StringComparison.OrdinalIgnoreCase) || extension == ".py")
        {
            return (Pep440Scheme.Instance, $"inferred from {file}: a Python version source");
        }

        if (extension is ".csproj" or ".fsproj" or ".vbproj" or ".props" or ".targets")
        {
            return (NuGetScheme.Instance, $"inferred from {file}: an MSBuild version source");
        }

        return (SemVerScheme.Instance, "the default");
    }
}
