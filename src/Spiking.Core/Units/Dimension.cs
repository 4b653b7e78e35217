namespace Spiking.Units;

/// <summary>
/// Physical dimension of a quantity. Each dimension has one documented base unit in which
/// every number inside Spiking is expressed: ms, mV, nA, nS, pF, MΩ, Hz, µm.
/// </summary>
public enum Dimension
{
    /// <summary>A pure number (probabilities, counts, ratios).</summary>
    Dimensionless,
    /// <summary>Time, base unit ms.</summary>
    Time,
    /// <summary>Voltage, base unit mV.</summary>
    Voltage,
    /// <summary>Current, base unit nA.</summary>
    Current,
    /// <summary>Conductance, base unit nS.</summary>
    Conductance,
    /// <summary>Capacitance, base unit pF.</summary>
    Capacitance,
    /// <summary>Resistance, base unit MΩ.</summary>
    Resistance,
    /// <summary>Frequency, base unit Hz.</summary>
    Frequency,
    /// <summary>Length, base unit µm.</summary>
    Length,
}
