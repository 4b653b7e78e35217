// BenchmarkDotNet micro-benchmarks of the kernel's hot paths; every figure is per element
// (neuron-update, synaptic event, neuron-step, word, recorded spike, synapse). See README.md.
//   dotnet run -c Release --project benchmarks/Spiking.Benchmarks -- --filter '*Propagation*' --job short
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Spiking.Benchmarks;

// Whole-run comparisons of the event-driven and time-stepped kernels (not BenchmarkDotNet): see EventModeComparison.
if (args.Length > 0 && args[0] == "event-convergence") { EventModeComparison.Convergence(args); return; }
if (args.Length > 0 && args[0] == "event-vs-step") { EventModeComparison.Timing(args); return; }
if (args.Length > 0 && args[0] == "precise-vs-grid") { EventModeComparison.PreciseCost(args); return; }

var config = DefaultConfig.Instance
    .AddColumn(new SynapseTableBytesColumn())
    .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond));
BenchmarkSwitcher.FromAssembly(typeof(SynapseTableBytesColumn).Assembly).Run(args, config);
