namespace Spiking.Gpu;

/// <summary>
/// A network uses a feature the device backend does not run (yet). The message names the feature and
/// the population, projection, input or monitor that uses it; nothing is silently left out.
/// </summary>
public sealed class DeviceUnsupportedException(string message) : Runtime.UnsupportedFeatureException(message);
