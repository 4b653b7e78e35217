using Spiking.Models;

namespace Spiking.Tests.Core;

/// <summary>C# code writes model parameters with units, checked against the model's dimensions.</summary>
public class ModelParametersTests
{
    [Fact]
    public void Quantities_with_units_become_base_units()
    {
        var p = ModelParameters.For("lif_cuba", ("tau_m", "0.02 s"), ("E_L", "-49 mV"), ("R_m", "100 Mohm"));
        Assert.Equal(20, p["tau_m"], 12);
        Assert.Equal(-49, p["E_L"], 12);
        Assert.Equal(3, p.Count);
    }

    [Fact]
    public void A_wrong_dimension_or_name_is_refused_with_every_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelParameters.For("lif_cuba", ("tau_m", "20 mV"), ("tau", "20 ms"), ("E_L", "-49 mV"), ("E_L", "-50 mV")));
        Assert.Contains("tau_m = \"20 mV\"", e.Message);
        Assert.Contains("model 'lif_cuba' has no parameter 'tau'", e.Message);
        Assert.Contains("E_L is given twice", e.Message);
        Assert.Throws<ArgumentException>(() => ModelParameters.For("no_such_model", ("tau_m", "20 ms")));
    }
}
