using Slipway.Oci;

namespace Slipway.Pipeline.Outputs;

/// <summary>One image digest signed, and the signature tag that holds it.</summary>
public sealed record ImageSignature(string Repository, Digest Digest, string Signature);
