using System.Diagnostics;
using Slipway.Changelog;
using Slipway.Diagnostics;
using Slipway.Files;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Changelog;

/// <summary>
/// Fragments, templates and the news file are files a pull request controls: a link is followed only to a regular file
/// inside the fragments directory (the repository for the template and the news file), and every read is capped.
/// </summary>
public sealed class FragmentLinkTests : IDisposable
{
    private const string Secret = "KEYMATERIAL-7f3a9c";

    private readonly TempDirectory _outside = new("outside");

    public static TheoryData<string> Commands => ["draft", "build", "check"];

    public void Dispose() => _outside.Dispose();

    [Fact]
    public async Task A_link_to_a_sibling_fragment_shares_its_text_as_towncrier_does()
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Shared text.\n");
        File.CreateSymbolicLink(project.Directory["changelog.d/2.feature.md"], "1.feature.md");

        var draft = await project.Draft();
        var build = await project.Build();

        Assert.True(draft.ExitCode == ExitCodes.Success, draft.ToString());
        Assert.Equal("# demo 1.2.3 (2026-11-26)\n\n### Features\n\n- Shared text. (#1, #2)\n\n\n\n", draft.Out);
        Assert.True(build.ExitCode == ExitCodes.Success, build.ToString());
        Assert.Equal("# demo 1.2.3 (2026-11-26)\n\n### Features\n\n- Shared text. (#1, #2)\n", project.Directory.Read("CHANGELOG.md"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(project.Directory["changelog.d"]));
    }

