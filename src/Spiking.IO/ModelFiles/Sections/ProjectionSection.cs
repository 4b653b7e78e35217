using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.Units;

namespace Spiking.IO.ModelFiles.Sections;

/// <summary>
/// Reads <c>[[projections]]</c>: name, pre, post, receptor, connector, weight, delay, sign,
/// spectral_radius and plasticity. Weights are in the unit of the post model's receptor.
/// </summary>
internal static class ProjectionSection
{
    /// <summary>The projections in file order.</summary>
    public static List<ProjectionSpec> Read(ReadContext ctx, TableReader top, PopulationModels models)
    {
        var projections = new List<ProjectionSpec>();
        foreach (var (k, t) in top.Elements("projections"))
        {
            string at = $"projections[{k}]";
            projections.Add(ReadOne(ctx, new TableReader(ctx, t, at), at, models));
        }
        return projections;
    }

    private static ProjectionSpec ReadOne(ReadContext ctx, TableReader r, string at, PopulationModels models)
    {
        r.CheckKeys("name", "pre", "post", "receptor", "connector", "weight", "delay", "sign", "spectral_radius", "plasticity");
        string name = r.String("name", required: true, "a projection name") ?? "";
        string pre = r.String("pre", required: true, "the name of the presynaptic population") ?? "";
        string post = r.String("post", required: true, "the name of the postsynaptic population") ?? "";
        string receptor = r.String("receptor", required: true, "a receptor of the post model (for example \"exc\" or \"inh\")") ?? "";
        var connector = ConnectorSection.Read(ctx, r, at);
        var weight = r.Value("weight", models.WeightDimension(post, receptor), required: true) ?? new ConstantValue(0);
        var delay = r.Value("delay", Dimension.Time, required: false) ?? new ConstantValue(0);
        var sign = SynapseSign.Any;
        if (r.String("sign", required: false, "excitatory, inhibitory or any") is { } s)
        {
            switch (s)
            {
                case "excitatory": sign = SynapseSign.Excitatory; break;
                case "inhibitory": sign = SynapseSign.Inhibitory; break;
                case "any": sign = SynapseSign.Any; break;
                default: ctx.Error($"{at}.sign", r.LineOfKey("sign"), $"unknown sign '{s}'; expected excitatory, inhibitory or any"); break;
            }
        }
        double? spectralRadius = r.Has("spectral_radius") ? r.Quantity("spectral_radius", Dimension.Dimensionless, required: true) : null;
        var plasticity = PlasticitySection.Read(ctx, r, at, models.WeightDimension(post, receptor));
        return new ProjectionSpec(name, pre, post, receptor, connector, weight, delay, sign) { SpectralRadius = spectralRadius, Plasticity = plasticity };
    }
}
