namespace Slipway.Tests.Oci;

/// <summary>A request as it left the client: method, absolute URI and the Authorization header it carried, if any.</summary>
public sealed record RecordedRequest(string Method, Uri Uri, string? Authorization)
{
    public string Origin => Uri.GetLeftPart(UriPartial.Authority);
}
