using System.CommandLine;
using Slipway.Pipeline;

namespace Slipway.Cli.Commands;

/// <summary><c>slipway plan</c>: the steps a release would run for this configuration, in order, with their conditions.</summary>
internal static class PlanCommand
{
    public static Command Create(CliHost host)
    {
        var json = GlobalOptions.Json();
        var command = new Command("plan", "Show the steps a release would run, in order, with the condition that enables each; refuse paths it would write outside the repository.")
        {
            json,
        };
        command.SetAction(parse =>
        {
            var context = new CommandContext(host, parse);
            var config = context.LoadConfig(Git.GitRepository.FindWorkingDirectory(context.Directory));
            // The version is not read here; no version can move a news file's path out of the repository.
            ConfiguredPaths.Check(config, host.Environment, host.Redactor, "0.0.0", DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime));
            var steps = ReleasePlan.For(config);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(host.Out, writer =>
                {
                    writer.WriteStartArray();
                    foreach (var step in steps)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", step.Name);
                        writer.WriteStartArray("dependsOn");
                        foreach (var dependency in step.DependsOn)
                        {
                            writer.WriteStringValue(dependency);
                        }

                        writer.WriteEndArray();
                        writer.WriteString("condition", step.Condition);
                        writer.WriteBoolean("enabled", step.Enabled);
                        writer.WriteString("description", step.Description);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                });
                return 0;
            }

            var width = steps.Max(s => s.Name.Length);
            host.Out.WriteLine($"release plan for {config.Project.Name} ({steps.Count(s => s.Enabled)} of {steps.Count} steps enabled)");
            var number = 0;
            foreach (var step in steps)
            {
                number++;
                var state = step.Enabled ? "run " : "skip";
                host.Out.WriteLine($"{number,3}. {step.Name.PadRight(width)}  {state}  when {step.Condition}: {step.Description}");
            }

            return 0;
        });
        return command;
    }
}
