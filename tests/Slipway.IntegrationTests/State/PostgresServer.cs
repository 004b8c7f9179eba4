using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Slipway.Tests.Infra;

namespace Slipway.IntegrationTests.State;

/// <summary>
/// A real PostgreSQL 15 server on a free 127.0.0.1 port for one test class, in a temp folder, with trust
/// authentication; each test takes a database of its own. PostgreSQL refuses to run as root, so as root it runs as
/// the postgres user. Stopped (by the pid it wrote) on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "slipway";

    private readonly TempDirectory _directory = new("postgres");
    private Process? _server;

    public int Port { get; private set; }

    private bool AsRoot => Environment.UserName == "root";

    private string Data => Path.Combine(_directory.Path, "data");

    public async ValueTask InitializeAsync()
    {
        if (AsRoot)
        {
            ProcessRunner.Run("chown", ["-R", "postgres", _directory.Path]).EnsureSuccess("chown");
        }

        Run("initdb", "-D", Data, "-A", "trust", "-U", User, "--no-sync", "-E", "UTF8").EnsureSuccess("initdb");
        // A port free when asked can be taken before the server binds it; the server then exits and another is tried.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await TryStartAsync())
            {
                return;
            }
        }

        throw new InvalidOperationException("postgres exited at start three times (its port was taken each time?)");
    }

    private async Task<bool> TryStartAsync()
    {
        Port = FreePort();
        var command = Command("postgres", "-D", Data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _directory.Path, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off");
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start)!;
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException) when (waited.Elapsed < TimeSpan.FromSeconds(30) && !_server.HasExited)
            {
                await Task.Delay(100);
            }
            catch (NpgsqlException) when (_server.HasExited)
            {
                return false;
            }
        }
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Database={database};Username={User};Pooling=false";

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            // The postmaster's own pid (runuser is its parent as root); SIGINT is PostgreSQL's fast shutdown.
            var pid = File.ReadLines(Path.Combine(Data, "postmaster.pid")).First();
            ProcessRunner.Run("kill", ["-INT", pid]);
            await _server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _server?.Dispose();
        _directory.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ProcessResult Run(string program, params string[] arguments)
    {
        var command = Command(program, arguments);
        return ProcessRunner.Run(command[0], command.Skip(1));
    }

    private List<string> Command(string program, params string[] arguments)
    {
        var path = Binary(program);
        return AsRoot ? ["runuser", "-u", "postgres", "--", path, .. arguments] : [path, .. arguments];
    }

    /// <summary>Debian keeps the server programs in /usr/lib/postgresql/VERSION/bin, off the PATH; the newest wins.</summary>
    private static string Binary(string program) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", program))
                .Where(File.Exists)
                .OrderByDescending(p => p, StringComparer.Ordinal)
                .FirstOrDefault() ?? program
            : program;
}
