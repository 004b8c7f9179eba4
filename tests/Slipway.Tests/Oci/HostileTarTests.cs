using Slipway.Diagnostics;
using Slipway.Oci;
using Slipway.Tests.Fuzz;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Oci;

/// <summary>Crafted tar headers: each ends in a coded LayoutInvalid, promptly and without allocating what a field claims.</summary>
public sealed class HostileTarTests : IDisposable
{
    private const string Index = """{"schemaVersion":2,"manifests":[]}""";

    private readonly TempDirectory _temp = new("tar");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_valid_tar_built_here_is_read()
    {
        var layout = OciLayout.Open(Write(new TarBuilder().File("oci-layout", "{}").File("index.json", Index).Build()), TestContext.Current.CancellationToken);

        Assert.Empty(layout.Entries);
    }

    [Fact]
    public void A_negative_base256_size_that_points_the_next_header_back_at_itself_is_refused()
    {
        // size -1024 rounds to -512: the next header would be this one again, for ever.
        var tar = new TarBuilder().Entry("index.json", '0', [], sizeField: TarBuilder.Base256(-1024)).Build();

        AssertInvalid(tar, "negative");
    }

    [Fact]
    public void A_base256_size_beyond_64_bits_is_refused()
    {
        var field = Enumerable.Repeat((byte)0xFF, 12).ToArray();
        field[0] = 0x80;

        AssertInvalid(new TarBuilder().Entry("index.json", '0', [], sizeField: field).Build(), "2^63");
    }

    [Fact]
    public void A_size_past_the_end_of_the_file_is_refused()
    {
        var tar = new TarBuilder().Entry("index.json", '0', [], sizeField: TarBuilder.Octal(1L << 33, 12)).Build();

        AssertInvalid(tar, "past the end of the file");
    }

    [Fact]
    public void A_pax_header_claiming_a_gigabyte_is_refused_without_allocating_it()
    {
        var tar = new TarBuilder().Entry("PaxHeader", 'x', [], sizeField: TarBuilder.Octal(1L << 30, 12)).Build(endMarker: false);
        var path = Write(tar, (1L << 30) + 2048);

        var error = Bounded.Fails(() => OciLayout.Open(path, TestContext.Current.CancellationToken), maxBytes: 16L * 1024 * 1024);

        Assert.Equal(ErrorCode.LayoutInvalid, error.Code);
        Assert.Contains("extended header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_GNU_long_name_claiming_a_gigabyte_is_refused_without_allocating_it()
    {
        var tar = new TarBuilder().Entry("././@LongLink", 'L', [], sizeField: TarBuilder.Octal(1L << 30, 12)).Build(endMarker: false);
        var path = Write(tar, (1L << 30) + 2048);

        var error = Bounded.Fails(() => OciLayout.Open(path, TestContext.Current.CancellationToken), maxBytes: 16L * 1024 * 1024);

        Assert.Equal(ErrorCode.LayoutInvalid, error.Code);
    }

    [Theory]
    [InlineData("3 path=index.json\n")]
    [InlineData("99 path=index.json\n")]
    [InlineData("0 path=index.json\n")]
    [InlineData("-5 path=index.json\n")]
    [InlineData("19 path=index.json\r")]
    [InlineData("12345678901234567890123 path=x\n")]
    [InlineData("nonsense")]
    [InlineData("9 novalue\n")]
    [InlineData("14 size=-1024\n")]
    [InlineData("16 size=1e99999\n")]
    public void A_malformed_pax_record_is_refused(string records)
    {
        var tar = new TarBuilder().Pax(records).File("index.json", Index).Build();

        AssertInvalid(tar, "pax header");
    }

    [Fact]
    public void A_pax_size_past_the_end_is_refused()
    {
        var tar = new TarBuilder().Pax("20 size=99999999999\n").File("index.json", Index).Build();

        AssertInvalid(tar, "past the end of the file");
    }

    [Fact]
    public void A_checksum_field_that_is_not_octal_is_refused()
    {
        var tar = new TarBuilder().Entry("index.json", '0', [], checksumField: "9999999\0"u8.ToArray()).Build();

        AssertInvalid(tar, "checksum");
    }

    [Fact]
    public void A_layout_index_larger_than_the_document_cap_is_refused()
    {
        var big = "{\"manifests\":[],\"x\":\"" + new string('a', OciLayout.MaxDocumentSize) + "\"}";
        var path = Write(new TarBuilder().File("index.json", big).Build());

        var error = Bounded.Fails(() => OciLayout.Open(path, TestContext.Current.CancellationToken), maxBytes: 48L * 1024 * 1024);

        Assert.Equal(ErrorCode.LayoutInvalid, error.Code);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_tar_stops_when_cancelled()
    {
        var builder = new TarBuilder();
        for (var i = 0; i < 2000; i++)
        {
            builder.File($"f{i}", "x");
        }

        var path = Write(builder.Build());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => OciLayout.Open(path, cancelled.Token));
    }

    private void AssertInvalid(byte[] tar, string reason)
    {
        var path = Write(tar);

        var error = Bounded.Fails(() => OciLayout.Open(path, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCode.LayoutInvalid, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes the tar, extended with zeros (a sparse file: no time, no disk) to <paramref name="length"/>.</summary>
    private string Write(byte[] tar, long length = 0)
    {
        var path = _temp[$"{Guid.NewGuid():N}.tar"];
        using var file = new FileStream(path, FileMode.CreateNew);
        file.Write(tar);
        file.SetLength(Math.Max(length, tar.Length));
        return path;
    }
}
