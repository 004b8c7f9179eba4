using System.Text;
using Slipway.Configuration;
using Slipway.Files;

namespace Slipway.Pipeline;

/// <summary>Who may approve a release: the <c>[approval] approvers</c>, or the owners a CODEOWNERS file names.</summary>
public sealed class ApproverPolicy
{
    private static readonly string[] CodeownersPlaces = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    private ApproverPolicy(IReadOnlyList<string> approvers, string source)
    {
        Approvers = approvers;
        Source = source;
    }

    public IReadOnlyList<string> Approvers { get; }

    /// <summary>Where the list comes from, for messages.</summary>
    public string Source { get; }

    public static ApproverPolicy For(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var approval = config.Approval;
        if (!approval.UseCodeowners)
        {
            return new ApproverPolicy(approval.Approvers, "[approval] approvers");
        }

        var file = CodeownersFile(config)
            ?? throw PipelineErrors.CodeownersMissing(string.Join(", ", CodeownersCandidates(approval)));
        var relative = Path.GetRelativePath(config.RootDirectory, file);
        var text = Encoding.UTF8.GetString(ReadCodeowners(config, file)).TrimStart('\uFEFF');
        var owners = ReadOwners(text.ReplaceLineEndings("\n").Split('\n'));
        return new ApproverPolicy([.. approval.Approvers.Concat(owners).Distinct(StringComparer.OrdinalIgnoreCase)], $"[approval] approvers and {relative}");
    }

    /// <summary>The CODEOWNERS file the policy reads, or null when it reads none (no <c>codeowners</c>, or no such file).</summary>
    public static string? CodeownersFile(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Approval.UseCodeowners
            ? CodeownersCandidates(config.Approval).Select(config.Resolve).FirstOrDefault(RepositoryFile.Exists)
            : null;
    }

    /// <summary>The bytes of <paramref name="file"/>, read as every repository file is (a regular file inside the repository, capped).</summary>
    public static byte[] ReadCodeowners(SlipwayConfig config, string file)
    {
        ArgumentNullException.ThrowIfNull(config);
        var relative = Path.GetRelativePath(config.RootDirectory, file);
        return RepositoryFile.ReadAllBytes(
            file, relative, FileBoundary.Repository(config.RootDirectory), RepositoryFile.DefaultMaxSize, () => PipelineErrors.CodeownersMissing(relative));
    }

    private static string[] CodeownersCandidates(ApprovalSection approval) =>
        approval.CodeownersPath is { } path ? [path] : CodeownersPlaces;

    /// <summary>Every <c>@owner</c> (or <c>@org/team</c>) on a rule line; e-mail owners are not account names and are left out.</summary>
    public static IReadOnlyList<string> ReadOwners(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var owners = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Split('#', 2)[0];
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            foreach (var owner in fields.Skip(1))
            {
                if (owner.StartsWith('@') && owner.Length > 1 && !owners.Contains(owner[1..], StringComparer.OrdinalIgnoreCase))
                {
                    owners.Add(owner[1..]);
                }
            }
        }

        return owners;
    }

    public bool MayApprove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Approvers.Contains(name.TrimStart('@'), StringComparer.OrdinalIgnoreCase);
    }

    public void EnsureMayApprove(string name)
    {
        if (!MayApprove(name))
        {
            throw PipelineErrors.NotAnApprover(name, Source);
        }
    }
}
