using Slipway.Pipeline.Images;

namespace Slipway.Tests.Pipeline.Images;

/// <summary>Tags in memory, recording every write; can refuse writes like a registry answering 403.</summary>
public sealed class InMemoryImageTags : IImageTags
{
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<string> Writes { get; } = [];

    public bool Forbidden { get; set; }

    public Task<string?> ResolveAsync(string repository, string tag, CancellationToken cancellationToken) =>
        Task.FromResult(Tags.TryGetValue($"{repository}:{tag}", out var digest) ? digest : null);

    public Task TagAsync(string repository, string tag, string digest, CancellationToken cancellationToken)
    {
        Refuse(repository, tag);
        Tags[$"{repository}:{tag}"] = digest;
        Writes.Add($"tag {tag} {digest}");
        return Task.CompletedTask;
    }

    public Task UntagAsync(string repository, string tag, string digest, CancellationToken cancellationToken)
    {
        Refuse(repository, tag);
        Tags.Remove($"{repository}:{tag}");
        Writes.Add($"untag {tag}");
        return Task.CompletedTask;
    }

    private void Refuse(string repository, string tag)
    {
        if (Forbidden)
        {
            throw new HttpRequestException($"DELETE http://127.0.0.1/v2/{repository}/manifests/{tag} returned 403 DENIED", null, System.Net.HttpStatusCode.Forbidden);
        }
    }
}
