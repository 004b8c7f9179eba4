namespace Slipway.IntegrationTests.Ci;

/// <summary>slipway.toml for each shape of configuration the generated workflow must express.</summary>
internal static class WorkflowShapes
{
    public const string Action = "acme/slipway@0123456789abcdef0123456789abcdef01234567";

    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '(?<version>[0-9.]+)' }

        [[gate]]
        name = "tests"
        command = "true"

        [build]
        command = "./build.sh"

        [state]
        store = "postgres:Host=db.example.com;Database=slipway"
        password = "env:SLIPWAY_DB_PASSWORD"

        [[registry]]
        host = "ghcr.io"
        username = "acme"
        password = "env:GITHUB_TOKEN"

        """;

    private const string SingleLayout = """
        [[image]]
        repository = "ghcr.io/acme/demo"
        layout = "artifacts/oci"

        """;

    private const string PlatformLayouts = """
        [[image]]
        repository = "ghcr.io/acme/demo"
        layouts = { "linux/amd64" = "out/amd64", "linux/arm64" = "out/arm64" }

        """;

    private const string Signing = """
        [signing]
        key = "env:SIGNING_KEY"

        [sbom]
        command = "syft {image}@{digest} --platform {platform} -o spdx-json"

        [scan]
        command = "trivy image --format json {image}@{digest}"

        """;

    private const string Approval = """
        [approval]
        approvers = ["alice"]

        """;

    private const string Changelog = """
        [changelog]
        filename = "CHANGELOG.md"
        directory = "changelog.d"

        """;

    private const string TrustedPackages = """
        [[package]]
        kind = "pypi"
        files = ["dist/*.whl"]
        trusted-publishing = true

        [[package]]
        kind = "npm"
        files = ["dist/*.tgz"]
        token = "env:NPM_TOKEN"

        """;

    public const string TrustedPublishing = "single layout, packages with trusted publishing";

    public const string SingleOwnApproval = "single layout, own approval";
    public const string PerPlatformEnvironment = "per-platform layouts, arm64 runner, environment";

    private static readonly (string Name, string Toml)[] Shapes =
    [
        (SingleOwnApproval, Project + SingleLayout + Approval + Ci(null, false)),
        ("single layout, approval environment, signed and scanned", Project + SingleLayout + Approval + Signing + Ci("release", false)),
        (PerPlatformEnvironment, Project + PlatformLayouts + Approval + Signing + Ci("release", true)),
        ("per-platform layouts, own approval, no signing", Project + PlatformLayouts + Approval + Ci(null, true)),
        ("changelog, no approval, signed", Project + SingleLayout + Signing + Changelog + Ci(null, false)),
        ("changelog, no images", Project + Changelog + Ci(null, false)),
        (TrustedPublishing, Project + SingleLayout + Approval + TrustedPackages + Ci(null, false)),
    ];

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, toml) in Shapes)
        {
            data.Add(name, toml);
        }

        return data;
    }

    public static string Get(string name) => Shapes.Single(s => s.Name == name).Toml;

    private static string Ci(string? environment, bool arm) =>
        $"""
        [ci.github]
        action = "{Action}"
        {(environment is null ? string.Empty : $"approval-environment = \"{environment}\"")}
        {(arm ? "\n[ci.github.platforms]\n\"linux/arm64\" = { runs-on = \"ubuntu-24.04-arm\" }" : string.Empty)}

        """;
}