    [Fact]
    public async Task A_link_into_a_subsection_folder_of_the_fragments_directory_is_followed()
    {
        using var project = new ChangelogProjectDirectory().Fragment("shared/text.md", "Shared text.\n");
        File.CreateSymbolicLink(project.Directory["changelog.d/3.bugfix.md"], "shared/text.md");

        var draft = await project.Draft();

        Assert.True(draft.ExitCode == ExitCodes.Success, draft.ToString());
        Assert.Contains("- Shared text. (#3)", draft.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_link_outside_the_fragments_directory_is_refused_naming_the_fragment_and_its_target(string command)
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Fine.\n");
        var key = project.Directory.Write("keys/release.key", $"-----BEGIN PRIVATE KEY-----\n{Secret}\n");
        File.CreateSymbolicLink(project.Directory["changelog.d/2.feature.md"], "../keys/release.key");

        var result = await Run(project, command);

        AssertRefused(result, ErrorCode.FragmentOutsideDirectory, $"changelog.d/2.feature.md is a link to keys/release.key, outside the fragments directory changelog.d");
        Assert.Equal($"-----BEGIN PRIVATE KEY-----\n{Secret}\n", File.ReadAllText(key));
    }

    [Fact]
    public async Task A_link_out_of_the_project_is_refused_with_its_absolute_target()
    {
        using var project = new ChangelogProjectDirectory();
        var environ = _outside.Write("environ", $"REGISTRY_PASSWORD={Secret}\n");
        File.CreateSymbolicLink(project.Directory["changelog.d/3.bugfix.md"], environ);

        var result = await Run(project, "build");

        AssertRefused(result, ErrorCode.FragmentOutsideDirectory, $"changelog.d/3.bugfix.md is a link to {environ}, outside the fragments directory changelog.d");
    }

    [Fact]
    public async Task A_link_to_dev_zero_is_refused_at_once()
    {
        using var project = new ChangelogProjectDirectory();
        File.CreateSymbolicLink(project.Directory["changelog.d/2.feature.md"], "/dev/zero");
        var clock = Stopwatch.StartNew();

        var result = await Run(project, "draft").WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        AssertRefused(result, ErrorCode.FragmentOutsideDirectory, "changelog.d/2.feature.md is a link to /dev/zero, outside the fragments directory");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task A_link_to_proc_self_environ_is_refused()
    {
        using var project = new ChangelogProjectDirectory();
        File.CreateSymbolicLink(project.Directory["changelog.d/2.feature.md"], "/proc/self/environ");

        var result = await Run(project, "draft");

        AssertRefused(result, ErrorCode.FragmentOutsideDirectory, "changelog.d/2.feature.md is a link to /proc/");
        Assert.Contains("/environ, outside the fragments directory changelog.d", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_in_the_fragments_directory_is_refused_without_blocking()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs are told apart with statx");
        using var project = new ChangelogProjectDirectory();
        MakeFifo(project.Directory["changelog.d/2.feature.md"]);

        var result = await Run(project, "draft").WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        AssertRefused(result, ErrorCode.FragmentNotRegularFile, "changelog.d/2.feature.md is a FIFO (named pipe), not a regular file");
    }

    [Fact]
    public async Task A_link_to_a_fifo_in_the_fragments_directory_is_refused_without_blocking()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs are told apart with statx");
        using var project = new ChangelogProjectDirectory();
        Directory.CreateDirectory(project.Directory["changelog.d/store"]);
        MakeFifo(project.Directory["changelog.d/store/pipe"]);
        File.CreateSymbolicLink(project.Directory["changelog.d/3.feature.md"], "store/pipe");

        var result = await Run(project, "build").WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        AssertRefused(result, ErrorCode.FragmentNotRegularFile, "changelog.d/3.feature.md is a link to changelog.d/store/pipe, which is a FIFO (named pipe), not a regular file");
    }

    [Fact]
    public async Task A_link_to_a_directory_is_refused_not_skipped()
    {
        using var project = new ChangelogProjectDirectory().Fragment("notes/1.feature.md", "Fine.\n");
        Directory.CreateSymbolicLink(project.Directory["changelog.d/2.feature.md"], "notes");

        var result = await Run(project, "draft");

        AssertRefused(result, ErrorCode.FragmentNotRegularFile, "changelog.d/2.feature.md is a link to changelog.d/notes, which is a directory, not a regular file");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_dangling_link_is_refused_naming_where_it_points(string command)
    {
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "Fine.\n");
        File.CreateSymbolicLink(project.Directory["changelog.d/2.bugfix.md"], "gone.md");

        var result = await Run(project, command);

        AssertRefused(result, ErrorCode.FragmentLinkBroken, "changelog.d/2.bugfix.md is a link to changelog.d/gone.md, which does not exist");
    }

    [Fact]
    public async Task A_loop_of_links_is_refused()
    {
        using var project = new ChangelogProjectDirectory();
        File.CreateSymbolicLink(project.Directory["changelog.d/1.feature.md"], "2.feature.md");
        File.CreateSymbolicLink(project.Directory["changelog.d/2.feature.md"], "1.feature.md");

        var result = await Run(project, "draft");

        AssertRefused(result, ErrorCode.FragmentLinkBroken, "its links form a loop");
    }

    [Fact]
    public async Task An_oversized_fragment_is_refused_fast_and_without_reading_it_whole()
    {
        using var project = new ChangelogProjectDirectory();
        var huge = project.Directory["changelog.d/1.feature.md"];
        using (var stream = File.Create(huge))
        {
            // Sparse: 200 MB that cost no disk, as a fragment someone committed.
            stream.SetLength(200L * 1024 * 1024);
        }

        var settings = ChangelogProject.Locate(project.Path, null, new DictionaryEnvironment(), new SecretRedactor()).Settings;
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SlipwayException>(() => FragmentScanner.Scan(settings, project.Path));
        var cost = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(ErrorCode.FragmentTooLarge, error.Code);
        Assert.Contains("changelog.d/1.feature.md holds more than 1 MiB", error.Message, StringComparison.Ordinal);
        Assert.True(cost < 4 * 1024 * 1024, $"allocated {cost} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
        var cli = await Run(project, "draft");
        AssertRefused(cli, ErrorCode.FragmentTooLarge, "changelog.d/1.feature.md holds more than 1 MiB");
    }

    [Fact]
    public void A_file_that_reports_no_length_is_still_capped()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux's");
        // /proc files report length 0 and then read on: the cap counts the bytes read, not the declared length.
        var boundary = FileBoundary.For("/proc/self", "the process");
        var buffer = Array.Empty<byte>();

        var read = RepositoryFile.TryRead("/proc/self/maps", boundary, 16, ref buffer, out _, out var refusal);

        Assert.False(read);
        Assert.Equal(FileRefusalKind.TooLarge, refusal!.Kind);
        Assert.True(buffer.Length <= 17, buffer.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Max_file_size_sets_the_cap()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\nmax_file_size = 16")
            .Fragment("1.feature.md", "Short.\n");
        var fits = await project.Draft();
        project.Fragment("2.feature.md", "A fragment longer than sixteen bytes.\n");

        var result = await Run(project, "draft");

        Assert.True(fits.ExitCode == ExitCodes.Success, fits.ToString());
        AssertRefused(result, ErrorCode.FragmentTooLarge, "changelog.d/2.feature.md holds more than 16 bytes");
    }

    [Fact]
    public async Task Max_file_size_must_be_positive()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\nmax_file_size = 0").Fragment("1.feature.md", "New.\n");

        var result = await Run(project, "draft");

        AssertRefused(result, ErrorCode.ConfigInvalidValue, "max_file_size' must be a number of bytes from 1 to");
    }

    [Fact]
    public async Task A_template_outside_the_project_is_refused()
    {
        var template = _outside.Write("notes.liquid", $"{Secret}\n");
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + $"\ntemplate = \"{template}\"")
            .Fragment("1.feature.md", "New.\n");

        var result = await Run(project, "draft");

        AssertRefused(result, ErrorCode.FileOutsideRepository, $"{template} leads to {template}, outside the project folder {project.Path}");
    }

    [Fact]
    public async Task A_template_linked_out_of_the_project_is_refused()
    {
        var template = _outside.Write("notes.liquid", $"{Secret}\n");
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntemplate = \"notes.liquid\"")
            .Fragment("1.feature.md", "New.\n");
        File.CreateSymbolicLink(project.Directory["notes.liquid"], template);

        var result = await Run(project, "build");

        AssertRefused(result, ErrorCode.FileOutsideRepository, $"notes.liquid leads to {template}, outside the project folder");
    }

