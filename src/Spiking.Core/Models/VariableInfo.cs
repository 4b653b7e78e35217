using Spiking.Units;

namespace Spiking.Models;

/// <summary>A state variable of a model: name, dimension (base unit), default initial value, meaning.</summary>
public sealed record VariableInfo(string Name, Dimension Dimension, double Default, string Description);
