using System.CommandLine;
using Slipway.Changelog;
using Slipway.Configuration;
using Slipway.Git;
using Slipway.Notes;
using Slipway.Pipeline.Steps;
using Slipway.State;
using Slipway.Versioning;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway notes</c>: the release body the release of this version gets, composed as compose-notes composes it
/// (narrative, hand-written notes from the pending fragments, the pull request list, the forge's limit); writes nothing.
/// </summary>
internal static class NotesCommand
{
    // Runs of one version read for a signed one, newest first: a version is rarely attempted more often.
    private const int MaxRunsRead = 50;

    public static Command Create(CliHost host)
    {
        var version = new Option<string?>("--version") { Description = "The version whose notes to compose (default: the version about to be released). Its tag's commit when the tag exists, else HEAD.", HelpName = "VERSION" };
        var noAi = new Option<bool>("--no-ai") { Description = "Leave out the [notes.ai] narrative: ask no model." };
        var json = GlobalOptions.Json();
        var command = new Command("notes", "Print the release body the release will get: the [notes.ai] narrative, the hand-written notes (the rendered fragments), a rule, the pull requests merged since the previous release, and the Verify section once a run of the version has signed its images.")
        {
            version, noAi, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(host, parse);
            var (repository, config) = context.OpenProject();
            ProjectVersion target;
            string tag;
            string commit;
            using (repository)
            {
                (target, tag, commit) = Target(config, repository, parse.GetValue(version));
            }

            var handWritten = HandWritten(config, host, target);
            using var narrative = parse.GetValue(noAi) ? null : NarrativeWriters.Create(config, host.Environment, host.Redactor);
            var composer = new NotesComposer(config.Project, config.RootDirectory, new GitPullRequestList(config.RootDirectory), narrative, config.Notes.PullRequests);
            var verify = await JournaledVerifyAsync(config, host, target, cancellationToken);
            if (verify is null && config.Images.Count > 0)
            {
                host.Err.WriteLine($"slipway: no run of {target} has signed its images yet; the Verify section is written once they are signed");
            }

            var notes = await composer.ComposeAsync(new NotesRequest(target, tag, commit, handWritten, config.Forge.Kind, verify), cancellationToken);
            foreach (var warning in notes.Warnings)
            {
                host.Err.WriteLine($"slipway: warning {warning}");
            }

            if (parse.GetValue(json))
            {
                WriteJson(host.Out, target, tag, commit, notes);
            }
            else
            {
                host.Out.Write(notes.Body);
            }

            return 0;
        });
        return command;
    }

    private static (ProjectVersion Version, string Tag, string Commit) Target(SlipwayConfig config, GitRepository repository, string? text)
    {
        var project = config.Project;
        ProjectVersion version;
        if (text is null)
        {
            version = ReleaseDetector.Detect(project, config.RootDirectory, repository).Version;
        }
        else if (!project.Scheme.TryParse(text, out var parsed, out var reason))
        {
            throw NotesErrors.VersionInvalid(text, project.Scheme.Title, reason);
        }
        else
        {
            version = parsed;
        }

        var tag = project.Tag.Render(version);
        var commit = repository.ResolveCommit($"refs/tags/{tag}") ?? repository.HeadCommit;
        return (version, tag, commit);
    }

    /// <summary>
    /// The Verify section compose-notes writes, from the newest run of <paramref name="version"/> whose sign step
    /// succeeded; null when there is none. An embedded journal that does not exist yet is not created.
    /// </summary>
    private static async Task<VerifyInstructions?> JournaledVerifyAsync(SlipwayConfig config, CliHost host, ProjectVersion version, CancellationToken cancellationToken)
    {
        if (config.State.Kind == StateSection.SqliteKind && !File.Exists(config.State.Location))
        {
            return null;
        }

        using var journal = RunJournalFactory.Open(config.State, host.Environment, host.Redactor, host.Time);
        if (journal is not IRunCatalog catalog)
        {
            return null;
        }

        var runs = await catalog.ListRunsAsync(new RunQuery(config.Project.Name, null, 0, MaxRunsRead, version.ToString()), cancellationToken);
        foreach (var run in runs.Runs)
        {
            if (ComposeNotesStep.Verify(await journal.StepsAsync(run.Run.Id, cancellationToken), config) is { } verify)
            {
                return verify;
            }
        }

        return null;
    }

    // The notes changelog-render journals for the run: the pending fragments rendered for this version, dated today.
    private static string? HandWritten(SlipwayConfig config, CliHost host, ProjectVersion version)
    {
        if (!ChangelogRenderStep.Configured(config))
        {
            return null;
        }

        var project = ChangelogProject.Locate(config.RootDirectory, config.Path, host.Environment, host.Redactor);
        var settings = project.Settings;
        var data = new VersionData(
            settings.Name.Length > 0 ? settings.Name : config.Project.Name,
            version.ToString(),
            host.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return ChangelogBuilder.Draft(project, data).Content;
    }

    private static void WriteJson(TextWriter output, ProjectVersion version, string tag, string commit, ReleaseNotes notes) =>
        JsonOutput.Write(output, writer =>
        {
            void Text(string name, string? value)
            {
                if (value is null)
                {
                    writer.WriteNull(name);
                }
                else
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteStartObject();
            writer.WriteString("version", version.ToString());
            writer.WriteString("tag", tag);
            writer.WriteString("commit", commit);
            Text("previousTag", notes.PreviousTag);
            writer.WriteStartObject("sections");
            Text("narrative", notes.Narrative);
            Text("handWritten", notes.HandWritten);
            writer.WriteString("pullRequests", notes.PullRequests);
            writer.WriteEndObject();
            writer.WriteString("body", notes.Body);
            writer.WriteBoolean("truncated", notes.Truncated);
            writer.WriteNumber("limit", notes.Limit);
            Text("model", notes.Model);
            Text("promptHash", notes.PromptHash);
            writer.WriteStartArray("warnings");
            foreach (var warning in notes.Warnings)
            {
                writer.WriteStringValue(warning.ToString());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}
