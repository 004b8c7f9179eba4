using Slipway.Diagnostics;
using Slipway.Packages;
using Slipway.Packages.PyPI;
using Slipway.Tests.Infra;
using Slipway.Tests.Infra.Packages;

namespace Slipway.IntegrationTests.Packages;

/// <summary>
/// The real client is the reference: Debian's twine uploads a wheel and an sdist to a local capture endpoint, Slipway
/// uploads the same files to it, and the two requests must carry the same form. Part order is twine's implementation
/// detail (it changed between versions), so fields compare as multisets; the file bytes compare exactly.
/// </summary>
public sealed class TwineDifferentialTests : IDisposable
{
    // twine 4.0.2 (Debian) still sends md5_digest, which twine 6.2 dropped and Warehouse no longer needs; and its pkginfo
    // names Provides-Extra "provides_extras", which Warehouse's form does not read (twine 7 sends "provides_extra").
    private static readonly string[] TwineOnly = ["md5_digest", "provides_extras"];
    private static readonly string[] SlipwayOnly = ["provides_extra"];

    private readonly TempDirectory _temp = new("twine");
    private readonly PyPICaptureServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Slipway_sends_the_form_twine_sends_for_a_wheel_and_an_sdist()
    {
        var wheel = PythonDistributions.Wheel(_temp.Path, "demo-pkg", "1.2.3");
        var sdist = PythonDistributions.Sdist(_temp.Path, "demo-pkg", "1.2.3");

        var twine = Twine(wheel, sdist);
        Assert.True(twine.ExitCode == 0, twine.ToString());
        var reference = _server.Requests;
        _server.Clear();

        using var publisher = new PyPIPublisher(
            _server.UploadUrl, null, new FixedToken("pypi-FAKE"), new SocketsHttpHandler { AllowAutoRedirect = false }, new SecretRedactor(), TimeProvider.System);
        foreach (var file in new[] { wheel, sdist })
        {
            Assert.Equal(PublishOutcome.Published, await publisher.PublishAsync(file, TestContext.Current.CancellationToken));
        }

        var ours = _server.Requests;
        Assert.Equal(2, reference.Count);
        Assert.Equal(2, ours.Count);
        for (var i = 0; i < 2; i++)
        {
            var file = i == 0 ? wheel : sdist;
            Assert.Equal(("POST", "/legacy/"), (ours[i].Method, ours[i].Path));
            Assert.Equal(reference[i].Headers["Authorization"], ours[i].Headers["Authorization"]);
            var expected = Multipart.Parse(reference[i].ContentType!, reference[i].Body);
            var actual = Multipart.Parse(ours[i].ContentType!, ours[i].Body);

            if (file == sdist)
            {
                // twine 4.0.2 sends an sdist's pyversion empty; twine 6.1 and later send "source", as Warehouse expects.
                Assert.Equal(string.Empty, expected.Value("pyversion"));
                Assert.Equal("source", actual.Value("pyversion"));
            }

            Assert.Equal(Fields(expected, TwineOnly), Fields(actual, file == sdist ? [.. SlipwayOnly, "pyversion"] : SlipwayOnly));
            Assert.Equal(expected.Value("provides_extras"), actual.Value("provides_extra"));
            var theirs = expected.Parts.Single(p => p.Name == "content");
            var mine = actual.Parts.Single(p => p.Name == "content");
            Assert.Equal((theirs.FileName, theirs.ContentType), (mine.FileName, mine.ContentType));
            Assert.Equal(File.ReadAllBytes(file.Path), theirs.Body);
            Assert.Equal(theirs.Body, mine.Body);
        }
    }

    [Fact]
    public async Task PyPIs_message_in_the_reason_phrase_reaches_the_error_over_real_HTTP()
    {
        var wheel = PythonDistributions.Wheel(_temp.Path, "demo", "1.0");
        var message = $"File already exists ('{wheel.FileName}', with blake2_256 hash 'ab12'). See https://pypi.org/help/#file-name-reuse for more information.";
        _server.Answer = _ => (400, message);
        using var publisher = new PyPIPublisher(
            _server.UploadUrl, null, new FixedToken("pypi-FAKE"), new SocketsHttpHandler { AllowAutoRedirect = false }, new SecretRedactor(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<SlipwayException>(() => publisher.PublishAsync(wheel, TestContext.Current.CancellationToken));
        var twine = Twine(wheel);

        Assert.Equal(ErrorCode.PyPIFileExists, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("File already exists", twine.Out + twine.Err, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests.Count);
    }

    private ProcessResult Twine(params PackageFile[] files) =>
        ProcessRunner.Run(
            "twine",
            ["upload", "--non-interactive", "--disable-progress-bar", "--repository-url", _server.UploadUrl.ToString(),
                "-u", "__token__", "-p", "pypi-FAKE", .. files.Select(f => f.Path)],
            _temp.Path,
            new Dictionary<string, string?>
            {
                ["HOME"] = _temp.Path,
                ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring",
                ["TWINE_USERNAME"] = null,
                ["TWINE_PASSWORD"] = null,
            },
            timeout: TimeSpan.FromMinutes(2));

    // Text fields as a sorted multiset of name=value, without the ones only one side sends. twine 4.0.2 also sends every
    // field the metadata lacks as an empty part (twine 5 stopped: "some package repositories do not allow null values").
    private static List<string> Fields(Multipart form, string[] without) =>
        [.. form.Parts.Where(p => p.FileName is null && !without.Contains(p.Name) && p.Body.Length > 0)
            .Select(p => $"{p.Name}={p.Text}").Order(StringComparer.Ordinal)];

    private sealed class FixedToken(string token) : IPackageCredential
    {
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
    }
}
