using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Slipway.Diagnostics;

namespace Slipway.Oci;

/// <summary>
/// Credentials from Docker's <c>config.json</c> (<c>$DOCKER_CONFIG</c> or <c>~/.docker</c>): <c>credHelpers</c> for the
/// host, else <c>credsStore</c>, else the <c>auths</c> entry. Helpers speak the docker-credential-helpers protocol:
/// <c>docker-credential-NAME get</c>, the server URL on stdin, <c>{"Username","Secret"}</c> on stdout.
/// </summary>
public sealed class DockerConfigCredentialProvider(IEnvironment environment, SecretRedactor? redactor = null) : ICredentialProvider
{
    private const string DockerHubKey = "https://index.docker.io/v1/";

    public string? ConfigPath
    {
        get
        {
            var folder = environment.GetVariable("DOCKER_CONFIG");
            if (folder is null)
            {
                var home = environment.GetVariable("HOME");
                folder = home is null ? null : Path.Combine(home, ".docker");
            }

            return folder is null ? null : Path.Combine(folder, "config.json");
        }
    }

    public async Task<RegistryCredentials?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var path = ConfigPath;
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (JsonException exception)
        {
            throw OciErrors.DockerConfig(path, $"not valid JSON: {exception.Message}");
        }

        using (json)
        {
            var root = json.RootElement;
            var keys = Keys(registry);
            if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in keys)
                {
                    if (helpers.TryGetProperty(key, out var helper) && helper.GetString() is { Length: > 0 } name)
                    {
                        return await FromHelperAsync(name, key, cancellationToken);
                    }
                }
            }

            if (root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName)
            {
                var fromStore = await FromHelperAsync(storeName, keys[0], cancellationToken);
                if (fromStore is not null)
                {
                    return fromStore;
                }
            }

            if (root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in keys)
                {
                    if (auths.TryGetProperty(key, out var entry) && FromAuthEntry(entry, path) is { } credentials)
                    {
                        redactor?.Register(credentials.Password);
                        return credentials;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The keys Docker writes for a host: bare, with a scheme, and Docker Hub's historical v1 URL.</summary>
    private static List<string> Keys(string registry) =>
        registry == ImageReference.DockerHub
            ? [DockerHubKey, "index.docker.io", "docker.io", "registry-1.docker.io", "https://registry-1.docker.io"]
            : [registry, $"https://{registry}", $"http://{registry}", $"https://{registry}/v1/", $"https://{registry}/v2/"];

    private static RegistryCredentials? FromAuthEntry(JsonElement entry, string path)
    {
        if (entry.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                throw OciErrors.DockerConfig(path, "an 'auth' value is not base64");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? throw OciErrors.DockerConfig(path, "an 'auth' value is not base64 of user:password")
                : new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..]);
        }

        if (entry.TryGetProperty("username", out var user) && entry.TryGetProperty("password", out var password)
            && user.GetString() is { } u && password.GetString() is { } p)
        {
            return new RegistryCredentials(u, p);
        }

        return null;
    }

    private string? FindOnPath(string program) =>
        (environment.GetVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private async Task<RegistryCredentials?> FromHelperAsync(string helper, string serverUrl, CancellationToken cancellationToken)
    {
        var program = FindOnPath($"docker-credential-{helper}")
            ?? throw OciErrors.CredentialHelper(helper, serverUrl, "not found on PATH");
        var start = new ProcessStartInfo(program)
        {
            ArgumentList = { "get" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw OciErrors.CredentialHelper(helper, serverUrl, $"cannot run it ({exception.Message})");
        }

        using (process)
        {
            if (process is null)
            {
                throw OciErrors.CredentialHelper(helper, serverUrl, "cannot run it");
            }

            try
            {
                await process.StandardInput.WriteAsync(serverUrl);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper answered without reading the server URL (for example "not found"); its output says what.
            }

            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                // The protocol's answer for "nothing stored for this server".
                if ((output + error).Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                throw OciErrors.CredentialHelper(helper, serverUrl, $"exited {process.ExitCode}: {(output + error).Trim()}");
            }

            try
            {
                using var json = JsonDocument.Parse(output);
                var username = json.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
                var secret = json.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
                if (string.IsNullOrEmpty(secret))
                {
                    return null;
                }

                redactor?.Register(secret);
                return new RegistryCredentials(username ?? string.Empty, secret);
            }
            catch (JsonException)
            {
                throw OciErrors.CredentialHelper(helper, serverUrl, "its answer is not the JSON the protocol describes");
            }
        }
    }
}
