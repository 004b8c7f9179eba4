using System.Text.Json;

namespace Slipway.Signing.Provenance;

/// <summary>
/// What a SLSA v1 provenance statement claims about the source and the builder, read from the fields its build type
/// defines: GitHub's workflow build type, or Slipway's (and its earlier URI). A claim the build type does not make is
/// null; a value that is not a string is read as absent.
/// </summary>
public sealed record ProvenanceClaims(
    string BuildType,
    string? Repository,
    string? SourceRef,
    string? SourceCommit,
    string? Workflow,
    string? BuilderId,
    string? RunnerEnvironment)
{
    public bool IsKnownBuildType => BuildType is SlsaProvenance.GitHubBuildType or SlsaProvenance.BuildType or SlsaProvenance.LegacyBuildType;

    /// <summary>The claims of an in-toto statement's predicate; false with a reason for a payload that is not one.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> statement, out ProvenanceClaims? claims, out string error)
    {
        claims = null;
        try
        {
            using var document = JsonDocument.Parse(statement, new JsonDocumentOptions { MaxDepth = 64 });
            if (!document.RootElement.TryGetProperty("predicate", out var predicate) || predicate.ValueKind != JsonValueKind.Object)
            {
                error = "the statement has no predicate object";
                return false;
            }

            var definition = Child(predicate, "buildDefinition");
            var buildType = Text(definition, "buildType");
            if (buildType is null)
            {
                error = "the predicate has no buildDefinition.buildType";
                return false;
            }

            var external = Child(definition, "externalParameters");
            var source = FirstSource(definition);
            var builderId = Text(Child(Child(predicate, "runDetails"), "builder"), "id");
            claims = buildType == SlsaProvenance.GitHubBuildType
                ? GitHub(buildType, external, Child(Child(definition, "internalParameters"), "github"), source, builderId)
                : new ProvenanceClaims(
                    buildType,
                    Text(external, "repository"),
                    Text(external, "ref"),
                    Text(external, "commit") is { } commit && (source.Commit is null || source.Commit == commit) ? commit : null,
                    null,
                    builderId,
                    null);
            error = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the statement is not JSON: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// The source of GitHub's build type is its resolved dependency <c>git+REPOSITORY@REF</c>; a dependency that names
    /// another repository than <c>workflow.repository</c> claims no source ref or commit.
    /// </summary>
    private static ProvenanceClaims GitHub(string buildType, JsonElement? external, JsonElement? github, (string? Uri, string? Commit) source, string? builderId)
    {
        var workflow = Child(external, "workflow");
        var repository = Text(workflow, "repository");
        var prefix = $"git+{repository}@";
        var sourceRef = repository is not null && source.Uri is { } uri && uri.StartsWith(prefix, StringComparison.Ordinal) ? uri[prefix.Length..] : null;
        return new ProvenanceClaims(
            buildType,
            repository,
            sourceRef,
            sourceRef is null ? null : source.Commit,
            Text(workflow, "path"),
            builderId,
            Text(github, "runner_environment"));
    }

    private static (string? Uri, string? Commit) FirstSource(JsonElement? definition)
    {
        if (definition is { } element && element.TryGetProperty("resolvedDependencies", out var dependencies)
            && dependencies.ValueKind == JsonValueKind.Array && dependencies.GetArrayLength() > 0)
        {
            var first = dependencies[0];
            return first.ValueKind == JsonValueKind.Object ? (Text(first, "uri"), Text(Child(first, "digest"), "gitCommit")) : (null, null);
        }

        return (null, null);
    }

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? Text(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
