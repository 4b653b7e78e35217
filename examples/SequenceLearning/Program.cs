using System.Diagnostics;
using System.Globalization;
using SequenceLearning;

// Sequence learning by STDP in a recurrent E-I network (after Rao & Sejnowski 2000): train on repeated
// presentations, then cue the first groups of fresh, non-plastic networks holding the initial and the trained
// weights, and compare the order in which the other groups start firing with the trained order.
//   dotnet run --project examples/SequenceLearning -c Release [-- trials=20 seed=1 Name=value ...]
// seed sets the training run's seed (cue trial t uses 1000·(seed − 1) + 100 + t, as the test for seed 1); Name=value overrides a property of SequenceProtocol (for example Repetitions=50 or StdpTau=10).
var p = new SequenceProtocol();
int trials = 20;
ulong seed = 1;
foreach (var arg in args)
{
    int eq = arg.IndexOf('=');
    if (eq < 0) throw new ArgumentException($"expected Name=value, got '{arg}'");
    var (key, value) = (arg[..eq], arg[(eq + 1)..]);
    if (key == "trials") { trials = int.Parse(value, CultureInfo.InvariantCulture); continue; }
    if (key == "seed") { seed = ulong.Parse(value, CultureInfo.InvariantCulture); continue; }
    var property = typeof(SequenceProtocol).GetProperty(key) ?? throw new ArgumentException($"SequenceProtocol has no property '{key}'");
    var copy = p with { };
    property.SetValue(copy, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
    p = copy;
}

Console.WriteLine($"{p.Groups} groups x {p.GroupSize} exc + {p.Inhibitory} inh lif_cuba; {p.Repetitions} presentations, groups {p.Spacing} ms apart, period {p.Period} ms");
var clock = Stopwatch.StartNew();
var initial = SequenceNetwork.Initial(p);
var trained = SequenceNetwork.Train(p, seed);
Console.WriteLine($"training: {p.Repetitions * p.Period / 1000:F0} s simulated, {clock.Elapsed.TotalSeconds:F1} s wall");
Console.WriteLine($"cue: groups 0-{p.CuedGroups - 1}; onset of a group = the time of its spike number {p.OnsetSpikes} within {p.Window} ms of the cue ('-': none, ranked last, tied)");
Report("before", initial);
Report("after", trained);

var g = SequenceNetwork.GroupWeights(p, trained);
Console.WriteLine("mean trained E->E weight (mV), row = pre group, column = post group:");
for (int a = 0; a < p.Groups; a++)
    Console.WriteLine(string.Join(" ", Enumerable.Range(0, p.Groups).Select(b => $"{g[a, b],5:F2}")));

void Report(string name, float[] weights)
{
    var results = Enumerable.Range(0, trials).Select(t => SequenceNetwork.Cue(p, weights, (seed - 1) * 1000 + (ulong)(100 + t))).ToArray();
    double fired = results.Average(r => r.Onsets.Count(double.IsFinite) / (double)r.Onsets.Count);
    Console.WriteLine($"{name}: mean Spearman rho over {trials} cue trials = {results.Average(r => r.Spearman):F3} " +
                      $"(min {results.Min(r => r.Spearman):F3}, max {results.Max(r => r.Spearman):F3}); uncued groups with an onset {fired:P0}");
    foreach (var r in results.Take(3))
        Console.WriteLine("  onsets (ms):" + string.Concat(r.Onsets.Select(x => double.IsFinite(x) ? $"{x,6:F1}" : "     -")) + $"   rho {r.Spearman:F2}");
}
