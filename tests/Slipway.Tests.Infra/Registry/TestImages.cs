using System.Security.Cryptography;
using Slipway.Oci;

namespace Slipway.Tests.Infra.Registry;

/// <summary>An image layout written for a test, and the descriptor of its top manifest.</summary>
public sealed record TestLayout(string Path, Descriptor Top, IReadOnlyList<Descriptor> Children);

/// <summary>
/// Test images written straight into OCI layouts with the product's <see cref="OciLayoutWriter"/> (no Docker): a
/// multi-platform index with a BuildKit-style attestation entry, a Docker manifest list, a single manifest with a large
/// layer. Content is seeded, so each test gets images no other test pushed.
/// </summary>
public static class TestImages
{
    public static readonly Platform[] TwoPlatforms = [new("linux", "amd64"), new("linux", "arm64", "v8")];

    public static readonly Platform[] ThreePlatforms = [new("linux", "amd64"), new("linux", "arm64", "v8"), new("linux", "arm", "v7")];

    /// <summary>An OCI index of one image per platform, plus (optionally) an attestation manifest for the first one.</summary>
    public static TestLayout MultiPlatformIndex(string path, IReadOnlyList<Platform>? platforms = null, bool attestation = true, string? name = null, string seed = "")
    {
        var writer = new OciLayoutWriter(path);
        var children = new List<Descriptor>();
        foreach (var platform in platforms ?? TwoPlatforms)
        {
            children.Add(writer.WriteImage(platform, [Layer($"{seed}{Guid.NewGuid()} {platform}")]));
        }

        if (attestation)
        {
            children.Add(Attestation(writer, children[0]));
        }

        var index = writer.WriteManifest(OciJson.Index(children), MediaTypes.OciIndex);
        writer.AddEntry(index, name);
        return new TestLayout(path, index, children);
    }

    /// <summary>
    /// An index whose second platform image (linux/arm64/v8, a real image) is annotated as BuildKit annotates an
    /// attestation manifest, plus a real attestation entry: the index is whatever its builder wrote.
    /// </summary>
    public static TestLayout IndexWithPlatformAnnotatedAsAttestation(string path, string seed = "")
    {
        var writer = new OciLayoutWriter(path);
        var amd64 = writer.WriteImage(TwoPlatforms[0], [Layer($"{seed}{Guid.NewGuid()} amd64")]);
        var arm64 = writer.WriteImage(TwoPlatforms[1], [Layer($"{seed}{Guid.NewGuid()} arm64")]) with
        {
            Annotations = new Dictionary<string, string>
            {
                [Descriptor.DockerReferenceTypeAnnotation] = Descriptor.AttestationManifestType,
                ["vnd.docker.reference.digest"] = amd64.Digest.ToString(),
            },
        };
        List<Descriptor> children = [amd64, arm64, Attestation(writer, amd64)];
        var index = writer.WriteManifest(OciJson.Index(children), MediaTypes.OciIndex);
        writer.AddEntry(index);
        return new TestLayout(path, index, children);
    }

    /// <summary>A Docker manifest list of Docker schema-2 manifests.</summary>
    public static TestLayout DockerManifestList(string path, IReadOnlyList<Platform>? platforms = null, string? name = null)
    {
        var writer = new OciLayoutWriter(path);
        var children = (platforms ?? TwoPlatforms)
            .Select(platform => writer.WriteImage(platform, [Layer($"{Guid.NewGuid()} {platform}")], docker: true))
            .ToList();
        var list = writer.WriteManifest(OciJson.Index(children, MediaTypes.DockerManifestList), MediaTypes.DockerManifestList);
        writer.AddEntry(list, name);
        return new TestLayout(path, list, children);
    }

    /// <summary>A single-platform image manifest whose one layer has <paramref name="layerBytes"/> random bytes.</summary>
    public static TestLayout SingleManifest(string path, long layerBytes = 1024, string? name = null)
    {
        var writer = new OciLayoutWriter(path);
        Descriptor layer;
        using (var random = new RandomStream(layerBytes))
        {
            layer = writer.WriteBlob(random, MediaTypes.OciLayer);
        }

        var platform = new Platform("linux", "amd64");
        var config = writer.WriteBlob(
            OciJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("architecture", "amd64");
                w.WriteString("os", "linux");
                w.WriteStartObject("rootfs");
                w.WriteString("type", "layers");
                w.WriteStartArray("diff_ids");
                w.WriteStringValue(layer.Digest.ToString());
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }),
            MediaTypes.OciConfig);
        var manifest = writer.WriteManifest(OciJson.Manifest(config, [layer]), MediaTypes.OciManifest);
        writer.AddEntry(manifest, name);
        return new TestLayout(path, manifest with { Platform = platform }, []);
    }

    /// <summary>A BuildKit-style attestation manifest: platform unknown/unknown, in-toto layer, reference annotations.</summary>
    public static Descriptor Attestation(OciLayoutWriter writer, Descriptor subject)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(subject);
        var statement = writer.WriteBlob(
            System.Text.Encoding.UTF8.GetBytes(
                $$$"""{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document","subject":[{"name":"test","digest":{"sha256":"{{{subject.Digest.Hex}}}"}}],"predicate":{}}"""),
            MediaTypes.InTotoLayer) with
        {
            Annotations = new Dictionary<string, string> { ["in-toto.io/predicate-type"] = "https://spdx.dev/Document" },
        };
        var config = writer.WriteBlob(
            System.Text.Encoding.UTF8.GetBytes("""{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"""),
            MediaTypes.OciConfig);
        var manifest = OciJson.Manifest(config, [statement]);
        return writer.WriteManifest(
            manifest,
            MediaTypes.OciManifest,
            new Platform("unknown", "unknown"),
            new Dictionary<string, string>
            {
                [Descriptor.DockerReferenceTypeAnnotation] = Descriptor.AttestationManifestType,
                ["vnd.docker.reference.digest"] = subject.Digest.ToString(),
            });
    }

    public static byte[] Layer(string text) =>
        OciLayoutWriter.TarLayer(new Dictionary<string, byte[]> { ["hello.txt"] = System.Text.Encoding.UTF8.GetBytes(text) });

    /// <summary>Pseudo-random bytes of a given length, generated as read (no 100 MiB array).</summary>
    private sealed class RandomStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            RandomNumberGenerator.Fill(buffer.AsSpan(offset, n));
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
