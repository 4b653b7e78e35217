namespace Spiking.Models;

/// <summary>
/// The exponential a model's math uses, as a struct type parameter: each backend passes the one its
/// vector or device code computes, so the scalar reference and the fast loops of that backend agree
/// bit for bit (e^x is not correctly rounded, and .NET's Vector256.Exp, Math.Exp and a GPU's exp
/// may differ in the last bit).
/// </summary>
public interface IExponential
{
    /// <summary>e^x.</summary>
    double Exp(double x);
}

/// <summary>Math.Exp: on a device, ILGPU maps it to the device's own exponential.</summary>
public readonly struct StandardExponential : IExponential
{
    /// <inheritdoc />
    public double Exp(double x) => Math.Exp(x);
}
