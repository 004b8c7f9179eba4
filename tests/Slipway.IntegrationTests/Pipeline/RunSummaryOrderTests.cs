using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// The run summary, <c>status</c> and <c>status --json</c> list the steps in graph order, the order <c>plan</c> shows:
/// the image steps a configuration without <c>[[image]]</c> skips stay between build and approval, not at the end.
/// </summary>
public sealed class RunSummaryOrderTests : IDisposable
{
    private readonly ReleaseProject _project = new();

    public void Dispose() => _project.Dispose();

    private async Task<List<string>> PlanOrderAsync()
    {
        var plan = await _project.RunAsync("plan", "--json");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        return [.. JsonDocument.Parse(plan.Out).RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];
    }

    /// <summary>The step names of a summary table: the lines after the header, up to the first that is not a step.</summary>
    private static List<string> TableOrder(string output, IReadOnlyCollection<string> names) =>
        [.. output.Split('\n')
            .SkipWhile(l => !l.StartsWith("  step ", StringComparison.Ordinal))
            .Skip(1)
            .Select(l => l.Trim().Split(' ')[0])
            .TakeWhile(names.Contains)];

    [Fact]
    public async Task The_run_summary_and_status_list_skipped_steps_in_graph_order()
    {
        var plan = await PlanOrderAsync();
        _project.Environment["SLIPWAY_APPROVER"] = "maintainer1";

        var release = await _project.RunAsync("release", "--yes");

        Assert.True(release.ExitCode == ExitCodes.Success, release.ToString());
        var skippedInTheMiddle = plan.IndexOf("push-prerelease");
        Assert.True(skippedInTheMiddle > 0 && skippedInTheMiddle < plan.IndexOf("approval"), string.Join(", ", plan));
        Assert.Equal(plan, TableOrder(release.Out, plan));

        var status = await _project.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(plan, TableOrder(status.Out, plan));

        var json = await _project.StatusAsync();
        Assert.Equal(plan, json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()!));
        Assert.Equal("skipped", json.GetProperty("steps")[skippedInTheMiddle].GetProperty("status").GetString());
    }
}
