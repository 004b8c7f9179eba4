using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// Plays a generated GitHub Actions workflow the way its runners would, one job after another in the order its
/// <c>needs:</c> implies: each job in a fresh clone of the remote (actions/checkout), <c>slipway</c> on the PATH (the
/// install action), its <c>run:</c> scripts under bash with <c>${{ needs/steps/secrets }}</c> substituted and
/// $GITHUB_OUTPUT read back into the job's outputs, and upload/download-artifact as a folder copy between clones.
/// A job whose <c>if:</c> holds <c>failure()</c> is skipped: any failed script stops the play.
/// </summary>
internal sealed partial class WorkflowJobRunner(string remote, string work, IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string> secrets)
{
    private readonly Dictionary<string, Dictionary<string, string>> _outputs = new(StringComparer.Ordinal);

    /// <summary>Called with the job's clone and $RUN before a script that runs <c>slipway step approval</c>, which waits for an approver.</summary>
    public Action<string, string>? BeforeApproval { get; init; }

    /// <summary>Variables a job gets beyond what its steps' env: passes (to work around a workflow that passes too few).</summary>
    public Dictionary<string, Dictionary<string, string>> AddedEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Each job played, in order, with the output of its scripts.</summary>
    public List<(string Job, string Output)> Played { get; } = [];

    public IReadOnlyDictionary<string, string> OutputsOf(string job) => _outputs[job];

    public void Play(JsonObject workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var jobs = workflow["jobs"]!.AsObject();
        foreach (var id in Order(jobs))
        {
            var job = jobs[id]!.AsObject();
            if (job["if"]?.GetValue<string>() is { } condition && !Holds(condition))
            {
                continue;
            }

            PlayJob(id, job);
        }
    }

    /// <summary>Jobs in an order that respects <c>needs:</c>; ties in the order the file lists them.</summary>
    public static List<string> Order(JsonObject jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var order = new List<string>();
        var pending = jobs.Select(j => j.Key).ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(id => Needs(jobs[id]!).All(order.Contains))
                ?? throw new InvalidOperationException($"the needs: of {string.Join(", ", pending)} form a cycle or name an unknown job");
            order.Add(next);
            pending.Remove(next);
        }

        return order;
    }

    public static List<string> Needs(JsonNode job) => job["needs"] switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => n!.GetValue<string>())],
        var single => [single.GetValue<string>()],
    };

    private void PlayJob(string id, JsonObject job)
    {
        var clone = Path.Combine(work, "jobs", id);
        var temp = Path.Combine(work, "runner-temp", id);
        Directory.CreateDirectory(temp);
        var stepOutputs = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var log = new System.Text.StringBuilder();
        foreach (var node in job["steps"]!.AsArray())
        {
            var step = node!.AsObject();
            var uses = step["uses"]?.GetValue<string>();
            if (uses?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true)
            {
                ProcessRunner.Run("git", ["clone", "-q", remote, clone], work, environment).EnsureSuccess($"{id}: git clone");
            }
            else if (uses?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)
            {
                var artifact = Path.Combine(work, "artifacts", step["with"]!["name"]!.GetValue<string>());
                foreach (var path in step["with"]!["path"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    Copy(Path.Combine(clone, path), Path.Combine(artifact, path));
                }
            }
            else if (uses?.StartsWith("actions/download-artifact@", StringComparison.Ordinal) == true)
            {
                var artifact = Path.Combine(work, "artifacts", step["with"]!["name"]!.GetValue<string>());
                Copy(artifact, Path.Combine(clone, step["with"]!["path"]!.GetValue<string>()));
            }
            else if (step["run"]?.GetValue<string>() is { } script)
            {
                var outputFile = Path.Combine(temp, $"output-{stepOutputs.Count}");
                File.WriteAllText(outputFile, string.Empty);
                var scriptFile = Path.Combine(temp, $"script-{stepOutputs.Count}.sh");
                File.WriteAllText(scriptFile, script);
                var env = new Dictionary<string, string?>(environment, StringComparer.Ordinal)
                {
                    ["GITHUB_OUTPUT"] = outputFile,
                    ["RUNNER_TEMP"] = temp,
                    ["GITHUB_ACTIONS"] = null,
                };
                foreach (var (name, value) in step["env"]?.AsObject() ?? [])
                {
                    env[name] = Substitute(value!.GetValue<string>(), stepOutputs);
                }

                foreach (var (name, value) in AddedEnvironment.GetValueOrDefault(id) ?? [])
                {
                    env[name] = value;
                }

                if (script.Contains("slipway step approval", StringComparison.Ordinal))
                {
                    BeforeApproval?.Invoke(clone, env["RUN"]!);
                }

                // GitHub's default shell for run: on Linux.
                var result = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], clone, env);
                log.Append(result.Out).Append(result.Err);
                Assert.True(result.ExitCode == 0, $"job {id}, step '{step["name"]}' exited {result.ExitCode}:\n{result.Out}\n{result.Err}");
                stepOutputs[step["id"]?.GetValue<string>() ?? $"#{stepOutputs.Count}"] = File.ReadLines(outputFile)
                    .Select(l => l.Split('=', 2))
                    .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            }
            else if (uses is null)
            {
                throw new InvalidOperationException($"job {id}: a step with neither run: nor uses:");
            }

            // Any other uses: is the action that installs slipway, which the PATH already provides.
        }

        _outputs[id] = (job["outputs"]?.AsObject() ?? []).ToDictionary(o => o.Key, o => Substitute(o.Value!.GetValue<string>(), stepOutputs), StringComparer.Ordinal);
        Played.Add((id, log.ToString()));
    }

    private bool Holds(string condition)
    {
        if (condition.Contains("failure()", StringComparison.Ordinal))
        {
            return false;
        }

        var match = OutputEquals().Match(condition);
        Assert.True(match.Success, $"a job condition this player cannot evaluate: {condition}");
        return _outputs.TryGetValue(match.Groups["job"].Value, out var outputs)
            && outputs.TryGetValue(match.Groups["output"].Value, out var value)
            && value == match.Groups["value"].Value;
    }

    private string Substitute(string text, Dictionary<string, Dictionary<string, string>> steps) =>
        Expression().Replace(text, match =>
        {
            var parts = match.Groups[1].Value.Split('.');
            return parts switch
            {
                ["needs", var job, "outputs", var output] => _outputs[job][output],
                ["steps", var step, "outputs", var output] => steps[step][output],
                ["secrets", var name] => secrets[name],
                _ => throw new InvalidOperationException($"an expression this player cannot evaluate: {match.Value}"),
            };
        });

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
            return;
        }

        Assert.True(Directory.Exists(from), $"{from} does not exist (if-no-files-found: error)");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    [GeneratedRegex(@"\$\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^needs\.(?<job>[A-Za-z0-9_-]+)\.outputs\.(?<output>[A-Za-z0-9_-]+) == '(?<value>[^']*)'$")]
    private static partial Regex OutputEquals();
}
