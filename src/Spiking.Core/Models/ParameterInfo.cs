using Spiking.Units;

namespace Spiking.Models;

/// <summary>A model parameter: name as written in model files, dimension, default in base units, and meaning.</summary>
public sealed record ParameterInfo(string Name, Dimension Dimension, double Default, string Description);
