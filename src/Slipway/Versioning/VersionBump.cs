using System.Diagnostics.CodeAnalysis;

namespace Slipway.Versioning;

/// <summary>
/// A bump as the command line names it: <c>major</c>, <c>minor</c>, <c>patch</c>, <c>revision</c>, <c>pre</c> (with
/// its <see cref="PreId"/>, <c>rc</c> unless given), <c>release</c>, or an exact version (<see cref="Exact"/>).
/// </summary>
public sealed record VersionBump(BumpKind Kind, string PreId, string? Exact)
{
    public const string DefaultPreId = "rc";

    public static IReadOnlyList<string> Names { get; } = ["major", "minor", "patch", "revision", "pre", "release"];

    public static VersionBump Of(BumpKind kind) => new(kind, DefaultPreId, null);

    public static bool TryParse(string text, string? preId, [NotNullWhen(true)] out VersionBump? bump, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        bump = null;
        error = string.Empty;
        if (preId is not null && text != "pre")
        {
            error = "--pre-id applies only to 'bump pre'";
            return false;
        }

        var kind = text switch
        {
            "major" => BumpKind.Major,
            "minor" => BumpKind.Minor,
            "patch" => BumpKind.Patch,
            "revision" => BumpKind.Revision,
            "pre" => BumpKind.Pre,
            "release" => BumpKind.Release,
            _ => BumpKind.Exact,
        };
        if (kind == BumpKind.Exact && (text.Length == 0 || !char.IsAsciiDigit(text[0])))
        {
            error = $"'{text}' is neither {string.Join(", ", Names)} nor a version (a version starts with a digit)";
            return false;
        }

        if (preId is not null && (preId.Length == 0 || !preId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || preId.All(char.IsAsciiDigit)))
        {
            error = $"--pre-id '{preId}' must be letters, digits or '-', and not only digits (for example rc, beta, alpha)";
            return false;
        }

        bump = new VersionBump(kind, preId ?? DefaultPreId, kind == BumpKind.Exact ? text : null);
        return true;
    }

    public override string ToString() => Kind switch
    {
        BumpKind.Exact => Exact!,
        BumpKind.Pre => $"pre --pre-id {PreId}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
