using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Slipway.Diagnostics;
using Slipway.Git;
using Slipway.Versioning;
using Tomlyn.Model;

namespace Slipway.Configuration;

/// <summary>
/// The starter <c>slipway.toml</c> of <c>slipway init</c>: it reads the project's own files for the name, the version
/// source and its scheme, the existing release tags for the tag template, the remote's default branch for the release
/// branch, and towncrier's configuration (read as it is) or a fragments folder for the changelog.
/// </summary>
public static partial class StarterConfig
{
    private const string PyVersionDouble = @"^__version__\s*=\s*""(?<version>[^""]+)""";
    private const string PyVersionSingle = """^__version__\s*=\s*'(?<version>[^']+)'""";
    private const string NoChangelog = "none";
    private static readonly string[] PythonProjectFiles = ["pyproject.toml", "setup.cfg", "setup.py"];
    private static readonly string[] PlainVersionFiles = ["VERSION", "version.txt", "VERSION.txt"];
    private static readonly string[] PythonParents = ["src", "."];
    private static readonly string[] PythonVersionFiles = ["_version.py", "__version__.py", "__about__.py", "__init__.py"];
    private static readonly string[] FragmentFolders = ["changelog.d", "newsfragments", "changes", "news"];
    private static readonly string[] NewsFiles = ["CHANGELOG.md", "CHANGES.md", "NEWS.md", "HISTORY.md", "CHANGELOG.rst", "CHANGES.rst", "NEWS.rst", "HISTORY.rst"];
    private static readonly string[] SkippedFolders = ["tests", "test", "docs", "doc", "examples", "node_modules", "build", "dist", "venv"];

    public static string Render(string directory) => Render(Detect(directory));

