namespace Slipway.Pipeline;

/// <summary>
/// The steps of a run and their dependencies, validated before anything runs: every dependency exists, no name
/// repeats, and there is no cycle (reported as the path <c>a -> b -> a</c>). <see cref="Order"/> is a topological
/// order that keeps the declaration order among independent steps.
/// </summary>
public sealed class StepGraph
{
    private readonly Dictionary<string, ReleaseStep> _byName;

    private StepGraph(IReadOnlyList<ReleaseStep> order, Dictionary<string, ReleaseStep> byName)
    {
        Order = order;
        _byName = byName;
    }

    public IReadOnlyList<ReleaseStep> Order { get; }

    public ReleaseStep this[string name] => _byName[name];

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>
    /// A run's journaled steps in this graph's order, the order <c>slipway plan</c> shows: skipped steps and steps that
    /// never started stay in place (the journal orders by start, with those last, for compensation). Steps this graph
    /// no longer has (the configuration changed since the run) follow, in the journal's order.
    /// </summary>
    public IReadOnlyList<State.StepRecord> InOrder(IEnumerable<State.StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var position = Order.Select((step, index) => (step.Name, index)).ToDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        return [.. steps.Select((step, index) => (step, index))
            .OrderBy(s => position.TryGetValue(s.step.Name, out var at) ? at : position.Count + s.index)
            .Select(s => s.step)];
    }

    public static StepGraph Create(IEnumerable<ReleaseStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var declared = steps.ToList();
        var byName = new Dictionary<string, ReleaseStep>(StringComparer.Ordinal);
        foreach (var step in declared)
        {
            if (!byName.TryAdd(step.Name, step))
            {
                throw PipelineErrors.DuplicateStep(step.Name);
            }
        }

        foreach (var step in declared)
        {
            foreach (var dependency in step.DependsOn)
            {
                if (!byName.ContainsKey(dependency))
                {
                    throw PipelineErrors.MissingDependency(step.Name, dependency);
                }
            }
        }

        var order = new List<ReleaseStep>(declared.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
        var path = new List<string>();
        foreach (var step in declared)
        {
            Visit(step, byName, state, path, order);
        }

        return new StepGraph(order, byName);
    }

    /// <summary>Every step <paramref name="name"/> depends on, directly or not.</summary>
    public IReadOnlySet<string> Ancestors(string name)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(_byName[name].DependsOn);
        while (pending.TryPop(out var next))
        {
            if (found.Add(next))
            {
                foreach (var dependency in _byName[next].DependsOn)
                {
                    pending.Push(dependency);
                }
            }
        }

        return found;
    }

    private static void Visit(ReleaseStep step, Dictionary<string, ReleaseStep> byName, Dictionary<string, bool> state, List<string> path, List<ReleaseStep> order)
    {
        if (state.TryGetValue(step.Name, out var done))
        {
            if (!done)
            {
                var start = path.IndexOf(step.Name);
                throw PipelineErrors.Cycle([.. path.Skip(start), step.Name]);
            }

            return;
        }

        state[step.Name] = false;
        path.Add(step.Name);
        foreach (var dependency in step.DependsOn)
        {
            Visit(byName[dependency], byName, state, path, order);
        }

        path.RemoveAt(path.Count - 1);
        state[step.Name] = true;
        order.Add(step);
    }
}
