using System.Diagnostics;
using System.Globalization;
using Slipway.Diagnostics;
using Slipway.Tests.Infra;
using Slipway.Tests.Oci;

namespace Slipway.Tests.Cli;

/// <summary>
/// The built slipway as a real process on a crafted layout tar, or waiting on a registry that never answers: it ends by
/// itself or on SIGTERM, promptly.
/// </summary>
public sealed class HostileTarProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new("sigterm");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Image_push_of_a_tar_whose_header_points_back_at_itself_ends_within_two_seconds_of_SIGTERM()
    {
        var tar = new TarBuilder().Entry("index.json", '0', [], sizeField: TarBuilder.Base256(-1024)).Build();
        File.WriteAllBytes(_temp["hostile.tar"], tar);
        using var process = Start("image", "push", "hostile.tar", "127.0.0.1:9/app:1");
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // Long enough for the runtime to start and reach the tar.
            using (var started = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
            {
                started.CancelAfter(TimeSpan.FromSeconds(3));
                try
                {
                    await process.WaitForExitAsync(started.Token);
                }
                catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
                {
                }
            }

            var clock = Stopwatch.StartNew();
            if (!process.HasExited)
            {
                ProcessRunner.Run("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            }

            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(2));
            await process.WaitForExitAsync(bound.Token);

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{clock.Elapsed}");
            Assert.Equal(ExitCodes.InvalidInput, process.ExitCode);
            Assert.StartsWith("slipway: error SLW4005: ", await error, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Image_inspect_waiting_on_a_registry_that_never_answers_ends_within_two_seconds_of_SIGTERM()
    {
        // Accepts the connection and reads the request, then says nothing: the client waits for an answer.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<System.Net.Sockets.TcpClient>();
        _ = Task.Run(
            async () =>
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken));
                }
            },
            TestContext.Current.CancellationToken);

        using var process = Start("image", "inspect", $"127.0.0.1:{port}/app:1", "--insecure");
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.False(process.HasExited, "slipway should still be waiting for the registry");
            Assert.NotEmpty(accepted);

            var clock = Stopwatch.StartNew();
            ProcessRunner.Run("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(2));
            await process.WaitForExitAsync(bound.Token);

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{clock.Elapsed}");
            Assert.NotEqual(0, process.ExitCode);
            Assert.DoesNotContain("   at ", await error, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            listener.Stop();
            accepted.ForEach(c => c.Dispose());
        }
    }

    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Slipway.Cli.SlipwayApp).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
