namespace Slipway.Signing;

/// <summary>One signature of a DSSE envelope; <see cref="KeyId"/> is an unauthenticated hint only.</summary>
public sealed record DsseSignature(string KeyId, byte[] Signature);
