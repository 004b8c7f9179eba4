using System.Text.Json.Nodes;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Ci;

/// <summary>Runs tools/ci/validate.mjs (GitHub's @actions/workflow-parser, installed by scripts/setup) on a file.</summary>
internal static class WorkflowValidator
{
    public static ProcessResult Run(string file, params string[] options)
    {
        var tools = Path.Combine(RepositoryRoot.Path, "tools", "ci");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@actions", "workflow-parser")))
        {
            throw new InvalidOperationException($"@actions/workflow-parser is not installed in {tools}: run scripts/setup (npm ci there)");
        }

        return ProcessRunner.Run("node", [Path.Combine(tools, "validate.mjs"), file, .. options], tools, timeout: TimeSpan.FromMinutes(1));
    }

    /// <summary>The workflow as the parser's YAML library reads it, after GitHub's parser accepted it.</summary>
    public static JsonObject Parse(string file)
    {
        var result = Run(file, "--json");
        Assert.True(result.ExitCode == 0, $"{file} is not a valid workflow:\n{result.Err}");
        return JsonNode.Parse(result.Out)!.AsObject();
    }
}
