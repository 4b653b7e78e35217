namespace Spiking.Random;

/// <summary>
/// What a random stream is used for. Together with the object's index (projection, population,
/// input) and the entity (row, neuron) it names the stream, so that adding a monitor or a thread
/// never shifts the draws of anything else.
/// </summary>
public enum StreamKind : uint
{
    /// <summary>Connectivity, weights and delays of one presynaptic row (or one postsynaptic column).</summary>
    Connectivity = 1,
    /// <summary>Initial values of state variables of one neuron.</summary>
    InitialState = 2,
    /// <summary>Poisson input to one neuron.</summary>
    PoissonInput = 3,
    /// <summary>Whole-projection draws that cannot be split by row (fixed total number).</summary>
    ProjectionGlobal = 4,
    /// <summary>Noise inside a neuron model (stochastic units).</summary>
    ModelNoise = 5,
    /// <summary>Event mode: exponential inter-spike intervals of one (Poisson input, neuron); block k holds draw k.</summary>
    PoissonEventInput = 6,
    /// <summary>Random time series generated in code (Spiking.Tasks.SeriesGenerators), one stream per series.</summary>
    Series = 9,
}
