using Spiking.Units;

namespace Spiking.Models;

/// <summary>
/// An input port of a model that projections and inputs target. <paramref name="WeightDimension"/>
/// is the dimension of a synaptic weight onto it; conductance receptors take only weights ≥ 0.
/// <paramref name="ActsAtStepEnd"/> marks ports whose input the model applies at the end of a step
/// (delta synapses, as NEST); the engine then delivers one step earlier so that delays stay exact.
/// </summary>
public sealed record ReceptorInfo(string Name, Dimension WeightDimension, bool IsConductance, string Description, bool ActsAtStepEnd = false);
