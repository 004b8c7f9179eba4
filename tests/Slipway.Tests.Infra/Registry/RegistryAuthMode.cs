namespace Slipway.Tests.Infra.Registry;

public enum RegistryAuthMode
{
    Anonymous,

    /// <summary>htpasswd (bcrypt) Basic authentication.</summary>
    Basic,

    /// <summary>Bearer tokens from a <see cref="TokenServer"/> (distribution's <c>auth.token</c>).</summary>
    Token,
}
