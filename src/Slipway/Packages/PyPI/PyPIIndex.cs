namespace Slipway.Packages.PyPI;

/// <summary>The public indexes' addresses: the legacy upload endpoint and, beside it, the JSON API that shows what a release holds.</summary>
public static class PyPIIndex
{
    public static Uri PyPIUpload { get; } = new("https://upload.pypi.org/legacy/");

    public static Uri TestPyPIUpload { get; } = new("https://test.pypi.org/legacy/");

    /// <summary>The JSON API (<c>…/pypi/</c>) of a known index, or null for another index (it may have none).</summary>
    public static Uri? JsonApiFor(Uri uploadUrl)
    {
        ArgumentNullException.ThrowIfNull(uploadUrl);
        return uploadUrl.Host switch
        {
            "upload.pypi.org" => new Uri("https://pypi.org/pypi/"),
            "test.pypi.org" => new Uri("https://test.pypi.org/pypi/"),
            _ => null,
        };
    }
}
