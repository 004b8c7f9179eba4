using System.Globalization;

namespace Slipway.Signing;

/// <summary>A SLSA provenance v1 predicate (slsa-framework/slsa docs/spec/v1.0/provenance.md) from <see cref="ProvenanceFacts"/>.</summary>
public static class SlsaProvenance
{
    /// <summary>The build type: a Slipway release run, whose external parameters are the ones written below.</summary>
    public const string BuildType = "https://slipway.dev/provenance/release/v1";

    public static byte[] Build(ProvenanceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return SigningJson.Write(writer =>
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

            writer.WriteEndObject();
            writer.WriteStartArray("resolvedDependencies");
            writer.WriteStartObject();
            writer.WriteString("uri", facts.Ref is null ? $"git+{facts.Repository}" : $"git+{facts.Repository}@{facts.Ref}");
            writer.WriteStartObject("digest");
            writer.WriteString("gitCommit", facts.Commit);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WriteStartObject("runDetails");
            writer.WriteStartObject("builder");
            writer.WriteString("id", facts.BuilderId);
            writer.WriteEndObject();
            writer.WriteStartObject("metadata");
            writer.WriteString("invocationId", string.Create(CultureInfo.InvariantCulture, $"{facts.RunId}-{facts.Attempt}"));
            writer.WriteString("startedOn", Timestamp(facts.StartedOn));
            if (facts.FinishedOn is { } finished)
            {
                writer.WriteString("finishedOn", Timestamp(finished));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
