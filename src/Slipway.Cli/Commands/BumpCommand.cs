using System.CommandLine;
using Slipway.Changelog;
using Slipway.Diagnostics;
using Slipway.Versioning;

namespace Slipway.Cli.Commands;

/// <summary>
/// <c>slipway bump</c>: rewrites the version in the version source and every <c>[project] sync</c> file, changing no
/// other byte; every edit is computed and checked before the first file is written. With <c>--pr</c> nothing in the
/// checkout is written: the bump is committed on <c>slipway/bump</c>, pushed, and proposed as a GitHub pull request.
/// </summary>
internal static class BumpCommand
{
    public static Command Create(CliHost host)
    {
        var what = new Argument<string?>("BUMP")
        {
            Description = "major, minor, patch, revision (NuGet's fourth number), pre, release, or an exact version. The rules per scheme are in the README.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var preId = new Option<string?>("--pre-id") { Description = "The prerelease label of 'bump pre' (default rc; PEP 440 takes a, b, rc or dev).", HelpName = "LABEL" };
        var fromFragments = new Option<bool>("--from-fragments") { Description = "Pick major, minor or patch from the pending news fragments' types ([project] bump maps types to levels; default breaking/removal → major, feature → minor, else patch; below 1.0.0 a major is a minor)." };
        var commit = new Option<bool>("--commit") { Description = "Commit exactly the rewritten files, with the message 'Bump version to VERSION'." };
        var allowDirty = new Option<bool>("--allow-dirty") { Description = "Rewrite a version file that has uncommitted changes." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the new version and the files it would rewrite; write nothing." };
        var pr = new Option<bool>("--pr")
        {
            Description = "Commit the bump on branch slipway/bump from HEAD (working tree and index untouched), push it there only, and open or update its pull request into the current branch, titled 'chore: bump version to VERSION' (GitHub forge; [forge] pr-token, else token). Refused when HEAD is itself a bump commit.",
        };
        var json = GlobalOptions.Json();
        var command = new Command("bump", "Set the next version in the version source and every [project] sync file, keeping every other byte (comments, quoting, line endings, BOM).")
        {
            what, preId, fromFragments, commit, allowDirty, dryRun, pr, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var toPr = parse.GetValue(pr);
            if (toPr && (parse.GetValue(commit) || parse.GetValue(allowDirty)))
            {
                throw SlipwayException.Input(ErrorCode.InvalidUsage, "--pr commits the bump on slipway/bump from HEAD; it takes neither --commit nor --allow-dirty", "see 'slipway bump --help'");
            }

            var context = new CommandContext(host, parse);
            var (repository, config) = context.OpenProject();
            using (repository)
            {
                var project = config.Project;
                var current = VersionBumper.ReadSource(project, config.RootDirectory);
                var (bump, reason) = ChooseBump(host, parse, parse.GetValue(what), parse.GetValue(preId), parse.GetValue(fromFragments), project, current.Version);
                var plan = VersionBumper.Plan(project, config.RootDirectory, bump, DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime));
                var files = plan.Edits.Select(e => Relative(repository.WorkingDirectory, config.RootDirectory, e.File)).ToList();
                if (!parse.GetValue(allowDirty))
                {
                    VersionBumper.EnsureClean(repository.DirtyPaths(), files);
                }

                var dry = parse.GetValue(dryRun);
                string? message = null;
                (string Commit, Forges.ForgePullRequest Pull)? opened = null;
                if (toPr)
                {
                    var bumpPr = new BumpPullRequest(config, host.Environment, host.Redactor);
                    using var forge = bumpPr.Forge();
                    var baseBranch = await bumpPr.CheckAsync(forge, cancellationToken);
                    if (!dry)
                    {
                        opened = await bumpPr.OpenAsync(forge, plan, baseBranch, cancellationToken);
                        message = $"Bump version to {plan.Next}";
                    }
                }
                else if (!dry)
                {
                    VersionEditor.Write(plan.Edits);
                    if (parse.GetValue(commit))
                    {
                        message = VersionBumper.Commit(repository.WorkingDirectory, plan, config.RootDirectory);
                    }
                }

                if (parse.GetValue(json))
                {
                    WriteJson(host.Out, plan, bump, reason, files, !dry && !toPr, message, opened);
                }
                else
                {
                    host.Out.WriteLine($"{(dry ? "would bump" : "bumped")} {plan.Previous} -> {plan.Next} ({bump}{(reason is null ? string.Empty : $": {reason}")})");
                    foreach (var edit in plan.Edits)
                    {
                        host.Out.WriteLine($"  {edit.File}{(edit.Changes ? string.Empty : " (unchanged)")}");
                    }

                    if (opened is { } done)
                    {
                        host.Out.WriteLine($"committed on {BumpPullRequest.Branch} ({done.Commit[..7]}): {message}");
                        host.Out.WriteLine($"{(done.Pull.Existing ? "updated" : "opened")} pull request #{done.Pull.Number}: {done.Pull.Location}");
                    }
                    else if (message is not null)
                    {
                        host.Out.WriteLine($"committed: {message}");
                    }
                }
            }

            return 0;
        });
        return command;
    }

