namespace Spiking.Description;

/// <summary>The sign every weight of a projection must have (Dale's law check).</summary>
public enum SynapseSign
{
    /// <summary>No check.</summary>
    Any,
    /// <summary>All weights at least 0.</summary>
    Excitatory,
    /// <summary>All weights at most 0 (current- and voltage-based receptors) or, for conductance receptors, drawn onto the inhibitory receptor.</summary>
    Inhibitory,
}
