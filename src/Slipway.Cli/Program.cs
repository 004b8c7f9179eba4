namespace Slipway.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => SlipwayApp.RunAsync(args, CliHost.FromProcess());
}