    [Fact]
    public async Task An_oversized_template_is_refused()
    {
        using var project = new ChangelogProjectDirectory(ChangelogProjectDirectory.DefaultConfig + "\ntemplate = \"notes.liquid\"\nmax_file_size = 64")
            .Fragment("1.feature.md", "New.\n");
        project.Directory.Write("notes.liquid", new string('x', 65));

        var result = await Run(project, "draft");

        AssertRefused(result, ErrorCode.FileTooLarge, "notes.liquid holds more than 64 bytes");
    }

    [Theory]
    [InlineData("../NEWS.md")]
    [InlineData("docs/../../NEWS.md")]
    public async Task A_news_file_outside_the_project_is_refused_before_anything_is_written(string filename)
    {
        using var project = new ChangelogProjectDirectory($"""
            [tool.towncrier]
            name = "demo"
            directory = "changelog.d"
            filename = "{filename}"
            """).Fragment("1.feature.md", "New.\n");

        var result = await Run(project, "build");

        AssertRefused(result, ErrorCode.OutputPathOutsideRepository, $"{filename} (from filename in towncrier.toml) leads to ");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(project.Path)!, "NEWS.md")));
    }

    [Fact]
    public async Task A_news_file_linked_out_of_the_project_is_neither_read_nor_written()
    {
        var outside = _outside.Write("profile", $"export TOKEN={Secret}\n");
        using var project = new ChangelogProjectDirectory().Fragment("1.feature.md", "New.\n");
        File.CreateSymbolicLink(project.Directory["CHANGELOG.md"], outside);

        var result = await Run(project, "build");

        AssertRefused(result, ErrorCode.OutputPathOutsideRepository, $"CHANGELOG.md (from filename in towncrier.toml) leads to {outside}");
        Assert.Equal($"export TOKEN={Secret}\n", File.ReadAllText(outside));
    }

    private static void MakeFifo(string path)
    {
        var made = ProcessRunner.Run("mkfifo", [path], Path.GetDirectoryName(path)!, null);
        Assert.True(made.ExitCode == 0, made.ToString());
    }

    private static async Task<CliResult> Run(ChangelogProjectDirectory project, string command)
    {
        var before = Listing(project.Path);
        var result = command switch
        {
            "check" => await project.Run("check"),
            "build" => await project.Build(),
            _ => await project.Draft(),
        };
        Assert.Equal(before, Listing(project.Path));
        return result;
    }

    /// <summary>Every entry below the folder: regular files with their content, links with their target, nothing read through a link.</summary>
    private static List<string> Listing(string root)
    {
        var entries = new List<string>();
        void Walk(string directory)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, path);
                switch (FileKinds.Of(path))
                {
                    case FileKind.SymbolicLink:
                        entries.Add($"{relative} -> {new FileInfo(path).LinkTarget}");
                        break;
                    case FileKind.Directory:
                        entries.Add($"{relative}/");
                        Walk(path);
                        break;
                    case FileKind.RegularFile when new FileInfo(path).Length < 1024 * 1024:
                        entries.Add($"{relative}: {File.ReadAllText(path)}");
                        break;
                    case var kind:
                        entries.Add($"{relative} ({kind}, {new FileInfo(path).Length} bytes)");
                        break;
                }
            }
        }

        Walk(root);
        return entries;
    }

    private static void AssertRefused(CliResult result, ErrorCode code, string message)
    {
        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.Contains($"error {SlipwayException.FormatCode(code)}: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.DoesNotContain(Secret, result.Err, StringComparison.Ordinal);
    }
}
