using Spiking.Description;
using Spiking.Models;

namespace Spiking.Build;

/// <summary>The parts of a population that place or drive its units: layouts, columns and spike-source times.</summary>
internal static class LayoutChecks
{
    /// <summary>Layouts, columns and spike-source times.</summary>
    public static void Check(ValidationContext ctx)
    {
        var spec = ctx.Spec;
        var columns = new Dictionary<string, (GridLayout Layout, int Size, string First)>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Populations.Count; k++)
        {
            var p = spec.Populations[k];
            string at = $"populations[{k}]";
            if (p.SpikeTimes is { } trains) CheckSpikeTimes(ctx, p, trains, at);
            if (p.Column is not null && p.Layout is null) ctx.Err($"{at}.column", "a column shares the sites of a layout: give layout = { grid = [nx, ny, nz] } too");
            if (p.Layout is not { } layout) continue;
            if (layout.Nx <= 0 || layout.Ny <= 0 || layout.Nz <= 0) { ctx.Err($"{at}.layout", $"grid dimensions must be positive (got [{layout.Nx}, {layout.Ny}, {layout.Nz}])"); continue; }
            if (p.Column is null)
            {
                if (p.Size != layout.Sites) ctx.Err($"{at}.layout", $"a grid of {layout.Sites} sites holds a population of {layout.Sites} neurons, not {p.Size} (share a grid between populations with column = \"NAME\")");
                continue;
            }
            if (columns.TryGetValue(p.Column, out var c))
            {
                if (c.Layout != layout) ctx.Err($"{at}.layout", $"column '{p.Column}' has layout [{c.Layout.Nx}, {c.Layout.Ny}, {c.Layout.Nz}] (population '{c.First}'); all its populations need the same");
                columns[p.Column] = (c.Layout, c.Size + p.Size, c.First);
            }
            else columns[p.Column] = (layout, p.Size, p.Name);
        }
        foreach (var (name, c) in columns)
            if (c.Size != c.Layout.Sites)
                ctx.Err("populations", $"the populations of column '{name}' have {c.Size} neurons for its {c.Layout.Sites} grid sites; their sizes must add up to the number of sites");
    }

    /// <summary>Only models that take spike times (<see cref="INeuronModel.TakesSpikeTimes"/>) get them; one finite, non-negative train per unit at most.</summary>
    private static void CheckSpikeTimes(ValidationContext ctx, PopulationSpec p, IReadOnlyList<IReadOnlyList<double>> trains, string at)
    {
        if (!(ModelRegistry.TryGet(p.Model, out var model) && model.TakesSpikeTimes))
        {
            var takers = ModelRegistry.Names.Where(n => ModelRegistry.TryGet(n, out var m) && m.TakesSpikeTimes);
            ctx.Err($"{at}.spike_times", $"only {string.Join(", ", takers)} populations take spike times (this one is '{p.Model}')");
        }
        if (trains.Count > p.Size) ctx.Err($"{at}.spike_times", $"{trains.Count} spike trains for {p.Size} units");
        for (int i = 0; i < trains.Count; i++)
            if (trains[i].Any(t => !(t >= 0) || !double.IsFinite(t))) { ctx.Err($"{at}.spike_times", $"spike times must be finite and >= 0 ms (unit {i})"); break; }
    }
}
