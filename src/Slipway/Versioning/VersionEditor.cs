using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Slipway.Configuration;
using Slipway.Files;
using Tomlyn;
using Tomlyn.Model;

namespace Slipway.Versioning;

/// <summary>
/// Finds the bytes that hold the version in a file (the version source or a <c>[project] sync</c> target) and
/// replaces exactly those: comments, quoting, line endings, a byte order mark and the final newline stay as they are.
/// Each format is located by its own parser (JSON reader offsets, XML line information, the TOML table the model
/// names, the pattern's group), and the rewritten file is located again and must hold the new version.
/// </summary>
public static partial class VersionEditor
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] TomlTables = ["project", "tool.poetry", "package"];

    /// <summary>The value the file holds; <paramref name="exactlyOnce"/> (a sync target) refuses a file that holds it
    /// several times.</summary>
    public static string ReadValue(VersionSourceSpec spec, string rootDirectory, bool exactlyOnce)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (file, _, bytes) = Load(spec, rootDirectory);
        return Value(file, Locate(spec, file, bytes, exactlyOnce));
    }

    /// <summary>The rewrite that puts <paramref name="next"/> where the file holds its version. Nothing is written.</summary>
    /// <paramref name="current"/> is the file as an earlier edit of the same bump left it (two targets in one file).
    public static VersionEdit Plan(VersionSourceSpec spec, string rootDirectory, ProjectVersion next, bool exactlyOnce, byte[]? current = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(next);
        var (file, writePath, bytes) = Load(spec, rootDirectory);
        bytes = current ?? bytes;
        var slots = Locate(spec, file, bytes, exactlyOnce);
        var previous = Value(file, slots);
        var text = next.ToString();
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var withoutMetadata = plus < 0 ? text : text[..plus];
        var dash = withoutMetadata.IndexOf('-', StringComparison.Ordinal);
        var (prefix, suffix) = dash < 0 ? (withoutMetadata, string.Empty) : (withoutMetadata[..dash], withoutMetadata[(dash + 1)..]);
        if (slots.Any(s => s.Part == VersionSlotPart.Prefix) && slots.All(s => s.Part != VersionSlotPart.Suffix) && suffix.Length > 0)
        {
            throw VersionErrors.NotWritable(file, $"{next} has a prerelease, and the file has <VersionPrefix> but no <VersionSuffix> to hold it; add <VersionSuffix></VersionSuffix>");
        }

        var updated = new List<byte>(bytes.Length + 32);
        var at = 0;
        foreach (var slot in slots.OrderBy(s => s.Start))
        {
            updated.AddRange(bytes.AsSpan(at, slot.Start - at));
            updated.AddRange(Encoding.UTF8.GetBytes(slot.Part switch
            {
                VersionSlotPart.Prefix => prefix,
                VersionSlotPart.Suffix => suffix,
                _ => text,
            }));
            at = slot.Start + slot.Length;
        }

        updated.AddRange(bytes.AsSpan(at));
        var result = updated.ToArray();
        var check = Value(file, Locate(spec, file, result, exactlyOnce));
        if (!string.Equals(check, text, StringComparison.Ordinal) && !string.Equals(check, withoutMetadata, StringComparison.Ordinal))
        {
            throw VersionErrors.NotWritable(file, $"after the rewrite it reads '{check}', not '{text}'");
        }

        return new VersionEdit(file, writePath, previous, text, bytes, result);
    }

    /// <summary>Writes every edit; call it only once every edit has been planned.</summary>
    public static void Write(IEnumerable<VersionEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var written = new List<string>();
        foreach (var edit in edits.Where(e => e.Changes))
        {
            try
            {
                File.WriteAllBytes(edit.WritePath, edit.Updated);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw VersionErrors.WriteFailed(edit.File, written, e);
            }

            written.Add(edit.File);
        }
    }

    private static (string File, string WritePath, byte[] Bytes) Load(VersionSourceSpec spec, string rootDirectory)
    {
        var file = spec switch
        {
            VersionSourceSpec.FilePattern p => p.File,
            VersionSourceSpec.MSBuild m => m.File,
            VersionSourceSpec.Json j => j.File,
            VersionSourceSpec.Toml t => t.File,
            _ => throw VersionErrors.NotWritable("the git tag", "the version comes from the tag at HEAD; bump writes files: tag the release instead, or use a version file"),
        };
        var full = Path.GetFullPath(Path.Combine(rootDirectory, file));
        var boundary = FileBoundary.Repository(rootDirectory);
        var bytes = RepositoryFile.ReadAllBytes(full, file, boundary, RepositoryFile.DefaultMaxSize, () => VersionErrors.FileMissing(file));
        // The file was read through the same check; resolving again names the regular file inside the repository to write.
        return RepositoryFile.TryResolve(full, boundary, out var resolved, out var refusal)
            ? (file, resolved, bytes)
            : throw FileErrors.Refused(file, refusal, null);
    }

    private static string Value(string file, IReadOnlyList<VersionSlot> slots)
    {
        var whole = slots.Where(s => s.Part == VersionSlotPart.Whole).Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList();
        if (whole.Count > 1)
        {
            throw VersionErrors.Ambiguous(file, whole);
        }

        if (whole.Count == 1)
        {
            return whole[0];
        }

        var prefix = slots.First(s => s.Part == VersionSlotPart.Prefix).Value;
        var suffix = slots.FirstOrDefault(s => s.Part == VersionSlotPart.Suffix)?.Value ?? string.Empty;
        return suffix.Length > 0 ? $"{prefix}-{suffix}" : prefix;
    }

    private static List<VersionSlot> Locate(VersionSourceSpec spec, string file, byte[] bytes, bool exactlyOnce)
    {
        var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (spec is VersionSourceSpec.Json json)
        {
            return Single(file, LocateJson(json, file, bytes, bom), exactlyOnce, $"no string at \"{json.KeyPath ?? "version"}\"");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            throw VersionErrors.NotWritable(file, "it is not UTF-8 text");
        }

        var slots = spec switch
        {
            VersionSourceSpec.FilePattern p => LocatePattern(p, text, file, exactlyOnce),
            VersionSourceSpec.MSBuild => LocateMSBuild(text, file),
            VersionSourceSpec.Toml t => LocateToml(t, text, file),
            _ => [],
        };
        return [.. slots.Select(s => s with { Start = bom + Encoding.UTF8.GetByteCount(text.AsSpan(0, s.Start)), Length = Encoding.UTF8.GetByteCount(text.AsSpan(s.Start, s.Length)) })];
    }

    private static List<VersionSlot> Single(string file, List<VersionSlot> slots, bool exactlyOnce, string what)
    {
        if (slots.Count == 0)
        {
            throw exactlyOnce ? VersionErrors.SyncTargetNotFound(file, what, 0) : VersionErrors.NotFound(file, what);
        }

        return exactlyOnce && slots.Count > 1 ? throw VersionErrors.SyncTargetNotFound(file, what, slots.Count) : slots;
    }

    private static List<VersionSlot> LocatePattern(VersionSourceSpec.FilePattern spec, string text, string file, bool exactlyOnce)
    {
        var regex = new Regex(spec.Pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        List<VersionSlot> slots;
        try
        {
            slots = [.. regex.Matches(text)
                .Select(m => m.Groups["version"])
                .Where(g => g.Success)
                .Select(g => new VersionSlot(g.Index, g.Length, g.Value, VersionSlotPart.Whole))];
        }
        catch (RegexMatchTimeoutException)
        {
            throw VersionErrors.PatternTooSlow(file, spec.Pattern);
        }

        return Single(file, slots, exactlyOnce, $"pattern '{spec.Pattern}' matches nothing");
    }

    private static List<VersionSlot> LocateJson(VersionSourceSpec.Json spec, string file, byte[] bytes, int bom)
    {
        var path = (spec.KeyPath ?? "version").Split('.');
        var slots = new List<VersionSlot>();
        // Each open container: whether it is an object, and the property being read in it.
        var frames = new List<(bool IsObject, string? Property)>();
        var reader = new Utf8JsonReader(bytes.AsSpan(bom), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = (true, reader.GetString());
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (AtPath(frames, path))
                        {
                            throw VersionErrors.Unreadable(file, $"\"{string.Join('.', path)}\" is not a string");
                        }

                        frames.Add((reader.TokenType == JsonTokenType.StartObject, null));
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                    case JsonTokenType.String when AtPath(frames, path):
                        slots.Add(new VersionSlot(bom + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.GetString()!, VersionSlotPart.Whole));
                        continue;
                    default:
                        if (AtPath(frames, path))
                        {
                            throw VersionErrors.Unreadable(file, $"\"{string.Join('.', path)}\" is not a string");
                        }

                        continue;
                }
            }
        }
        catch (JsonException e)
        {
            throw VersionErrors.Unreadable(file, $"not valid JSON: {e.Message}");
        }

        return slots;
    }

    private static bool AtPath(List<(bool IsObject, string? Property)> frames, string[] path) =>
        frames.Count == path.Length && frames.Select((f, i) => f.IsObject && f.Property == path[i]).All(ok => ok);

    private static List<VersionSlot> LocateMSBuild(string text, string file)
    {
        var lineStarts = LineStarts(text);
        int Offset(IXmlLineInfo info) => lineStarts[info.LineNumber - 1] + info.LinePosition - 1;
        var slots = new List<VersionSlot>();
        var names = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var info = (IXmlLineInfo)reader;
            var pending = (Name: (string?)null, Depth: -1);
            while (reader.Read())
            {
                if (pending.Name is not null && reader.Depth == pending.Depth + 1 && reader.NodeType is XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    var start = Offset(info);
                    var end = text.IndexOf('<', start);
                    var raw = text[start..end];
                    var trimmedStart = start + (raw.Length - raw.TrimStart().Length);
                    var value = raw.Trim();
                    if (value.Contains('&', StringComparison.Ordinal))
                    {
                        throw VersionErrors.NotWritable(file, $"<{pending.Name}> holds an XML entity; write the version literally");
                    }

                    slots.Add(new VersionSlot(trimmedStart, value.Length, value, Part(pending.Name)));
                    pending = (null, -1);
                    continue;
                }

                if (pending.Name is not null && reader.NodeType == XmlNodeType.EndElement && reader.Depth == pending.Depth)
                {
                    // <VersionSuffix></VersionSuffix>: an empty slot just before "</".
                    slots.Add(new VersionSlot(Offset(info) - 2, 0, string.Empty, Part(pending.Name)));
                    pending = (null, -1);
                    continue;
                }

                if (pending.Name is not null && reader.NodeType is not (XmlNodeType.Comment or XmlNodeType.ProcessingInstruction))
                {
                    throw VersionErrors.NotWritable(file, $"<{pending.Name}> holds more than text");
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                names.RemoveRange(reader.Depth, names.Count - reader.Depth);
                names.Add(reader.LocalName);
                var isVersion = reader.LocalName is "Version" or "VersionPrefix" or "VersionSuffix";
                if (isVersion && reader.Depth > 0 && names[reader.Depth - 1] == "PropertyGroup" && !reader.IsEmptyElement)
                {
                    pending = (reader.LocalName, reader.Depth);
                }
            }
        }
        catch (XmlException e)
        {
            throw VersionErrors.Unreadable(file, $"not valid XML: {e.Message}");
        }

        var whole = slots.Where(s => s.Part == VersionSlotPart.Whole && s.Value.Length > 0).ToList();
        if (whole.Count > 0)
        {
            return Literal(file, whole);
        }

        if (!slots.Any(s => s.Part == VersionSlotPart.Prefix && s.Value.Length > 0))
        {
            throw VersionErrors.NotFound(file, "no <Version> or <VersionPrefix>");
        }

        return Literal(file, [.. slots.Where(s => s.Part != VersionSlotPart.Whole)]);
    }

    private static List<VersionSlot> Literal(string file, List<VersionSlot> slots) =>
        slots.FirstOrDefault(s => s.Value.Contains("$(", StringComparison.Ordinal)) is { } evaluated
            ? throw VersionErrors.NotWritable(file, $"'{evaluated.Value}' uses an MSBuild property; write it literally or use {{ file, pattern }}")
            : slots;

    private static VersionSlotPart Part(string element) => element switch
    {
        "VersionPrefix" => VersionSlotPart.Prefix,
        "VersionSuffix" => VersionSlotPart.Suffix,
        _ => VersionSlotPart.Whole,
    };

    // XML counts "\r\n", "\n" and "\r" each as one line break.
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static List<VersionSlot> LocateToml(VersionSourceSpec.Toml spec, string text, string file)
    {
        TomlTable model;
        try
        {
            model = TomlModel.Read(text, file);
        }
        catch (TomlException e)
        {
            var (at, message) = TomlFile.DescribeSyntaxError(e, file);
            throw VersionErrors.Unreadable(file, $"not valid TOML at {at.Line}:{at.Column}: {message}");
        }

        string table;
        string key;
        if (spec.KeyPath is { } keyPath)
        {
            var dot = keyPath.LastIndexOf('.');
            (table, key) = dot < 0 ? (string.Empty, keyPath) : (keyPath[..dot], keyPath[(dot + 1)..]);
        }
        else
        {
            table = TomlTables.FirstOrDefault(t => Lookup(model, t) is TomlTable section && section.ContainsKey("version"))
                ?? throw VersionErrors.NotFound(file, "no [project].version, [tool.poetry].version or [package].version");
            key = "version";
        }

        var expected = (table.Length == 0 ? model : Lookup(model, table) as TomlTable)?.TryGetValue(key, out var value) == true ? value : null;
        if (expected is not string expectedText)
        {
            throw expected is null
                ? VersionErrors.NotFound(file, $"no {Shown(table, key)}")
                : VersionErrors.Unreadable(file, $"{Shown(table, key)} is not a string");
        }

        var slots = new List<VersionSlot>();
        var current = string.Empty;
        var inMultiline = false;
        foreach (Match line in TomlLine().Matches(text))
        {
            var content = line.Value;
            var wasMultiline = inMultiline;
            inMultiline ^= (CountOf(content, "\"\"\"") + CountOf(content, "'''")) % 2 == 1;
            if (wasMultiline)
            {
                continue;
            }

            if (TomlHeader().Match(content) is { Success: true } header)
            {
                current = header.Groups["array"].Success ? "\0" : Regex.Replace(header.Groups["name"].Value, "[\\s\"']", string.Empty);
                continue;
            }

            if (current == table && TomlKey().Match(content) is { Success: true } pair && pair.Groups["key"].Value.Trim('"', '\'') == key)
            {
                var group = pair.Groups["basic"].Success ? pair.Groups["basic"] : pair.Groups["literal"];
                slots.Add(new VersionSlot(line.Index + group.Index, group.Length, group.Value, VersionSlotPart.Whole));
            }
        }

        // The scan must find what the TOML parser read: a string with escapes or one spread over lines is not edited by guess.
        return slots.Count == 1 && slots[0].Value == expectedText
            ? slots
            : throw VersionErrors.NotWritable(file, $"{Shown(table, key)} is not written as one plain quoted string on its own line under [{table}]");
    }

    private static string Shown(string table, string key) => table.Length == 0 ? key : $"[{table}].{key}";

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static object? Lookup(TomlTable table, string dotted)
    {
        object? current = table;
        foreach (var part in dotted.Split('.'))
        {
            if (current is not TomlTable t || !t.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    [GeneratedRegex(@"[^\r\n]*(?:\r\n|\n|\r)?")]
    private static partial Regex TomlLine();

    [GeneratedRegex(@"^[ \t]*\[(?<array>\[)?(?<name>[^\]]+)\]\]?[ \t]*(?:#.*)?\s*$")]
    private static partial Regex TomlHeader();

    [GeneratedRegex("""^[ \t]*(?<key>[A-Za-z0-9_-]+|"[^"]*"|'[^']*')[ \t]*=[ \t]*(?:"(?<basic>[^"\\\r\n]*)"|'(?<literal>[^'\r\n]*)')[ \t]*(?:#[^\r\n]*)?(?:\r\n|\n|\r)?$""")]
    private static partial Regex TomlKey();
}
