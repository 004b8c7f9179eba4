namespace Slipway.Configuration;

/// <summary>
/// <c>[approval]</c>: whether the run pauses for a human before anything public moves, and who may approve: the
/// <c>approvers</c> list, or the owners named in a CODEOWNERS file (<c>codeowners = true</c> for the usual places, or its path).
/// </summary>
public sealed record ApprovalSection(bool Required, IReadOnlyList<string> Approvers, string? CodeownersPath, bool UseCodeowners)
{
    public static ApprovalSection NotRequired { get; } = new(false, [], null, false);

    internal static ApprovalSection Read(ConfigTable? table)
    {
        if (table is null)
        {
            return NotRequired;
        }

        var required = table.GetBoolean("required") ?? true;
        var approvers = table.GetStringArray("approvers") ?? [];
        string? path = null;
        var useCodeowners = false;
        switch (table.GetRaw("codeowners"))
        {
            case null:
                break;
            case bool flag:
                useCodeowners = flag;
                break;
            case string text:
                useCodeowners = true;
                path = text;
                break;
            default:
                throw table.WrongType("codeowners", "true or the path of a CODEOWNERS file", table.GetRaw("codeowners"));
        }

        if (required && approvers.Count == 0 && !useCodeowners)
        {
            throw table.Invalid("required", "is true but nobody may approve: list 'approvers' or set 'codeowners = true'");
        }

        if (approvers.Any(a => a.Trim().Length == 0))
        {
            throw table.Invalid("approvers", "must not contain an empty name");
        }

        table.EnsureNoUnknownKeys();
        return new ApprovalSection(required, [.. approvers.Select(a => a.TrimStart('@'))], path, useCodeowners);
    }
}
