using Slipway.Oci;
using Slipway.Pipeline;
using Slipway.Pipeline.Outputs;
using Slipway.State;

namespace Slipway.Tests.Pipeline;

public sealed class OutputRedactionTests : IDisposable
{
    private const string Secret = "c0ffee42";
    private static readonly Digest Pushed = Digest.Parse("sha256:" + new string('a', 20) + Secret + new string('b', 36));

    private readonly RunnerHarness _harness = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_secret_inside_a_digest_leaves_the_journaled_digest_intact_while_the_same_secret_in_an_error_is_masked()
    {
        _harness.Redactor.Register(Secret);
        var push = new OutputStep("push", StepResult.Done(new PrereleaseImages([new PushedImage("r", Pushed, [new PlatformDigest("linux/amd64", Pushed)], ["prerelease"])], [])));
        var failing = new FakeStep("fail", "push") { FailOnAttempt = _ => new InvalidOperationException($"registry said no to token {Secret}") };
        var run = await _harness.NewRunAsync();

        await _harness.Runner(push, failing).ExecuteAsync(run, new RunInvocation(), Token);

        var steps = await _harness.StepsAsync(run.Id);
        var journaled = StepOutputJson.Read<PrereleaseImages>(steps["push"].Outputs!, "push").Images.Single();
        Assert.Equal(Pushed, journaled.Digest);
        Assert.Equal(Pushed, journaled.Platforms.Single().Digest);
        Assert.Contains("registry said no to token ***", steps["fail"].Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, steps["fail"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_free_text_field_of_an_output_is_masked()
    {
        _harness.Redactor.Register(Secret);
        var step = new OutputStep("scan", null) { Produce = context => StepResult.Done(new PreflightChecks(context.FreeText($"reason quoting {Secret}"), "main", [])) };
        var run = await _harness.NewRunAsync();

        await _harness.Runner(step).ExecuteAsync(run, new RunInvocation(), Token);

        var steps = await _harness.StepsAsync(run.Id);
        Assert.Equal("reason quoting ***", StepOutputJson.Read<PreflightChecks>(steps["scan"].Outputs!, "scan").Reason);
        Assert.Equal(StepStatus.Succeeded, steps["scan"].Status);
    }

    private sealed class OutputStep(string name, StepResult? result) : ReleaseStep
    {
        public override string Name => name;

        public override IReadOnlyList<string> DependsOn => [];

        public override string Description => "journals a fixed output (test)";

        public Func<StepContext, StepResult>? Produce { get; init; }

        public override Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken) =>
            Task.FromResult(Produce?.Invoke(context) ?? result!);
    }
}
