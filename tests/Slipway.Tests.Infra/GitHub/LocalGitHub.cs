using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Slipway.Tests.Infra.Registry;

namespace Slipway.Tests.Infra.GitHub;

/// <summary>
/// A stateful stand-in for GitHub's REST API on 127.0.0.1: releases (drafts, immutable once published when asked),
/// assets with digests, tag refs, pull requests (listed by head, base and state, created, updated), issues and
/// comments, the deployment reviews of workflow runs. It records every request in order with the token it carried, checks the token on each, validates every request and every answer against GitHub's OpenAPI subset (<see cref="Violations"/>;
/// a request off the schema is answered 400), and injects faults (<see cref="Inject"/>) for the next request matching a method and path pattern.
/// </summary>
public sealed partial class LocalGitHub : LoopbackHttpServer
{
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _releases = [];
    private readonly List<JsonObject> _issues = [];
    private readonly List<JsonObject> _pulls = [];
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly List<string?> _requestTokens = [];
    private readonly Dictionary<long, List<string>> _comments = [];
    private readonly Dictionary<long, byte[]> _assetBytes = [];
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<JsonObject>> _runApprovals = [];
    private readonly List<(string Method, Regex Path, GitHubFault Fault)> _faults = [];
    private readonly List<string> _requests = [];
    private readonly List<string> _violations = [];
    private readonly OpenApiSubset _schema = OpenApiSubset.Load();
    private long _nextId = 1;
    private long _nextNumber = 1;

    public LocalGitHub(string owner = "acme", string name = "demo", string token = "ghs_test_token")
    {
        Owner = owner;
        Name = name;
        Token = token;
        _tokens.Add(token);
        Serve();
    }

    public string Owner { get; }

    public string Name { get; }

    public string Token { get; }

    /// <summary>
    /// When set, a pull request can only be opened from a head branch it answers true for (GitHub answers 422 for a
    /// head branch that is not on the repository), so a test proves the branch was pushed first.
    /// </summary>
    public Func<string, bool>? HeadExists { get; set; }

    /// <summary>When set, a release becomes immutable as it is published (GitHub's immutable releases setting).</summary>
    public bool ImmutableReleases { get; set; }

    /// <summary>The scopes GitHub answers in <c>X-OAuth-Scopes</c> (a classic token); null sends no header (any other token).</summary>
    public string? OAuthScopes { get; set; }

    /// <summary><c>permissions.push</c> of <c>GET /repos/{owner}/{repo}</c>; null answers no <c>permissions</c> (an installation token).</summary>
    public bool? Push { get; set; }

    public bool PrivateRepository { get; set; }

