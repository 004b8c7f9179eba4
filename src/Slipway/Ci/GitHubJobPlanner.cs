using Slipway.Configuration;
using Slipway.Oci;
using Slipway.Pipeline;
using Slipway.Signing;

namespace Slipway.Ci;

/// <summary>
/// Maps the step graph onto jobs. Each step is a job of its own, so steps that may run side by side (sign, scan) do,
/// with these exceptions: a build with per-platform layouts is one job per platform, each on its own runner; and a
/// trivial step joins the job it follows when everything it depends on is done by then (its job or that job's
/// ancestors), so no runner starts, checks out and installs Slipway for a few milliseconds of work. Trivial steps are
/// detect-version and preflight (they only read the repository), every step whose condition is false for this
/// configuration (it records itself as skipped), and finalize-changelog, which joins create-release so that the one
/// job allowed to write to the repository (contents: write) is the job that pushes the tag and the changelog commit.
/// Only the publish-packages job may request an OIDC ID token (id-token: write), and only when a [[package]] uses
/// trusted publishing; and the signing jobs, only in keyless mode. A job needs exactly the jobs holding the steps its steps depend on, so <c>needs:</c> is the graph's edges.
/// </summary>
public static class GitHubJobPlanner
{
    /// <summary>Steps that push to (or delete from) the image registries: on ghcr.io they need packages: write.</summary>
    private static readonly HashSet<string> RegistryWriters = new(StringComparer.Ordinal)
    {
        StepNames.PushPrerelease, StepNames.Sign, StepNames.AttestSbom, StepNames.AttestProvenance, StepNames.PromoteImages, StepNames.CleanupPrerelease,
    };

    private static readonly HashSet<string> RepositoryWriters = new(StringComparer.Ordinal) { StepNames.CreateRelease, StepNames.FinalizeChangelog };

    private static readonly HashSet<string> Signers = new(StringComparer.Ordinal) { StepNames.Sign, StepNames.AttestSbom, StepNames.AttestProvenance };

    public static IReadOnlyList<WorkflowJob> Plan(SlipwayConfig config, StepGraph graph)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(graph);
        var secrets = WorkflowSecrets.Of(config);
        var platforms = Platforms(config);
        var github = config.Ci.GitHub;
        var unknownPlatform = github.PlatformRunsOn.Keys.FirstOrDefault(p => !platforms.Contains(p));
        if (unknownPlatform is not null)
        {
            throw CiErrors.NotExpressible(
                $"[ci.github.platforms] names {unknownPlatform}, which no [[image]] layouts builds",
                platforms.Count == 0 ? "per-platform runners apply to [[image]] layouts = { \"os/arch\" = \"path\" }" : $"the platforms built: {string.Join(", ", platforms)}");
        }

        var drafts = new List<JobDraft>();
        var jobsOf = new Dictionary<string, List<JobDraft>>(StringComparer.Ordinal);
        foreach (var step in graph.Order)
        {
            var enabled = step.Condition(config).Enabled;
            var dependencies = step.DependsOn.SelectMany(d => jobsOf[d]).Distinct().OrderBy(drafts.IndexOf).ToList();
            if (step.Name == StepNames.Build && enabled && platforms.Count > 0)
            {
                jobsOf[step.Name] = [.. platforms.Select(platform => Add(drafts, new JobDraft(PlatformJobId(platform, drafts), step.Name, platform, dependencies)))];
                continue;
            }

            if (Trivial(step.Name, enabled) && dependencies.Count > 0)
            {
                var into = dependencies[^1];
                var before = into.Ancestors();
                if (into.Platform is null
                    && dependencies.All(d => d == into || before.Contains(d))
                    && (step.Name != StepNames.FinalizeChangelog || into.Steps.Contains(StepNames.CreateRelease)))
                {
                    into.Steps.Add(step.Name);
                    into.Needs.UnionWith(dependencies.Where(d => d != into));
                    jobsOf[step.Name] = [into];
                    continue;
                }
            }

            jobsOf[step.Name] = [Add(drafts, new JobDraft(step.Name, step.Name, null, dependencies))];
        }

