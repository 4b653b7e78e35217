using Spiking.Numerics;
namespace Spiking.Models;

/// <summary>The logistic function of the stochastic binary units.</summary>
internal static class Logistic
{
    /// <summary>σ(a) = 1 / (1 + e^(−a)), evaluated without overflow for any finite a (e^(−|a|) only), with <see cref="PortableMath.Exp(double)"/> so every backend gets the same bits.</summary>
    public static double Sigmoid(double a)
    {
        if (a >= 0) return 1 / (1 + PortableMath.Exp(-a));
        double e = PortableMath.Exp(a);
        return e / (1 + e);
    }
}
