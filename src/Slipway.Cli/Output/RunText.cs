using System.Globalization;
using System.Text;
using System.Text.Json;
using Slipway.State;

namespace Slipway.Cli;

/// <summary>How a run record reads: the summary table, its Markdown form, and the JSON of <c>slipway status --json</c>.</summary>
internal static class RunText
{
    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds < 60
            ? duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : $"{(int)duration.TotalMinutes}m{duration.Seconds:D2}s";

    public static string Duration(StepRecord step) =>
        step.StartedAt is { } start && step.EndedAt is { } end && step.Status != StepStatus.Skipped ? Duration(end - start) : string.Empty;

    public static void WriteTable(TextWriter output, RunRecord run, IReadOnlyList<StepRecord> steps)
    {
        output.WriteLine($"run {run.Id}: {run.Project} {run.Version} at {Short(run.Commit)}: {StatusNames.Of(run.Status)}");
        if (steps.Count == 0)
        {
            return;
        }

        var width = Math.Max(4, steps.Max(s => s.Name.Length));
        output.WriteLine($"  {"step".PadRight(width)}  {"status",-19}  {"time",7}  note");
        foreach (var step in steps)
        {
            var note = step.Error ?? step.Reason ?? string.Empty;
            output.WriteLine($"  {step.Name.PadRight(width)}  {StatusNames.Of(step.Status),-19}  {Duration(step),7}  {FirstLine(note)}".TrimEnd());
        }

        foreach (var image in ImageLines(steps))
        {
            output.WriteLine($"  image {image}");
        }
    }

    /// <summary>One line per image of the run: <c>repository@digest (platforms): tags</c>.</summary>
    private static IEnumerable<string> ImageLines(IReadOnlyList<StepRecord> steps) =>
        Slipway.Pipeline.Images.RunImages.Gather(steps.Select(s => (s.Name, s.Outputs))).Select(image =>
            $"{image.Repository}@{image.Digest} ({string.Join(", ", image.Platforms.Select(p => p.Platform))}): {string.Join(", ", image.Tags)}");

    public static string Markdown(RunRecord run, IReadOnlyList<StepRecord> steps)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### slipway {run.Project} {run.Version}: {StatusNames.Of(run.Status)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Run `{run.Id}` at `{Short(run.Commit)}`\n\n| step | status | time | note |\n| --- | --- | --- | --- |\n");
        foreach (var step in steps)
        {
            var note = FirstLine(step.Error ?? step.Reason ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"| {step.Name} | {StatusNames.Of(step.Status)} | {Duration(step)} | {note} |\n");
        }

        foreach (var image in ImageLines(steps))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- image `{image}`");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>The run record: id, version, commit, status, steps (name, status, outputs), images, then the audit trail.</summary>
    public static void WriteJson(Utf8JsonWriter writer, RunRecord run, IReadOnlyList<StepRecord> steps, IReadOnlyList<RunEvent> events)
    {
        writer.WriteStartObject();
        writer.WriteString("id", run.Id);
        writer.WriteString("project", run.Project);
        writer.WriteString("version", run.Version);
        writer.WriteString("commit", run.Commit);
        writer.WriteString("status", StatusNames.Of(run.Status));
        writer.WriteBoolean("open", run.Open);
        writer.WriteString("configHash", run.ConfigHash);
        writer.WriteString("createdAt", run.CreatedAt);
        writer.WriteString("updatedAt", run.UpdatedAt);
        writer.WriteStartArray("steps");
        foreach (var step in steps)
        {
            writer.WriteStartObject();
            writer.WriteString("name", step.Name);
            writer.WriteString("status", StatusNames.Of(step.Status));
            writer.WriteNumber("attempt", step.Attempt);
            WriteOptional(writer, "startedAt", step.StartedAt);
            WriteOptional(writer, "endedAt", step.EndedAt);
            writer.WritePropertyName("outputs");
            if (step.Outputs is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                step.Outputs.WriteTo(writer);
            }

            if (step.Error is not null)
            {
                writer.WriteString("error", step.Error);
            }

            if (step.Reason is not null)
            {
                writer.WriteString("reason", step.Reason);
            }

            if (step.Lease is { } lease)
            {
                writer.WriteStartObject("claim");
                writer.WriteString("holder", lease.Holder);
                writer.WriteString("expires", lease.Expires);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("images");

        // Image steps journal an "images" array of {repository, digest, platforms, tags}; the run record gathers them,
        // one entry per (repository, digest) with every tag this run gave it, less the tags cleanup removed.
        foreach (var image in Slipway.Pipeline.Images.RunImages.Gather(steps.Select(s => (s.Name, s.Outputs))))
        {
            image.ToJson().WriteTo(writer);
        }

        writer.WriteEndArray();

        // What approving does (journaled by the approval step before the run waits): each release tag, from the
        // digest it names to the one it gets; "from" is null for a new tag.
        writer.WriteStartArray("tagMoves");
        foreach (var move in Slipway.Pipeline.Outputs.ApprovalPreview.Journaled(steps))
        {
            writer.WriteStartObject();
            writer.WriteString("repository", move.Repository);
            writer.WriteString("tag", move.Tag);
            writer.WriteString("from", move.From);
            writer.WriteString("to", move.Digest);
            writer.WriteBoolean("moves", move.Moves);
            writer.WriteString("reason", move.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("events");
        foreach (var entry in events)
        {
            writer.WriteStartObject();
            writer.WriteString("at", entry.At);
            writer.WriteString("kind", entry.Kind);
            WriteOptional(writer, "actor", entry.Actor);
            WriteOptional(writer, "step", entry.Step);
            WriteOptional(writer, "detail", entry.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            writer.WriteString(name, at);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string Short(string commit) => commit.Length > 7 ? commit[..7] : commit;

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}
