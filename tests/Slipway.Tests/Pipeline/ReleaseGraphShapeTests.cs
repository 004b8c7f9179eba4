using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Pipeline;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Pipeline;

/// <summary>The default graph's steps and dependencies, as every existing configuration has them today.</summary>
public sealed class ReleaseGraphShapeTests : IDisposable
{
    private const string FullConfig = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        [changelog]
        directory = "changelog.d"

        [[gate]]
        name = "tests"
        command = "true"

        [build]
        command = "true"

        [[image]]
        repository = "registry.example.com/acme/demo"
        layout = "out/oci"

        [signing]
        key = "out/keys/release.key"

        [sbom]
        command = "cat out/sbom.json # {image} {digest} {platform}"

        [scan]
        command = "cat out/scan.json # {image}@{digest}"

        [approval]
        required = true
        approvers = ["maintainer1"]
        """;

    private readonly TempDirectory _directory = new("graph-shape");

    public void Dispose() => _directory.Dispose();

    private SlipwayConfig Config(string text)
    {
        _directory.Write("slipway.toml", text);
        return ConfigLoader.Load(_directory["slipway.toml"], _directory.Path, new DictionaryEnvironment(), new SecretRedactor());
    }

    private static string[] Shape(StepGraph graph) =>
        [.. graph.Order.Select(s => $"{s.Name} <- {string.Join(", ", s.DependsOn)}")];

    [Fact]
    public void A_full_configuration_has_every_step_with_the_dependencies_it_always_had()
    {
        var graph = ReleaseComposition.Graph(Config(FullConfig));

        Assert.Equal(
            [
                "detect-version <- ",
                "preflight <- detect-version",
                "gates <- preflight",
                "changelog-render <- preflight",
                "build <- gates, changelog-render",
                "check-packages <- build",
                "push-prerelease <- build",
                "sign <- push-prerelease",
                "attest-sbom <- sign",
                "attest-provenance <- sign, attest-sbom",
                "compose-notes <- preflight, changelog-render, sign, attest-provenance",
                "scan <- push-prerelease",
                "approval <- build, check-packages, compose-notes, push-prerelease, sign, attest-sbom, attest-provenance, scan",
                "promote-images <- approval, push-prerelease",
                "publish-packages <- approval, promote-images, check-packages",
                "create-release <- approval, promote-images, publish-packages",
                "finalize-changelog <- create-release, changelog-render",
                "cleanup-prerelease <- create-release, promote-images",
            ],
            Shape(graph));
    }

    [Fact]
    public void Without_a_changelog_neither_render_nor_finalize_is_in_the_graph_and_build_waits_for_the_gates_only()
    {
        var graph = ReleaseComposition.Graph(Config(FullConfig.Replace("[changelog]\ndirectory = \"changelog.d\"\n", string.Empty, StringComparison.Ordinal)));

        Assert.False(graph.Contains(StepNames.ChangelogRender));
        Assert.False(graph.Contains(StepNames.FinalizeChangelog));
        Assert.Equal([StepNames.Gates], graph[StepNames.Build].DependsOn);
        Assert.Equal(18 - 2, graph.Order.Count);
    }

    [Fact]
    public void A_new_capability_adds_its_steps_by_phase_without_touching_the_builder()
    {
        var capabilities = ReleaseComposition.Capabilities(Config(FullConfig));
        var graph = ReleaseGraphBuilder.Default(capabilities with
        {
            Steps = [.. capabilities.Steps, new PhasedStep("publish-docs", StepPhase.AfterApproval, StepNames.Approval), new PhasedStep("lint-notes", StepPhase.BeforeApproval, StepNames.Build)],
        });

        Assert.Equal([StepNames.Approval, StepNames.PromoteImages, StepNames.PublishPackages, "publish-docs"], graph[StepNames.CreateRelease].DependsOn);
        Assert.Contains("lint-notes", graph[StepNames.Approval].DependsOn);
        Assert.True(graph.Ancestors(StepNames.CreateRelease).Contains("publish-docs"));
    }

    [Fact]
    public void A_contributed_step_without_a_phase_is_refused()
    {
        var capabilities = ReleaseComposition.Capabilities(Config(FullConfig));

        Assert.Throws<ArgumentException>(() => ReleaseGraphBuilder.Default(capabilities with { Steps = [.. capabilities.Steps, new FakeStep("stray")] }));
    }

    private sealed class PhasedStep(string name, StepPhase phase, params string[] dependsOn) : ReleaseStep
    {
        public override string Name => name;

        public override IReadOnlyList<string> DependsOn => dependsOn;

        public override StepPhase Phase => phase;

        public override string Description => $"{name} (test)";

        public override Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(StepResult.Done());
    }
}
