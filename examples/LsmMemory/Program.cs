// Memory tasks on a liquid state machine (models/lsm.toml): two random bit streams, one bit per 30 ms
// segment, each on two input channels (80 Hz Poisson for a 1, silent for a 0); linear readouts (ridge)
// of the filtered liquid state at the end of each segment recall stream a's bit k segments ago and
// the XOR of both streams' bits k segments ago. 400 segments (12 s): 300 train, 100 test.
//   dotnet run --project examples/LsmMemory -c Release [-- FILTER_TAU_MS RATE_HZ SEGMENT_MS RIDGE]
using Spiking.IO.ModelFiles;
using Spiking.Learning.Tasks;
using Spiking.Tasks;

var spec = ModelFileReader.Read(FindModel("lsm.toml"));
var clock = System.Diagnostics.Stopwatch.StartNew();
var options = new MemoryTasks.Options { Segments = 400, TrainSegments = 300, Lags = [0, 1, 2, 3, 4], XorLags = [0, 1, 2] };
double Arg(int k, double otherwise) => args.Length > k ? double.Parse(args[k], System.Globalization.CultureInfo.InvariantCulture) : otherwise;
options = options with { FilterTau = Arg(0, options.FilterTau), RateHigh = Arg(1, options.RateHigh), Segment = Arg(2, options.Segment), Ridge = Arg(3, options.Ridge) };
Console.WriteLine($"filter tau {options.FilterTau} ms, {options.RateHigh} Hz for a 1, segments of {options.Segment} ms, ridge {options.Ridge}");
var r = MemoryTasks.Run(spec, options);
Console.WriteLine("task                      lag (ms)  test accuracy (chance 0.5)");
foreach (var (lag, acc) in r.Recall) Console.WriteLine($"recall a(m-{lag})             {lag * options.Segment,8}  {acc,6:F3}");
foreach (var (lag, acc) in r.Xor) Console.WriteLine($"a(m-{lag}) XOR b(m-{lag})        {lag * options.Segment,8}  {acc,6:F3}");
Console.WriteLine($"({clock.Elapsed.TotalSeconds:F1} s)");

static string FindModel(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Spiking.sln"))) return Path.Combine(dir.FullName, "models", name);
    throw new FileNotFoundException($"models/{name} not found above {AppContext.BaseDirectory}");
}