        var enabledSteps = graph.Order.Where(s => s.Condition(config).Enabled).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var build = BuildOutput(config, platforms, enabledSteps.Contains(StepNames.Build));
        return [.. drafts.Select(draft => Freeze(draft, drafts, config, secrets, enabledSteps, build))];
    }

    private static WorkflowJob Freeze(
        JobDraft draft,
        List<JobDraft> drafts,
        SlipwayConfig config,
        WorkflowSecrets secrets,
        HashSet<string> enabledSteps,
        IReadOnlyDictionary<string, BuildArtifact> build)
    {
        var github = config.Ci.GitHub;
        var steps = draft.Steps.Where(enabledSteps.Contains).ToList();
        var ghcr = config.Images.Any(i => i.Repository.Registry == "ghcr.io");
        var permissions = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["contents"] = "read" };
        var names = new SortedSet<string>(StringComparer.Ordinal);
        secrets.Journal.ToList().ForEach(n => names.Add(n));
        foreach (var step in steps)
        {
            if (RepositoryWriters.Contains(step))
            {
                permissions["contents"] = "write";
            }

            if (ghcr && (RegistryWriters.Contains(step) || (step == StepNames.Build && draft.Platform is not null)))
            {
                permissions["packages"] = "write";
            }
            else if (ghcr && step == StepNames.Scan)
            {
                permissions.TryAdd("packages", "read");
            }

            if (Signers.Contains(step) && config.Signing.Mode == SigningMode.Keyless)
            {
                // Keyless signing asks Fulcio for a certificate with the job's OIDC ID token (audience sigstore).
                permissions["id-token"] = "write";
            }

            if (step == StepNames.PublishPackages && config.Packages.Any(p => p.TrustedPublishing))
            {
                // Trusted publishing exchanges the job's OIDC ID token at the registry; no other job may request one.
                permissions["id-token"] = "write";
            }

            if (step == StepNames.Approval && github.ApprovalEnvironment is not null)
            {
                // The approval job reads who reviewed the deployment (GET .../actions/runs/{id}/approvals).
                permissions["actions"] = "read";
            }

            foreach (var name in secrets.For(step, draft.Platform is not null))
            {
                names.Add(name);
            }
        }

        var approval = draft.Steps.Contains(StepNames.Approval) && enabledSteps.Contains(StepNames.Approval);
        var uploads = draft.Steps.Contains(StepNames.Build) && build.TryGetValue(draft.Platform ?? string.Empty, out var output) ? output : null;
        var downloads = steps.Contains(StepNames.PushPrerelease) && !draft.Steps.Contains(StepNames.Build)
            ? build.Values.ToList()
            : [];
        var runsOn = draft.Platform is { } platform && github.PlatformRunsOn.TryGetValue(platform, out var runner) ? runner : github.RunsOn;
        return new WorkflowJob(
            draft.Id,
            [.. draft.Steps],
            draft.Platform,
            [.. draft.Needs.OrderBy(drafts.IndexOf).Select(n => n.Id)],
            permissions,
            [.. names],
            runsOn,
            approval && github.ApprovalEnvironment is null ? github.ApprovalTimeoutMinutes : github.TimeoutMinutes)
        {
            Skipped = [.. draft.Steps.Where(s => !enabledSteps.Contains(s))],
            Environment = approval ? github.ApprovalEnvironment : null,
            WaitsForApproval = approval && github.ApprovalEnvironment is null,
            Uploads = uploads,
            Downloads = downloads,
        };
    }

    private static bool Trivial(string step, bool enabled) =>
        !enabled || step is StepNames.DetectVersion or StepNames.Preflight or StepNames.FinalizeChangelog;

    private static JobDraft Add(List<JobDraft> drafts, JobDraft draft)
    {
        drafts.Add(draft);
        return draft;
    }

    private static string PlatformJobId(string platform, List<JobDraft> drafts)
    {
        var id = $"{StepNames.Build}-{platform.Replace('/', '-').Replace('.', '-')}";
        if (drafts.Any(d => d.Id == id))
        {
            throw CiErrors.NotExpressible($"platforms {drafts.First(d => d.Id == id).Platform} and {platform} would both be job {id}", "rename one platform's variant");
        }

        return id;
    }

    /// <summary>The platforms of <c>[[image]] layouts</c>, in the order first written; empty when every image has one layout.</summary>
    private static List<string> Platforms(SlipwayConfig config)
    {
        var split = config.Images.Where(i => i.PlatformLayouts.Count > 0).ToList();
        if (split.Count > 0 && split.Count < config.Images.Count)
        {
            var single = config.Images.First(i => i.PlatformLayouts.Count == 0);
            throw CiErrors.NotExpressible(
                $"[[image]] {single.Repository} at {single.Location} has one layout while {split[0].Repository} has one per platform; a build job per platform cannot build it",
                "give every [[image]] layouts = { \"os/arch\" = \"path\" }, or every image one multi-platform layout");
        }

        return [.. split.SelectMany(i => i.PlatformLayouts).Select(l => l.Platform).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The build output per build job ("" for the single build): slipway.toml and the layouts that job leaves.</summary>
    private static Dictionary<string, BuildArtifact> BuildOutput(SlipwayConfig config, List<string> platforms, bool built)
    {
        var artifacts = new Dictionary<string, BuildArtifact>(StringComparer.Ordinal);
        if (!built)
        {
            return artifacts;
        }

        var anchor = Relative(config, config.Path, "slipway.toml");
        if (platforms.Count == 0)
        {
            var layouts = config.Images.Where(i => i.Layout is not null).Select(i => Relative(config, OciLayout.SplitArgument(i.Layout!, config.RootDirectory).Path, $"the layout of [[image]] {i.Repository}")).ToList();
            if (layouts.Count > 0)
            {
                artifacts[string.Empty] = Artifact("build-output", [anchor, .. layouts]);
            }

            return artifacts;
        }

        foreach (var platform in platforms)
        {
            var layouts = config.Images.SelectMany(i => i.PlatformLayouts).Where(l => l.Platform == platform)
                .Select(l => Relative(config, config.Resolve(l.Path), $"the {platform} layout"));
            artifacts[platform] = Artifact($"build-output-{platform.Replace('/', '-').Replace('.', '-')}", [anchor, .. layouts]);
        }

        return artifacts;
    }

    private static BuildArtifact Artifact(string name, List<string> paths)
    {
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        var split = distinct.Select(p => p.Split('/')).ToList();
        var common = new List<string>();
        for (var i = 0; split.All(s => s.Length > i) && split.All(s => s[i] == split[0][i]); i++)
        {
            common.Add(split[0][i]);
        }

        return new BuildArtifact(name, distinct, common.Count == 0 ? "." : string.Join('/', common));
    }

    private static string Relative(SlipwayConfig config, string path, string what)
    {
        var relative = Path.GetRelativePath(config.RootDirectory, path).Replace('\\', '/');
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw CiErrors.NotExpressible($"{what} is outside the repository ({path})", "a job hands over only files inside the repository");
        }

        // upload-artifact reads its paths as globs, one a line: a path with a newline, a space or a glob character could name other files.
        if (!relative.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '-' or '+' or '@' or ','))
        {
            throw CiErrors.NotExpressible(
                $"{what} is '{relative}', which upload-artifact would read as a pattern",
                "use letters, digits, '_', '.', '-', '+', '@', ',' and '/' in the paths of the build output");
        }

        return relative;
    }

    private sealed class JobDraft(string id, string step, string? platform, IEnumerable<JobDraft> needs)
    {
        public string Id { get; } = id;

        public List<string> Steps { get; } = [step];

        public string? Platform { get; } = platform;

        public HashSet<JobDraft> Needs { get; } = [.. needs];

        public HashSet<JobDraft> Ancestors()
        {
            var found = new HashSet<JobDraft>();
            var pending = new Stack<JobDraft>(Needs);
            while (pending.TryPop(out var next))
            {
                if (found.Add(next))
                {
                    foreach (var need in next.Needs)
                    {
                        pending.Push(need);
                    }
                }
            }

            return found;
        }
    }
}
