using System.Text;

namespace Slipway.IntegrationTests.Signing;

/// <summary>Minimal SPDX 2.3 and CycloneDX 1.5 JSON documents with a given number of packages.</summary>
internal static class SbomFixtures
{
    public static byte[] Spdx(int packages, string platform = "")
    {
        var items = string.Join(',', Enumerable.Range(0, packages).Select(i => $$"""{"SPDXID":"SPDXRef-Package-{{i}}","name":"pkg{{i}}","downloadLocation":"NOASSERTION"}"""));
        return Encoding.UTF8.GetBytes($$"""{"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"image {{platform}}","packages":[{{items}}]}""");
    }

    public static byte[] CycloneDx(int components)
    {
        var items = string.Join(',', Enumerable.Range(0, components).Select(i => $$"""{"type":"library","name":"c{{i}}"}"""));
        return Encoding.UTF8.GetBytes($$"""{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{{items}}]}""");
    }
}