    public static string Render(StarterPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var changelog = plan.ChangelogTable is not null
            ? $"# The changelog ({plan.Changelog.Reason}); towncrier's settings apply.\n{plan.ChangelogTable}"
            : plan.Changelog.Value == NoChangelog
                ? $"# The changelog: {plan.Changelog.Reason}.\n# [changelog]\n# directory = \"changelog.d\"\n# filename = \"CHANGELOG.md\"\n"
                : $"# The changelog: {plan.Changelog.Reason}.\n";
        return $$"""
            # Slipway release configuration (see the README's command reference).
            # Values of the form "env:NAME" are read from the environment; never write a secret here.

            [project]
            # {{plan.Name.Reason}}
            name = {{plan.Name.Value}}
            # Where the version lives ({{plan.Version.Reason}}). Other sources:
            #   { file = "VERSION", pattern = '^(?<version>\S+)\r?$' }
            #   { msbuild = "Directory.Build.props" }   { json = "package.json" }
            #   { toml = "pyproject.toml" }             { git-tag = true }
            version = {{plan.Version.Value}}
            # How versions are read and ordered: semver, pep440, nuget or calver ({{plan.Scheme.Reason}}).
            version-scheme = {{plan.Scheme.Value}}
            # The release tag; it must contain {version} ({{plan.Tag.Reason}}).
            tag = {{plan.Tag.Value}}
            # Only commits on this branch ({{plan.ReleaseBranch.Reason}}) are released.
            release-branch = {{plan.ReleaseBranch.Value}}

            {{changelog}}
            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static StarterPlan Detect(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = new Files(directory);
        var notes = new List<string>();
        var name = DetectName(files);
        var (source, sourceReason) = DetectVersionSource(files, name.Package);
        var (scheme, schemeReason) = source is VersionSourceSpec.GitTag ? TagScheme(files) : VersionSchemes.Infer(source);
        var value = string.Empty;
        if (source is not VersionSourceSpec.GitTag)
        {
            try
            {
                value = VersionFile.Read(source, directory, scheme).Version.ToString();
            }
            catch (SlipwayException e)
            {
                notes.Add($"the version source needs attention: {e.Message}");
            }
        }

        using var repository = OpenRepository(directory);
        var tag = DetectTag(repository, scheme);
        var branch = DetectBranch(repository);
        var (changelog, table) = DetectChangelog(files);
        return new StarterPlan(
            new StarterGuess(Quote(name.Name), name.Reason),
            new StarterGuess(Describe(source), value.Length > 0 ? $"{value} in {sourceReason}" : sourceReason),
            new StarterGuess(Quote(scheme.Name), schemeReason == "the default" ? "the default for this version source" : schemeReason),
            new StarterGuess(Quote(tag.Template), tag.Reason),
            new StarterGuess(Quote(branch.Name), branch.Reason),
            changelog,
            table,
            notes);
    }

    /// <summary>
    /// The scheme of a project versioned by its tags (setuptools-scm, hatch-vcs, MinVer): its ecosystem's, since a tag
    /// such as 9.2.0.dev0 or 1.0.0.post1 is no SemVer and a SemVer reading would also miss the tag template.
    /// </summary>
    private static (IVersionScheme Scheme, string Reason) TagScheme(Files files)
    {
        var python = PythonProjectFiles.FirstOrDefault(f => files.Text(f) is not null);
        if (python is not null)
        {
            return (Pep440Scheme.Instance, $"a Python project ({python}) versioned by its tags");
        }

        return files.MSBuildFiles().FirstOrDefault() is { } msbuild
            ? (NuGetScheme.Instance, $"a .NET project ({msbuild}) versioned by its tags")
            : VersionSchemes.Infer(new VersionSourceSpec.GitTag(new SourceLocation(SlipwayConfig.FileName, 0, 0)));
    }

    /// <summary>The version source <c>init</c> would write, and where it found it (kept for the tests of each guess).</summary>
    internal static (string Source, string Comment) DetectVersionSource(string directory)
    {
        var files = new Files(directory);
        var (source, reason) = DetectVersionSource(files, DetectName(files).Package);
        return (Describe(source), reason);
    }

    private static (string Name, string Package, string Reason) DetectName(Files files)
    {
        string? found = null;
        string reason = string.Empty;
        if (files.Toml("pyproject.toml") is { } pyproject)
        {
            (found, reason) = Lookup(pyproject, "project.name") is string project ? (project, "pyproject.toml [project] name")
                : Lookup(pyproject, "tool.poetry.name") is string poetry ? (poetry, "pyproject.toml [tool.poetry] name")
                : (null, reason);
        }

        if (found is null && files.Text("setup.cfg") is { } setupCfg && SetupCfgName().Match(setupCfg) is { Success: true } cfg)
        {
            (found, reason) = (cfg.Groups["name"].Value, "setup.cfg [metadata] name");
        }

        if (found is null && JsonString(files.Text("package.json"), "name") is { } npm)
        {
            (found, reason) = (npm, "package.json name");
        }

        if (found is null && files.Toml("Cargo.toml") is { } cargo && Lookup(cargo, "package.name") is string crate)
        {
            (found, reason) = (crate, "Cargo.toml [package] name");
        }

        if (found is null)
        {
            foreach (var project in files.MSBuildFiles())
            {
                if (MSBuildProperty(files.Text(project), "PackageId") is { } id)
                {
                    (found, reason) = (id, $"<PackageId> in {project}");
                    break;
                }
            }
        }

        if (found is null && files.MSBuildFiles().FirstOrDefault(f => !f.EndsWith(".props", StringComparison.Ordinal)) is { } projectFile)
        {
            (found, reason) = (Path.GetFileNameWithoutExtension(projectFile), $"the project file {projectFile}");
        }

        if (found is null)
        {
            found = Regex.Replace(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(files.Root))).ToLowerInvariant(), "[^a-z0-9._-]+", "-");
            reason = "the folder's name (no project file names the project)";
        }

        // PEP 503 normalisation: the import package of "my-pkg" is my_pkg.
        var package = Regex.Replace(found, "[-.]+", "_").ToLowerInvariant();
        return (found, package, $"from {reason}");
    }

    private static (VersionSourceSpec Source, string Reason) DetectVersionSource(Files files, string package)
    {
        var at = new SourceLocation(SlipwayConfig.FileName, 0, 0);
        var pyproject = files.Toml("pyproject.toml");
        if (pyproject is not null)
        {
            if (Lookup(pyproject, "project.version") is string)
            {
                return (new VersionSourceSpec.Toml("pyproject.toml", at), "pyproject.toml [project] version");
            }

            if (Lookup(pyproject, "tool.poetry.version") is string)
            {
                return (new VersionSourceSpec.Toml("pyproject.toml", at), "pyproject.toml [tool.poetry] version");
            }

            if (Lookup(pyproject, "tool.hatch.version.path") is string hatch && PythonVersionFile(files, hatch) is { } hatchFile)
            {
                return (hatchFile, $"{hatch}, which [tool.hatch.version] path names");
            }

            if (Lookup(pyproject, "tool.setuptools.dynamic.version.attr") is string attr && ModuleFile(files, attr) is { } module
                && PythonVersionFile(files, module) is { } attrFile)
            {
                return (attrFile, $"{module}, which [tool.setuptools.dynamic] version attr names");
            }

            if (Lookup(pyproject, "tool.setuptools.dynamic.version.file") is string versionFile && files.Text(versionFile) is not null)
            {
                return (new VersionSourceSpec.FilePattern(versionFile, @"^(?<version>\S+)\r?$", at), $"{versionFile}, which [tool.setuptools.dynamic] version file names");
            }
        }

        var setupCfg = files.Text("setup.cfg");
        if (setupCfg is not null && SetupCfgVersion().Match(setupCfg) is { Success: true } cfg)
        {
            var value = cfg.Groups["version"].Value;
            if (value.StartsWith("attr:", StringComparison.Ordinal))
            {
                if (ModuleFile(files, value["attr:".Length..].Trim()) is { } module && PythonVersionFile(files, module) is { } attrFile)
                {
                    return (attrFile, $"{module}, which setup.cfg version = attr: names");
                }
            }
            else if (!value.StartsWith("file:", StringComparison.Ordinal))
            {
                return (new VersionSourceSpec.FilePattern("setup.cfg", @"^version\s*=\s*(?<version>[^\s#;]+)\s*$", at), "setup.cfg [metadata] version");
            }
        }

        var python = pyproject is not null || setupCfg is not null || files.Text("setup.py") is not null;
        if (python && files.PythonPackageFolders(package).SelectMany(folder => PythonVersionFiles.Select(f => $"{folder}/{f}"))
                .Select(f => PythonVersionFile(files, f)).FirstOrDefault(s => s is not null) is { } pythonFile)
        {
            return (pythonFile, $"{pythonFile.File}'s __version__");
        }

        if (JsonString(files.Text("package.json"), "version") is not null)
        {
            return (new VersionSourceSpec.Json("package.json", at), "package.json version");
        }

        if (files.Toml("Cargo.toml") is { } cargo && Lookup(cargo, "package.version") is string)
        {
            return (new VersionSourceSpec.Toml("Cargo.toml", at), "Cargo.toml [package] version");
        }

        foreach (var project in files.MSBuildFiles())
        {
            if (MSBuildProperty(files.Text(project), "Version") is not null || MSBuildProperty(files.Text(project), "VersionPrefix") is not null)
            {
                return (new VersionSourceSpec.MSBuild(project, at), $"<Version> in {project}");
            }
        }

        foreach (var plain in PlainVersionFiles)
        {
            if (files.Text(plain) is not null)
            {
                return (new VersionSourceSpec.FilePattern(plain, @"^(?<version>\S+)\r?$", at), plain);
            }
        }

        return (new VersionSourceSpec.GitTag(at), "no version file found: the version is the tag being built");
    }

    private static VersionSourceSpec.FilePattern? PythonVersionFile(Files files, string relative)
    {
        if (files.Text(relative) is not { } text)
        {
            return null;
        }

        var at = new SourceLocation(SlipwayConfig.FileName, 0, 0);
        return PyDouble().IsMatch(text) ? new VersionSourceSpec.FilePattern(relative, PyVersionDouble, at)
            : PySingle().IsMatch(text) ? new VersionSourceSpec.FilePattern(relative, PyVersionSingle, at)
            : null;
    }

    /// <summary>The file of <c>pkg.module.__version__</c>: pkg/module.py or pkg/module/__init__.py, under src/ or not.</summary>
    private static string? ModuleFile(Files files, string attr)
    {
        var parts = attr.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        var module = string.Join('/', parts[..^1]);
        return new[] { $"src/{module}.py", $"{module}.py", $"src/{module}/__init__.py", $"{module}/__init__.py" }
            .FirstOrDefault(f => files.Text(f) is not null);
    }

    private static (string Template, string Reason) DetectTag(GitRepository? repository, IVersionScheme scheme)
    {
        var tags = repository?.Tags() ?? [];
        var prefixes = tags
            .Select(t => t.Name)
            .Select(name => (Name: name, Digit: name.AsSpan().IndexOfAnyInRange('0', '9')))
            .Where(t => t.Digit >= 0 && !t.Name[..t.Digit].Contains('{', StringComparison.Ordinal) && !t.Name[..t.Digit].Contains('}', StringComparison.Ordinal))
            .Where(t => scheme.TryParse(t.Name[t.Digit..], out _, out _))
            .GroupBy(t => t.Name[..t.Digit], StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (prefixes.Count == 0)
        {
            return (ProjectSection.DefaultTag, tags.Count == 0 ? "no tags yet: the default" : $"no tag names a {scheme.Title} version: the default");
        }

        var best = prefixes[0];
        var example = best.Select(t => t.Name).Order(StringComparer.Ordinal).Last();
        return (best.Key + "{version}", $"{best.Count()} of {tags.Count} tag(s) look like {example}");
    }

    private static (string Name, string Reason) DetectBranch(GitRepository? repository)
    {
        if (repository is null)
        {
            return (ProjectSection.DefaultReleaseBranch, "no git repository with a commit yet: the default");
        }

        if (repository.RemoteHeadBranch(ProjectSection.DefaultRemote) is { } remoteHead)
        {
            return (remoteHead, $"the default branch of {ProjectSection.DefaultRemote}, from refs/remotes/{ProjectSection.DefaultRemote}/HEAD");
        }

        return repository.HeadBranch is { } current
            ? (current, "the current branch; no remote default branch is known")
            : (ProjectSection.DefaultReleaseBranch, "detached HEAD and no remote default branch: the default");
    }

    private static (StarterGuess Guess, string? Table) DetectChangelog(Files files)
    {
        if (files.Text(Changelog.ChangelogProject.TowncrierFile) is not null)
        {
            return (new StarterGuess("towncrier.toml", "towncrier.toml is read as it is"), null);
        }

        if (files.Toml("pyproject.toml") is { } pyproject && Lookup(pyproject, "tool.towncrier") is TomlTable)
        {
            return (new StarterGuess("[tool.towncrier]", "[tool.towncrier] in pyproject.toml is read as it is"), null);
        }

        var folder = FragmentFolders.FirstOrDefault(f => Directory.Exists(Path.Combine(files.Root, f)));
        if (folder is null)
        {
            return (new StarterGuess(NoChangelog, "no towncrier configuration and no fragments folder yet; uncomment to start one"), null);
        }

        var news = NewsFiles.FirstOrDefault(f => File.Exists(Path.Combine(files.Root, f))) ?? "CHANGELOG.md";
        return (
            new StarterGuess("[changelog]", $"fragments in {folder}/, notes in {news}"),
            $"[changelog]\ndirectory = {Quote(folder)}\nfilename = {Quote(news)}\n");
    }

    private static GitRepository? OpenRepository(string directory)
    {
        try
        {
            return GitRepository.FindWorkingDirectory(directory) is null ? null : GitRepository.Open(directory);
        }
        catch (SlipwayException)
        {
            return null;
        }
    }

    private static string Describe(VersionSourceSpec source) => source switch
    {
        VersionSourceSpec.FilePattern p => $"{{ file = {Quote(p.File)}, pattern = {Pattern(p.Pattern)} }}",
        VersionSourceSpec.MSBuild m => $"{{ msbuild = {Quote(m.File)} }}",
        VersionSourceSpec.Json j => $"{{ json = {Quote(j.File)} }}",
        VersionSourceSpec.Toml t => $"{{ toml = {Quote(t.File)} }}",
        _ => "{ git-tag = true }",
    };

    // A literal string keeps the regular expression readable; one that holds a ' needs a basic string.
    private static string Pattern(string pattern) => pattern.Contains('\'', StringComparison.Ordinal) ? Quote(pattern) : $"'{pattern}'";

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

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

    private static string? JsonString(string? text, string property)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? MSBuildProperty(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return XDocument.Parse(text).Descendants()
                .Where(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")
                .Select(e => e.Value.Trim())
                .FirstOrDefault(v => v.Length > 0 && !v.Contains("$(", StringComparison.Ordinal));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^__version__\s*=\s*"[^"]+"\s*(?:#.*)?$""", RegexOptions.Multiline)]
    private static partial Regex PyDouble();

    [GeneratedRegex("""^__version__\s*=\s*'[^']+'\s*(?:#.*)?$""", RegexOptions.Multiline)]
    private static partial Regex PySingle();

    [GeneratedRegex(@"^version\s*=\s*(?<version>[^\r\n#;]+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex SetupCfgVersion();

    [GeneratedRegex(@"^name\s*=\s*(?<name>[^\s#;]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SetupCfgName();

    /// <summary>The repository's files as init reads them: small text files at known places, never following a
    /// folder outside the repository.</summary>
    private sealed class Files(string root)
    {
        public string Root { get; } = root;

        public string? Text(string relative)
        {
            var path = Path.Combine(Root, relative);
            try
            {
                var info = new FileInfo(path);
                // A starter guess reads small files only; a huge or linked file is not a project file worth guessing from.
                return info.Exists && info.LinkTarget is null && info.Length <= 1024 * 1024 ? File.ReadAllText(path) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        public TomlTable? Toml(string relative)
        {
            if (Text(relative) is not { } text)
            {
                return null;
            }

            try
            {
                return TomlModel.Read(text, relative);
            }
            catch (Tomlyn.TomlException)
            {
                return null;
            }
        }

        /// <summary>Directory.Build.props, then the project files at the root, under src/ and one level below, in order.</summary>
        public List<string> MSBuildFiles()
        {
            var found = new List<string>();
            if (Text("Directory.Build.props") is not null)
            {
                found.Add("Directory.Build.props");
            }

            var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2, AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden };
            foreach (var pattern in new[] { "*.csproj", "*.fsproj", "*.vbproj" })
            {
                found.AddRange(Directory.EnumerateFiles(Root, pattern, options)
                    .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
                    .Where(f => !f.Split('/').Any(part => SkippedFolders.Contains(part, StringComparer.OrdinalIgnoreCase) || part.Contains("test", StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(f => f.Count(c => c == '/'))
                    .ThenBy(f => f, StringComparer.Ordinal));
            }

            return found;
        }

        /// <summary>The folders a Python package's version may live in: src/PACKAGE and PACKAGE first, then any other
        /// package folder under src/ or at the root.</summary>
        public IEnumerable<string> PythonPackageFolders(string package)
        {
            var named = new[] { $"src/{package}", package };
            var others = PythonParents
                .Where(parent => Directory.Exists(Path.Combine(Root, parent)))
                .SelectMany(parent => Directory.EnumerateDirectories(Path.Combine(Root, parent))
                    .Select(d => Path.GetRelativePath(Root, d).Replace('\\', '/'))
                    .Where(d => !Path.GetFileName(d).StartsWith('.') && !SkippedFolders.Contains(Path.GetFileName(d), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            return named.Concat(others).Distinct(StringComparer.Ordinal)
                .Where(d => Directory.Exists(Path.Combine(Root, d)));
        }
    }
}
