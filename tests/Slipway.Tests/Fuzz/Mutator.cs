using System.Text;

namespace Slipway.Tests.Fuzz;

/// <summary>Turns valid seed inputs into hostile ones: bit flips, truncation, splicing, repeated sections, huge numbers, deep nesting, random bytes.</summary>
internal static class Mutator
{
    private static readonly string[] Numbers =
    [
        "0", "-1", "-0", "1e309", "-1e309", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999", "0x10", "1.5", "NaN", "00000000000000000001",
    ];

    private static readonly string[] Tokens = ["\"", "\\", "{", "}", "[", "]", ":", ",", "=", "\n", "\r", "\0", "'''", "\"\"\"", "#", ".", "/", "..", "\u2028", "\uFFFD", "\uD800"];

    /// <summary>One input: a mutated seed most of the time, sometimes pure random bytes.</summary>
    public static byte[] Next(Random random, IReadOnlyList<byte[]> seeds)
    {
        if (random.Next(20) == 0)
        {
            return RandomBytes(random, random.Next(0, 2048));
        }

        var input = seeds[random.Next(seeds.Count)];
        var rounds = 1 + random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            input = Mutate(random, input, seeds);
        }

        return input;
    }

    public static byte[] Mutate(Random random, byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var bytes = new List<byte>(input);
        switch (random.Next(10))
        {
            case 0 when bytes.Count > 0:
                for (var flips = 1 + random.Next(8); flips > 0; flips--)
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1 when bytes.Count > 0:
                bytes = bytes.Take(random.Next(bytes.Count + 1)).ToList();
                break;
            case 2:
                var other = seeds[random.Next(seeds.Count)];
                bytes = bytes.Take(random.Next(bytes.Count + 1)).Concat(other.Skip(random.Next(other.Length + 1))).ToList();
                break;
            case 3 when bytes.Count > 0:
                var start = random.Next(bytes.Count);
                var length = Math.Min(bytes.Count - start, 1 + random.Next(256));
                var section = bytes.GetRange(start, length);
                var times = 1 + random.Next(random.Next(2) == 0 ? 4 : 200);
                for (var t = 0; t < times; t++)
                {
                    bytes.InsertRange(start, section);
                }

                break;
            case 4:
                Insert(random, bytes, Numbers[random.Next(Numbers.Length)]);
                break;
            case 5:
                var depth = random.Next(2) == 0 ? 1 + random.Next(64) : 1000 + random.Next(100_000);
                var open = random.Next(3) switch { 0 => "[", 1 => "{\"a\":", _ => "a = [" };
                Insert(random, bytes, string.Concat(Enumerable.Repeat(open, depth)));
                break;
            case 6:
                Insert(random, bytes, Tokens[random.Next(Tokens.Length)]);
                break;
            case 7 when bytes.Count > 0:
                var from = random.Next(bytes.Count);
                bytes.RemoveRange(from, Math.Min(bytes.Count - from, 1 + random.Next(64)));
                break;
            case 8:
                bytes.InsertRange(random.Next(bytes.Count + 1), RandomBytes(random, 1 + random.Next(32)));
                break;
            default:
                // A number somewhere becomes a huge one.
                var text = Encoding.UTF8.GetString([.. bytes]);
                var digit = text.IndexOfAny("0123456789".ToCharArray(), random.Next(text.Length + 1) is var p && p < text.Length ? p : 0);
                if (digit >= 0)
                {
                    text = text[..digit] + Numbers[random.Next(Numbers.Length)] + text[(digit + 1)..];
                    return Encoding.UTF8.GetBytes(text);
                }

                break;
        }

        return [.. bytes];
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void Insert(Random random, List<byte> bytes, string text) =>
        bytes.InsertRange(random.Next(bytes.Count + 1), Encoding.UTF8.GetBytes(text));
}
