using Spiking.Units;

namespace Spiking.Tests.Core;

public class QuantityTests
{
    [Theory]
    [InlineData("20 ms", Dimension.Time, 20)]
    [InlineData("0.1ms", Dimension.Time, 0.1)]
    [InlineData("1 s", Dimension.Time, 1000)]
    [InlineData("-50 mV", Dimension.Voltage, -50)]
    [InlineData("0.5 nA", Dimension.Current, 0.5)]
    [InlineData("250 pA", Dimension.Current, 0.25)]
    [InlineData("6 nS", Dimension.Conductance, 6)]
    [InlineData("0.006 uS", Dimension.Conductance, 6)]
    [InlineData("200 pF", Dimension.Capacitance, 200)]
    [InlineData("100 Mohm", Dimension.Resistance, 100)]
    [InlineData("10 Hz", Dimension.Frequency, 10)]
    [InlineData("1e-3 s", Dimension.Time, 1)]
    [InlineData("42", Dimension.Voltage, 42)]
    public void Quantities_convert_to_base_units(string text, Dimension dimension, double expected)
    {
        Assert.True(Quantity.TryParse(text, dimension, out var value, out var error), error);
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("20 mV", Dimension.Time, "voltage")]
    [InlineData("20 parsecs", Dimension.Time, "not a known unit")]
    [InlineData("fast", Dimension.Time, "does not start with a number")]
    public void Wrong_units_are_rejected_with_a_reason(string text, Dimension dimension, string reason)
    {
        Assert.False(Quantity.TryParse(text, dimension, out _, out var error));
        Assert.Contains(reason, error);
    }
}
