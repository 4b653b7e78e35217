using MathNet.Numerics.LinearAlgebra;
using Spiking.Motion;

namespace Spiking.Tests.Motion;

/// <summary>The coordinate-descent lasso against its closed forms.</summary>
public class LassoTests
{
    [Fact]
    public void Soft_threshold_shrinks_towards_zero_by_t()
    {
        Assert.Equal(1.5, Lasso.SoftThreshold(2.0, 0.5));
        Assert.Equal(-1.5, Lasso.SoftThreshold(-2.0, 0.5));
        Assert.Equal(0.0, Lasso.SoftThreshold(0.4, 0.5));
        Assert.Equal(0.0, Lasso.SoftThreshold(-0.5, 0.5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(100.0)]
    public void On_an_orthonormal_design_the_lasso_is_soft_thresholding(double lambda)
    {
        // With XᵀX = I the objective separates: β_k = S(x_kᵀy, λ) (Tibshirani 1996, eq. 3).
        int rows = 20, n = 6;
        var q = MotionTestData.Orthonormal(rows, n, 11); // column k at q[k*rows ..]
        var y = MotionTestData.Normal(rows, 12);
        var x = new double[rows, n];
        for (int k = 0; k < n; k++) for (int r = 0; r < rows; r++) x[r, k] = q[k * rows + r];
        var beta = Lasso.Solve(x, y, lambda);
        for (int k = 0; k < n; k++)
        {
            double z = 0;
            for (int r = 0; r < rows; r++) z += x[r, k] * y[r];
            Assert.Equal(Lasso.SoftThreshold(z, lambda), beta[k], 1e-10);
        }
    }

    [Fact]
    public void With_lambda_zero_it_is_least_squares()
    {
        int rows = 30, n = 5;
        var v = MotionTestData.Normal(rows * n, 21);
        var y = MotionTestData.Normal(rows, 22);
        var x = new double[rows, n];
        for (int r = 0; r < rows; r++) for (int k = 0; k < n; k++) x[r, k] = v[r * n + k] + (k == 0 ? 0.5 * v[r * n + 1] : 0); // correlated columns
        var beta = Lasso.Solve(x, y, 0);
        var ls = Matrix<double>.Build.DenseOfArray(x).QR().Solve(Vector<double>.Build.DenseOfArray(y));
        for (int k = 0; k < n; k++) Assert.Equal(ls[k], beta[k], 1e-9);
    }

    [Theory]
    // x = (1, 2), y = (3, 1): xᵀx = 5, xᵀy = 5, so β = S(5, λ)/5 by hand.
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.8)]
    [InlineData(2.5, 0.5)]
    [InlineData(5.0, 0.0)]
    [InlineData(7.0, 0.0)]
    public void One_dimensional_case_by_hand(double lambda, double expected)
    {
        var beta = Lasso.Solve(new double[,] { { 1 }, { 2 } }, [3.0, 1.0], lambda);
        Assert.Equal(expected, beta[0], 1e-12);
    }

    [Fact]
    public void Optimality_conditions_hold_on_a_correlated_design()
    {
        // KKT: x_kᵀ(y − Xβ) = λ sign(β_k) where β_k ≠ 0 and |x_kᵀ(y − Xβ)| ≤ λ where β_k = 0.
        int rows = 40, n = 12;
        var v = MotionTestData.Normal(rows * n, 31);
        var y = MotionTestData.Normal(rows, 32);
        var x = new double[rows, n];
        for (int r = 0; r < rows; r++) for (int k = 0; k < n; k++) x[r, k] = v[r * n + k] + 0.7 * v[r * n + (k + 1) % n];
        double lambda = 2.0;
        var beta = Lasso.Solve(x, y, lambda);
        int zeros = 0;
        for (int k = 0; k < n; k++)
        {
            double g = 0;
            for (int r = 0; r < rows; r++)
            {
                double res = y[r];
                for (int l = 0; l < n; l++) res -= x[r, l] * beta[l];
                g += x[r, k] * res;
            }
            if (beta[k] != 0) Assert.Equal(lambda * Math.Sign(beta[k]), g, 1e-8);
            else { Assert.True(Math.Abs(g) <= lambda + 1e-8, $"coordinate {k}: |gradient| {Math.Abs(g)} > λ"); zeros++; }
        }
        Assert.InRange(zeros, 1, n - 1); // this λ leaves some coordinates at zero and not all
    }
}
