using System.Diagnostics;
using Slipway.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Slipway.Cli;

/// <summary>
/// The run as a live table on a terminal: every step of the graph with its status, its running time and its latest
/// message, redrawn as events arrive. Output goes through the host's redacting writer like everything else.
/// </summary>
internal sealed class LiveRunView : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly IAnsiConsole _console;
    private readonly List<string> _order;
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private LiveDisplayContext? _context;

    public LiveRunView(TextWriter output, IEnumerable<string> steps)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        _order = [.. steps];
        foreach (var step in _order)
        {
            _rows[step] = new Row();
        }
    }

    /// <summary>Shows the table while <paramref name="work"/> runs, refreshing running times four times a second.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var result = default(T)!;
        await _console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            lock (_gate)
            {
                _context = context;
            }

            var task = work();
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(250));
                Redraw();
            }

            result = await task;
            Redraw();
            lock (_gate)
            {
                _context = null;
            }
        });
        return result;
    }

    public void StepStarted(string stepName, int attempt) =>
        Update(stepName, row =>
        {
            row.Status = "running";
            row.Clock = Stopwatch.StartNew();
            row.Note = attempt > 1 ? $"attempt {attempt}" : string.Empty;
        });

    public void StepSucceeded(string stepName, TimeSpan duration) => Finish(stepName, "succeeded", null);

    public void StepSkipped(string stepName, string reason) => Finish(stepName, "skipped", reason);

    public void StepFailed(string stepName, string message) => Finish(stepName, "failed", message);

    public void StepAwaitingApproval(string stepName) => Finish(stepName, "awaiting-approval", null);

    public void StepMessage(string stepName, string message) => Update(stepName, row => row.Note = message);

    public void Compensating(string stepName) => Update(stepName, row => row.Status = "compensating");

    public void Compensated(string stepName) => Update(stepName, row => row.Status = "compensated");

    public void CompensationFailed(string stepName, string message) => Finish(stepName, "compensation-failed", message);

    private static string Colour(string status) => status switch
    {
        "running" => "yellow",
        "succeeded" => "green",
        "failed" or "compensation-failed" => "red",
        "awaiting-approval" => "blue",
        "compensating" or "compensated" => "magenta",
        _ => "grey",
    };

    private void Finish(string stepName, string status, string? note) =>
        Update(stepName, row =>
        {
            row.Status = status;
            row.Clock?.Stop();
            if (note is not null)
            {
                row.Note = note;
            }
        });

    private void Update(string stepName, Action<Row> change)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(stepName, out var row))
            {
                row = new Row();
                _rows[stepName] = row;
                _order.Add(stepName);
            }

            change(row);
        }

        Redraw();
    }

    private void Redraw()
    {
        lock (_gate)
        {
            if (_context is { } context)
            {
                context.UpdateTarget(Render());
                context.Refresh();
            }
        }
    }

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("step", "status", "time", "note");
        foreach (var step in _order)
        {
            var row = _rows[step];
            var time = row.Clock is null ? string.Empty : RunText.Duration(row.Clock.Elapsed);
            // The note quotes outside data (registry errors, gate output); the view writes raw ANSI, so escape it here.
            var note = TerminalText.Escape(row.Note.Split('\n')[0]);
            table.AddRow(
                new IRenderable[]
                {
                    new Text(TerminalText.Escape(step)),
                    new Markup($"[{Colour(row.Status)}]{Markup.Escape(row.Status)}[/]"),
                    new Text(time),
                    new Text(note.Length > 80 ? note[..77] + "..." : note),
                });
        }

        return table;
    }

    private sealed class Row
    {
        public string Status { get; set; } = "pending";

        public string Note { get; set; } = string.Empty;

        public Stopwatch? Clock { get; set; }
    }
}
