using Spiking.Units;

namespace Spiking.Plasticity;

/// <summary>
/// A numeric parameter of a learning rule. <paramref name="Dimension"/> null means the weight unit of
/// the projection's receptor (mV, nS or nA), so that bounds can be written "10 nS".
/// </summary>
public sealed record PlasticityParameter(string Name, Dimension? Dimension, double Default, string Description);
