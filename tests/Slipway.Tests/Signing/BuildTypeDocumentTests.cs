using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Slipway.Signing;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

/// <summary>Slipway's build type is published: its URI is its description's place in the repository, and the description names every field written.</summary>
public sealed partial class BuildTypeDocumentTests
{
    private static string Document => File.ReadAllText(Path.Combine(RepositoryRoot.Path, SlsaProvenance.BuildTypeDocument));

    [Fact]
    public void The_build_type_uri_is_the_description_in_the_projects_repository()
    {
        Assert.Equal($"{SlsaProvenance.ProjectRepository}/blob/main/{SlsaProvenance.BuildTypeDocument}", SlsaProvenance.BuildType);
        Assert.Contains($"\"buildType\": \"{SlsaProvenance.BuildType}\"", Document, StringComparison.Ordinal);
        Assert.Contains(SlsaProvenance.LegacyBuildType, Document, StringComparison.Ordinal);
        Assert.Contains(SlsaProvenance.LocalBuilderId, Document, StringComparison.Ordinal);
        Assert.StartsWith(SlsaProvenance.BuildType + "#", SlsaProvenance.LocalBuilderId, StringComparison.Ordinal);
        Assert.Contains("## Builder", Document.Replace("### Builder", "## Builder", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_names_every_field_slipway_writes()
    {
        var predicate = JsonNode.Parse(SlsaProvenance.Build(GitHubProvenanceTests.Facts(null) with { FinishedOn = DateTimeOffset.UnixEpoch }))!;
        var named = NamedFields().Matches(Document).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var written = Leaves(predicate["buildDefinition"]!["externalParameters"]!, string.Empty)
            .Concat(Leaves(predicate["runDetails"]!["builder"]!, "builder."))
            .Concat(Leaves(predicate["runDetails"]!["metadata"]!, string.Empty))
            .ToList();

        Assert.Equal(11, written.Count);
        Assert.All(written, field => Assert.True(named.Contains(field), $"{field} has no row in {SlsaProvenance.BuildTypeDocument}"));
        Assert.Equal(["buildDefinition", "runDetails"], predicate.AsObject().Select(p => p.Key));
        Assert.Equal(["buildType", "externalParameters", "resolvedDependencies"], predicate["buildDefinition"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["builder", "metadata", "byproducts"], predicate["runDetails"]!.AsObject().Select(p => p.Key));
        Assert.Contains("### Resolved dependencies", Document, StringComparison.Ordinal);
        Assert.Contains("### Byproducts", Document, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Leaves(JsonNode node, string prefix) =>
        node is JsonObject obj ? obj.SelectMany(p => Leaves(p.Value!, $"{prefix}{p.Key}.")) : [prefix.TrimEnd('.')];

    [GeneratedRegex(@"^\| `([A-Za-z.]+)` \|", RegexOptions.Multiline)]
    private static partial Regex NamedFields();
}
