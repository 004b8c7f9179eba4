namespace Slipway.Oci;

/// <summary>A user name and password (or token) for one registry host.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public string BasicHeaderValue => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    public override string ToString() => $"{Username}:***";
}
