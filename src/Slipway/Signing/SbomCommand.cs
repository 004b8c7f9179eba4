using Slipway.Gates;
using Slipway.Oci;

namespace Slipway.Signing;

/// <summary>
/// Runs the configured <c>[sbom] command</c> (and prepares <c>[scan] command</c>) for one image by digest. The values of
/// <c>{image}</c>, <c>{digest}</c> and <c>{platform}</c> come from the image index, which whoever builds the image
/// controls: each is validated first, then substituted shell-quoted whatever quotes surround it (see
/// <see cref="ShellTemplate"/>), and given to the command as <c>SLIPWAY_IMAGE</c>, <c>SLIPWAY_DIGEST</c>,
/// <c>SLIPWAY_PLATFORM</c> and <c>SLIPWAY_REF</c> (<c>image@digest</c>) too.
/// </summary>
public static class SbomCommand
{
    public const string ReferenceVariable = "SLIPWAY_REF";

    /// <summary>The placeholders of <c>[sbom] command</c> and <c>[scan] command</c>.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["image", "digest", "platform"];

    public static bool TryParseTemplate(string template, out string error) =>
        ShellTemplate.TryParse(template, Fields, out _, out error);

    public static PreparedCommand Prepare(string template, SbomTarget target)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(target);
        var parsed = ShellTemplate.TryParse(template, Fields, out var result, out var error) ? result : throw GateErrors.TemplateInvalid(template, error);
        var values = Values(target);
        var environment = values.ToDictionary(v => ShellTemplate.VariableName(v.Key), v => v.Value, StringComparer.Ordinal);
        environment[ReferenceVariable] = $"{values["image"]}@{values["digest"]}";
        // cmd.exe has no quoting to rely on; the validated values hold none of its special characters.
        var text = OperatingSystem.IsWindows() ? parsed.RenderVerbatim(values) : parsed.Render(values);
        return new PreparedCommand(text, environment);
    }

    public static Task<byte[]> RunAsync(string template, SbomTarget target, string workingDirectory, CancellationToken cancellationToken = default) =>
        CapturedCommand.RunAsync(Prepare(template, target), workingDirectory, (exitCode, error) => SigningErrors.SbomCommandFailed(template, exitCode, error), cancellationToken);

    /// <summary>The placeholder values, each checked against its grammar before any command sees it.</summary>
    public static IReadOnlyDictionary<string, string> Values(SbomTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var image = target.Image.Name;
        if (!ImageReference.TryParse(image, out var parsed, out var reason))
        {
            throw GateErrors.ImageInvalid(image, reason);
        }

        if (parsed.Name != image || parsed.Tag is not null || parsed.Digest is not null)
        {
            throw GateErrors.ImageInvalid(image, $"is not a repository name in canonical form ({parsed.Name})");
        }

        // A Digest is only ever built from sha256 or sha512 and lowercase hex: it holds nothing else.
        var digest = target.Digest.ToString();
        if (target.Platform is { } platform && !PlatformSpecifier.IsValid(platform, out var error))
        {
            throw GateErrors.PlatformInvalid($"{image}@{digest}", platform.ToString(), error);
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["image"] = image,
            ["digest"] = digest,
            ["platform"] = target.PlatformText,
        };
    }
}
