using System.Text;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Versioning;

/// <summary>
/// <c>slipway bump</c> on version files as real projects wrote them (TestData/real-files, see its README, and one file of the corpus in TestData/real-projects): the file
/// afterwards is the file before with the version's bytes replaced, and nothing else — also with CRLF line endings and
/// a byte order mark.
/// </summary>
public sealed class BumpRealFilesTests
{
    private static readonly string Source = Path.Combine(AppContext.BaseDirectory, "TestData");

    private const string PyDouble = """'^__version__\s*=\s*"(?<version>[^"]+)"'""";
    private const string PySingle = "\"^__version__\\\\s*=\\\\s*'(?<version>[^']+)'\"";

    public static TheoryData<string, string, string, string, string, string, string> Cases() => new()
    {
        // folder under TestData, file, version source (and scheme), bump, old text, new text, new version
        { "real-files/towncrier", "pyproject.toml", "{ toml = \"pyproject.toml\" }", "pre", "version = \"24.8.0.dev0\"", "version = \"24.8.0rc1\"", "24.8.0rc1" },
        { "real-files/pip", "src/pip/__init__.py", $"{{ file = \"src/pip/__init__.py\", pattern = {PyDouble} }}", "release", "__version__ = \"26.3.dev0\"", "__version__ = \"26.3\"", "26.3" },
        { "real-projects/aiohttp/version", "aiohttp/__init__.py", $"{{ file = \"aiohttp/__init__.py\", pattern = {PyDouble} }}", "pre --pre-id a", "__version__ = \"4.0.0a2.dev0\"", "__version__ = \"4.0.0a2\"", "4.0.0a2" },
        { "real-files/build", "src/build/__init__.py", $"{{ file = \"src/build/__init__.py\", pattern = {PySingle} }}", "minor", "__version__ = '1.5.0'", "__version__ = '1.6.0'", "1.6.0" },
        { "real-files/build-0.9", "setup.cfg", """{ file = "setup.cfg", pattern = '^version\s*=\s*(?<version>[^\s#;]+)\s*$' }""", "patch", "version = 0.9.0", "version = 0.9.1", "0.9.1" },
        { "real-files/checkout", "package.json", "{ json = \"package.json\" }", "major", "\"version\": \"7.0.1\"", "\"version\": \"8.0.0\"", "8.0.0" },
        { "real-files/serilog", "src/Serilog/Serilog.csproj", "{ msbuild = \"src/Serilog/Serilog.csproj\" }", "minor", "<VersionPrefix>2.8.0</VersionPrefix>", "<VersionPrefix>2.9.0</VersionPrefix>", "2.9.0" },
        { "real-files/fluentvalidation", "src/Directory.Build.props", "{ msbuild = \"src/Directory.Build.props\" }", "release", "<VersionSuffix>preview2</VersionSuffix>\n", "<VersionSuffix></VersionSuffix>\n", "9.3.0" },
        { "real-files/fluentvalidation", "src/Directory.Build.props", "{ msbuild = \"src/Directory.Build.props\" }", "pre", "<VersionSuffix>preview2</VersionSuffix>\n", "<VersionSuffix>rc.1</VersionSuffix>\n", "9.3.0-rc.1" },
        { "real-files/slipway", "Directory.Build.props", "{ msbuild = \"Directory.Build.props\" }", "minor", "<Version>0.1.0</Version>", "<Version>0.2.0</Version>", "0.2.0" },
        { "real-files/sampctl", "VERSION", """{ file = "VERSION", pattern = '^(?<version>\S+)\r?$' }""", "release", "1.3.0-RC2", "1.3.0", "1.3.0" },
        { "real-files/solidpython", "VERSION", """{ file = "VERSION", pattern = '^(?<version>\S+)\r?$' }""" + "\nversion-scheme = \"pep440\"", "patch", "0.0.2.dev0", "0.0.2", "0.0.2" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Changes_only_the_version_bytes(string folder, string file, string source, string bump, string before, string after, string version) =>
        AssertBump(folder, file, source, bump, before, after, version, crlfAndBom: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Keeps_crlf_line_endings_and_a_byte_order_mark(string folder, string file, string source, string bump, string before, string after, string version) =>
        AssertBump(folder, file, source, bump, before.Replace("\n", "\r\n", StringComparison.Ordinal), after.Replace("\n", "\r\n", StringComparison.Ordinal), version, crlfAndBom: true);

    [Fact]
    public async Task A_real_version_the_scheme_refuses_is_refused_and_nothing_is_written()
    {
        using var repository = Repository("real-files/trio", "src/trio/_version.py", $"{{ file = \"src/trio/_version.py\", pattern = {PyDouble} }}", crlfAndBom: false, out var original);
        var before = DirectorySnapshot.Take(repository.Path);

        var result = await CliRunner.RunAsync(repository.Path, "bump", "patch");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"slipway: error SLW{(int)ErrorCode.VersionRefusedByScheme}: src/trio/_version.py: version '0.34.0+dev' is not PEP 440", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, DirectorySnapshot.Take(repository.Path));
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(repository.Path, "src/trio/_version.py")));
    }

    private static async Task AssertBump(string folder, string file, string source, string bump, string before, string after, string version, bool crlfAndBom)
    {
        using var repository = Repository(folder, file, source, crlfAndBom, out var original);
        var text = Decode(original);
        Assert.Equal(1, Count(text, before));

        var result = await CliRunner.RunAsync(repository.Path, ["bump", .. bump.Split(' ')]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"-> {version} ", result.Out, StringComparison.Ordinal);
        var expected = Encode(text.Replace(before, after, StringComparison.Ordinal), crlfAndBom);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(File.ReadAllBytes(Path.Combine(repository.Path, file))));
        Assert.Equal(0, (await CliRunner.RunAsync(repository.Path, "version", "--check-sync")).ExitCode);
    }

    private static GitTestRepository Repository(string folder, string file, string source, bool crlfAndBom, out byte[] original)
    {
        var repository = GitTestRepository.Init();
        var text = File.ReadAllText(Path.Combine(Source, folder, file), new UTF8Encoding(false));
        original = Encode(crlfAndBom ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text, crlfAndBom);
        var path = Path.Combine(repository.Path, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, original);
        repository.Commit("initial", ("slipway.toml", $"[project]\nname = \"demo\"\nversion = {source}\n"));
        return repository;
    }

    private static string Decode(byte[] bytes) => new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');

    private static byte[] Encode(string text, bool bom) => [.. bom ? "\uFEFF"u8.ToArray() : [], .. Encoding.UTF8.GetBytes(text)];

    private static int Count(string text, string what) =>
        (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}
