namespace Slipway.Tests.Infra.Registry;

/// <summary>The registry process ended before it answered: most often its port was taken in the meantime.</summary>
public sealed class RegistryExitedException(string message) : InvalidOperationException(message);
