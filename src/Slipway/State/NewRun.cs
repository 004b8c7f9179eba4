using System.Text.Json.Nodes;

namespace Slipway.State;

/// <summary>
/// What a new run starts from: the version and commit detected, the configuration's hash, its own options, and the
/// steps to journal as pending from the start (a run created for separate jobs lists them all before any runs).
/// </summary>
public sealed record NewRun(string Project, string Version, string Commit, string ConfigHash, JsonObject Options, IReadOnlyList<string>? Steps = null);
