using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Slipway.Notes;

/// <summary>
/// <c>.github/release.yml</c>, which GitHub's generate-notes reads for the pull request list's categories: checked
/// before anything changes, so a file GitHub would reject or misread is an error with its line, not a surprise in the
/// published body. Read with YamlDotNet's event parser only (no reflection, Native AOT safe), bounded while reading,
/// and never through a symlink that leaves the repository. The shape: <c>changelog.exclude</c> and
/// <c>changelog.categories[]</c>, each category a <c>title</c> and its <c>labels</c> (strings), with an optional
/// <c>exclude</c> of <c>labels</c> and <c>authors</c>.
/// </summary>
public static class ReleaseConfigFile
{
    public const string RelativePath = ".github/release.yml";

    /// <summary>GitHub's file is a handful of lines; anything this large is not one.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Checks the file under <paramref name="root"/> when there is one; a coded input error otherwise.</summary>
    public static void Check(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var path = Path.Combine(root, ".github", "release.yml");
        var info = new FileInfo(path);
        if (info.LinkTarget is null && !info.Exists)
        {
            return;
        }

        var resolved = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        var full = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        if (resolved is null || !resolved.Exists || !resolved.FullName.StartsWith(full, StringComparison.Ordinal))
        {
            throw NotesErrors.ReleaseConfigShape(RelativePath, 1, 1, "is a symlink to a file outside the repository; refused");
        }

        string text;
        using (var stream = new FileStream(resolved.FullName, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var buffer = new byte[MaxBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }

            if (read > MaxBytes)
            {
                throw NotesErrors.ReleaseConfigShape(RelativePath, 1, 1, $"is larger than {MaxBytes / 1024} KiB; refused");
            }

            try
            {
                text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, read);
            }
            catch (System.Text.DecoderFallbackException)
            {
                throw NotesErrors.ReleaseConfigInvalid(RelativePath, 1, 1, "the file is not UTF-8");
            }
        }

        Parse(text);
    }

    /// <summary>Parses and checks the text of the file (exposed for tests).</summary>
    public static void Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Node? root;
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return;
            }

            parser.Consume<DocumentStart>();
            root = Read(parser);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var at = parser.Current!.Start;
                throw NotesErrors.ReleaseConfigShape(RelativePath, at.Line, at.Column, "holds more than one YAML document");
            }
        }
        catch (YamlException e)
        {
            throw NotesErrors.ReleaseConfigInvalid(RelativePath, e.Start.Line, e.Start.Column, e.Message);
        }

        CheckShape(root);
    }

    private static void CheckShape(Node? root)
    {
        if (root is TextNode { Value.Length: 0 } or null)
        {
            return;
        }

        var top = Expect<MapNode>(root, "the file", "a mapping");
        if (!top.TryGet("changelog", out var changelogNode))
        {
            return;
        }

        var changelog = Expect<MapNode>(changelogNode, "changelog", "a mapping");
        if (changelog.TryGet("exclude", out var exclude))
        {
            CheckExclude(exclude, "changelog.exclude");
        }

        if (!changelog.TryGet("categories", out var categoriesNode))
        {
            return;
        }

        var categories = Expect<ListNode>(categoriesNode, "changelog.categories", "a list");
        for (var i = 0; i < categories.Items.Count; i++)
        {
            var where = $"changelog.categories[{i}]";
            var category = Expect<MapNode>(categories.Items[i], where, "a mapping with title and labels");
            if (!category.TryGet("title", out var title))
            {
                throw Shape(category, $"{where} has no title");
            }

            if (title is not TextNode { Value.Length: > 0 })
            {
                throw Shape(title, $"{where}.title is not a text");
            }

            if (!category.TryGet("labels", out var labels))
            {
                throw Shape(category, $"{where} has no labels (use [\"*\"] for every pull request)");
            }

            CheckStrings(labels, $"{where}.labels");
            if (category.TryGet("exclude", out var categoryExclude))
            {
                CheckExclude(categoryExclude, $"{where}.exclude");
            }
        }
    }

    private static void CheckExclude(Node node, string where)
    {
        var exclude = Expect<MapNode>(node, where, "a mapping of labels and authors");
        foreach (var (key, value) in exclude.Entries)
        {
            if (key.Value is not ("labels" or "authors"))
            {
                throw Shape(key, $"{where} has '{key.Value}', not labels or authors");
            }

            CheckStrings(value, $"{where}.{key.Value}");
        }
    }

    private static void CheckStrings(Node node, string where)
    {
        var list = Expect<ListNode>(node, where, "a list of texts");
        foreach (var item in list.Items)
        {
            if (item is not TextNode { Value.Length: > 0 })
            {
                throw Shape(item, $"{where} holds an entry that is not a text");
            }
        }
    }

    private static T Expect<T>(Node? node, string where, string what)
        where T : Node =>
        node as T ?? throw Shape(node, $"{where} is not {what}");

    private static Slipway.Diagnostics.SlipwayException Shape(Node? node, string reason) =>
        NotesErrors.ReleaseConfigShape(RelativePath, node?.Start.Line ?? 1, node?.Start.Column ?? 1, reason);

    private static Node Read(IParser parser)
    {
        if (parser.TryConsume<YamlDotNet.Core.Events.Scalar>(out var scalar))
        {
            return new TextNode(scalar.Start, scalar.Value);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<Node>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(Read(parser));
            }

            return new ListNode(sequenceStart.Start, items);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<(TextNode, Node)>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Read(parser);
                if (key is not TextNode keyScalar)
                {
                    throw NotesErrors.ReleaseConfigShape(RelativePath, key.Start.Line, key.Start.Column, "a mapping key is not a text");
                }

                if (entries.Any(e => e.Item1.Value == keyScalar.Value))
                {
                    throw NotesErrors.ReleaseConfigShape(RelativePath, key.Start.Line, key.Start.Column, $"key '{keyScalar.Value}' appears twice");
                }

                entries.Add((keyScalar, Read(parser)));
            }

            return new MapNode(mappingStart.Start, entries);
        }

        var alias = parser.Consume<AnchorAlias>();
        throw NotesErrors.ReleaseConfigShape(RelativePath, alias.Start.Line, alias.Start.Column, "uses an alias (*name), which Slipway does not follow");
    }

    private abstract record Node(Mark Start);

    private sealed record TextNode(Mark Start, string Value) : Node(Start);

    private sealed record ListNode(Mark Start, IReadOnlyList<Node> Items) : Node(Start);

    private sealed record MapNode(Mark Start, IReadOnlyList<(TextNode Key, Node Value)> Entries) : Node(Start)
    {
        public bool TryGet(string key, out Node value)
        {
            foreach (var (k, v) in Entries)
            {
                if (k.Value == key)
                {
                    value = v;
                    return true;
                }
            }

            value = null!;
            return false;
        }
    }
}
