namespace Slipway.Packages.PyPI;

/// <summary>How often an upload is tried again after a 5xx or a lost answer, and how verification polls.</summary>
public sealed record PyPIPublisherOptions
{
    public int UploadAttempts { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An upload (a whole file) may take long; an answer that never comes is a lost answer after this.</summary>
    public TimeSpan UploadTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public static PyPIPublisherOptions Default { get; } = new();
}
