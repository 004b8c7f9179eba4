using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What publish-packages journals, after every file (so a resume publishes only what is missing): each file published and verified.</summary>
public sealed record PublishedPackages : IStepOutput<PublishedPackages>
{
    private readonly IReadOnlyList<PublishedPackage>? _packages;

    // The source-generated reader sets a missing list to null; none was journaled means none.
    public IReadOnlyList<PublishedPackage> Packages
    {
        get => _packages ?? [];
        init => _packages = value;
    }

    public static JsonTypeInfo<PublishedPackages> JsonInfo => StepOutputContext.Default.PublishedPackages;
}
