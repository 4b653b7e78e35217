using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Spiking.Engine;

namespace Spiking.Benchmarks;

/// <summary>
/// "Table B/syn": bytes per synapse that the finished <see cref="Connectors.SynapseTable"/> of a
/// <see cref="NetworkBuildBenchmarks"/> case keeps. Computed in the host process after the run by
/// building the same network once and summing its arrays' sizes (a measurement of the real object,
/// not the layout on paper).
/// </summary>
public sealed class SynapseTableBytesColumn : IColumn
{
    private static readonly ConcurrentDictionary<BuildDelay, double> Cache = new();

    public string Id => nameof(SynapseTableBytesColumn);
    public string ColumnName => "Table B/syn";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Bytes per synapse held by the built SynapseTable (row offsets included)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(NetworkBuildBenchmarks));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.Type != typeof(NetworkBuildBenchmarks)) return "-";
        if (benchmarkCase.Parameters["Delay"] is not BuildDelay delay) return "?";
        double value = Cache.GetOrAdd(delay, d =>
        {
            var (bytes, synapses) = NetworkBuildBenchmarks.TableBytes(Network.Build(NetworkBuildBenchmarks.Spec(d)));
            return (double)bytes / synapses;
        });
        return value.ToString("F3", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
