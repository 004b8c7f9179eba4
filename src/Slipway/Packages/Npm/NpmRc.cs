using Slipway.Diagnostics;

namespace Slipway.Packages.Npm;

/// <summary>
/// The registry tokens of <c>.npmrc</c> files as npm reads them: <c>//host[:port]/path/:_authToken=VALUE</c>, keyed by
/// the registry URL without its scheme, <c>${NAME}</c> expanded from the environment. The repository's own .npmrc is
/// read first, then the user's (<c>NPM_CONFIG_USERCONFIG</c>, else <c>~/.npmrc</c>). A token is only ever sent to the
/// registry its key names.
/// </summary>
public sealed class NpmRc
{
    private const int FileLimit = 1024 * 1024;
    private const string TokenKey = ":_authToken";
    private readonly List<(string Prefix, string Token)> _tokens;

    private NpmRc(List<(string Prefix, string Token)> tokens) => _tokens = tokens;

    public static NpmRc Load(string repositoryRoot, IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(redactor);
        var files = new List<string> { Path.Combine(repositoryRoot, ".npmrc") };
        if (environment.GetVariable("NPM_CONFIG_USERCONFIG") is { Length: > 0 } user)
        {
            files.Add(user);
        }
        else if (environment.GetVariable("HOME") is { Length: > 0 } home)
        {
            files.Add(Path.Combine(home, ".npmrc"));
        }

        var tokens = new List<(string, string)>();
        foreach (var file in files.Where(File.Exists))
        {
            tokens.AddRange(Parse(ReadCapped(file), environment, redactor));
        }

        return new NpmRc(tokens);
    }

    public static NpmRc FromText(string text, IEnvironment environment, SecretRedactor redactor) =>
        new([.. Parse(text, environment, redactor)]);

    /// <summary>The token for <paramref name="registry"/>: the entry whose key is the longest prefix of its URL.</summary>
    public string? TokenFor(Uri registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var key = NerfDart(registry);
        return _tokens.Where(t => key.StartsWith(t.Prefix, StringComparison.OrdinalIgnoreCase)).OrderByDescending(t => t.Prefix.Length).Select(t => t.Token).FirstOrDefault();
    }

    /// <summary>npm's "nerf dart": <c>//host:port/path/</c>, the registry URL without scheme, query or user info.</summary>
    public static string NerfDart(Uri registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var path = registry.AbsolutePath.EndsWith('/') ? registry.AbsolutePath : registry.AbsolutePath + "/";
        var port = registry.IsDefaultPort ? string.Empty : $":{registry.Port}";
        return $"//{registry.Host}{port}{path}";
    }

    private static IEnumerable<(string, string)> Parse(string text, IEnvironment environment, SecretRedactor redactor)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';' || !line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            if (!key.EndsWith(TokenKey, StringComparison.Ordinal))
            {
                continue;
            }

            var value = Expand(line[(equals + 1)..].Trim().Trim('"'), environment);
            if (value.Length == 0)
            {
                continue;
            }

            redactor.Register(value);
            var prefix = key[..^TokenKey.Length];
            yield return (prefix.EndsWith('/') ? prefix : prefix + "/", value);
        }
    }

    private static string Expand(string value, IEnvironment environment)
    {
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var start = value.IndexOf("${", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : value.IndexOf('}', start);
            if (start < 0 || end < 0)
            {
                result.Append(value, i, value.Length - i);
                break;
            }

            result.Append(value, i, start - i);
            result.Append(environment.GetVariable(value[(start + 2)..end]) ?? string.Empty);
            i = end + 1;
        }

        return result.ToString();
    }

    private static string ReadCapped(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[FileLimit];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
