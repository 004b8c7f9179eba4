using System.Net;
using System.Text.Json;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.Web;

/// <summary><c>slipway approver token|revoke|list</c> and <c>slipway report</c> on the approval server's project, checked through the server.</summary>
public sealed class ApproverCommandTests(ApprovalServerFixture server) : IClassFixture<ApprovalServerFixture>
{
    [Fact]
    public async Task A_token_is_printed_once_stored_hashed_signs_in_and_stops_signing_in_once_revoked()
    {
        var issued = await CliRunner.RunAsync(server.Directory, "approver", "token", "alice", "--expires", "1d", "--json");
        Assert.True(issued.ExitCode == ExitCodes.Success, issued.ToString());
        var token = JsonDocument.Parse(issued.Out).RootElement.GetProperty("token").GetString()!;
        Assert.StartsWith("slw_", token, StringComparison.Ordinal);

        var list = await CliRunner.RunAsync(server.Directory, "approver", "list");
        Assert.Contains("alice", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.Out + list.Err, StringComparison.Ordinal);
        Assert.All(System.IO.Directory.GetFiles(Path.Combine(server.Directory, ".slipway")), f => Assert.DoesNotContain(token, ReadShared(f), StringComparison.Ordinal));

        using (var browser = ApprovalServerTests.Browser())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ApprovalServerTests.SignInAsync(server, browser, token)).StatusCode);
        }

        var revoked = await CliRunner.RunAsync(server.Directory, "approver", "revoke", "alice");
        Assert.True(revoked.ExitCode == ExitCodes.Success, revoked.ToString());
        using var after = ApprovalServerTests.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApprovalServerTests.SignInAsync(server, after, token)).StatusCode);
    }

    [Fact]
    public async Task A_token_for_someone_the_policy_does_not_list_or_with_a_bad_lifetime_is_refused_and_nothing_is_stored()
    {
        var before = await CliRunner.RunAsync(server.Directory, "approver", "list", "--json");

        var stranger = await CliRunner.RunAsync(server.Directory, "approver", "token", "mallory");
        var lifetime = await CliRunner.RunAsync(server.Directory, "approver", "token", "alice", "--expires", "400d");

        Assert.True(stranger.ExitCode == ExitCodes.InvalidInput, stranger.ToString());
        Assert.Contains("SLW8007", stranger.Err, StringComparison.Ordinal);
        Assert.True(lifetime.ExitCode == ExitCodes.InvalidInput, lifetime.ToString());
        Assert.Contains("SLW8700", lifetime.Err, StringComparison.Ordinal);
        Assert.Empty(stranger.Out + lifetime.Out);
        Assert.Equal(before.Out, (await CliRunner.RunAsync(server.Directory, "approver", "list", "--json")).Out);
    }

    [Fact]
    public async Task Revoking_an_unknown_name_is_refused()
    {
        var revoked = await CliRunner.RunAsync(server.Directory, "approver", "revoke", "nobody");

        Assert.True(revoked.ExitCode == ExitCodes.InvalidInput, revoked.ToString());
        Assert.Contains("SLW8701", revoked.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_is_the_run_page_in_one_file_without_scripts_or_forms()
    {
        var run = await server.AwaitingRunWithImagesAsync("3.0.0");
        var file = Path.Combine(server.Directory, "report.html");

        var report = await CliRunner.RunAsync(server.Directory, "report", run, "--out", file);

        Assert.True(report.ExitCode == ExitCodes.Success, report.ToString());
        var html = File.ReadAllText(file);
        Assert.Contains("sha256:" + new string('2', 64), html, StringComparison.Ordinal);
        Assert.Contains("CVE-2026-0001 in openssl", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/static/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_of_an_unknown_run_writes_no_file()
    {
        var file = Path.Combine(server.Directory, "missing.html");

        var report = await CliRunner.RunAsync(server.Directory, "report", "run-nothere", "--out", file);

        Assert.NotEqual(ExitCodes.Success, report.ExitCode);
        Assert.Contains("SLW", report.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
