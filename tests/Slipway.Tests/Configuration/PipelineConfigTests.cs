using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Gates;

namespace Slipway.Tests.Configuration;

/// <summary>[[gate]], [build], [scan], [approval], [forge] and [state]: what binds, and every bad input with its code.</summary>
public sealed class PipelineConfigTests
{
    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        """;

    private static SlipwayConfig Parse(string text) =>
        ConfigLoader.Parse(Project + text, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(), new SecretRedactor());

    private static SlipwayException Fails(string text, ErrorCode code, string fragment)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse(text));
        Assert.Equal(code, error.Code);
        Assert.Equal(ExitCodes.InvalidInput, error.ExitCode);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Binds_the_sections_of_the_release_run()
    {
        var config = Parse("""
            [[gate]]
            name = "unit"
            command = "./run-tests.sh"
            env = { TOKEN = "env:API_TOKEN" }

            [build]
            command = "./build.sh"
            artifacts = ["out/oci", "dist/demo.tgz"]

            [approval]
            required = true
            approvers = ["maintainer1", "@maintainer2"]

            [forge]
            kind = "git"
            remote = "upstream"

            [state]
            store = "sqlite:state/journal.db"
            """);

        var gate = Assert.Single(config.Gates);
        Assert.Equal(("unit", "./run-tests.sh"), (gate.Name, gate.Command));
        Assert.Equal("API_TOKEN", gate.Environment["TOKEN"].Variable);
        Assert.Equal(["out/oci", "dist/demo.tgz"], config.Build!.Artifacts);
        Assert.Equal(["maintainer1", "maintainer2"], config.Approval.Approvers);
        Assert.Equal("upstream", config.Forge.Remote);
        Assert.Equal(("sqlite", "/repo/state/journal.db"), (config.State.Kind, config.State.Location));
    }

    [Fact]
    public void Defaults_to_no_gates_no_build_no_approval_the_git_forge_and_the_embedded_journal()
    {
        var config = Parse(string.Empty);

        Assert.Empty(config.Gates);
        Assert.Null(config.Build);
        Assert.False(config.Approval.Required);
        Assert.Equal(("git", "origin"), (config.Forge.Kind, config.Forge.Remote));
        Assert.Equal("/repo/.slipway/state.db", config.State.Location);
    }

    [Fact]
    public void Rejects_a_gate_without_a_command() =>
        Fails("[[gate]]\nname = \"unit\"\n", ErrorCode.ConfigMissingValue, "gate[0].command");

    [Fact]
    public void Rejects_a_gate_name_that_cannot_name_a_log_file() =>
        Fails("[[gate]]\nname = \"../unit\"\ncommand = \"true\"\n", ErrorCode.ConfigInvalidValue, "gate[0].name");

    [Fact]
    public void Rejects_two_gates_with_one_name() =>
        Fails("[[gate]]\nname = \"unit\"\ncommand = \"a\"\n[[gate]]\nname = \"unit\"\ncommand = \"b\"\n", ErrorCode.ConfigInvalidValue, "already the name");

    [Fact]
    public void Rejects_a_misspelt_build_key() =>
        Fails("[build]\ncommand = \"make\"\nartefacts = [\"out\"]\n", ErrorCode.ConfigUnknownKey, "did you mean 'artifacts'");

    [Fact]
    public void Rejects_required_approval_nobody_can_give() =>
        Fails("[approval]\nrequired = true\n", ErrorCode.ConfigInvalidValue, "nobody may approve");

    [Fact]
    public void Rejects_an_unknown_forge() =>
        Fails("[forge]\nkind = \"gitlab\"\n", ErrorCode.ConfigInvalidValue, "known forges: git");

    [Fact]
    public void Rejects_a_state_store_of_an_unknown_kind() =>
        Fails("[state]\nstore = \"mysql:db/slipway\"\n", ErrorCode.ConfigInvalidValue, "sqlite:PATH");

    [Fact]
    public void Rejects_a_password_inside_the_connection_string() =>
        Fails("[state]\nstore = \"postgres:Host=db;Password=hunter2\"\n", ErrorCode.ConfigInvalidValue, "must not hold the password");

    [Fact]
    public void Binds_a_postgres_store_with_its_password_from_the_environment()
    {
        var state = Parse("[state]\nstore = \"postgres:Host=db;Database=slipway\"\npassword = \"env:SLIPWAY_DB_PASSWORD\"\n").State;

        Assert.Equal(("postgres", "Host=db;Database=slipway"), (state.Kind, state.Location));
        Assert.Equal("SLIPWAY_DB_PASSWORD", state.Password!.Variable);
    }

    [Fact]
    public void Rejects_codeowners_of_the_wrong_type() =>
        Fails("[approval]\ncodeowners = 3\n", ErrorCode.ConfigWrongType, "approval.codeowners");

    [Fact]
    public void Binds_scan_settings()
    {
        var scan = Parse("""
            [scan]
            command = "trivy image --format json {image}@{digest}"
            fail-on = ["critical", "MEDIUM"]
            ignore-unfixed = true
            ignore-file = ".trivyignore"
            rescan = false
            """).Scan!;

        Assert.Equal("trivy image --format json {image}@{digest}", scan.Command);
        Assert.Equal([Severity.Critical, Severity.Medium], scan.FailOn);
        Assert.True(scan.IgnoreUnfixed);
        Assert.Equal(".trivyignore", scan.IgnoreFile);
        Assert.False(scan.Rescan);
    }

    [Fact]
    public void Scan_fails_on_critical_and_high_and_rescans_by_default()
    {
        var scan = Parse("[scan]\ncommand = \"./scan.sh {image}@{digest}\"").Scan!;

        Assert.Equal([Severity.Critical, Severity.High], scan.FailOn);
        Assert.False(scan.IgnoreUnfixed);
        Assert.Null(scan.IgnoreFile);
        Assert.True(scan.Rescan);
        Assert.Null(Parse(string.Empty).Scan);
    }

    [Theory]
    [InlineData("[scan]\nfail-on = [\"HIGH\"]", ErrorCode.ConfigMissingValue, "command")]
    [InlineData("[scan]\ncommand = \"  \"", ErrorCode.ConfigInvalidValue, "must not be empty")]
    [InlineData("[scan]\ncommand = \"x\"\nfail-on = [\"SEVERE\"]", ErrorCode.ConfigInvalidValue, "'SEVERE' is not a severity")]
    [InlineData("[scan]\ncommand = \"x\"\nrescann = false", ErrorCode.ConfigUnknownKey, "did you mean 'rescan'")]
    public void Bad_scan_settings_are_input_errors_with_their_location(string toml, ErrorCode code, string fragment) =>
        Assert.Contains("slipway.toml:", Fails(toml, code, fragment).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(null, 60)]
    [InlineData("30s", 30)]
    [InlineData("1s", 1)]
    [InlineData("2m", 120)]
    public void The_state_lease_is_a_duration_in_seconds_or_minutes_sixty_seconds_by_default(string? lease, int seconds)
    {
        var config = Parse(lease is null ? "[state]\nstore = \"sqlite:s.db\"\n" : $"[state]\nlease = \"{lease}\"\n");

        Assert.Equal(TimeSpan.FromSeconds(seconds), config.State.Lease);
    }

    [Theory]
    [InlineData("60")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("1.5s")]
    [InlineData("1h")]
    [InlineData(" 30s")]
    [InlineData("99999s")]
    public void A_lease_that_is_not_a_duration_is_an_input_error_at_its_position(string lease) =>
        Assert.Contains("slipway.toml:5:1: 'state.lease' is", Fails($"[state]\nlease = \"{lease}\"\n", ErrorCode.ConfigInvalidValue, "write a duration in seconds or minutes").Message, StringComparison.Ordinal);
}
