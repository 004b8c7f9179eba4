using System.CommandLine;
using Slipway.Versioning;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway version</c>: the version, tag and commit about to be released, and whether to release (and why).</summary>
internal static class VersionCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var checkSync = new Option<bool>("--check-sync") { Description = "Only check that every [project] sync file holds the version source's version: exit 1 naming each that does not (for a pre-commit hook)." };
        var command = new Command("version", "Show the version (read under [project] version-scheme: semver, pep440, nuget or calver; inferred from the version source when absent), its scheme, tag and commit, and whether there is anything to release.")
        {
            json, checkSync,
        };
        command.SetAction(parse =>
        {
            var context = new CommandContext(host, parse);
            if (parse.GetValue(checkSync))
            {
                return CheckSync(host, parse.GetValue(json), context);
            }

            var (repository, config) = context.OpenProject();
            using (repository)
            {
                var info = ReleaseDetector.Detect(config.Project, config.RootDirectory, repository);
                if (parse.GetValue(json))
                {
                    WriteJson(host.Out, info);
                }
                else
                {
                    WriteText(host.Out, info);
                }
            }

            return 0;
        });
        return command;
    }

    // A pre-commit hook: the version source and the sync files only, without the remote or the release decision.
    private static int CheckSync(CliHost host, bool json, CommandContext context)
    {
        var config = context.LoadConfig(Git.GitRepository.FindWorkingDirectory(context.Directory));
        var project = config.Project;
        VersionReading reading;
        if (project.Version is not Configuration.VersionSourceSpec.GitTag)
        {
            reading = VersionFile.Read(project.Version, config.RootDirectory, project.Scheme);
        }
        else
        {
            // Only a tag-driven version needs the repository: the tag at HEAD is the version.
            using var repository = Git.GitRepository.Open(context.Directory);
            var info = ReleaseDetector.Detect(project, config.RootDirectory, repository);
            reading = new VersionReading(info.Version, info.VersionSource);
        }

        VersionBumper.EnsureInSync(project, config.RootDirectory, reading.Version, reading.Source);
        if (json)
        {
            JsonOutput.Write(host.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("version", reading.Version.ToString());
                writer.WriteString("versionSource", reading.Source);
                writer.WriteStartArray("inSync");
                foreach (var spec in project.Sync)
                {
                    writer.WriteStringValue(VersionBumper.FileOf(spec));
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }
        else
        {
            host.Out.WriteLine(project.Sync.Count == 0
                ? $"version {reading.Version} (from {reading.Source}); no [project] sync files to compare"
                : $"in sync: {project.Sync.Count} file(s) hold {reading.Version}, as {reading.Source} does");
        }

        return 0;
    }

    private static void WriteText(TextWriter output, ReleaseInfo info)
    {
        output.WriteLine($"version     {info.Version}  (from {info.VersionSource})");
        output.WriteLine($"scheme      {info.Scheme.Name}  ({info.SchemeOrigin})");
        output.WriteLine($"tag         {info.Tag}");
        output.WriteLine($"commit      {info.Commit}");
        output.WriteLine($"branch      {info.Branch ?? "(detached HEAD)"}");
        output.WriteLine($"prerelease  {(info.Prerelease ? "yes" : "no")}");
        output.WriteLine($"release     {(info.ShouldRelease ? "yes" : "no")}: {info.Reason}");
        if (info.Dirty)
        {
            var shown = string.Join(", ", info.DirtyPaths.Take(5));
            var more = info.DirtyPaths.Count > 5 ? $" and {info.DirtyPaths.Count - 5} more" : string.Empty;
            output.WriteLine($"dirty       {info.DirtyPaths.Count} changed path(s): {shown}{more} (a release needs a clean tree or --allow-dirty)");
        }
    }

    private static void WriteJson(TextWriter output, ReleaseInfo info) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("version", info.Version.ToString());
            writer.WriteString("tag", info.Tag);
            writer.WriteString("commit", info.Commit);
            writer.WriteString("shortCommit", info.ShortCommit);
            if (info.Branch is null)
            {
                writer.WriteNull("branch");
            }
            else
            {
                writer.WriteString("branch", info.Branch);
            }

            writer.WriteBoolean("prerelease", info.Prerelease);
            writer.WriteBoolean("shouldRelease", info.ShouldRelease);
            writer.WriteString("reason", info.Reason);
            writer.WriteString("versionSource", info.VersionSource);
            writer.WriteString("versionScheme", info.Scheme.Name);
            writer.WriteString("versionSchemeOrigin", info.SchemeOrigin);
            writer.WriteBoolean("dirty", info.Dirty);
            writer.WriteStartArray("dirtyPaths");
            foreach (var path in info.DirtyPaths)
            {
                writer.WriteStringValue(path);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}
