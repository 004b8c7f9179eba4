namespace Slipway.Versioning;

/// <summary>One file's rewrite, computed before anything is written: the bytes it has, the bytes it gets, and where
/// (<see cref="WritePath"/>, the file a link inside the repository leads to).</summary>
public sealed record VersionEdit(string File, string WritePath, string Previous, string Next, byte[] Original, byte[] Updated)
{
    public bool Changes => !Original.AsSpan().SequenceEqual(Updated);
}
