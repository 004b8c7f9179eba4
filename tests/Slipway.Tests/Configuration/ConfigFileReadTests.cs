using System.Diagnostics;
using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.Tests.Configuration;

/// <summary>slipway.toml is read like every file from the repository: a regular file inside it, capped while read.</summary>
public sealed class ConfigFileReadTests : IDisposable
{
    private readonly TempDirectory _temp = new("config-read");

    public ConfigFileReadTests() => Directory.CreateDirectory(_temp["repo/.git"]);

    public void Dispose() => _temp.Dispose();

    private SlipwayException Fails(ErrorCode code)
    {
        var error = Assert.Throws<SlipwayException>(() =>
            ConfigLoader.Load(_temp["repo/slipway.toml"], _temp["repo"], new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor()));
        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        return error;
    }

    [Fact]
    public void A_configuration_linked_to_a_file_outside_the_repository_is_refused_and_its_text_is_never_shown()
    {
        _temp.Write("outside/secret.key", "[project]\nname = \"KEY-MATERIAL\"\n");
        File.CreateSymbolicLink(_temp["repo/slipway.toml"], _temp["outside/secret.key"]);

        var error = Fails(ErrorCode.FileOutsideRepository);

        Assert.DoesNotContain("KEY-MATERIAL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_linked_to_dev_zero_is_refused_at_once()
    {
        File.CreateSymbolicLink(_temp["repo/slipway.toml"], "/dev/zero");
        var clock = Stopwatch.StartNew();

        Fails(ErrorCode.FileOutsideRepository);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{clock.Elapsed}");
    }

    [Fact]
    public void An_oversized_configuration_is_refused_without_reading_it_whole()
    {
        using (var file = File.Create(_temp["repo/slipway.toml"]))
        {
            file.SetLength(200L * 1024 * 1024);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Fails(ErrorCode.FileTooLarge);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 16L * 1024 * 1024, $"{allocated} bytes allocated");
        Assert.Contains("slipway.toml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_configuration_is_still_config_not_found()
    {
        var error = Assert.Throws<SlipwayException>(() =>
            ConfigLoader.Load(_temp["repo/slipway.toml"], _temp["repo"], new DictionaryEnvironment(new Dictionary<string, string>()), new SecretRedactor()));

        Assert.Equal(ErrorCode.ConfigNotFound, error.Code);
    }
}
