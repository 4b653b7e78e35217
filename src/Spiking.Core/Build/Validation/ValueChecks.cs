using Spiking.Description;

namespace Spiking.Build;

/// <summary>Checks that several sections share: drawn values and neuron indices.</summary>
internal static class ValueChecks
{
    /// <summary>A constant must be finite, and a distribution's bounds and spread must make sense.</summary>
    public static void CheckValue(ValidationContext ctx, ValueSpec v, string at)
    {
        switch (v)
        {
            case ConstantValue c when !double.IsFinite(c.Value): ctx.Err(at, "must be a finite number"); break;
            case UniformValue u when !(u.Low <= u.High): ctx.Err(at, $"uniform bounds must satisfy low <= high (got {u.Low}, {u.High})"); break;
            case NormalValue n when !(n.StandardDeviation >= 0): ctx.Err(at, $"a standard deviation must be >= 0 (got {n.StandardDeviation})"); break;
            case NormalValue n when n.IsTruncated && !(n.Low < n.High):
                ctx.Err(at, $"normal bounds must satisfy min < max (got {n.Low}, {n.High})"); break;
            case NormalValue n when n.IsTruncated && n.StandardDeviation > 0 && (n.Low > n.Mean + 5 * n.StandardDeviation || n.High < n.Mean - 5 * n.StandardDeviation):
                ctx.Err(at, $"the bounds [{n.Low}, {n.High}] of normal [{n.Mean}, {n.StandardDeviation}] lie more than 5 standard deviations from the mean: almost every draw would be redrawn"); break;
            case GammaValue g when !(g.StandardDeviation >= 0) || !double.IsFinite(g.Mean) || !double.IsFinite(g.StandardDeviation):
                ctx.Err(at, $"gamma needs a finite mean and a standard deviation >= 0 (got {g.Mean}, {g.StandardDeviation})"); break;
        }
    }

    /// <summary>Every listed index lies in 0..size−1; reports the first one outside. Nothing to check without a list or a size.</summary>
    public static void CheckNeurons(ValidationContext ctx, IReadOnlyList<int>? neurons, int size, string at)
    {
        if (neurons is null || size <= 0) return;
        foreach (var n in neurons)
            if (n < 0 || n >= size) { ctx.Err(at, $"neuron index {n} is outside 0..{size - 1}"); return; }
    }
}
