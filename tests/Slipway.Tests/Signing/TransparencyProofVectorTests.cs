using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Slipway.Signing.Sigstore;

namespace Slipway.Tests.Signing;

/// <summary>
/// The Merkle audit path check against the RFC 6962 reference vectors (TestData/rfc6962/inclusion-proofs.json, source
/// named there): each proof leads to its tree's root, and every corruption of it — wrong index, wrong size, another
/// leaf or root, a hash added, removed, inserted or changed — is refused.
/// </summary>
public sealed class TransparencyProofVectorTests
{
    private static readonly JsonObject Data = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "rfc6962", "inclusion-proofs.json")))!.AsObject();

    private static readonly byte[] SomeHash = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");

    public static TheoryData<int> Vectors => [.. Enumerable.Range(0, Data["inclusionProofs"]!.AsArray().Count)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_reference_proof_leads_to_its_trees_root(int vector)
    {
        var (index, size, path, leaf, root) = Vector(vector);

        Assert.Null(TransparencyProofs.CheckAuditPath(leaf, index, size, path, root));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_corruption_of_a_reference_proof_is_refused(int vector)
    {
        var (index, size, path, leaf, root) = Vector(vector);
        var probes = new List<(string What, long Index, long Size, byte[] Leaf, IReadOnlyList<byte[]> Path, byte[] Root)>
        {
            ("index - 1", index - 1, size, leaf, path, root),
            ("index + 1", index + 1, size, leaf, path, root),
            ("index ^ 2", index ^ 2, size, leaf, path, root),
            ("size * 2", index, size * 2, leaf, path, root),
            ("size / 2", index, size / 2, leaf, path, root),
            ("wrong leaf", index, size, SHA256.HashData("WrongLeaf"u8), path, root),
            ("empty tree root", index, size, leaf, path, SHA256.HashData([])),
            ("random root", index, size, leaf, path, SomeHash),
            ("trailing empty hash", index, size, leaf, [.. path, []], root),
            ("trailing root", index, size, leaf, [.. path, root], root),
            ("preceding empty hash", index, size, leaf, [[], .. path], root),
            ("preceding root", index, size, leaf, [root, .. path], root),
        };
        for (var i = 0; i < path.Count; i++)
        {
            var changed = path.Select(h => h.ToArray()).ToList();
            changed[i][0] ^= 8;
            probes.Add(($"path[{i}] bit 3", index, size, leaf, changed, root));
        }

        if (path.Count > 0)
        {
            probes.Add(("last hash removed", index, size, leaf, path.Take(path.Count - 1).ToList(), root));
        }

        if (path.Count > 1)
        {
            probes.Add(("hash inserted", index, size, leaf, [path[0], SomeHash, .. path.Skip(1)], root));
        }

        var accepted = probes.Where(p => TransparencyProofs.CheckAuditPath(p.Leaf, p.Index, p.Size, p.Path, p.Root) is null).Select(p => p.What).ToList();

        Assert.Empty(accepted);
    }

    [Fact]
    public void A_wrong_index_short_path_or_long_path_is_named()
    {
        var (index, size, path, leaf, root) = Vector(1);

        Assert.Equal("the proof's index 8 is outside a tree of 8", TransparencyProofs.CheckAuditPath(leaf, 8, size, path, root));
        Assert.Equal("the proof's index 0 is outside a tree of 0", TransparencyProofs.CheckAuditPath(leaf, index, 0, path, root));
        Assert.Equal("the audit path is shorter than the tree", TransparencyProofs.CheckAuditPath(leaf, index, size, path.Take(2).ToList(), root));
        Assert.Equal("the audit path is longer than the tree", TransparencyProofs.CheckAuditPath(leaf, index, size, [.. path, SomeHash], root));
        Assert.Equal("the audit path holds a hash that is not 32 bytes", TransparencyProofs.CheckAuditPath(leaf, index, size, [.. path, []], root));
        Assert.Equal("the audit path does not lead from the entry to the proof's root hash", TransparencyProofs.CheckAuditPath(leaf, index + 1, size, path, root));
    }

    private static (long Index, long Size, IReadOnlyList<byte[]> Path, byte[] Leaf, byte[] Root) Vector(int vector)
    {
        var proof = Data["inclusionProofs"]![vector]!;
        var index = proof["leafIndex"]!.GetValue<long>();
        var size = proof["treeSize"]!.GetValue<long>();
        var path = proof["path"]!.AsArray().Select(h => Convert.FromHexString(h!.GetValue<string>())).ToList();
        var leaf = SHA256.HashData([0x00, .. Convert.FromHexString(Data["leaves"]![(int)index]!.GetValue<string>())]);
        var root = Convert.FromHexString(Data["roots"]![(int)size - 1]!.GetValue<string>());
        return (index, size, path, leaf, root);
    }
}
