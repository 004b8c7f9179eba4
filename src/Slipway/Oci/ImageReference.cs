using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Slipway.Oci;

/// <summary>
/// <c>registry/repository[:tag][@digest]</c>, following the grammar of distribution's reference package: the first
/// component is a registry when it has a dot, a port or is <c>localhost</c>; otherwise the image is on Docker Hub
/// (<c>docker.io</c>, with <c>library/</c> for a single component). Repository names are lowercase.
/// </summary>
public sealed partial record ImageReference(string Registry, string Repository, string? Tag = null, Digest? Digest = null)
{
    public const string DockerHub = "docker.io";

    private const int MaxNameLength = 255;

    /// <summary>The host (and port) that serves the <c>/v2/</c> API by default: Docker Hub's is not <c>docker.io</c> itself (see RegistryClientOptions.DockerHubRegistry).</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    public bool IsDockerHub => Registry == DockerHub;

    /// <summary><c>registry/repository</c>, without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The tag or digest a request names: the digest when there is one, because it cannot move.</summary>
    public string Selector => Digest?.ToString() ?? Tag ?? "latest";

    public ImageReference WithTag(string tag) => this with { Tag = tag, Digest = null };

    public ImageReference WithDigest(Digest digest) => this with { Tag = null, Digest = digest };

    public ImageReference Untargeted() => this with { Tag = null, Digest = null };

    public static bool IsValidTag(string? tag) => tag is not null && TagPattern().IsMatch(tag);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, out string error)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }

        var rest = text;
        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Oci.Digest.TryParse(rest[(at + 1)..], out digest, out var digestError))
            {
                error = $"has an invalid digest: it {digestError}";
                return false;
            }

            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!IsValidTag(tag))
            {
                error = $"has an invalid tag '{tag}' (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')";
                return false;
            }
        }

        var registry = DockerHub;
        var path = rest;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                if (!HostPattern().IsMatch(first))
                {
                    error = $"has an invalid registry host '{first}'";
                    return false;
                }

                registry = first;
                path = rest[(slash + 1)..];
            }
        }

        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = DockerHub;
        }

        if (path.Length == 0)
        {
            error = "has no repository name";
            return false;
        }

        foreach (var component in path.Split('/'))
        {
            if (!ComponentPattern().IsMatch(component))
            {
                error = component.Any(char.IsAsciiLetterUpper)
                    ? $"has an invalid repository name '{path}': it must be lowercase"
                    : $"has an invalid repository name '{path}' (lowercase letters, digits and separators '.', '_', '__', '-' between them)";
                return false;
            }
        }

        if (registry == DockerHub && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        if (registry.Length + 1 + path.Length > MaxNameLength)
        {
            error = $"is longer than {MaxNameLength} characters";
            return false;
        }

        reference = new ImageReference(registry, path, tag, digest);
        error = string.Empty;
        return true;
    }

    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw OciErrors.InvalidReference(text, error);

    public override string ToString() =>
        Name + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
