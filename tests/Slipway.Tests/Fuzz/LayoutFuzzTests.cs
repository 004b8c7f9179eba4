using System.Text;
using Slipway.Oci;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Fuzz;

/// <summary>
/// The OCI layout tar reader, index.json and the manifests below it, under seeded mutation: most inputs keep valid
/// header checksums (a header field is rewritten and its checksum recomputed), so the mutations reach the size, pax
/// and offset handling rather than stopping at the first checksum.
/// </summary>
public sealed class LayoutFuzzTests : IDisposable
{
    private static readonly string[] PaxRecords =
    [
        "path=index.json", "path=blobs/sha256/", "size=0", "size=-1", "size=99999999999999", "size=1e3", "path=", "=x", "linkpath=x", "path=./oci-layout",
    ];

    private readonly TempDirectory _temp = new("fuzz-layout");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Layout_tar_reader()
    {
        var seeds = Seeds();
        var path = _temp["input.tar"];
        Fuzzer.Check(
            nameof(Layout_tar_reader),
            2000,
            random => random.Next(3) == 0 ? Mutator.Next(random, seeds) : MutateHeader(random, seeds[random.Next(seeds.Count)]),
            input =>
            {
                File.WriteAllBytes(path, input);
                var layout = OciLayout.Open(path, CancellationToken.None);
                var top = layout.Select(layout.Entries.Count > 1 ? "app" : null);
                PushPlan.CreateAsync(layout, top, CancellationToken.None).GetAwaiter().GetResult();
            });
    }

    private List<byte[]> Seeds()
    {
        var index = TestImages.MultiPlatformIndex(_temp["index"], name: "app");
        new OciLayoutWriter(index.Path).PackTar(_temp["index.tar"]);
        var single = TestImages.SingleManifest(_temp["single"], 700);
        ProcessRunner.Run("tar", ["--format=pax", "-cf", _temp["pax.tar"], "-C", single.Path, "."]).EnsureSuccess("tar");
        return [File.ReadAllBytes(_temp["index.tar"]), File.ReadAllBytes(_temp["pax.tar"])];
    }

    private static byte[] MutateHeader(Random random, byte[] seed)
    {
        var headers = Enumerable.Range(0, seed.Length / 512).Select(b => b * 512).Where(o => IsHeader(seed, o)).ToList();
        var bytes = seed.ToList();
        var at = headers[random.Next(headers.Count)];
        switch (random.Next(5))
        {
            case 0:
                Overwrite(bytes, at + 124, random.Next(2) == 0 ? Octal(random) : Base256(random));
                break;
            case 1:
                bytes[at + 156] = (byte)"0x gL57\0K"[random.Next(9)];
                break;
            case 2:
                var records = string.Concat(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => PaxRecord(random)));
                var data = Encoding.UTF8.GetBytes(records);
                var header = new byte[512];
                bytes.GetRange(at, 512).CopyTo(header);
                header[156] = (byte)'x';
                Octal(data.Length, 12).CopyTo(header, 124);
                FixChecksum(header);
                bytes.InsertRange(at, [.. header, .. data, .. new byte[(512 - (data.Length % 512)) % 512]]);
                return [.. bytes];
            case 3:
                Overwrite(bytes, at + random.Next(512), Mutator.RandomBytes(random, 1 + random.Next(16)));
                break;
            default:
                // Drop or repeat whole blocks: data and headers out of step.
                var block = at + (512 * random.Next(3));
                if (block + 512 <= bytes.Count)
                {
                    if (random.Next(2) == 0)
                    {
                        bytes.RemoveRange(block, 512);
                    }
                    else
                    {
                        bytes.InsertRange(block, bytes.GetRange(block, 512));
                    }
                }

                return [.. bytes];
        }

        var fixedHeader = bytes.GetRange(at, 512).ToArray();
        if (random.Next(8) != 0)
        {
            FixChecksum(fixedHeader);
        }

        Overwrite(bytes, at, fixedHeader);
        return [.. bytes];
    }

    private static string PaxRecord(Random random)
    {
        var body = PaxRecords[random.Next(PaxRecords.Length)];
        var length = body.Length + 2;
        length += length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var claimed = random.Next(4) == 0 ? length + random.Next(-length - 2, 40) : length;
        return $"{claimed} {body}\n";
    }

    private static byte[] Octal(Random random) => Octal(random.Next(4) switch
    {
        0 => random.Next(0, 4096),
        1 => random.NextInt64(0, 1L << 33),
        2 => 0,
        _ => random.Next(0, 1 << 20),
    }, 12);

    private static byte[] Octal(long value, int width) =>
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(width - 1, '0')[^(width - 1)..] + "\0");

    private static byte[] Base256(Random random)
    {
        var field = Mutator.RandomBytes(random, 12);
        field[0] = random.Next(2) == 0 ? (byte)0x80 : (byte)0xFF;
        return field;
    }

    private static bool IsHeader(byte[] bytes, int offset)
    {
        var header = bytes.AsSpan(offset, 512);
        if (!header.ContainsAnyExcept((byte)0))
        {
            return false;
        }

        long sum = 0;
        for (var i = 0; i < 512; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        }

        var field = Encoding.ASCII.GetString(header.Slice(148, 8)).Trim('\0', ' ');
        return field.Length > 0 && field.All(c => c is >= '0' and <= '7') && Convert.ToInt64(field, 8) == sum;
    }

    private static void FixChecksum(byte[] header)
    {
        var sum = header.Select((b, i) => i is >= 148 and < 156 ? (byte)' ' : b).Sum(b => (long)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
    }

    private static void Overwrite(List<byte> bytes, int at, byte[] with)
    {
        for (var i = 0; i < with.Length && at + i < bytes.Count; i++)
        {
            bytes[at + i] = with[i];
        }
    }
}
