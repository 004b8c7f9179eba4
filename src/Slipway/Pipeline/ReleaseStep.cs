using System.Text.Json.Nodes;
using Slipway.Configuration;

namespace Slipway.Pipeline;

/// <summary>
/// One step of a release run. <see cref="ExecuteAsync"/> must be idempotent: it first reads the outside world and
/// does only what is missing, because a step the journal found <em>started</em> runs again on resume. Every input
/// comes from the configuration or the journal (<see cref="StepContext.OutputsOfAsync"/>), never from process memory.
/// </summary>
public abstract class ReleaseStep
{
    public abstract string Name { get; }

    public abstract IReadOnlyList<string> DependsOn { get; }

    /// <summary>Where a capability's step sits on the spine (<see cref="StepPhase"/>); the spine's own steps keep the default.</summary>
    public virtual StepPhase Phase => StepPhase.Spine;

    /// <summary>What the step does, for <c>slipway plan</c>.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// The point of no return: once such a step succeeded (a public release, a package publish), a failure leaves
    /// the run failed and resumable and nothing is rolled back underneath what is public.
    /// </summary>
    public virtual bool Irreversible => false;

    /// <summary>True when the step changes the outside world in a way <see cref="CompensateAsync"/> can undo.</summary>
    public virtual bool CanCompensate => false;

    public virtual StepCondition Condition(SlipwayConfig config) => StepCondition.Always;

    /// <summary>
    /// The journal row of the part of this step <paramref name="invocation"/> runs alone (<c>build:linux/arm64</c> for
    /// <c>slipway step build --platform linux/arm64</c>), or null when it runs the whole step. A part is claimed and
    /// journaled as its own row; the step is done once <see cref="CompletedByParts"/> says every part is.
    /// </summary>
    public virtual string? PartName(SlipwayConfig config, RunInvocation invocation) => null;

    /// <summary>
    /// The step's outputs once the journaled parts make the whole step, else null: the runner that finished the last
    /// part then records the step done with them.
    /// </summary>
    public virtual JsonObject? CompletedByParts(SlipwayConfig config, IReadOnlyList<State.StepRecord> steps) => [];

    public abstract Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes what this run's execution did, from the outputs it journaled (or saved as progress before failing).
    /// It must touch only what still is as this run left it. Throwing leaves the run compensation-failed.
    /// </summary>
    public virtual Task CompensateAsync(StepContext context, JsonObject outputs, CancellationToken cancellationToken) => Task.CompletedTask;

    public override string ToString() => Name;
}
