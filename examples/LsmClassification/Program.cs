// Template classification with a liquid state machine (Maass, Natschläger & Markram 2002, section 4):
// models/lsm.toml, Poisson templates on its 4 input channels (20 Hz, 200 ms), each trial a jittered
// template from the liquid's own initial state; a linear readout (ridge) of the filtered liquid state
// at 200 ms names the template. Prints held-out accuracy against jitter and writes lsm-accuracy.csv:
//   dotnet run --project examples/LsmClassification -c Release [-- OUTDIR]
//   spiking plot lsm-accuracy.csv --curve lsm-accuracy.png
using System.Globalization;
using Spiking.IO.ModelFiles;
using Spiking.Tasks;

string outDir = args.Length > 0 ? args[0] : ".";
var spec = ModelFileReader.Read(FindModel("lsm.toml"));
double[] jitters = [0, 4, 8, 16];
int[] templateCounts = [2, 4];
var lines = new List<string> { "jitter (ms)," + string.Join(",", templateCounts.Select(n => $"accuracy {n} templates")) };
Console.WriteLine("jitter (ms)  templates  train acc  test acc  (200 train, 200 test trials; chance = 1/templates)");
var clock = System.Diagnostics.Stopwatch.StartNew();
foreach (var jitter in jitters)
{
    var row = new List<string> { jitter.ToString(CultureInfo.InvariantCulture) };
    foreach (var n in templateCounts)
    {
        var r = TemplateClassification.Run(spec, new TemplateClassification.Options
        {
            Templates = n, Jitter = jitter, TrainTrials = 200, TestTrials = 200,
        });
        Console.WriteLine($"{jitter,11}  {n,9}  {r.TrainAccuracy,9:F3}  {r.TestAccuracy,8:F3}");
        row.Add(r.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture));
    }
    lines.Add(string.Join(",", row));
}
string csv = Path.Combine(outDir, "lsm-accuracy.csv");
File.WriteAllLines(csv, lines);
Console.WriteLine($"wrote {csv} ({clock.Elapsed.TotalSeconds:F1} s)");

static string FindModel(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Spiking.sln"))) return Path.Combine(dir.FullName, "models", name);
    throw new FileNotFoundException($"models/{name} not found above {AppContext.BaseDirectory}");
}
