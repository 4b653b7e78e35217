using Spiking.Tests.Core;

namespace Spiking.Tests.Cli.Broken;

/// <summary>
/// The real files the broken cases start from, made once per test run: a results file and a saved
/// trained model (from models/esn-mackey-glass.toml, 300 ms), and the small valid model of tests/broken.
/// </summary>
internal sealed class BrokenFixtures
{
    private static readonly Lazy<BrokenFixtures> Shared = new(() => new BrokenFixtures());

    public static BrokenFixtures Instance => Shared.Value;

    private BrokenFixtures()
    {
        var dir = Directory.CreateTempSubdirectory("spiking-broken-fixtures-").FullName;
        string results = Path.Combine(dir, "results.h5"), trained = Path.Combine(dir, "trained.h5");
        var (code, _, err) = CliRun.RunCli("run", RepoPaths.Model("esn-mackey-glass.toml"), "--duration", "300 ms", "--out", results, "--save-trained", trained, "--quiet");
        if (code != 0) throw new InvalidOperationException("the fixture run failed: " + err);
        Results = File.ReadAllBytes(results);
        Trained = File.ReadAllBytes(trained);
        Directory.Delete(dir, recursive: true);
        ValidModel = File.ReadAllText(Path.Combine(Root, "valid.toml"));
    }

    /// <summary>tests/broken.</summary>
    public static string Root => Path.Combine(RepoPaths.Root, "tests", "broken");

    /// <summary>An HDF5 output of spiking run.</summary>
    public byte[] Results { get; }

    /// <summary>An HDF5 saved trained model.</summary>
    public byte[] Trained { get; }

    /// <summary>tests/broken/valid.toml.</summary>
    public string ValidModel { get; }
}
