using Slipway.Configuration;
using Slipway.Diagnostics;
using Slipway.Forges.GitHub;

namespace Slipway.Tests.Forges;

/// <summary>[forge] kind = "github": what binds, the defaults it derives, and every bad input with its code.</summary>
public sealed class GitHubForgeConfigTests
{
    private const string Project = """
        [project]
        name = "demo"
        version = { file = "VERSION", pattern = '^(?<version>\S+)$' }

        """;

    private static SlipwayConfig Parse(string text, SecretRedactor? redactor = null, Dictionary<string, string>? environment = null) =>
        ConfigLoader.Parse(Project + text, "/repo/slipway.toml", "/repo", new DictionaryEnvironment(environment ?? []), redactor ?? new SecretRedactor());

    [Fact]
    public void Defaults_to_github_com_its_upload_host_and_the_GITHUB_TOKEN_secret_which_is_redacted()
    {
        var redactor = new SecretRedactor();
        var config = Parse("[forge]\nkind = \"github\"\n", redactor, new(StringComparer.Ordinal) { ["GITHUB_TOKEN"] = "ghs_abcdef123456" });

        var forge = config.Forge;
        Assert.Equal(("github", null), (forge.Kind, forge.Repository));
        Assert.Equal(new Uri("https://api.github.com/"), forge.ApiUrl);
        Assert.Equal(new Uri("https://uploads.github.com/"), forge.UploadUrl);
        Assert.Equal("GITHUB_TOKEN", forge.Token!.Variable);
        Assert.Null(forge.PrToken);
        Assert.Equal("token ***", redactor.Redact("token ghs_abcdef123456"));
        Assert.Contains(forge.Token, config.Secrets);
    }

    [Fact]
    public void Binds_repository_enterprise_urls_and_a_separate_pr_token()
    {
        var config = Parse("""
            [forge]
            kind = "github"
            repository = "acme/demo.js"
            api-url = "https://ghe.example.com/api/v3"
            token = "env:RELEASE_TOKEN"
            pr-token = "env:APP_TOKEN"
            post-release-pr-title = "docs: notes of {version}"
            """);

        var forge = config.Forge;
        Assert.Equal(new GitHubRepository("acme", "demo.js"), forge.Repository);
        Assert.Equal(new Uri("https://ghe.example.com/api/v3/"), forge.ApiUrl);
        Assert.Equal(new Uri("https://ghe.example.com/api/uploads/"), forge.UploadUrl);
        Assert.Equal(("RELEASE_TOKEN", "APP_TOKEN"), (forge.Token!.Variable, forge.PrToken!.Variable));
        Assert.Equal("docs: notes of {version}", forge.PostReleaseTitle);
    }

    [Fact]
    public void An_empty_post_release_pr_title_is_refused_with_its_line()
    {
        var error = Assert.Throws<SlipwayException>(() => Parse("[forge]\nkind = \"github\"\npost-release-pr-title = \"  \"\n"));

        Assert.Equal((ErrorCode.ConfigInvalidValue, ExitCodes.InvalidInput), (error.Code, error.ExitCode));
        Assert.Contains("post-release-pr-title", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("acme/demo/extra")]
    [InlineData("https://github.com/acme/demo")]
    [InlineData("acme/..")]
    [InlineData("-acme/demo")]
    public void A_repository_that_is_not_owner_slash_name_is_refused_with_its_line(string repository)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse($"[forge]\nkind = \"github\"\nrepository = \"{repository}\"\n"));

        Assert.Equal((ErrorCode.ForgeRepositoryInvalid, ExitCodes.InvalidInput), (error.Code, error.ExitCode));
        Assert.StartsWith("slipway.toml:6:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.github.com")]
    [InlineData("https://user:pass@ghe.example.com/api/v3")]
    [InlineData("ftp://ghe.example.com")]
    [InlineData("https://ghe.example.com/api/v3?x=1")]
    public void An_api_url_that_could_leak_the_token_is_refused(string url)
    {
        var error = Assert.Throws<SlipwayException>(() => Parse($"[forge]\nkind = \"github\"\napi-url = \"{url}\"\n"));

        Assert.Equal(ErrorCode.ConfigInvalidValue, error.Code);
        Assert.DoesNotContain("pass@", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_accepted_for_a_loopback_endpoint_and_uploads_go_to_it()
    {
        var forge = Parse("[forge]\nkind = \"github\"\napi-url = \"http://127.0.0.1:8080\"\n").Forge;

        Assert.Equal((new Uri("http://127.0.0.1:8080/"), new Uri("http://127.0.0.1:8080/")), (forge.ApiUrl, forge.UploadUrl));
    }

    [Fact]
    public void The_git_forge_refuses_github_keys()
    {
        var error = Assert.Throws<SlipwayException>(() => Parse("[forge]\nkind = \"git\"\nrepository = \"acme/demo\"\n"));

        Assert.Equal(ErrorCode.ConfigUnknownKey, error.Code);
    }

    [Theory]
    [InlineData("https://github.com/acme/demo.git")]
    [InlineData("https://github.com/acme/demo")]
    [InlineData("https://x-access-token:secret@github.com/acme/demo.git")]
    [InlineData("git@github.com:acme/demo.git")]
    [InlineData("ssh://git@github.com/acme/demo.git")]
    [InlineData("git@ghe.example.com:acme/demo")]
    public void The_repository_is_read_from_the_remote_url_in_https_and_ssh_forms(string url)
    {
        Assert.True(GitHubRepository.TryParseRemoteUrl(url, out var repository));
        Assert.Equal("acme/demo", repository.ToString());
    }

    [Theory]
    [InlineData("/srv/git/demo.git")]
    [InlineData("https://github.com/acme")]
    [InlineData("https://gitlab.com/group/sub/demo.git")]
    [InlineData("")]
    public void A_remote_url_without_owner_and_name_gives_no_repository(string url) =>
        Assert.False(GitHubRepository.TryParseRemoteUrl(url, out _));
}
