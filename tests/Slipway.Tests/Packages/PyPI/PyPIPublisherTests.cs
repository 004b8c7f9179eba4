using System.Text;
using Slipway.Diagnostics;
using Slipway.Packages;
using Slipway.Packages.PyPI;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Packages;

namespace Slipway.Tests.Packages.PyPI;

public sealed class PyPIPublisherTests : IDisposable
{
    private const string Token = "pypi-AgEIcHlwaS5vcmcSECRETTOKEN";
    private static readonly Uri Upload = new("http://pypi.test/legacy/");
    private static readonly Uri JsonApi = new("http://pypi.test/pypi/");
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new("pypi-publish");
    private readonly SecretRedactor _redactor = new();
    private readonly ManualTime _time = new(Now);

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PyPIPublisher Publisher(ScriptedHandler handler, Uri? jsonApi = null) =>
        new(Upload, jsonApi, new StaticCredential(Token), handler, _redactor, _time,
            new PyPIPublisherOptions { RetryDelay = TimeSpan.Zero, PollInterval = TimeSpan.FromMilliseconds(1) });

    private PackageFile Wheel() => PythonDistributions.Wheel(_temp.Path, "demo", "1.0");

    [Fact]
    public async Task Uploads_with_basic_auth_as_token_and_twines_action_fields()
    {
        var file = Wheel();
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Status(200));
        using var publisher = Publisher(handler);

        var outcome = await publisher.PublishAsync(file, Ct);

        Assert.Equal(PublishOutcome.Published, outcome);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal("__token__:" + Token, Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
        var form = Multipart.Parse(request.Content!.Headers.ContentType!, body);
        Assert.Equal("file_upload", form.Value(":action"));
        Assert.Equal("1", form.Value("protocol_version"));
        Assert.Equal("bdist_wheel", form.Value("filetype"));
        Assert.Equal("py3", form.Value("pyversion"));
        Assert.Equal(file.Sha256, form.Value("sha256_digest"));
        Assert.Equal(Convert.ToHexStringLower(Blake2b.HashData(File.ReadAllBytes(file.Path), 32)), form.Value("blake2_256_digest"));
        Assert.Equal(File.ReadAllBytes(file.Path), form.File("content", file.FileName));
        Assert.Contains(Token, _redactor.Secrets);
    }

