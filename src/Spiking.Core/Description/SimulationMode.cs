namespace Spiking.Description;

/// <summary>How a run advances time.</summary>
public enum SimulationMode
{
    /// <summary>Time-stepped: every neuron is updated every dt; spikes are stamped on the grid (see docs/conventions.md).</summary>
    Step,

    /// <summary>
    /// Event-driven: neurons are advanced analytically from event to event; spike times are exact
    /// (float64) and delays continuous. Only models that can be advanced exactly (lif_delta, lif_cuba);
    /// see docs/event-driven.md.
    /// </summary>
    Event,
}
