using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Tests.Experiments;

public sealed class SweepGridTests
{
    private static SweepAxis Axis(string name, params double[] values) => new()
    {
        Name = name,
        Target = SweepAxisTarget.Leverage,
        Values = values.Select(SpecValue.FromNumber).ToArray(),
        JsonPath = "$.sweep." + name,
    };

    [Fact]
    public void No_axes_is_one_run()
    {
        var grid = new SweepGrid([]);
        Assert.Equal(1, grid.RunCount);
        Assert.Equal(0, grid.RunIndexOf([]));
    }

    [Fact]
    public void Row_major_order_first_axis_slowest()
    {
        var grid = new SweepGrid([Axis("a", 1, 2), Axis("b", 10, 20, 30)]);
        Assert.Equal(6, grid.RunCount);
        var points = Enumerable.Range(0, 6).Select(r => (grid.Value(r, 0).Number, grid.Value(r, 1).Number)).ToArray();
        Assert.Equal([(1, 10), (1, 20), (1, 30), (2, 10), (2, 20), (2, 30)], points);
    }

    [Fact]
    public void Every_run_is_a_distinct_point_and_index_round_trips()
    {
        var grid = new SweepGrid([Axis("a", 1, 2, 3), Axis("b", 1, 2), Axis("c", 1, 2, 3, 4, 5)]);
        var seen = new HashSet<(int, int, int)>();
        for (int r = 0; r < grid.RunCount; r++)
        {
            int[] c = [grid.Coordinate(r, 0), grid.Coordinate(r, 1), grid.Coordinate(r, 2)];
            Assert.True(seen.Add((c[0], c[1], c[2])));
            Assert.Equal(r, grid.RunIndexOf(c));
        }

        Assert.Equal(30, seen.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Coordinate(30, 0));
        Assert.Throws<ArgumentException>(() => grid.RunIndexOf([0, 2, 0]));
    }

    [Fact]
    public void Oversized_sweep_is_rejected()
    {
        var big = Enumerable.Range(0, 5000).Select(i => (double)i + 1).ToArray();
        Assert.Throws<ExperimentSpecException>(() => new SweepGrid([Axis("a", big), Axis("b", big)]));
    }

    [Fact]
    public void Shards_cover_every_run_exactly_once_in_contiguous_slices()
    {
        foreach (int runs in new[] { 1, 7, 200 })
        {
            foreach (int shards in new[] { 1, 3, 8 })
            {
                var covered = new List<int>();
                for (int i = 0; i < shards; i++)
                {
                    var shard = new SweepShard(i, shards);
                    covered.AddRange(Enumerable.Range(shard.Start(runs), shard.End(runs) - shard.Start(runs)));
                }

                Assert.Equal(Enumerable.Range(0, runs), covered);
            }
        }
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    public void Shard_parses(string text, int index, int count) => Assert.Equal(new SweepShard(index, count), SweepShard.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Bad_shard_is_a_format_error(string text) => Assert.Throws<FormatException>(() => SweepShard.Parse(text));
}
