using Slipway.Configuration;

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