    /// <summary>Every request or answer that does not conform to GitHub's OpenAPI subset; a test asserts it stays empty.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Every request, as <c>METHOD /path?query</c>, in the order they arrived.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The bearer token each request of <see cref="Requests"/> carried (null when none), in the same order.</summary>
    public IReadOnlyList<string?> RequestTokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _requestTokens];
            }
        }
    }

    /// <summary>Every pull request, oldest first, as GitHub would answer it.</summary>
    public IReadOnlyList<JsonObject> Pulls
    {
        get
        {
            lock (_lock)
            {
                return [.. _pulls.Select(p => (JsonObject)p.DeepClone())];
            }
        }
    }

    /// <summary>Another token the endpoint accepts besides <see cref="Token"/> (a GitHub App or PAT token for pull requests).</summary>
    public void AcceptToken(string token)
    {
        lock (_lock)
        {
            _tokens.Add(token);
        }
    }

    /// <summary>A pull request opened by hand (or by an earlier run), returning its number.</summary>
    public long AddPull(string head, string baseBranch, string title, string body = "", bool closed = false)
    {
        lock (_lock)
        {
            var pull = NewPull(head, baseBranch, title, body);
            if (closed)
            {
                pull["state"] = "closed";
                pull["closed_at"] = "2026-01-01T00:00:02Z";
            }

            return (long)pull["number"]!;
        }
    }

    public IReadOnlyList<JsonObject> Releases
    {
        get
        {
            lock (_lock)
            {
                return [.. _releases.Select(r => (JsonObject)r.DeepClone())];
            }
        }
    }

    /// <summary>Every issue, oldest first, as GitHub would answer it.</summary>
    public IReadOnlyList<JsonObject> Issues
    {
        get
        {
            lock (_lock)
            {
                return [.. _issues.Select(i => (JsonObject)i.DeepClone())];
            }
        }
    }

    /// <summary>The bodies of the comments on issue <paramref name="number"/>, oldest first.</summary>
    public IReadOnlyList<string> Comments(long number)
    {
        lock (_lock)
        {
            return _comments.TryGetValue(number, out var comments) ? [.. comments] : [];
        }
    }

    /// <summary>An issue opened by hand (or by an earlier run), returning its number.</summary>
    public long AddIssue(string title, string body = "", bool closed = false)
    {
        lock (_lock)
        {
            var issue = NewIssue(title, body);
            issue["state"] = closed ? "closed" : "open";
            return (long)issue["number"]!;
        }
    }

    /// <summary>The next request of <paramref name="method"/> whose path matches <paramref name="pathPattern"/> meets <paramref name="fault"/>.</summary>
    public void Inject(string method, string pathPattern, GitHubFault fault)
    {
        lock (_lock)
        {
            _faults.Add((method, new Regex(pathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), fault));
        }
    }

    /// <summary>A release as if made by hand or by an earlier run, returning its id.</summary>
    public long AddRelease(string tag, string commit, bool draft, bool immutable = false)
    {
        lock (_lock)
        {
            var release = NewRelease(tag, commit, tag, string.Empty, draft, prerelease: false);
            release["immutable"] = immutable;
            if (!draft)
            {
                Publish(release);
            }

            return (long)release["id"]!;
        }
    }

    /// <summary>A review of workflow run <paramref name="runId"/>'s deployment to <paramref name="environment"/>, as a reviewer gives it in GitHub's UI.</summary>
    public void AddRunApproval(long runId, string login, string state, string environment, string comment = "")
    {
        lock (_lock)
        {
            if (!_runApprovals.TryGetValue(runId, out var reviews))
            {
                _runApprovals[runId] = reviews = [];
            }

            var id = _nextId++;
            reviews.Add(new JsonObject
            {
                ["state"] = state,
                ["comment"] = comment,
                ["environments"] = new JsonArray(new JsonObject
                {
                    ["id"] = id,
                    ["node_id"] = $"EN_{id}",
                    ["name"] = environment,
                    ["url"] = $"http://{Host}/repos/{Owner}/{Name}/environments/{Uri.EscapeDataString(environment)}",
                    ["html_url"] = $"http://{Host}/{Owner}/{Name}/deployments/activity_log?environments_filter={Uri.EscapeDataString(environment)}",
                    ["created_at"] = "2026-01-01T00:00:00Z",
                    ["updated_at"] = "2026-01-01T00:00:00Z",
                }),
                ["user"] = new JsonObject { ["login"] = login, ["id"] = id, ["type"] = "User" },
            });
        }
    }

    /// <summary>An asset already on a release (a retried upload's first half), with the given bytes.</summary>
    public void AddAsset(long releaseId, string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        lock (_lock)
        {
            var release = _releases.Single(r => (long)r["id"]! == releaseId);
            ((JsonArray)release["assets"]!).Add(NewAsset(release, name, "application/octet-stream", bytes));
        }
    }

    public byte[] AssetBytes(long releaseId, string name)
    {
        lock (_lock)
        {
            var release = _releases.Single(r => (long)r["id"]! == releaseId);
            var asset = ((JsonArray)release["assets"]!).Single(a => (string)a!["name"]! == name)!;
            return _assetBytes[(long)asset["id"]!];
        }
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        var method = request.HttpMethod;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.InputStream.CopyToAsync(buffer);
            body = buffer.ToArray();
        }

        GitHubFault? fault;
        lock (_lock)
        {
            _requests.Add($"{method} {request.Url.PathAndQuery}");
            var authorization = request.Headers["Authorization"];
            _requestTokens.Add(authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? authorization["Bearer ".Length..] : authorization);
            var index = _faults.FindIndex(f => f.Method == method && f.Path.IsMatch(path));
            fault = index < 0 ? null : _faults[index].Fault;
            if (index >= 0)
            {
                _faults.RemoveAt(index);
            }
        }

        JsonNode? json = null;
        if (body.Length > 0 && request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            json = JsonNode.Parse(body);
        }

        var problems = _schema.CheckRequest(method, path, request.QueryString, json);
        if (problems.Count > 0)
        {
            lock (_lock)
            {
                _violations.AddRange(problems);
            }

            await WriteJsonAsync(response, 400, new JsonObject { ["message"] = string.Join("; ", problems) }.ToJsonString());
            return;
        }

        bool known;
        lock (_lock)
        {
            known = request.Headers["Authorization"] is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.Contains(header["Bearer ".Length..]);
        }

        if (!known)
        {
            await WriteJsonAsync(response, 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");
            return;
        }

        switch (fault)
        {
            case GitHubFault.ServerError:
                await WriteJsonAsync(response, 502, """{"message":"Server Error"}""");
                return;
            case GitHubFault.SecondaryRateLimit:
                response.Headers["Retry-After"] = "1";
                await WriteJsonAsync(response, 403, """{"message":"You have exceeded a secondary rate limit."}""");
                return;
            case GitHubFault.Unprocessable:
                await WriteJsonAsync(response, 422, """{"message":"Validation Failed","errors":[{"resource":"Release","code":"custom","message":"injected"}]}""");
                return;
        }

        var (status, answer) = Route(method, path, request.QueryString, body, request.ContentType);
        if (OAuthScopes is { } scopes)
        {
            response.Headers["X-OAuth-Scopes"] = scopes;
        }

        if (fault == GitHubFault.LoseResponse)
        {
            response.Abort();
            return;
        }

        var answerProblems = _schema.CheckResponse(method, path, status, answer);
        if (answerProblems.Count > 0)
        {
            lock (_lock)
            {
                _violations.AddRange(answerProblems);
            }
        }

        await WriteJsonAsync(response, status, answer?.ToJsonString() ?? string.Empty);
    }

    private (int Status, JsonNode? Body) Route(string method, string path, System.Collections.Specialized.NameValueCollection parameters, byte[] body, string? contentType)
    {
        var prefix = $"/repos/{Owner}/{Name}";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return NotFound();
        }

        var rest = path[prefix.Length..];
        lock (_lock)
        {
            switch (method)
            {
                case "GET" when rest.Length == 0:
                    return (200, Repository());
                case "GET" when rest == "/releases":
                    return (200, new JsonArray([.. _releases.OrderByDescending(r => (long)r["id"]!).Select(r => r.DeepClone())]));
                case "POST" when rest == "/releases":
                    return CreateRelease(body);
                case "POST" when rest == "/releases/generate-notes":
                    return GenerateNotes(body);
                case "PATCH" when ReleaseId().Match(rest) is { Success: true } m:
                    return UpdateRelease(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), body);
                case "DELETE" when ReleaseId().Match(rest) is { Success: true } m:
                    return DeleteRelease(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                case "GET" when ReleaseAssets().Match(rest) is { Success: true } m:
                    return Find(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) is { } r ? (200, r["assets"]!.DeepClone()) : NotFound();
                case "POST" when ReleaseAssets().Match(rest) is { Success: true } m:
                    return Upload(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), parameters["name"], contentType, body);
                case "DELETE" when AssetId().Match(rest) is { Success: true } m:
                    return DeleteAsset(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                case "GET" when rest == "/issues":
                    var state = parameters["state"] ?? "open";
                    return (200, new JsonArray([.. _issues.Where(i => state == "all" || (string)i["state"]! == state).Reverse().Select(i => i.DeepClone())]));
                case "POST" when rest == "/issues":
                    var created = JsonNode.Parse(body)!.AsObject();
                    return (201, NewIssue((string)created["title"]!, (string?)created["body"] ?? string.Empty).DeepClone());
                case "GET" when RunApprovals().Match(rest) is { Success: true } m:
                    return (200, new JsonArray([.. (_runApprovals.GetValueOrDefault(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) ?? []).Select(a => a.DeepClone())]));
                case "POST" when IssueComments().Match(rest) is { Success: true } m:
                    return Comment(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), body);
                case "GET" when rest == "/pulls":
                    return (200, new JsonArray([.. ListPulls(parameters).Select(p => p.DeepClone())]));
                case "POST" when rest == "/pulls":
                    return CreatePull(body);
                case "PATCH" when PullNumber().Match(rest) is { Success: true } m:
                    return UpdatePull(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), body);
                case "GET" when rest.StartsWith("/git/ref/tags/", StringComparison.Ordinal):
                    var tag = Uri.UnescapeDataString(rest["/git/ref/tags/".Length..]);
                    return _tags.TryGetValue(tag, out var sha)
                        ? (200, new JsonObject { ["ref"] = $"refs/tags/{tag}", ["node_id"] = "REF", ["url"] = $"http://{Host}{prefix}/git/refs/tags/{tag}", ["object"] = new JsonObject { ["sha"] = sha, ["type"] = "commit", ["url"] = $"http://{Host}{prefix}/git/commits/{sha}" } })
                        : NotFound();
                default:
                    return NotFound();
            }
        }
    }

    private static (int, JsonNode?) NotFound() => (404, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest" });

    private static (int, JsonNode?) Invalid(string code, string field) =>
        (422, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Release", ["code"] = code, ["field"] = field }) });

    private JsonObject? Find(long id) => _releases.FirstOrDefault(r => (long)r["id"]! == id);

    private (int, JsonNode?) CreateRelease(byte[] body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        var tag = (string)json["tag_name"]!;
        if (_releases.Any(r => (string)r["tag_name"]! == tag && !(bool)r["draft"]!))
        {
            return Invalid("already_exists", "tag_name");
        }

        var release = NewRelease(tag, (string?)json["target_commitish"] ?? "main", (string?)json["name"] ?? tag, (string?)json["body"] ?? string.Empty, (bool?)json["draft"] ?? false, (bool?)json["prerelease"] ?? false);
        if (!(bool)release["draft"]!)
        {
            Publish(release);
        }

        return (201, release.DeepClone());
    }

    private (int, JsonNode?) UpdateRelease(long id, byte[] body)
    {
        if (Find(id) is not { } release)
        {
            return NotFound();
        }

        if ((bool?)release["immutable"] == true)
        {
            return (422, new JsonObject { ["message"] = "Cannot modify an immutable release", ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Release", ["code"] = "custom", ["message"] = "immutable" }) });
        }

        var json = JsonNode.Parse(body)!.AsObject();
        foreach (var key in new[] { "name", "body", "target_commitish", "prerelease", "tag_name" })
        {
            if (json[key] is { } value)
            {
                release[key] = value.DeepClone();
            }
        }

        if (json["make_latest"] is { } latest)
        {
            release["x_make_latest"] = latest.DeepClone();
        }

        if ((bool?)json["draft"] == false && (bool)release["draft"]!)
        {
            Publish(release);
        }

        return (200, release.DeepClone());
    }

    private (int, JsonNode?) DeleteRelease(long id)
    {
        if (Find(id) is not { } release)
        {
            return NotFound();
        }

        _releases.Remove(release);
        return (204, null);
    }

    private (int, JsonNode?) Upload(long id, string? name, string? contentType, byte[] bytes)
    {
        if (Find(id) is not { } release || name is null)
        {
            return NotFound();
        }

        if ((bool?)release["immutable"] == true)
        {
            return (422, new JsonObject { ["message"] = "Cannot upload assets to an immutable release." });
        }

        var assets = (JsonArray)release["assets"]!;
        if (assets.Any(a => (string)a!["name"]! == name))
        {
            return (422, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["resource"] = "ReleaseAsset", ["code"] = "already_exists", ["field"] = "name" }) });
        }

        var asset = NewAsset(release, name, contentType ?? "application/octet-stream", bytes);
        assets.Add(asset);
        return (201, asset.DeepClone());
    }

    private (int, JsonNode?) DeleteAsset(long assetId)
    {
        foreach (var release in _releases)
        {
            var assets = (JsonArray)release["assets"]!;
            if (assets.FirstOrDefault(a => (long)a!["id"]! == assetId) is { } asset)
            {
                if ((bool?)release["immutable"] == true)
                {
                    return (422, new JsonObject { ["message"] = "Cannot delete assets of an immutable release." });
                }

                assets.Remove(asset);
                return (204, null);
            }
        }

        return NotFound();
    }

    private (int, JsonNode?) GenerateNotes(byte[] body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        var tag = (string)json["tag_name"]!;
        var previous = (string?)json["previous_tag_name"] ?? "(first)";
        return (200, new JsonObject { ["name"] = tag, ["body"] = $"## What's Changed\n* Generated for {tag} since {previous} by @octocat in #1\n" });
    }

    private JsonObject NewRelease(string tag, string commit, string name, string body, bool draft, bool prerelease)
    {
        var id = _nextId++;
        var release = new JsonObject
        {
            ["id"] = id,
            ["node_id"] = $"RE_{id}",
            ["url"] = $"http://{Host}/repos/{Owner}/{Name}/releases/{id}",
            ["html_url"] = $"http://{Host}/{Owner}/{Name}/releases/{(draft ? $"untagged-{id}" : $"tag/{tag}")}",
            ["assets_url"] = $"http://{Host}/repos/{Owner}/{Name}/releases/{id}/assets",
            ["upload_url"] = $"http://{Host}/repos/{Owner}/{Name}/releases/{id}/assets{{?name,label}}",
            ["tarball_url"] = null,
            ["zipball_url"] = null,
            ["tag_name"] = tag,
            ["target_commitish"] = commit,
            ["name"] = name,
            ["body"] = body,
            ["draft"] = draft,
            ["prerelease"] = prerelease,
            ["immutable"] = false,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["published_at"] = null,
            ["author"] = User(),
            ["assets"] = new JsonArray(),
        };
        _releases.Add(release);
        return release;
    }

    private void Publish(JsonObject release)
    {
        release["draft"] = false;
        release["published_at"] = "2026-01-01T00:00:01Z";
        release["html_url"] = $"http://{Host}/{Owner}/{Name}/releases/tag/{(string)release["tag_name"]!}";
        release["immutable"] = (bool?)release["immutable"] == true || ImmutableReleases;
        _tags[(string)release["tag_name"]!] = (string)release["target_commitish"]!;
    }

    private JsonObject NewAsset(JsonObject release, string name, string contentType, byte[] bytes)
    {
        var id = _nextId++;
        _assetBytes[id] = bytes;
        return new JsonObject
        {
            ["url"] = $"http://{Host}/repos/{Owner}/{Name}/releases/assets/{id}",
            ["browser_download_url"] = $"http://{Host}/{Owner}/{Name}/releases/download/{(string)release["tag_name"]!}/{Uri.EscapeDataString(name)}",
            ["id"] = id,
            ["node_id"] = $"RA_{id}",
            ["name"] = name,
            ["label"] = null,
            ["state"] = "uploaded",
            ["content_type"] = contentType,
            ["size"] = bytes.Length,
            ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ["download_count"] = 0,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-01-01T00:00:00Z",
            ["uploader"] = User(),
        };
    }

    private JsonObject NewIssue(string title, string body)
    {
        var number = _nextNumber++;
        var url = $"http://{Host}/repos/{Owner}/{Name}/issues/{number}";
        var issue = new JsonObject
        {
            ["id"] = _nextId++,
            ["node_id"] = $"I_{number}",
            ["url"] = url,
            ["repository_url"] = $"http://{Host}/repos/{Owner}/{Name}",
            ["labels_url"] = $"{url}/labels{{/name}}",
            ["comments_url"] = $"{url}/comments",
            ["events_url"] = $"{url}/events",
            ["html_url"] = $"http://{Host}/{Owner}/{Name}/issues/{number}",
            ["number"] = number,
            ["state"] = "open",
            ["title"] = title,
            ["body"] = body,
            ["user"] = User(),
            ["labels"] = new JsonArray(),
            ["assignee"] = null,
            ["milestone"] = null,
            ["locked"] = false,
            ["comments"] = 0,
            ["closed_at"] = null,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-01-01T00:00:00Z",
            ["author_association"] = "OWNER",
        };
        _issues.Add(issue);
        return issue;
    }

    private (int, JsonNode?) Comment(long number, byte[] body)
    {
        if (_issues.FirstOrDefault(i => (long)i["number"]! == number) is not { } issue)
        {
            return NotFound();
        }

        var text = (string)JsonNode.Parse(body)!["body"]!;
        if (!_comments.TryGetValue(number, out var comments))
        {
            _comments[number] = comments = [];
        }

        comments.Add(text);
        issue["comments"] = comments.Count;
        var id = _nextId++;
        return (201, new JsonObject
        {
            ["id"] = id,
            ["node_id"] = $"IC_{id}",
            ["url"] = $"http://{Host}/repos/{Owner}/{Name}/issues/comments/{id}",
            ["body"] = text,
            ["html_url"] = $"{(string)issue["html_url"]!}#issuecomment-{id}",
            ["issue_url"] = (string)issue["url"]!,
            ["user"] = User(),
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-01-01T00:00:00Z",
            ["author_association"] = "OWNER",
        });
    }

    /// <summary>
    /// GitHub's filters: <c>state</c> (default open), <c>base</c>, and <c>head</c> as <c>owner:branch</c> — a head
    /// without the owner is ignored, as GitHub ignores it, so a client that leaves it out sees every pull request.
    /// </summary>
    private IEnumerable<JsonObject> ListPulls(System.Collections.Specialized.NameValueCollection parameters)
    {
        var state = parameters["state"] ?? "open";
        var head = parameters["head"];
        var baseBranch = parameters["base"];
        return _pulls
            .Where(p => state == "all" || (string)p["state"]! == state)
            .Where(p => baseBranch is null || (string)p["base"]!["ref"]! == baseBranch)
            .Where(p => head is null || !head.Contains(':', StringComparison.Ordinal) || (string)p["head"]!["label"]! == head)
            .Reverse();
    }

    private (int, JsonNode?) CreatePull(byte[] body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        var head = (string)json["head"]!;
        var baseBranch = (string)json["base"]!;
        var branch = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        if (HeadExists is { } exists && !exists(branch))
        {
            return (422, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["field"] = "head", ["code"] = "invalid" }) });
        }

        if (_pulls.Any(p => (string)p["state"]! == "open" && (string)p["head"]!["ref"]! == branch && (string)p["base"]!["ref"]! == baseBranch))
        {
            return (422, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["code"] = "custom", ["message"] = $"A pull request already exists for {Owner}:{branch}." }) });
        }

        return (201, NewPull(branch, baseBranch, (string?)json["title"] ?? branch, (string?)json["body"] ?? string.Empty).DeepClone());
    }

    private (int, JsonNode?) UpdatePull(long number, byte[] body)
    {
        if (_pulls.FirstOrDefault(p => (long)p["number"]! == number) is not { } pull)
        {
            return NotFound();
        }

        var json = JsonNode.Parse(body)!.AsObject();
        foreach (var key in new[] { "title", "body", "state" })
        {
            if (json[key] is { } value)
            {
                pull[key] = value.DeepClone();
            }
        }

        if ((string?)json["base"] is { } baseBranch)
        {
            pull["base"] = Branch(baseBranch);
        }

        pull["updated_at"] = "2026-01-01T00:00:03Z";
        return (200, pull.DeepClone());
    }

    private JsonObject NewPull(string head, string baseBranch, string title, string body)
    {
        var number = _nextNumber++;
        var id = _nextId++;
        var api = $"http://{Host}/repos/{Owner}/{Name}";
        var html = $"http://{Host}/{Owner}/{Name}/pull/{number}";
        var pull = new JsonObject
        {
            ["url"] = $"{api}/pulls/{number}",
            ["id"] = id,
            ["node_id"] = $"PR_{id}",
            ["html_url"] = html,
            ["diff_url"] = $"{html}.diff",
            ["patch_url"] = $"{html}.patch",
            ["issue_url"] = $"{api}/issues/{number}",
            ["commits_url"] = $"{api}/pulls/{number}/commits",
            ["review_comments_url"] = $"{api}/pulls/{number}/comments",
            ["review_comment_url"] = $"{api}/pulls/comments{{/number}}",
            ["comments_url"] = $"{api}/issues/{number}/comments",
            ["statuses_url"] = $"{api}/statuses/0000000000000000000000000000000000000000",
            ["number"] = number,
            ["state"] = "open",
            ["locked"] = false,
            ["title"] = title,
            ["user"] = User(),
            ["body"] = body,
            ["labels"] = new JsonArray(),
            ["milestone"] = null,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-01-01T00:00:00Z",
            ["closed_at"] = null,
            ["merged_at"] = null,
            ["merge_commit_sha"] = null,
            ["assignee"] = null,
            ["draft"] = false,
            ["head"] = Branch(head),
            ["base"] = Branch(baseBranch),
            ["_links"] = new JsonObject { ["html"] = new JsonObject { ["href"] = html } },
            ["author_association"] = "OWNER",
            ["auto_merge"] = null,
            ["merged"] = false,
            ["mergeable"] = null,
            ["mergeable_state"] = "unknown",
            ["merged_by"] = null,
            ["comments"] = 0,
            ["review_comments"] = 0,
            ["maintainer_can_modify"] = false,
            ["commits"] = 1,
            ["additions"] = 0,
            ["deletions"] = 0,
            ["changed_files"] = 0,
        };
        _pulls.Add(pull);
        return pull;
    }

    private JsonObject Branch(string name) => new()
    {
        ["label"] = $"{Owner}:{name}",
        ["ref"] = name,
        ["repo"] = new JsonObject { ["id"] = 1, ["name"] = Name, ["full_name"] = $"{Owner}/{Name}" },
        ["sha"] = "0000000000000000000000000000000000000000",
        ["user"] = User(),
    };


    private JsonObject Repository()
    {
        var repository = new JsonObject
        {
            ["id"] = 1296269,
            ["node_id"] = "R_1",
            ["name"] = Name,
            ["full_name"] = $"{Owner}/{Name}",
            ["owner"] = User(),
            ["private"] = PrivateRepository,
            ["html_url"] = $"http://{Host}/{Owner}/{Name}",
        };
        if (Push is { } push)
        {
            repository["permissions"] = new JsonObject { ["admin"] = false, ["maintain"] = false, ["push"] = push, ["triage"] = push, ["pull"] = true };
        }

        return repository;
    }

    private static JsonObject User() => new() { ["login"] = "octocat", ["id"] = 1, ["type"] = "User" };

    [GeneratedRegex(@"^/releases/(\d+)$")]
    private static partial Regex ReleaseId();

    [GeneratedRegex(@"^/releases/(\d+)/assets$")]
    private static partial Regex ReleaseAssets();

    [GeneratedRegex(@"^/issues/(\d+)/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex(@"^/pulls/(\d+)$")]
    private static partial Regex PullNumber();

    [GeneratedRegex(@"^/actions/runs/(\d+)/approvals$")]
    private static partial Regex RunApprovals();

    [GeneratedRegex(@"^/releases/assets/(\d+)$")]
    private static partial Regex AssetId();
}
