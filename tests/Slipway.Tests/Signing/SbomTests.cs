using System.Text;
using Slipway.Diagnostics;
using Slipway.Signing;

namespace Slipway.Tests.Signing;

public sealed class SbomTests
{
    [Fact]
    public void SPDX_packages_are_counted()
    {
        var sbom = SbomDocument.Parse(Encoding.UTF8.GetBytes("""{"spdxVersion":"SPDX-2.3","packages":[{"name":"a"},{"name":"b"},{"name":"c"}]}"""), "s");

        Assert.Equal((SbomFormat.Spdx, 3, PredicateTypes.Spdx), (sbom.Format, sbom.PackageCount, sbom.PredicateType));
    }

    [Fact]
    public void CycloneDX_components_are_counted_at_every_level()
    {
        var sbom = SbomDocument.Parse(
            Encoding.UTF8.GetBytes("""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a","components":[{"name":"a1"},{"name":"a2","components":[{"name":"a2x"}]}]},{"name":"b"}]}"""),
            "s");

        Assert.Equal((SbomFormat.CycloneDx, 5, PredicateTypes.CycloneDx), (sbom.Format, sbom.PackageCount, sbom.PredicateType));
    }

    [Theory]
    [InlineData("""{"name":"not an sbom"}""", "neither spdxVersion nor bomFormat")]
    [InlineData("""{"spdxVersion":"SPDX-2.2","packages":[]}""", "not 'SPDX-2.3'")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.4"}""", "1.5 or later")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""not json""", "not JSON")]
    public void A_document_that_is_neither_SPDX_nor_CycloneDX_is_bad_input(string json, string reason)
    {
        var error = Assert.Throws<SlipwayException>(() => SbomDocument.Parse(Encoding.UTF8.GetBytes(json), "sbom.json"));

        Assert.Equal(ErrorCode.SbomUnrecognized, error.Code);
        Assert.Equal(2, error.ExitCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, null, 50)]
    [InlineData(50, 40, 50)]
    [InlineData(50, 100, 80)]
    [InlineData(50, 101, 81)]
    [InlineData(50, 10_000, 2000)]
    [InlineData(3000, 10_000, 3000)]
    public void The_floor_is_the_hard_floor_or_80_percent_of_the_previous_count_capped_at_2000(int hard, int? previous, int expected)
    {
        Assert.Equal(expected, SbomFloor.Compute(hard, previous).Minimum);
    }

    [Fact]
    public void The_floor_admits_counts_at_or_above_it()
    {
        var floor = SbomFloor.Compute(50, 100);

        Assert.False(floor.Admits(79));
        Assert.True(floor.Admits(80));
    }
}
