namespace Slipway.Configuration;

/// <summary>
/// The typed <c>slipway.toml</c>. Each section is its own type that reads and validates its own keys; a section a
/// capability adds is one property here and one line in <see cref="ConfigLoader"/>.
/// </summary>
public sealed record SlipwayConfig(string Path, string RootDirectory, ProjectSection Project)
{
    public const string FileName = "slipway.toml";

    /// <summary><c>[changelog]</c>: null when absent (towncrier.toml or pyproject.toml may configure it instead).</summary>
    public ChangelogSection? Changelog { get; init; }

    public IReadOnlyList<GateSpec> Gates { get; init; } = [];

    /// <summary>Every secret-bearing key the configuration bound, each already registered with the redactor.</summary>
    public IReadOnlyList<Secret> Secrets { get; init; } = [];

    public BuildSection? Build { get; init; }

    public ApprovalSection Approval { get; init; } = ApprovalSection.NotRequired;

    public ForgeSection Forge { get; init; } = new(ForgeSection.GitKind, ProjectSection.DefaultRemote);

    public StateSection State { get; init; } = new(StateSection.SqliteKind, StateSection.DefaultSqlitePath);

    /// <summary><c>[[image]]</c>: the images a release pushes, signs and promotes.</summary>
    public IReadOnlyList<ImageSection> Images { get; init; } = [];

    /// <summary><c>[[registry]]</c>: credentials and insecure (plain HTTP) registries.</summary>
    public IReadOnlyList<RegistrySection> Registries { get; init; } = [];

    /// <summary><c>[signing]</c>: the signing key.</summary>
    public SigningSection Signing { get; init; } = new((string?)null);

    /// <summary><c>[sbom]</c>: the SBOM command and its package floor.</summary>
    public SbomSection Sbom { get; init; } = SbomSection.Default;

    /// <summary><c>[scan]</c>: the vulnerability scanner and its policy; null when no scan is configured.</summary>
    public ScanSection? Scan { get; init; }

    /// <summary><c>[[package]]</c>: the package files a release publishes (npm, NuGet, PyPI).</summary>
    public IReadOnlyList<PackageSection> Packages { get; init; } = [];

    /// <summary><c>[notes]</c> and <c>[notes.ai]</c>: the release body and its narrative.</summary>
    public NotesSection Notes { get; init; } = NotesSection.Default;

    /// <summary><c>[ci]</c>: how <c>slipway ci github</c> writes the workflow.</summary>
    public CiSection Ci { get; init; } = CiSection.Default;

    /// <summary>A path from the configuration, relative to the folder that holds <c>slipway.toml</c>.</summary>
    public string Resolve(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(RootDirectory, relative));
}