    [Fact]
    public async Task The_same_file_already_listed_is_not_uploaded_again()
    {
        var file = Wheel();
        using var handler = new ScriptedHandler(r => ScriptedHandler.Release((file.FileName, file.Sha256, Now.AddDays(-1))));
        using var publisher = Publisher(handler, JsonApi);

        Assert.Equal(PackagePresence.Same, await publisher.ExistsAsync(file, Ct));
        Assert.Equal(PublishOutcome.AlreadyPresent, await publisher.PublishAsync(file, Ct));
        Assert.Equal(0, handler.Count(HttpMethod.Post));
        Assert.Equal("http://pypi.test/pypi/demo/1.0/json", handler.Requests[0].Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task File_already_exists_in_the_reason_phrase_is_a_hard_error_naming_the_file()
    {
        var file = Wheel();
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Status(
            400, $"File already exists ('{file.FileName}', with blake2_256 hash 'abc'). See https://pypi.org/help/#file-name-reuse for more information."));
        using var publisher = Publisher(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(file, Ct));

        Assert.Equal(ErrorCode.PyPIFileExists, error.Code);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.StartsWith(file.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("File already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task Another_file_under_the_name_on_the_index_fails_before_uploading()
    {
        var file = Wheel();
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Release((file.FileName, new string('0', 64), Now.AddHours(-1))));
        using var publisher = Publisher(handler, JsonApi);

        Assert.Equal(PackagePresence.Different, await publisher.ExistsAsync(file, Ct));
        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(file, Ct));

        Assert.Equal(ErrorCode.PyPIFileExists, error.Code);
        Assert.Equal(0, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task The_14_day_window_answer_is_its_own_error()
    {
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Status(400, "Uploading new files to releases older than 14 days is not allowed."));
        using var publisher = Publisher(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(Wheel(), Ct));

        Assert.Equal(ErrorCode.PyPIReleaseTooOld, error.Code);
        Assert.Contains("older than 14 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resume_of_a_release_older_than_14_days_is_refused_without_uploading()
    {
        var file = Wheel();
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Release(("demo-1.0.tar.gz", new string('1', 64), Now.AddDays(-15))));
        using var publisher = Publisher(handler, JsonApi);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(file, Ct));

        Assert.Equal(ErrorCode.PyPIReleaseTooOld, error.Code);
        Assert.Contains("more than 14 days ago", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task A_release_within_the_window_takes_the_missing_file()
    {
        var file = Wheel();
        using var handler = new ScriptedHandler(r => r.Method == HttpMethod.Get
            ? ScriptedHandler.Release(("demo-1.0.tar.gz", new string('1', 64), Now.AddDays(-13)))
            : ScriptedHandler.Status(200));
        using var publisher = Publisher(handler, JsonApi);

        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, Ct));
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task Forbidden_names_PyPIs_reason_and_never_the_token()
    {
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Status(403, $"The given token isn't allowed to upload to project 'demo' ({Token})"));
        using var publisher = Publisher(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(Wheel(), Ct));

        Assert.Equal(ErrorCode.PyPIUploadForbidden, error.Code);
        Assert.Contains("isn't allowed to upload to project 'demo'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_reported()
    {
        var answers = new Queue<int>([503, 502, 200]);
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Status(answers.Dequeue()));
        using var publisher = Publisher(handler);

        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(Wheel(), Ct));
        Assert.Equal(3, handler.Count(HttpMethod.Post));

        using var failing = new ScriptedHandler(_ => ScriptedHandler.Status(500, body: "boom"));
        using var failingPublisher = Publisher(failing);
        var error = await Assert.ThrowsAsync<SlipwayException>(() => failingPublisher.PublishAsync(Wheel(), Ct));
        Assert.Equal(ErrorCode.PyPIUploadFailed, error.Code);
        Assert.Equal(4, failing.Count(HttpMethod.Post));
        Assert.Contains("500 boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_answer_after_the_upload_is_resolved_by_the_JSON_API_without_a_second_upload()
    {
        var file = Wheel();
        var stored = false;
        using var handler = new ScriptedHandler(r =>
        {
            if (r.Method == HttpMethod.Post)
            {
                stored = true;
                throw new HttpRequestException("The response ended prematurely.");
            }

            return stored ? ScriptedHandler.Release((file.FileName, file.Sha256, Now)) : ScriptedHandler.Status(404);
        });
        using var publisher = Publisher(handler, JsonApi);

        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, Ct));
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task A_lost_answer_before_the_file_was_stored_uploads_again()
    {
        var file = Wheel();
        var posts = 0;
        using var handler = new ScriptedHandler(r =>
            r.Method == HttpMethod.Get ? ScriptedHandler.Status(404)
            : ++posts == 1 ? throw new HttpRequestException("Connection reset by peer") : ScriptedHandler.Status(200));
        using var publisher = Publisher(handler, JsonApi);

        Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, Ct));
        Assert.Equal(2, posts);
    }

    [Fact]
    public async Task A_redirect_is_refused_not_followed()
    {
        using var handler = new ScriptedHandler(_ =>
        {
            var response = ScriptedHandler.Status(301);
            response.Headers.Location = new Uri("http://elsewhere.test/legacy/");
            return response;
        });
        using var publisher = Publisher(handler);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(Wheel(), Ct));

        Assert.Equal(ErrorCode.PyPIRedirectRefused, error.Code);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_file_changed_since_the_build_is_refused_before_any_request()
    {
        var file = Wheel() with { Sha256 = new string('a', 64) };
        using var handler = new ScriptedHandler(_ => ScriptedHandler.Status(200));
        using var publisher = Publisher(handler, JsonApi);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(file, Ct));

        Assert.Equal(ErrorCode.PyPIFileChanged, error.Code);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Verify_polls_until_the_file_is_listed_with_its_sha256()
    {
        var file = Wheel();
        var answers = new Queue<Func<HttpResponseMessage>>([
            () => ScriptedHandler.Status(404),
            () => ScriptedHandler.Status(503),
            () => ScriptedHandler.Release(("demo-1.0.tar.gz", new string('1', 64), Now)),
            () => ScriptedHandler.Release((file.FileName, file.Sha256, Now)),
        ]);
        using var handler = new ScriptedHandler(_ => answers.Dequeue()());
        using var publisher = Publisher(handler, JsonApi);

        await publisher.VerifyAsync(file, TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task Verify_fails_fast_on_other_content_and_times_out_on_a_file_never_listed()
    {
        var file = Wheel();
        using var other = new ScriptedHandler(_ => ScriptedHandler.Release((file.FileName, new string('0', 64), Now)));
        using var otherPublisher = Publisher(other, JsonApi);
        var error = await Assert.ThrowsAsync<SlipwayException>(() => otherPublisher.VerifyAsync(file, TimeSpan.FromMinutes(1), Ct));
        Assert.Equal(ErrorCode.PyPIFileExists, error.Code);
        Assert.Single(other.Requests);

        using var never = new ScriptedHandler(_ =>
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            return ScriptedHandler.Status(404);
        });
        using var neverPublisher = Publisher(never, JsonApi);
        var timeout = await Assert.ThrowsAsync<SlipwayException>(() => neverPublisher.VerifyAsync(file, TimeSpan.FromMinutes(3), Ct));
        Assert.Equal(ErrorCode.PyPIVerifyTimedOut, timeout.Code);
        Assert.Equal(3, never.Requests.Count);
    }

    [Fact]
    public void Inspect_gives_the_metadata_name_and_version()
    {
        using var handler = new ScriptedHandler(_ => throw new InvalidOperationException("no request expected"));
        using var publisher = Publisher(handler);

        Assert.Equal(new PackageIdentity("demo", "1.0"), publisher.Inspect(Wheel()));
        Assert.Equal("pypi", publisher.Kind);
    }
}
