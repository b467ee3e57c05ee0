using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

public sealed class MinMaxDecimatorTests
{
    private static List<int> Decimate(double[] x, double[] y, double min, double max, int pixels, bool log = false)
    {
        var indices = new List<int>();
        MinMaxDecimator.Decimate(x, y, new ScaleTransform(min, max, 0, pixels, false), log, indices);
        return indices;
    }

    [Fact]
    public void Each_column_keeps_first_min_max_last_in_order()
    {
        // Column 0 holds x 0..9 (10 points per pixel): first y 5, min −3 at 2, max 9 at 7, last y 1.
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        double[] y = [5, 4, -3, 0, 2, 2, 2, 9, 3, 1, 7, 7];
        var indices = Decimate(x, y, 0, 12, 1);
        // One pixel for 12 units → every point in column 0 (x in [0, 12)).
        Assert.Equal([0, 2, 7, 11], indices);
    }

    [Fact]
    public void Nan_breaks_the_line()
    {
        double[] x = [0, 1, 2, 3, 4];
        double[] y = [1, 2, double.NaN, 4, 5];
        Assert.Equal([0, 1, MinMaxDecimator.Break, 3, 4], Decimate(x, y, 0, 4, 400));
    }

    [Fact]
    public void A_million_points_become_at_most_four_per_column_and_keep_every_extreme()
    {
        const int n = 1_000_000, pixels = 1500;
        var random = new Random(42);
        var x = new double[n];
        var y = new double[n];
        double v = 0;
        for (int i = 0; i < n; i++)
        {
            x[i] = i;
            v += random.NextDouble() - 0.5;
            y[i] = v;
        }
        y[123_456] = 1e6;   // a single spike must survive
        y[654_321] = -1e6;
        var indices = Decimate(x, y, 0, n - 1, pixels);
        Assert.True(indices.Count <= 4 * (pixels + 1), $"{indices.Count} points");
        Assert.Contains(123_456, indices);
        Assert.Contains(654_321, indices);
        Assert.Equal(0, indices[0]);
        Assert.Equal(n - 1, indices[^1]);
        Assert.True(indices.Zip(indices.Skip(1)).All(p => p.First < p.Second), "indices ascend");

        // Per column, the kept points have exactly the column's minimum and maximum y.
        var scale = new ScaleTransform(0, n - 1, 0, pixels, false);
        var byColumn = Enumerable.Range(0, n).GroupBy(i => (int)Math.Floor(scale.ToPixel(x[i])));
        var kept = indices.GroupBy(i => (int)Math.Floor(scale.ToPixel(x[i]))).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var column in byColumn)
        {
            var k = kept[column.Key];
            Assert.Equal(column.Min(i => y[i]), k.Min(i => y[i]));
            Assert.Equal(column.Max(i => y[i]), k.Max(i => y[i]));
            Assert.Equal(column.First(), k.First());
            Assert.Equal(column.Last(), k.Last());
        }
    }

    [Fact]
    public void Points_outside_the_visible_range_are_skipped_except_one_neighbour_each_side()
    {
        var x = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var y = x.Select(v => v * v).ToArray();
        var indices = Decimate(x, y, 40, 60, 1000);
        Assert.Equal(39, indices[0]);
        Assert.Equal(61, indices[^1]);
    }
}
