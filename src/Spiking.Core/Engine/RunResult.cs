namespace Spiking.Engine;

/// <summary>Counts and timings of one call to <c>Spiking.Cpu.Simulator.Run</c>.</summary>
/// <param name="Steps">Steps simulated.</param>
/// <param name="StartTime">Simulated time at the start (ms).</param>
/// <param name="SimulatedTime">Simulated time covered (ms).</param>
/// <param name="WallSeconds">Wall-clock seconds of the simulation loop alone (network build excluded).</param>
/// <param name="SpikeCounts">Spikes per population, in population order.</param>
/// <param name="SynapticEvents">Synapse deliveries made (spikes × row lengths).</param>
/// <param name="Threads">Worker threads used.</param>
public sealed record RunResult(long Steps, double StartTime, double SimulatedTime, double WallSeconds,
    IReadOnlyList<long> SpikeCounts, long SynapticEvents, int Threads)
{
    /// <summary>Wall seconds per phase of the step loop.</summary>
    public RunProfile Profile { get; init; } = new(0, 0, 0, 0);

    /// <summary>Kernel launches of a device run (0 on the CPU backend).</summary>
    public long KernelLaunches { get; init; }

    /// <summary>Scores of the readouts of the spec, in order.</summary>
    public IReadOnlyList<ReadoutScore> Readouts { get; init; } = [];

    /// <summary>Simulated seconds per wall second (above 1 is faster than real time).</summary>
    public double RealTimeFactor => WallSeconds > 0 ? SimulatedTime / 1000.0 / WallSeconds : double.PositiveInfinity;
}

/// <summary>How a readout did: steps trained and tested, the test RMSE and NRMSE (RMSE / standard deviation of the target), and the training NRMSE.</summary>
public sealed record ReadoutScore(string Name, long TrainSteps, long TestSteps, double TestRmse, double TestNrmse, double TrainNrmse);
