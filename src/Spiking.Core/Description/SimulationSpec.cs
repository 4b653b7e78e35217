namespace Spiking.Description;

/// <summary>Clock and run settings.</summary>
/// <param name="Dt">Time step in ms.</param>
/// <param name="Duration">Simulated time in ms.</param>
/// <param name="Seed">Seed of every random stream of the run.</param>
/// <param name="Threads">Worker threads; 0 means one per core.</param>
public sealed record SimulationSpec(double Dt, double Duration, ulong Seed = 1, int Threads = 0)
{
    /// <summary>Time-stepped (default) or event-driven. In event mode <see cref="Dt"/> only sets the grid that step-mode tables are built on.</summary>
    public SimulationMode Mode { get; init; } = SimulationMode.Step;
}
