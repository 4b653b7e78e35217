using System.Globalization;
using Spiking.Engine;

namespace Spiking.Cli.Commands;

/// <summary>
/// Progress of a network build as plain lines on stderr: how many projections have their synapses drawn, the
/// synapses so far and the wall time. Nothing during the first second (a small network builds in less), then
/// at most one line every <see cref="Interval"/> seconds, and the last projection always. Reports come from
/// the building threads, so writing is serialised.
/// </summary>
public sealed class BuildProgressLines(TextWriter stderr) : IProgress<BuildProgress>
{
    /// <summary>Least wall time (s) between two lines.</summary>
    public const double Interval = 2;

    private readonly Lock _gate = new();
    private double _lastLine = double.NegativeInfinity;
    private bool _started;

    /// <inheritdoc/>
    public void Report(BuildProgress value)
    {
        lock (_gate)
        {
            bool last = value.ProjectionsDone == value.Projections;
            if (value.WallSeconds < 1 && !(last && _started)) return;
            if (!last && value.WallSeconds - _lastLine < Interval) return;
            _lastLine = value.WallSeconds;
            _started = true;
            stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "  drawing synapses: {0}/{1} projections ({2}%), {3:N0} synapses, {4:F1} s{5}",
                value.ProjectionsDone, value.Projections, 100 * value.ProjectionsDone / Math.Max(1, value.Projections), value.Synapses, value.WallSeconds,
                last ? "" : $" (last done: {value.Projection})"));
        }
    }
}
