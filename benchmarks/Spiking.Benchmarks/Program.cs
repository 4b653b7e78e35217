// BenchmarkDotNet micro-benchmarks of the kernel's hot paths; every figure is per element
// (neuron-update, synaptic event, neuron-step, word, recorded spike, synapse). See README.md.
//   dotnet run -c Release --project benchmarks/Spiking.Benchmarks -- --filter '*Propagation*' --job short
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Spiking.Benchmarks;

var config = DefaultConfig.Instance
    .AddColumn(new SynapseTableBytesColumn())
    .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond));
BenchmarkSwitcher.FromAssembly(typeof(SynapseTableBytesColumn).Assembly).Run(args, config);
