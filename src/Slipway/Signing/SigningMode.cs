namespace Slipway.Signing;

/// <summary>How a release signs: with the project's key file, or keylessly with a Fulcio certificate of the CI's identity.</summary>
public enum SigningMode
{
    Key,
    Keyless,
}
