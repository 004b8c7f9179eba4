using System.Text.Json.Nodes;

namespace Slipway.State;

/// <summary>
/// One release run as the journal holds it. <see cref="Open"/> runs still need someone to act (resume, approve,
/// roll back); at most one is open per (project, version). <see cref="Options"/> holds the run's own inputs
/// (for example <c>allowDirty</c>) so that any process can continue it. No process owns a run: runners claim its
/// steps one at a time (<see cref="StepLease"/>).
/// </summary>
public sealed record RunRecord(
    string Id,
    string Project,
    string Version,
    string Commit,
    string ConfigHash,
    RunStatus Status,
    bool Open,
    JsonObject Options,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);
