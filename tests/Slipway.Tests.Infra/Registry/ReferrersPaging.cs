namespace Slipway.Tests.Infra.Registry;

/// <summary>How <see cref="ReferrersFront"/> links the pages of a referrers listing.</summary>
public enum ReferrersPaging
{
    /// <summary>A <c>Link</c> to the next page while descriptors remain (spec.md "Listing Referrers").</summary>
    Honest,

    /// <summary>Pages 0, 1, 2, then page 2 links back to page 1: a registry whose <c>Link</c> loops.</summary>
    LoopsBack,

    /// <summary>Every page links a further one, empty or not: a registry that pages forever.</summary>
    Endless,
}
