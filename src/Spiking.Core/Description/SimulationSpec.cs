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

    /// <summary>
    /// Index of a trial of the same network. Connectivity (synapses, weights, delays, layouts) is
    /// drawn from <see cref="Seed"/> alone; the run's dynamics (initial values, Poisson and noise
    /// inputs, model noise) from <see cref="DynamicsSeed"/>, so trials 1, 2, ... of one network share
    /// its synapses and start from different states. Trial 0 (the default) uses the seed itself.
    /// </summary>
    public uint Trial { get; init; }

    /// <summary>The seed of the dynamics' streams: <see cref="Seed"/> for trial 0, else a SplitMix64 hash of (seed, trial).</summary>
    public ulong DynamicsSeed
    {
        get
        {
            if (Trial == 0) return Seed;
            ulong z = Seed + 0x9E3779B97F4A7C15UL * Trial;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
