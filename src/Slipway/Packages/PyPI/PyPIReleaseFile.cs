namespace Slipway.Packages.PyPI;

/// <summary>One file of a release as the JSON API lists it (<c>urls[]</c>): its name, SHA-256 and upload time.</summary>
internal sealed record PyPIReleaseFile(string FileName, string Sha256, DateTimeOffset? UploadedAt);
