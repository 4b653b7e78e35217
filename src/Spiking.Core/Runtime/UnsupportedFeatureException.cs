namespace Spiking.Runtime;

/// <summary>
/// An engine was asked to run a network with a feature it does not run. The message names the engine,
/// the feature and the population, projection, input or monitor that uses it; nothing is silently left out.
/// Bad input (exit code 2 on the command line), not an internal failure.
/// </summary>
public class UnsupportedFeatureException(string message) : Exception(message)
{
    /// <summary>Builds the message from an engine's name and its lines of <see cref="IEngine.Unsupported"/>.</summary>
    public static UnsupportedFeatureException For(string engine, IReadOnlyList<string> problems)
        => new($"the {engine} backend does not run: {string.Join("; ", problems)}");
}
