using Spiking.Description;

namespace Spiking.Tests.Binary;

/// <summary>Small builders for the specs of the binary-unit tests.</summary>
internal static class BinarySpecs
{
    public static PopulationSpec Population(string name, string model, int size, params (string Name, double Value)[] parameters)
        => new(name, model, size, parameters.ToDictionary(p => p.Name, p => p.Value), new Dictionary<string, ValueSpec>());

    public static PlasticitySpec BgRnn(double eta, double decay = 0, double l1 = 0)
        => new("bgrnn", new Dictionary<string, double> { ["eta"] = eta, ["decay"] = decay, ["l1"] = l1 }, new Dictionary<string, string>());

    /// <summary>A current input holding every unit of a rate_input population at <paramref name="value"/> from step 0.</summary>
    public static CurrentInputSpec Hold(string name, string target, double value) => new(name, target, [0], [value]);

    /// <summary>σ(a), written out here rather than taken from the kernel.</summary>
    public static double Sigma(double a) => 1 / (1 + Math.Exp(-a));
}
