namespace Spiking.Tests.Core;

/// <summary>Finds files of the repository from the test's output directory.</summary>
internal static class RepoPaths
{
    /// <summary>The folder that holds Spiking.sln.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Spiking.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Spiking.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A shipped model file.</summary>
    public static string Model(string name) => Path.Combine(Root, "models", name);
}
