using Spiking.Connectors;
using Spiking.Build;
using Spiking.Description;
using Spiking.IO.ModelFiles;
using Spiking.Random;
using static Spiking.Tests.ModelFiles.ModelFileTestHelper;

namespace Spiking.Tests.Core;

/// <summary>A connector kind registered by a program is read, checked, scaled and built like a built-in one.</summary>
public class ConnectorRegistryTests
{
    /// <summary>Pre neuron i to post neuron (i + step) mod N_post.</summary>
    private sealed record RingConnector(int Step) : ConnectorSpec;

    private sealed class RingKind : ConnectorKind<RingConnector>
    {
        public override string Name => "test_ring";

        public override IReadOnlyList<string> Keys { get; } = ["step"];

        public override RingConnector Read(IConnectorFields fields)
            => new((int)(fields.Integer("step", required: false, int.MinValue, int.MaxValue, "an integer offset") ?? 1));

        public override void Check(RingConnector spec, ConnectorCheck check)
        {
            if (spec.Step <= 0) check.Error("step", $"must be > 0 (got {spec.Step})");
        }

        public override SynapseTable Build(RingConnector spec, in ConnectivityBuilder.Context c)
        {
            int postSize = c.PostSize, step = spec.Step;
            return ConnectivityBuilder.ByRow(c, (int i, ref PhiloxStream rng, List<int> row) => row.Add((i + step) % postSize));
        }
    }

    private const string Connector = "connector = { kind = \"fixed_probability\", p = 0.1 }";

    static ConnectorRegistryTests() => ConnectorRegistry.Register(new RingKind());

    [Fact]
    public void Built_in_kinds_come_first_in_the_order_messages_list_them()
    {
        Assert.Equal(["all_to_all", "one_to_one", "fixed_probability", "distance", "fixed_indegree", "fixed_outdegree", "fixed_total_number", "explicit"],
            ConnectorRegistry.Names.Take(8));
        Assert.True(ConnectorRegistry.TryGet(new FixedInDegreeConnector(3), out var kind));
        Assert.Same(FixedInDegreeKind.Instance, kind);
    }

    [Fact]
    public void A_registered_kind_is_read_from_a_model_file_by_name_or_as_a_table()
    {
        var spec = Ok(Valid.Replace(Connector, "connector = { kind = \"test_ring\", step = 3, allow_autapses = false }"));
        Assert.Equal(new RingConnector(3) { AllowAutapses = false }, spec.Projections[0].Connector);
        spec = Ok(Valid.Replace(Connector, "connector = \"test_ring\""));
        Assert.Equal(new RingConnector(1), spec.Projections[0].Connector);
    }

    [Fact]
    public void A_registered_kind_checks_its_fields_with_the_line_and_refuses_unknown_keys()
    {
        var toml = Valid.Replace(Connector, "connector = { kind = \"test_ring\", step = 0, p = 1 }");
        var ex = Fail(toml);
        int line = LineOf(toml, "test_ring");
        AssertError(ex, line, "projections[0].connector.p", "unknown key 'p'", "allowed keys here: kind, allow_autapses, step");
        AssertError(ex, line, "projections[0].connector.step", "must be > 0 (got 0)");
    }

    [Fact]
    public void A_registered_kind_builds_its_rows_and_is_refused_by_scale_unless_it_says_how()
    {
        var spec = Ok(Valid.Replace(Connector, "connector = { kind = \"test_ring\", step = 5 }"));
        var pr = spec.Projections[0];
        var table = ConnectivityBuilder.Build(new ConnectivityBuilder.Context(pr, 0, 80, 80, true, 0.1, false, false, 1, 2));
        Assert.Equal(80, table.Count);
        for (int i = 0; i < 80; i++) Assert.Equal((i + 5) % 80, table.Target[table.RowStart[i]]);
        var ex = Assert.Throws<SpecException>(() => NetworkScaling.Scale(spec, 0.5));
        Assert.Contains(ex.Errors, e => e.Path == "projections[0].connector" && e.Message == "projection 'ee': connector RingConnector cannot be scaled");
    }
}
