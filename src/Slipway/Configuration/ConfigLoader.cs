using Slipway.Diagnostics;

namespace Slipway.Configuration;

public static class ConfigLoader
{
    /// <summary>
    /// Loads and validates <paramref name="path"/>. Relative paths inside it are relative to
    /// <paramref name="rootDirectory"/>, the repository root.
    /// </summary>
    public static SlipwayConfig Load(string path, string rootDirectory, IEnvironment environment, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(path);
        var display = DisplayPath(path, rootDirectory);
        var root = TomlFile.Load(path, display, environment, redactor);
        var config = Bind(root, path, rootDirectory);
        ConfiguredSecrets.Register(config, environment, redactor);
        return config;
    }

    public static SlipwayConfig Parse(string text, string path, string rootDirectory, IEnvironment environment, SecretRedactor redactor)
    {
        var root = TomlFile.Parse(text, DisplayPath(path, rootDirectory), environment, redactor);
        var config = Bind(root, path, rootDirectory);
        ConfiguredSecrets.Register(config, environment, redactor);
        return config;
    }

    private static SlipwayConfig Bind(ConfigTable root, string path, string rootDirectory)
    {
        var project = ProjectSection.Read(root.GetTable("project"), root);
        var config = new SlipwayConfig(System.IO.Path.GetFullPath(path), rootDirectory, project)
        {
            // [changelog] (issue 3)
            Changelog = ChangelogSection.Read(root.GetTable("changelog")),

            // [[image]] and registries (issue 4)
            Images = ImageSection.ReadAll(root, rootDirectory), Registries = RegistrySection.ReadAll(root),

            // [signing], [sbom] (issue 5)
            Signing = SigningSection.Read(root.GetTable("signing"), project.AllowLiteralSecrets),
            Sbom = SbomSection.Read(root.GetTable("sbom")),

            // [[gate]], [build], [scan], [approval], [forge], [state] (issue 6)
            Gates = GateSpec.ReadAll(root),
            Build = BuildSection.Read(root.GetTable("build")), Scan = ScanSection.Read(root.GetTable("scan")),
            Approval = ApprovalSection.Read(root.GetTable("approval")),
            Forge = ForgeSection.Read(root.GetTable("forge"), project),
            State = StateSection.Read(root.GetTable("state"), rootDirectory),

            // [ci] (issue 11)
            Ci = CiSection.Read(root.GetTable("ci")),

            // [[package]] (issue 13)
            Packages = PackageSection.ReadAll(root),
            // [notes], [notes.ai] (issue 12)
            Notes = NotesSection.Read(root.GetTable("notes")),
        };
        root.EnsureNoUnknownKeys();
        config = config with { Secrets = [.. root.BoundSecrets] };
        if (!project.AllowLiteralSecrets)
        {
            RefuseLiteralSecrets(config);
        }

        return config;
    }

    private static void RefuseLiteralSecrets(SlipwayConfig config)
    {
        // A PEM key has its own message (SigningSection); a literal that is a plain setting is allowed.
        if (config.Secrets.FirstOrDefault(s => s is { Variable: null, LiteralIsSecret: true, Pem: false }) is { } literal)
        {
            var key = literal.Path[(literal.Path.LastIndexOf('.') + 1)..];
            throw ConfigErrors.LiteralSecret(literal.Location, literal.Path, $"{key} = \"env:NAME\" and set NAME in the environment");
        }
    }

    private static string DisplayPath(string path, string rootDirectory)
    {
        var relative = System.IO.Path.GetRelativePath(rootDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
