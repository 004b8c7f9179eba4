using Slipway.Diagnostics;
using Slipway.Files;
using Slipway.Signing;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Signing;

/// <summary><c>attest --predicate FILE</c> reads the build's output: a regular file in the repository, capped while read.</summary>
public sealed class PredicateFileTests : IDisposable
{
    private readonly TempDirectory _directory = new("predicate");

    public void Dispose() => _directory.Dispose();

    private FileBoundary Repository => FileBoundary.Repository(_directory.Path);

    [Fact]
    public void A_predicate_is_kept_byte_for_byte()
    {
        var path = _directory.Write("provenance.json", "{ \"builder\": {} }\n");

        Assert.Equal(File.ReadAllBytes(path), PredicateFile.Read(path, "provenance.json", Repository));
    }

    [Fact]
    public void An_oversized_predicate_is_refused_without_reading_it_whole()
    {
        var path = _directory["sbom.json"];
        using (var stream = File.Create(path))
        {
            stream.SetLength(200L * 1024 * 1024);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SlipwayException>(() => PredicateFile.Read(path, "sbom.json", Repository));
        var cost = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(ErrorCode.FileTooLarge, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Equal("sbom.json holds more than 64 MiB, the most Slipway reads from it", error.Message);
        Assert.True(cost < 1024 * 1024, $"allocated {cost} bytes");
    }

    [Fact]
    public void A_predicate_linked_out_of_the_repository_is_refused()
    {
        using var outside = new TempDirectory("outside");
        var target = outside.Write("secret.json", "{ \"token\": \"s3cr3t\" }\n");
        File.CreateSymbolicLink(_directory["provenance.json"], target);

        var error = Assert.Throws<SlipwayException>(() => PredicateFile.Read(_directory["provenance.json"], "provenance.json", Repository));

        Assert.Equal(ErrorCode.FileOutsideRepository, error.Code);
        Assert.StartsWith($"provenance.json leads to {target}, outside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_predicate_keeps_its_own_error()
    {
        var error = Assert.Throws<SlipwayException>(() => PredicateFile.Read(_directory["none.json"], "none.json", Repository));

        Assert.Equal(ErrorCode.PredicateNotFound, error.Code);
    }
}
