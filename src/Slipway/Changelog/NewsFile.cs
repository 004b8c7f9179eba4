using Slipway.Configuration;
using Slipway.Files;

namespace Slipway.Changelog;

/// <summary>
/// Where a release goes and what the file holds afterwards, as towncrier's writer decides: with <c>single_file</c>, the
/// release is inserted after the start marker and the rest of the file is kept; otherwise each release gets its own
/// file named from <c>filename</c>.
/// </summary>
public static class NewsFile
{
    /// <summary>The news file for this release, relative to the configuration's folder.</summary>
    public static string RelativePath(ChangelogSection settings, VersionData version)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.SingleFile)
        {
            return settings.Filename;
        }

        if (!settings.Filename.Contains("{version}", StringComparison.Ordinal))
        {
            throw ChangelogErrors.FilenameWithoutVersion(settings.Origin, settings.Filename);
        }

        return PythonFormat.TryApply(settings.Filename, ReleaseRenderer.Fields(version), out var name, out var error)
            ? name
            : throw ChangelogErrors.FormatInvalid(settings.Origin, "filename", settings.Filename, error);
    }

    /// <summary>
    /// The news file's full path for this release, refused when it leaves the repository after <c>..</c> and every
    /// link: Slipway writes it, and reads what it holds into the published notes.
    /// </summary>
    public static string Locate(ChangelogSection settings, string baseDirectory, VersionData version, out string relative)
    {
        ArgumentNullException.ThrowIfNull(settings);
        relative = RelativePath(settings, version);
        var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        OutputPath.EnsureInside(path, relative, $"filename in {settings.Origin}", FileBoundary.Repository(baseDirectory), FileKind.RegularFile);
        return path;
    }

    /// <summary>What the news file holds now, or null when there is none yet; read with the same care as a fragment.</summary>
    public static string? ReadExisting(string path, string display, string baseDirectory)
    {
        if (!RepositoryFile.Exists(path))
        {
            return null;
        }

        return RepositoryFile.ReadAllText(
            path,
            display,
            FileBoundary.Repository(baseDirectory),
            RepositoryFile.LargeMaxSize,
            () => ChangelogErrors.Unreadable(display, "it disappeared while being read"));
    }

    /// <summary>
    /// The whole file after adding <paramref name="release"/> to <paramref name="existing"/> (null when the file does not
    /// exist). An existing single file without the start marker gets the release at its top, the old text after it,
    /// as towncrier 24.8 documents.
    /// </summary>
    public static string Compose(ChangelogSection settings, string displayPath, string? existing, RenderedRelease release)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(release);
        if (!settings.SingleFile || existing is null || PythonText.IsBlank(existing))
        {
            return PythonText.RStrip(release.Content) + "\n";
        }

        // towncrier reads the old file with universal newlines and writes it back as it read it.
        existing = existing.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var marker = existing.IndexOf(settings.StartString, StringComparison.Ordinal);
        var header = marker < 0 ? string.Empty : $"{PythonText.RStrip(existing[..marker])}\n\n{settings.StartString}\n";
        var previous = PythonText.LStrip(marker < 0 ? existing : existing[(marker + settings.StartString.Length)..]);
        if (release.TopLine.Length > 0 && previous.Contains(release.TopLine, StringComparison.Ordinal))
        {
            throw ChangelogErrors.AlreadyReleased(displayPath, release.TopLine);
        }

        return previous.Length > 0
            ? header + release.Content + previous
            : header + PythonText.RStrip(release.Content) + "\n";
    }
}
