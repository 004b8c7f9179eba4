using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Pipeline;

/// <summary>
/// A repository whose release pushes, signs (key from $SIGNING_KEY, as a CI secret), attests and promotes a
/// 2-platform image, journaled in PostgreSQL (its password from $SLIPWAY_DB_PASSWORD, which trust authentication ignores), with a [ci.github] section, pushed to a bare remote. Its build copies a
/// committed image layout into out/oci, so the build is deterministic: two projects made from the same layout and
/// differing only in their image repository and journal database build byte-identical images.
/// </summary>
public sealed class WorkflowReleaseProject : IDisposable
{
    public const string Action = "acme/slipway@0123456789abcdef0123456789abcdef01234567";

    public WorkflowReleaseProject(string imageRepository, string journal, string layout)
    {
        var toml = $$"""
            [project]
            name = "demo"
            version = { file = "VERSION", pattern = '^(?<version>\S+)$' }
            tag = "v{version}"
            release-branch = "main"

            [build]
            command = "rm -rf out/oci && mkdir -p out && cp -R image/oci out/oci"

            [approval]
            required = true
            approvers = ["maintainer1"]

            [forge]
            kind = "git"
            remote = "origin"

            [state]
            store = "postgres:{{journal}}"
            password = "env:SLIPWAY_DB_PASSWORD"
            lease = "10s"

            [[gate]]
            name = "unit"
            command = "echo unit tests pass"

            [[image]]
            repository = "{{imageRepository}}"
            layout = "out/oci"

            [signing]
            key = "env:SIGNING_KEY"

            [sbom]
            command = "cat image/sbom.json # {image} {digest} {platform}"
            min-packages = 1

            [scan]
            command = "cat image/scan.json # {image}@{digest}"

            [ci.github]
            action = "{{Action}}"

            """;
        Repository.Write("slipway.toml", toml);
        Repository.Write("VERSION", "1.2.3\n");
        Repository.Write(".gitignore", "out/\n.slipway/\n");
        Repository.Write("image/sbom.json", """{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"e2e","packages":[{"name":"pkg1","SPDXID":"SPDXRef-pkg1","versionInfo":"1.1"}]}""");
        Repository.Write("image/scan.json", Images.ImageReleaseProject.Clean);
        foreach (var file in Directory.EnumerateFiles(layout, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Repository.Path, "image", "oci", Path.GetRelativePath(layout, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Repository.Git("add", "-A");
        Repository.Git("commit", "-qm", "initial");
        Repository.AddRemote(Remote);
        Repository.Git("push", "-q", "origin", "main");
        BuiltCommit = Repository.Head;
    }

    public GitTestRepository Repository { get; } = GitTestRepository.Init();

    public GitTestRepository Remote { get; } = GitTestRepository.InitBare();

    public string BuiltCommit { get; }

    /// <summary>The remote's refs, name to commit (tags peeled).</summary>
    public SortedDictionary<string, string> RemoteRefs()
    {
        var refs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Remote.Git("for-each-ref", "--format=%(refname) %(*objectname) %(objectname)").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            refs[parts[0]] = parts[1];
        }

        return refs;
    }

    public void Dispose()
    {
        Repository.Dispose();
        Remote.Dispose();
    }
}
