// Template classification with a liquid state machine (Maass, Natschläger & Markram 2002, section 4):
// models/lsm.toml, Poisson templates on its 4 input channels (20 Hz, 200 ms), each trial a jittered
// template from the liquid's own initial state; a linear readout (ridge) of the filtered liquid state
// at 200 ms names the template. Also with four templates, and with a single input channel. Prints held-out accuracy against jitter and writes lsm-accuracy.csv:
//   dotnet run --project examples/LsmClassification -c Release [-- OUTDIR]
//   spiking plot lsm-accuracy.csv --curve lsm-accuracy.png
using System.Globalization;
using Spiking.IO.ModelFiles;
using Spiking.Learning.Tasks;
using Spiking.Tasks;

string outDir = args.Length > 0 ? args[0] : ".";
var spec = ModelFileReader.Read(FindModel("lsm.toml"));
// The same liquid with a single input channel: templates then differ only in spike timing, not in
// which channels carry how many spikes, so jitter matters more.
var oneChannel = spec with
{
    Populations = spec.Populations.Select(p => p.Name == "input" ? p with { Size = 1, SpikeTimes = null } : p).ToArray(),
};
double[] jitters = [0, 4, 8, 16];
(string Name, Spiking.Description.NetworkSpec Spec, int Templates)[] cases =
[
    ("2 templates 4 channels", spec, 2), ("4 templates 4 channels", spec, 4), ("2 templates 1 channel", oneChannel, 2),
];
var lines = new List<string> { "jitter (ms)," + string.Join(",", cases.Select(c => $"accuracy {c.Name}")) };
Console.WriteLine("jitter (ms)  case                     train acc  test acc  (200 train, 200 test trials; chance = 1/templates)");
var clock = System.Diagnostics.Stopwatch.StartNew();
foreach (var jitter in jitters)
{
    var row = new List<string> { jitter.ToString(CultureInfo.InvariantCulture) };
    foreach (var (name, caseSpec, n) in cases)
    {
        var r = TemplateClassification.Run(caseSpec, new TemplateClassification.Options
        {
            Templates = n,
            Jitter = jitter,
            TrainTrials = 200,
            TestTrials = 200,
        });
        Console.WriteLine($"{jitter,11}  {name,-23}  {r.TrainAccuracy,9:F3}  {r.TestAccuracy,8:F3}");
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
