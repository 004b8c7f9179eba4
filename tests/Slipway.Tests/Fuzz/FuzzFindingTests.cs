using System.Text;
using Slipway.Diagnostics;
using Slipway.Oci;

namespace Slipway.Tests.Fuzz;

/// <summary>Each input the fuzzers found that ended in an unhandled exception, kept as a regression test.</summary>
public sealed class FuzzFindingTests
{
    [Theory]
    [InlineData("1e309")]
    [InlineData("1.5")]
    [InlineData("9223372036854775808")]
    public void A_descriptor_size_that_is_not_a_64_bit_integer_is_an_invalid_manifest(string size)
    {
        var bytes = Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{Digest.Sha256("a"u8)}}}","size":{{{size}}}}]}""");

        var error = Assert.Throws<SlipwayException>(() => ManifestDocument.Parse(bytes, null, "fuzz"));

        Assert.Equal(ErrorCode.ManifestInvalid, error.Code);
        Assert.Contains("has no valid size", error.Message, StringComparison.Ordinal);
    }
}
