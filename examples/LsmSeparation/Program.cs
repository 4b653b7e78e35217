// The separation property of a liquid state machine (Maass, Natschläger & Markram 2002, Fig. 2):
// pairs of 4-channel Poisson inputs (20 Hz, 500 ms) at increasing distance d(u, v) drive
// models/lsm.toml from different initial states; the mean distance of the filtered liquid states
// (tau 30 ms, sampled every 10 ms) grows with the input distance. Writes lsm-separation.csv:
//   dotnet run --project examples/LsmSeparation -c Release [-- OUTDIR]
//   spiking plot lsm-separation.csv --curve lsm-separation.png
using System.Globalization;
using Spiking.IO.ModelFiles;
using Spiking.Learning.Tasks;
using Spiking.Tasks;

string outDir = args.Length > 0 ? args[0] : ".";
var spec = ModelFileReader.Read(FindModel("lsm.toml"));
var clock = System.Diagnostics.Stopwatch.StartNew();
var points = SeparationProperty.Run(spec, new SeparationProperty.Options { Pairs = 20 });
var lines = new List<string> { "input distance d(u v),state distance" };
Console.WriteLine("fraction moved  input distance  state distance (mean ± sd over 20 pairs)");
foreach (var p in points)
{
    Console.WriteLine($"{p.Fraction,14:F2}  {p.InputDistance,14:F4}  {p.StateDistance,8:F3} ± {p.StateDistanceSd:F3}");
    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{p.InputDistance:F5},{p.StateDistance:F5}"));
}
string csv = Path.Combine(outDir, "lsm-separation.csv");
File.WriteAllLines(csv, lines);
Console.WriteLine($"wrote {csv} ({clock.Elapsed.TotalSeconds:F1} s)");

static string FindModel(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Spiking.sln"))) return Path.Combine(dir.FullName, "models", name);
    throw new FileNotFoundException($"models/{name} not found above {AppContext.BaseDirectory}");
}
