namespace Spiking.Models;

/// <summary>
/// A model of stochastic binary units: its groups are <see cref="BinaryUnitGroup"/>s, which hold per
/// unit the prior logit a, the probability p = σ(a) and the gate h of the current step. Learning rules
/// that need h and p (the likelihood gradient, <see cref="Plasticity.BgRnnRule"/>) require it of their
/// post population.
/// </summary>
public interface IBinaryUnitModel : INeuronModel
{
}
