using System.Globalization;
using System.Text.Json;
using Slipway.Signing.Provenance;

namespace Slipway.Signing;

/// <summary>
/// A SLSA provenance v1 predicate (slsa-framework/slsa docs/spec/v1.0/provenance.md) from <see cref="ProvenanceFacts"/>:
/// GitHub's workflow build type, field by field as actions/attest-build-provenance writes it, when the build ran in
/// GitHub Actions; Slipway's own build type, described in <see cref="BuildTypeDocument"/>, everywhere else.
/// </summary>
public static class SlsaProvenance
{
    /// <summary>The repository Slipway is developed in; its build type is described there.</summary>
    public const string ProjectRepository = "https://github.com/slipway/slipway";

    /// <summary>The description of Slipway's build type, relative to the repository's root.</summary>
    public const string BuildTypeDocument = "docs/buildtypes/release/v1.md";

    /// <summary>Slipway's build type: the URI of its description in the project's repository.</summary>
    public const string BuildType = ProjectRepository + "/blob/main/" + BuildTypeDocument;

    /// <summary>The build type Slipway wrote before its description was published; the same parameters, still verified.</summary>
    public const string LegacyBuildType = "https://slipway.dev/provenance/release/v1";

    /// <summary>GitHub's build type of a top-level workflow run (github.com/actions/buildtypes, workflow/v1).</summary>
    public const string GitHubBuildType = "https://actions.github.io/buildtypes/workflow/v1";

    /// <summary>The builder of a release outside a hosted CI: Slipway on whatever machine ran it (see the build type's description).</summary>
    public const string LocalBuilderId = BuildType + "#builder";

    public static byte[] Build(ProvenanceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return SigningJson.Write(writer =>
        {
            if (facts.GitHub is { } run)
            {
                WriteGitHub(writer, run);
            }
            else
            {
                WriteSlipway(writer, facts);
            }
        });
    }

    /// <summary>The fields and their order as actions/toolkit's <c>buildSLSAProvenancePredicate</c> writes them.</summary>
    private static void WriteGitHub(Utf8JsonWriter writer, GitHubActionsRun run)
    {
        var (path, workflowRef) = run.Workflow;
        writer.WriteStartObject();
        writer.WriteStartObject("buildDefinition");
        writer.WriteString("buildType", GitHubBuildType);
        writer.WriteStartObject("externalParameters");
        writer.WriteStartObject("workflow");
        writer.WriteString("ref", workflowRef);
        writer.WriteString("repository", run.RepositoryUrl);
        writer.WriteString("path", path);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("internalParameters");
        writer.WriteStartObject("github");
        writer.WriteString("event_name", run.EventName);
        writer.WriteString("repository_id", run.RepositoryId);
        writer.WriteString("repository_owner_id", run.RepositoryOwnerId);
        writer.WriteString("runner_environment", run.RunnerEnvironment);
        writer.WriteEndObject();
        writer.WriteEndObject();
        WriteSource(writer, $"git+{run.RepositoryUrl}@{run.Ref}", run.Sha);
        writer.WriteEndObject();
        writer.WriteStartObject("runDetails");
        writer.WriteStartObject("builder");
        writer.WriteString("id", run.BuilderId);
        writer.WriteEndObject();
        writer.WriteStartObject("metadata");
        writer.WriteString("invocationId", run.InvocationId);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSlipway(Utf8JsonWriter writer, ProvenanceFacts facts)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("buildDefinition");
        writer.WriteString("buildType", BuildType);
        writer.WriteStartObject("externalParameters");
        writer.WriteString("repository", facts.Repository);
        if (facts.Ref is not null)
        {
            writer.WriteString("ref", facts.Ref);
        }

        writer.WriteString("commit", facts.Commit);
        writer.WriteString("version", facts.Version);
        if (facts.ConfigurationDigest is not null)
        {
            writer.WriteString("configurationDigest", facts.ConfigurationDigest);
        }

        if (facts.BuildCommand is not null)
        {
            writer.WriteString("buildCommand", facts.BuildCommand);
        }

        writer.WriteEndObject();
        WriteSource(writer, facts.Ref is null ? $"git+{facts.Repository}" : $"git+{facts.Repository}@{facts.Ref}", facts.Commit);
        writer.WriteEndObject();

        writer.WriteStartObject("runDetails");
        writer.WriteStartObject("builder");
        writer.WriteString("id", facts.BuilderId);
        if (facts.SlipwayVersion is not null)
        {
            writer.WriteStartObject("version");
            writer.WriteString("slipway", facts.SlipwayVersion);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("metadata");
        writer.WriteString("invocationId", string.Create(CultureInfo.InvariantCulture, $"{facts.RunId}-{facts.Attempt}"));
        writer.WriteString("startedOn", Timestamp(facts.StartedOn));
        if (facts.FinishedOn is { } finished)
        {
            writer.WriteString("finishedOn", Timestamp(finished));
        }

        writer.WriteEndObject();
        if (facts.Artifacts.Count > 0)
        {
            writer.WriteStartArray("byproducts");
            foreach (var artifact in facts.Artifacts)
            {
                writer.WriteStartObject();
                writer.WriteString("name", artifact.Name);
                writer.WriteStartObject("digest");
                writer.WriteString("sha256", artifact.Sha256);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter writer, string uri, string commit)
    {
        writer.WriteStartArray("resolvedDependencies");
        writer.WriteStartObject();
        writer.WriteString("uri", uri);
        writer.WriteStartObject("digest");
        writer.WriteString("gitCommit", commit);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
