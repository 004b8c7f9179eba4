using System.Text.Json.Serialization.Metadata;

namespace Slipway.Pipeline.Outputs;

/// <summary>
/// A record a step journals (or saves as progress). <see cref="JsonInfo"/> is its source-generated contract in
/// <see cref="StepOutputContext"/>, so reading and writing it never reflects (the binary is published Native AOT).
/// </summary>
public interface IStepOutput<TSelf>
    where TSelf : IStepOutput<TSelf>
{
    static abstract JsonTypeInfo<TSelf> JsonInfo { get; }
}
