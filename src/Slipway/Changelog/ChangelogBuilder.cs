using System.Text;

namespace Slipway.Changelog;

/// <summary><c>changelog draft</c> and <c>changelog build</c>: render the pending fragments, and write them into the news file.</summary>
public static class ChangelogBuilder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static RenderedRelease Draft(ChangelogProject project, VersionData version)
    {
        ArgumentNullException.ThrowIfNull(project);
        var fragments = FragmentScanner.Scan(project.Settings, project.BaseDirectory, project.ListFiles);
        var template = TemplateSource.Resolve(project.Settings, project.BaseDirectory);
        return ReleaseRenderer.Render(project.Settings, fragments, version, template);
    }

    /// <summary>
    /// Writes the release into the news file and removes the consumed fragments (unless <paramref name="keep"/>).
    /// Everything that can be refused is checked before the first write. With no fragments, writes nothing unless
    /// <paramref name="allowEmpty"/> asks for towncrier's "No significant changes." release.
    /// </summary>
    public static BuildResult Build(ChangelogProject project, VersionData version, bool keep, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(project);
        var settings = project.Settings;
        var fragments = FragmentScanner.Scan(settings, project.BaseDirectory, project.ListFiles);
        var path = NewsFile.Locate(settings, project.BaseDirectory, version, out var relative);
        if (fragments.Count == 0 && !allowEmpty)
        {
            return new BuildResult(path, 0, Written: false);
        }

        var template = TemplateSource.Resolve(settings, project.BaseDirectory);
        var release = ReleaseRenderer.Render(settings, fragments, version, template);
        var existing = NewsFile.ReadExisting(path, relative, project.BaseDirectory);
        var content = NewsFile.Compose(settings, relative, existing, release);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Utf8);
        var topLevel = GitCli.TopLevel(project.BaseDirectory);
        if (topLevel is not null)
        {
            // towncrier stages the news file, so the release commit picks it up; an ignored file simply stays unstaged.
            GitCli.Run(topLevel, ["add", "--", path]);
        }

        if (!keep && fragments.Count > 0)
        {
            FragmentRemover.Remove(topLevel is not null, FragmentScanner.FragmentsDirectory(settings, project.BaseDirectory), [.. fragments.Select(f => f.Path)]);
        }

        return new BuildResult(path, fragments.Count, Written: true);
    }
}
