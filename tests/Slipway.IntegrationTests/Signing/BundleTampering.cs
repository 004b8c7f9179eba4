using System.Text.Json.Nodes;
using Slipway.Oci;
using Slipway.Signing.Sigstore;

namespace Slipway.IntegrationTests.Signing;

/// <summary>
/// What an attacker with push access does to a stored bundle: reads the referrer of a digest, changes its bundle, and puts
/// the changed bundle in its place (a new referrer manifest with the same subject and annotations, in the referrers list
/// or the fallback index; the original removed), so <c>slipway verify</c> finds only the tampered one.
/// </summary>
internal static class BundleTampering
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The bundle JSON of the <paramref name="predicateType"/> referrer of <paramref name="subject"/>, and its manifest digest.</summary>
    public static async Task<(JsonObject Bundle, Digest Manifest)> ReadAsync(SigningScenario scenario, Digest subject, string predicateType)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var stored = (await new BundleStore(scenario.Client).ReadAsync(scenario.Repository, subject, Ct)).Single(b => b.PredicateType == predicateType);
        var manifest = (await scenario.Client.GetManifestAsync(scenario.Repository.WithDigest(stored.Manifest), Ct)).Parse();
        var bytes = await scenario.Client.GetBlobAsync(scenario.Repository, manifest.Layers[0], Ct);
        return (JsonNode.Parse(bytes)!.AsObject(), stored.Manifest);
    }

    /// <summary>Pushes <paramref name="bundle"/> as a <paramref name="predicateType"/> referrer of <paramref name="subject"/>; returns its manifest digest.</summary>
    public static async Task<Digest> PushAsync(SigningScenario scenario, Digest subject, JsonObject bundle, string predicateType)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(bundle);
        var content = await scenario.Client.GetManifestAsync(scenario.Repository.WithDigest(subject), Ct);
        var descriptor = new Descriptor(content.MediaType, subject, content.Bytes.LongLength);
        var bytes = System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString());
        var manifest = BundleStore.Manifest(descriptor, bytes, predicateType, DateTimeOffset.UtcNow);
        return await new BundleStore(scenario.Client).WriteAsync(scenario.Repository, bytes, manifest, Ct);
    }

    /// <summary>Replaces the <paramref name="predicateType"/> bundle of <paramref name="subject"/> with <paramref name="tamper"/>'s change of it.</summary>
    public static async Task<JsonObject> ReplaceAsync(SigningScenario scenario, Digest subject, string predicateType, Action<JsonObject> tamper)
    {
        ArgumentNullException.ThrowIfNull(tamper);
        var (bundle, original) = await ReadAsync(scenario, subject, predicateType);
        var before = bundle.ToJsonString();
        tamper(bundle);
        Assert.NotEqual(before, bundle.ToJsonString());
        await PushAsync(scenario, subject, bundle, predicateType);
        Assert.True(await new BundleStore(scenario.Client).RemoveAsync(scenario.Repository, subject, original, Ct));
        return bundle;
    }

    public static JsonObject Tlog(JsonObject bundle) => bundle["verificationMaterial"]!["tlogEntries"]![0]!.AsObject();

    /// <summary>Decodes the base64 string at <paramref name="parent"/>[<paramref name="key"/>], lets <paramref name="change"/> edit it, and encodes it back.</summary>
    public static void EditBase64(JsonNode parent, string key, Action<byte[]> change)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(change);
        var bytes = Convert.FromBase64String(parent[key]!.GetValue<string>());
        change(bytes);
        parent[key] = Convert.ToBase64String(bytes);
    }
}
