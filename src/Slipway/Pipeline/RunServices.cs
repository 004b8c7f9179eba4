using Slipway.Diagnostics;
using Slipway.State;

namespace Slipway.Pipeline;

/// <summary>What every step may use of the outside: environment, redactor, clock, and the identity of this process.</summary>
public sealed record RunServices(IEnvironment Environment, SecretRedactor Redactor, TimeProvider Time, RunOwner Owner);
