namespace Slipway.Tests.Infra;

/// <summary>The checkout the tests run from (the folder holding Slipway.slnx), for tests that read the README or scripts.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Slipway.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Slipway.slnx above {AppContext.BaseDirectory}");
    }
}
