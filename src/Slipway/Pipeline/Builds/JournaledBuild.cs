using Slipway.Configuration;
using Slipway.State;

namespace Slipway.Pipeline.Builds;

/// <summary>
/// Every build record of a run: the <c>build</c> step's, and one per platform built on its own (the journal rows
/// <c>build:PLATFORM</c>, one per platform so that two runners building two platforms never write the same row). A
/// platform's own row wins over the whole build's entry for it.
/// </summary>
public sealed class JournaledBuild
{
    private readonly List<BuildRecord> _platformRecords;
    private readonly BuildRecord? _wholeRecord;

    private JournaledBuild(BuildRecord? whole, List<BuildRecord> platforms)
    {
        _wholeRecord = whole;
        _platformRecords = platforms;
    }

    /// <summary>True when some build journaled what it left; false for a run without [build] or from an older journal.</summary>
    public bool Recorded => _wholeRecord is not null || _platformRecords.Count > 0;

    /// <summary>Every artifact any build recorded: each must still be what that build left.</summary>
    public IEnumerable<ArtifactRecord> Artifacts => _platformRecords.Prepend(_wholeRecord).OfType<BuildRecord>().SelectMany(r => r.Artifacts);

    public static string PlatformStepName(string platform) => $"{StepNames.Build}:{platform}";

    public static JournaledBuild From(IEnumerable<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var done = steps.Where(s => s.Status == StepStatus.Succeeded && s.Outputs?[StepContext.CompensatedKey]?.GetValue<bool>() != true).ToList();
        var whole = BuildRecord.FromOutputs(done.FirstOrDefault(s => s.Name == StepNames.Build)?.Outputs);
        var platforms = done
            .Where(s => s.Name.StartsWith(StepNames.Build + ":", StringComparison.Ordinal))
            .Select(s => BuildRecord.FromOutputs(s.Outputs))
            .OfType<BuildRecord>()
            .ToList();
        return new JournaledBuild(whole, platforms);
    }

    /// <summary>The record of one layout of an image: <paramref name="platform"/> null for its single <c>layout</c>.</summary>
    public LayoutRecord? Find(string repository, string layout, string? platform)
    {
        bool Matches(LayoutRecord r) => r.Repository == repository && r.Layout == layout && r.Platform == platform;
        return _platformRecords.SelectMany(r => r.Layouts).FirstOrDefault(Matches) ?? _wholeRecord?.Layouts.FirstOrDefault(Matches);
    }

    /// <summary>The (image, platform) pairs of <c>layouts</c> that no build recorded yet: what push-prerelease waits for.</summary>
    public IReadOnlyList<(ImageSection Image, PlatformLayout Layout)> MissingPlatforms(SlipwayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. config.Images
            .SelectMany(i => i.PlatformLayouts.Select(l => (Image: i, Layout: l)))
            .Where(p => Find(p.Image.Repository.ToString(), p.Layout.Path, p.Layout.Platform) is null)];
    }
}
