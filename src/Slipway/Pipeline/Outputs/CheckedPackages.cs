using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>What check-packages journals: every file each <c>[[package]]</c> will publish, checked before the approval.</summary>
public sealed record CheckedPackages(IReadOnlyList<CheckedPackageFile> Files) : IStepOutput<CheckedPackages>
{
    public static JsonTypeInfo<CheckedPackages> JsonInfo => StepOutputContext.Default.CheckedPackages;
}
