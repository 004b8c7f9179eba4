using System.Text.Json.Nodes;

namespace Slipway.State;

/// <summary>What a new run starts from: the version and commit detected, the configuration's hash, its own options.</summary>
public sealed record NewRun(string Project, string Version, string Commit, string ConfigHash, JsonObject Options);
