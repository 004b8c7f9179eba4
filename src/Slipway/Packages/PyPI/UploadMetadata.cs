using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Slipway.Packages.PyPI;

/// <summary>
/// Turns core metadata into the upload form's metadata fields with twine's mapping (twine/package.py
/// <c>_RAW_TO_PACKAGE_METADATA</c>, repository.py <c>_convert_metadata_to_list_of_tuples</c>): field names lowercased
/// with <c>_</c>, multiple-use fields repeated, <c>Platform</c>→<c>platform</c>, <c>Supported-Platform</c>→
/// <c>supported_platform</c>, <c>License-File</c>→<c>license_file</c> (dropped below Metadata-Version 2.4),
/// <c>keywords</c> joined with <c>", "</c>, <c>project_urls</c> as <c>"Label, URL"</c>, and the name made safe.
/// </summary>
internal static partial class UploadMetadata
{
    private sealed record Field(string FormName, bool Multiple);

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Metadata-Version"] = new("metadata_version", false),
        ["Name"] = new("name", false),
        ["Version"] = new("version", false),
        ["Platform"] = new("platform", true),
        ["Summary"] = new("summary", false),
        ["Description"] = new("description", false),
        ["Keywords"] = new("keywords", false),
        ["Home-page"] = new("home_page", false),
        ["Author"] = new("author", false),
        ["Author-email"] = new("author_email", false),
        ["License"] = new("license", false),
        ["Supported-Platform"] = new("supported_platform", true),
        ["Download-URL"] = new("download_url", false),
        ["Classifier"] = new("classifiers", true),
        ["Requires"] = new("requires", true),
        ["Provides"] = new("provides", true),
        ["Obsoletes"] = new("obsoletes", true),
        ["Maintainer"] = new("maintainer", false),
        ["Maintainer-email"] = new("maintainer_email", false),
        ["Requires-Dist"] = new("requires_dist", true),
        ["Provides-Dist"] = new("provides_dist", true),
        ["Obsoletes-Dist"] = new("obsoletes_dist", true),
        ["Requires-Python"] = new("requires_python", false),
        ["Requires-External"] = new("requires_external", true),
        ["Project-URL"] = new("project_urls", true),
        ["Description-Content-Type"] = new("description_content_type", false),
        ["Provides-Extra"] = new("provides_extra", true),
        ["Dynamic"] = new("dynamic", true),
        ["License-Expression"] = new("license_expression", false),
        ["License-File"] = new("license_file", true),
    };

    // Metadata 2.0 never existed as a specification; twine refuses it.
    private static readonly string[] SupportedVersions = ["1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5"];

    /// <summary>The metadata fields in the order the file has them, or why they cannot be uploaded.</summary>
    public static bool TryConvert(
        CoreMetadata metadata,
        [NotNullWhen(true)] out IReadOnlyList<UploadField>? fields,
        [NotNullWhen(true)] out string? name,
        [NotNullWhen(true)] out string? version,
        [NotNullWhen(false)] out string? problem)
    {
        fields = null;
        name = null;
        version = null;
        var metadataVersion = metadata.MetadataVersion?.Trim();
        if (metadataVersion is null)
        {
            problem = "it has no Metadata-Version";
            return false;
        }

        if (!SupportedVersions.Contains(metadataVersion, StringComparer.Ordinal))
        {
            problem = $"Metadata-Version {metadataVersion} is not one PyPI accepts ({string.Join(", ", SupportedVersions)})";
            return false;
        }

        var dropLicenseFiles = string.CompareOrdinal(metadataVersion, "2.4") < 0;
        var result = new List<UploadField>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var urlLabels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (header, value) in metadata.Headers)
        {
            if (!Fields.TryGetValue(header, out var field))
            {
                problem = $"unrecognized field '{header}'";
                return false;
            }

            if (field.FormName == "license_file" && dropLicenseFiles)
            {
                // setuptools writes License-File under Metadata-Version 2.1; twine drops it rather than refusing the file.
                continue;
            }

            if (!field.Multiple && !seen.Add(header))
            {
                problem = $"field '{header}' appears more than once";
                return false;
            }

            switch (field.FormName)
            {
                case "keywords":
                    result.Add(new(field.FormName, string.Join(", ", value.Split(',').Select(k => k.Trim()))));
                    break;
                case "project_urls":
                    var comma = value.IndexOf(',', StringComparison.Ordinal);
                    var label = (comma < 0 ? string.Empty : value[..comma]).Trim();
                    var url = (comma < 0 ? value : value[(comma + 1)..]).Trim();
                    if (!urlLabels.Add(label))
                    {
                        problem = $"Project-URL label '{label}' appears more than once";
                        return false;
                    }

                    result.Add(new(field.FormName, $"{label}, {url}"));
                    break;
                default:
                    result.Add(new(field.FormName, value));
                    break;
            }
        }

        if (metadata.Body is { } body)
        {
            if (seen.Contains("Description"))
            {
                problem = "it has both a Description field and a body";
                return false;
            }

            result.Add(new("description", body));
        }

        name = metadata.Name?.Trim();
        version = metadata.Version?.Trim();
        if (string.IsNullOrEmpty(name) || !ProjectNamePattern().IsMatch(name))
        {
            problem = name is null ? "it has no Name" : $"Name '{name}' is not a valid project name";
            return false;
        }

        if (string.IsNullOrEmpty(version) || !Pep440.IsValid(version))
        {
            problem = version is null ? "it has no Version" : $"Version '{version}' is not a PEP 440 version";
            return false;
        }

        // twine sends pkg_resources' safe name, as Warehouse expects.
        var safeName = SafeNamePattern().Replace(name, "-");
        var index = result.FindIndex(f => f.Name == "name");
        result[index] = new("name", safeName);
        fields = result;
        problem = null;
        return true;
    }

    [GeneratedRegex("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProjectNamePattern();

    [GeneratedRegex("[^A-Za-z0-9.]+", RegexOptions.CultureInvariant)]
    private static partial Regex SafeNamePattern();
}
