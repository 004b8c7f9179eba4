namespace Slipway.Diagnostics;

/// <summary>
/// Masks every registered secret in text that leaves the process (stdout, stderr, logs, the journal).
/// Values resolved from <c>env:NAME</c> are registered as soon as they are read. Each secret is also masked in the forms
/// it takes in JSON, URLs and base64 (<see cref="SecretEncodings"/>).
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    // Shorter values are not secrets anyone issues, and masking them would garble ordinary output.
    private const int MinimumLength = 4;

    private readonly Lock _gate = new();
    private string[] _secrets = [];
    private string[] _forms = [];

    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>Raised once for each new secret, after it is masked (GitHub Actions' <c>::add-mask::</c> hooks in here).</summary>
    public event Action<string>? Registered;

    public void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            if (Array.IndexOf(_secrets, secret) >= 0)
            {
                return;
            }

            _secrets = [.. _secrets.Append(secret)];

            // Longest first, so a secret that contains another (or an encoding that contains the plain form) is masked whole.
            _forms = [.. _forms.Union(SecretEncodings.Of(secret), StringComparer.Ordinal).OrderByDescending(s => s.Length)];
        }

        Registered?.Invoke(secret);
    }

    public string Redact(string text)
    {
        var secrets = _forms;
        if (secrets.Length == 0 || string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public IReadOnlyList<string> Secrets => _secrets;
}