    private static (VersionBump Bump, string? Reason) ChooseBump(
        CliHost host, ParseResult parse, string? what, string? preId, bool fromFragments, Configuration.ProjectSection project, ProjectVersion current)
    {
        if (fromFragments)
        {
            if (what is not null || preId is not null)
            {
                throw SlipwayException.Input(ErrorCode.InvalidUsage, "--from-fragments picks the bump itself; name no BUMP and no --pre-id with it", "see 'slipway bump --help'");
            }

            var changelog = ChangelogCommand.Locate(host, parse);
            var fragments = FragmentScanner.Scan(changelog.Settings, changelog.BaseDirectory, changelog.ListFiles);
            var directory = Path.GetRelativePath(host.WorkingDirectory, FragmentScanner.FragmentsDirectory(changelog.Settings, changelog.BaseDirectory));
            return VersionBumper.FromFragments(project, fragments, current, directory);
        }

        if (what is null)
        {
            throw SlipwayException.Input(ErrorCode.InvalidUsage, "name the bump: major, minor, patch, revision, pre, release or a version (or pass --from-fragments)", "see 'slipway bump --help'");
        }

        return VersionBump.TryParse(what, preId, out var bump, out var error)
            ? (bump, null)
            : throw SlipwayException.Input(ErrorCode.InvalidUsage, error, "see 'slipway bump --help'");
    }

    private static string Relative(string repositoryRoot, string configRoot, string file) =>
        Path.GetRelativePath(repositoryRoot, Path.GetFullPath(Path.Combine(configRoot, file))).Replace('\\', '/');

    private static void WriteJson(TextWriter output, BumpPlan plan, VersionBump bump, string? reason, IReadOnlyList<string> files, bool written, string? commit, (string Commit, Forges.ForgePullRequest Pull)? opened) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("previous", plan.Previous.ToString());
            writer.WriteString("version", plan.Next.ToString());
            writer.WriteString("bump", bump.ToString());
            if (reason is null)
            {
                writer.WriteNull("reason");
            }
            else
            {
                writer.WriteString("reason", reason);
            }

            writer.WriteString("versionSource", plan.Source);
            writer.WriteStartArray("files");
            foreach (var file in files)
            {
                writer.WriteStringValue(file);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("written", written);
            if (commit is null)
            {
                writer.WriteNull("commit");
            }
            else
            {
                writer.WriteString("commit", commit);
            }

            if (opened is { } done)
            {
                writer.WriteString("branch", BumpPullRequest.Branch);
                writer.WriteString("branchCommit", done.Commit);
                writer.WriteNumber("pullRequest", done.Pull.Number);
                writer.WriteString("pullRequestUrl", done.Pull.Location);
            }

            writer.WriteEndObject();
        });
}
