namespace Slipway.Changelog;

/// <summary>Python's <c>fnmatch</c> on POSIX: <c>*</c>, <c>?</c>, <c>[seq]</c> and <c>[!seq]</c>, case-sensitive, over the whole name.</summary>
internal static class FnMatch
{
    public static bool IsMatch(string name, string pattern) => Match(name.AsSpan(), pattern.AsSpan());

    private static bool Match(ReadOnlySpan<char> name, ReadOnlySpan<char> pattern)
    {
        while (!pattern.IsEmpty)
        {
            switch (pattern[0])
            {
                case '*':
                    var rest = pattern[1..];
                    for (var i = 0; i <= name.Length; i++)
                    {
                        if (Match(name[i..], rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (name.IsEmpty)
                    {
                        return false;
                    }

                    break;
                case '[' when TryClass(pattern, out var length, out var negated, out var members):
                    if (name.IsEmpty || InClass(name[0], members) == negated)
                    {
                        return false;
                    }

                    name = name[1..];
                    pattern = pattern[length..];
                    continue;
                default:
                    if (name.IsEmpty || name[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            name = name[1..];
            pattern = pattern[1..];
        }

        return name.IsEmpty;
    }

    private static bool TryClass(ReadOnlySpan<char> pattern, out int length, out bool negated, out ReadOnlySpan<char> members)
    {
        var i = 1;
        negated = i < pattern.Length && pattern[i] == '!';
        if (negated)
        {
            i++;
        }

        var start = i;
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        while (i < pattern.Length && pattern[i] != ']')
        {
            i++;
        }

        if (i >= pattern.Length)
        {
            length = 0;
            members = default;
            return false;
        }

        members = pattern[start..i];
        length = i + 1;
        return true;
    }

    private static bool InClass(char c, ReadOnlySpan<char> members)
    {
        for (var i = 0; i < members.Length; i++)
        {
            if (i + 2 < members.Length && members[i + 1] == '-')
            {
                if (c >= members[i] && c <= members[i + 2])
                {
                    return true;
                }

                i += 2;
            }
            else if (members[i] == c)
            {
                return true;
            }
        }

        return false;
    }
}
