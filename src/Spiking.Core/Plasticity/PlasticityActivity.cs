namespace Spiking.Plasticity;

/// <summary>What a rule reads from the populations it joins.</summary>
[Flags]
public enum PlasticityActivity
{
    /// <summary>Spikes of spiking populations, through traces.</summary>
    Spikes = 1,
    /// <summary>Outputs of rate populations (<see cref="Models.NeuronGroup.Output"/>).</summary>
    Rates = 2,
}
