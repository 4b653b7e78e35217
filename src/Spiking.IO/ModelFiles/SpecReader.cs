using Spiking.Description;
using Spiking.IO.ModelFiles.Reading;
using Spiking.IO.ModelFiles.Sections;
using Spiking.IO.Toml;

namespace Spiking.IO.ModelFiles;

/// <summary>
/// From the tree to the description: applies the chosen variant, then reads each section in file
/// layout order, collecting every error with its line in a <see cref="ReadContext"/>.
/// </summary>
internal static class SpecReader
{
    private static readonly string[] TopKeys = ["variant", "simulation", "populations", "projections", "inputs", "monitors", "series", "readouts", "variants"];

    /// <summary>
    /// Reads <paramref name="root"/> with <paramref name="variantArgument"/> (or the file's own variant)
    /// applied. Values that cannot be read are left as placeholders; the errors are in <paramref name="ctx"/>.
    /// </summary>
    public static NetworkSpec Read(ReadContext ctx, TTable root, string? variantArgument)
    {
        var top = new TableReader(ctx, root, "");
        top.CheckKeys(TopKeys);

        string? variant = Variants.Apply(ctx, root, top, variantArgument);

        var sim = SimulationSection.Read(ctx, top);
        var models = new PopulationModels();
        var populations = PopulationSection.Read(ctx, top, models);
        var projections = ProjectionSection.Read(ctx, top, models);
        var inputs = InputSection.Read(ctx, top, models);
        var monitors = MonitorSection.Read(ctx, top, sim.Dt);
        var series = SeriesSection.Read(ctx, top);
        var readouts = ReadoutSection.Read(ctx, top);

        return new NetworkSpec(sim, populations, projections, inputs, monitors) { Series = series, Readouts = readouts, Variant = variant };
    }
}
